"""The call companion's steps, as values: which cards a call goes through, in which order,
and the agent's answers the person can tap. Pure; ``bot.views.call_cards`` puts the words in.

The position in a call is carried by the button itself (the lender's index and the step, see
``bot.callbacks.CALL``), so a restart in the middle of a call loses nothing.
"""

from __future__ import annotations

from enum import StrEnum

from bot.domain.plan import Recommendation
from bot.domain.script import LenderScript


class CallStep(StrEnum):
    """One card of the call. Values are callback data: never change them."""

    DIAL = "dial"  # whom to call, the voice menu, what to have at hand
    OPENING = "open"  # who they are, why they fell behind
    FACTS = "facts"  # what is owed, and the exact total and breakdown to ask for
    ASK = "ask"  # the person's own numbers
    LIMIT = "limit"  # the waiver, and the most they can pay
    CARD_RULE = "card"  # a bank card: 个性化分期 (第70条)
    SHORT = "short"  # PAY_NOW / PART_NOW: the short call instead of a negotiation
    ANSWERS = "answers"  # what did the agent say? (the buttons)
    CLOSE = "close"  # before hanging up: 工号, terms, written confirmation
    CHAT = "chat"  # the typed version for the online service chat


class AgentAnswer(StrEnum):
    """What the agent said, as the person taps it. Values are callback data."""

    AGREED = "agreed"  # 同意了
    TWELVE = "twelve"  # 只能分12期
    PART_FIRST = "part"  # 要先还一部分
    NO_WAIVER = "nowaiver"  # 不能减免
    BORROW = "borrow"  # 让我找人借
    PAPERS = "papers"  # 要材料
    CALL_BACK = "callback"  # 要回电
    REFUSED = "refused"  # 拒绝了


def is_quick(s: LenderScript) -> bool:
    """Paying in the app (all now, or within three paydays): a short call, nothing to negotiate."""
    return s.ask.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW)


def card_steps(s: LenderScript) -> tuple[CallStep, ...]:
    """The cards of this lender's call, in order; the answers come after the last one."""
    if is_quick(s):
        return (CallStep.DIAL, CallStep.SHORT, CallStep.ANSWERS, CallStep.CLOSE)
    card_rule = (CallStep.CARD_RULE,) if s.is_card else ()
    return (
        CallStep.DIAL,
        CallStep.OPENING,
        CallStep.FACTS,
        CallStep.ASK,
        CallStep.LIMIT,
        *card_rule,
        CallStep.ANSWERS,
        CallStep.CLOSE,
    )


def step_after(s: LenderScript, step: CallStep) -> CallStep | None:
    """The card after ``step`` (None after the close card, or for a step not in this call)."""
    steps = card_steps(s)
    if step not in steps:
        return None
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def step_number(s: LenderScript, step: CallStep) -> tuple[int, int]:
    """``step``'s place among the cards before the answers: (number, how many), from 1."""
    talk = [c for c in card_steps(s) if c not in (CallStep.ANSWERS, CallStep.CLOSE)]
    number = talk.index(step) + 1 if step in talk else len(talk)
    return number, len(talk)


def answers_for(s: LenderScript) -> tuple[AgentAnswer, ...]:
    """The answers offered: all of them, except those that make no sense when paying in the app
    (12 periods, paying part first)."""
    if is_quick(s):
        return (
            AgentAnswer.AGREED,
            AgentAnswer.NO_WAIVER,
            AgentAnswer.PAPERS,
            AgentAnswer.CALL_BACK,
            AgentAnswer.REFUSED,
        )
    return tuple(AgentAnswer)


def outcome_of(answer: AgentAnswer | None) -> str | None:
    """The deal recording's first answer that the close card leads to ("agreed"/"refused")."""
    if answer is AgentAnswer.AGREED:
        return "agreed"
    if answer is AgentAnswer.REFUSED:
        return "refused"
    return None
