"""The questions of recording a call's outcome. Values are persisted: never renumber."""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class DealState(IntEnum):
    OUTCOME = 101
    WHICH_DEBT = 102
    KIND = 103
    PERIODS = 104
    AMOUNT = 105
    FIRST_DUE = 106
    DUE_DAY = 107
    PAUSE_UNTIL = 108
    SINGLE_AMOUNT = 109
    SINGLE_DATE = 110
    STAFF_ID = 111
    NOTE = 112
    CONFIRM = 113
    CALL_AGAIN = 114
    SUGGESTED_WHICH = 115


# After each answer, the next question; where it depends on the answers, see next_state.
_AFTER: dict[DealState, DealState] = {
    DealState.WHICH_DEBT: DealState.KIND,
    DealState.PAUSE_UNTIL: DealState.PERIODS,
    DealState.PERIODS: DealState.AMOUNT,
    DealState.FIRST_DUE: DealState.DUE_DAY,
    DealState.DUE_DAY: DealState.STAFF_ID,
    DealState.SINGLE_AMOUNT: DealState.SINGLE_DATE,
    DealState.SINGLE_DATE: DealState.STAFF_ID,
    DealState.SUGGESTED_WHICH: DealState.STAFF_ID,
    DealState.NOTE: DealState.CALL_AGAIN,
}
_FIRST_OF_KIND: dict[str, DealState] = {
    "suggested": DealState.SUGGESTED_WHICH,
    "installments": DealState.PERIODS,
    "pause_then_installments": DealState.PAUSE_UNTIL,
    "single": DealState.SINGLE_AMOUNT,
}


def next_state(answered: DealState, draft: dict[str, Any], *, debts: int = 1) -> DealState:
    """The question after ``answered``, given the answers so far (``draft``, this one in).

    Refused calls go outcome → 工号 → note → call again; agreed ones outcome → (which debt,
    if several) → kind → that kind's questions → 工号 → summary. deal.mmd draws it.
    """
    S = DealState
    refused = draft.get("outcome") == "refused"
    if answered == S.OUTCOME:
        return S.STAFF_ID if refused else S.WHICH_DEBT if debts > 1 else S.KIND
    if answered == S.KIND:
        return _FIRST_OF_KIND[str(draft.get("kind"))]
    if answered == S.AMOUNT:
        return S.DUE_DAY if draft.get("kind") == "pause_then_installments" else S.FIRST_DUE
    if answered == S.STAFF_ID:
        return S.NOTE if refused else S.CONFIRM
    return _AFTER.get(answered, S.CONFIRM)


def previous_state(state: DealState, draft: dict[str, Any], *, debts: int) -> DealState | None:
    """Where /back goes from ``state``, given the answers so far; None at the first question.

    The path depends on the answers: refused calls go outcome → 工号 → note; agreed ones
    outcome → (which debt, if several) → kind → that kind's questions → 工号 → summary.
    """
    S = DealState
    kind = draft.get("kind")
    before_kind = S.WHICH_DEBT if debts > 1 else S.OUTCOME
    if state in (S.OUTCOME, S.CALL_AGAIN):
        return None
    if state == S.WHICH_DEBT:
        return S.OUTCOME
    if state == S.KIND:
        return before_kind
    if state in (S.SUGGESTED_WHICH, S.PAUSE_UNTIL, S.SINGLE_AMOUNT):
        return S.KIND
    if state == S.PERIODS:
        return S.PAUSE_UNTIL if kind == "pause_then_installments" else S.KIND
    if state == S.AMOUNT:
        return S.PERIODS
    if state == S.FIRST_DUE:
        return S.AMOUNT
    if state == S.DUE_DAY:
        return S.AMOUNT if kind == "pause_then_installments" else S.FIRST_DUE
    if state == S.SINGLE_DATE:
        return S.SINGLE_AMOUNT
    if state == S.STAFF_ID:
        if draft.get("outcome") == "refused":
            return S.OUTCOME
        if kind == "suggested":
            return S.SUGGESTED_WHICH
        if kind == "single":
            return S.SINGLE_DATE
        return S.DUE_DAY
    if state in (S.NOTE, S.CONFIRM):
        return S.STAFF_ID
    return None
