"""One lender's call script, as a few short messages in the order of the call (Telegram HTML).

The person speaks for themselves: lines in “…” are what they say (``bot.views.speech``),
everything else is a note for them only. The ask is put together in ``script_ask.py``,
the answers to the lender's replies in ``script_replies.py``; the words are in
``bot.texts.zh.script``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.domain.checklist import Material
from bot.domain.lenders import LenderKind
from bot.domain.models import Product
from bot.domain.plan import Recommendation
from bot.domain.script import LenderScript
from bot.texts.zh import script as t
from bot.texts.zh.lenders import CHANNELS, DIAL, LENDER_NAMES
from bot.texts.zh.names import PRODUCT_NAMES
from bot.texts.zh.speech import BREAKDOWN, CHECK_TOTAL, NOT_REFUSING, PENALTY_WORD
from bot.views.checklist import at_hand
from bot.views.fmt import month_day, yuan
from bot.views.script_ask import the_ask
from bot.views.script_replies import fallbacks, pushback
from bot.views.speech import opening, reason_sentences, say, short_call

_TAG = re.compile(r"<[^>]+>")
# About what one phone screen shows; a message is kept under it where it can be.
PHONE_SCREEN_CHARS = 280
# A penalty this small is not worth a call of its own.
SMALL_PENALTY_FEN = 1_000


def header(s: LenderScript, label: str) -> list[str]:
    kind = s.lender.kind
    # the voice menu leads to 花呗/借呗; 备用金 is reached through them
    menu = [PRODUCT_NAMES[p] for p in s.products if p in (Product.HUABEI, Product.JIEBEI)]
    dial = DIAL[kind].format(services="/".join(menu) or t.DEFAULT_MENU)
    if kind is LenderKind.ANT:
        title = t.ANT_TITLE.format(label=label)
    else:
        title = t.LENDER_TITLE.format(label=label, lender=LENDER_NAMES[kind])
    return [title, dial]


def _opening(s: LenderScript, label: str, materials: Sequence[Material]) -> tuple[str, ...]:
    lines = [
        *header(s, label),
        t.AT_HAND.format(materials=at_hand(materials)),
        "",
        t.STEP_OPENING,
        *say(opening(s)),
        t.STEP_CHECK,
        *say(CHECK_TOTAL, BREAKDOWN[s.lender.kind]),
        t.WRITE_DOWN,
        t.STEP_REASON,
        *say(*reason_sentences(s.reason, s.ask.kind), NOT_REFUSING),
    ]
    text = "\n".join(lines)
    note = (s.reason.note or "").strip()
    if not note:
        return (text,)
    added = t.OWN_WORDS.format(note=html.escape(note))
    shown = len(_TAG.sub("", text)) + len(note)
    if shown > PHONE_SCREEN_CHARS:  # a long note gets a message of its own
        return (text, added)
    return (f"{text}\n{added}",)


def card_rule(s: LenderScript) -> str:
    """A bank card's 个性化分期: asked for now, or after a pause once income is steady."""
    if s.ask.kind is Recommendation.PAUSE:
        title, said = t.CARD_RULE_LATER_TITLE, t.CARD_RULE_LATER_SAID
    else:
        title, said = t.CARD_RULE_TITLE, t.CARD_RULE_SAID
    return "\n".join([title, *say(*said), t.CARD_RULE_NOTE])


def recap(s: LenderScript) -> str:
    ask = s.ask
    if ask.kind is Recommendation.PAUSE:
        return t.RECAP_PAUSE.format(months=ask.pause_months)
    if ask.kind is Recommendation.LONG_INSTALLMENTS or ask.first_due is None:
        return t.RECAP_OPEN
    return t.RECAP.format(
        amount=yuan(ask.monthly_fen or 0), periods=ask.periods, first=month_day(ask.first_due)
    )


def _closing(s: LenderScript) -> str:
    when = t.ASK_PAUSE_END if s.ask.kind is Recommendation.PAUSE else t.ASK_FIRST_DUE
    return "\n".join(
        [
            t.STEP_CLOSING,
            *say(
                t.ASK_STAFF_ID,
                when,
                t.ASK_CREDIT_RECORD,
                t.ASK_IN_WRITING,
                recap(s),
                t.GOODBYE,
            ),
            t.RECORD_THE_DEAL,
            "",
            t.REMEMBER.format(channel=CHANNELS[s.lender.kind]),
        ]
    )


def _after_paying(s: LenderScript, label: str) -> tuple[str, ...]:
    """PAY_NOW / PART_NOW: no negotiation needed; an optional short call."""
    word = PENALTY_WORD[s.lender.kind]
    before: list[str] = []
    if s.ask.kind is Recommendation.PAY_NOW:
        title = t.PAID_TITLE.format(label=label, penalty=word)
        after = [t.PAID_AFTER]
        if s.penalty_fen < SMALL_PENALTY_FEN:
            before = [t.SMALL_PENALTY.format(penalty=word)]
            after = []
    else:
        title = t.PART_TITLE.format(label=label)
        before = [t.PART_BEFORE]
        after = []
    lines = [
        title,
        header(s, label)[1],
        *before,
        *say(*short_call(s), t.ASK_ID_AND_SMS, t.THANKS),
        *after,
        "",
        t.REMEMBER.format(channel=CHANNELS[s.lender.kind]),
    ]
    return ("\n".join(lines),)


def render_call_script(
    s: LenderScript, label: str, materials: Sequence[Material]
) -> tuple[str, ...]:
    """One lender's script as a few short messages, in the order of the call."""
    if s.ask.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW):
        return _after_paying(s, label)
    rule = (card_rule(s),) if s.is_card else ()
    return (
        *_opening(s, label, materials),
        the_ask(s),
        *rule,
        fallbacks(s),
        pushback(s),
        _closing(s),
    )
