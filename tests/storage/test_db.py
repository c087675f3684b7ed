from pathlib import Path

import aiosqlite
import pytest

from bot.storage.db import Database, migrate, migration_scripts, schema_version


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
        with pytest.raises(RuntimeError, match="newer"):
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
