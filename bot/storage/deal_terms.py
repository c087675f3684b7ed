"""The text form of a deal's terms (the ``deals.terms`` column): JSON, written only here.

A deal the user reported keeps its :class:`DealTerms`, the fields given, by their names:
``{"kind": "installments", "periods": 6, "amount_fen": 50000, "first_due": "2025-04-10"}``.
A deal taken from the plan's own schedule has no terms besides its installments, so it keeps
their dates and amounts: ``{"due_dates": ["2025-04-10", …], "amounts": [50000, …]}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from datetime import date

from bot.domain.deal import DealKind, DealTerms, PlannedInstallment


def to_json(terms: DealTerms, installments: Sequence[PlannedInstallment]) -> str:
    """The stored text of ``terms``; the installments only for a deal from the plan."""
    if terms.kind is DealKind.SUGGESTED:
        stored: dict[str, object] = {
            "due_dates": [i.due.isoformat() for i in installments],
            "amounts": [i.amount_fen for i in installments],
        }
    else:
        stored = {"kind": terms.kind.value}
        for field in fields(terms):
            value = getattr(terms, field.name)
            if field.name != "kind" and value is not None:
                stored[field.name] = value.isoformat() if isinstance(value, date) else value
    return json.dumps(stored, ensure_ascii=False)


def from_json(kind: DealKind, text: str) -> DealTerms:
    """The terms stored as ``text`` for a deal of ``kind`` (keys it does not know are left)."""
    stored = json.loads(text)
    if kind is DealKind.SUGGESTED:
        return DealTerms(kind)
    return DealTerms(
        kind,
        periods=_number(stored.get("periods")),
        amount_fen=_number(stored.get("amount_fen")),
        total_fen=_number(stored.get("total_fen")),
        first_due=_day(stored.get("first_due")),
        due_day=_number(stored.get("due_day")),
        pause_until=_day(stored.get("pause_until")),
    )


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None
