"""The queries the reminder engine runs all the time search an index, never scan a table."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.storage import repo
from bot.storage.db import Database
from bot.storage.records import DueReminder


def _due(installment_id: int | None, kind: str) -> DueReminder:
    now = datetime.now(UTC)
    return DueReminder(1, 7, 7, installment_id, kind, 0, now, 1)


@pytest.mark.parametrize(
    ("call", "index"),
    [
        (lambda conn: repo.claim_due_reminders(conn, datetime.now(UTC), 30), "reminders_waiting"),
        (lambda conn: repo.release_claimed_reminders(conn), "reminders_claimed"),
        # for each reminder sent: the others of its installment, or of its kind for the user
        (lambda conn: repo.waiting_alongside(conn, _due(3, "due")), "reminders_by_installment"),
        (lambda conn: repo.waiting_alongside(conn, _due(None, "call_again")), "reminders_by_user"),
    ],
)
async def test_engine_queries_search_their_index(tmp_path: Path, call, index: str) -> None:
    database = Database(tmp_path / "bot.sqlite3")
    conn = await database.connection()
    seen: list[tuple[str, object]] = []
    original = conn.execute

    def spy(sql: str, args: object = ()) -> object:
        seen.append((sql, args))
        return original(sql, args)

    try:
        conn.execute = spy  # type: ignore[method-assign]
        await call(conn)
        conn.execute = original  # type: ignore[method-assign]
        [(sql, args)] = [
            (s, a) for s, a in seen if "FROM reminders" in s or s.startswith("UPDATE reminders")
        ]
        async with conn.execute(f"EXPLAIN QUERY PLAN {sql}", args) as cursor:
            steps = [row[3] for row in await cursor.fetchall()]
        assert any(f"USING INDEX {index}" in step for step in steps), steps
        # walking a partial index holds only waiting/claimed rows; a bare SCAN reads them all
        assert not [s for s in steps if s.startswith("SCAN") and "INDEX" not in s], steps
    finally:
        conn.execute = original  # type: ignore[method-assign]
        await database.close()
