"""Reminders as a user meets them, with time under the test's control (nothing sleeps)."""

import asyncio
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosqlite
import pytest

from bot.adapters.rate_limiter import RepliesFirstLimiter
from bot.adapters.retrying_request import TRIES
from bot.jobs.reminders import ReminderEngine
from bot.storage import repo
from tests.support.chat import Bot, Chat, Clock, running_bot
from tests.support.flows import deal_in_12, planned
from tests.support.reminders import at, sweep


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs, not even `except Exception` blocks."""


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


@pytest.fixture
async def with_deal(alice: Chat) -> Chat:
    await planned(alice)
    await deal_in_12(alice)  # first installment 1,958.34 元 on 2026-12-10
    return alice


async def test_reminders_come_at_the_right_local_time_exactly_once(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    before = len(alice.seen)
    assert (await sweep(bot, clock, at("2026-12-07", 19, 59))).sent == 0
    assert len(alice.seen) == before
    report = await sweep(bot, clock, at("2026-12-07", 20, 0))
    assert report.sent == 1
    text = alice.last_text
    assert "花呗 第 1/12 期：<b>1,958.34 元</b>" in text and "还有 3 天" in text
    assert alice.buttons() == ["✅ 已还", "⏰ 稍后提醒", "❓ 还不上怎么办"]
    assert (await sweep(bot, clock, at("2026-12-07", 20, 5))).sent == 0  # never twice
    await sweep(bot, clock, at("2026-12-09", 20, 0))
    assert "还有 1 天" in alice.last_text
    await sweep(bot, clock, at("2026-12-10", 9, 0))
    assert "今天是还款日" in alice.last_text


async def test_nothing_is_sent_in_quiet_hours(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    # the bot was down from before 20:00 until 23:30: the reminder waits for the morning
    assert (await sweep(bot, clock, at("2026-12-07", 23, 30))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-08", 7, 59))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-08", 8, 0))).sent == 1
    assert "还有 2 天" in with_deal.last_text


async def test_paid_then_undo(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-07", 20, 0))
    await alice.tap("已还")
    assert "第 1/12 期，已还 1,958.34 元" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-09", 20, 0))).sent == 0
    await alice.send("/status")
    assert "已还 1/12 期" in alice.last_text
    # undo, from the "paid" message
    paid_message = next(m for m in reversed(alice.seen) if "已还 1,958.34" in m.text)
    undo = next(d for label, d in paid_message.flat_buttons if "撤销" in label)
    await alice.tap_data(undo, paid_message.message_id)
    assert "改回“未还”" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-10", 9, 0))).sent == 1
    assert "今天是还款日" in alice.last_text


async def test_paid_a_different_amount(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-07", 20, 0))
    await alice.tap("已还")
    await alice.tap("金额不一样")
    assert "实际还了多少" in alice.last_text
    await alice.send("很多")
    assert "没看懂这个金额" in alice.last_text
    await alice.send("2000")
    assert "已还 2,000 元" in alice.last_text
    [(paid,)] = await rows(bot, "SELECT paid_fen FROM installments WHERE number = 1")
    assert paid == 200_000
    await alice.send("3000")  # the question is closed: a later number is not another payment
    assert "已还" not in alice.last_text and "/status" in alice.last_text
    [(paid,)] = await rows(bot, "SELECT paid_fen FROM installments WHERE number = 1")
    assert paid == 200_000


async def test_a_conversation_wins_over_an_open_amount_question(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-07", 20, 0))
    await alice.tap("已还")
    await alice.tap("金额不一样")
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("分期")
    await alice.send("6")  # answers the deal's question, not the paid amount
    assert "每期还多少元" in alice.last_text
    [(paid,)] = await rows(bot, "SELECT paid_fen FROM installments WHERE number = 1 LIMIT 1")
    assert paid == 195_834


async def test_snooze_tonight(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-10", 9, 0))
    await alice.tap("稍后提醒")
    await alice.tap("今晚")
    assert "今天 20:00" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-10", 19, 0))).sent == 0
    await sweep(bot, clock, at("2026-12-10", 20, 0))
    # the evening brings the snoozed reminder; the follow-up waits its turn
    assert "今天是还款日" in alice.last_text or "还上了吗" in alice.last_text


async def test_missed_installment_gets_a_follow_up(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-10", 9, 0))
    await sweep(bot, clock, at("2026-12-10", 20, 0))
    assert "还上了吗" in alice.last_text
    assert alice.buttons() == ["✅ 已还", "还没有"]
    await alice.tap("还没有")
    assert "支付宝客服 95188" in alice.last_text and "这期 1,958.34 元" in alice.last_text
    await alice.send("/status")
    assert "⏰ 花呗 1/12" in alice.last_text
    clock.now = at("2026-12-12", 10, 0)
    await alice.send("/status")
    assert "❗" in alice.last_text and "已过 2 天" in alice.last_text
    # marking it paid late works from /status as well
    await alice.tap("花呗第1期已还")
    assert "已还 1,958.34 元" in alice.last_text
    conn = await bot.services.database.connection()
    items = await repo.active_installments(conn, alice.user_id)
    assert items[0].paid


async def test_cannot_pay_advice_offers_the_script(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-07", 20, 0))
    await alice.tap("还不上怎么办")
    assert "最晚在还款日 <b>12月10日</b> 当天" in alice.last_text and "95188" in alice.last_text
    shown = await alice.tap("重新协商的通话稿")
    assert "重新协商花呗：打给 95188" in shown[0].text


async def test_settings_move_and_mute_reminders(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await alice.send("/settings")
    assert "提前 3 天、提前 1 天" in alice.last_text
    await alice.tap("晚上9点")
    assert "提前 1 天（晚上9点）" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-07", 20, 0))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-07", 21, 0))).sent == 1
    await alice.send("/settings")
    await alice.tap("暂停全部提醒")
    assert "已暂停" in alice.last_text
    assert (await sweep(bot, clock, at("2026-12-09", 21, 0))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-10", 9, 0))).sent == 0
    # a missed installment is still followed up, muted or not
    assert (await sweep(bot, clock, at("2026-12-10", 21, 0))).sent == 1
    assert "还上了吗" in alice.last_text


async def test_calendar_export(bot: Bot, with_deal: Chat) -> None:
    alice = with_deal
    await alice.send("/plan")
    assert alice.last_text.count("\n⏳ ") == 12
    await alice.tap("导入手机日历")
    document = alice.last
    assert document.document == "还款提醒.ics"
    body = document.document_bytes.decode()
    assert body.count("BEGIN:VEVENT") == 12
    assert body.count("BEGIN:VALARM") == 36  # 3 days, 1 day before, and on the day


async def test_non_default_timezone(tmp_path: Path) -> None:
    new_york = ZoneInfo("America/New_York")
    clock = Clock(at("2026-11-24", 10, tz=new_york))
    async with running_bot(tmp_path / "bot.sqlite3", clock, timezone="America/New_York") as bot:
        alice = bot.chat(7)
        await planned(alice)
        await deal_in_12(alice)
        assert (await sweep(bot, clock, at("2026-12-07", 19, 59, tz=new_york))).sent == 0
        assert (await sweep(bot, clock, at("2026-12-07", 20, tz=new_york))).sent == 1
        [(due_at,)] = await rows(bot, "SELECT due_at FROM reminders WHERE status = 'sent'")
        assert due_at == "2026-12-08T01:00:00+00:00"  # 20:00 in New York, winter time


async def test_restart_catches_up_without_dropping_or_flooding(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    clock = Clock()
    async with running_bot(database, clock) as bot:
        alice = bot.chat(101)
        await planned(alice)
        await deal_in_12(alice)
    # down from 24 Nov until 9 Dec 21:00: the 3-day and 1-day reminders both passed
    async with running_bot(database, clock) as bot:
        alice = bot.chat(101)
        before = len(alice.seen)
        report = await sweep(bot, clock, at("2026-12-09", 21, 0))
        assert report.sent == 1 and report.cancelled == 1  # only the newest is worth sending
        assert len(alice.seen) == before + 1 and "还有 1 天" in alice.last_text
    # down again until after the due day: a follow-up replaces the stale reminders
    async with running_bot(database, clock) as bot:
        alice = bot.chat(101)
        before = len(alice.seen)
        report = await sweep(bot, clock, at("2026-12-11", 10, 0))
        assert report.sent == 1 and report.cancelled == 1  # the due-day one is stale now
        assert len(alice.seen) == before + 1 and "还上了吗" in alice.last_text


async def test_a_crash_between_sending_and_marking_resends_after_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "bot.sqlite3"
    clock = Clock()
    async with running_bot(database, clock, crash=True) as bot:
        alice = bot.chat(101)
        await planned(alice)
        await deal_in_12(alice)

        async def crash(*args: object) -> None:
            raise Killed

        monkeypatch.setattr(repo, "mark_reminder_sent", crash)
        with pytest.raises(Killed):
            await sweep(bot, clock, at("2026-12-07", 20, 0))
        assert "还有 3 天" in alice.last_text  # it did reach the user
        monkeypatch.undo()
    async with running_bot(database, clock) as bot:
        alice = bot.chat(101)
        [(status,)] = await rows(
            bot,
            "SELECT status FROM reminders WHERE kind = 'lead' AND lead_days = 3"
            " ORDER BY due_at LIMIT 1",
        )
        assert status == "pending"  # released at start-up, not lost
        assert (await sweep(bot, clock, at("2026-12-07", 20, 1))).sent == 1
        assert (await sweep(bot, clock, at("2026-12-07", 20, 2))).sent == 0


async def test_a_user_who_blocked_the_bot_is_paused_until_they_write(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    bot.api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    report = await sweep(bot, clock, at("2026-12-07", 20, 0))
    assert report.paused == 1 and report.sent == 0
    [(blocked,)] = await rows(bot, "SELECT blocked_at FROM users WHERE user_id = ?", alice.user_id)
    assert blocked is not None
    assert (await sweep(bot, clock, at("2026-12-07", 20, 30))).sent == 0
    await alice.send("/status")  # they unblocked the bot and wrote again
    assert (await sweep(bot, clock, at("2026-12-07", 20, 31))).sent == 1
    assert "还有 3 天" in alice.last_text


@pytest.mark.rate_limited
async def test_flood_limits_timeouts_and_server_errors_are_retried(
    bot: Bot, clock: Clock, with_deal: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = with_deal
    waited: list[float] = []
    real_sleep = asyncio.sleep
    now = [0.0]

    async def no_wait(delay: float, *args: object) -> None:
        waited.append(delay)  # the rate limiter's own back-off: counted, not slept
        now[0] += delay
        await real_sleep(0)

    monkeypatch.setattr("bot.adapters.rate_limiter.asyncio.sleep", no_wait)
    limiter = bot.application.bot.rate_limiter
    assert isinstance(limiter, RepliesFirstLimiter)
    monkeypatch.setattr(limiter, "clock", lambda: now[0])
    for _ in range(3):  # one more than the rate limiter retries by itself
        bot.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 5", retry_after=5)
    report = await sweep(bot, clock, at("2026-12-07", 20, 0))
    assert report.retried == 1 and report.sent == 0
    assert [d for d in waited if d >= 5] == [5.1, 5.1]  # two retries, each after retry_after
    assert (await sweep(bot, clock, at("2026-12-07", 20, 0, 3))).sent == 0  # honours 5 s
    for _ in range(TRIES):  # a 502 through every try of the request layer
        bot.api.fail_next("sendMessage", 502, "Bad Gateway")
    assert (await sweep(bot, clock, at("2026-12-07", 20, 0, 5))).retried == 1
    for _ in range(TRIES):  # a 503 through every try too (a 504 may have been delivered)
        bot.api.fail_next("sendMessage", 503, "Service Unavailable")
    assert (await sweep(bot, clock, at("2026-12-07", 20, 3))).retried == 1
    assert (await sweep(bot, clock, at("2026-12-07", 20, 3, 30))).sent == 0  # backing off
    assert (await sweep(bot, clock, at("2026-12-07", 20, 10))).sent == 1
    assert "还有 3 天" in alice.last_text
    sent = await rows(bot, "SELECT COUNT(*) FROM reminders WHERE status = 'sent'")
    assert sent[0][0] == 1
    deliveries = [c for c in bot.api.calls if c[0] == "sendMessage" and "还有 3 天" in c[1]["text"]]
    # 3 flood-limited, TRIES × 502, TRIES × 503, 1 delivered
    assert len(deliveries) == 3 + TRIES + TRIES + 1


async def test_one_user_never_sees_another_users_installment(
    bot: Bot, clock: Clock, with_deal: Chat, bob: Chat
) -> None:
    await planned(bob)
    conn = await bot.services.database.connection()
    [alice_first, *_] = await repo.active_installments(conn, with_deal.user_id)
    await bob.tap_data(f"rem:paid:{alice_first.id}", bob.last.message_id)
    assert "不在你的还款计划里" in bob.last_text
    items = await repo.active_installments(conn, with_deal.user_id)
    assert not items[0].paid


async def test_changing_settings_after_a_reminder_does_not_repeat_it(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    assert (await sweep(bot, clock, at("2026-12-10", 9, 0))).sent == 1  # the due-day reminder
    clock.now = at("2026-12-10", 9, 30)
    await alice.send("/settings")
    await alice.tap("上午10点")
    assert (await sweep(bot, clock, at("2026-12-10", 10, 0))).sent == 0


async def test_stopping_gives_a_stuck_send_a_bounded_time_then_requeues_it(
    bot: Bot, clock: Clock, with_deal: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.jobs.reminders as engine_module

    monkeypatch.setattr(engine_module, "STOP_GRACE_SECONDS", 0.05)
    started = asyncio.Event()

    async def never_answers(*args: object, **kwargs: object) -> None:
        started.set()
        await asyncio.Event().wait()  # a Bot API that never answers

    monkeypatch.setattr(type(bot.application.bot), "send_message", never_answers)
    running = True
    engine: ReminderEngine = bot.application.bot_data["reminder_engine"]
    sweep_task = asyncio.create_task(
        engine.sweep(bot.application, at("2026-12-07", 20, 0), keep_going=lambda: running)
    )
    await started.wait()
    running = False  # SIGTERM
    await asyncio.wait_for(sweep_task, timeout=5)
    [(status,)] = await rows(bot, "SELECT status FROM reminders WHERE status = 'claimed'")
    assert status == "claimed"
    conn = await bot.services.database.connection()
    assert await repo.release_claimed_reminders(conn) == 1  # what the next start does
