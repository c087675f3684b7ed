"""The heartbeat row: written by the running bot, read (read-only) by ``python -m bot check``."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.timestamps import from_text, to_text


@dataclass(frozen=True)
class HeartbeatRecord:
    mode: str
    started_at: datetime
    beat_at: datetime
    updates_at: datetime | None
    busy_since: datetime | None
    stopped_at: datetime | None


async def beat(
    conn: aiosqlite.Connection,
    *,
    mode: str,
    started_at: datetime,
    at: datetime,
    updates_at: datetime | None,
    busy_since: datetime | None,
) -> None:
    await conn.execute(
        "INSERT INTO heartbeat"
        " (id, mode, started_at, beat_at, updates_at, busy_since, stopped_at)"
        " VALUES (1, ?, ?, ?, ?, ?, NULL)"
        " ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, started_at = excluded.started_at,"
        " beat_at = excluded.beat_at, updates_at = excluded.updates_at,"
        " busy_since = excluded.busy_since, stopped_at = NULL",
        (mode, to_text(started_at), to_text(at), _text(updates_at), _text(busy_since)),
    )


def _text(moment: datetime | None) -> str | None:
    return to_text(moment) if moment is not None else None


def _moment(text: str | None) -> datetime | None:
    return from_text(text) if text else None


async def mark_stopped(conn: aiosqlite.Connection, at: datetime) -> None:
    await conn.execute("UPDATE heartbeat SET stopped_at = ? WHERE id = 1", (to_text(at),))


def read_heartbeat(conn: sqlite3.Connection) -> HeartbeatRecord | None:
    """On the health check's own read-only connection (plain sqlite3: no event loop there)."""
    row = conn.execute(
        "SELECT mode, started_at, beat_at, updates_at, busy_since, stopped_at"
        " FROM heartbeat WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    mode, started, beat_at, updates, busy, stopped = row
    return HeartbeatRecord(
        mode=mode,
        started_at=from_text(started),
        beat_at=from_text(beat_at),
        updates_at=_moment(updates),
        busy_since=_moment(busy),
        stopped_at=_moment(stopped),
    )
