"""The intake's questions and the order they come in (pure: no Telegram, no database)."""

from __future__ import annotations

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


S = IntakeState

# The path a first-time user walks; /back walks it the other way.
_FORWARD: dict[IntakeState, IntakeState] = {
    S.WELCOME: S.ASK_PRODUCT,
    S.ASK_PRODUCT: S.ASK_AMOUNT,
    S.ASK_AMOUNT: S.ASK_OVERDUE,
    S.ASK_OVERDUE: S.ASK_RATE,
    S.ASK_RATE: S.ASK_MORE_DEBTS,
    S.ASK_MORE_DEBTS: S.ASK_REASON,
    S.ASK_REASON: S.ASK_DURATION,
    S.ASK_REASON_TEXT: S.ASK_DURATION,
    S.ASK_DURATION: S.ASK_INCOME,
    S.ASK_INCOME: S.ASK_ESSENTIALS,
    S.ASK_ESSENTIALS: S.ASK_OTHER_DEBTS,
    S.ASK_OTHER_DEBTS: S.CONFIRM,
}

_BACKWARD: dict[IntakeState, IntakeState] = {
    S.ASK_AMOUNT: S.ASK_PRODUCT,
    S.ASK_OVERDUE: S.ASK_AMOUNT,
    S.ASK_RATE: S.ASK_OVERDUE,
    S.ASK_MORE_DEBTS: S.ASK_RATE,
    S.ASK_REASON: S.ASK_MORE_DEBTS,
    S.ASK_REASON_TEXT: S.ASK_REASON,
    S.ASK_DURATION: S.ASK_REASON,
    S.ASK_INCOME: S.ASK_DURATION,
    S.ASK_ESSENTIALS: S.ASK_INCOME,
    S.ASK_OTHER_DEBTS: S.ASK_ESSENTIALS,
    S.CONFIRM: S.ASK_OTHER_DEBTS,
}

# Questions about one debt: answering one of them while changing an answer from the summary
# goes straight back to the summary.
DEBT_QUESTIONS = frozenset({S.ASK_PRODUCT, S.ASK_AMOUNT, S.ASK_OVERDUE, S.ASK_RATE})


def next_state(answered: IntakeState, *, editing: bool) -> IntakeState:
    """The question after ``answered``; the summary when the user was changing one answer."""
    if editing:
        return S.CONFIRM
    return _FORWARD.get(answered, S.CONFIRM)


def previous_state(current: IntakeState, *, editing: bool, debts_before: int) -> IntakeState:
    """Where /back goes. ``debts_before`` counts the complete debts before the current one."""
    if editing:
        return S.CONFIRM
    if current == S.ASK_PRODUCT:
        return S.ASK_MORE_DEBTS if debts_before else S.WELCOME
    return _BACKWARD.get(current, current)
