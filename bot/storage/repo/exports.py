"""SQL for the messages that carried an export: which ones /delete should remove from chat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.storage.timestamps import to_text

__all__ = ["add_sent_exports", "sent_exports"]


async def add_sent_exports(
    conn: aiosqlite.Connection,
    user_id: int,
    chat_id: int,
    message_ids: Sequence[int],
    now: datetime,
) -> None:
    await conn.executemany(
        "INSERT OR IGNORE INTO sent_exports (user_id, chat_id, message_id, sent_at)"
        " VALUES (?, ?, ?, ?)",
        [(user_id, chat_id, m, to_text(now)) for m in message_ids],
    )


async def sent_exports(conn: aiosqlite.Connection, user_id: int) -> list[tuple[int, int]]:
    """(chat id, message id) of every export message sent to the user, oldest first."""
    async with conn.execute(
        "SELECT chat_id, message_id FROM sent_exports WHERE user_id = ? ORDER BY sent_at",
        (user_id,),
    ) as cursor:
        return [(r[0], r[1]) for r in await cursor.fetchall()]
