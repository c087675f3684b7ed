"""The real process records a deal, exports the calendar, and after a restart sends a
reminder that came due while it was down; the user marks it paid."""

from __future__ import annotations

import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.test_process import TOKEN, USER, Phone, start_bot, stop
from tests.support.fake_bot_api import FakeBotApi
from tests.support.sqlite import sqlite_connection


def daytime_zone() -> str:
    """A fixed-offset zone where it is about noon now, so quiet hours never interfere."""
    offset = (12 - datetime.now(UTC).hour) % 24
    if offset > 12:
        offset -= 24
    # POSIX-style names: Etc/GMT-8 is UTC+8
    return "Etc/GMT" + (f"{-offset:+d}" if offset else "")


@pytest.fixture
def api() -> FakeBotApi:
    with FakeBotApi(token=TOKEN, max_poll_timeout=1.0) as server:
        yield server


def test_deal_calendar_and_a_reminder_caught_up_after_restart(
    api: FakeBotApi, tmp_path: Path
) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    zone = daytime_zone()
    phone = Phone(api)
    first = start_bot(api, database, BOT_TIMEZONE=zone)
    try:
        phone.say("/start", timeout=30)
        phone.tap("开始")
        phone.tap("借呗")
        phone.say("5000")
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
        phone.say("/deal")
        # a tapped question becomes its answer (an edit), then the next question comes
        phone.tap("谈好了")
        assert phone.api.sent_messages(USER)[-2]["text"] == "通话结果：谈好了 ✓"
        phone.tap("一次还清")
        phone.say("5000")
        phone.say("后天")
        assert "借呗：共 1 期，合计 5,000 元" in phone.tap("跳过")
        assert "已保存" in phone.tap("保存")
        phone.say("/plan")
        before = len(api.sent_documents(USER))
        api.press_button(USER, "plan:ics", api.last_buttons_message_id(USER))
        deadline = datetime.now(UTC) + timedelta(seconds=15)
        while len(api.sent_documents(USER)) == before and datetime.now(UTC) < deadline:
            api.wait_for_messages(USER, 0, timeout=0.1)
        [document] = api.sent_documents(USER)[before:]
        assert document["file_name"] == "还款提醒.ics"
        assert document["content"].count(b"BEGIN:VEVENT") == 1
        assert stop(first, signal.SIGTERM) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=10)

    # while the bot was down, the 1-day reminder came due
    with sqlite_connection(database) as conn:
        due = (datetime.now(UTC) - timedelta(minutes=5)).isoformat(timespec="seconds")
        changed = conn.execute(
            "UPDATE reminders SET due_at = ? WHERE kind = 'lead' AND status = 'pending'", (due,)
        ).rowcount
    assert changed == 1

    second = start_bot(api, database, BOT_TIMEZONE=zone)
    try:
        phone.wait_for_reply(phone.shown, timeout=30)  # the first sweep runs at start-up
        assert "借呗 第 1/1 期：<b>5,000 元</b>" in phone.last()
        assert "还有 2 天" in phone.last()
        # the only installment: paid, then paid off (the case closes), in three replies
        assert "结清证明" in phone.tap("已还", replies=3)
        assert "已还 5,000 元" in str(phone._replies()[-3]["text"])
        assert "全部还清了" in str(phone._replies()[-2]["text"])
        with sqlite_connection(database) as conn:
            statuses = dict(
                conn.execute("SELECT kind, status FROM reminders WHERE kind != 'lead'").fetchall()
            )
            [(paid,)] = conn.execute("SELECT paid_fen FROM installments").fetchall()
        assert paid == 500_000
        # (a plan to pay in the app queued no "打了吗？" nudges)
        assert statuses == {"due": "cancelled", "followup": "cancelled", "check_in": "cancelled"}
        assert stop(second, signal.SIGTERM) == 0
    finally:
        if second.poll() is None:
            second.kill()
            second.wait(timeout=10)
