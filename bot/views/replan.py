"""The new proposal when a deal slips, as one short message (a phone screen).

What is left, what the month can carry now, the ask (one per lender, from the same
adviser's rules as the first plan), by when to call, and that the lender decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.domain.lenders import LenderKind
from bot.domain.plan import REVIEW_MONTHS, Recommendation
from bot.domain.replan import LenderPart, Replan, lender_parts
from bot.texts.zh import replan as t
from bot.texts.zh.lenders import CHANNELS, HOTLINES, LENDER_NAMES
from bot.views.fmt import month_day, yuan


def own_installments(proposal: Replan, part: LenderPart) -> tuple[tuple[date, int], ...]:
    """(due date, amount) of this lender's new installments; a lender cleared early has
    nothing due afterwards. Empty when the proposal has no schedule."""
    schedule = proposal.plan.schedule
    amounts = part.plan.installments
    if schedule is None or amounts is None:
        return ()
    return tuple((d, a) for d, a in zip(schedule.due_dates, amounts, strict=True) if a > 0)


def lender_words(kinds: Sequence[LenderKind]) -> str:
    """Whom to call: the hotline of one lender, else the lenders' names, each once."""
    unique = list(dict.fromkeys(kinds))
    if len(unique) == 1:
        return HOTLINES[unique[0]]
    names = [LENDER_NAMES[k] for k in unique]
    return t.LENDERS_SEP.join(names[:-1]) + t.LENDERS_LAST_SEP + names[-1]


def lender_names(kinds: Sequence[LenderKind]) -> str:
    """Who decides: ``支付宝``, or ``支付宝和网商银行``."""
    names = list(dict.fromkeys(LENDER_NAMES[k] for k in kinds))
    if len(names) == 1:
        return names[0]
    return t.LENDERS_SEP.join(names[:-1]) + t.LENDERS_LAST_SEP + names[-1]


def _ask(proposal: Replan, parts: Sequence[LenderPart]) -> str:
    plan = proposal.plan
    first = parts[0].lender.kind
    if plan.kind is Recommendation.PAY_NOW:
        # several lenders: each is paid where it is paid, always an official channel
        kinds = {p.lender.kind for p in parts}
        return t.ASK_PAY_NOW.format(
            channel=CHANNELS[first if len(kinds) == 1 else LenderKind.OTHER]
        )
    if plan.kind is Recommendation.PAUSE:
        months = plan.pause_months or REVIEW_MONTHS
        if plan.token_fen:  # a little each month is still possible: never "nothing"
            ask = t.ASK_TOKEN.format(amount=yuan(plan.token_fen), months=months)
        else:
            ask = t.ASK_PAUSE.format(months=months)
        return ask + t.PAUSE_COST
    if len(parts) == 1:
        own = own_installments(proposal, parts[0])
        if own and own[-1][1] != own[0][1]:
            return t.ASK_INSTALLMENTS_LAST.format(
                amount=yuan(own[0][1]), periods=len(own), last=yuan(own[-1][1])
            )
        if own:
            return t.ASK_INSTALLMENTS.format(amount=yuan(own[0][1]), periods=len(own))
        return t.ASK_AT_MOST.format(amount=yuan(plan.money.limit_fen))
    asks = []
    for part in parts:
        name = LENDER_NAMES[part.lender.kind]
        own = own_installments(proposal, part)
        if own:
            asks.append(
                t.ASK_EACH_INSTALLMENTS.format(
                    lender=name, amount=yuan(own[0][1]), periods=len(own)
                )
            )
        else:
            asks.append(
                t.ASK_EACH_AT_MOST.format(lender=name, amount=yuan(part.plan.share_limit_fen))
            )
    return t.ASK_EACH.format(asks=t.ASK_EACH_SEP.join(asks))


def _call(proposal: Replan, kinds: Sequence[LenderKind]) -> str:
    whom = lender_words(kinds)
    if proposal.call_before is None:
        return t.CALL_NOW.format(lender=whom)
    if proposal.call_before == proposal.plan.today:  # "before the due date" is today
        return t.CALL_TODAY.format(lender=whom)
    return t.CALL_BEFORE.format(date=month_day(proposal.call_before), lender=whom)


def render_proposal(proposal: Replan) -> str:
    """The proposal in one message of at most about 300 characters."""
    plan = proposal.plan
    parts = lender_parts(proposal)
    kinds = [p.lender.kind for p in parts]
    first = kinds[0]
    left, monthly = yuan(proposal.left_fen), yuan(proposal.monthly_fen)
    if plan.money.limit_fen > 0:
        lines = [
            t.TITLE,
            t.LEFT.format(left=left, monthly=monthly, limit=yuan(plan.money.limit_fen)),
        ]
    else:
        lines = [t.TITLE, t.LEFT_NOTHING_SPARE.format(left=left, monthly=monthly)]
    decides = t.DECIDES.format(lender=lender_names(kinds))
    if proposal.still_fits:
        lines += [
            t.STILL_FITS.format(monthly=monthly),
            t.SHORT_THIS_MONTH + _call(proposal, kinds),
            t.INCOME_CHANGED,
            decides,
        ]
        return "\n".join(lines)
    lines.append(_ask(proposal, parts))
    if plan.kind is Recommendation.PAY_NOW:
        return "\n".join(lines)
    # several lenders: each is paid where it is paid, always an official channel
    channel = CHANNELS[first] if len(set(kinds)) == 1 else CHANNELS[LenderKind.OTHER]
    lines += [_call(proposal, kinds), t.KEEP_PAYING.format(channel=channel), decides]
    return "\n".join(lines)
