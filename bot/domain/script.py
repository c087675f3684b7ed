"""One call script per lender, as structured data: the user's own numbers, nothing else.

Only values live here; ``bot.views.script`` turns them into words. Each lender hears
only its own debts and its own share of the offer, and the fallback answers ("only 12
periods", "pay part first", "no waiver") are worked out from the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.affordability import Affordability
from bot.domain.checklist import Material, materials_for
from bot.domain.lenders import Lender, LenderKind
from bot.domain.models import FEN_PER_YUAN, CaseFacts, HardshipReason, Product
from bot.domain.penalty import debt_days_overdue
from bot.domain.plan import LONGER_INSTALLMENTS_MONTHS, LenderPlan, Plan, Recommendation
from bot.domain.schedule import fit_periods, largest_period

# The answer agents give most often (domain.md: 12–36 periods are often reported).
COMMON_AGENT_PERIODS = 12
# 第70条: a bank's 个性化分期 lasts at most 5 years.
CARD_MAX_PERIODS = LONGER_INSTALLMENTS_MONTHS


@dataclass(frozen=True, slots=True)
class DebtLine:
    """One debt as the person states it on the call."""

    product: Product
    overdue_fen: int
    days_overdue: int
    total_due_fen: int | None


@dataclass(frozen=True, slots=True)
class ReasonSection:
    """Why they fell behind, in the person's terms; ``note`` is their own words (unescaped)."""

    reason: HardshipReason
    temporary: bool
    months: int | None
    note: str | None
    no_income: bool


@dataclass(frozen=True, slots=True)
class Ask:
    """What this lender is asked for.

    ``amounts``/``due_dates`` are the lender's payments under PAY_NOW, PART_NOW and
    INSTALLMENTS. LONG_INSTALLMENTS asks for ``monthly_fen`` for about ``periods``
    months; PAUSE asks for ``pause_months``, with ``token_fen`` a month in good faith when
    a little still fits.
    """

    kind: Recommendation
    amounts: tuple[int, ...]
    due_dates: tuple[date, ...]
    monthly_fen: int | None
    periods: int | None
    pause_months: int | None
    payday: int | None
    token_fen: int | None = None

    @property
    def last_fen(self) -> int | None:
        """The last installment when it differs from the first (else None)."""
        if len(self.amounts) > 1 and self.amounts[-1] != self.amounts[0]:
            return self.amounts[-1]
        return None

    @property
    def first_due(self) -> date | None:
        return self.due_dates[0] if self.due_dates else None


@dataclass(frozen=True, slots=True)
class Fallbacks:
    """Answers prepared for the agent's common replies, from the user's numbers.

    ``twelve_monthly_fen``: what 12 periods would cost this lender a month, set only when
    the ask is longer than 12. ``part_now_fen``: the most that can be paid now without
    borrowing or touching living money. ``not_waived_*``: what the installments become if
    the penalty is added to them at this lender's own share (periods None when they would
    not finish). ``five_years_monthly_fen``: for a bank card asked for more than 60 periods,
    what 60 (第70条's longest) would cost a month.
    """

    twelve_monthly_fen: int | None
    part_now_fen: int
    not_waived_total_fen: int | None
    not_waived_periods: int | None
    not_waived_monthly_fen: int | None
    five_years_monthly_fen: int | None = None


@dataclass(frozen=True, slots=True)
class LenderScript:
    """Everything one lender's script says; the texts add the fixed words."""

    today: date
    lender: Lender
    debts: tuple[DebtLine, ...]
    base_fen: int
    overdue_fen: int
    whole_known: bool
    penalty_fen: int
    penalty_estimated: bool
    per_30_days_fen: int
    share_limit_fen: int
    ask: Ask
    fallbacks: Fallbacks
    other_lenders: bool
    reason: ReasonSection
    long_overdue: bool
    max_periods: int
    money: Affordability

    @property
    def products(self) -> tuple[Product, ...]:
        return tuple(dict.fromkeys(d.product for d in self.debts))

    @property
    def is_card(self) -> bool:
        return self.lender.kind is LenderKind.CARD_BANK


@dataclass(frozen=True, slots=True)
class CallScripts:
    """The scripts, one per lender, and the papers to have ready."""

    scripts: tuple[LenderScript, ...]
    materials: tuple[Material, ...]


def _ask(plan: Plan, part: LenderPlan, payday: int | None) -> Ask:
    kind = plan.kind
    if part.installments is not None and plan.schedule is not None:
        # a small lender may finish before the others: its ask ends with its last payment
        due = [
            (d, a) for d, a in zip(plan.schedule.due_dates, part.installments, strict=True) if a > 0
        ]
        return Ask(
            kind=kind,
            amounts=tuple(a for _, a in due),
            due_dates=tuple(d for d, _ in due),
            monthly_fen=due[0][1],
            periods=len(due),
            pause_months=None,
            payday=payday,
        )
    if kind is Recommendation.LONG_INSTALLMENTS:
        return Ask(kind, (), (), part.share_limit_fen, _own_months(part), None, payday)
    token = part.share_limit_fen if plan.token_fen else None
    return Ask(kind, (), (), None, None, plan.pause_months, payday, token)


def _own_months(part: LenderPlan) -> int | None:
    """The months this lender's share of the limit takes to pay what it is owed."""
    share = part.share_limit_fen
    return -(-part.base_fen // share) if share > 0 else None


def _fallbacks(plan: Plan, part: LenderPlan) -> Fallbacks:
    ask_periods = sum(1 for a in part.installments if a > 0) if part.installments else None
    longer_than_twelve = plan.kind is Recommendation.LONG_INSTALLMENTS or (
        plan.kind is Recommendation.INSTALLMENTS
        and ask_periods is not None
        and ask_periods > COMMON_AGENT_PERIODS
    )
    # what the agent's offer would cost: the debt over those periods, to the yuan
    twelve = (
        largest_period((part.base_fen,), COMMON_AGENT_PERIODS, FEN_PER_YUAN)
        if longer_than_twelve
        else None
    )
    total = periods = monthly = None
    if plan.kind is Recommendation.INSTALLMENTS:
        # against this lender's own share, so it never reads as more than its most
        total = part.base_fen + part.penalty_fen
        share = part.share_limit_fen
        fit = fit_periods((total,), share, plan.max_periods)
        periods = fit[0] if fit else None
        monthly = largest_period((total,), fit[0], fit[1]) if fit else None
    five_years = None
    card = part.lender.kind is LenderKind.CARD_BANK
    # within 5 years of its own share, the bank can be asked as is
    own_months = _own_months(part)
    long_ask = (
        plan.kind is Recommendation.LONG_INSTALLMENTS
        and (own_months is None or own_months > CARD_MAX_PERIODS)
    ) or (ask_periods is not None and ask_periods > CARD_MAX_PERIODS)
    if card and long_ask:
        five_years = largest_period((part.base_fen,), CARD_MAX_PERIODS, FEN_PER_YUAN)
    return Fallbacks(
        twelve_monthly_fen=twelve,
        part_now_fen=part.share_limit_fen,
        not_waived_total_fen=total,
        not_waived_periods=periods,
        not_waived_monthly_fen=monthly,
        five_years_monthly_fen=five_years,
    )


def build_call_scripts(facts: CaseFacts, plan: Plan, today: date) -> CallScripts:
    """One script per lender in ``plan``, in the order the debts were entered."""
    hardship = facts.hardship
    reason = ReasonSection(
        reason=hardship.reason,
        temporary=hardship.temporary,
        months=hardship.months,
        note=hardship.note,
        no_income=facts.budget.income_fen == 0,
    )
    payday = facts.budget.payday if facts.budget.income_fen > 0 else None
    scripts = []
    for part in plan.lenders:
        debts = tuple(facts.debts[i] for i in part.lender.debt_indices)
        items = tuple(plan.cost.items[i] for i in part.lender.debt_indices)
        scripts.append(
            LenderScript(
                today=today,
                lender=part.lender,
                debts=tuple(
                    DebtLine(d.product, d.amount_fen, debt_days_overdue(d, today), d.total_due_fen)
                    for d in debts
                ),
                base_fen=part.base_fen,
                overdue_fen=part.overdue_fen,
                whole_known=all(d.whole_known for d in debts),
                penalty_fen=part.penalty_fen,
                penalty_estimated=any(i.estimated for i in items),
                per_30_days_fen=part.per_30_days_fen,
                share_limit_fen=part.share_limit_fen,
                ask=_ask(plan, part, payday),
                fallbacks=_fallbacks(plan, part),
                other_lenders=len(plan.lenders) > 1,
                reason=reason,
                long_overdue=plan.long_overdue,
                max_periods=plan.max_periods,
                money=plan.money,
            )
        )
    return CallScripts(
        scripts=tuple(scripts),
        materials=materials_for(hardship.reason, no_income=reason.no_income),
    )
