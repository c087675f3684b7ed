"""The call companion's buttons: what the keyboards build is what CALL_PATTERN accepts, the
place in the call is in the data, and the close card leads into the deal recording."""

from __future__ import annotations

import pytest

from bot import callbacks as cb
from bot.adapters import keyboards
from bot.domain.call_steps import AgentAnswer, CallStep, outcome_of
from bot.domain.reminders import CallAgainChoice


def test_the_close_card_leads_into_the_deal_recording() -> None:
    assert outcome_of(AgentAnswer.AGREED) == "agreed"
    assert outcome_of(AgentAnswer.REFUSED) == "refused"
    assert outcome_of(AgentAnswer.TWELVE) is None

    def data(markup: object) -> list[str]:
        rows = markup.inline_keyboard  # type: ignore[attr-defined]
        return [b.callback_data for row in rows for b in row]

    assert cb.OUTCOME.data(True) in data(keyboards.call_close(0, AgentAnswer.AGREED))
    assert cb.OUTCOME.data(False) not in data(keyboards.call_close(0, AgentAnswer.AGREED))
    assert data(keyboards.call_close(0, AgentAnswer.REFUSED))[0] == cb.OUTCOME.data(False)
    both = data(keyboards.call_close(0, AgentAnswer.TWELVE))
    assert cb.OUTCOME.data(True) in both and cb.OUTCOME.data(False) in both


def test_call_buttons_round_trip_and_carry_the_place() -> None:
    tap = cb.parse_call(cb.call_card_data(3, CallStep.ASK))
    assert (tap.lender, tap.step, tap.answer) == (3, CallStep.ASK, None)
    tap = cb.parse_call(cb.call_card_data(0, CallStep.CLOSE, AgentAnswer.REFUSED))
    assert (tap.step, tap.answer) == (CallStep.CLOSE, AgentAnswer.REFUSED)
    tap = cb.parse_call(cb.call_answer_data(1, AgentAnswer.TWELVE))
    assert (tap.lender, tap.step, tap.answer) == (1, None, AgentAnswer.TWELVE)
    tap = cb.parse_call(cb.call_remind_data(2, CallAgainChoice.IN_3_DAYS))
    assert (tap.lender, tap.remind) == (2, CallAgainChoice.IN_3_DAYS)
    # the formats never change: buttons on screens keep working after an upgrade
    assert cb.call_card_data(0, CallStep.DIAL) == "call:0:dial"
    assert cb.call_answer_data(0, AgentAnswer.NO_WAIVER) == "call:0:said:nowaiver"


@pytest.mark.parametrize(
    "data",
    ["call:0:nope", "call:x:dial", "call:0:said:maybe", "call:0:dial\n", "call:123:dial"],
)
def test_forged_call_buttons_are_stale(data: str) -> None:
    assert not cb.is_known(data)
    with pytest.raises(cb.StaleCallback):
        cb.parse_call(data)


def test_every_call_button_is_known() -> None:
    markups = [
        keyboards.after_script(7),
        keyboards.call_answers(7, tuple(AgentAnswer)),
        keyboards.call_chat_after(7),
        *(keyboards.call_card(7, step, CallStep.ANSWERS) for step in CallStep),
        *(keyboards.call_after_answer(7, a) for a in AgentAnswer),
        *(keyboards.call_close(7, a) for a in (*AgentAnswer, None)),
    ]
    data = [b.callback_data for m in markups for row in m.inline_keyboard for b in row]
    assert [d for d in data if not cb.is_known(str(d))] == []
    assert any(str(d).startswith("call:7:remind:") for d in data)
