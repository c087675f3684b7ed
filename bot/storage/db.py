"""One SQLite connection through aiosqlite: WAL, foreign keys, append-only migrations."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import Protocol

import aiosqlite

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "bot.storage.migrations"


def migration_scripts() -> list[tuple[int, str]]:
    """Every migration as (version, sql), in order. Files are never edited once shipped."""
    found = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migration numbers must run 1, 2, 3…; found {versions}")
    return found


# rw for the owner only (databases, backups)
PRIVATE_FILE = 0o600


class DatabaseUnusable(RuntimeError):
    """The database cannot be used as it is. The message is one line: the cause and what to do.

    Raised before anything was written: a refused database is left exactly as it was.
    """


def _unusable(path: Path, error: sqlite3.Error) -> DatabaseUnusable:
    """One line for an operator, from SQLite's error code."""
    code = getattr(error, "sqlite_errorname", "")
    if code == "SQLITE_READONLY_DIRECTORY":
        return DatabaseUnusable(
            f"database directory {path.parent} is read-only: let the bot's user write it "
            "(SQLite keeps its -wal and -shm files beside the database)"
        )
    if code.startswith("SQLITE_READONLY"):
        return DatabaseUnusable(
            f"database {path} is read-only: let the bot's user write the file and its directory"
        )
    if code.startswith("SQLITE_CANTOPEN"):
        return DatabaseUnusable(
            f"database {path} cannot be opened: let the bot's user write the file and its directory"
        )
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return _damaged(path, str(error))
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseUnusable(
            f"database {path} is locked by another process: stop it (another instance?)"
        )
    if code.startswith("SQLITE_FULL"):
        return DatabaseUnusable(f"the disk holding database {path} is full: free some space")
    return DatabaseUnusable(f"database {path} cannot be used: {error}")


def _damaged(path: Path, detail: str) -> DatabaseUnusable:
    return DatabaseUnusable(
        f"database {path} is damaged ({detail}); it was left as it is: "
        "restore the latest backup (deploy/README.md, Backups)"
    )


class AnswerHook(Protocol):
    """What an update being handled adds to each of its write transactions (bot/inbox.py:
    the update's handled mark, so that it is committed with the answer, never apart)."""

    async def before_commit(self, conn: aiosqlite.Connection) -> bool:
        """Writes its part inside the transaction; True when it did."""
        ...

    def committed(self) -> None:
        """The transaction it wrote in is committed."""
        ...


# set while an update from the inbox is handled (bot/inbox.py ``Inbox.handling``)
answer_hook: ContextVar[AnswerHook | None] = ContextVar("answer_hook", default=None)


class Database:
    """Opens lazily (persistence may need it before post_init) and serialises writers."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._conn: aiosqlite.Connection | None = None
        self._open_lock = asyncio.Lock()
        # one connection is shared by all handlers: a write transaction must not interleave
        self._write_lock = asyncio.Lock()

    async def connection(self) -> aiosqlite.Connection:
        if self._conn is None:
            async with self._open_lock:
                if self._conn is None:
                    self._conn = await self._open()
        return self._conn

    async def check(self) -> None:
        """Refuses an unusable database (DatabaseUnusable) without changing it or keeping it
        open. A database that does not exist yet passes: it is created on first use."""
        if self.path.exists() or self.path.is_symlink():
            await asyncio.to_thread(check_usable, self.path)

    async def _open(self) -> aiosqlite.Connection:
        """Checks the file before changing anything, then sets it up and migrates it."""
        # checked on a plain sqlite3 connection of its own: aiosqlite's worker thread outlives
        # a failed connect and, when the process then exits at once, prints a traceback
        await asyncio.to_thread(check_usable, self.path)
        try:
            conn = await aiosqlite.connect(self.path)
        except sqlite3.Error as error:
            raise _unusable(self.path, error) from None
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA busy_timeout=5000")
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            # FULL: an answer the bot acknowledged must survive power loss, not only kill -9
            await conn.execute("PRAGMA synchronous=FULL")
            # what is deleted (a user's rows after /delete, their updates waiting in the
            # inbox) is overwritten with zeros, not only unlinked, whatever the build's default
            await conn.execute("PRAGMA secure_delete=ON")
            await migrate(conn)
        except sqlite3.Error as error:
            await conn.close()
            raise _unusable(self.path, error) from None
        except BaseException:
            await conn.close()
            raise
        return conn

    @asynccontextmanager
    async def transaction(self, *, answer: bool = True) -> AsyncIterator[aiosqlite.Connection]:
        """Commits on success, rolls back on error; one writer at a time.

        While an update from the inbox is handled, the transaction also marks it handled
        (``answer_hook``), so a restart never handles it again once its answer is stored.
        ``answer=False``: a write that is not the answer (the day a user was last seen) and
        must not mark it, or a crash before the answer would lose the update.
        """
        conn = await self.connection()
        hook = answer_hook.get() if answer else None
        async with self._write_lock:
            try:
                yield conn
                marked = hook is not None and await hook.before_commit(conn)
            except BaseException:
                await conn.rollback()
                raise
            await conn.commit()
            if marked:
                assert hook is not None
                hook.committed()

    async def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


def create_private(path: Path) -> None:
    """An empty file only its owner can read and write (an empty file is an empty database)."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))


def check_usable(path: Path) -> None:
    """Refuses a database that is not a file, damaged, newer than this program, read-only or
    locked (DatabaseUnusable, one line), without writing anything to it.

    ``quick_check`` reads every page (milliseconds for this bot's few megabytes); the write
    probe is a transaction that is rolled back, so the file itself is never touched.
    """
    try:
        # private to the service user whatever the umask: the data is financial and health
        # information (SQLite gives the -wal and -shm files the database's own mode)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnusable(
            f"database directory {path.parent} cannot be created: {error.strerror}"
        ) from None
    if not path.exists() and not path.is_symlink():
        try:
            create_private(path)
        except OSError as error:
            raise DatabaseUnusable(
                f"database {path} cannot be created ({error.strerror}): let the bot's user"
                " write the file and its directory"
            ) from None
    if path.exists() and not path.is_file():
        raise DatabaseUnusable(f"database {path} is not a file: point BOT_DATABASE at one")
    try:
        conn = sqlite3.connect(path, timeout=5)
    except sqlite3.Error as error:
        raise _unusable(path, error) from None
    try:
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise _damaged(path, problems[0] if problems else "no answer from quick_check")
        _refuse_newer(conn.execute("PRAGMA user_version").fetchone()[0], f"database {path}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE write_probe (x INTEGER)")
        finally:
            conn.rollback()
    except sqlite3.Error as error:
        raise _unusable(path, error) from None
    finally:
        conn.close()


def _refuse_newer(current: int, what: str = "database") -> None:
    known = len(migration_scripts())
    if current > known:
        raise DatabaseUnusable(
            f"{what} has schema {current}, newer than this program ({known}): "
            "run the newer version of the bot, or restore a backup made for this one"
        )


async def migrate(conn: aiosqlite.Connection) -> int:
    """Applies the migrations not yet applied; running it twice changes nothing."""
    current = await schema_version(conn)
    scripts = migration_scripts()
    _refuse_newer(current)
    for version, sql in scripts[current:]:
        log.info("applying migration %04d", version)
        # executescript commits first; the version bump is inside the script's transaction
        await conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    return len(scripts)
