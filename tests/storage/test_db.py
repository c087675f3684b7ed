import hashlib
import os
from pathlib import Path

import aiosqlite
import pytest

from bot.storage.db import (
    Database,
    DatabaseUnusable,
    migrate,
    migration_scripts,
    schema_version,
)
from tests.support.sqlite import sqlite_connection


async def test_open_sets_wal_foreign_keys_and_latest_schema(tmp_path: Path) -> None:
    database = Database(tmp_path / "nested" / "bot.sqlite3")
    conn = await database.connection()
    try:
        async with conn.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        async with conn.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1
        assert await schema_version(conn) == len(migration_scripts())
    finally:
        await database.close()


async def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with aiosqlite.connect(path) as conn:
        first = await migrate(conn)
        second = await migrate(conn)
        assert first == second == await schema_version(conn)


async def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with aiosqlite.connect(path) as conn:
        await conn.execute("PRAGMA user_version = 999")
        with pytest.raises(DatabaseUnusable, match="schema 999, newer than this program"):
            await migrate(conn)


async def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    database = Database(tmp_path / "bot.sqlite3")
    try:
        with pytest.raises(ZeroDivisionError):
            async with database.transaction() as conn:
                await conn.execute(
                    "INSERT INTO users (user_id, chat_id, created_at) VALUES (1, 1, 'x')"
                )
                raise ZeroDivisionError
        conn = await database.connection()
        async with conn.execute("SELECT COUNT(*) FROM users") as cursor:
            assert (await cursor.fetchone())[0] == 0
    finally:
        await database.close()


def test_migrations_are_numbered_without_gaps() -> None:
    versions = [version for version, _ in migration_scripts()]
    assert versions == list(range(1, len(versions) + 1))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_random_bytes_are_refused_and_left_as_they_were(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(os.urandom(40_000))
    before = digest(path)
    for attempt in (Database(path).check, Database(path).connection):
        with pytest.raises(DatabaseUnusable, match=r"is damaged \(file is not a database"):
            await attempt()
    assert digest(path) == before


async def test_a_truncated_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    database = Database(path)
    async with database.transaction() as conn:
        await conn.execute("CREATE TABLE padding (x TEXT)")
        await conn.executemany("INSERT INTO padding VALUES (?)", [("x" * 900,)] * 200)
    await database.close()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = digest(path)
    with pytest.raises(DatabaseUnusable, match=r"malformed.*restore the latest backup"):
        await Database(path).connection()
    assert digest(path) == before


async def test_check_changes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    await Database(missing).check()
    assert not missing.exists()  # created on first real use, not by a check
    older = tmp_path / "older.sqlite3"
    with sqlite_connection(older) as conn:
        version, sql = migration_scripts()[0]
        conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    before = digest(older)
    await Database(older).check()
    assert digest(older) == before  # neither migrated nor switched to WAL
    with sqlite_connection(older) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "write_probe" not in tables  # the write probe was rolled back


async def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "bot.sqlite3").mkdir()
    with pytest.raises(DatabaseUnusable, match="is not a file"):
        await Database(tmp_path / "bot.sqlite3").connection()


async def test_moments_stored_with_a_local_offset_become_utc(tmp_path: Path) -> None:
    """0005: rows written before it carry +08:00; after it every column holds UTC text."""
    path = tmp_path / "old.sqlite3"
    with sqlite_connection(path) as conn:
        for version, sql in migration_scripts()[:4]:
            conn.executescript(sql)
            conn.execute(f"PRAGMA user_version = {version}")
        conn.execute(
            "INSERT INTO users (user_id, chat_id, created_at, last_seen_at)"
            " VALUES (1, 1, '2026-12-02T13:24:10+08:00', '2026-12-02T07:00:00+08:00')"
        )
        conn.execute(
            "INSERT INTO call_log (user_id, called_at, outcome)"
            " VALUES (1, '2026-12-01T23:59:59+08:00', 'refused')"
        )
    database = Database(path)
    conn = await database.connection()
    async with conn.execute("SELECT created_at, last_seen_at FROM users") as cursor:
        assert tuple(await cursor.fetchone()) == (
            "2026-12-02T05:24:10+00:00",
            "2026-12-01T23:00:00+00:00",
        )
    async with conn.execute("SELECT called_at FROM call_log") as cursor:
        assert tuple(await cursor.fetchone()) == ("2026-12-01T15:59:59+00:00",)
    await database.close()
