"""SQL for deals, their installments, the call log and reminder settings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

import aiosqlite

from bot.domain.calendar_events import DealSchedule
from bot.domain.deal import DealKind, DealTerms, PlannedInstallment
from bot.domain.free_text import storable_staff_id, storable_text
from bot.domain.models import Product
from bot.storage import deal_terms
from bot.storage.records import CallRecord, DealRecord, InstallmentRecord, PrefsRecord
from bot.storage.timestamps import from_text, to_text

__all__ = [
    "active_installments",
    "all_installments",
    "amount_question",
    "calendar_key",
    "create_deal",
    "deal_history",
    "deal_schedules",
    "get_installment",
    "get_prefs",
    "list_calls",
    "load_deal_draft",
    "mark_paid",
    "products_by_agreement",
    "record_call",
    "save_deal_draft",
    "set_amount_question",
    "set_prefs",
    "undo_paid",
]


def _storable(value: object, key: str | None = None) -> object:
    """A JSON value with every string made safe to keep (a secret in a 工号 drops it)."""
    if isinstance(value, dict):
        return {k: _storable(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, str):
        if key == "staff_id":
            return storable_staff_id(value)
        return (storable_text(value) or "") if value else value
    return value


_INSTALLMENT_SELECT = (
    "SELECT i.id, i.deal_id, d.debt_id, b.product, i.number, i.count, i.due_date,"
    " i.amount_fen, i.paid_fen, i.paid_at"
    " FROM installments i JOIN deals d ON d.id = i.deal_id JOIN debts b ON b.id = d.debt_id"
)


def _installment(row: aiosqlite.Row) -> InstallmentRecord:
    return InstallmentRecord(
        id=row[0],
        deal_id=row[1],
        debt_id=row[2],
        product=Product(row[3]),
        number=row[4],
        count=row[5],
        due=date.fromisoformat(row[6]),
        amount_fen=row[7],
        paid_fen=row[8],
        paid_at=None if row[9] is None else from_text(row[9]),
    )


async def record_call(
    conn: aiosqlite.Connection,
    user_id: int,
    called_at: datetime,
    outcome: str,
    staff_id: str | None,
    note: str | None,
) -> int:
    """Logs a call; the 工号 and the note are typed text, so they are made safe to keep first."""
    cursor = await conn.execute(
        "INSERT INTO call_log (user_id, called_at, outcome, staff_id, note) VALUES (?, ?, ?, ?, ?)",
        (
            user_id,
            to_text(called_at),
            outcome,
            storable_staff_id(staff_id),
            storable_text(note),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def list_calls(
    conn: aiosqlite.Connection, user_id: int, limit: int | None = 20
) -> list[CallRecord]:
    """The latest calls, newest first (``limit=None``: all of them)."""
    async with conn.execute(
        "SELECT id, called_at, outcome, staff_id, note FROM call_log WHERE user_id = ?"
        " ORDER BY called_at DESC, id DESC LIMIT ?",
        (user_id, -1 if limit is None else limit),
    ) as cursor:
        rows = await cursor.fetchall()
    return [CallRecord(r[0], from_text(r[1]), r[2], r[3], r[4]) for r in rows]


async def products_by_agreement(
    conn: aiosqlite.Connection, user_id: int
) -> dict[datetime, list[Product]]:
    """The products of the user's deals (active or replaced), keyed by when they were agreed.

    A saved deal and its call share one timestamp, so /calls can name the debt of each call.
    """
    async with conn.execute(
        "SELECT d.agreed_at, b.product FROM deals d JOIN debts b ON b.id = d.debt_id"
        " WHERE d.user_id = ? ORDER BY d.id",
        (user_id,),
    ) as cursor:
        rows = await cursor.fetchall()
    found: dict[datetime, list[Product]] = {}
    for agreed_at, product in rows:
        found.setdefault(from_text(agreed_at), []).append(Product(product))
    return found


async def create_deal(
    conn: aiosqlite.Connection,
    user_id: int,
    debt_id: int,
    terms: DealTerms,
    agreed_at: datetime,
    installments: Sequence[PlannedInstallment],
) -> tuple[int, list[int]]:
    """Stores a deal for one of the user's debts, replacing an earlier one for that debt.

    Returns the deal id and the new installment ids (in the order of ``installments``).
    A replaced deal keeps its rows (its installments, paid or not, are the history) but
    leaves the plan: it is no longer active, its reminders still waiting are cancelled, and
    it ends now, as ``replanned`` (``paid_off`` when nothing of it was missing; an outcome
    stored before is kept).
    """
    async with conn.execute(
        "SELECT b.case_id FROM debts b JOIN cases c ON c.id = b.case_id"
        " WHERE b.id = ? AND c.user_id = ?",
        (debt_id, user_id),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise LookupError("debt not found for this user")
    case_id = row[0]
    await conn.execute(
        "UPDATE reminders SET status = 'cancelled' WHERE status IN ('pending', 'claimed')"
        " AND installment_id IN (SELECT i.id FROM installments i JOIN deals d ON d.id = i.deal_id"
        " WHERE d.debt_id = ? AND d.active = 1 AND d.user_id = ?)",
        (debt_id, user_id),
    )
    await conn.execute(
        "UPDATE deals SET active = 0, ended_at = COALESCE(ended_at, ?),"
        " outcome = COALESCE(outcome, CASE WHEN EXISTS (SELECT 1 FROM installments i"
        " WHERE i.deal_id = deals.id AND (i.paid_fen IS NULL OR i.paid_fen < i.amount_fen))"
        " THEN 'replanned' ELSE 'paid_off' END)"
        " WHERE debt_id = ? AND active = 1 AND user_id = ?",
        (to_text(agreed_at), debt_id, user_id),
    )
    cursor = await conn.execute(
        "INSERT INTO deals (user_id, case_id, debt_id, kind, terms, agreed_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            user_id,
            case_id,
            debt_id,
            terms.kind.value,
            deal_terms.to_json(terms, installments),
            to_text(agreed_at),
        ),
    )
    deal_id = cursor.lastrowid
    assert deal_id is not None
    count = len(installments)
    ids = []
    for item in installments:
        cursor = await conn.execute(
            "INSERT INTO installments (deal_id, user_id, number, count, due_date, amount_fen)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (deal_id, user_id, item.number, count, item.due.isoformat(), item.amount_fen),
        )
        assert cursor.lastrowid is not None
        ids.append(cursor.lastrowid)
    return deal_id, ids


async def active_installments(conn: aiosqlite.Connection, user_id: int) -> list[InstallmentRecord]:
    """Every installment of the user's active deals, by due date."""
    async with conn.execute(
        f"{_INSTALLMENT_SELECT} WHERE i.user_id = ? AND d.active = 1"
        " ORDER BY i.due_date, b.id, i.number",
        (user_id,),
    ) as cursor:
        return [_installment(row) for row in await cursor.fetchall()]


async def deal_history(conn: aiosqlite.Connection, user_id: int) -> list[DealRecord]:
    """Every deal the user recorded, active or ended, in the order they were agreed."""
    async with conn.execute(
        "SELECT d.id, b.product, d.kind, d.agreed_at, d.active, d.outcome, d.ended_at, d.terms"
        " FROM deals d JOIN debts b ON b.id = d.debt_id WHERE d.user_id = ?"
        " ORDER BY d.agreed_at, d.id",
        (user_id,),
    ) as cursor:
        rows = await cursor.fetchall()
    return [
        DealRecord(
            id=r[0],
            product=Product(r[1]),
            kind=DealKind(r[2]),
            agreed_at=from_text(r[3]),
            active=bool(r[4]),
            outcome=r[5],
            ended_at=None if r[6] is None else from_text(r[6]),
            pause_until=deal_terms.from_json(DealKind(r[2]), r[7]).pause_until,
        )
        for r in rows
    ]


async def all_installments(conn: aiosqlite.Connection, user_id: int) -> list[InstallmentRecord]:
    """The installments of every deal, ended ones too (their payments are history)."""
    async with conn.execute(
        f"{_INSTALLMENT_SELECT} WHERE i.user_id = ? ORDER BY i.due_date, b.id, i.number",
        (user_id,),
    ) as cursor:
        return [_installment(row) for row in await cursor.fetchall()]


async def deal_schedules(conn: aiosqlite.Connection, user_id: int) -> list[DealSchedule]:
    """Every deal of the user with its installments, in the order recorded (a deal replaced
    the one of its debt before it), each with which debt of its product it is for."""
    async with conn.execute(
        "SELECT d.id, d.debt_id, d.active, (SELECT COUNT(*) FROM debts o"
        " WHERE o.case_id = b.case_id AND o.product = b.product AND o.id <= b.id)"
        " FROM deals d JOIN debts b ON b.id = d.debt_id WHERE d.user_id = ? ORDER BY d.id",
        (user_id,),
    ) as cursor:
        deals = await cursor.fetchall()
    async with conn.execute(
        f"{_INSTALLMENT_SELECT} WHERE i.user_id = ? ORDER BY i.deal_id, i.number", (user_id,)
    ) as cursor:
        items = [_installment(row) for row in await cursor.fetchall()]
    by_deal: dict[int, list[InstallmentRecord]] = {}
    for item in items:
        by_deal.setdefault(item.deal_id, []).append(item)
    return [
        DealSchedule(debt_id, ordinal, bool(active), tuple(by_deal.get(deal_id, ())))
        for deal_id, debt_id, active, ordinal in deals
    ]


async def calendar_key(conn: aiosqlite.Connection, user_id: int, new_key: str) -> str:
    """The user's calendar key; ``new_key`` becomes it when they have none yet."""
    await conn.execute(
        "UPDATE users SET calendar_key = ? WHERE user_id = ? AND calendar_key IS NULL",
        (new_key, user_id),
    )
    async with conn.execute(
        "SELECT calendar_key FROM users WHERE user_id = ?", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise LookupError("user not found")
    key: str = row[0]
    return key


async def get_installment(
    conn: aiosqlite.Connection, user_id: int, installment_id: int
) -> InstallmentRecord | None:
    async with conn.execute(
        f"{_INSTALLMENT_SELECT} WHERE i.id = ? AND i.user_id = ? AND d.active = 1",
        (installment_id, user_id),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else _installment(row)


async def mark_paid(
    conn: aiosqlite.Connection, user_id: int, installment_id: int, paid_fen: int, now: datetime
) -> None:
    await conn.execute(
        "UPDATE installments SET paid_fen = ?, paid_at = ? WHERE id = ? AND user_id = ?",
        (paid_fen, to_text(now), installment_id, user_id),
    )


async def undo_paid(conn: aiosqlite.Connection, user_id: int, installment_id: int) -> None:
    await conn.execute(
        "UPDATE installments SET paid_fen = NULL, paid_at = NULL WHERE id = ? AND user_id = ?",
        (installment_id, user_id),
    )


async def get_prefs(conn: aiosqlite.Connection, user_id: int) -> PrefsRecord | None:
    async with conn.execute(
        "SELECT chat_id, morning_hour, evening_hour, lead_days, on_due_day, muted"
        " FROM users WHERE user_id = ?",
        (user_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    leads = frozenset(int(x) for x in row[3].split(",") if x)
    return PrefsRecord(row[0], row[1], row[2], leads, bool(row[4]), bool(row[5]))


async def set_prefs(
    conn: aiosqlite.Connection,
    user_id: int,
    *,
    morning_hour: int | None = None,
    evening_hour: int | None = None,
    lead_days: frozenset[int] | None = None,
    on_due_day: bool | None = None,
    muted: bool | None = None,
) -> None:
    values: dict[str, object] = {}
    if morning_hour is not None:
        values["morning_hour"] = morning_hour
    if evening_hour is not None:
        values["evening_hour"] = evening_hour
    if lead_days is not None:
        values["lead_days"] = ",".join(str(d) for d in sorted(lead_days, reverse=True))
    if on_due_day is not None:
        values["on_due_day"] = int(on_due_day)
    if muted is not None:
        values["muted"] = int(muted)
    if not values:
        return
    assignments = ", ".join(f"{name} = ?" for name in values)
    await conn.execute(
        f"UPDATE users SET {assignments} WHERE user_id = ?",
        (*values.values(), user_id),
    )


async def load_deal_draft(conn: aiosqlite.Connection, user_id: int) -> dict[str, object]:
    async with conn.execute("SELECT data FROM deal_drafts WHERE user_id = ?", (user_id,)) as cur:
        row = await cur.fetchone()
    return {} if row is None else json.loads(row[0])


async def save_deal_draft(
    conn: aiosqlite.Connection, user_id: int, data: dict[str, object] | None
) -> None:
    """Stores the draft (every string in it made safe to keep); None discards it."""
    if data is None:
        await conn.execute("DELETE FROM deal_drafts WHERE user_id = ?", (user_id,))
        return
    await conn.execute(
        "INSERT INTO deal_drafts (user_id, data) VALUES (?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET data = excluded.data",
        (user_id, json.dumps(_storable(data), ensure_ascii=False)),
    )


async def set_amount_question(
    conn: aiosqlite.Connection, user_id: int, installment_id: int | None
) -> None:
    """Remembers which installment a typed amount is for (None: no question open)."""
    await conn.execute(
        "UPDATE users SET amount_for_installment = ? WHERE user_id = ?", (installment_id, user_id)
    )


async def amount_question(conn: aiosqlite.Connection, user_id: int) -> int | None:
    async with conn.execute(
        "SELECT amount_for_installment FROM users WHERE user_id = ?", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else row[0]
