"""The typed version of a call, to paste into the lender's online service chat."""

from __future__ import annotations

from bot.domain.plan import Recommendation
from bot.domain.script import LenderScript
from bot.texts.zh import chat as t
from bot.texts.zh.lenders import CHAT_ENTRY
from bot.texts.zh.speech import BREAKDOWN, CHECK_TOTAL, NOT_REFUSING, PENALTY_WORD, WAIVER
from bot.views.fmt import month_day, yuan
from bot.views.speech import SAYABLE_PERIODS, opening, reason_sentences, short_call


def _ask(s: LenderScript) -> str:
    ask = s.ask
    if ask.kind is Recommendation.PAUSE:
        token = t.PAUSE_TOKEN.format(amount=yuan(ask.token_fen)) if ask.token_fen else ""
        return t.PAUSE.format(months=ask.pause_months, token=token)
    if ask.kind is Recommendation.LONG_INSTALLMENTS:
        sayable = ask.periods and ask.periods <= SAYABLE_PERIODS
        periods = t.LONG_PERIODS.format(periods=ask.periods) if sayable else ""
        return t.LONG.format(amount=yuan(ask.monthly_fen or 0), periods=periods)
    last = t.LAST_PAYMENT.format(amount=yuan(ask.last_fen)) if ask.last_fen is not None else ""
    first = ask.first_due
    assert first is not None
    return t.INSTALLMENTS.format(
        periods=ask.periods, amount=yuan(ask.monthly_fen or 0), last=last, first=month_day(first)
    )


def chat_pieces(s: LenderScript) -> tuple[str, ...]:
    """The same request as the call, as short messages to paste one by one, in order:
    who and why, the total to check, the ask, the waiver. Joined, they are ``render_chat_text``.
    """
    if s.ask.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW):
        *said, waiver = short_call(s)
        return ("".join(said), waiver + t.THANKS)
    ask = _ask(s)
    if s.is_card and s.ask.kind is not Recommendation.PAUSE:
        ask += t.CARD_CHAT
    return (
        "".join([opening(s), *reason_sentences(s.reason, s.ask.kind), NOT_REFUSING]),
        CHECK_TOTAL + BREAKDOWN[s.lender.kind],
        ask,
        WAIVER.format(penalty=PENALTY_WORD[s.lender.kind]) + t.THANKS,
    )


def render_chat_text(s: LenderScript) -> str:
    """The same request as the call, as one message."""
    return "".join(chat_pieces(s))


def chat_intro(s: LenderScript, label: str) -> str:
    """The line above the paste-able text: where to send it, and how to answer."""
    quick = s.ask.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW)
    answer = t.ANSWER_QUICK if quick else t.ANSWER_FROM_SCRIPT
    return t.INTRO.format(label=label, entry=CHAT_ENTRY[s.lender.kind], answer=answer)
