from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.chat import Bot, Chat, Clock, running_bot


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "bot.sqlite3"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(database: Path, clock: Clock) -> AsyncIterator[Bot]:
    async with running_bot(database, clock) as running:
        yield running


@pytest.fixture
def alice(bot: Bot) -> Chat:
    return bot.chat(101)


@pytest.fixture
def bob(bot: Bot) -> Chat:
    return bot.chat(202)
