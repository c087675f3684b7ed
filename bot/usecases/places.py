"""The user's place in a conversation: the question they are on, saved with their answers.

python-telegram-bot keeps its own copy in memory; this one, in the database, is written in
the same transaction as the answer, so a restart resumes at the question last shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.storage import repo
from bot.usecases.deps import Deps


@dataclass(frozen=True, slots=True)
class Place:
    """The user's place in a conversation (None: it ended), saved with what was recorded."""

    name: str
    key: tuple[int, int]
    state: int | None = None


async def saved_state(deps: Deps, name: str, key: tuple[int, int]) -> int | None:
    """Where the user is in conversation ``name``, as last saved (None: not in it)."""
    return await repo.load_conversation_state(await deps.database.connection(), name, key)


async def stored_places(deps: Deps, key: tuple[int, int]) -> dict[str, object]:
    """Where this chat and user stand in each conversation, as committed (by name)."""
    return await repo.conversation_states(await deps.database.connection(), key)


async def save_place(conn: aiosqlite.Connection, place: Place | None) -> None:
    """Inside the calling use case's transaction; None saves nothing."""
    if place is not None:
        await repo.save_conversation(conn, place.name, place.key, place.state)


async def open_conversations(deps: Deps, key: tuple[int, int]) -> set[str]:
    """The conversations in which this chat and user have a question open."""
    return await repo.open_conversations(await deps.database.connection(), key)
