"""The call companion in words: one short card per step, the agent's answers, the close card.

Every sentence the person says is the call script's own (``script*.py``, ``speech.py``), cut
into steps; the answers reuse the script's fallback lines, worked out from the person's own
numbers. Each card stays under ``CARD_LIMIT`` characters as the user sees them (tags aside).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.domain.call_steps import AgentAnswer, CallStep, card_steps, is_quick, step_number
from bot.domain.checklist import Material
from bot.domain.plan import Recommendation
from bot.domain.script import LenderScript
from bot.texts.zh import call_cards as t
from bot.texts.zh import script as st
from bot.texts.zh.lenders import CHAT_ENTRY
from bot.texts.zh.names import PRODUCT_NAMES
from bot.texts.zh.speech import BREAKDOWN, CHECK_TOTAL, NOT_REFUSING
from bot.views.checklist import at_hand
from bot.views.fmt import yuan
from bot.views.script import header, recap
from bot.views.script_ask import ask_lines, limit_lines
from bot.views.script_replies import (
    no_new_loans,
    no_waiver,
    part_first,
    pause_no_waiver,
    pause_pay_something,
    refused,
    twelve_periods,
)
from bot.views.speech import opening, reason_sentences, say, short_call

# A card is read with a phone at the ear: this many characters at most, tags aside.
CARD_LIMIT = 200
_TAG = re.compile(r"<[^>]+>")


def shown_length(text: str) -> int:
    """How many characters the user sees: without the HTML tags, entities as one."""
    return len(html.unescape(_TAG.sub("", text)))


def _title(s: LenderScript, label: str, step: CallStep) -> str:
    number, total = step_number(s, step)
    return t.CARD_TITLE.format(label=label, number=number, total=total, name=t.STEP_NAMES[step])


def _dial(s: LenderScript, materials: Sequence[Material]) -> list[str]:
    return [
        header(s, "")[1],
        t.AT_HAND.format(materials=at_hand(materials)),
        t.DIAL_HOW,
    ]


def _opening(s: LenderScript, title: str) -> str:
    lines = [title, *say(opening(s), *reason_sentences(s.reason, s.ask.kind), NOT_REFUSING)]
    text = "\n".join(lines)
    note = (s.reason.note or "").strip()
    if note:
        # the person's own words, when they still fit on the card (the full script has them)
        added = f"{text}\n{t.OWN_WORDS.format(note=html.escape(note))}"
        if shown_length(added) <= CARD_LIMIT:
            return added
    return text


def _facts(s: LenderScript) -> list[str]:
    debts = []
    for d in s.debts:
        line = t.DEBT_LINE.format(
            product=PRODUCT_NAMES[d.product], amount=yuan(d.overdue_fen), days=d.days_overdue
        )
        if d.total_due_fen is not None:
            line += t.DEBT_WHOLE.format(amount=yuan(d.total_due_fen))
        debts.append(line)
    return [
        t.YOU_NOTED + t.DEBT_SEP.join(debts),
        *say(CHECK_TOTAL, BREAKDOWN[s.lender.kind]),
        t.WRITE_DOWN,
    ]


def _card_rule(s: LenderScript) -> list[str]:
    later = s.ask.kind is Recommendation.PAUSE
    said = st.CARD_RULE_LATER_SAID if later else st.CARD_RULE_SAID
    return [*say(*said), t.CARD_RULE_NOTE]


def _short(s: LenderScript) -> list[str]:
    """PAY_NOW / PART_NOW: the short call, as the script has it."""
    return say(*short_call(s), st.ASK_ID_AND_SMS, st.THANKS)


def render_card(s: LenderScript, label: str, materials: Sequence[Material], step: CallStep) -> str:
    """One card of the call (not the answers, not the close card)."""
    title = _title(s, label, step)
    if step is CallStep.OPENING:
        return _opening(s, title)
    if step is CallStep.DIAL:
        body = _dial(s, materials)
    elif step is CallStep.FACTS:
        body = _facts(s)
    elif step is CallStep.ASK:
        body = ask_lines(s)
    elif step is CallStep.LIMIT:
        body = limit_lines(s)
    elif step is CallStep.CARD_RULE:
        body = _card_rule(s)
    elif step is CallStep.SHORT:
        body = _short(s)
    else:
        raise ValueError(step)
    return "\n".join([title, *body])


def render_answers_menu(label: str) -> str:
    """The card the answers are tapped on (edited in place into each answer)."""
    return "\n".join([t.ANSWERS_TITLE.format(label=label), t.ANSWERS_HOW])


def _agreed(s: LenderScript) -> list[str]:
    if is_quick(s):
        return [t.AGREED_TITLE, t.AGREED_QUICK]
    if s.share_limit_fen <= 0:  # nothing to pay a month: a pause, with its questions
        return [t.AGREED_TITLE, t.AGREED_PAUSE, *say(recap(s))]
    check = t.AGREED_CHECK.format(limit=yuan(s.share_limit_fen))
    return [t.AGREED_TITLE, check, *say(recap(s))]


def _twelve(s: LenderScript) -> list[str]:
    if s.ask.kind is Recommendation.PAUSE:
        return pause_pay_something(s)
    twelve = s.fallbacks.twelve_monthly_fen
    if twelve is not None:
        return twelve_periods(s, twelve)
    return [st.IF_TWELVE, t.TWELVE_FITS]


def _papers(materials: Sequence[Material]) -> list[str]:
    return [
        t.PAPERS_TITLE,
        t.PAPERS_WHICH.format(materials=at_hand(materials)),
        *say(t.PAPERS_SAID),
        t.PAPERS_SAFE,
    ]


def render_answer(s: LenderScript, materials: Sequence[Material], answer: AgentAnswer) -> str:
    """What to say back when the agent says ``answer``, from the person's own numbers."""
    pause = s.ask.kind is Recommendation.PAUSE
    lines: list[str]
    if answer is AgentAnswer.AGREED:
        lines = _agreed(s)
    elif answer is AgentAnswer.TWELVE:
        lines = _twelve(s)
    elif answer is AgentAnswer.PART_FIRST:
        lines = pause_pay_something(s) if pause else part_first(s)
    elif answer is AgentAnswer.NO_WAIVER:
        if is_quick(s):
            lines = [no_waiver(s)[0], t.NO_WAIVER_PAID]
        else:
            lines = pause_no_waiver(s) if pause else no_waiver(s)
    elif answer is AgentAnswer.BORROW:
        lines = [*no_new_loans(), t.BORROW_NOTE]
    elif answer is AgentAnswer.PAPERS:
        lines = _papers(materials)
    elif answer is AgentAnswer.CALL_BACK:
        lines = [t.CALL_BACK_TITLE, *say(*t.CALL_BACK_SAID), t.CALL_BACK_NOTE]
    else:
        heading, *rest = refused()
        lines = [heading, t.REFUSED_CALM, *rest]
    return "\n".join(lines)


def render_reminder_set(answer_text: str, when: str) -> str:
    """The 要回电 card once the reminder to call again is set."""
    return f"{answer_text}\n{t.REMIND_SET.format(when=when)}"


def render_close(s: LenderScript, label: str, after: AgentAnswer | None) -> str:
    """Before hanging up: the 工号, the terms, written confirmation (or, refused, a time)."""
    title = t.CLOSE_TITLE.format(label=label)
    if after is AgentAnswer.REFUSED:
        return "\n".join([title, *say(*t.CLOSE_REFUSED_SAID), t.CLOSE_REFUSED_NOTE])
    if is_quick(s):
        said = [st.ASK_ID_AND_SMS, st.THANKS]
    else:
        when = st.ASK_PAUSE_END if s.ask.kind is Recommendation.PAUSE else st.ASK_FIRST_DUE
        said = [st.ASK_STAFF_ID, when, st.ASK_IN_WRITING, st.GOODBYE]
    return "\n".join([title, *say(*said), t.CLOSE_NOTE])


def call_cards(
    s: LenderScript, label: str, materials: Sequence[Material]
) -> tuple[tuple[CallStep, str], ...]:
    """Every card of this lender's call in order, the answers menu and close card included."""
    cards: list[tuple[CallStep, str]] = []
    for step in card_steps(s):
        if step is CallStep.ANSWERS:
            cards.append((step, render_answers_menu(label)))
        elif step is CallStep.CLOSE:
            cards.append((step, render_close(s, label, None)))
        else:
            cards.append((step, render_card(s, label, materials, step)))
    return tuple(cards)


def render_chat_intro(s: LenderScript, label: str) -> str:
    """Above the typed version: where the chat entry is, and how to paste the pieces."""
    return t.CHAT_INTRO.format(label=label, entry=CHAT_ENTRY[s.lender.kind])


def render_chat_after(s: LenderScript) -> str:
    """Below the typed version: how to answer what comes back."""
    return t.CHAT_AFTER_QUICK if is_quick(s) else t.CHAT_AFTER
