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
async def bot(database: Path, clock: Clock, request: pytest.FixtureRequest) -> AsyncIterator[Bot]:
    # @pytest.mark.rate_limited: with the production rate limiter (its retries are tested)
    limited = request.node.get_closest_marker("rate_limited") is not None
    async with running_bot(database, clock, rate_limited=limited) as running:
        yield running


@pytest.fixture
def alice(bot: Bot) -> Chat:
    return bot.chat(101)


@pytest.fixture
def bob(bot: Bot) -> Chat:
    return bot.chat(202)
