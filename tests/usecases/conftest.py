"""Use cases on a real, migrated SQLite file, with a clock the test moves; no Application."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.db import Database
from tests.usecases.world import World


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    database = Database(tmp_path / "bot.sqlite3")
    await database.connection()  # opened and migrated
    yield World(database)
    await database.close()
