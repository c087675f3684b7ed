"""SQL for the reminder queue: planned rows are claimed, sent, then marked sent.

A row marked sent is never sent again; a row claimed but not marked (a crash in between) is
released at start-up and sent again, so delivery is at least once at that one boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import aiosqlite

from bot.domain.late_reminders import Queued
from bot.domain.reminders import ReminderKind
from bot.storage.records import DueReminder
from bot.storage.timestamps import from_text, to_text

__all__ = [
    "activity_of",
    "add_reminders",
    "cancel_reminder",
    "cancel_waiting_reminders",
    "claim_due_reminders",
    "clear_blocked",
    "has_reminder",
    "mark_reminder_failed",
    "mark_reminder_sent",
    "mark_reminder_uncertain",
    "release_claimed_reminders",
    "retry_reminder_later",
    "sent_reminder_kinds",
    "set_blocked",
    "waiting_alongside",
    "waiting_reminders",
]


async def add_reminders(
    conn: aiosqlite.Connection,
    user_id: int,
    installment_id: int | None,
    planned: Iterable[tuple[str, int, datetime]],
) -> None:
    """Queues reminders given as (kind, lead days, when)."""
    await conn.executemany(
        "INSERT INTO reminders (user_id, installment_id, kind, lead_days, due_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [(user_id, installment_id, kind, lead, to_text(at)) for kind, lead, at in planned],
    )


async def cancel_waiting_reminders(
    conn: aiosqlite.Connection,
    user_id: int,
    *,
    installment_id: int | None = None,
    kinds: Iterable[str] | None = None,
) -> None:
    """Cancels what has not been sent yet: for one installment, or of some kinds, or all."""
    sql = "UPDATE reminders SET status = 'cancelled' WHERE user_id = ?"
    sql += " AND status IN ('pending', 'claimed')"
    args: list[object] = [user_id]
    if installment_id is not None:
        sql += " AND installment_id = ?"
        args.append(installment_id)
    if kinds is not None:
        kinds = list(kinds)
        sql += f" AND kind IN ({', '.join('?' for _ in kinds)})"
        args.extend(kinds)
    await conn.execute(sql, args)


async def has_reminder(
    conn: aiosqlite.Connection, installment_id: int, kind: str, statuses: Iterable[str]
) -> bool:
    statuses = list(statuses)
    async with conn.execute(
        "SELECT 1 FROM reminders WHERE installment_id = ? AND kind = ?"
        f" AND status IN ({', '.join('?' for _ in statuses)}) LIMIT 1",
        (installment_id, kind, *statuses),
    ) as cursor:
        return await cursor.fetchone() is not None


async def waiting_alongside(conn: aiosqlite.Connection, reminder: DueReminder) -> list[Queued]:
    """The other reminders still waiting about the same thing, in queue order.

    The same installment's; for a reminder without one (a call-again, a nudge, a check-in),
    the same user's of the same kind.
    """
    if reminder.installment_id is not None:
        sql = "SELECT id, kind, due_at FROM reminders WHERE installment_id = ?"
        args: tuple[object, ...] = (reminder.installment_id,)
    else:
        sql = "SELECT id, kind, due_at FROM reminders WHERE user_id = ? AND kind = ?"
        sql += " AND installment_id IS NULL"
        args = (reminder.user_id, reminder.kind)
    sql += " AND id != ? AND status IN ('pending', 'claimed') ORDER BY due_at, id"
    async with conn.execute(sql, (*args, reminder.id)) as cursor:
        return [
            Queued(row[0], ReminderKind(row[1]), from_text(row[2]))
            for row in await cursor.fetchall()
        ]


async def sent_reminder_kinds(
    conn: aiosqlite.Connection, installment_id: int
) -> set[tuple[str, int]]:
    """(kind, lead days) already sent for an installment: re-planning must not repeat them."""
    async with conn.execute(
        "SELECT DISTINCT kind, lead_days FROM reminders"
        " WHERE installment_id = ? AND status = 'sent'",
        (installment_id,),
    ) as cursor:
        return {(row[0], row[1]) for row in await cursor.fetchall()}


async def waiting_reminders(conn: aiosqlite.Connection, user_id: int) -> list[tuple[str, datetime]]:
    """(kind, when) of every reminder still to come for the user, in time order."""
    async with conn.execute(
        "SELECT kind, due_at FROM reminders WHERE user_id = ? AND status = 'pending'"
        " ORDER BY due_at",
        (user_id,),
    ) as cursor:
        return [(row[0], from_text(row[1])) for row in await cursor.fetchall()]


async def release_claimed_reminders(conn: aiosqlite.Connection) -> int:
    """After a crash: reminders claimed but never confirmed as sent go back to the queue."""
    cursor = await conn.execute(
        "UPDATE reminders SET status = 'pending', claimed_at = NULL WHERE status = 'claimed'"
    )
    return cursor.rowcount


async def claim_due_reminders(
    conn: aiosqlite.Connection, now: datetime, limit: int, skip_users: Iterable[int] = ()
) -> list[DueReminder]:
    """Claims the earliest due reminder of up to ``limit`` users who have not blocked the bot.

    One per user per round, and none for ``skip_users`` (just messaged), so one chat never
    gets a burst (Telegram asks for about one message per second per chat).
    """
    async with conn.execute(
        "SELECT r.id, r.user_id, u.chat_id, r.installment_id, r.kind, r.lead_days, r.due_at,"
        " r.attempts, r.uncertain_at FROM reminders r JOIN users u ON u.user_id = r.user_id"
        # the IN term repeats the partial index's condition so SQLite uses it (no full scan)
        " WHERE r.status IN ('pending', 'claimed') AND r.status = 'pending'"
        " AND r.due_at <= ? AND u.blocked_at IS NULL"
        " ORDER BY r.due_at, r.id LIMIT ?",
        (to_text(now), limit * 4),
    ) as cursor:
        rows = await cursor.fetchall()
    skip = set(skip_users)
    chosen: dict[int, aiosqlite.Row] = {}
    for row in rows:
        if row[1] not in skip:
            chosen.setdefault(row[1], row)
        if len(chosen) == limit:
            break
    claimed = [
        DueReminder(
            id=row[0],
            user_id=row[1],
            chat_id=row[2],
            installment_id=row[3],
            kind=row[4],
            lead_days=row[5],
            due_at=from_text(row[6]),
            attempts=row[7] + 1,
            uncertain_at=None if row[8] is None else from_text(row[8]),
        )
        for row in chosen.values()
    ]
    await conn.executemany(
        "UPDATE reminders SET status = 'claimed', claimed_at = ?, attempts = attempts + 1"
        " WHERE id = ? AND status = 'pending'",
        [(to_text(now), reminder.id) for reminder in claimed],
    )
    return claimed


async def mark_reminder_sent(conn: aiosqlite.Connection, reminder_id: int, now: datetime) -> None:
    await conn.execute(
        # only a claimed one: a reminder cancelled meanwhile ("已还") stays cancelled
        "UPDATE reminders SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'claimed'",
        (to_text(now), reminder_id),
    )


async def mark_reminder_failed(conn: aiosqlite.Connection, reminder_id: int) -> None:
    await conn.execute(
        "UPDATE reminders SET status = 'failed' WHERE id = ? AND status = 'claimed'",
        (reminder_id,),
    )


async def mark_reminder_uncertain(
    conn: aiosqlite.Connection, reminder_id: int, now: datetime, resend_at: datetime | None
) -> None:
    """A send that timed out (it may have arrived): taken as sent, or queued once more."""
    if resend_at is None:
        sql = "UPDATE reminders SET status = 'sent', sent_at = ?1,"
        sql += " uncertain_at = COALESCE(uncertain_at, ?1)"
        args: tuple[object, ...] = (to_text(now), reminder_id)
    else:
        sql = "UPDATE reminders SET status = 'pending', claimed_at = NULL, due_at = ?3,"
        sql += " uncertain_at = ?1"
        args = (to_text(now), reminder_id, to_text(resend_at))
    await conn.execute(f"{sql} WHERE id = ?2 AND status = 'claimed'", args)


async def cancel_reminder(
    conn: aiosqlite.Connection, reminder_id: int, reason: str | None = None
) -> None:
    """Cancels one reminder; ``reason`` (a ``Skip``) says why it was not sent."""
    await conn.execute(
        "UPDATE reminders SET status = 'cancelled', skip_reason = ? WHERE id = ?",
        (reason, reminder_id),
    )


async def retry_reminder_later(conn: aiosqlite.Connection, reminder_id: int, at: datetime) -> None:
    await conn.execute(
        "UPDATE reminders SET status = 'pending', claimed_at = NULL, due_at = ?"
        " WHERE id = ? AND status = 'claimed'",
        (to_text(at), reminder_id),
    )


async def set_blocked(conn: aiosqlite.Connection, user_id: int, now: datetime) -> None:
    await conn.execute("UPDATE users SET blocked_at = ? WHERE user_id = ?", (to_text(now), user_id))


async def activity_of(
    conn: aiosqlite.Connection, user_id: int
) -> tuple[bool, datetime | None] | None:
    """(blocked?, last seen) of a known user, or None for one never seen."""
    # one trip to the database thread (every update reads it): no cursor to fetch and close
    rows = await conn.execute_fetchall(
        "SELECT blocked_at IS NOT NULL, last_seen_at FROM users WHERE user_id = ?", (user_id,)
    )
    row = next(iter(rows), None)
    if row is None:
        return None
    return bool(row[0]), None if row[1] is None else from_text(row[1])


async def clear_blocked(conn: aiosqlite.Connection, user_id: int) -> bool:
    """Un-pauses a user who writes again; True when they had been paused."""
    cursor = await conn.execute(
        "UPDATE users SET blocked_at = NULL WHERE user_id = ? AND blocked_at IS NOT NULL",
        (user_id,),
    )
    return cursor.rowcount > 0
