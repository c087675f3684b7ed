"""Recording what was agreed on the call (or that it was refused), and the call log."""

from datetime import timedelta

import aiosqlite

from tests.support.chat import Bot, Chat, Clock
from tests.support.flows import (
    agree,
    deal_in_12,
    deal_over_the_budget,
    one_debt,
    planned,
    situation,
)


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


async def test_deal_needs_a_plan_first(alice: Chat) -> None:
    await alice.send("/deal")
    assert "/start" in alice.last_text


async def test_installments_split_from_a_total_with_monthly_due_day(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    assert alice.buttons() == ["✅ 谈好了", "❌ 没谈成"]
    await alice.tap("谈好了")
    assert "就按建议方案" in alice.buttons()
    await alice.tap("分期")
    await alice.send("十二期")
    await alice.send("共23500")
    await alice.send("12月10日")
    await alice.tap("每月 10 号")
    await alice.send("工号 A1234")
    confirmation = alice.last_text
    assert "花呗：共 12 期，合计 23,500 元" in confirmation
    assert "第 1 期 2026年12月10日：1,958.34 元" in confirmation
    assert "第 12 期 2027年11月10日：1,958.33 元" in confirmation
    assert "客服工号：A1234" in confirmation
    await alice.tap("保存")
    assert "已保存" in alice.last_text

    installments = await rows(bot, "SELECT due_date, amount_fen FROM installments ORDER BY number")
    assert len(installments) == 12
    assert sum(r["amount_fen"] for r in installments) == 2_350_000
    assert [r["due_date"] for r in installments][:3] == ["2026-12-10", "2027-01-10", "2027-02-10"]
    [call] = await rows(bot, "SELECT outcome, staff_id FROM call_log")
    assert tuple(call) == ("agreed", "A1234")
    kinds = await rows(
        bot,
        "SELECT kind, COUNT(*) FROM reminders WHERE status = 'pending' GROUP BY kind ORDER BY kind",
    )
    # the plan's "打了吗？" nudges ended with the recorded call; one check-in three months on
    assert [tuple(k) for k in kinds] == [
        ("check_in", 1),
        ("due", 12),
        ("followup", 12),
        ("lead", 24),
    ]


async def test_the_suggested_plan_as_it_is(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("就按建议方案")
    # which of the plan's options was agreed: the one asked for, or with the penalty added
    assert alice.buttons() == [
        "每月 1,679 元，分 14 期",
        "罚息一起分：每月 1,717 元，14 期",
        "都不是，我自己填",
    ]
    await alice.tap("每月 1,679 元")
    await alice.tap("跳过")
    assert "花呗：共 14 期，合计 23,500 元" in alice.last_text
    assert "第 1 期 2026年12月17日：1,679 元" in alice.last_text
    assert "第 14 期 2028年1月17日：1,673 元" in alice.last_text
    assert "⚠️" not in alice.last_text
    await alice.tap("保存")
    [(count,)] = await rows(bot, "SELECT COUNT(*) FROM installments")
    assert count == 14


async def test_the_suggested_plan_with_the_penalty_added(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("就按建议方案")
    await alice.tap("罚息一起分")
    await alice.tap("跳过")
    assert "花呗：共 14 期，合计 24,028.75 元" in alice.last_text
    await alice.tap("保存")
    amounts = await rows(bot, "SELECT amount_fen FROM installments ORDER BY number")
    assert sum(r["amount_fen"] for r in amounts) == 2_402_875
    assert all(r["amount_fen"] % 100 == 0 for r in amounts[:-1])


async def test_own_terms_after_choosing_the_plan(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("就按建议方案")
    await alice.tap("都不是")
    assert "就按建议方案" not in alice.buttons() and "分期" in alice.buttons()


async def test_terms_above_what_the_budget_carries_are_saved_only_after_a_warning(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)  # at most 1,800 a month
    await deal_over_the_budget(alice)
    text = alice.last_text
    assert "⚠️ 这样 2026年12月 要还 2,350 元，超过了你每月最多能拿出的 1,800 元" in text
    assert alice.buttons() == ["先不存，再去谈", "仍然保存", "重新填"]
    await alice.tap("先不存")
    assert "每月最多能还 1,800 元" in alice.last_text
    assert "每月 1,679 元，分 14 期" in alice.last_text
    assert alice.buttons() == ["📞 通话稿"]
    [(count,)] = await rows(bot, "SELECT COUNT(*) FROM deals")
    assert count == 0

    await deal_over_the_budget(alice)
    await alice.tap("仍然保存")
    assert "已保存" in alice.last_text
    [(count,)] = await rows(bot, "SELECT COUNT(*) FROM installments")
    assert count == 10


async def test_a_pause_then_installments_and_a_single_payment(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "12000", "30天", None)
    await alice.tap("还有一笔")
    await one_debt(alice, "借呗", "3000", "20天", "0.05%")
    await alice.tap("没有了")
    await situation(alice, "失业", "约3个月", "6000", "4000", None)
    await alice.tap("确认")

    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("花呗")
    await alice.tap("先暂缓")
    await alice.send("2027年3月1日")
    await alice.send("6")
    await alice.send("2000")
    assert "以后每月几号还" in alice.last_text
    await alice.send("每月15号")
    await alice.tap("跳过")
    assert "第 1 期 2027年3月15日：2,000 元" in alice.last_text
    await alice.tap("保存")
    assert "记录下一笔" in alice.buttons()

    await alice.tap("记录下一笔")
    await alice.tap("谈好了")
    await alice.tap("借呗")
    await alice.tap("一次还清")
    await alice.send("3000")
    await alice.send("12月20日")
    await alice.tap("跳过")
    assert "借呗：共 1 期，合计 3,000 元" in alice.last_text
    await alice.tap("保存")
    assert "记录下一笔" not in alice.buttons()

    deals = await rows(bot, "SELECT kind FROM deals ORDER BY id")
    assert [d["kind"] for d in deals] == ["pause_then_installments", "single"]
    await alice.send("/plan")
    assert alice.last_text.count("\n⏳ ") == 7


async def test_bad_answers_while_recording_get_one_short_line_and_keep_the_question(
    alice: Chat,
) -> None:
    await planned(alice)
    await alice.send("/deal")
    shown = await alice.send("好了")  # done with the call, but agreed or not?
    assert len(shown) == 1
    assert "没看懂" in alice.last_text and "打完电话了吗" not in alice.last_text
    assert alice.buttons() == ["✅ 谈好了", "❌ 没谈成"]  # under the one short line
    await alice.tap("谈好了")
    await alice.tap("分期")
    await alice.send("很多期")
    assert alice.last_text == "请写一共几期，1 到 120 之间的整数，比如 12。"
    await alice.send_sticker()
    assert alice.last_text == "我只能看懂文字。一共分几期？"
    await alice.send("12")
    await alice.send("共0.05")  # 5 fen over 12 installments cannot work
    await alice.send("2020-01-01")
    assert "已经过了" in alice.last_text and "第一期哪天还" not in alice.last_text
    await alice.send("随便")
    assert "没看懂这个日期" in alice.last_text and "不存在" not in alice.last_text
    await alice.send("12月10日")
    await alice.send("40号")
    assert "1 到 31" in alice.last_text
    await alice.send("10号")
    await alice.tap("跳过")
    # the summary failed: the question it needs comes again, in full (it was not just asked)
    assert "总数比期数还少" in alice.last_text and "每期还多少元" in alice.last_text
    await alice.send("1000")  # corrected: straight back to the summary
    assert "合计 12,000 元" in alice.last_text
    await alice.send("嗯？")
    assert len(alice.last_text) < 60 and "合计" not in alice.last_text
    assert alice.buttons() == ["✅ 保存", "重新填"]


async def test_a_refused_call_is_logged_with_a_reminder_to_call_again(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("没谈成")
    await alice.send("8848")
    await alice.send("客服说只能先还最低")
    assert "别灰心" in alice.last_text and "12378" in alice.last_text
    await alice.tap("明天上午")
    assert "2026年11月25日 10:00" in alice.last_text
    # what is still to come: the call-again (the plan's nudges ended with the recorded call)
    [reminder] = await rows(bot, "SELECT kind, due_at FROM reminders WHERE status = 'pending'")
    assert tuple(reminder) == ("call_again", "2026-11-25T02:00:00+00:00")

    await deal_in_12(alice)
    await alice.send("/calls")
    text = alice.last_text
    assert text.index("✅ 谈好了") < text.index("❌ 没谈成")
    assert "工号 8848" in text and "客服说只能先还最低" in text


async def test_a_new_deal_for_the_same_debt_replaces_the_old_one(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await deal_in_12(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("一次还清")
    await alice.send("23500")
    await alice.send("12月1日")
    await alice.tap("跳过")
    await alice.tap("保存")
    [(active,)] = await rows(bot, "SELECT COUNT(*) FROM deals WHERE active = 1")
    assert active == 1
    waiting = await rows(
        bot,
        "SELECT COUNT(*) FROM reminders r JOIN installments i ON i.id = r.installment_id"
        " JOIN deals d ON d.id = i.deal_id WHERE d.active = 0 AND r.status = 'pending'",
    )
    assert waiting[0][0] == 0
    await alice.send("/status")
    assert "0/1 期" in alice.last_text


async def test_start_while_recording_hands_over_to_the_intake(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.send("/start")
    assert "已经有一份方案" in alice.last_text
    await alice.tap("看我的方案")
    assert "你的方案" in "\n".join(m.text for m in alice.seen[-7:])


async def test_delete_erases_every_row_of_the_user_and_nothing_of_others(
    bot: Bot, alice: Chat, bob: Chat
) -> None:
    await planned(alice)
    await deal_in_12(alice)
    await alice.send("/deal")
    await alice.tap("没谈成")
    await alice.tap("跳过")
    await alice.tap("跳过")
    await alice.tap("明天上午")
    await planned(bob)
    await deal_in_12(bob)

    await alice.send("/delete")
    await alice.tap("确定删除")
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cursor:
        tables = [row[0] for row in await cursor.fetchall()]
    assert {"users", "cases", "debts", "deals", "installments", "reminders", "call_log"} <= set(
        tables
    )
    for table in tables:
        async with conn.execute(f"PRAGMA table_info({table})") as cursor:
            columns = {row[1] for row in await cursor.fetchall()}
        if "user_id" in columns:
            sql = f"SELECT COUNT(*) FROM {table} WHERE user_id = ?"
            async with conn.execute(sql, (alice.user_id,)) as cursor:
                assert (await cursor.fetchone())[0] == 0, table
    for table in ("debts", "installments"):  # no orphans of alice's either
        async with conn.execute(f"SELECT COUNT(*) FROM {table}") as cursor:
            assert (await cursor.fetchone())[0] > 0  # bob's rows are still there
    async with conn.execute("SELECT key FROM conversations") as cursor:
        assert all(f"{alice.user_id}]" not in row[0] for row in await cursor.fetchall())
    await bob.send("/status")
    assert "已还 0/12 期" in bob.last_text


async def test_a_summary_left_overnight_is_checked_again_on_save(
    bot: Bot, alice: Chat, clock: Clock
) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("一次还清")
    await alice.send("23500")
    await alice.send("今天")
    await alice.tap("跳过")
    assert "请核对约定" in alice.last_text
    clock.now = clock.now + timedelta(days=1)  # saved only the next day
    await alice.tap("保存")
    assert "已经过了" in alice.last_text and "哪天还" in alice.last_text
    await alice.send("12月20日")
    assert "请核对约定" in alice.last_text and "2026年12月20日" in alice.last_text
    await alice.tap("保存")
    assert "已保存" in alice.last_text
    await alice.send("随便说点")
    assert "请点下面的按钮" not in alice.last_text


async def test_a_small_debt_cleared_first_is_recorded_as_one_payment(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "10", "23天", None)
    await alice.tap("还有一笔")
    await one_debt(alice, "借呗", "30000", "54天", None)
    await alice.tap("没有了")
    await situation(alice, "收入减少", "约3个月", "5000", "3900", None)
    shown = await alice.tap("确认")
    assert "第一期先把花呗 10 元还清" in shown[0].text
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("花呗")
    await alice.tap("就按建议方案")
    assert alice.buttons()[0] == "一次还清 10 元"
    await alice.tap("一次还清")
    await alice.tap("跳过")
    assert "花呗：共 1 期，合计 10 元" in alice.last_text
    await alice.tap("保存")
    [(count,)] = await rows(bot, "SELECT COUNT(*) FROM installments")
    assert count == 1


async def test_a_deal_for_less_than_the_debt_is_questioned_before_saving(alice: Chat) -> None:
    await planned(alice)  # 花呗 23,500 元 overdue
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("分期")
    await alice.send("12期")
    await alice.send("1000")
    await alice.send("12月17日")
    await alice.tap("每月 17 号")
    await alice.tap("跳过")
    summary = alice.last_text
    assert "合计 12,000 元" in summary and "比这笔逾期的 23,500 元还少" in summary
    assert "书面确认" in summary and len(summary) < 600
