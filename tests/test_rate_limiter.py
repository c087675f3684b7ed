"""Replies first: a reply never waits behind bulk sends; bulk keeps under Telegram's limit."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.adapters import rate_limiter
from bot.adapters.rate_limiter import (
    BULK_PER_SECOND,
    RESERVED_FOR_REPLIES,
    RepliesFirstLimiter,
    replying_to,
)

REAL_SLEEP = asyncio.sleep  # the fixtures below replace asyncio.sleep itself


class FakeTime:
    """A clock that moves only when the limiter sleeps: waits are counted, never slept."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, delay: float, *args: object) -> None:
        self.slept.append(delay)
        self.now += max(delay, 0)


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(rate_limiter.asyncio, "sleep", fake.sleep)
    return fake


async def call(
    limiter: RepliesFirstLimiter, endpoint: str, chat: int | None, result: Any = True
) -> tuple[float, Any]:
    """Makes one call through the limiter; returns when (fake time) it went out."""
    went: list[float] = []

    async def callback() -> Any:
        went.append(limiter.clock())
        return result

    data = {} if chat is None else {"chat_id": chat}
    answer = await limiter.process_request(callback, (), {}, endpoint, data, None)
    return went[-1], answer


async def test_bulk_is_held_under_the_overall_limit(fake_time: FakeTime) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock)
    times = [(await call(limiter, "sendMessage", 1000 + n))[0] for n in range(3 * BULK_PER_SECOND)]
    for start in times:
        in_a_second = [t for t in times if start <= t < start + 1.0]
        assert len(in_a_second) <= BULK_PER_SECOND
    assert times[-1] >= 2.0  # three seconds' worth took at least two seconds


async def test_a_reply_goes_at_once_while_bulk_fills_the_second(fake_time: FakeTime) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock)
    for n in range(BULK_PER_SECOND):
        await call(limiter, "sendMessage", 1000 + n)
    with replying_to(42):
        went, _ = await call(limiter, "sendMessage", 42)
    assert went == 0.0  # the budget is full for bulk, not for a reply
    # and bulk gives way: the reply counted, so the next bulk send waits for room
    went_bulk, _ = await call(limiter, "sendMessage", 2000)
    assert went_bulk >= 1.0


async def test_while_people_are_answered_bulk_leaves_room_for_their_replies(
    fake_time: FakeTime,
) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock)
    with replying_to(42):
        await call(limiter, "sendMessage", 42)
    times = [(await call(limiter, "sendMessage", 1000 + n))[0] for n in range(BULK_PER_SECOND)]
    in_the_first_second = [t for t in times if t < 1.0]
    assert len(in_the_first_second) == BULK_PER_SECOND - RESERVED_FOR_REPLIES - 1


async def test_the_more_replies_the_more_room_bulk_leaves_them(fake_time: FakeTime) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock)
    for chat in range(10):  # ten people answered in this second
        with replying_to(chat):
            await call(limiter, "sendMessage", chat)
    times = [(await call(limiter, "sendMessage", 1000 + n))[0] for n in range(BULK_PER_SECOND)]
    in_the_first_second = [t for t in times if t < 1.0]
    # room for 2 × √10 ≈ 7 more replies is kept: 29 - 7 - 10 replies = 12 bulk
    assert len(in_the_first_second) == BULK_PER_SECOND - 7 - 10


class SteppedTime:
    """A clock the test moves forward; a sleeper wakes once the clock has passed its time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleepers: list[tuple[float, asyncio.Future[None]]] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, delay: float, *args: object) -> None:
        woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.sleepers.append((self.now + max(delay, 0), woken))
        await woken

    async def move_to(self, moment: float) -> None:
        self.now = moment
        for due, woken in [s for s in self.sleepers if s[0] <= moment]:
            self.sleepers.remove((due, woken))
            woken.set_result(None)
        for _ in range(10):  # let the woken sends run before time moves on
            await REAL_SLEEP(0)


async def test_bulk_still_drains_beside_a_steady_stream_of_replies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """16 replies a second for 10 s: reminders keep going, and once the replies have been
    seen for a second, no second holds more than the 29 bulk keeps to."""
    time = SteppedTime()
    monkeypatch.setattr(rate_limiter.asyncio, "sleep", time.sleep)
    limiter = RepliesFirstLimiter(clock=time.clock)
    sent: list[tuple[float, str]] = []

    async def bulk() -> None:
        for n in range(10_000):
            sent.append(((await call(limiter, "sendMessage", 100_000 + n))[0], "bulk"))

    draining = asyncio.ensure_future(bulk())
    for tick in range(160):
        await time.move_to(tick / 16)
        with replying_to(tick):
            sent.append(((await call(limiter, "sendMessage", tick))[0], "reply"))
    draining.cancel()
    # (the first second's bulk went before any reply: it is not counted)
    bulk_sent = [t for t, kind in sent if kind == "bulk" and t >= 1.0]
    assert len(bulk_sent) >= 4 * 9  # a few a second: 29 - 2 × √16 - 16 = 5
    for start in [t for t, _ in sent if t >= 1.0]:
        assert len([t for t, _ in sent if start <= t < start + 1.0]) <= BULK_PER_SECOND


async def test_answering_a_tap_and_reading_are_never_held(fake_time: FakeTime) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock)
    for n in range(2 * BULK_PER_SECOND):
        await call(limiter, "sendMessage", 1000 + n)
    before = fake_time.now
    assert (await call(limiter, "answerCallbackQuery", None))[0] == before
    assert (await call(limiter, "getMe", None))[0] == before


async def test_one_chat_keeps_to_about_one_message_a_second(fake_time: FakeTime) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock)
    with replying_to(7):
        times = [(await call(limiter, "sendMessage", 7))[0] for _ in range(10)]
    assert times[:4] == [0.0, 0.0, 0.0, 0.0]  # a plan, its script, checklist and tick at once
    assert times[-1] >= 5.5  # then about one a second
    # the tick under a tapped question is an edit: it keeps no one waiting
    with replying_to(7):
        assert (await call(limiter, "editMessageText", 7))[0] == fake_time.now
    # another person is not held up by the first one's pace
    with replying_to(8):
        assert (await call(limiter, "sendMessage", 8))[0] == fake_time.now


async def test_a_flood_limit_is_waited_out_and_the_call_made_again(fake_time: FakeTime) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock)
    answers: list[object] = [RetryAfter(3), {"ok": True}]

    async def callback() -> Any:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    with replying_to(5):
        result = await limiter.process_request(
            callback, (), {}, "sendMessage", {"chat_id": 5}, None
        )
    assert result == {"ok": True}
    assert 3.0 <= fake_time.now < 4.0


async def test_a_flood_limit_holds_the_other_bulk_sends_back(fake_time: FakeTime) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock, max_retries=0)

    async def flooded() -> Any:
        raise RetryAfter(3)

    with pytest.raises(RetryAfter):
        await limiter.process_request(flooded, (), {}, "sendMessage", {"chat_id": 5}, None)
    went, _ = await call(limiter, "sendMessage", 6)
    assert went == pytest.approx(3.0)  # the next reminder waits out what Telegram asked
    with replying_to(9):
        assert (await call(limiter, "answerCallbackQuery", None))[0] == went


async def test_after_its_retries_the_flood_limit_reaches_the_caller(fake_time: FakeTime) -> None:
    limiter = RepliesFirstLimiter(clock=fake_time.clock, max_retries=2)
    tries = 0

    async def callback() -> Any:
        nonlocal tries
        tries += 1
        raise RetryAfter(1)

    with pytest.raises(RetryAfter):
        await limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": 5}, None)
    assert tries == 3


async def test_a_task_started_while_replying_sends_as_bulk(fake_time: FakeTime) -> None:
    """A job scheduled from a handler inherits its context; its sends are still bulk."""
    limiter = RepliesFirstLimiter(clock=fake_time.clock)
    for n in range(BULK_PER_SECOND):
        await call(limiter, "sendMessage", 1000 + n)
    with replying_to(42):
        in_the_handler = await call(limiter, "sendMessage", 42)
        from_a_job = await asyncio.create_task(call(limiter, "sendMessage", 42))
    assert in_the_handler[0] == 0.0
    assert from_a_job[0] >= 1.0  # waited for room, as bulk does
