"""The conversations' flows without Telegram: every state is on its diagram, and the order
of the intake's questions and the deal's /back path follow the answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conversations.deal.states import DealState, previous_state
from conversations.deal.states import next_state as next_deal_state
from conversations.intake.states import Answers, IntakeState, next_state
from conversations.intake.states import previous_state as intake_back

ROOT = Path(__file__).resolve().parents[2]
S, D = IntakeState, DealState


@pytest.mark.parametrize(
    ("diagram", "states"),
    [("conversations/intake/intake.mmd", IntakeState), ("conversations/deal/deal.mmd", DealState)],
)
def test_every_state_is_on_its_diagram(diagram: str, states: type) -> None:
    words = set(re.findall(r"[A-Z][A-Z_]+", (ROOT / diagram).read_text(encoding="utf-8")))
    assert {state.name for state in states} <= words


def test_the_intake_walks_every_question_in_order() -> None:
    answers = Answers(
        has_income=True, payday_answered=False, essentials_low=True, essentials_checked=False
    )
    state, seen = S.WELCOME, []
    while state != S.CONFIRM:
        state = next_state(state, editing=False, answers=answers)
        seen.append(state)
    assert seen == [
        S.ASK_PRODUCT,
        S.ASK_AMOUNT,
        S.ASK_OVERDUE,
        S.ASK_RATE,
        S.ASK_TOTAL,
        S.ASK_MORE_DEBTS,
        S.ASK_REASON,
        S.ASK_DURATION,
        S.ASK_INCOME,
        S.ASK_PAYDAY,
        S.ASK_ESSENTIALS,
        S.CHECK_ESSENTIALS,
        S.ASK_OTHER_DEBTS,
        S.CONFIRM,
    ]


def test_no_income_skips_the_payday_and_the_essentials_check() -> None:
    none = Answers(
        has_income=False, payday_answered=False, essentials_low=False, essentials_checked=False
    )
    assert next_state(S.ASK_INCOME, editing=False, answers=none) == S.ASK_ESSENTIALS
    assert next_state(S.ASK_ESSENTIALS, editing=False, answers=none) == S.ASK_OTHER_DEBTS
    assert intake_back(S.ASK_ESSENTIALS, editing=False, debts_before=1, has_income=False) == (
        S.ASK_INCOME
    )


def test_changing_one_answer_returns_to_the_summary_unless_income_needs_its_payday() -> None:
    new_income = Answers(
        has_income=True, payday_answered=False, essentials_low=False, essentials_checked=False
    )
    assert next_state(S.ASK_AMOUNT, editing=True) == S.CONFIRM
    assert next_state(S.ASK_INCOME, editing=True, answers=new_income) == S.ASK_PAYDAY
    assert intake_back(S.ASK_RATE, editing=True, debts_before=0) == S.CONFIRM


@pytest.mark.parametrize(
    ("state", "draft", "debts", "back"),
    [
        (D.OUTCOME, {}, 1, None),
        (D.KIND, {"outcome": "agreed"}, 1, D.OUTCOME),
        (D.KIND, {"outcome": "agreed"}, 2, D.WHICH_DEBT),
        (D.PERIODS, {"kind": "pause_then_installments"}, 1, D.PAUSE_UNTIL),
        (D.PERIODS, {"kind": "installments"}, 1, D.KIND),
        (D.DUE_DAY, {"kind": "pause_then_installments"}, 1, D.AMOUNT),
        (D.DUE_DAY, {"kind": "installments"}, 1, D.FIRST_DUE),
        (D.STAFF_ID, {"outcome": "refused"}, 2, D.OUTCOME),
        (D.STAFF_ID, {"outcome": "agreed", "kind": "suggested"}, 1, D.SUGGESTED_WHICH),
        (D.STAFF_ID, {"outcome": "agreed", "kind": "single"}, 1, D.SINGLE_DATE),
        (D.CONFIRM, {"outcome": "agreed"}, 1, D.STAFF_ID),
        (D.CALL_AGAIN, {"outcome": "refused"}, 1, None),
    ],
)
def test_back_in_the_deal_follows_the_answers(
    state: DealState, draft: dict[str, object], debts: int, back: DealState | None
) -> None:
    assert previous_state(state, draft, debts=debts) == back


@pytest.mark.parametrize(
    ("answered", "draft", "debts", "after"),
    [
        (D.OUTCOME, {"outcome": "refused"}, 2, D.STAFF_ID),
        (D.OUTCOME, {"outcome": "agreed"}, 1, D.KIND),
        (D.OUTCOME, {"outcome": "agreed"}, 3, D.WHICH_DEBT),
        (D.KIND, {"kind": "suggested"}, 1, D.SUGGESTED_WHICH),
        (D.KIND, {"kind": "pause_then_installments"}, 1, D.PAUSE_UNTIL),
        (D.KIND, {"kind": "single"}, 1, D.SINGLE_AMOUNT),
        (D.PAUSE_UNTIL, {"kind": "pause_then_installments"}, 1, D.PERIODS),
        (D.AMOUNT, {"kind": "pause_then_installments"}, 1, D.DUE_DAY),
        (D.AMOUNT, {"kind": "installments"}, 1, D.FIRST_DUE),
        (D.SINGLE_DATE, {"kind": "single"}, 1, D.STAFF_ID),
        (D.STAFF_ID, {"outcome": "refused"}, 1, D.NOTE),
        (D.STAFF_ID, {"outcome": "agreed"}, 1, D.CONFIRM),
        (D.NOTE, {"outcome": "refused"}, 1, D.CALL_AGAIN),
    ],
)
def test_the_deal_goes_forward_by_the_answers(
    answered: DealState, draft: dict[str, object], debts: int, after: DealState
) -> None:
    assert next_deal_state(answered, draft, debts=debts) == after


def test_forward_then_back_returns_to_each_question() -> None:
    """Each step forward is undone by /back, along every kind of deal."""
    for kind in ("installments", "pause_then_installments", "single", "suggested"):
        draft = {"outcome": "agreed", "kind": kind}
        state = D.KIND
        while state != D.CONFIRM:
            after = next_deal_state(state, draft)
            assert previous_state(after, draft, debts=1) == state, (kind, state, after)
            state = after
