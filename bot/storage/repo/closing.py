"""SQL for the end of a case: paid off (closed, each deal's outcome stored) and reopened.

A paid-off deal stays active (it was not replaced: its installments are the record of what
was paid, and /plan still shows them); ``outcome = 'paid_off'`` and ``ended_at`` say it ended.
The case is closed from then, so the retention period runs from ``closed_at``.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.storage.timestamps import to_text

__all__ = [
    "check_in_wanted",
    "close_paid_off_case",
    "deal_case_status",
    "reopen_paid_off_case",
]

# the cases of the user's active deals
_DEAL_CASES = "SELECT case_id FROM deals WHERE user_id = ? AND active = 1"


async def deal_case_status(conn: aiosqlite.Connection, user_id: int) -> str | None:
    """The status of the case the user's active deals belong to (None: no active deal)."""
    async with conn.execute(
        f"SELECT status FROM cases WHERE user_id = ? AND id IN ({_DEAL_CASES})"
        " ORDER BY id DESC LIMIT 1",
        (user_id, user_id),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else row[0]


async def check_in_wanted(conn: aiosqlite.Connection, user_id: int) -> bool:
    """Whether a deal of the user runs, with something left to pay, in a case still open."""
    async with conn.execute(
        "SELECT 1 FROM installments i JOIN deals d ON d.id = i.deal_id"
        " JOIN cases c ON c.id = d.case_id"
        " WHERE d.user_id = ? AND d.active = 1 AND d.outcome IS NULL AND c.status != 'closed'"
        " AND (i.paid_fen IS NULL OR i.paid_fen < i.amount_fen) LIMIT 1",
        (user_id,),
    ) as cursor:
        return await cursor.fetchone() is not None


async def close_paid_off_case(conn: aiosqlite.Connection, user_id: int, now: datetime) -> bool:
    """Every active deal of the user ends as paid off, and their case is closed.

    False when there was nothing to end (already done: a second call changes nothing).
    """
    stamp = to_text(now)
    deals = await conn.execute(
        "UPDATE deals SET outcome = 'paid_off', ended_at = ?"
        " WHERE user_id = ? AND active = 1 AND outcome IS NULL",
        (stamp, user_id),
    )
    cases = await conn.execute(
        "UPDATE cases SET status = 'closed', closed_at = ?, updated_at = ?"
        f" WHERE user_id = ? AND status != 'closed' AND id IN ({_DEAL_CASES})",
        (stamp, stamp, user_id, user_id),
    )
    return deals.rowcount > 0 or cases.rowcount > 0


async def reopen_paid_off_case(conn: aiosqlite.Connection, user_id: int, now: datetime) -> bool:
    """A payment of a paid-off deal was undone: the deals run again, their case is open again.

    The case is planned again unless the user has opened another case since (only one may be
    open): then only the deals run again. False when no deal of the user had been paid off.
    """
    deals = await conn.execute(
        "UPDATE deals SET outcome = NULL, ended_at = NULL"
        " WHERE user_id = ? AND active = 1 AND outcome = 'paid_off'",
        (user_id,),
    )
    if deals.rowcount == 0:
        return False
    await conn.execute(
        "UPDATE cases SET status = 'planned', closed_at = NULL, updated_at = ?"
        f" WHERE user_id = ? AND status = 'closed' AND id IN ({_DEAL_CASES})"
        " AND NOT EXISTS (SELECT 1 FROM cases o WHERE o.user_id = ? AND o.status != 'closed')",
        (to_text(now), user_id, user_id, user_id),
    )
    return True
