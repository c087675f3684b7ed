"""The repayment plan as a few short messages for a phone (Telegram HTML).

1. what to do (plan_options); 2. the month's money behind that amount, and any warning;
3. what the plan covers; 4. what waiting costs (plan_costs); 5. where to find free help,
and what every option is: something to ASK for, never a promised outcome.
"""

from __future__ import annotations

from bot.domain.models import CaseFacts
from bot.domain.plan import Plan, Recommendation
from bot.texts.zh import plan as t
from bot.views.fmt import yuan
from bot.views.plan_costs import cost_messages, what_it_covers
from bot.views.plan_labels import debt_labels, lender_labels, lender_names
from bot.views.plan_options import installments, long_installments, part_now, pause, pay_now

# the names of debts and lenders are shown outside the plan too (scripts, buttons)
__all__ = ["debt_labels", "lender_labels", "render_plan"]


def _budget(facts: CaseFacts, plan: Plan) -> str:
    b = facts.budget
    money = plan.money
    lines = [
        t.BUDGET_TITLE,
        t.BUDGET_FIGURES.format(
            income=yuan(b.income_fen),
            essentials=yuan(b.essentials_fen),
            other=yuan(b.other_debts_fen),
        ),
    ]
    surplus = yuan(money.surplus_fen)
    limit = yuan(money.limit_fen)
    if money.surplus_fen <= 0:
        short_by = yuan(-money.surplus_fen)
        short = t.BUDGET_SHORT_BY.format(amount=short_by) if money.surplus_fen < 0 else ""
        lines.append(t.BUDGET_NO_SURPLUS.format(short=short))
    elif money.other_debts_over_ratio:
        lines.append(t.BUDGET_OVER_RATIO.format(surplus=surplus))
    elif money.capped_by_ratio:
        lines.append(t.BUDGET_CAPPED.format(surplus=surplus, limit=limit))
    elif money.limit_fen > 0:
        kept = yuan(money.surplus_fen - money.limit_fen)
        lines.append(t.BUDGET_KEPT.format(surplus=surplus, kept=kept, limit=limit))
    if money.low_essentials:
        lines.append(t.BUDGET_LOW_ESSENTIALS.format(pct=money.essentials_pct))
    if money.thin_surplus:
        lines.append(t.BUDGET_THIN_SURPLUS)
    return "\n".join(lines)


def _help_and_safety(plan: Plan) -> str:
    quick = plan.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW)
    asks = t.SAFETY_ASKS_WAIVER if quick else t.SAFETY_ASKS_ALL
    safety = t.SAFETY.format(asks=asks, lender=lender_names(plan))
    return "\n".join([t.HELP_TITLE, *(t.HELP_LINES[h] for h in plan.help)]) + "\n\n" + safety


def render_plan(facts: CaseFacts, plan: Plan) -> tuple[str, ...]:
    """The plan as short messages: what to do, what it covers, the money and help."""
    payday = facts.budget.payday if facts.budget.income_fen > 0 else None
    if plan.kind is Recommendation.PAY_NOW:
        first = pay_now(facts, plan, payday)
    elif plan.kind is Recommendation.PART_NOW:
        first = part_now(facts, plan, payday)
    elif plan.kind is Recommendation.INSTALLMENTS:
        first = installments(facts, plan, payday)
    elif plan.kind is Recommendation.LONG_INSTALLMENTS:
        first = long_installments(plan)
    else:
        first = pause(plan)
    return (
        first,
        _budget(facts, plan),
        what_it_covers(facts, plan),
        *cost_messages(facts, plan),
        _help_and_safety(plan),
    )
