"""The short script for calling about the new proposal, before the next due date.

Per lender two phone-sized messages: how to reach a person, the opening ("我之前和你们协商过
分期…"), the reason in one line; then the new ask with this lender's own numbers, "the most
I can without borrowing", whether a changed plan costs more, and the close (工号, the plan in
writing). Spoken lines are short and have no parentheses; the lender decides.
"""

from __future__ import annotations

from bot.domain.lenders import LenderKind
from bot.domain.models import Product
from bot.domain.plan import REVIEW_MONTHS, Recommendation
from bot.domain.replan import LenderPart, Replan, lender_parts
from bot.texts.zh import replan as t
from bot.texts.zh.lenders import CHANNELS, DIAL, LENDER_NAMES
from bot.texts.zh.names import PRODUCT_NAMES
from bot.texts.zh.speech import PENALTY_WORD
from bot.views.fmt import month_day, yuan
from bot.views.replan import lender_names, own_installments
from bot.views.speech import say


def _names(products: list[Product]) -> str:
    named = list(dict.fromkeys(PRODUCT_NAMES[p] for p in products if p is not Product.OTHER))
    if not named:
        return t.DEBT_UNNAMED
    if len(named) == 1:
        return named[0]
    return t.LENDERS_SEP.join(named[:-1]) + t.LENDERS_LAST_SEP + named[-1]


def _title(part: LenderPart, number: int, count: int) -> str:
    label = _names([d.product for d in part.deals])
    if count > 1:
        label += t.SCRIPT_NUMBER.format(number=number, count=count)
    if part.lender.kind is LenderKind.ANT:
        return t.SCRIPT_ANT_TITLE.format(label=label)
    return t.SCRIPT_LENDER_TITLE.format(label=label, lender=LENDER_NAMES[part.lender.kind])


def _dial(part: LenderPart) -> str:
    menu = [
        PRODUCT_NAMES[d.product]
        for d in part.deals
        if d.product in (Product.HUABEI, Product.JIEBEI)
    ]
    return DIAL[part.lender.kind].format(services="/".join(dict.fromkeys(menu)) or t.DEFAULT_MENU)


def _asks(proposal: Replan, part: LenderPart) -> list[str]:
    """What to ask this lender for, said in its own numbers."""
    plan = proposal.plan
    if proposal.still_fits:
        ask = t.ASK_CATCH_UP_SAID if proposal.late else t.ASK_DELAY_SAID
        return [ask.format(amount=yuan(part.next_missing_fen))]
    if plan.kind is Recommendation.PAUSE:
        months = plan.pause_months or REVIEW_MONTHS
        if plan.token_fen:  # a little each month, the rest paused: said as it is
            return [
                t.ASK_TOKEN_SAID.format(amount=yuan(part.plan.share_limit_fen or plan.token_fen)),
                t.ASK_PAUSE_SAID.format(months=months),
            ]
        return [t.ASK_PAUSE_SAID.format(months=months), t.NOTHING_SPARE_SAID]
    own = own_installments(proposal, part)
    if not own:  # long installments: the most this lender's share of the month allows
        return [t.ASK_AT_MOST_SAID.format(amount=yuan(part.plan.share_limit_fen)), t.MOST_SAID]
    if len(own) == 1:
        (day, amount), *_ = own
        return [t.ASK_ONCE_SAID.format(date=month_day(day), amount=yuan(amount)), t.MOST_SAID]
    said = [t.ASK_NEW_SAID.format(amount=yuan(own[0][1]), periods=len(own))]
    if own[-1][1] != own[0][1]:
        said.append(t.ASK_LAST_SAID.format(amount=yuan(own[-1][1])))
    said += [t.ASK_FIRST_SAID.format(date=month_day(own[0][0])), t.MOST_SAID]
    return said


def _opening(proposal: Replan, part: LenderPart) -> str:
    """True to where this deal stands: kept so far, paid in part, late, or not begun."""
    if proposal.late:
        return t.OPENING_LATE
    if 0 < part.next_missing_fen < sum(d.monthly_fen for d in part.deals if d.next_due):
        return t.OPENING_PART
    return t.OPENING_KEPT if part.paid_fen > 0 else t.OPENING_AGREED


def _lender_script(proposal: Replan, part: LenderPart, number: int, count: int) -> tuple[str, str]:
    kind = part.lender.kind
    if proposal.call_before is None:
        when = t.SCRIPT_WHEN_LATE
    elif proposal.call_before == proposal.plan.today:
        when = t.SCRIPT_WHEN_TODAY
    else:
        when = t.SCRIPT_WHEN.format(date=month_day(proposal.call_before))
    opening = _opening(proposal, part)
    left = t.LEFT_SAID.format(
        debt=_names([d.product for d in part.deals]), left=yuan(part.left_fen)
    )
    if proposal.late:
        reason = t.REASON_LATE.format(missing=yuan(part.next_missing_fen))
    elif proposal.still_fits:
        reason = t.REASON_THIS_MONTH
    else:
        reason = t.REASON_CHANGED.format(monthly=yuan(part.monthly_fen))
    in_writing = t.IN_WRITING_BANK_SAID if kind is LenderKind.CARD_BANK else t.IN_WRITING_SAID
    first = "\n".join(
        [
            _title(part, number, count),
            when,
            _dial(part),
            "",
            t.STEP_OPENING,
            *say(opening, t.CHECK_SAID, left),
            t.STEP_REASON,
            *say(reason),
        ]
    )
    second = "\n".join(
        [
            t.STEP_ASK,
            *say(*_asks(proposal, part), t.PENALTY_SAID),
            t.STEP_CLOSING,
            *say(t.STAFF_ID_SAID, in_writing, t.THANKS_SAID),
            "",
            t.SCRIPT_DECIDES.format(lender=LENDER_NAMES[kind]),
            t.SCRIPT_RECORD,
        ]
    )
    return first, second


def render_replan_script(proposal: Replan) -> tuple[str, ...]:
    """Two short messages per lender, in the order of the plan's lenders."""
    parts = lender_parts(proposal)
    if proposal.plan.kind is Recommendation.PAY_NOW and not proposal.still_fits:
        kinds = [p.lender.kind for p in parts]
        # several lenders: each is paid where it is paid, and asked about its own penalty
        one = kinds[0] if len(set(kinds)) == 1 else LenderKind.OTHER
        return (
            t.SCRIPT_PAY_NOW.format(
                channel=CHANNELS[one],
                penalty=PENALTY_WORD[one],
                lender=lender_names(kinds),
            ),
        )
    messages: list[str] = []
    for number, part in enumerate(parts, start=1):
        messages.extend(_lender_script(proposal, part, number, len(parts)))
    return tuple(messages)
