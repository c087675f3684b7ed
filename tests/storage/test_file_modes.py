"""Files holding user data are private to the service user whatever the umask (Debian's 022
made every database and backup 0644: readable by any local user)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.operations import backup
from bot.storage.db import Database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    before = os.umask(0o022)
    yield
    os.umask(before)


async def test_the_database_its_journal_and_a_backup_are_the_owners_only(
    tmp_path: Path, open_umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "state" / "bot.sqlite3"
    database = Database(path)
    try:
        async with database.transaction() as conn:
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, created_at) VALUES (1, 1, 'x')"
            )
        wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
        assert wal.exists() and shm.exists()
        assert {p.name: mode(p) for p in (path, wal, shm)} == {
            p.name: 0o600 for p in (path, wal, shm)
        }
        assert mode(path.parent) == 0o700
        settings = Settings(token=SecretStr("1:abc"), database=path)  # type: ignore[call-arg]
        target = tmp_path / "backups" / "bot-1.sqlite3"
        assert backup(settings, target) == 0
        assert mode(target) == 0o600 and mode(target.parent) == 0o700
    finally:
        await database.close()
    capsys.readouterr()
