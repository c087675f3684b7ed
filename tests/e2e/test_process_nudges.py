"""The real process: a plan, no call, the "打了吗？" nudge arrives; the call is recorded from
its button, and no nudge comes after.

The process has no clock to set: time is moved the way tests/e2e/test_process_reminders.py
moves it, by making the waiting nudge due in the database while the bot is stopped. The
start-up sweep then finds it due, as it would after a day of downtime.
"""

from __future__ import annotations

import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.test_process import TOKEN, USER, BotProcess, Phone, start_bot, stop
from tests.e2e.test_process_reminders import daytime_zone
from tests.support.fake_bot_api import FakeBotApi
from tests.support.sqlite import sqlite_connection


@pytest.fixture
def api() -> FakeBotApi:
    with FakeBotApi(token=TOKEN, max_poll_timeout=1.0) as server:
        yield server


def nudges(database: Path) -> list[tuple[str, str]]:
    with sqlite_connection(database) as conn:
        return conn.execute(
            "SELECT status, due_at FROM reminders WHERE kind = 'call_nudge' ORDER BY due_at"
        ).fetchall()


def make_due(database: Path, which: str) -> int:
    """Moves nudges (``which``: a SQL condition) five minutes into the past."""
    due = (datetime.now(UTC) - timedelta(minutes=5)).isoformat(timespec="seconds")
    with sqlite_connection(database) as conn:
        return conn.execute(
            f"UPDATE reminders SET due_at = ? WHERE kind = 'call_nudge' AND {which}", (due,)
        ).rowcount


def shut(process: BotProcess) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def test_plan_no_call_nudge_arrives_call_recorded_nudges_stop(
    api: FakeBotApi, tmp_path: Path
) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    zone = daytime_zone()  # about noon: quiet hours never hold the nudge back
    phone = Phone(api)
    first = start_bot(api, database, BOT_TIMEZONE=zone)
    try:
        phone.say("/start", timeout=30)
        phone.tap("开始")
        phone.tap("借呗")
        phone.say("23500")  # installments: a plan that asks for a call
        phone.say("20天")
        phone.tap("跳过")
        phone.tap("跳过")
        phone.tap("没有了")
        phone.tap("收入减少")
        phone.tap("长期")
        phone.say("5000")
        phone.tap("10号")
        phone.say("3000")
        phone.tap("没有")
        phone.tap("确认", replies=6)
        assert stop(first, signal.SIGTERM) == 0
    finally:
        shut(first)
    assert [status for status, _ in nudges(database)] == ["pending"] * 3

    # no call was recorded, and the day-1 nudge came due while the bot was down
    first_due = nudges(database)[0][1]
    assert make_due(database, f"due_at = '{first_due}'") == 1
    second = start_bot(api, database, BOT_TIMEZONE=zone)
    try:
        phone.wait_for_reply(phone.shown, timeout=30)  # the start-up sweep sends it
        assert "电话打了吗" in phone.last()
        assert [label for label, _ in api.last_buttons(USER)] == [
            "打了，记录结果",
            "今天打",
            "过两天提醒我",
            "不想打了",
        ]
        phone.tap("打了，记录结果")
        assert [label for label, _ in api.last_buttons(USER)] == ["✅ 谈好了", "❌ 没谈成"]
        phone.tap("没谈成")
        phone.tap("跳过")  # the agent's 工号
        phone.tap("跳过")  # a note
        assert stop(second, signal.SIGTERM) == 0
    finally:
        shut(second)
    statuses = [status for status, _ in nudges(database)]
    assert statuses == ["sent", "cancelled", "cancelled"]

    # the days pass: every other nudge is now due, and none is sent
    assert make_due(database, "status != 'sent'") == 2
    shown = phone.shown
    third = start_bot(api, database, BOT_TIMEZONE=zone)
    try:
        assert "可以用的命令" in phone.say("/help", timeout=30)
        time.sleep(1.5)  # the start-up sweep ran before polling began; give it time anyway
        later = [m["text"] for m in api.sent_messages(USER)]
        assert phone.shown == shown + 1
        assert sum("电话打了吗" in str(t) for t in later) == 1
        assert stop(third, signal.SIGTERM) == 0
    finally:
        shut(third)
    assert [status for status, _ in nudges(database)] == ["sent", "cancelled", "cancelled"]
