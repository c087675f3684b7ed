"""A start that cannot succeed, through the real process: one line naming the cause and what
to do, no traceback, the right exit status (2: a restart will not help; 1: try again later),
and the database exactly as it was (SHA-256 of the file before and after)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from telegram.error import Conflict, NetworkError

from bot.__main__ import PollingErrors
from bot.adapters.retrying_request import TRIES
from bot.storage.db import Database, migration_scripts
from tests.e2e.test_process import ROOT, TOKEN, Phone, start_bot, stop
from tests.support.fake_bot_api import FakeBotApi
from tests.support.sqlite import sqlite_connection

LATEST = len(migration_scripts())


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, max_poll_timeout=1.0) as server:
        yield server


def run_bot(
    api_url: str, database: Path, *, unprivileged: bool = False, **extra: str
) -> tuple[int, list[str]]:
    """``python -m bot`` until it exits: (status, the lines it wrote at WARNING and above)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")} | {
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": api_url,
        "BOT_DATABASE": str(database),
        "BOT_LOG_LEVEL": "WARNING",
        "PTB_TIMEDELTA": "true",
        **extra,
    }
    command = [sys.executable, "-m", "bot"]
    if unprivileged and os.geteuid() == 0:
        # root writes read-only files anyway: drop the capabilities that let it
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result.returncode, output.strip().splitlines()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def migrated_database(path: Path, version: int = LATEST) -> Path:
    """A database as the bot leaves it, at schema ``version`` (an older one to show that a
    failed start does not migrate it)."""
    if version == LATEST:

        async def create() -> None:
            database = Database(path)
            await database.connection()
            await database.close()

        asyncio.run(create())
        return path
    with sqlite_connection(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        for number, sql in migration_scripts()[:version]:
            conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
    return path


def one_line(lines: list[str], *words: str) -> str:
    assert len(lines) == 1, lines
    [line] = lines
    for word in words:
        assert word in line, line
    return line


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_token_the_api_rejects_exits_2_and_leaves_an_old_database_unmigrated(
    api: FakeBotApi, tmp_path: Path
) -> None:
    database = migrated_database(tmp_path / "bot.sqlite3", version=LATEST - 1)
    before = digest(database)
    status, lines = run_bot(api.base_url, database, BOT_TOKEN="999:wrong-token-value")
    assert status == 2
    line = one_line(lines, "BOT_TOKEN was rejected", "@BotFather")
    assert "wrong-token-value" not in line
    assert digest(database) == before
    assert not api.calls_to("getUpdates")


def test_a_missing_database_is_not_created_by_a_failed_start(
    api: FakeBotApi, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    status, _ = run_bot(api.base_url, database, BOT_TOKEN="999:wrong-token-value")
    assert status == 2 and not database.exists()


def test_an_unreachable_bot_api_is_waited_for_until_the_bot_is_stopped(tmp_path: Path) -> None:
    """No exit 1 while the Bot API is down at start-up: a line a try, and SIGTERM still ends
    it at once (exit 0), the database untouched."""
    database = migrated_database(tmp_path / "bot.sqlite3", version=LATEST - 1)
    before = digest(database)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")} | {
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": f"http://127.0.0.1:{closed_port()}/bot",
        "BOT_DATABASE": str(database),
        "BOT_LOG_LEVEL": "WARNING",
        "PTB_TIMEDELTA": "true",
    }
    log = tmp_path / "bot.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=sink, stderr=sink
        )
    try:
        deadline = time.monotonic() + 30
        while log.read_text().count("getMe failed") < 2:  # the process's own lines, not a timer
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    lines = log.read_text().strip().splitlines()
    assert "Traceback" not in log.read_text()
    tries = [line for line in lines if "getMe failed" in line]
    assert "attempt 1: NetworkError: httpx.ConnectError" in tries[0], tries
    assert "next try in 1 s" in tries[0] and "attempt 2" in tries[1] and "in 2 s" in tries[1]
    assert not [line for line in lines if "cannot start" in line]
    assert digest(database) == before


def test_a_server_error_on_getme_is_tried_again(api: FakeBotApi, tmp_path: Path) -> None:
    # every try of the request layer fails, then the first two of the start-up's next round
    for _ in range(TRIES + 2):
        api.fail_next("getMe", 500, "Internal Server Error")
    process = start_bot(api, tmp_path / "bot.sqlite3")
    try:
        assert "/status" in Phone(api).say("/help", timeout=30)
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    logs = process.logs()
    assert "getMe failed (attempt 1: NetworkError: Internal Server Error)" in logs
    assert "next try in 1 s" in logs and "attempt 2" not in logs
    assert "Traceback" not in logs
    assert len(api.calls_to("getMe")) == TRIES + 3


def damage_random(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def damage_truncate(path: Path) -> None:
    with sqlite_connection(path) as conn:  # enough pages that half of them are missing
        conn.execute("CREATE TABLE padding (x TEXT)")
        conn.executemany("INSERT INTO padding VALUES (?)", [("x" * 900,) for _ in range(200)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def damage_newer(path: Path) -> None:
    with sqlite_connection(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (damage_random, ["is damaged", "file is not a database", "left as it is", "backup"]),
        (damage_truncate, ["is damaged", "malformed", "left as it is", "backup"]),
        (damage_newer, [f"has schema {LATEST + 1}, newer than", "run the newer version"]),
    ],
    ids=["random-bytes", "truncated-in-half", "newer-schema"],
)
def test_a_damaged_or_newer_database_exits_2_and_is_left_byte_for_byte(
    api: FakeBotApi, tmp_path: Path, damage: object, words: list[str]
) -> None:
    database = migrated_database(tmp_path / "bot.sqlite3")
    damage(database)  # type: ignore[operator]
    before = digest(database)
    status, lines = run_bot(api.base_url, database)
    assert status == 2
    one_line(lines, str(database), *words)
    assert digest(database) == before
    assert not api.calls_to("getMe")  # refused before the network


needs_setpriv = pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="as root, read-only files need setpriv to drop CAP_DAC_OVERRIDE",
)


@needs_setpriv
def test_a_read_only_database_file_exits_2(api: FakeBotApi, tmp_path: Path) -> None:
    database = migrated_database(tmp_path / "bot.sqlite3")
    before = digest(database)
    database.chmod(0o444)
    try:
        status, lines = run_bot(api.base_url, database, unprivileged=True)
    finally:
        database.chmod(0o644)
    assert status == 2
    one_line(lines, str(database), "is read-only", "let the bot's user write")
    assert digest(database) == before


@needs_setpriv
@pytest.mark.parametrize("exists", [True, False], ids=["existing-db", "new-db"])
def test_a_read_only_database_directory_exits_2(
    api: FakeBotApi, tmp_path: Path, exists: bool
) -> None:
    directory = tmp_path / "data"
    directory.mkdir()
    database = directory / "bot.sqlite3"
    if exists:
        migrated_database(database)
        before = digest(database)
    directory.chmod(0o555)
    try:
        status, lines = run_bot(api.base_url, database, unprivileged=True)
    finally:
        directory.chmod(0o755)
    assert status == 2
    one_line(lines, "let the bot's user write")
    if exists:
        assert digest(database) == before
    else:
        assert not database.exists()


def test_a_directory_where_the_database_should_be_exits_2(api: FakeBotApi, tmp_path: Path) -> None:
    (tmp_path / "bot.sqlite3").mkdir()
    status, lines = run_bot(api.base_url, tmp_path / "bot.sqlite3")
    assert status == 2
    one_line(lines, "is not a file", "BOT_DATABASE")


@pytest.mark.parametrize("taken", ["BOT_PORT", "BOT_HEALTH_PORT"])
def test_a_webhook_port_in_use_exits_2_before_telegram_is_told(
    api: FakeBotApi, tmp_path: Path, taken: str
) -> None:
    database = migrated_database(tmp_path / "bot.sqlite3", version=LATEST - 1)
    before = digest(database)
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        busy = squatter.getsockname()[1]
        ports = {"BOT_PORT": str(closed_port()), "BOT_HEALTH_PORT": str(closed_port())}
        ports[taken] = str(busy)
        status, lines = run_bot(
            api.base_url,
            database,
            BOT_WEBHOOK_URL=f"http://127.0.0.1:{ports['BOT_PORT']}/telegram",
            BOT_WEBHOOK_SECRET="s3cret-webhook-token-for-tests",
            BOT_LISTEN="127.0.0.1",
            **ports,
        )
    assert status == 2
    one_line(lines, f"{taken} {busy} on 127.0.0.1 is already in use")
    assert not api.calls_to("setWebhook")
    assert digest(database) == before  # not migrated by the failed start


CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def test_409_conflict_while_polling_is_one_warning_not_a_traceback_loop(
    api: FakeBotApi, tmp_path: Path
) -> None:
    for _ in range(3):
        api.fail_next("getUpdates", 409, CONFLICT)
    process = start_bot(api, tmp_path / "bot.sqlite3")
    try:
        # PTB backs off (1, 1.5, 2.25 s) through the conflicts, then polls normally
        assert "/status" in Phone(api).say("/help", timeout=30)
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    logs = process.logs()
    assert "Traceback" not in logs
    warnings = [line for line in logs.splitlines() if "another instance" in line]
    assert len(warnings) == 1, logs  # three conflicts, one line (at most once a minute)
    assert "stop it" in warnings[0] and "terminated by other getUpdates request" in warnings[0]


def test_two_instances_on_one_token_each_warn_once(api: FakeBotApi, tmp_path: Path) -> None:
    first = start_bot(api, tmp_path / "one" / "bot.sqlite3")
    second = start_bot(api, tmp_path / "two" / "bot.sqlite3")
    try:
        # the fake ends a long poll with 409 when another one arrives, like Telegram
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(
            "another instance" in p.logs() for p in (first, second)
        ):
            time.sleep(0.2)  # waiting for two other processes, not for a timer of ours
        time.sleep(5)  # several more conflicts happen meanwhile
        assert stop(first, signal.SIGTERM) == 0
        assert stop(second, signal.SIGTERM) == 0
    finally:
        for process in (first, second):
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    for process in (first, second):
        logs = process.logs()
        assert "Traceback" not in logs
        assert [line for line in logs.splitlines() if "another instance" in line], logs
        assert len([line for line in logs.splitlines() if "another instance" in line]) == 1


def test_deletewebhook_failing_at_every_try_is_one_line_and_exit_1(
    api: FakeBotApi, tmp_path: Path
) -> None:
    for _ in range(4 * TRIES):  # PTB's bootstrap tries 1 + 3 times, each a few HTTP tries
        api.fail_next("deleteWebhook", 500, "Internal Server Error")
    status, lines = run_bot(api.base_url, tmp_path / "bot.sqlite3")
    assert status == 1
    assert len(lines) <= 2, lines  # PTB's own "Aborting" line, made one line, and ours
    assert "cannot start" in lines[-1] and "deleteWebhook" in lines[-1]
    assert len(api.calls_to("deleteWebhook")) == 4 * TRIES


def test_polling_errors_are_one_line_per_kind_and_minute(caplog: pytest.LogCaptureFixture) -> None:
    """In-process, with a clock the test moves: the rate limit the e2e test cannot wait for."""
    now = [1000.0]
    report = PollingErrors(clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="bot"):
        for _ in range(20):  # 409 every 2-5 s for 59 s
            report(Conflict(CONFLICT))
            now[0] += 2.9
        report(NetworkError("httpx.ReadError: "))  # another kind gets its own line
        now[0] += 2
        report(Conflict(CONFLICT))  # a minute after the first: said again
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 3, lines
    assert lines[0].startswith("another instance is polling this token; stop it (Conflict:")
    assert "the Bot API cannot be reached" in lines[1]
    assert lines[2] == lines[0]
    assert all(record.exc_info is None for record in caplog.records)


def test_console_mode_refuses_a_damaged_database_in_one_line(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    damage_random(database)
    before = digest(database)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--console"],
        cwd=ROOT,
        env=env | {"BOT_DATABASE": str(database)},
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    one_line(result.stderr.strip().splitlines(), "cannot start", "is damaged")
    assert digest(database) == before


def test_a_misspelt_token_variable_names_the_one_meant(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,  # no .env of the checkout is read
        env=env | {"BOT_TOKN": TOKEN, "BOT_DATABASE": str(tmp_path / "bot.sqlite3")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("configuration error: BOT_TOKEN is missing")
    assert line.endswith(
        "BOT_TOKN is not a setting of this bot and is ignored: did you mean BOT_TOKEN?"
    )
    assert TOKEN not in line


def test_a_misspelt_setting_is_a_warning_once_logging_runs(api: FakeBotApi, tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    # settings that load, then a start that fails later (a token the API rejects)
    status, lines = run_bot(api.base_url, database, BOT_TIMEZON="Asia/Tokyo", BOT_TOKEN="9:nope")
    assert status == 2
    assert (
        "BOT_TIMEZON is not a setting of this bot and is ignored: did you mean BOT_TIMEZONE?"
        in (" ".join(lines))
    )
