"""The deal month by month: what the progress picture on /status draws.

Every installment of the active deals counts in the month of its due date, whatever the
lender: one plan, one picture. Paid is what was reported paid (an overpaid installment
counts what was paid, as /status's "已还" does), remaining what is still missing, so the
months add up to the text's "已还" and "还剩" to the fen. Months with nothing due between
the first and the last (a pause, two deals apart) are kept, empty, so time runs evenly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.progress import Installment

MONTHS_A_YEAR = 12


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """One calendar month: fen paid and fen still to pay of what falls due in it."""

    month: date  # its first day
    paid_fen: int
    remaining_fen: int


@dataclass(frozen=True, slots=True)
class MonthlyProgress:
    """The months from the first due date to the last, and where the next payment is."""

    months: tuple[MonthFigures, ...]
    # the first installment not paid in full (by due date): its month, day and what it needs
    next_index: int | None
    next_due: date | None
    next_fen: int
    next_partly_paid: bool = False

    @property
    def paid_fen(self) -> int:
        return sum(m.paid_fen for m in self.months)

    @property
    def remaining_fen(self) -> int:
        return sum(m.remaining_fen for m in self.months)


def _month_number(day: date) -> int:
    return day.year * MONTHS_A_YEAR + day.month - 1


def _first_of(number: int) -> date:
    year, month = divmod(number, MONTHS_A_YEAR)
    return date(year, month + 1, 1)


def monthly_progress(items: Sequence[Installment]) -> MonthlyProgress:
    """Sums ``items`` (every active deal's installments) per month of their due date.

    The next one is the earliest due not paid in full; among several on that day, the first
    in ``items`` (the order /status lists them in, so the picture and the text agree).
    """
    if not items:
        return MonthlyProgress(months=(), next_index=None, next_due=None, next_fen=0)
    numbers = [_month_number(i.due) for i in items]
    first = min(numbers)
    paid = [0] * (max(numbers) - first + 1)
    remaining = [0] * len(paid)
    for item, number in zip(items, numbers, strict=True):
        paid[number - first] += item.paid_fen or 0
        remaining[number - first] += item.outstanding_fen
    months = tuple(
        MonthFigures(_first_of(first + k), paid[k], remaining[k]) for k in range(len(paid))
    )
    unpaid = [i for i in items if not i.paid]
    if not unpaid:
        return MonthlyProgress(months=months, next_index=None, next_due=None, next_fen=0)
    following = min(unpaid, key=lambda i: i.due)  # min keeps the first of equal dates
    return MonthlyProgress(
        months=months,
        next_index=_month_number(following.due) - first,
        next_due=following.due,
        next_fen=following.outstanding_fen,
        next_partly_paid=following.partly_paid,
    )
