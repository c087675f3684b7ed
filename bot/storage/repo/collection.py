"""SQL for the collection log: the contacts logged, and the one being logged (its draft)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.domain.collection import Behaviour, Channel, Contact
from bot.domain.free_text import storable_text
from bot.storage.timestamps import from_text, to_text

__all__ = [
    "LoggedContact",
    "add_contact",
    "contacts_between",
    "contacts_of",
    "load_collection_draft",
    "save_collection_draft",
]

# a number or a name: short; the note: as long as other notes
MAX_WHO_CHARS = 40


@dataclass(frozen=True, slots=True)
class LoggedContact:
    id: int
    contact: Contact  # its moment in UTC
    note: str | None


def _behaviours(text: str) -> frozenset[Behaviour]:
    return frozenset(Behaviour(v) for v in text.split(",") if v)


def _row(row: aiosqlite.Row) -> LoggedContact:
    contact = Contact(
        contacted_at=from_text(row[1]),
        channel=Channel(row[2]),
        who=row[3],
        behaviours=_behaviours(row[4]),
        attempts=int(row[5]),
        answered=bool(row[6]),
    )
    return LoggedContact(id=int(row[0]), contact=contact, note=row[7])


_SELECT = (
    "SELECT id, contacted_at, channel, who, behaviours, attempts, answered, note"
    " FROM collection_log WHERE user_id = ?"
)


async def add_contact(
    conn: aiosqlite.Connection, user_id: int, contact: Contact, note: str | None, now: datetime
) -> int:
    """Stores one contact (the number or name and the note made safe to keep)."""
    behaviours = ",".join(b.value for b in Behaviour if b in contact.behaviours)
    cursor = await conn.execute(
        "INSERT INTO collection_log (user_id, contacted_at, channel, who, behaviours,"
        " attempts, answered, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            user_id,
            to_text(contact.contacted_at),
            contact.channel.value,
            storable_text(contact.who, MAX_WHO_CHARS),
            behaviours,
            contact.attempts,
            int(contact.answered),
            storable_text(note),
            to_text(now),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def contacts_between(
    conn: aiosqlite.Connection, user_id: int, start: datetime, end: datetime
) -> list[LoggedContact]:
    """The contacts from ``start`` (included) to ``end`` (excluded), in time order."""
    async with conn.execute(
        _SELECT + " AND contacted_at >= ? AND contacted_at < ? ORDER BY contacted_at, id",
        (user_id, to_text(start), to_text(end)),
    ) as cursor:
        return [_row(row) for row in await cursor.fetchall()]


async def contacts_of(conn: aiosqlite.Connection, user_id: int) -> list[LoggedContact]:
    """The whole log, in time order."""
    async with conn.execute(_SELECT + " ORDER BY contacted_at, id", (user_id,)) as cursor:
        return [_row(row) for row in await cursor.fetchall()]


async def load_collection_draft(conn: aiosqlite.Connection, user_id: int) -> dict[str, object]:
    async with conn.execute(
        "SELECT data FROM collection_drafts WHERE user_id = ?", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return {} if row is None else dict(json.loads(row[0]))


def _storable(value: object) -> object:
    if isinstance(value, str):
        return storable_text(value) or ""
    if isinstance(value, list):
        return [_storable(v) for v in value]
    return value


async def save_collection_draft(
    conn: aiosqlite.Connection, user_id: int, data: dict[str, object] | None
) -> None:
    """Stores the draft (every string in it made safe to keep); None discards it."""
    if data is None:
        await conn.execute("DELETE FROM collection_drafts WHERE user_id = ?", (user_id,))
        return
    await conn.execute(
        "INSERT INTO collection_drafts (user_id, data) VALUES (?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET data = excluded.data",
        (user_id, json.dumps({k: _storable(v) for k, v in data.items()}, ensure_ascii=False)),
    )
