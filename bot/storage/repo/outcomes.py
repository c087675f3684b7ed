"""SQL for the operator's outcome counts: no user id, no text, only outcomes, dates and sums."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import aiosqlite

__all__ = ["StoredDeal", "StoredTotals", "stored_deals", "stored_totals"]


@dataclass(frozen=True, slots=True)
class StoredDeal:
    """One deal as the count needs it: its stored outcome, whether it still runs, and each
    installment as (due date, amount, paid amount or None)."""

    outcome: str | None
    active: bool
    installments: tuple[tuple[date, int, int | None], ...]


@dataclass(frozen=True, slots=True)
class StoredTotals:
    plans_made: int
    calls_agreed: int
    calls_refused: int
    nudges_sent: int


async def stored_deals(conn: aiosqlite.Connection) -> list[StoredDeal]:
    """Every deal stored, with its installments (a deal's rows come together, by number)."""
    async with conn.execute(
        "SELECT d.id, d.outcome, d.active, i.due_date, i.amount_fen, i.paid_fen"
        " FROM deals d LEFT JOIN installments i ON i.deal_id = d.id"
        " ORDER BY d.id, i.number"
    ) as cursor:
        rows = await cursor.fetchall()
    deals: dict[int, tuple[str | None, bool, list[tuple[date, int, int | None]]]] = {}
    for deal_id, outcome, active, due, amount, paid in rows:
        _, _, items = deals.setdefault(deal_id, (outcome, bool(active), []))
        if due is not None:
            items.append((date.fromisoformat(due), amount, paid))
    return [StoredDeal(o, a, tuple(items)) for o, a, items in deals.values()]


async def stored_totals(conn: aiosqlite.Connection) -> StoredTotals:
    async with conn.execute(
        "SELECT (SELECT COUNT(*) FROM cases WHERE planned_at IS NOT NULL),"
        " (SELECT COUNT(*) FROM call_log WHERE outcome = 'agreed'),"
        " (SELECT COUNT(*) FROM call_log WHERE outcome = 'refused'),"
        " (SELECT COUNT(*) FROM reminders WHERE kind = 'call_nudge' AND status = 'sent')"
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return StoredTotals(*row)
