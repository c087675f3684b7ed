"""Updates of different people are handled at once; one person's stay in the order they came.

Through a real Application, its update queue and the bot's own update processor, with the
offline Bot API: what a person would notice is whether a slow answer for someone else holds
theirs up, and whether their second answer is read before their first.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.adapters.update_log import LoggedUpdates
from bot.offline.inprocess import OFFLINE_TOKEN, OfflineBotApi
from bot.offline_updates import message_update

ALICE, BOB = 101, 202


class Recorder:
    """A handler that notes what it handled; Alice's "slow" waits until released."""

    def __init__(self) -> None:
        self.handled: list[tuple[int, str]] = []
        self.release_slow = asyncio.Event()

    async def handle(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert isinstance(update, Update) and update.message and update.effective_user
        text = update.message.text or ""
        if text == "slow":
            await self.release_slow.wait()
        elif text.startswith("m"):  # answers that take different times, as commits do
            await asyncio.sleep((int(text[1:]) * 7 % 5) * 0.002)
        self.handled.append((update.effective_user.id, text))


@pytest.fixture
async def app() -> AsyncIterator[tuple[Application, Recorder, LoggedUpdates]]:
    processor = LoggedUpdates()
    application = (
        ApplicationBuilder()
        .token(OFFLINE_TOKEN)
        .request(OfflineBotApi())
        .concurrent_updates(processor)
        .updater(None)
        .job_queue(None)
        .build()
    )
    recorder = Recorder()
    application.add_handler(TypeHandler(Update, recorder.handle))
    async with application:
        await application.start()
        try:
            yield application, recorder, processor
        finally:
            recorder.release_slow.set()
            await application.stop()


async def put(application: Application, user: int, text: str, update_id: int) -> None:
    raw = message_update(user, text=text)
    raw["update_id"] = update_id
    await application.update_queue.put(Update.de_json(raw, application.bot))


async def until(condition: object, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if callable(condition) and condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("it did not happen")


async def test_a_slow_answer_holds_up_no_one_else_and_keeps_its_persons_order(
    app: tuple[Application, Recorder, LoggedUpdates],
) -> None:
    application, recorder, processor = app
    await put(application, ALICE, "slow", 1)
    await put(application, ALICE, "second", 2)
    await put(application, BOB, "hello", 3)
    await until(lambda: (BOB, "hello") in recorder.handled)
    assert recorder.handled == [(BOB, "hello")]  # Alice's second waits for her first
    busy = processor.busy_since
    assert busy is not None and busy <= datetime.now(UTC)  # the heartbeat sees one in hand
    recorder.release_slow.set()
    await until(lambda: len(recorder.handled) == 3)
    assert recorder.handled == [(BOB, "hello"), (ALICE, "slow"), (ALICE, "second")]
    await until(lambda: processor.busy_since is None)


async def test_many_updates_of_one_person_are_handled_in_the_order_they_came(
    app: tuple[Application, Recorder, LoggedUpdates],
) -> None:
    application, recorder, _ = app
    for n in range(50):
        await put(application, ALICE if n % 2 else BOB, f"m{n}", n + 1)
    await until(lambda: len(recorder.handled) == 50)
    for person in (ALICE, BOB):
        texts = [text for who, text in recorder.handled if who == person]
        assert texts == sorted(texts, key=lambda t: int(t[1:]))
