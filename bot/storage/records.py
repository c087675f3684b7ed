"""The rows the repository returns, as plain frozen values (no I/O, no SQL).

Handlers may read these types (a case while it is being answered has no other home yet);
only the repository builds them. An installment row is the domain's ``Installment``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.deal import DealKind
from bot.domain.models import (
    Budget,
    CaseFacts,
    Debt,
    Hardship,
    HardshipReason,
    Product,
    RateBasis,
)
from bot.domain.progress import Installment

__all__ = [
    "CallRecord",
    "CaseRecord",
    "DealRecord",
    "DebtRecord",
    "DueReminder",
    "InstallmentRecord",
    "PrefsRecord",
]


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
    planned_at: datetime | None = None  # when the plan was first shown (UTC)
    updated_at: datetime | None = None  # the last change of an answer or a figure (UTC)

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


# an installment row is the domain's Installment (the views take that, not a row type)
InstallmentRecord = Installment


@dataclass(frozen=True, slots=True)
class CallRecord:
    id: int
    called_at: datetime
    outcome: str
    staff_id: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class DealRecord:
    """A deal as recorded: for which debt, its shape, when, and how it ended (if it has)."""

    id: int
    product: Product
    kind: DealKind
    agreed_at: datetime
    active: bool
    outcome: str | None  # "paid_off", "replanned", or None while it runs
    ended_at: datetime | None
    pause_until: date | None = None  # a pause, then installments: paused until this day


@dataclass(frozen=True, slots=True)
class PrefsRecord:
    chat_id: int
    morning_hour: int
    evening_hour: int
    lead_days: frozenset[int]
    on_due_day: bool
    muted: bool


@dataclass(frozen=True, slots=True)
class DueReminder:
    id: int
    user_id: int
    chat_id: int
    installment_id: int | None
    kind: str
    lead_days: int
    due_at: datetime
    attempts: int
    # set when an earlier send timed out and may have arrived: this is the one resend
    uncertain_at: datetime | None = None
