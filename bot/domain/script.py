"""The call script as structured data: the user's own numbers, section by section.

Only values live here; ``bot.texts.zh.script`` turns them into words. Keeping the two
apart lets tests check the numbers without parsing Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.checklist import Material, materials_for
from bot.domain.models import CaseFacts, HardshipReason, Product
from bot.domain.penalty import debt_days_overdue
from bot.domain.plan import InfeasibleKind, Plan


@dataclass(frozen=True, slots=True)
class DebtLine:
    """One debt as the person states it on the call."""

    product: Product
    amount_fen: int
    days_overdue: int


@dataclass(frozen=True, slots=True)
class ReasonSection:
    """Why they fell behind, in the person's terms; ``note`` is their own words (unescaped)."""

    reason: HardshipReason
    temporary: bool
    months: int | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Proposal:
    """What to ask for, taken from the plan.

    With a schedule: ``monthly_fen`` x ``periods`` from ``first_due`` (``last_fen`` is the
    last month when it differs), optionally after a pause of ``pause_months``. Without one:
    ``infeasible`` says why, ``good_faith_fen`` is what they can still pay (or None), and
    ``request_pause`` asks to hold off. ``waiver_fen`` is always a request.
    ``max_monthly_fen`` is the most they can pay a month (None when nothing is left), so
    the script can say where to stop if installments come with fees. ``shares`` is each
    debt's usual monthly installment, so each lender hears its own part.
    """

    monthly_fen: int | None
    last_fen: int | None
    periods: int | None
    first_due: date | None
    pause_months: int | None
    pause_first_due: date | None
    infeasible: InfeasibleKind | None
    good_faith_fen: int | None
    request_pause: bool
    waiver_fen: int
    waiver_estimated: bool
    max_monthly_fen: int | None
    shares: tuple[tuple[Product, int], ...]


@dataclass(frozen=True, slots=True)
class CallScript:
    """Every section's data; the texts add the fixed advice (opening, refusals, closing)."""

    today: date
    products: tuple[Product, ...]
    materials: tuple[Material, ...]
    debts: tuple[DebtLine, ...]
    total_fen: int
    reason: ReasonSection
    proposal: Proposal
    has_credit_card: bool


def _proposal(facts: CaseFacts, plan: Plan) -> Proposal:
    sched = plan.installments
    pause = plan.pause
    infeasible = plan.infeasible
    # A temporary hardship with a known length: ask for that long a pause even when no
    # schedule fits, since the budget may look different afterwards.
    hardship = facts.hardship
    months = hardship.months if hardship.temporary and hardship.months else None
    last = None
    if sched is not None and sched.last_total_fen != sched.regular_total_fen:
        last = sched.last_total_fen
    return Proposal(
        monthly_fen=sched.regular_total_fen if sched else None,
        last_fen=last,
        periods=sched.periods if sched else None,
        first_due=sched.first_due if sched else None,
        pause_months=pause.months if pause else (months if infeasible else None),
        pause_first_due=pause.schedule.first_due if pause else None,
        infeasible=infeasible.kind if infeasible else None,
        good_faith_fen=infeasible.good_faith_fen if infeasible else None,
        request_pause=bool(infeasible and infeasible.request_pause),
        waiver_fen=plan.waiver.penalty_fen,
        waiver_estimated=plan.waiver.estimated,
        max_monthly_fen=plan.offer_fen if plan.offer_fen > 0 else None,
        shares=tuple((d.product, d.regular_fen) for d in sched.debts) if sched else (),
    )


def build_call_script(facts: CaseFacts, plan: Plan, today: date) -> CallScript:
    """The script for ``facts`` and the ``plan`` built from them."""
    products = tuple(dict.fromkeys(d.product for d in facts.debts))
    hardship = facts.hardship
    return CallScript(
        today=today,
        products=products,
        materials=materials_for(hardship.reason),
        debts=tuple(
            DebtLine(d.product, d.amount_fen, debt_days_overdue(d, today)) for d in facts.debts
        ),
        total_fen=facts.total_fen,
        reason=ReasonSection(
            reason=hardship.reason,
            temporary=hardship.temporary,
            months=hardship.months,
            note=hardship.note,
        ),
        proposal=_proposal(facts, plan),
        has_credit_card=Product.CREDIT_CARD in products,
    )
