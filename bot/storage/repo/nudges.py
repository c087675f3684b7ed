"""SQL for the "打了吗？" nudges after a plan: queued, replaced, cancelled, still wanted.

A nudge is a reminder row of kind ``call_nudge`` with no installment; the queue's own
machinery (claim, send, mark) delivers it like any other reminder.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.storage.records import DueReminder
from bot.storage.timestamps import to_text

__all__ = [
    "add_nudges",
    "call_recorded_since_plan",
    "cancel_waiting_nudges",
    "has_later_due_nudge",
]

NUDGE = "call_nudge"


async def add_nudges(conn: aiosqlite.Connection, user_id: int, times: tuple[datetime, ...]) -> None:
    await conn.executemany(
        "INSERT INTO reminders (user_id, installment_id, kind, lead_days, due_at)"
        " VALUES (?, NULL, ?, 0, ?)",
        [(user_id, NUDGE, to_text(at)) for at in times],
    )


async def cancel_waiting_nudges(
    conn: aiosqlite.Connection, user_id: int, *, until: datetime | None = None
) -> int:
    """Cancels the nudges not sent yet (with ``until``: only those due by then); how many."""
    sql = (
        "UPDATE reminders SET status = 'cancelled' WHERE user_id = ? AND kind = ?"
        " AND status IN ('pending', 'claimed')"
    )
    args: list[object] = [user_id, NUDGE]
    if until is not None:
        sql += " AND due_at <= ?"
        args.append(to_text(until))
    cursor = await conn.execute(sql, args)
    return cursor.rowcount


async def call_recorded_since_plan(conn: aiosqlite.Connection, user_id: int) -> bool | None:
    """Whether a call was logged since the open case was planned; None: no planned case."""
    async with conn.execute(
        "SELECT EXISTS (SELECT 1 FROM call_log l WHERE l.user_id = c.user_id"
        " AND l.called_at >= c.planned_at)"
        " FROM cases c WHERE c.user_id = ? AND c.status = 'planned'"
        " AND c.planned_at IS NOT NULL",
        (user_id,),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else bool(row[0])


async def has_later_due_nudge(
    conn: aiosqlite.Connection, reminder: DueReminder, now: datetime
) -> bool:
    """Whether another nudge of the user is also due by ``now``, and later than this one.

    After downtime several nudges can be due at once: only the newest is worth sending.
    """
    async with conn.execute(
        "SELECT 1 FROM reminders WHERE user_id = ? AND kind = ? AND id != ?"
        " AND status IN ('pending', 'claimed') AND due_at <= ?"
        " AND (due_at > ? OR (due_at = ? AND id > ?)) LIMIT 1",
        (
            reminder.user_id,
            NUDGE,
            reminder.id,
            to_text(now),
            to_text(reminder.due_at),
            to_text(reminder.due_at),
            reminder.id,
        ),
    ) as cursor:
        return await cursor.fetchone() is not None
