"""The intake's questions and the order they come in (pure: no Telegram, no database)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class IntakeState(IntEnum):
    """One value per question. Values are persisted: never renumber, only append."""

    WELCOME = 1
    ASK_PRODUCT = 2
    ASK_AMOUNT = 3
    ASK_OVERDUE = 4
    ASK_RATE = 5
    ASK_MORE_DEBTS = 6
    ASK_REASON = 7
    ASK_REASON_TEXT = 8
    ASK_DURATION = 9
    ASK_INCOME = 10
    ASK_ESSENTIALS = 11
    ASK_OTHER_DEBTS = 12
    CONFIRM = 13
    RESUME = 14
    ASK_TOTAL = 15
    ASK_PAYDAY = 16
    CHECK_ESSENTIALS = 17


S = IntakeState
# Debts in one case. Nobody has more than a handful of these products; a cap keeps the
# summary on one screen and the change menu within Telegram's limit on buttons.
MAX_DEBTS = 8

# The path a first-time user walks; /back walks it the other way.
_FORWARD: dict[IntakeState, IntakeState] = {
    S.WELCOME: S.ASK_PRODUCT,
    S.ASK_PRODUCT: S.ASK_AMOUNT,
    S.ASK_AMOUNT: S.ASK_OVERDUE,
    S.ASK_OVERDUE: S.ASK_RATE,
    S.ASK_RATE: S.ASK_TOTAL,
    S.ASK_TOTAL: S.ASK_MORE_DEBTS,
    S.ASK_MORE_DEBTS: S.ASK_REASON,
    S.ASK_REASON: S.ASK_DURATION,
    S.ASK_REASON_TEXT: S.ASK_DURATION,
    S.ASK_DURATION: S.ASK_INCOME,
    S.ASK_INCOME: S.ASK_PAYDAY,
    S.ASK_PAYDAY: S.ASK_ESSENTIALS,
    S.ASK_ESSENTIALS: S.CHECK_ESSENTIALS,
    S.CHECK_ESSENTIALS: S.ASK_OTHER_DEBTS,
    S.ASK_OTHER_DEBTS: S.CONFIRM,
}

_BACKWARD: dict[IntakeState, IntakeState] = {
    S.ASK_AMOUNT: S.ASK_PRODUCT,
    S.ASK_OVERDUE: S.ASK_AMOUNT,
    S.ASK_RATE: S.ASK_OVERDUE,
    S.ASK_TOTAL: S.ASK_RATE,
    S.ASK_MORE_DEBTS: S.ASK_TOTAL,
    S.ASK_REASON: S.ASK_MORE_DEBTS,
    S.ASK_REASON_TEXT: S.ASK_REASON,
    S.ASK_DURATION: S.ASK_REASON,
    S.ASK_INCOME: S.ASK_DURATION,
    S.ASK_PAYDAY: S.ASK_INCOME,
    S.ASK_ESSENTIALS: S.ASK_PAYDAY,
    S.CHECK_ESSENTIALS: S.ASK_ESSENTIALS,
    S.ASK_OTHER_DEBTS: S.ASK_ESSENTIALS,
    S.CONFIRM: S.ASK_OTHER_DEBTS,
}

# Questions about one debt: answering one of them while changing an answer from the summary
# goes straight back to the summary.
DEBT_QUESTIONS = frozenset({S.ASK_PRODUCT, S.ASK_AMOUNT, S.ASK_OVERDUE, S.ASK_RATE, S.ASK_TOTAL})


@dataclass(frozen=True, slots=True)
class Answers:
    """What the order of the budget questions depends on."""

    has_income: bool
    payday_answered: bool
    essentials_low: bool
    essentials_checked: bool


def _needed(state: IntakeState, answers: Answers) -> bool:
    """Whether a question that is only sometimes asked applies now."""
    if state == S.ASK_PAYDAY:
        return answers.has_income
    if state == S.CHECK_ESSENTIALS:
        return answers.essentials_low and not answers.essentials_checked
    return True


def next_state(
    answered: IntakeState, *, editing: bool, answers: Answers | None = None
) -> IntakeState:
    """The question after ``answered``; the summary when the user was changing one answer.

    Income arriving without its payday, or essentials that look too low, are asked about
    once even while changing an answer, before going back to the summary.
    """
    answers = answers or Answers(False, True, False, True)
    if editing:
        if answered == S.ASK_INCOME and answers.has_income and not answers.payday_answered:
            return S.ASK_PAYDAY
        if answered in (S.ASK_ESSENTIALS, S.ASK_INCOME, S.ASK_PAYDAY) and _needed(
            S.CHECK_ESSENTIALS, answers
        ):
            return S.CHECK_ESSENTIALS
        return S.CONFIRM
    state = _FORWARD.get(answered, S.CONFIRM)
    while not _needed(state, answers):
        state = _FORWARD.get(state, S.CONFIRM)
    return state


def previous_state(
    current: IntakeState, *, editing: bool, debts_before: int, has_income: bool = True
) -> IntakeState:
    """Where /back goes. ``debts_before`` counts the complete debts before the current one."""
    if editing:
        return S.CONFIRM
    if current == S.ASK_PRODUCT:
        return S.ASK_MORE_DEBTS if debts_before else S.WELCOME
    target = _BACKWARD.get(current, current)
    if target == S.ASK_PAYDAY and not has_income:
        return S.ASK_INCOME
    return target
