"""The heartbeat: what ``python -m bot check`` concludes from it, and what writes it."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram import WebhookInfo

from bot.app import build_application
from bot.jobs.heartbeat import HEARTBEAT_INTERVAL, HEARTBEAT_JOB, AnsweredRequest, Heartbeat
from bot.offline import OfflineBotApi
from bot.operations import heartbeat_problem, webhook_problem
from bot.services import HEARTBEAT_KEY
from bot.storage import repo
from bot.storage.repo import HeartbeatRecord
from bot.systemd_notify import notify
from tests.support import chat

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)


def record(
    *,
    beat: timedelta = timedelta(seconds=10),
    updates: timedelta | None = timedelta(seconds=5),
    started: timedelta = timedelta(hours=1),
    stopped: timedelta | None = None,
    mode: str = "polling",
) -> HeartbeatRecord:
    return HeartbeatRecord(
        mode=mode,
        started_at=NOW - started,
        beat_at=NOW - beat,
        updates_at=None if updates is None else NOW - updates,
        busy_since=None,
        stopped_at=None if stopped is None else NOW - stopped,
    )


def test_a_fresh_heartbeat_with_fresh_updates_is_healthy() -> None:
    assert heartbeat_problem(record(), NOW) is None


def test_no_heartbeat_means_the_bot_never_ran_on_this_database() -> None:
    assert heartbeat_problem(None, NOW) == (
        "bot: no heartbeat yet: it has not been started on this database"
    )


def test_a_clean_stop_is_reported_as_stopped_not_hung() -> None:
    problem = heartbeat_problem(record(stopped=timedelta(minutes=3)), NOW)
    assert problem == "bot: stopped 3 min ago"


def test_a_silent_bot_is_down_or_hung_after_three_missed_beats() -> None:
    assert heartbeat_problem(record(beat=timedelta(seconds=85)), NOW) is None
    problem = heartbeat_problem(record(beat=timedelta(seconds=95)), NOW)
    assert problem == "bot: no heartbeat for 95 s: it is down or hung"


def test_polling_that_gets_no_answer_from_the_bot_api_is_unhealthy() -> None:
    problem = heartbeat_problem(record(updates=timedelta(minutes=10)), NOW)
    assert problem is not None and "answered no getUpdates for 10 min" in problem


def test_right_after_start_the_first_get_updates_may_still_be_on_its_way() -> None:
    young = record(updates=None, started=timedelta(seconds=20))
    assert heartbeat_problem(young, NOW) is None
    assert heartbeat_problem(record(updates=None, started=timedelta(minutes=5)), NOW)


def test_a_webhook_bot_is_not_judged_by_get_updates() -> None:
    assert heartbeat_problem(record(mode="webhook", updates=None), NOW) is None


async def test_the_running_bot_writes_its_heartbeat_and_a_clean_stop(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with chat.running_bot(database) as bot:
        heartbeat = bot.application.bot_data[HEARTBEAT_KEY]
        assert isinstance(heartbeat, Heartbeat) and heartbeat.mode == "polling"
        with contextlib.closing(sqlite3.connect(database)) as conn:
            beat = repo.read_heartbeat(conn)
        assert beat is not None and beat.stopped_at is None
        assert heartbeat_problem(beat, beat.beat_at + timedelta(seconds=1)) is None
    with contextlib.closing(sqlite3.connect(database)) as conn:
        beat = repo.read_heartbeat(conn)
    assert beat is not None and beat.stopped_at is not None


async def test_a_start_that_failed_before_the_first_beat_writes_nothing(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    settings = chat.test_settings(database)
    application = build_application(settings, request=OfflineBotApi(), rate_limiter=None)
    await application.post_shutdown(application)  # type: ignore[misc]
    assert not database.exists()


async def test_only_an_answered_get_updates_counts() -> None:
    api = OfflineBotApi()
    clock = [NOW]
    request = AnsweredRequest(api, clock=lambda: clock[0])
    await request.initialize()
    try:
        url = "https://api.telegram.org/botTOKEN/getMe"
        code, _ = await request.do_request(url, "POST")
        assert code == 200 and request.answered_at == NOW
        clock[0] = NOW + timedelta(minutes=1)
        code, _ = await request.do_request("https://api.telegram.org/botTOKEN/noSuchMethod", "POST")
        assert code != 200 and request.answered_at == NOW
    finally:
        await request.shutdown()


def test_systemd_hears_the_state_on_its_notify_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:  # a socket path is short
        path = str(Path(folder) / "notify")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd:
            systemd.bind(path)
            monkeypatch.setenv("NOTIFY_SOCKET", path)
            assert notify("READY=1")
            assert systemd.recv(64) == b"READY=1"


def test_outside_systemd_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("WATCHDOG=1") is False


def test_an_update_in_hand_for_too_long_is_a_stuck_bot() -> None:
    busy = replace(record(), busy_since=NOW - timedelta(minutes=4))
    assert heartbeat_problem(busy, NOW) == "bot: one update has been in hand for 4 min: it is stuck"
    assert heartbeat_problem(replace(record(), busy_since=NOW - timedelta(seconds=5)), NOW) is None


def test_a_heartbeat_from_the_future_proves_nothing() -> None:
    problem = heartbeat_problem(record(beat=-timedelta(minutes=10)), NOW)
    assert problem == "bot: its last heartbeat is 10 min in the future: was the clock set back?"


async def test_the_heartbeat_repeats_and_stops_pinging_while_an_update_is_stuck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinged: list[str] = []
    monkeypatch.setattr("bot.jobs.heartbeat.notify", pinged.append)
    async with chat.running_bot(tmp_path / "bot.sqlite3") as bot:
        application = bot.application
        heartbeat = application.bot_data[HEARTBEAT_KEY]
        assert pinged == ["WATCHDOG=1"]  # the first beat, at start-up
        assert application.job_queue is not None
        [job] = application.job_queue.get_jobs_by_name(HEARTBEAT_JOB)
        assert job.trigger.interval == HEARTBEAT_INTERVAL  # every 30 s from then on
        now = [NOW + timedelta(seconds=30)]
        heartbeat.clock = lambda: now[0]
        heartbeat.busy_since = lambda: NOW
        await job.run(application)  # 30 s in hand: still pinged
        now[0] = NOW + timedelta(seconds=61)
        await job.run(application)  # over a minute: not any more
        assert pinged == ["WATCHDOG=1", "WATCHDOG=1"]
        with contextlib.closing(sqlite3.connect(tmp_path / "bot.sqlite3")) as conn:
            beat = repo.read_heartbeat(conn)
        assert beat is not None and beat.busy_since == NOW
        assert beat.beat_at == NOW + timedelta(seconds=61)


async def test_console_mode_writes_no_heartbeat(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    settings = chat.test_settings(database)
    application = build_application(
        settings, request=OfflineBotApi(), rate_limiter=None, heartbeat=False
    )
    async with application:
        await application.post_init(application)  # type: ignore[misc]
        await application.post_shutdown(application)  # type: ignore[misc]
    with contextlib.closing(sqlite3.connect(database)) as conn:
        assert repo.read_heartbeat(conn) is None


def webhook(**fields: object) -> WebhookInfo:
    values: dict = {"url": URL, "has_custom_certificate": False, "pending_update_count": 0}
    return WebhookInfo(**(values | fields))


URL = "https://bot.example.org/telegram"


def test_a_webhook_telegram_reaches_is_healthy_and_an_old_error_has_passed() -> None:
    assert webhook_problem(webhook(), URL) is None
    old = datetime.now(UTC) - timedelta(hours=2)
    assert webhook_problem(webhook(last_error_date=old, pending_update_count=3), URL) is None


def test_a_webhook_telegram_cannot_reach_with_updates_waiting_is_unhealthy() -> None:
    info = webhook(
        last_error_date=datetime.now(UTC) - timedelta(seconds=40),
        last_error_message="Connection refused",
        pending_update_count=7,
    )
    problem = webhook_problem(info, URL)
    assert problem is not None
    assert problem.startswith("webhook: Telegram cannot deliver 7 updates (Connection refused, ")


def test_a_webhook_set_elsewhere_is_unhealthy() -> None:
    assert webhook_problem(webhook(url=""), URL) == (
        "webhook: Telegram has another URL set (or none): restart the bot"
    )
