"""Health check, online backup and webhook mode of the real process."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_process import ROOT, TOKEN, USER, Phone, start_bot, stop
from tests.support.fake_bot_api import FakeBotApi
from tests.support.sqlite import sqlite_connection

SECRET = "s3cret-webhook-token-for-tests"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, max_poll_timeout=1.0) as server:
        yield server


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_is_healthy_only_with_database_and_api(api: FakeBotApi, tmp_path: Path) -> None:
    env = {"BOT_TOKEN": TOKEN, "BOT_API_BASE_URL": api.base_url}
    database = tmp_path / "bot.sqlite3"
    missing = run(["check"], env | {"BOT_DATABASE": str(database)})
    assert missing.returncode == 1 and missing.stdout.startswith("database: no file")
    assert not database.exists()  # a health check creates nothing
    process = start_bot(api, database)  # the bot creates and migrates it
    try:
        Phone(api).say("/help", timeout=30)
        healthy = run(["check"], env | {"BOT_DATABASE": str(database)})
        assert healthy.returncode == 0 and healthy.stdout.strip() == "ok"
        wrong = run(["check"], env | {"BOT_DATABASE": str(database), "BOT_TOKEN": "9:no-such"})
        assert wrong.returncode == 1 and "token was rejected" in wrong.stdout
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    with sqlite_connection(database) as conn:
        conn.execute("PRAGMA user_version = 1")
    old = run(["check"], env | {"BOT_DATABASE": str(database)})
    assert old.returncode == 1 and "schema 1" in old.stdout


def test_backup_while_the_bot_runs_is_a_consistent_copy(api: FakeBotApi, tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    phone = Phone(api)
    process = start_bot(api, database)
    try:
        phone.say("/start", timeout=30)
        phone.tap("开始")
        phone.tap("花呗")
        phone.say("23500")  # acknowledged: must be in the copy
        target = tmp_path / "backups" / "copy.sqlite3"
        result = run(["backup", str(target)], {"BOT_DATABASE": str(database)})
        assert result.returncode == 0, result.stdout + result.stderr
        with sqlite_connection(target) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert copy.execute("SELECT amount_fen FROM debts").fetchall() == [(2_350_000,)]
        # as the systemd timer and the compose service run it
        dated = run(["backup", "--dir", str(tmp_path / "daily")], {"BOT_DATABASE": str(database)})
        assert dated.returncode == 0 and not dated.stderr
        [line] = dated.stdout.splitlines()
        assert line.startswith(f"backup written: {tmp_path / 'daily'}/bot-")
        assert line.endswith("integrity ok); 0 older removed, 1 kept")
        [daily] = (tmp_path / "daily").iterdir()
        with sqlite_connection(daily) as copy:
            assert copy.execute("SELECT amount_fen FROM debts").fetchall() == [(2_350_000,)]
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert run(["backup"], {"BOT_DATABASE": str(database)}).returncode == 2  # FILE missing


def test_check_and_backup_of_a_damaged_database_say_so_in_one_line(
    api: FakeBotApi, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    database.write_bytes(os.urandom(64 * 1024))
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    env = {"BOT_TOKEN": TOKEN, "BOT_API_BASE_URL": api.base_url, "BOT_DATABASE": str(database)}
    checked = run(["check"], env)
    assert checked.returncode == 1
    assert checked.stdout.strip() == "database: file is not a database" and not checked.stderr
    target = tmp_path / "backups" / "copy.sqlite3"
    copied = run(["backup", str(target)], env)
    assert copied.returncode == 1 and not copied.stderr  # no traceback
    assert copied.stdout.startswith("backup failed: file is not a database")
    assert len(copied.stdout.splitlines()) == 1
    assert not target.exists() and not list(target.parent.glob("*.partial"))
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(url: str, update: dict, secret: str | None) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(update).encode(), headers={"Content-Type": "application/json"}
    )
    if secret is not None:
        request.add_header("X-Telegram-Bot-Api-Secret-Token", secret)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_webhook_mode_checks_the_secret_on_every_request(api: FakeBotApi, tmp_path: Path) -> None:
    port, health_port = free_port(), free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    process = start_bot(
        api,
        tmp_path / "bot.sqlite3",
        BOT_WEBHOOK_URL=url,
        BOT_WEBHOOK_SECRET=SECRET,
        BOT_LISTEN="127.0.0.1",
        BOT_PORT=str(port),
        BOT_HEALTH_PORT=str(health_port),
    )
    try:
        deadline = time.monotonic() + 30
        while not api.calls_to("setWebhook") and time.monotonic() < deadline:
            time.sleep(0.05)  # waiting for another process to start, not for a reminder
        time.sleep(0.2)  # setWebhook comes after the local server listens; a margin
        [hook] = api.calls_to("setWebhook")
        assert hook["url"] == url and hook["secret_token"] == SECRET
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": USER, "type": "private"},
                "from": {"id": USER, "is_bot": False, "first_name": "用户"},
                "text": "/help",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        assert post(url, update, "wrong-secret-value-xxxxx") == 403
        assert post(url, update, None) == 403
        assert api.sent_messages(USER) == []  # nothing was processed
        assert post(url, update, SECRET) == 200
        [reply] = api.wait_for_messages(USER, 1, timeout=15)
        assert "/status" in reply["text"]
        health = f"http://127.0.0.1:{health_port}/healthz"
        with urllib.request.urlopen(health, timeout=10) as response:
            assert response.status == 200 and response.read() == b"ok\n"
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert SECRET not in process.logs()


def test_a_failing_command_menu_is_not_fatal_and_sigint_stops_cleanly(
    api: FakeBotApi, tmp_path: Path
) -> None:
    api.fail_next("setMyCommands", 400, "Bad Request: BOT_COMMAND_INVALID")
    process = start_bot(api, tmp_path / "bot.sqlite3")
    try:
        assert "/status" in Phone(api).say("/help", timeout=30)
        assert stop(process, signal.SIGINT) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    logs = process.logs()
    assert "could not set the command menu" in logs and "Traceback" not in logs
