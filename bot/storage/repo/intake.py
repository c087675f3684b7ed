"""SQL for the intake: users, cases, debts and conversation states."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.domain.free_text import storable_text
from bot.domain.models import (
    Budget,
    CaseFacts,
    Debt,
    Hardship,
    HardshipReason,
    Product,
    RateBasis,
)
from bot.storage.timestamps import to_text

__all__ = [
    "CaseRecord",
    "DebtRecord",
    "add_debt",
    "delete_debt",
    "delete_user",
    "ensure_user",
    "has_consented",
    "in_any_conversation",
    "load_conversation_state",
    "load_conversations",
    "open_case",
    "record_consent",
    "save_conversation",
    "start_case",
    "update_case",
    "update_debt",
]

CASE_FIELDS = frozenset(
    {
        "step",
        "editing",
        "current_debt_id",
        "hardship_reason",
        "hardship_note",
        "hardship_temporary",
        "hardship_months",
        "income_fen",
        "essentials_fen",
        "other_debts_fen",
        "payday",
        "payday_answered",
        "essentials_checked",
        "status",
        "planned_at",
    }
)
DEBT_FIELDS = frozenset(
    {
        "product",
        "amount_fen",
        "overdue_since",
        "daily_rate_ppm",
        "rate_answered",
        "rate_basis",
        "total_due_fen",
        "total_answered",
    }
)


@dataclass(frozen=True, slots=True)
class DebtRecord:
    id: int
    product: Product
    amount_fen: int | None
    overdue_since: date | None
    daily_rate_ppm: int | None
    rate_answered: bool
    rate_basis: RateBasis = RateBasis.PENALTY
    total_due_fen: int | None = None
    total_answered: bool = True

    @property
    def complete(self) -> bool:
        return (
            self.amount_fen is not None
            and self.overdue_since is not None
            and self.rate_answered
            and self.total_answered
        )


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: int
    user_id: int
    status: str
    step: int | None
    editing: bool
    current_debt_id: int | None
    hardship_reason: HardshipReason | None
    hardship_note: str | None
    hardship_temporary: bool | None
    hardship_months: int | None
    income_fen: int | None
    essentials_fen: int | None
    other_debts_fen: int | None
    debts: tuple[DebtRecord, ...]
    payday: int | None = None
    payday_answered: bool = True
    essentials_checked: bool = False

    @property
    def current_debt(self) -> DebtRecord | None:
        return next((d for d in self.debts if d.id == self.current_debt_id), None)

    def facts(self) -> CaseFacts | None:
        """The validated facts, or None while any answer is still missing."""
        debts = [d for d in self.debts if d.complete]
        if (
            not debts
            or len(debts) != len(self.debts)
            or self.hardship_reason is None
            or self.hardship_temporary is None
            or self.income_fen is None
            or self.essentials_fen is None
            or self.other_debts_fen is None
            or (self.income_fen > 0 and not self.payday_answered)
        ):
            return None
        return CaseFacts(
            debts=tuple(
                Debt(
                    d.product,
                    d.amount_fen or 0,
                    d.overdue_since or date.min,
                    d.daily_rate_ppm,
                    rate_basis=d.rate_basis,
                    total_due_fen=d.total_due_fen,
                )
                for d in debts
            ),
            hardship=Hardship(
                reason=self.hardship_reason,
                note=self.hardship_note,
                temporary=self.hardship_temporary,
                months=self.hardship_months,
            ),
            budget=Budget(
                self.income_fen,
                self.essentials_fen,
                self.other_debts_fen,
                payday=self.payday if self.income_fen > 0 else None,
            ),
        )


def _iso(moment: datetime) -> str:
    return to_text(moment)


def _column_value(value: object) -> object:
    """Moments in the one stored form, days as ``2026-12-02``, the rest as they are."""
    if isinstance(value, datetime):
        return to_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


async def ensure_user(
    conn: aiosqlite.Connection, user_id: int, chat_id: int, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO users (user_id, chat_id, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id",
        (user_id, chat_id, _iso(now)),
    )


async def record_consent(conn: aiosqlite.Connection, user_id: int, now: datetime) -> None:
    await conn.execute("UPDATE users SET consented_at = ? WHERE user_id = ?", (_iso(now), user_id))


async def has_consented(conn: aiosqlite.Connection, user_id: int) -> bool:
    async with conn.execute(
        "SELECT consented_at IS NOT NULL FROM users WHERE user_id = ?", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return bool(row and row[0])


async def open_case(conn: aiosqlite.Connection, user_id: int) -> CaseRecord | None:
    """The user's case that is not closed, with its debts in the order they were added."""
    async with conn.execute(
        "SELECT * FROM cases WHERE user_id = ? AND status != 'closed'", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    async with conn.execute(
        "SELECT * FROM debts WHERE case_id = ? ORDER BY id", (row["id"],)
    ) as cursor:
        debt_rows = await cursor.fetchall()
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
        debts=tuple(
            DebtRecord(
                id=d["id"],
                product=Product(d["product"]),
                amount_fen=d["amount_fen"],
                overdue_since=date.fromisoformat(d["overdue_since"])
                if d["overdue_since"]
                else None,
                daily_rate_ppm=d["daily_rate_ppm"],
                rate_answered=bool(d["rate_answered"]),
                rate_basis=RateBasis(d["rate_basis"]),
                total_due_fen=d["total_due_fen"],
                total_answered=bool(d["total_answered"]),
            )
            for d in debt_rows
        ),
    )


async def start_case(conn: aiosqlite.Connection, user_id: int, now: datetime) -> int:
    """Closes any open case of the user and opens an empty one."""
    await conn.execute(
        "UPDATE cases SET status = 'closed', closed_at = ?, updated_at = ?"
        " WHERE user_id = ? AND status != 'closed'",
        (_iso(now), _iso(now), user_id),
    )
    cursor = await conn.execute(
        "INSERT INTO cases (user_id, created_at, updated_at) VALUES (?, ?, ?)",
        (user_id, _iso(now), _iso(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def update_case(
    conn: aiosqlite.Connection, user_id: int, case_id: int, now: datetime, **fields: Any
) -> None:
    unknown = set(fields) - CASE_FIELDS
    if unknown:
        raise ValueError(f"not case columns: {sorted(unknown)}")
    if "hardship_note" in fields:  # the user's own words: no hidden characters, no secrets
        fields["hardship_note"] = storable_text(fields["hardship_note"])
    assignments = ", ".join(f"{name} = ?" for name in fields)
    await conn.execute(
        f"UPDATE cases SET {assignments}, updated_at = ? WHERE id = ? AND user_id = ?",
        (*(_column_value(v) for v in fields.values()), _iso(now), case_id, user_id),
    )


async def add_debt(
    conn: aiosqlite.Connection, user_id: int, case_id: int, product: Product, now: datetime
) -> int:
    """Adds a debt to the user's own case and makes it the one being asked about."""
    cursor = await conn.execute(
        "INSERT INTO debts (case_id, product, created_at)"
        " SELECT id, ?, ? FROM cases WHERE id = ? AND user_id = ?",
        (product.value, _iso(now), case_id, user_id),
    )
    if cursor.rowcount != 1 or cursor.lastrowid is None:
        raise LookupError("case not found for this user")
    await update_case(conn, user_id, case_id, now, current_debt_id=cursor.lastrowid)
    return cursor.lastrowid


async def update_debt(
    conn: aiosqlite.Connection, user_id: int, debt_id: int, **fields: Any
) -> None:
    unknown = set(fields) - DEBT_FIELDS
    if unknown:
        raise ValueError(f"not debt columns: {sorted(unknown)}")
    values = [_column_value(v) for v in fields.values()]
    assignments = ", ".join(f"{name} = ?" for name in fields)
    await conn.execute(
        f"UPDATE debts SET {assignments} WHERE id = ?"
        " AND case_id IN (SELECT id FROM cases WHERE user_id = ?)",
        (*values, debt_id, user_id),
    )


async def delete_debt(conn: aiosqlite.Connection, user_id: int, debt_id: int) -> None:
    await conn.execute(
        "DELETE FROM debts WHERE id = ? AND case_id IN (SELECT id FROM cases WHERE user_id = ?)",
        (debt_id, user_id),
    )


async def load_conversations(conn: aiosqlite.Connection, name: str) -> dict[tuple, object]:
    async with conn.execute(
        "SELECT key, state FROM conversations WHERE name = ?", (name,)
    ) as cursor:
        rows = await cursor.fetchall()
    return {tuple(json.loads(row["key"])): json.loads(row["state"]) for row in rows}


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


async def load_conversation_state(conn: aiosqlite.Connection, name: str, key: tuple) -> int | None:
    """Where one user is in a conversation, as last written (None: not in it)."""
    async with conn.execute(
        "SELECT state FROM conversations WHERE name = ? AND key = ?",
        (name, json.dumps(list(key))),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else json.loads(row["state"])


async def delete_user(conn: aiosqlite.Connection, user_id: int) -> None:
    """Erases every row about the user: cases and debts cascade; conversation states by key."""
    await conn.execute("DELETE FROM conversations WHERE json_extract(key, '$[1]') = ?", (user_id,))
    await conn.execute("DELETE FROM users WHERE user_id = ?", (user_id,))
