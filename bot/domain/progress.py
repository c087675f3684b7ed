"""How far along the deal is: what /status shows.

An installment is paid once the user has marked at least its amount paid. Marked with less
(``paid_fen`` below ``amount_fen``) it is paid in part: still open, with the rest missing.
A date alone (no amount) counts as paid in full. What is left is always the sum of what is
missing from each installment, so "还剩" equals what the listed installments still need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.domain.models import Product

PERMILLE = 1000
_FULL = "▓"
_EMPTY = "░"


class InstallmentStatus(StrEnum):
    """Where one installment stands today. Values are stable identifiers."""

    PAID = "paid"
    PARTIAL = "partial"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"


@dataclass(frozen=True, slots=True)
class Installment:
    """One installment of a recorded deal, as the views show it: whose, which, how much."""

    id: int
    deal_id: int
    debt_id: int
    product: Product
    number: int
    count: int
    due: date
    amount_fen: int
    paid_fen: int | None
    paid_at: datetime | None

    @property
    def paid(self) -> bool:
        """Paid in full: nothing of it is missing."""
        return self.paid_fen is not None and self.paid_fen >= self.amount_fen

    @property
    def partly_paid(self) -> bool:
        return self.paid_fen is not None and self.paid_fen < self.amount_fen

    @property
    def outstanding_fen(self) -> int:
        """What is still missing from this installment."""
        return max(0, self.amount_fen - (self.paid_fen or 0))


@dataclass(frozen=True, slots=True)
class InstallmentState:
    """One installment as stored: what was due and, once paid, what and when."""

    number: int
    due: date
    amount_fen: int
    paid_fen: int | None = None
    paid_on: date | None = None

    @property
    def is_paid(self) -> bool:
        """Paid in full (a date without an amount counts as the amount due)."""
        if self.paid_fen is None:
            return self.paid_on is not None
        return self.paid_fen >= self.amount_fen

    @property
    def is_partial(self) -> bool:
        return self.paid_fen is not None and self.paid_fen < self.amount_fen

    @property
    def paid_amount_fen(self) -> int:
        """What counts as paid: the reported amount, else the amount due; 0 if unpaid."""
        if self.paid_fen is not None:
            return self.paid_fen
        return self.amount_fen if self.paid_on is not None else 0

    @property
    def outstanding_fen(self) -> int:
        """What is still missing; an installment paid with more than due misses nothing."""
        return max(0, self.amount_fen - self.paid_amount_fen)


@dataclass(frozen=True, slots=True)
class Progress:
    """Totals for /status. ``days_to_next`` is negative when the next one is overdue."""

    total_count: int
    paid_count: int
    total_fen: int
    paid_fen: int
    remaining_fen: int
    next_due: InstallmentState | None
    days_to_next: int | None
    overdue_count: int
    statuses: tuple[tuple[InstallmentState, InstallmentStatus], ...]
    fraction_permille: int


def status_of(item: InstallmentState, today: date) -> InstallmentStatus:
    """PAID, PARTIAL (paid in part, whatever the date), else by the due date."""
    if item.is_paid:
        return InstallmentStatus.PAID
    if item.is_partial:
        return InstallmentStatus.PARTIAL
    if item.due == today:
        return InstallmentStatus.DUE_TODAY
    return InstallmentStatus.OVERDUE if item.due < today else InstallmentStatus.UPCOMING


def progress_of(items: Sequence[InstallmentState], today: date) -> Progress:
    """Summarise the installments (in number order) as of ``today``."""
    ordered = sorted(items, key=lambda i: i.number)
    statuses = tuple((i, status_of(i, today)) for i in ordered)
    total = sum(i.amount_fen for i in ordered)
    paid = sum(i.paid_amount_fen for i in ordered)
    remaining = sum(i.outstanding_fen for i in ordered)
    next_due = next((i for i in ordered if not i.is_paid), None)
    return Progress(
        total_count=len(ordered),
        paid_count=sum(1 for i in ordered if i.is_paid),
        total_fen=total,
        paid_fen=paid,
        remaining_fen=remaining,
        next_due=next_due,
        days_to_next=None if next_due is None else (next_due.due - today).days,
        overdue_count=sum(1 for i in ordered if not i.is_paid and i.due < today),
        statuses=statuses,
        # Floor, so 1000 (a full bar) only when nothing is missing; an overpaid installment
        # does not fill another one's gap
        fraction_permille=(total - remaining) * PERMILLE // total if total > 0 else 0,
    )


def progress_bar(permille: int, width: int = 10) -> str:
    """``400`` -> ``"▓▓▓▓░░░░░░"``; floored, so only 1000 fills the bar.

    Block characters have the same width as CJK text on phones, so ten of them fit one
    line even on a narrow screen.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    clamped = max(0, min(PERMILLE, permille))
    full = clamped * width // PERMILLE
    return _FULL * full + _EMPTY * (width - full)
