"""Operator commands: a health check for Docker/systemd, verified online backups (one file, or
a folder of dated copies kept to a number), and the counts of how deals end."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from telegram import Bot, WebhookInfo
from telegram.error import InvalidToken, TelegramError

from bot.backup.rotation import (
    DEFAULT_KEEP,
    backups,
    dated_name,
    locked_folder,
    remove_stale_partials,
    rotate,
)
from bot.backup.verified_copy import BackupFailed, Copy, reason, write_verified
from bot.config import Settings
from bot.jobs.heartbeat import HEARTBEAT_STALE
from bot.services import Services
from bot.storage import repo
from bot.storage.db import Database, migration_scripts
from bot.storage.repo import HeartbeatRecord
from bot.usecases.outcomes import OutcomeReport, outcome_report

CHECK_TIMEOUT_SECONDS = 10  # inside Docker's 15 s HEALTHCHECK timeout
# Telegram retries a failed webhook delivery less and less often: an error this recent, with
# updates waiting, means the bot is not being reached
WEBHOOK_ERROR_WINDOW = dt.timedelta(minutes=10)


def _database_problem(path: Path) -> str | None:
    """Read-only: a health check must never create, migrate or lock the live database."""
    if not path.is_file():
        return f"database: no file at {path}"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            integrity = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as error:
        return f"database: {error}"
    if integrity != "ok":
        return f"database: damaged ({integrity})"
    if version != len(migration_scripts()):
        return f"database: schema {version}, expected {len(migration_scripts())}"
    return None


async def _api_problem(settings: Settings) -> str | None:
    assert settings.token is not None
    bot = Bot(settings.token.get_secret_value(), base_url=settings.api_base_url)

    async def ask() -> str | None:
        async with bot:  # initialize() asks getMe
            if settings.webhook_url:
                return webhook_problem(await bot.get_webhook_info(), settings.webhook_url)
        return None

    try:
        return await asyncio.wait_for(ask(), CHECK_TIMEOUT_SECONDS)
    except InvalidToken:
        return "Bot API: the token was rejected"
    except (TelegramError, TimeoutError) as error:
        return f"Bot API: {type(error).__name__}"


def webhook_problem(info: WebhookInfo, url: str) -> str | None:
    """Webhook mode: updates arrive only when they arrive, so the heartbeat cannot tell
    whether Telegram reaches the bot; Telegram's own account of its deliveries can."""
    if info.url != url:
        return "webhook: Telegram has another URL set (or none): restart the bot"
    if info.last_error_date is None or not info.pending_update_count:
        return None  # an old error with nothing waiting has passed
    age = (datetime.now(UTC) - info.last_error_date).total_seconds()
    if age > WEBHOOK_ERROR_WINDOW.total_seconds():
        return None
    # Telegram's words about the connection ("Connection refused", "Wrong response …")
    return (
        f"webhook: Telegram cannot deliver {info.pending_update_count} updates "
        f"({info.last_error_message or 'no reason given'}, {_ago(age)} ago)"
    )


def _ago(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def heartbeat_problem(beat: HeartbeatRecord | None, now: datetime) -> str | None:
    """What the running bot's last heartbeat says is wrong, if anything."""
    if beat is None:
        return "bot: no heartbeat yet: it has not been started on this database"
    if beat.stopped_at is not None:
        return f"bot: stopped {_ago((now - beat.stopped_at).total_seconds())} ago"
    silent = (now - beat.beat_at).total_seconds()
    if silent > HEARTBEAT_STALE.total_seconds():
        return f"bot: no heartbeat for {_ago(silent)}: it is down or hung"
    if -silent > HEARTBEAT_STALE.total_seconds():
        # the clock was set back since: the beat proves nothing about now
        return f"bot: its last heartbeat is {_ago(-silent)} in the future: was the clock set back?"
    if beat.busy_since is not None:
        busy = (now - beat.busy_since).total_seconds()
        if busy > HEARTBEAT_STALE.total_seconds():
            return f"bot: one update has been in hand for {_ago(busy)}: it is stuck"
    if beat.mode == "polling":
        # before the first answer, the time since the start counts
        waited = (now - (beat.updates_at or beat.started_at)).total_seconds()
        if waited > HEARTBEAT_STALE.total_seconds():
            return (
                f"bot: the Bot API has answered no getUpdates for {_ago(waited)} "
                "(the network, or another instance polling this token)"
            )
    return None


def _heartbeat_problem(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            beat = repo.read_heartbeat(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        return f"database: {error}"
    return heartbeat_problem(beat, datetime.now(UTC))


def check(settings: Settings) -> int:
    """``python -m bot check``: 0 when the database is migrated, the running bot's heartbeat
    is fresh (and, polling, so is its last getUpdates), and the Bot API answers."""
    problem = (
        _database_problem(settings.database)
        or _heartbeat_problem(settings.database)
        or asyncio.run(_api_problem(settings))
    )
    print(problem or "ok")
    return 0 if problem is None else 1


def backup(settings: Settings, target: Path) -> int:
    """``python -m bot backup FILE``: a verified copy of the live database at FILE (SQLite's
    online backup, safe while the bot writes; bot/backup/verified_copy.py)."""
    source = settings.database
    try:
        _refuse_source(source)
        _refuse_target(source, target)
        with locked_folder(target.parent), _interruptible():
            copy = write_verified(source, target)
    except BackupFailed as failure:
        print(f"backup failed: {failure} ({source} -> {target})")
        return 1
    print(f"backup written: {_written(copy)}")
    return 0


def backup_into(
    settings: Settings, folder: Path, keep: int = DEFAULT_KEEP, now: dt.datetime | None = None
) -> int:
    """``python -m bot backup --dir DIR [--keep N]``: a verified copy named by the UTC time
    (bot-YYYYMMDD-HHMMSSZ.sqlite3) in DIR, then the oldest of the bot's backups there removed
    so that N remain. Nothing is removed unless the new copy was written and passed the check."""
    source = settings.database
    target = folder / dated_name(now or dt.datetime.now(dt.UTC))
    try:
        _refuse_source(source)
        with locked_folder(folder):
            try:
                remove_stale_partials(folder)
            except OSError as error:
                raise BackupFailed(reason(error)) from None
            with _interruptible():
                copy = write_verified(source, target)
            try:
                removed = len(rotate(folder, keep, target))
                kept = len(backups(folder))
            except OSError as error:
                # the copy is good; an operator must still hear that old ones pile up
                print(f"backup written: {_written(copy)}; old backups not removed: {reason(error)}")
                return 1
    except BackupFailed as failure:
        print(f"backup failed: {failure} ({source} -> {folder})")
        return 1
    print(f"backup written: {_written(copy)}; {removed} older removed, {kept} kept")
    return 0


def _written(copy: Copy) -> str:
    return f"{copy.path} ({copy.size} bytes, schema {copy.schema}, integrity ok)"


def _refuse_source(source: Path) -> None:
    """Before any folder is made: a wrong BOT_DATABASE leaves nothing behind."""
    if not source.is_file():
        raise BackupFailed(f"no database at {source}")


def _refuse_target(source: Path, target: Path) -> None:
    """``backup FILE`` replaces FILE: never a folder, the live database, or any database in use
    (a -wal left beside a replaced file would be replayed into it, damaging it)."""
    if target.is_dir():
        raise BackupFailed(f"{target} is a folder: use --dir {target} for dated, rotated backups")
    if target.exists() and source.exists() and target.samefile(source):
        raise BackupFailed(f"{target} is the live database")
    for suffix in ("-wal", "-shm"):
        beside = target.with_name(target.name + suffix)
        if beside.exists():
            raise BackupFailed(
                f"{beside} exists, so {target} may be in use: stop what uses it and move the "
                "file with its -wal and -shm aside first"
            )


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C, or the SIGTERM with which systemd stops a backup that runs too long, during the
    copy: the partial copy is removed (write_verified) and the run ends in one line."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    except KeyboardInterrupt:
        raise BackupFailed("interrupted, nothing was written") from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def outcome_lines(report: OutcomeReport) -> list[str]:
    """The figures as printed: one count a line, names the operator can grep."""
    rows: list[tuple[str, int]] = [(o.value, n) for o, n in report.deals.items()]
    rows += [
        ("deals", sum(report.deals.values())),
        ("plans_made", report.plans_made),
        ("calls_agreed", report.calls_agreed),
        ("calls_refused", report.calls_refused),
        ("nudges_sent", report.nudges_sent),
    ]
    return [f"{name:<14}{count:>8}" for name, count in rows]


def outcomes(settings: Settings) -> int:
    """``python -m bot outcomes``: how many deals are kept, re-planned, broken or paid off,
    with plans made, calls recorded and nudges sent. Counts only, never a person's data.

    The database must be the bot's, migrated (checked read-only first, as ``check`` does).
    """
    problem = _database_problem(settings.database)
    if problem is not None:
        print(problem)
        return 1

    async def read() -> OutcomeReport:
        database = Database(settings.database)
        try:
            return await outcome_report(Services(settings=settings, database=database))
        finally:
            await database.close()

    try:
        report = asyncio.run(read())
    except sqlite3.Error as error:
        print(f"database: {error}")
        return 1
    print(f"deal outcomes on {report.on.isoformat()} ({settings.timezone}), counts only")
    print("\n".join(outcome_lines(report)))
    return 0
