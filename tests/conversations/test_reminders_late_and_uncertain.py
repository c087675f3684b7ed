"""Reminders after downtime, and sends that time out: the person gets one message, not two.

The deal of ``deal_in_12``: its first installment (1,958.34 元) is due on 10 December, with
reminders on 7 and 9 December at 20:00, on the 10th at 09:00, and the follow-up at 20:00.
"""

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import aiosqlite
import httpx
import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.adapters.retrying_request import TRIES
from bot.jobs.reminders import may_have_arrived
from bot.offline import SentMessage
from tests.support.chat import Bot, Chat, Clock, running_bot
from tests.support.flows import deal_in_12, planned
from tests.support.reminders import at, sweep
from tests.support.transport_failures import TransportFailures

USER = 101


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


async def sweeps(bot: Bot, clock: Clock, start: datetime, end: datetime, every: int = 10) -> None:
    """The engine's sweep every ``every`` minutes from ``start`` to ``end``, both included."""
    when = start
    while when <= end:
        await sweep(bot, clock, when)
        when += timedelta(minutes=every)


def reminders_seen(chat: Chat, since: int) -> list[SentMessage]:
    """What the bot sent on its own (reminders) after the first ``since`` messages."""
    return [m for m in chat.seen[since:] if m.via == "sendMessage"]


@pytest.fixture
async def with_deal(alice: Chat) -> Chat:
    await planned(alice)
    await deal_in_12(alice)
    return alice


@pytest.fixture
async def leads_sent(bot: Bot, clock: Clock, with_deal: Chat) -> Chat:
    """The 3-day and 1-day reminders went out on time."""
    await sweep(bot, clock, at("2026-12-07", 20, 0))
    await sweep(bot, clock, at("2026-12-09", 20, 0))
    assert "还有 1 天" in with_deal.last_text
    return with_deal


@pytest.fixture
def failures(bot: Bot) -> TransportFailures:
    return TransportFailures(bot.api)


# --- downtime (issue 15, point 9)


@pytest.fixture
async def database_with_deal(tmp_path: Path) -> AsyncIterator[tuple[Path, Clock]]:
    database = tmp_path / "bot.sqlite3"
    clock = Clock()
    async with running_bot(database, clock) as bot:
        alice = bot.chat(USER)
        await planned(alice)
        await deal_in_12(alice)
        await sweep(bot, clock, at("2026-12-07", 20, 0))  # "还有 3 天", while the bot was up
        assert "还有 3 天" in alice.last_text
    yield database, clock


async def test_down_over_the_1_day_reminder_and_the_night_one_message_on_the_due_day(
    database_with_deal: tuple[Path, Clock],
) -> None:
    database, clock = database_with_deal
    # down from 9 December 19:00 (before the 1-day reminder) through the night; up at 07:30
    async with running_bot(database, clock) as bot:
        alice = bot.chat(USER)
        before = len(alice.seen)
        await sweeps(bot, clock, at("2026-12-10", 7, 30), at("2026-12-10", 12, 0))
        [message] = reminders_seen(alice, before)
        assert "今天是还款日" in message.text and "<b>1,958.34 元</b>" in message.text
        assert alice.buttons() == ["✅ 已还", "⏰ 稍后提醒", "❓ 还不上怎么办"]
        [(status, reason)] = await rows(
            bot,
            "SELECT status, skip_reason FROM reminders WHERE kind = 'lead' AND lead_days = 1"
            " ORDER BY due_at LIMIT 1",
        )
        assert (status, reason) == ("cancelled", "superseded")
        # it came at the person's morning hour, with the due-day reminder's own row
        [(due_sent_at,)] = await rows(
            bot, "SELECT sent_at FROM reminders WHERE kind = 'due' ORDER BY due_at LIMIT 1"
        )
        assert due_sent_at == "2026-12-10T01:00:00+00:00"
        # still unpaid in the evening: the follow-up is not swallowed
        await sweeps(bot, clock, at("2026-12-10", 19, 50), at("2026-12-10", 21, 50))
        [_, followup] = reminders_seen(alice, before)
        assert "还上了吗" in followup.text


async def test_down_until_the_evening_of_the_due_day_the_follow_up_alone(
    database_with_deal: tuple[Path, Clock],
) -> None:
    database, clock = database_with_deal
    async with running_bot(database, clock) as bot:
        alice = bot.chat(USER)
        before = len(alice.seen)
        await sweeps(bot, clock, at("2026-12-10", 18, 30), at("2026-12-10", 21, 50))
        [message] = reminders_seen(alice, before)
        assert "还款日是 2026年12月10日" in message.text and "还上了吗" in message.text
        reasons = await rows(
            bot,
            "SELECT kind, skip_reason FROM reminders WHERE status = 'cancelled'"
            " AND installment_id = (SELECT id FROM installments WHERE number = 1)"
            " ORDER BY due_at",
        )
        assert [tuple(r) for r in reasons] == [("lead", "superseded"), ("due", "followup_near")]


async def test_down_over_a_check_in_and_a_reminder_both_come(
    database_with_deal: tuple[Path, Clock],
) -> None:
    database, clock = database_with_deal
    async with running_bot(database, clock) as bot:
        # a check-in due at the same moment as the 1-day reminder, both missed
        conn = await bot.services.database.connection()
        await conn.execute(
            "UPDATE reminders SET due_at = '2026-12-09T12:00:00+00:00' WHERE kind = 'check_in'"
        )
        await conn.commit()
        alice = bot.chat(USER)
        before = len(alice.seen)
        await sweeps(bot, clock, at("2026-12-10", 7, 30), at("2026-12-10", 12, 0))
        [first, second] = [m.text for m in reminders_seen(alice, before)]
        assert {"今天是还款日" in first, "今天是还款日" in second} == {True, False}
        assert "过了三个月，收入或开支有变化吗" in first + second


# --- sends that time out (issue 15, point 6)


async def test_a_due_day_reminder_that_timed_out_after_arriving_is_not_sent_again(
    bot: Bot, clock: Clock, leads_sent: Chat, failures: TransportFailures
) -> None:
    alice = leads_sent
    before = len(alice.seen)
    failures.next("sendMessage", "late")  # delivered, then the answer is too late
    report = await sweep(bot, clock, at("2026-12-10", 9, 0))
    assert report.uncertain == 1 and report.retried == 0
    await sweeps(bot, clock, at("2026-12-10", 9, 1), at("2026-12-10", 19, 50))
    [message] = reminders_seen(alice, before)
    assert "今天是还款日" in message.text
    [(status, uncertain_at)] = await rows(
        bot, "SELECT status, uncertain_at FROM reminders WHERE kind = 'due' ORDER BY due_at LIMIT 1"
    )
    assert status == "sent" and uncertain_at == "2026-12-10T01:00:00+00:00"
    # the next message about it is the follow-up, at its own time
    await sweep(bot, clock, at("2026-12-10", 20, 0))
    assert "还上了吗" in alice.last_text
    assert len(reminders_seen(alice, before)) == 2


async def test_the_last_follow_up_is_sent_once_more_a_day_later_never_a_third_time(
    bot: Bot, clock: Clock, leads_sent: Chat, failures: TransportFailures
) -> None:
    alice = leads_sent
    await sweep(bot, clock, at("2026-12-10", 9, 0))
    before = len(alice.seen)
    failures.next("sendMessage", "late", times=2)
    assert (await sweep(bot, clock, at("2026-12-10", 20, 0))).uncertain == 1
    await sweeps(bot, clock, at("2026-12-10", 20, 1), at("2026-12-11", 19, 50), every=30)
    assert len(reminders_seen(alice, before)) == 1  # nothing again within minutes, or hours
    assert (await sweep(bot, clock, at("2026-12-11", 20, 0))).uncertain == 1  # once, late
    await sweeps(bot, clock, at("2026-12-11", 20, 1), at("2026-12-14", 21, 0), every=60)
    seen = reminders_seen(alice, before)
    assert len(seen) == 2 and all("还上了吗" in m.text for m in seen)
    [(status,)] = await rows(
        bot, "SELECT status FROM reminders WHERE kind = 'followup' ORDER BY due_at LIMIT 1"
    )
    assert status == "sent"


async def test_a_follow_up_paid_meanwhile_is_not_sent_again(
    bot: Bot, clock: Clock, leads_sent: Chat, failures: TransportFailures
) -> None:
    alice = leads_sent
    await sweep(bot, clock, at("2026-12-10", 9, 0))
    failures.next("sendMessage", "late")
    await sweep(bot, clock, at("2026-12-10", 20, 0))
    assert "还上了吗" in alice.last_text  # it did arrive
    await alice.tap("已还")
    before = len(alice.seen)
    assert (await sweep(bot, clock, at("2026-12-11", 20, 0))).sent == 0
    assert reminders_seen(alice, before) == []
    [(status,)] = await rows(
        bot, "SELECT status FROM reminders WHERE kind = 'followup' ORDER BY due_at LIMIT 1"
    )
    assert status == "cancelled"


async def test_a_refused_connection_is_retried_and_delivered_once(
    bot: Bot, clock: Clock, with_deal: Chat, failures: TransportFailures
) -> None:
    alice = with_deal
    before = len(alice.seen)
    # never left this machine, through every try of the request layer
    failures.next("sendMessage", "refused", times=TRIES)
    report = await sweep(bot, clock, at("2026-12-07", 20, 0))
    assert report.retried == 1 and report.uncertain == 0
    assert reminders_seen(alice, before) == []
    await sweeps(bot, clock, at("2026-12-07", 20, 1), at("2026-12-07", 21, 0), every=1)
    [message] = reminders_seen(alice, before)
    assert "还有 3 天" in message.text


async def test_a_server_error_is_retried_and_delivered_once(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    before = len(alice.seen)
    for _ in range(TRIES):  # through every try of the request layer
        bot.api.fail_next("sendMessage", 500, "Internal Server Error")
    assert (await sweep(bot, clock, at("2026-12-07", 20, 0))).retried == 1
    await sweeps(bot, clock, at("2026-12-07", 20, 1), at("2026-12-07", 21, 0), every=1)
    [message] = reminders_seen(alice, before)
    assert "还有 3 天" in message.text


def _raised(error: TelegramError, cause: BaseException | None) -> TelegramError:
    error.__cause__ = cause  # as python-telegram-bot raises it: ``raise ... from cause``
    return error


@pytest.mark.parametrize(
    ("error", "arrived"),
    [
        # the request went out, the answer did not come back: it may have been delivered
        (_raised(TimedOut(), httpx.ReadTimeout("")), True),
        (_raised(TimedOut(), httpx.WriteTimeout("")), True),
        (_raised(NetworkError("httpx.ReadError: "), httpx.ReadError("")), True),
        (_raised(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("")), True),
        (_raised(NetworkError("Unknown error in HTTP implementation"), RuntimeError()), True),
        # never left this machine
        (_raised(TimedOut(), httpx.ConnectTimeout("")), False),
        (_raised(TimedOut("Pool timeout"), httpx.PoolTimeout("")), False),
        (_raised(NetworkError("httpx.ConnectError"), httpx.ConnectError("")), False),
        # Telegram answered: it did not send
        (NetworkError("Bad Gateway"), False),
        (NetworkError("Internal Server Error (500)"), False),
        (
            _raised(NetworkError("Bad Gateway (502)"), TelegramError("Invalid server response")),
            False,
        ),
        (BadRequest("Bad Request: chat not found"), False),
        (Forbidden("Forbidden: bot was blocked by the user"), False),
        (RetryAfter(5), False),
    ],
)
def test_which_failed_sends_may_have_arrived(error: TelegramError, arrived: bool) -> None:
    assert may_have_arrived(error) is arrived
