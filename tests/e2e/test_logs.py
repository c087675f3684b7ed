"""The operator's log of the real process: a version line, then one line per handled update
that says what kind it was, where the conversation stands and how long it took — and never
what the person wrote."""

from __future__ import annotations

import json
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_process import TOKEN, Phone, start_bot, stop
from tests.support.fake_bot_api import FakeBotApi


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, max_poll_timeout=1.0) as server:
        yield server


def test_one_line_per_update_without_what_was_written(api: FakeBotApi, tmp_path: Path) -> None:
    phone = Phone(api)
    process = start_bot(api, tmp_path / "bot.sqlite3")
    try:
        phone.say("/start", timeout=30)
        phone.tap("开始")
        phone.tap("花呗")
        phone.say("23500")
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    logs = process.logs().splitlines()
    assert re.search(r"huabei-helper-bot \S+ \(python-telegram-bot 22\.\d+, Python 3", logs[0])
    updates = [line.split(": ", 1)[1] for line in logs if " bot.updates: " in line]
    kinds = [re.sub(r" · [\d.]+ ms$", "", line) for line in updates]
    assert kinds[0] == "update command /start in private chat · intake=WELCOME"
    assert kinds[1:3] == [
        "update tap intake in private chat · intake=ASK_PRODUCT",
        "update tap intake in private chat · intake=ASK_AMOUNT",
    ]
    assert kinds[3] == "update text in private chat · intake=ASK_OVERDUE"
    assert len(updates) == 4
    everything = "\n".join(logs)
    assert "23500" not in everything and "23,500" not in everything
    assert "用户" not in everything  # the person's name in the fake updates


def test_the_process_asks_only_for_what_it_handles(api: FakeBotApi, tmp_path: Path) -> None:
    process = start_bot(api, tmp_path / "bot.sqlite3")
    try:
        Phone(api).say("/help", timeout=30)
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    asked = api.calls_to("getUpdates")[0]["allowed_updates"]
    kinds = json.loads(asked) if isinstance(asked, str) else asked
    assert kinds == ["message", "edited_message", "callback_query", "channel_post"]
    assert api.calls_to("setMyDescription") and api.calls_to("setMyShortDescription")
