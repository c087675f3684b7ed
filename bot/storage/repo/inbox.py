"""SQL of the inbox: updates stored before Telegram is told they arrived (issue 15, point 7).

A waiting row holds the update's JSON and its sender; marking it handled erases both in the
same statement, so what a person typed lives here only while their update is in hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.timestamps import to_text


@dataclass(frozen=True)
class StoredUpdate:
    update_id: int
    user_id: int | None
    payload: str  # the update's JSON


@dataclass(frozen=True)
class WaitingUpdate:
    update_id: int
    payload: str
    attempts: int  # replays begun so far


async def store_updates(
    conn: aiosqlite.Connection, updates: Sequence[StoredUpdate], at: datetime
) -> set[int]:
    """Stores the updates not stored yet; returns their ids (the others are re-deliveries)."""
    if not updates:
        return set()
    ids = [u.update_id for u in updates]
    marks = ",".join("?" * len(ids))
    async with conn.execute(
        f"SELECT update_id FROM inbox WHERE update_id IN ({marks})", ids
    ) as cursor:
        known = {row[0] for row in await cursor.fetchall()}
    new = [u for u in updates if u.update_id not in known]
    stamp = to_text(at)
    await conn.executemany(
        "INSERT OR IGNORE INTO inbox (update_id, user_id, received_at, payload)"
        " VALUES (?, ?, ?, ?)",
        [(u.update_id, u.user_id, stamp, u.payload) for u in new],
    )
    return {u.update_id for u in new}


async def mark_handled(conn: aiosqlite.Connection, update_ids: Sequence[int], at: datetime) -> None:
    """Marks them handled and erases what they carried. A row /delete removed meanwhile comes
    back as a bare id, so that a re-delivery of the same update is still recognised."""
    stamp = to_text(at)
    await conn.executemany(
        "INSERT INTO inbox (update_id, received_at, handled_at) VALUES (?, ?, ?)"
        " ON CONFLICT (update_id) DO UPDATE SET"
        " handled_at = excluded.handled_at, payload = NULL, user_id = NULL",
        [(update_id, stamp, stamp) for update_id in update_ids],
    )


async def waiting_updates(conn: aiosqlite.Connection) -> list[WaitingUpdate]:
    """The updates stored and not handled, in the order Telegram numbered them."""
    async with conn.execute(
        "SELECT update_id, payload, attempts FROM inbox WHERE handled_at IS NULL ORDER BY update_id"
    ) as cursor:
        return [WaitingUpdate(row[0], row[1], row[2]) for row in await cursor.fetchall()]


async def count_attempt(conn: aiosqlite.Connection, update_id: int) -> None:
    await conn.execute(
        "UPDATE inbox SET attempts = attempts + 1 WHERE update_id = ? AND handled_at IS NULL",
        (update_id,),
    )


async def forget_confirmed(conn: aiosqlite.Connection, below: int) -> None:
    """Handled updates Telegram has confirmed (getUpdates answered with a higher offset): it
    never sends them again, so their ids are not needed any more."""
    await conn.execute("DELETE FROM inbox WHERE update_id < ? AND handled_at IS NOT NULL", (below,))


async def forget_handled_before(conn: aiosqlite.Connection, before: datetime) -> int:
    cursor = await conn.execute("DELETE FROM inbox WHERE handled_at < ?", (to_text(before),))
    return cursor.rowcount


async def delete_inbox_of(conn: aiosqlite.Connection, user_id: int) -> None:
    """/delete: the user's updates still waiting, with what they carried."""
    await conn.execute("DELETE FROM inbox WHERE handled_at IS NULL AND user_id = ?", (user_id,))
