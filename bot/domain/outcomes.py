"""How each deal ended, or how it stands: the figure the companion exists to raise.

A deal is *paid off* when nothing of its installments is missing, *re-planned* when a new
deal replaced it (stored when that happens), *broken* when an installment is still missing
more than 30 days after its due date with no new deal, and otherwise *kept*. Counting
these needs no personal data: only each deal's outcome and its installments' dates and sums.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.progress import InstallmentState

BROKEN_AFTER = timedelta(days=30)


class DealOutcome(StrEnum):
    """Stored values (``paid_off``, ``replanned``) are never renamed."""

    KEPT = "kept"
    REPLANNED = "replanned"
    BROKEN = "broken"
    PAID_OFF = "paid_off"


@dataclass(frozen=True, slots=True)
class DealFacts:
    """One deal as counted: its stored outcome (None while it runs) and its installments."""

    stored: DealOutcome | None
    installments: Sequence[InstallmentState]


def outcome_of(deal: DealFacts, today: date) -> DealOutcome:
    if deal.stored is not None:
        return deal.stored
    if deal.installments and all(i.is_paid for i in deal.installments):
        return DealOutcome.PAID_OFF
    if any(not i.is_paid and today - i.due > BROKEN_AFTER for i in deal.installments):
        return DealOutcome.BROKEN
    return DealOutcome.KEPT


def count_outcomes(deals: Iterable[DealFacts], today: date) -> dict[DealOutcome, int]:
    """Every outcome with its count (0 included), in the enum's order."""
    counts = Counter(outcome_of(d, today) for d in deals)
    return {outcome: counts.get(outcome, 0) for outcome in DealOutcome}
