"""Does a deal the lender offered fit the person's month? (domain.md, Affordability)

An agent may press for more than the person can pay. Before such a deal is saved, the bot
adds up what falls due in each calendar month, this deal and the other active deals
together, and compares it with what the budget can carry: the offer (surplus minus the
buffer) and the 36 % line. The dearest month over either is returned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.affordability import Affordability


class Overload(StrEnum):
    OVER_OFFER = "over_offer"  # more than the surplus leaves after the buffer
    OVER_RATIO = "over_ratio"  # all debt payments above 36 % of income


@dataclass(frozen=True, slots=True)
class LoadWarning:
    """The dearest month that does not fit, and why."""

    month: date
    total_fen: int
    reason: Overload


def monthly_totals(payments: Iterable[tuple[date, int]]) -> dict[date, int]:
    """What falls due in each calendar month (keyed by its first day)."""
    totals: dict[date, int] = defaultdict(int)
    for due, fen in payments:
        totals[due.replace(day=1)] += fen
    return dict(totals)


def check_load(
    new: Iterable[tuple[date, int]], others: Iterable[tuple[date, int]], money: Affordability
) -> LoadWarning | None:
    """The dearest month above the offer or the 36 % line, or None when every month fits."""
    totals = monthly_totals([*new, *others])
    if not totals:
        return None
    month = max(totals, key=lambda m: (totals[m], -m.toordinal()))
    total = totals[month]
    if total > money.offer_fen:
        return LoadWarning(month, total, Overload.OVER_OFFER)
    if money.income_fen > 0 and total > money.ratio_cap_fen:
        return LoadWarning(month, total, Overload.OVER_RATIO)
    return None
