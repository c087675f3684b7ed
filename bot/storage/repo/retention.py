"""SQL for the retention rule: old closed cases and inactive users are removed.

Nobody with an unfinished deal (an installment of an active deal not paid in full) loses
anything.
Timestamps are stored in one UTC form (``storage/timestamps.py``), so they compare as text.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.storage.timestamps import to_text

__all__ = ["purge_expired", "touch_user"]

_UNFINISHED = (
    "SELECT d.{column} FROM deals d JOIN installments i ON i.deal_id = d.id"
    # paid in part is unfinished too: the rest is still owed
    " WHERE d.active = 1 AND (i.paid_fen IS NULL OR i.paid_fen < i.amount_fen)"
)


async def purge_expired(conn: aiosqlite.Connection, cutoff: datetime) -> tuple[int, int]:
    """Deletes closed cases and inactive users older than ``cutoff``; returns both counts."""
    stamp = to_text(cutoff)
    cases = await conn.execute(
        "DELETE FROM cases WHERE status = 'closed' AND closed_at < ?"
        f" AND id NOT IN ({_UNFINISHED.format(column='case_id')})",
        (stamp,),
    )
    users = await conn.execute(
        "DELETE FROM users WHERE COALESCE(last_seen_at, created_at) < ?"
        f" AND user_id NOT IN ({_UNFINISHED.format(column='user_id')})",
        (stamp,),
    )
    await conn.execute(
        "DELETE FROM conversations WHERE json_extract(key, '$[1]') NOT IN"
        " (SELECT user_id FROM users)"
    )
    return cases.rowcount, users.rowcount


async def touch_user(conn: aiosqlite.Connection, user_id: int, now: datetime) -> None:
    await conn.execute(
        "UPDATE users SET last_seen_at = ? WHERE user_id = ?",
        (to_text(now), user_id),
    )
