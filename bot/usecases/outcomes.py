"""The operator's figures: how deals end (kept, re-planned, broken, paid off), plans made,
calls recorded and nudges sent. Counts only: no user id, no amount, no text leaves here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.outcomes import DealFacts, DealOutcome, count_outcomes
from bot.domain.progress import InstallmentState
from bot.storage import repo
from bot.storage.repo import StoredDeal
from bot.usecases.deps import Deps


@dataclass(frozen=True, slots=True)
class OutcomeReport:
    # the day the running deals were judged on (kept, or broken after 30 days unpaid)
    on: date
    deals: dict[DealOutcome, int]
    plans_made: int
    calls_agreed: int
    calls_refused: int
    nudges_sent: int


def facts_of(deal: StoredDeal) -> DealFacts:
    """A deal as counted. One no longer active without a stored outcome was replaced by a
    deal recorded later for the same debt: it counts as re-planned."""
    stored = DealOutcome(deal.outcome) if deal.outcome is not None else None
    if stored is None and not deal.active:
        stored = DealOutcome.REPLANNED
    items = tuple(
        InstallmentState(number, due, amount, paid)
        for number, (due, amount, paid) in enumerate(deal.installments, start=1)
    )
    return DealFacts(stored, items)


async def outcome_report(deps: Deps, today: date | None = None) -> OutcomeReport:
    """Everything stored, read in one transaction, counted as of ``today`` (the bot's day)."""
    async with deps.database.transaction() as conn:
        deals = await repo.stored_deals(conn)
        totals = await repo.stored_totals(conn)
    on = today or deps.today()
    return OutcomeReport(
        on=on,
        deals=count_outcomes((facts_of(d) for d in deals), on),
        plans_made=totals.plans_made,
        calls_agreed=totals.calls_agreed,
        calls_refused=totals.calls_refused,
        nudges_sent=totals.nudges_sent,
    )
