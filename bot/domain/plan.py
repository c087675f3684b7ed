"""The option a debt adviser would lead with, worked out from the person's own numbers.

Order (domain.md, "Affordability"): (1) the month's money clears everything: pay it now
in the app, no negotiation needed; (2) it clears everything within a few paydays: pay part
now, the rest on the next paydays; (3) otherwise installments from what can be offered;
(4) a pause only when nothing can be paid today, with its price shown. When installments
could not finish in any reasonable time the plan says how long they would take and puts
free help first. The offer is shared between lenders in proportion to what each is owed.
Only amounts and dates live here; the words are in ``bot.texts.zh``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.affordability import Affordability, assess, percent_of
from bot.domain.lenders import Lender, group_by_lender
from bot.domain.models import FEN_PER_YUAN, CaseFacts, HardshipReason, Product
from bot.domain.paydays import due_dates
from bot.domain.penalty import PenaltyEstimate, debt_days_overdue, estimate_penalty
from bot.domain.schedule import (
    Groups,
    Schedule,
    Splits,
    build_schedule,
    fit_periods,
    front_loaded,
    share_whole_yuan,
)

DEFAULT_MAX_PERIODS = 36
# Cleared within this many paydays, it is "pay part now, the rest next time", not a deal.
PART_NOW_MAX_PAYMENTS = 3
# Yuan a part payment may come in under the limit so the last one can carry the fen.
PART_NOW_ROUNDING_ROOM = 4
# Overdue this long, a debt may already be with collectors or in court.
LONG_OVERDUE_DAYS = 180
# A pause with no known end still names a time to get back in touch.
REVIEW_MONTHS = 3
# Long installments within this many months are "longer than usual", not "out of reach":
# the longest 个性化分期 the card rules (第70条) speak of is 5 years.
LONGER_INSTALLMENTS_MONTHS = 60


class Recommendation(StrEnum):
    """What the plan leads with."""

    PAY_NOW = "pay_now"
    PART_NOW = "part_now"
    INSTALLMENTS = "installments"
    LONG_INSTALLMENTS = "long_installments"
    PAUSE = "pause"


class HelpPointer(StrEnum):
    """Free official help (domain.md, "Free official help"), in the order it is shown."""

    LEGAL_AID = "legal_aid"  # 12348 公共法律服务热线
    COURT_CHECK = "court_check"  # 12368: check a "court" message; never ignore court papers
    UNEMPLOYMENT = "unemployment"  # 12333: 失业保险金
    COMMUNITY = "community"  # 社区/街道: 低保、临时救助
    COMPLAINTS = "complaints"  # in-app first, then 12378


@dataclass(frozen=True, slots=True)
class CostOfWaiting:
    """Penalty so far and per further 30 days, with each debt's formula parts."""

    items: tuple[PenaltyEstimate, ...]
    so_far_fen: int
    per_30_days_fen: int
    estimated: bool


@dataclass(frozen=True, slots=True)
class LenderPlan:
    """One lender's part of the plan: what it is owed and what it is offered.

    ``installments`` are its period totals under the proposal (None without a schedule);
    ``share_limit_fen`` is its part of the month's limit, the most it can be offered.
    """

    lender: Lender
    base_fen: int
    overdue_fen: int
    penalty_fen: int
    per_30_days_fen: int
    share_limit_fen: int
    installments: tuple[int, ...] | None
    not_waived: tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the plan and call-script texts need.

    ``schedule`` is set for PAY_NOW, PART_NOW and INSTALLMENTS. For PAY_NOW and PART_NOW
    its amounts include the penalty so far (no negotiation, nothing waived); for
    INSTALLMENTS they do not, and ``not_waived`` is the same offer with the penalty added
    (None when that would not finish within ``max_periods``).

    A PAUSE may come with ``token_fen``, a small monthly payment that still fits (good
    faith), and, when other fixed payments already pass 36 % of income,
    ``other_debts_target_fen``: what they would have to come down to for this debt to be
    repaid within ``max_periods`` at ``monthly_for_max_fen`` a month (None when even that
    would not be enough).

    LONG_INSTALLMENTS has ``months_needed`` at the limit, each lender at its share, and
    ``months_not_waived``: the same with the penalty so far added (None when there is none).
    """

    today: date
    max_periods: int
    money: Affordability
    kind: Recommendation
    schedule: Schedule | None
    not_waived: Schedule | None
    lenders: tuple[LenderPlan, ...]
    cost: CostOfWaiting
    base_fen: int
    whole_known: tuple[bool, ...]
    months_needed: int | None
    months_not_waived: int | None
    monthly_for_max_fen: int | None
    pause_months: int | None
    token_fen: int | None
    other_debts_target_fen: int | None
    long_overdue: bool
    help: tuple[HelpPointer, ...]
    debt_ratio_pct: int | None

    @property
    def feasible(self) -> bool:
        return self.schedule is not None

    @property
    def limit_fen(self) -> int:
        return self.money.limit_fen

    @property
    def monthly_fen(self) -> int | None:
        """The most the proposal asks in a month (None when it asks for nothing)."""
        if self.schedule is not None:
            return self.schedule.max_period_fen
        if self.kind is Recommendation.LONG_INSTALLMENTS:
            return self.money.limit_fen
        return None

    @property
    def longer_than_usual(self) -> bool:
        """Long installments that would end within about five years, the penalty growing
        less than is paid each month (otherwise the debt may never shrink)."""
        return (
            self.months_needed is not None
            and self.months_needed <= LONGER_INSTALLMENTS_MONTHS
            and self.cost.per_30_days_fen < self.money.limit_fen
        )

    @property
    def covers_whole_debt(self) -> bool:
        return all(self.whole_known)

    @property
    def needs_a_call(self) -> bool:
        """Paying it all now, or over the next paydays, is done in the app: no call to make."""
        return self.kind not in (Recommendation.PAY_NOW, Recommendation.PART_NOW)


def cost_of_waiting(facts: CaseFacts, today: date) -> CostOfWaiting:
    """Sum of every debt's penalty, estimated if any single rate was estimated."""
    items = tuple(estimate_penalty(d, today) for d in facts.debts)
    return CostOfWaiting(
        items=items,
        so_far_fen=sum(i.so_far_fen for i in items),
        per_30_days_fen=sum(i.per_30_days_fen for i in items),
        estimated=any(i.estimated for i in items),
    )


def _ceil_yuan(fen: int) -> int:
    return -(-fen // FEN_PER_YUAN) * FEN_PER_YUAN


@dataclass(frozen=True, slots=True)
class _Choice:
    kind: Recommendation
    periods: int | None
    amounts: tuple[int, ...]
    splits: Splits | None = None
    floor: int = FEN_PER_YUAN


def _choose(
    facts: CaseFacts, money: Affordability, cost: CostOfWaiting, groups: Groups, max_periods: int
) -> _Choice:
    """The recommendation, its number of payments, and the amounts it schedules per debt."""
    base = tuple(d.base_fen for d in facts.debts)
    with_penalty = tuple(b + i.so_far_fen for b, i in zip(base, cost.items, strict=True))
    limit = money.limit_fen
    if limit <= 0:
        return _Choice(Recommendation.PAUSE, None, base)
    if sum(with_penalty) <= limit:
        return _Choice(Recommendation.PAY_NOW, 1, with_penalty)
    for n in range(2, PART_NOW_MAX_PAYMENTS + 1):
        # a few yuan less each time leaves the last payment room for every debt's fen
        for cut in range(PART_NOW_ROUNDING_ROOM + 1):
            splits = front_loaded(
                _by_lender(with_penalty, groups),
                limit - cut * FEN_PER_YUAN,
                n,
                _shared(with_penalty, groups),
            )
            if splits is not None:
                return _Choice(Recommendation.PART_NOW, n, with_penalty, splits)
    fit = fit_periods(_by_lender(base, groups), limit, max_periods, _shared(base, groups))
    if fit is None and money.thin_surplus and limit < cost.per_30_days_fen:
        # a few yuan against a penalty that grows faster: a token payment and a pause, not
        # a schedule of many decades (domain.md: "not an impossible schedule")
        return _Choice(Recommendation.PAUSE, None, base)
    if fit is None:
        return _Choice(Recommendation.LONG_INSTALLMENTS, None, base)
    return _Choice(Recommendation.INSTALLMENTS, fit[0], base, floor=fit[1])


def _build(
    products: tuple[Product, ...],
    amounts: tuple[int, ...],
    groups: Groups,
    today: date,
    payday: int | None,
    n: int,
    splits: Splits | None,
    floor: int,
) -> Schedule:
    dates = due_dates(today, payday, n)
    return build_schedule(products, amounts, groups, dates, splits, floor)


def _by_lender(amounts: tuple[int, ...], groups: Groups) -> tuple[int, ...]:
    return tuple(sum(amounts[i] for i in group) for group in groups)


def _shared(amounts: tuple[int, ...], groups: Groups) -> tuple[tuple[int, ...], ...]:
    """Each lender's own debts' amounts."""
    return tuple(tuple(amounts[i] for i in group) for group in groups)


def _monthly_within(bases: tuple[int, ...], periods: int) -> int:
    """What a month costs when every lender is paid off within ``periods`` payments.

    Each lender is paid whole yuan, so each one's monthly amount rounds up on its own:
    花呗 361 元 and 网商贷 2,125 元 over 36 months take 11 + 60 = 71 元, not 70.
    """
    return sum(_ceil_yuan(-(-base // periods)) for base in bases)


def _months_at(bases: tuple[int, ...], limit: int) -> int:
    """How many months ``limit`` a month takes, shared between the lenders in whole yuan.

    The slowest lender decides: 70 元 shared as 11 + 59 pays 网商贷's 2,125 元 in 37
    months, though 70 × 36 is more than the 2,486 元 owed in all.
    """
    shares = share_whole_yuan(limit, bases, floor_each=1)
    if any(share <= 0 for share in shares):
        return -(-sum(bases) // limit)
    return max(-(-base // share) for base, share in zip(bases, shares, strict=True))


def _help(
    facts: CaseFacts, money: Affordability, kind: Recommendation, long_overdue: bool
) -> tuple[HelpPointer, ...]:
    pointers: list[HelpPointer] = []
    if kind is Recommendation.LONG_INSTALLMENTS or (
        kind is Recommendation.PAUSE and money.limit_fen > 0
    ):
        pointers.append(HelpPointer.LEGAL_AID)  # the right help first: the case needs more
    if long_overdue:
        pointers.append(HelpPointer.COURT_CHECK)
    if facts.hardship.reason is HardshipReason.UNEMPLOYED:
        pointers.append(HelpPointer.UNEMPLOYMENT)
    if facts.budget.income_fen == 0 or facts.budget.surplus_fen < 0:
        pointers.append(HelpPointer.COMMUNITY)
    pointers += [HelpPointer.LEGAL_AID, HelpPointer.COMPLAINTS]
    return tuple(dict.fromkeys(pointers))


def _shares(
    facts: CaseFacts, lenders: tuple[Lender, ...], limit: int, schedule: Schedule | None
) -> list[int]:
    """Each lender's part of ``limit`` in whole yuan, in proportion to what it is owed.

    With a schedule, each part is first the lender's own dearest payment (so no lender is
    asked for more than it is told is the most), and what the schedule leaves of the limit
    is shared pro rata on top. Without one, the limit is shared exactly, at least 1 元 to
    each lender when it allows.
    """
    total = facts.base_fen
    bases = [sum(facts.debts[i].base_fen for i in lender.debt_indices) for lender in lenders]
    if schedule is not None:
        own = [
            max(
                sum(schedule.debts[i].installments[k] for i in lender.debt_indices)
                for k in range(schedule.periods)
            )
            for lender in lenders
        ]
        slack = max(0, limit - sum(own))
        extra = [slack * base // total if total else 0 for base in bases]
        shares = [o + e - e % FEN_PER_YUAN for o, e in zip(own, extra, strict=True)]
        excess = sum(shares) - limit
        if excess > 0:  # the lenders' dearest payments fall in different months
            largest = shares.index(max(shares))
            shares[largest] -= excess
        return shares
    # every lender hears a real offer when the limit allows: at least 1 元 each
    return share_whole_yuan(limit, tuple(bases), floor_each=1)


def _lender_plans(
    facts: CaseFacts,
    lenders: tuple[Lender, ...],
    cost: CostOfWaiting,
    limit: int,
    schedule: Schedule | None,
    not_waived: Schedule | None,
) -> tuple[LenderPlan, ...]:
    def totals(s: Schedule | None, indices: tuple[int, ...]) -> tuple[int, ...] | None:
        if s is None:
            return None
        return tuple(sum(s.debts[i].installments[k] for i in indices) for k in range(s.periods))

    shares = _shares(facts, lenders, limit, schedule)
    plans = []
    for lender, share in zip(lenders, shares, strict=True):
        idx = lender.debt_indices
        base = sum(facts.debts[i].base_fen for i in idx)
        plans.append(
            LenderPlan(
                lender=lender,
                base_fen=base,
                overdue_fen=sum(facts.debts[i].amount_fen for i in idx),
                penalty_fen=sum(cost.items[i].so_far_fen for i in idx),
                per_30_days_fen=sum(cost.items[i].per_30_days_fen for i in idx),
                share_limit_fen=share,
                installments=totals(schedule, idx),
                not_waived=totals(not_waived, idx),
            )
        )
    return tuple(plans)


def build_plan(facts: CaseFacts, today: date, max_periods: int = DEFAULT_MAX_PERIODS) -> Plan:
    """The plan for ``facts`` as of ``today``; ``max_periods`` caps the installment count."""
    if not facts.debts:
        raise ValueError("a plan needs at least one debt")
    if max_periods < 1:
        raise ValueError("max_periods must be at least 1")

    money = assess(facts.budget)
    cost = cost_of_waiting(facts, today)
    products = tuple(d.product for d in facts.debts)
    lenders = group_by_lender(products)
    groups = tuple(lender.debt_indices for lender in lenders)
    payday = facts.budget.payday if facts.budget.income_fen > 0 else None
    choice = _choose(facts, money, cost, groups, max_periods)
    kind, n, amounts = choice.kind, choice.periods, choice.amounts

    schedule = None
    not_waived = None
    if n is not None:
        schedule = _build(products, amounts, groups, today, payday, n, choice.splits, choice.floor)
    if kind is Recommendation.INSTALLMENTS:
        owed = tuple(a + i.so_far_fen for a, i in zip(amounts, cost.items, strict=True))
        fit = fit_periods(
            _by_lender(owed, groups), money.limit_fen, max_periods, _shared(owed, groups)
        )
        if fit is not None:
            not_waived = _build(products, owed, groups, today, payday, fit[0], None, fit[1])

    months_needed = months_not_waived = monthly_for_max = None
    bases = _by_lender(tuple(d.base_fen for d in facts.debts), groups)
    if kind in (Recommendation.LONG_INSTALLMENTS, Recommendation.PAUSE):
        monthly_for_max = _monthly_within(bases, max_periods)
    if kind is Recommendation.LONG_INSTALLMENTS:
        months_needed = _months_at(bases, money.limit_fen)
        if cost.so_far_fen > 0:  # what the penalty so far adds if it is not waived
            owed = tuple(
                d.base_fen + i.so_far_fen for d, i in zip(facts.debts, cost.items, strict=True)
            )
            months_not_waived = _months_at(_by_lender(owed, groups), money.limit_fen)
    pause_months = token = target = None
    if kind is Recommendation.PAUSE:
        hardship = facts.hardship
        known = hardship.temporary and hardship.months
        pause_months = hardship.months if known else REVIEW_MONTHS
        token = money.limit_fen or None
        if money.other_debts_over_ratio and money.surplus_fen > 0 and monthly_for_max:
            room = money.ratio_cap_fen + money.other_debts_fen - monthly_for_max
            fits = monthly_for_max <= money.offer_fen
            target = room - room % FEN_PER_YUAN if fits and room > 0 else None

    long_overdue = any(debt_days_overdue(d, today) > LONG_OVERDUE_DAYS for d in facts.debts)
    monthly = schedule.max_period_fen if schedule is not None else 0
    if kind is Recommendation.LONG_INSTALLMENTS:
        monthly = money.limit_fen
    return Plan(
        today=today,
        max_periods=max_periods,
        money=money,
        kind=kind,
        schedule=schedule,
        not_waived=not_waived,
        lenders=_lender_plans(facts, lenders, cost, money.limit_fen, schedule, not_waived),
        cost=cost,
        base_fen=facts.base_fen,
        whole_known=tuple(d.whole_known for d in facts.debts),
        months_needed=months_needed,
        months_not_waived=months_not_waived,
        monthly_for_max_fen=monthly_for_max,
        pause_months=pause_months,
        token_fen=token,
        other_debts_target_fen=target,
        long_overdue=long_overdue,
        help=_help(facts, money, kind, long_overdue),
        debt_ratio_pct=percent_of(monthly + facts.budget.other_debts_fen, facts.budget.income_fen),
    )
