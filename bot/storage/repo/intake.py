"""SQL for the intake: users, cases, debts and conversation states.

The statements every answer runs (the states, the open case, the answer's writes, which
return the rows they change) use ``execute_fetchall``: one trip to aiosqlite's thread each,
where a cursor's execute, fetch and close make three.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TypeVar

import aiosqlite

from bot.domain.case_fields import CaseChanges, CaseField, DebtChanges, DebtField
from bot.domain.free_text import storable_text
from bot.domain.models import HardshipReason, Product, RateBasis
from bot.storage.records import CaseRecord, DebtRecord
from bot.storage.repo.inbox import delete_inbox_of
from bot.storage.timestamps import from_text, to_text

__all__ = [
    "add_debt",
    "delete_debt",
    "delete_user",
    "ensure_user",
    "has_consented",
    "in_any_conversation",
    "insert_debt",
    "load_conversation_state",
    "open_case",
    "plan_case",
    "record_consent",
    "save_conversation",
    "start_case",
    "update_case",
    "update_case_holding",
    "update_debt",
]


@dataclass(frozen=True, slots=True)
class _Column:
    """Where a field is stored and the one type its value may have (None if ``nullable``)."""

    name: str
    kind: type
    nullable: bool = False


_CASE_COLUMNS: dict[CaseField, _Column] = {
    CaseField.STEP: _Column("step", int, nullable=True),
    CaseField.EDITING: _Column("editing", bool),
    CaseField.CURRENT_DEBT: _Column("current_debt_id", int, nullable=True),
    CaseField.HARDSHIP_REASON: _Column("hardship_reason", HardshipReason),
    CaseField.HARDSHIP_NOTE: _Column("hardship_note", str, nullable=True),
    CaseField.HARDSHIP_TEMPORARY: _Column("hardship_temporary", bool),
    CaseField.HARDSHIP_MONTHS: _Column("hardship_months", int, nullable=True),
    CaseField.INCOME: _Column("income_fen", int),
    CaseField.ESSENTIALS: _Column("essentials_fen", int),
    CaseField.OTHER_DEBTS: _Column("other_debts_fen", int),
    CaseField.PAYDAY: _Column("payday", int, nullable=True),
    CaseField.PAYDAY_ANSWERED: _Column("payday_answered", bool),
    CaseField.ESSENTIALS_CHECKED: _Column("essentials_checked", bool),
}
_DEBT_COLUMNS: dict[DebtField, _Column] = {
    DebtField.PRODUCT: _Column("product", Product),
    DebtField.AMOUNT: _Column("amount_fen", int),
    DebtField.OVERDUE_SINCE: _Column("overdue_since", date),
    DebtField.DAILY_RATE: _Column("daily_rate_ppm", int, nullable=True),
    DebtField.RATE_ANSWERED: _Column("rate_answered", bool),
    DebtField.RATE_BASIS: _Column("rate_basis", RateBasis),
    DebtField.TOTAL_DUE: _Column("total_due_fen", int, nullable=True),
    DebtField.TOTAL_ANSWERED: _Column("total_answered", bool),
}


F = TypeVar("F", CaseField, DebtField)


def _stored(column: _Column, value: object) -> object:
    """``value`` as the column holds it, once it is known to be of the column's type."""
    if value is None:
        if not column.nullable:
            raise TypeError(f"{column.name} cannot be None")
        return None
    # a bool is an int to isinstance: neither may stand for the other here
    wrong_bool = isinstance(value, bool) != (column.kind is bool)
    # a datetime is a date to isinstance: a day column takes days only
    wrong_day = column.kind is date and isinstance(value, datetime)
    # a StrEnum is a str to isinstance: a text column takes no enum, an enum column its own
    wrong_enum = isinstance(value, Enum) and not issubclass(column.kind, Enum)
    if not isinstance(value, column.kind) or wrong_bool or wrong_day or wrong_enum:
        raise TypeError(f"{column.name} takes {column.kind.__name__}, not {value!r}")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _assignments(
    columns: Mapping[F, _Column], changes: Mapping[F, object]
) -> tuple[str, list[object]]:
    """``"a = ?, b = ?"`` and the stored values, for the fields changed."""
    names = [columns[field].name for field in changes]
    values = [_stored(columns[field], value) for field, value in changes.items()]
    return ", ".join(f"{name} = ?" for name in names), values


async def ensure_user(
    conn: aiosqlite.Connection, user_id: int, chat_id: int, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO users (user_id, chat_id, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id",
        (user_id, chat_id, to_text(now)),
    )


async def record_consent(conn: aiosqlite.Connection, user_id: int, now: datetime) -> None:
    await conn.execute(
        "UPDATE users SET consented_at = ? WHERE user_id = ?", (to_text(now), user_id)
    )


async def has_consented(conn: aiosqlite.Connection, user_id: int) -> bool:
    async with conn.execute(
        "SELECT consented_at IS NOT NULL FROM users WHERE user_id = ?", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return bool(row and row[0])


async def open_case(conn: aiosqlite.Connection, user_id: int) -> CaseRecord | None:
    """The user's case that is not closed, with its debts in the order they were added.

    One statement (every answer reads the case): a row per debt, the case's columns in each.
    """
    rows = list(
        await conn.execute_fetchall(
            f"SELECT c.*, {_DEBT_AS_D} FROM cases c LEFT JOIN debts d ON d.case_id = c.id"
            " WHERE c.user_id = ? AND c.status != 'closed' ORDER BY d.id",
            (user_id,),
        )
    )
    if not rows:
        return None
    debts = tuple(_debt_from(row, "d_") for row in rows if row["d_id"] is not None)
    return _case_from(rows[0], debts)


async def latest_case(conn: aiosqlite.Connection, user_id: int) -> CaseRecord | None:
    """The case a record of the user's own (the export) is about: the planned one, else the
    last one with a deal (paid off, or left running by 重新开始), else a draft."""
    async with conn.execute(
        "SELECT * FROM cases c WHERE user_id = ? AND (status != 'closed'"
        " OR EXISTS (SELECT 1 FROM deals d WHERE d.case_id = c.id))"
        " ORDER BY status = 'planned' DESC,"
        " EXISTS (SELECT 1 FROM deals d WHERE d.case_id = c.id) DESC, id DESC LIMIT 1",
        (user_id,),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else await _case_record(conn, row)


async def _case_record(conn: aiosqlite.Connection, row: aiosqlite.Row) -> CaseRecord:
    async with conn.execute(
        "SELECT * FROM debts WHERE case_id = ? ORDER BY id", (row["id"],)
    ) as cursor:
        debt_rows = await cursor.fetchall()
    return _case_from(row, tuple(_debt_from(d) for d in debt_rows))


def _case_from(row: aiosqlite.Row, debts: tuple[DebtRecord, ...]) -> CaseRecord:
    return CaseRecord(
        id=row["id"],
        user_id=row["user_id"],
        status=row["status"],
        step=row["step"],
        editing=bool(row["editing"]),
        current_debt_id=row["current_debt_id"],
        hardship_reason=HardshipReason(row["hardship_reason"]) if row["hardship_reason"] else None,
        hardship_note=row["hardship_note"],
        hardship_temporary=(
            None if row["hardship_temporary"] is None else bool(row["hardship_temporary"])
        ),
        hardship_months=row["hardship_months"],
        income_fen=row["income_fen"],
        essentials_fen=row["essentials_fen"],
        other_debts_fen=row["other_debts_fen"],
        payday=row["payday"],
        payday_answered=bool(row["payday_answered"]),
        essentials_checked=bool(row["essentials_checked"]),
        planned_at=None if row["planned_at"] is None else from_text(row["planned_at"]),
        updated_at=from_text(row["updated_at"]),
        debts=debts,
    )


# the debt columns a DebtRecord is built from, and the same as ``d_…`` of a join's ``d``
_DEBT_FIELDS = (
    "id",
    "product",
    "amount_fen",
    "overdue_since",
    "daily_rate_ppm",
    "rate_answered",
    "rate_basis",
    "total_due_fen",
    "total_answered",
)
_DEBT_AS_D = ", ".join(f"d.{name} AS d_{name}" for name in _DEBT_FIELDS)


def _debt_from(row: aiosqlite.Row, prefix: str = "") -> DebtRecord:
    since = row[f"{prefix}overdue_since"]
    return DebtRecord(
        id=row[f"{prefix}id"],
        product=Product(row[f"{prefix}product"]),
        amount_fen=row[f"{prefix}amount_fen"],
        overdue_since=date.fromisoformat(since) if since else None,
        daily_rate_ppm=row[f"{prefix}daily_rate_ppm"],
        rate_answered=bool(row[f"{prefix}rate_answered"]),
        rate_basis=RateBasis(row[f"{prefix}rate_basis"]),
        total_due_fen=row[f"{prefix}total_due_fen"],
        total_answered=bool(row[f"{prefix}total_answered"]),
    )


async def start_case(conn: aiosqlite.Connection, user_id: int, now: datetime) -> int:
    """Closes any open case of the user and opens an empty one."""
    await conn.execute(
        "UPDATE cases SET status = 'closed', closed_at = ?, updated_at = ?"
        " WHERE user_id = ? AND status != 'closed'",
        (to_text(now), to_text(now), user_id),
    )
    cursor = await conn.execute(
        "INSERT INTO cases (user_id, created_at, updated_at) VALUES (?, ?, ?)",
        (user_id, to_text(now), to_text(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def update_case(
    conn: aiosqlite.Connection,
    user_id: int,
    case_id: int,
    now: datetime,
    changes: CaseChanges,
) -> None:
    """Writes the changed fields of the user's own case (nothing changed: only ``updated_at``)."""
    await _update_case(conn, user_id, case_id, now, changes)


async def update_case_holding(
    conn: aiosqlite.Connection,
    user_id: int,
    case_id: int,
    now: datetime,
    changes: CaseChanges,
    debts: tuple[DebtRecord, ...],
) -> CaseRecord | None:
    """``update_case``, returning the case as now stored with ``debts``, the ones the caller
    holds (already up to date): the statement returns the row, so nothing is read again.
    None: no such case of this user."""
    row = await _update_case(conn, user_id, case_id, now, changes)
    return None if row is None else _case_from(row, debts)


async def _update_case(
    conn: aiosqlite.Connection,
    user_id: int,
    case_id: int,
    now: datetime,
    changes: CaseChanges,
) -> aiosqlite.Row | None:
    """The case's row as written (None: no such case of this user)."""
    changes = dict(changes)
    note = changes.get(CaseField.HARDSHIP_NOTE)
    # the user's own words: no hidden characters, no secrets (an enum is refused below)
    if isinstance(note, str) and not isinstance(note, Enum):
        changes[CaseField.HARDSHIP_NOTE] = storable_text(note)
    assignments, values = _assignments(_CASE_COLUMNS, changes)
    rows = await conn.execute_fetchall(
        f"UPDATE cases SET {assignments + ', ' if assignments else ''}updated_at = ?"
        " WHERE id = ? AND user_id = ? RETURNING *",
        (*values, to_text(now), case_id, user_id),
    )
    return next(iter(rows), None)


async def plan_case(conn: aiosqlite.Connection, user_id: int, case_id: int, now: datetime) -> None:
    """The case is planned: no question open, no change from the summary under way."""
    await conn.execute(
        "UPDATE cases SET status = 'planned', step = NULL, editing = 0, planned_at = ?,"
        " updated_at = ? WHERE id = ? AND user_id = ?",
        (to_text(now), to_text(now), case_id, user_id),
    )


async def add_debt(
    conn: aiosqlite.Connection, user_id: int, case_id: int, product: Product, now: datetime
) -> int:
    """Adds a debt to the user's own case and makes it the one being asked about."""
    debt = await insert_debt(conn, user_id, case_id, product, now)
    await update_case(conn, user_id, case_id, now, {CaseField.CURRENT_DEBT: debt.id})
    return debt.id


async def insert_debt(
    conn: aiosqlite.Connection, user_id: int, case_id: int, product: Product, now: datetime
) -> DebtRecord:
    """A new debt of the user's own case, as stored (the case's current debt is not set)."""
    rows = await conn.execute_fetchall(
        "INSERT INTO debts (case_id, product, created_at)"
        " SELECT id, ?, ? FROM cases WHERE id = ? AND user_id = ? RETURNING *",
        (product.value, to_text(now), case_id, user_id),
    )
    row = next(iter(rows), None)
    if row is None:
        raise LookupError("case not found for this user")
    return _debt_from(row)


async def update_debt(
    conn: aiosqlite.Connection, user_id: int, debt_id: int, changes: DebtChanges
) -> DebtRecord | None:
    """Writes the changed fields of one debt of the user's own case; the debt as now stored
    (None: nothing changed, or no such debt of this user)."""
    if not changes:
        return None
    assignments, values = _assignments(_DEBT_COLUMNS, changes)
    rows = await conn.execute_fetchall(
        f"UPDATE debts SET {assignments} WHERE id = ?"
        " AND case_id IN (SELECT id FROM cases WHERE user_id = ?) RETURNING *",
        (*values, debt_id, user_id),
    )
    row = next(iter(rows), None)
    return None if row is None else _debt_from(row)


async def delete_debt(conn: aiosqlite.Connection, user_id: int, debt_id: int) -> None:
    await conn.execute(
        "DELETE FROM debts WHERE id = ? AND case_id IN (SELECT id FROM cases WHERE user_id = ?)",
        (debt_id, user_id),
    )


async def save_conversation(
    conn: aiosqlite.Connection, name: str, key: tuple, state: object | None
) -> None:
    """Stores one conversation state; None means the conversation ended."""
    key_json = json.dumps(list(key))
    if state is None:
        await conn.execute("DELETE FROM conversations WHERE name = ? AND key = ?", (name, key_json))
    else:
        await conn.execute(
            "INSERT INTO conversations (name, key, state) VALUES (?, ?, ?)"
            " ON CONFLICT (name, key) DO UPDATE SET state = excluded.state",
            (name, key_json, json.dumps(state)),
        )


async def in_any_conversation(conn: aiosqlite.Connection, key: tuple) -> bool:
    """Whether this chat and user have a question open in any conversation."""
    async with conn.execute(
        "SELECT 1 FROM conversations WHERE key = ? LIMIT 1", (json.dumps(list(key)),)
    ) as cursor:
        return await cursor.fetchone() is not None


async def conversation_states(conn: aiosqlite.Connection, key: tuple) -> dict[str, object]:
    """Where one chat and user stand in every conversation, by name (none: in none)."""
    rows = await conn.execute_fetchall(
        "SELECT name, state FROM conversations WHERE key = ?", (json.dumps(list(key)),)
    )
    return {row["name"]: json.loads(row["state"]) for row in rows}


async def load_conversation_state(conn: aiosqlite.Connection, name: str, key: tuple) -> int | None:
    """Where one user is in a conversation, as last written (None: not in it)."""
    async with conn.execute(
        "SELECT state FROM conversations WHERE name = ? AND key = ?",
        (name, json.dumps(list(key))),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else json.loads(row["state"])


async def delete_user(conn: aiosqlite.Connection, user_id: int) -> None:
    """Erases every row about the user: cases and debts cascade; conversation states by key,
    and their updates still waiting in the inbox by sender."""
    await conn.execute("DELETE FROM conversations WHERE json_extract(key, '$[1]') = ?", (user_id,))
    await delete_inbox_of(conn, user_id)
    await conn.execute("DELETE FROM users WHERE user_id = ?", (user_id,))
