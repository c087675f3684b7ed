"""Build the repayment plan a person can ask for and really keep.

Method (domain.md, "Affordability"): offer creditors only from the monthly surplus, keep
about 10 % of it as a buffer, share the rest between debts in proportion to what each is
owed, and when nothing is left say so honestly — a small good-faith payment plus a request
for a pause, never an impossible schedule. All money is integer fen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from bot.domain.models import CaseFacts
from bot.domain.penalty import PenaltyEstimate, estimate_penalty
from bot.domain.schedule import Schedule, build_schedule, periods_needed

BUFFER_PERCENT = 10
HIGH_DEBT_RATIO_PERCENT = 36
DEFAULT_MAX_PERIODS = 36


class InfeasibleKind(StrEnum):
    """Why no schedule can be proposed."""

    NO_SURPLUS = "no_surplus"
    TOO_LONG = "too_long"


class HelpPointer(StrEnum):
    """Where to turn for help beyond the lender."""

    LEGAL_AID = "legal_aid"  # 12348: questions about lawsuits
    COMPLAINTS = "complaints"  # 12378: only for complaints about treatment
    COMMUNITY = "community"  # local community/street office: hardship assistance


class PlanFlag(StrEnum):
    """Warnings the texts must show."""

    HIGH_DEBT_RATIO = "high_debt_ratio"


@dataclass(frozen=True, slots=True)
class PauseOption:
    """Option B: nothing due for ``months`` months, then ``schedule``."""

    months: int
    schedule: Schedule


@dataclass(frozen=True, slots=True)
class WaiverRequest:
    """Option C: ask to waive the penalty so far. Always a request, never a right."""

    penalty_fen: int
    estimated: bool


@dataclass(frozen=True, slots=True)
class CostOfWaiting:
    """Penalty so far and per further 30 days, with each debt's formula parts."""

    items: tuple[PenaltyEstimate, ...]
    so_far_fen: int
    per_30_days_fen: int
    estimated: bool


@dataclass(frozen=True, slots=True)
class Infeasible:
    """What to ask for when no schedule fits: good faith, a pause, and where to get help."""

    kind: InfeasibleKind
    good_faith_fen: int | None
    request_pause: bool
    help: tuple[HelpPointer, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the plan and call-script texts need.

    Exactly one of ``installments`` and ``infeasible`` is set. ``monthly_fen`` is what the
    person would pay per month under the proposal (the largest period of option A, or the
    good-faith amount), or ``None`` when nothing can be offered.
    """

    today: date
    max_periods: int
    income_fen: int
    other_debts_fen: int
    surplus_fen: int
    buffer_fen: int
    offer_fen: int
    installments: Schedule | None
    pause: PauseOption | None
    waiver: WaiverRequest
    cost: CostOfWaiting
    infeasible: Infeasible | None
    monthly_fen: int | None
    debt_ratio_pct: int | None
    flags: frozenset[PlanFlag]

    @property
    def feasible(self) -> bool:
        return self.installments is not None

    @property
    def high_debt_ratio(self) -> bool:
        return PlanFlag.HIGH_DEBT_RATIO in self.flags


def buffer_for(surplus_fen: int) -> int:
    """About 10 % of a positive surplus, rounded half up to the fen; 0 otherwise."""
    if surplus_fen <= 0:
        return 0
    return (surplus_fen * BUFFER_PERCENT + 50) // 100


def cost_of_waiting(facts: CaseFacts, today: date) -> CostOfWaiting:
    """Sum of every debt's penalty, estimated if any single rate was estimated."""
    items = tuple(estimate_penalty(d, today) for d in facts.debts)
    return CostOfWaiting(
        items=items,
        so_far_fen=sum(i.so_far_fen for i in items),
        per_30_days_fen=sum(i.per_30_days_fen for i in items),
        estimated=any(i.estimated for i in items),
    )


def _ratio(monthly_fen: int, other_fen: int, income_fen: int) -> tuple[int | None, bool]:
    """Debt payments as a percentage of income (rounded), and whether it is above 36 %."""
    paid = monthly_fen + other_fen
    if income_fen <= 0:
        # No income: any payment at all is too much of it.
        return None, paid > 0
    pct = (paid * 100 + income_fen // 2) // income_fen
    return pct, paid * 100 > HIGH_DEBT_RATIO_PERCENT * income_fen


def build_plan(facts: CaseFacts, today: date, max_periods: int = DEFAULT_MAX_PERIODS) -> Plan:
    """The plan for ``facts`` as of ``today``; ``max_periods`` caps the installment count."""
    if not facts.debts:
        raise ValueError("a plan needs at least one debt")
    if max_periods < 1:
        raise ValueError("max_periods must be at least 1")

    budget = facts.budget
    surplus = budget.surplus_fen
    buffer = buffer_for(surplus)
    offer = max(0, surplus - buffer)
    amounts = tuple(d.amount_fen for d in facts.debts)
    products = tuple(d.product for d in facts.debts)
    cost = cost_of_waiting(facts, today)
    waiver = WaiverRequest(penalty_fen=cost.so_far_fen, estimated=cost.estimated)

    n = periods_needed(amounts, offer, max_periods) if offer > 0 else None
    installments: Schedule | None = None
    pause: PauseOption | None = None
    infeasible: Infeasible | None = None
    if n is None:
        infeasible = Infeasible(
            kind=InfeasibleKind.NO_SURPLUS if offer <= 0 else InfeasibleKind.TOO_LONG,
            good_faith_fen=offer if offer > 0 else None,
            request_pause=True,
            help=(HelpPointer.COMMUNITY, HelpPointer.LEGAL_AID, HelpPointer.COMPLAINTS),
        )
        monthly = infeasible.good_faith_fen
    else:
        installments = build_schedule(products, amounts, n, offer, _dates(today, 1, n))
        hardship = facts.hardship
        if hardship.temporary and hardship.months and hardship.months > 0:
            later = _dates(today, hardship.months + 1, n)
            pause = PauseOption(
                months=hardship.months,
                schedule=build_schedule(products, amounts, n, offer, later),
            )
        monthly = installments.max_period_fen

    pct, high = _ratio(monthly or 0, budget.other_debts_fen, budget.income_fen)
    return Plan(
        today=today,
        max_periods=max_periods,
        income_fen=budget.income_fen,
        other_debts_fen=budget.other_debts_fen,
        surplus_fen=surplus,
        buffer_fen=buffer,
        offer_fen=offer,
        installments=installments,
        pause=pause,
        waiver=waiver,
        cost=cost,
        infeasible=infeasible,
        monthly_fen=monthly,
        debt_ratio_pct=pct,
        flags=frozenset({PlanFlag.HIGH_DEBT_RATIO}) if high else frozenset(),
    )


def _dates(today: date, first_month: int, n: int) -> tuple[date, ...]:
    """Monthly due dates on today's day of month, clamped to month end.

    Each date is computed from ``today`` (not from the previous date) so that a 31st
    comes back after a short month instead of drifting to the 28th.
    """
    return tuple(today + relativedelta(months=first_month + k) for k in range(n))
