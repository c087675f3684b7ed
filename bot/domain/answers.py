"""The intake's answers so far: what the questions and the summary show back.

Unlike :class:`bot.domain.models.CaseFacts` (complete and validated), any answer may still
be missing here. ``id`` tells debts apart (which one is being asked about, which button
names it); ``complete`` says every question about a debt has been answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.models import HardshipReason, Product, RateBasis


@dataclass(frozen=True, slots=True)
class DebtAnswers:
    id: int
    product: Product
    amount_fen: int | None
    overdue_since: date | None
    daily_rate_ppm: int | None
    rate_basis: RateBasis
    total_due_fen: int | None
    complete: bool


@dataclass(frozen=True, slots=True)
class CaseAnswers:
    debts: tuple[DebtAnswers, ...]
    current_debt_id: int | None  # the debt being asked about, if any
    hardship_reason: HardshipReason | None
    hardship_note: str | None
    hardship_temporary: bool | None
    hardship_months: int | None
    income_fen: int | None
    essentials_fen: int | None
    other_debts_fen: int | None
    payday: int | None
    payday_answered: bool
    planned: bool  # a plan was made from these answers

    @property
    def current_debt(self) -> DebtAnswers | None:
        return next((d for d in self.debts if d.id == self.current_debt_id), None)
