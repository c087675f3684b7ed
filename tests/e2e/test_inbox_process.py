"""The real process killed with updates in hand (issue 15, point 7): none is lost, none doubled.

The Bot API here can hold the bot where a kill hurts: inside its first reply, while the
updates fetched with it wait (fetched, and already confirmed by the next getUpdates); or
after answering a batch, before the getUpdates that would confirm it.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any

from bot.offline.server import ApiError
from tests.e2e.test_process import TOKEN, BotProcess, start_bot, stop
from tests.support.fake_bot_api import FakeBotApi

PEOPLE = list(range(5001, 5021))
WARM = 5000


class HoldingApi(FakeBotApi):
    """Holds calls while told to; a held call fails once let go (its caller died meanwhile)."""

    def __init__(self) -> None:
        super().__init__(token=TOKEN, max_poll_timeout=1.0)
        self.hold_replies = False
        self.hold_polls_from: int | None = None  # a getUpdates with an offset from this one
        self.holding = threading.Event()
        self.let_go = threading.Event()

    def handle(
        self, method: str, params: dict[str, Any], files: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, Any]]:
        method = self.canonical(method)
        offset = int(params.get("offset") or 0)
        if (method == "sendMessage" and self.hold_replies) or (
            method == "getUpdates"
            and self.hold_polls_from is not None
            and offset >= self.hold_polls_from
        ):
            self.holding.set()
            self.let_go.wait(timeout=60)
            return 502, ApiError(502, "Bad Gateway").payload()
        return super().handle(method, params, files)

    def close(self) -> None:
        self.let_go.set()
        super().close()


def kill(process: BotProcess) -> None:
    process.kill()
    process.wait(timeout=10)


def ended(process: BotProcess) -> None:
    if process.poll() is None:
        kill(process)


def test_a_kill_with_fetched_unhandled_updates_loses_none(tmp_path: Path) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    with HoldingApi() as api:
        first = start_bot(api, database)
        try:
            api.send_text(WARM, "/help")
            api.wait_for_messages(WARM, 1, timeout=30)  # up and answering
            api.hold_replies = True
            asked = [api.send_text(person, "/help") for person in PEOPLE]
            assert api.holding.wait(15)  # the bot is inside its first reply
            # every one fetched, and confirmed to Telegram: it will not send them again
            api.wait_until_confirmed(asked[-1], timeout=15)
        finally:
            kill(first)
        assert all(api.sent_messages(person) == [] for person in PEOPLE)
        api.hold_replies = False
        api.let_go.set()

        second = start_bot(api, database)
        try:
            for person in PEOPLE:
                api.wait_for_messages(person, 1, timeout=30)
            assert stop(second, signal.SIGTERM) == 0
        finally:
            ended(second)
        assert [len(api.sent_messages(person)) for person in PEOPLE] == [1] * len(PEOPLE)
        assert len(api.sent_messages(WARM)) == 1
    assert f"inbox: {len(PEOPLE)} updates stored before the restart are handled first" in (
        second.logs()
    )


def test_a_kill_after_the_answers_before_they_are_confirmed_answers_nothing_twice(
    tmp_path: Path,
) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    with HoldingApi() as api:
        first = start_bot(api, database)
        try:
            api.send_text(WARM, "/help")
            api.wait_for_messages(WARM, 1, timeout=30)
            # one batch: a poll between two sends would confirm the first ones too soon
            with api.at_once():
                asked = [api.send_text(person, "/start") for person in PEOPLE]
                api.hold_polls_from = asked[-1] + 1  # the getUpdates that would confirm them
            for person in PEOPLE:
                api.wait_for_messages(person, 1, timeout=30)  # each /start answered
            assert set(asked) <= set(api.pending_updates())
        finally:
            kill(first)
        api.hold_polls_from = None
        api.let_go.set()

        second = start_bot(api, database)
        try:
            # Telegram sends the batch again; the restarted bot confirms it, answering none
            api.wait_until_confirmed(asked[-1], timeout=30)
            api.send_text(WARM, "/help")
            api.wait_for_messages(WARM, 2, timeout=30)  # handled since, in order
            assert stop(second, signal.SIGTERM) == 0
        finally:
            ended(second)
        assert [len(api.sent_messages(person)) for person in PEOPLE] == [1] * len(PEOPLE)
    assert "stored updates" not in second.logs() and "handled first" not in second.logs()
