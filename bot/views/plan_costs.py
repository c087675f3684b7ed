"""What the plan counts and what waiting costs: its coverage, the penalty if not waived, and
each penalty estimate with its formula and the rule behind it."""

from __future__ import annotations

from bot.domain.models import CaseFacts, Product
from bot.domain.money import format_fen
from bot.domain.penalty import PenaltyEstimate
from bot.domain.plan import CostOfWaiting, Plan, Recommendation
from bot.domain.rates import format_rate
from bot.texts.zh import plan as t
from bot.texts.zh.names import DEBT_NAMES
from bot.views.fmt import about_yuan, listing, yuan
from bot.views.plan_labels import debt_labels

_QUICK = (Recommendation.PAY_NOW, Recommendation.PART_NOW)


def _coverage(facts: CaseFacts, plan: Plan) -> str:
    if plan.covers_whole_debt:
        return t.COVERS_WHOLE.format(base=yuan(plan.base_fen))
    if any(plan.whole_known):
        pairs = list(zip(debt_labels(facts), plan.whole_known, strict=True))
        known = listing(label for label, k in pairs if k)
        rest = listing(label for label, k in pairs if not k)
        return t.COVERS_MIXED.format(known=known, rest=rest, base=yuan(plan.base_fen))
    if plan.kind in _QUICK:
        return t.COVERS_OVERDUE_QUICK
    return t.COVERS_OVERDUE.format(base=yuan(plan.base_fen))


def _not_waived(plan: Plan) -> str:
    cost = plan.cost
    together = (
        t.WAIVER_WITH_PAUSE if plan.kind is Recommendation.PAUSE else t.WAIVER_WITH_INSTALLMENTS
    )
    if cost.so_far_fen <= 0:
        return t.WAIVER_IF_ANY.format(together=together)
    lines = [t.WAIVER_ASK.format(together=together)]
    if plan.kind is Recommendation.INSTALLMENTS:
        total = about_yuan(plan.base_fen + cost.so_far_fen)
        nw = plan.not_waived
        condition = t.NOT_WAIVED_IF_UNCOUNTED if any(plan.whole_known) else t.NOT_WAIVED_IF
        if nw is not None:
            lines.append(
                t.NOT_WAIVED_PERIODS.format(
                    condition=condition,
                    total=total,
                    monthly=yuan(nw.regular_total_fen),
                    periods=nw.periods,
                )
            )
        else:
            lines.append(
                t.NOT_WAIVED_TOO_LONG.format(
                    condition=condition, total=total, periods=plan.max_periods
                )
            )
    return "\n".join(lines)


def what_it_covers(facts: CaseFacts, plan: Plan) -> str:
    lines = [t.COVERS_TITLE, _coverage(facts, plan)]
    if plan.kind not in _QUICK:
        lines += ["", t.WAIVER_TITLE, _not_waived(plan)]
    return "\n".join(lines)


def _formula(p: PenaltyEstimate, label: str) -> str:
    return t.COST_FORMULA.format(
        label=label,
        amount=format_fen(p.amount_fen),
        rate=format_rate(p.rate_ppm),
        days=p.days,
        so_far=yuan(p.so_far_fen),
        estimated=t.ESTIMATED if p.estimated else "",
    )


def _estimate_basis(cost: CostOfWaiting) -> str:
    """Name the rule behind each estimate, so no guessed rate reads as a fact."""
    parts = []
    seen: set[Product] = set()
    for item in cost.items:
        if not item.estimated or item.product in seen:
            continue
        seen.add(item.product)
        if item.loan_rate_ppm is not None:
            parts.append(t.BASIS_LOAN_RATE.format(rate=format_rate(item.loan_rate_ppm)))
        elif item.product is Product.HUABEI:
            parts.append(t.BASIS_HUABEI)
        elif item.product is Product.CREDIT_CARD:
            parts.append(t.BASIS_CREDIT_CARD)
        else:
            parts.append(t.BASIS_OTHER.format(debt=DEBT_NAMES[item.product]))
    return t.BASIS.format(parts=t.BASIS_SEPARATOR.join(parts))


def _cost(facts: CaseFacts, plan: Plan) -> str:
    cost = plan.cost
    labels = debt_labels(facts)
    lines = [t.COST_TITLE]
    lines += [_formula(i, label) for i, label in zip(cost.items, labels, strict=True)]
    if len(cost.items) > 1:
        lines.append(t.COST_TOTAL.format(amount=yuan(cost.so_far_fen)))
    lines.append(t.COST_PER_30_DAYS.format(amount=yuan(cost.per_30_days_fen)))
    lines.append(_estimate_basis(cost) if cost.estimated else t.SEE_THE_BILL)
    return "\n".join(lines)


def cost_messages(facts: CaseFacts, plan: Plan) -> tuple[str, ...]:
    """The cost of waiting; with more than two debts its basis goes in a message of its own."""
    text = _cost(facts, plan)
    if len(plan.cost.items) <= 2 or not plan.cost.estimated:
        return (text,)
    head, basis = text.rsplit("\n", 1)
    return (head, basis)
