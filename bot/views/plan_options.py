"""The plan's first message: the option a debt adviser would lead with, its amounts and dates.

Pay now, part now, installments, long installments or a pause, in that order (domain.plan
chooses); every option is something to ask for, never a promised outcome.
"""

from __future__ import annotations

from bot.domain.affordability import percent_of
from bot.domain.models import CaseFacts
from bot.domain.plan import Plan, Recommendation
from bot.texts.zh import plan as t
from bot.texts.zh.lenders import CHANNELS, LENDER_NAMES
from bot.views.fmt import (
    about_yuan,
    cn_date,
    due_rule,
    income_arrives,
    listing,
    month_day,
    months_text,
    yuan,
)
from bot.views.plan_labels import debt_labels, lender_labels, lender_names

# A penalty this small is not worth a call of its own.
SMALL_PENALTY_FEN = 1_000


def _first_due(facts: CaseFacts, plan: Plan, payday: int | None) -> str:
    assert plan.schedule is not None
    first = plan.schedule.first_due
    arrives = income_arrives(facts.hardship.reason)
    after = t.FIRST_DUE_AFTER_INCOME.format(arrives=arrives) if payday else ""
    rule = due_rule(plan.schedule.due_dates, payday)
    return t.FIRST_DUE.format(first=cn_date(first), rule=rule, after=after)


def _small_first(facts: CaseFacts, plan: Plan) -> list[str]:
    """A small debt cleared in the first payment, said plainly."""
    assert plan.schedule is not None
    labels = debt_labels(facts)
    # within one lender: separate lenders paid at once are listed with their own line
    shared = {
        i
        for part in plan.lenders
        if len(part.lender.debt_indices) > 1
        for i in part.lender.debt_indices
    }
    cleared = [
        t.SMALL_FIRST_ITEM.format(label=labels[i], amount=yuan(d.installments[0]))
        for i, d in enumerate(plan.schedule.debts)
        if i in shared and d.periods_paying == 1 and plan.schedule.periods > 1
    ]
    return [t.SMALL_FIRST.format(cleared=listing(cleared))] if cleared else []


def _per_lender(facts: CaseFacts, plan: Plan, amount_of: str) -> list[str]:
    """One line per lender; ``amount_of`` says what the amount is (t.LENDER_AMOUNT_*)."""
    labels = lender_labels(facts, [p.lender for p in plan.lenders])
    lines = []
    for part in plan.lenders:
        fen = part.installments[0] if part.installments else part.share_limit_fen
        whom = t.LENDER_WHOM.format(
            label=labels[part.lender], lender=LENDER_NAMES[part.lender.kind]
        )
        line = t.LENDER_LINE.format(whom=whom, amount_of=amount_of, amount=yuan(fen))
        paying = sum(1 for x in part.installments or () if x > 0)
        if plan.kind is Recommendation.INSTALLMENTS and paying == 1:
            line = t.LENDER_LINE_ONE_GO.format(whom=whom, amount=yuan(fen))
        elif plan.kind is Recommendation.INSTALLMENTS and 0 < paying < len(part.installments or ()):
            # a small lender finishes before the others
            line += t.LENDER_PAID_WITHIN.format(periods=paying)
        lines.append(line)
    return lines


def pay_now(facts: CaseFacts, plan: Plan, payday: int | None) -> str:
    assert plan.schedule is not None
    due = month_day(plan.schedule.first_due)
    arrives = income_arrives(facts.hardship.reason)
    latest = (
        t.PAY_NOW_LATEST_AFTER_INCOME.format(due=due, arrives=arrives)
        if payday
        else t.PAY_NOW_LATEST.format(due=due)
    )
    lines = [t.PAY_NOW_TITLE, t.PAY_NOW_WHY]
    if len(plan.lenders) == 1:
        channel = CHANNELS[plan.lenders[0].lender.kind]
        lines.append(t.PAY_NOW_WHERE.format(channel=channel, amount=yuan(plan.schedule.total_fen)))
    else:
        lines += _per_lender(facts, plan, t.LENDER_AMOUNT_PAY_OFF)
    if plan.cost.so_far_fen > 0:
        lines.append(t.PAY_NOW_PENALTY_INCLUDED.format(amount=yuan(plan.cost.so_far_fen)))
    lines.append(t.PAY_NOW_TODAY.format(latest=latest))
    lines.append(t.PAY_NOW_WAITING.format(amount=yuan(plan.cost.per_30_days_fen)))
    if plan.cost.so_far_fen < SMALL_PENALTY_FEN:
        lines.append(t.PAY_NOW_SMALL_PENALTY)
    else:
        lines.append(t.PAY_NOW_ASK_WAIVER)
    return "\n".join(lines)


def part_now(facts: CaseFacts, plan: Plan, payday: int | None) -> str:
    assert plan.schedule is not None
    s = plan.schedule
    arrives = income_arrives(facts.hardship.reason)
    head = (
        t.PART_NOW_HEAD_NEXT_INCOME.format(arrives=arrives)
        if payday and s.periods == 2
        else t.PART_NOW_HEAD_TIMES.format(periods=s.periods)
    )
    lines = [t.PART_NOW_TITLE.format(head=head)]
    lines.append(
        t.PART_NOW_FIRST.format(amount=yuan(s.period_totals[0]), due=month_day(s.first_due))
    )
    for due, fen in zip(s.due_dates[1:-1], s.period_totals[1:-1], strict=True):
        lines.append(t.PART_NOW_LATER.format(due=month_day(due), amount=yuan(fen)))
    last = about_yuan(s.last_total_fen)  # an estimate: the penalty runs on until it is paid
    lines.append(t.PART_NOW_LAST.format(due=month_day(s.last_due), amount=last))
    if plan.cost.so_far_fen > 0:
        lines.append(t.PART_NOW_PENALTY_INCLUDED.format(amount=yuan(plan.cost.so_far_fen)))
    lines.append(t.PART_NOW_PAY_EARLY)
    lines.append(t.PART_NOW_NO_CALL_NEEDED)
    return "\n".join(lines)


def installments(facts: CaseFacts, plan: Plan, payday: int | None) -> str:
    s = plan.schedule
    assert s is not None
    single = len(plan.lenders) == 1
    whom = LENDER_NAMES[plan.lenders[0].lender.kind] if single else t.INSTALLMENTS_EACH_LENDER
    lines = [t.INSTALLMENTS_TITLE.format(whom=whom)]
    if single:
        head = t.INSTALLMENTS_MONTHLY.format(amount=yuan(s.regular_total_fen), periods=s.periods)
        if s.last_total_fen != s.regular_total_fen:
            head += t.INSTALLMENTS_LAST.format(amount=yuan(s.last_total_fen))
        lines.append(head)
    else:
        lines.append(
            t.INSTALLMENTS_SHARED.format(amount=yuan(s.regular_total_fen), periods=s.periods)
        )
        lines += _per_lender(facts, plan, t.LENDER_AMOUNT_MONTHLY)
    lines.append(_first_due(facts, plan, payday))
    lines += _small_first(facts, plan)
    repayments = (
        t.INSTALLMENTS_RATIO_WITH_OTHERS
        if facts.budget.other_debts_fen
        else t.INSTALLMENTS_RATIO_ALONE
    )
    ratio = (
        t.INSTALLMENTS_RATIO.format(repayments=repayments, pct=plan.debt_ratio_pct)
        if plan.debt_ratio_pct
        else ""
    )
    lines.append(t.INSTALLMENTS_WITHIN.format(limit=yuan(plan.limit_fen), ratio=ratio))
    lines.append(t.INSTALLMENTS_PAY_EXTRA)
    return "\n".join(lines)


def long_installments(plan: Plan) -> str:
    assert plan.months_needed is not None and plan.monthly_for_max_fen is not None
    limit = yuan(plan.limit_fen)
    per_30 = plan.cost.per_30_days_fen
    more = t.LONG_PENALTY_OVER_LIMIT if per_30 >= plan.limit_fen else ""
    estimated = t.ESTIMATED if plan.cost.estimated else ""
    title = (
        t.LONG_TITLE_LONGER.format(periods=plan.max_periods)
        if plan.longer_than_usual
        else t.LONG_TITLE
    )
    not_waived = []
    if plan.months_not_waived is not None and plan.months_not_waived != plan.months_needed:
        total = plan.base_fen + plan.cost.so_far_fen
        not_waived.append(
            t.LONG_NOT_WAIVED.format(
                total=yuan(total), limit=limit, months=months_text(plan.months_not_waived)
            )
        )
    return "\n".join(
        [
            title,
            t.LONG_MONTHS.format(
                limit=limit, months=months_text(plan.months_needed), base=yuan(plan.base_fen)
            ),
            t.LONG_FOR_MAX.format(periods=plan.max_periods, monthly=yuan(plan.monthly_for_max_fen)),
            t.LONG_PENALTY.format(amount=yuan(per_30), estimated=estimated, more=more),
            *not_waived,
            t.LONG_ADVICE_TITLE,
            t.LONG_STEP_LEGAL_AID,
            t.LONG_STEP_ASK.format(lender=lender_names(plan), limit=limit),
            t.LONG_STEP_NO_NEW_DEBT,
        ]
    )


def _why_pause(plan: Plan, heavy: bool) -> str:
    """Why no installment fits: no income, other loans too heavy, or nothing left over."""
    money = plan.money
    if money.income_fen == 0:
        return t.PAUSE_NO_INCOME
    if heavy:
        pct = percent_of(money.other_debts_fen, money.income_fen)
        why = t.PAUSE_HEAVY.format(pct=pct)
        if plan.other_debts_target_fen and plan.monthly_for_max_fen:
            why += t.PAUSE_HEAVY_TARGET.format(
                target=yuan(plan.other_debts_target_fen),
                monthly=yuan(plan.monthly_for_max_fen),
                periods=plan.max_periods,
            )
        return why + t.PAUSE_ADJUST
    if money.surplus_fen < 0 and money.other_debts_fen > 0:
        return t.PAUSE_SHORT_WITH_DEBTS.format(amount=yuan(-money.surplus_fen)) + t.PAUSE_ADJUST
    if money.surplus_fen < 0:
        return t.PAUSE_SHORT.format(amount=yuan(-money.surplus_fen))
    if money.surplus_fen == 0:
        return t.PAUSE_NOTHING_LEFT
    return t.PAUSE_TOO_LITTLE.format(amount=yuan(money.surplus_fen))


def pause(plan: Plan) -> str:
    money = plan.money
    heavy = money.other_debts_over_ratio and money.surplus_fen > 0
    ask = [t.PAUSE_ASK_DEFER.format(months=plan.pause_months)]
    if plan.token_fen:
        ask.append(t.PAUSE_ASK_TOKEN.format(amount=yuan(plan.token_fen)))
    ask.append(t.PAUSE_ASK_WAIVER)
    estimated = t.ESTIMATED if plan.cost.estimated else ""
    lines = [
        t.PAUSE_TITLE_HEAVY if heavy else t.PAUSE_TITLE,
        t.PAUSE_WHY.format(why=_why_pause(plan, heavy)),
        *ask,
        t.PAUSE_COST.format(amount=yuan(plan.cost.per_30_days_fen), estimated=estimated),
    ]
    if not plan.token_fen and not heavy:
        lines.append(t.PAUSE_TOKEN_HINT)
    return "\n".join(lines)
