"""Part payments and re-planning as the user meets them (issue 11, points 3 and 4), through
the real Application, with the clock and the reminder engine under the test's control."""

from __future__ import annotations

import re
from decimal import Decimal

import aiosqlite
import pytest

from tests.support.chat import Bot, Chat, Clock
from tests.support.flows import deal_in_12, planned
from tests.support.reminders import at, sweep

_TAG = re.compile(r"<[^>]+>")
_AMOUNT = r"([\d,]+(?:\.\d+)?) 元"


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


def yuan(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def left_of(status: str) -> Decimal:
    found = re.search(r"还剩 " + _AMOUNT, status)
    assert found, status
    return yuan(found[1])


def missing_listed(text: str) -> Decimal:
    """What the listed installments still need: all of an open one, the rest of a part one,
    and the sum given for those not listed."""
    total = Decimal(0)
    for line in text.splitlines():
        if line.startswith(("⏳", "⏰", "❗")):
            found = re.search(_AMOUNT + "$", line)
            assert found, line
            total += yuan(found[1])
        elif line.startswith("🟡 花呗"):
            found = re.search("还差 " + _AMOUNT + "$", line)
            assert found, line
            total += yuan(found[1])
        elif line.startswith("……还有"):
            found = re.search("共 " + _AMOUNT, line)
            assert found, line
            total += yuan(found[1])
    return total


@pytest.fixture
async def with_deal(alice: Chat) -> Chat:
    await planned(alice)
    await deal_in_12(alice)  # 12 × 1,958.34 from 2026-12-10; at most 1,800 a month now
    return alice


async def pay_part(alice: Chat, amount: str) -> str:
    """✅ 已还, then 金额不一样 and the amount actually paid; returns the reply."""
    await alice.tap("已还")
    await alice.tap("金额不一样")
    await alice.send(amount)
    return alice.last_text


async def test_status_and_plan_add_up_to_what_is_left(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-07", 20))
    await pay_part(alice, "1500")

    await alice.send("/status")
    status = alice.last_text
    assert "🟡 花呗 1/12 · 12月10日 · 已还 1,500 元，还差 458.34 元" in status
    assert "<b>下一期</b>：花呗 还差 458.34 元，12月10日" in status
    assert left_of(status) == Decimal("22000")  # 23,500 − 1,500
    assert missing_listed(status) == left_of(status)
    await alice.send("/plan")
    assert "🟡 花呗 1/12" in alice.last_text and "✅" not in alice.last_text.split("）", 1)[1]
    assert missing_listed(alice.last_text) == left_of(status)

    # the rest paid from /status: the same sums still agree
    await alice.send("/status")
    await alice.tap("花呗第1期已还")
    assert "剩下的 458.34 元也还上了" in alice.last_text
    await alice.send("/status")
    assert left_of(alice.last_text) == Decimal("21541.66")
    assert missing_listed(alice.last_text) == left_of(alice.last_text)
    assert len(_TAG.sub("", alice.last_text)) <= 300  # one phone screen


async def test_a_part_payment_keeps_the_reminders_which_name_what_is_missing(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-07", 20))
    reply = await pay_part(alice, "1500")
    assert "已还 1,500 元，还差 <b>458.34 元</b>" in reply
    assert "最晚在还款日 <b>2026年12月10日</b> 当天补上" in reply and "照常提醒你" in reply
    assert alice.buttons() == ["✅ 补上了", "补不上，重新算一下", "↩️ 撤销", "金额不一样"]
    [(paid,)] = await rows(bot, "SELECT paid_fen FROM installments WHERE number = 1")
    assert paid == 150_000

    assert (await sweep(bot, clock, at("2026-12-09", 20))).sent == 1  # 1 day before: still
    assert "第 1/12 期还差 <b>458.34 元</b>，已还 1,500 元" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-10", 9))).sent == 1
    assert "今天是还款日" in alice.last_text and "还差 <b>458.34 元</b>" in alice.last_text

    # ✅ under the reminder: the rest is paid too, and the reply says so
    await alice.tap("已还")
    assert "剩下的 458.34 元也还上了，这一期还清了" in alice.last_text
    waiting = await rows(
        bot,
        "SELECT COUNT(*) FROM reminders WHERE status = 'pending' AND installment_id IS NOT NULL",
    )
    assert waiting[0][0] == 11 * 4  # the evening follow-up of this one is gone

    # undo goes back to the part payment, and the evening follow-up comes again
    await alice.tap("撤销")
    assert "改回“已还 1,500 元，还差 458.34 元”" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-10", 20))).sent == 1
    assert "还差 458.34 元，还款日是 2026年12月10日" in alice.last_text
    assert "补上了吗" in alice.last_text


async def test_a_late_part_payment_is_asked_about_again_in_two_days(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-10", 9))
    await sweep(bot, clock, at("2026-12-10", 20))
    assert "还上了吗" in alice.last_text
    await alice.tap("还没有")
    assert alice.buttons() == ["🔄 重新算一下", "✅ 已还"]

    clock.now = at("2026-12-11", 19)
    reply = await pay_part(alice, "1000")
    assert "还差 <b>958.34 元</b>" in reply
    assert "还款日 2026年12月10日 已经过了，剩下的能补就尽快补上" in reply
    assert "2026年12月13日 20:00 我再问你一次" in reply
    assert "尽快联系支付宝客服 95188" in reply

    assert (await sweep(bot, clock, at("2026-12-13", 19, 59))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-13", 20))).sent == 1
    assert "第 1/12 期还差 958.34 元" in alice.last_text and "补上了吗" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-14", 20))).sent == 0  # once

    # "补不上": the re-plan from the follow-up's "还没有", a payment already late
    await alice.tap("还没有")
    await alice.tap("重新算一下")
    assert "这一期已经过了还款日，尽快联系支付宝客服 95188" in alice.last_text


def spoken(messages: list[str]) -> list[str]:
    return [line for m in messages for line in re.findall("“([^”]*)”", _TAG.sub("", m))]


async def test_cannot_pay_leads_to_a_short_proposal_and_a_call_script(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-07", 20))
    await pay_part(alice, "1500")
    await alice.tap("补不上")

    proposal = alice.last_text
    assert len(_TAG.sub("", proposal)) <= 300
    assert "还剩 22,000 元没还，原来约定每月 1,958.34 元" in proposal
    assert "每月最多能拿出 1,800 元" in proposal
    assert "可以申请把剩下的改成每月 1,693 元，分 13 期" in proposal
    assert "最晚在还款日 <b>12月10日</b> 当天联系支付宝客服 95188" in proposal
    assert "同不同意由支付宝决定" in proposal
    assert alice.buttons() == ["📞 重新协商的通话稿", "📝 谈好了，记录新约定"]

    script = [m.text for m in await alice.tap("重新协商的通话稿")]
    assert len(script) == 2
    assert all(len(_TAG.sub("", m)) <= 300 for m in script)
    said = spoken(script)
    # paid in part: the opening says so, never "一直按约定在还"
    assert "您好，我之前和你们协商过分期，这一期只还上了一部分。" in said
    assert "麻烦先帮我核对一下，现在一共还剩多少？" in said
    assert "我的花呗现在还剩 22,000 元没还。" in said
    assert "想申请把剩下的改成每月 1,693 元，分 13 期。" in said
    assert "这是我不借钱、不动生活费能拿出来的最多的钱。" in said
    assert "改了计划的话，会不会另外多收钱？" in said
    assert "麻烦问一下您的工号？" in said
    assert any("短信" in s for s in said)
    assert all(len(s) <= 40 and not re.search("[()（）]", s) for s in said)
    assert "拨 <b>95188</b>" in script[0] and "最晚在还款日 <b>12月10日</b> 当天打" in script[0]
    assert "同不同意由支付宝决定" in script[1]


async def test_the_new_deal_replaces_the_old_schedule_and_keeps_its_history(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-07", 20))
    await pay_part(alice, "1500")
    await alice.tap("补不上")
    old_ids = [r[0] for r in await rows(bot, "SELECT id FROM installments ORDER BY id")]

    clock.now = at("2026-12-08", 11)  # the call went well; recorded from the proposal
    await alice.tap("记录新约定")
    await alice.tap("谈好了")
    assert "按方案" not in " ".join(alice.buttons())  # the first plan no longer fits
    await alice.tap("分期")
    await alice.send("13期")
    await alice.send("共21000")  # less than the 22,000 still missing: said so
    await alice.send("12月17日")
    await alice.tap("每月 17 号")
    await alice.tap("跳过")
    assert "比原来约定里还没还的 22,000 元还少" in alice.last_text
    assert "比这笔逾期的" not in alice.last_text
    await alice.tap("保存")
    assert "原来约定里还没到期的分期和提醒已经换成新的，已还的记录都留着" in alice.last_text

    # the history: the old deal and every one of its installments are still stored
    deals = await rows(bot, "SELECT active, outcome, ended_at FROM deals ORDER BY id")
    assert [(d[0], d[1]) for d in deals] == [(0, "replanned"), (1, None)]
    assert deals[0][2] is not None and deals[1][2] is None
    placeholders = ", ".join("?" for _ in old_ids)
    kept = await rows(
        bot, f"SELECT number, paid_fen FROM installments WHERE id IN ({placeholders})", *old_ids
    )
    assert len(kept) == 12 and (1, 150_000) in [tuple(k) for k in kept]
    # nothing of the old schedule is left to send
    waiting_old = await rows(
        bot,
        "SELECT COUNT(*) FROM reminders WHERE status IN ('pending', 'claimed')"
        f" AND installment_id IN ({placeholders})",
        *old_ids,
    )
    assert waiting_old[0][0] == 0

    await alice.send("/status")
    assert "已还 0/13 期" in alice.last_text and "还剩 21,000 元" in alice.last_text
    assert "/12" not in alice.last_text

    # the old 12月10日 passes in silence; the new first installment is reminded once
    assert (await sweep(bot, clock, at("2026-12-09", 20))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-10", 9))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-10", 20))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-14", 20))).sent == 1
    assert "花呗 第 1/13 期" in alice.last_text and "还有 3 天" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-14", 20, 5))).sent == 0
    per_kind = await rows(
        bot,
        "SELECT installment_id, kind, lead_days, COUNT(*) FROM reminders"
        " WHERE status != 'cancelled' GROUP BY installment_id, kind, lead_days"
        " HAVING COUNT(*) > 1",
    )
    assert per_kind == []
