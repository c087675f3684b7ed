"""One SQLite connection through aiosqlite: WAL, foreign keys, append-only migrations."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

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

    async def _open(self) -> aiosqlite.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path)
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            # FULL: an answer the bot acknowledged must survive power loss, not only kill -9
            await conn.execute("PRAGMA synchronous=FULL")
            await conn.execute("PRAGMA busy_timeout=5000")
            await migrate(conn)
        except BaseException:
            await conn.close()
            raise
        return conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Commits on success, rolls back on error; one writer at a time."""
        conn = await self.connection()
        async with self._write_lock:
            try:
                yield conn
            except BaseException:
                await conn.rollback()
                raise
            await conn.commit()

    async def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection) -> int:
    """Applies the migrations not yet applied; running it twice changes nothing."""
    current = await schema_version(conn)
    scripts = migration_scripts()
    if current > len(scripts):
        raise RuntimeError(
            f"database schema {current} is newer than this program ({len(scripts)}): upgrade it"
        )
    for version, sql in scripts[current:]:
        log.info("applying migration %04d", version)
        # executescript commits first; the version bump is inside the script's transaction
        await conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    return len(scripts)
