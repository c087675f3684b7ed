"""SQL for 🎭 先练一练: the count of finished rehearsals, and which questions are open."""

from __future__ import annotations

import json

import aiosqlite

__all__ = ["count_rehearsal", "open_conversations", "rehearsals_done"]


async def rehearsals_done(conn: aiosqlite.Connection, user_id: int) -> int:
    async with conn.execute(
        "SELECT rehearsals_done FROM users WHERE user_id = ?", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return 0 if row is None else int(row[0])


async def count_rehearsal(conn: aiosqlite.Connection, user_id: int) -> None:
    await conn.execute(
        "UPDATE users SET rehearsals_done = rehearsals_done + 1 WHERE user_id = ?", (user_id,)
    )


async def open_conversations(conn: aiosqlite.Connection, key: tuple) -> set[str]:
    """The conversations in which this chat and user have a question open."""
    async with conn.execute(
        "SELECT name FROM conversations WHERE key = ?", (json.dumps(list(key)),)
    ) as cursor:
        return {row[0] for row in await cursor.fetchall()}
