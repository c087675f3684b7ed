"""``python -m bot check`` against the real process: running, stopped, hung; and systemd's
notify socket hearing READY, WATCHDOG and STOPPING."""

from __future__ import annotations

import signal
import socket
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage.timestamps import to_text
from tests.e2e.test_operations import run
from tests.e2e.test_process import TOKEN, Phone, start_bot, stop
from tests.support.fake_bot_api import FakeBotApi
from tests.support.sqlite import sqlite_connection


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, max_poll_timeout=1.0) as server:
        yield server


def test_check_fails_once_the_bot_is_stopped_or_silent(api: FakeBotApi, tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    env = {"BOT_TOKEN": TOKEN, "BOT_API_BASE_URL": api.base_url, "BOT_DATABASE": str(database)}
    process = start_bot(api, database)
    try:
        Phone(api).say("/help", timeout=30)
        assert run(["check"], env).stdout.strip() == "ok"
        process.send_signal(signal.SIGSTOP)  # hung: no beat comes any more
        # ninety seconds of silence, without waiting them: the last beat moved back
        with sqlite_connection(database) as conn:
            old = to_text(datetime.now(UTC) - timedelta(minutes=5))
            conn.execute("UPDATE heartbeat SET beat_at = ?", (old,))
        hung = run(["check"], env)
        assert hung.returncode == 1
        assert hung.stdout.strip() == "bot: no heartbeat for 5 min: it is down or hung"
        process.send_signal(signal.SIGCONT)
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    stopped = run(["check"], env)
    assert stopped.returncode == 1 and stopped.stdout.startswith("bot: stopped ")


def test_systemd_hears_ready_the_watchdog_and_stopping(api: FakeBotApi, tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:  # a socket path is short
        path = str(Path(folder) / "notify")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd:
            systemd.bind(path)
            systemd.settimeout(30)
            process = start_bot(api, tmp_path / "bot.sqlite3", NOTIFY_SOCKET=path)
            try:
                heard = [systemd.recv(64), systemd.recv(64)]
                assert sorted(heard) == [b"READY=1", b"WATCHDOG=1"]
                assert "/status" in Phone(api).say("/help", timeout=30)
                process.send_signal(signal.SIGTERM)
                assert systemd.recv(64) == b"STOPPING=1"
                assert process.wait(timeout=30) == 0
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait(timeout=10)
