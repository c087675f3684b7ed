"""The call companion without Telegram: the cards a LenderScript gives, in order, each short
enough to read with a phone at the ear, with the person's own numbers; the typed version as
paste-able pieces that add up to the one-message text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.call_steps import (
    AgentAnswer,
    CallStep,
    answers_for,
    card_steps,
    step_after,
    step_number,
)
from bot.domain.checklist import Material
from bot.domain.plan import Recommendation, build_plan
from bot.domain.script import LenderScript, build_call_scripts
from bot.texts.zh.lenders import CHAT_ENTRY
from bot.views.call_cards import (
    CARD_LIMIT,
    call_cards,
    render_answer,
    render_chat_after,
    render_chat_intro,
    render_close,
    render_reminder_set,
    shown_length,
)
from bot.views.chat import chat_pieces, render_chat_text
from bot.views.plan import lender_labels
from tests.domain.wording import ALLOWED_TAG, MAX_SPOKEN, PARENS, PROMISES, spoken
from tests.golden.profiles import PROFILES

Call = tuple[str, LenderScript, str, tuple[Material, ...]]


def calls() -> Iterator[Call]:
    """Every lender's script of every golden profile, with its label and papers."""
    for name, profile in sorted(PROFILES.items()):
        plan = build_plan(profile.facts, profile.today, max_periods=36)
        scripts = build_call_scripts(profile.facts, plan, profile.today)
        labels = lender_labels(profile.facts, [p.lender for p in plan.lenders])
        for s in scripts.scripts:
            yield name, s, labels[s.lender], scripts.materials


def the_call(name: str, index: int = 0) -> Call:
    return [c for c in calls() if c[0] == name][index]


def every_message(s: LenderScript, label: str, materials: tuple[Material, ...]) -> list[str]:
    texts = [text for _, text in call_cards(s, label, materials)]
    texts += [render_answer(s, materials, a) for a in answers_for(s)]
    texts += [render_close(s, label, a) for a in (*answers_for(s), None)]
    said = render_answer(s, materials, AgentAnswer.CALL_BACK)
    texts.append(render_reminder_set(said, "12月25日 09:00"))
    texts += [render_chat_intro(s, label), *chat_pieces(s), render_chat_after(s)]
    return texts


@pytest.mark.parametrize("call", list(calls()), ids=lambda c: f"{c[0]}-{c[2]}")
def test_no_card_over_the_limit(call: Call) -> None:
    _, s, label, materials = call
    for text in every_message(s, label, materials):
        assert 0 < shown_length(text) <= CARD_LIMIT, text


def test_the_limit_is_about_200_and_counts_what_is_seen() -> None:
    assert CARD_LIMIT == 200
    assert shown_length("<b>“同意了”</b>&amp;") == len("“同意了”&")


def test_the_cards_of_a_negotiated_call_in_order() -> None:
    _, s, label, materials = the_call("unemployed_temporary_huabei")
    cards = call_cards(s, label, materials)
    assert [step for step, _ in cards] == [
        CallStep.DIAL,
        CallStep.OPENING,
        CallStep.FACTS,
        CallStep.ASK,
        CallStep.LIMIT,
        CallStep.ANSWERS,
        CallStep.CLOSE,
    ]
    text = dict(cards)
    assert "1/5 拨号" in text[CallStep.DIAL] and "95188" in text[CallStep.DIAL]
    assert "身份证" in text[CallStep.DIAL]
    assert "逾期了 45 天" in text[CallStep.OPENING] and "失业" in text[CallStep.OPENING]
    assert "花呗 23,500 元，逾期 45 天" in text[CallStep.FACTS]
    assert "一共要还多少" in text[CallStep.FACTS] and "本金、利息、罚息" in text[CallStep.FACTS]
    assert "分 14 期" in text[CallStep.ASK] and "1,679 元" in text[CallStep.ASK]
    assert "12月17日" in text[CallStep.ASK]
    assert "减免" in text[CallStep.LIMIT] and "1,800 元" in text[CallStep.LIMIT]
    assert "工号" in text[CallStep.CLOSE] and "短信" in text[CallStep.CLOSE]
    assert step_number(s, CallStep.LIMIT) == (5, 5)
    assert step_after(s, CallStep.LIMIT) is CallStep.ANSWERS
    assert step_after(s, CallStep.CLOSE) is None


def test_a_bank_card_has_the_card_rule_and_others_do_not() -> None:
    for _, s, _, _ in calls():
        assert (CallStep.CARD_RULE in card_steps(s)) is s.is_card
    _, card, label, materials = the_call("e_card_and_huabei")
    assert card.is_card
    rule = dict(call_cards(card, label, materials))[CallStep.CARD_RULE]
    assert "第七十条" in rule and "不是必须同意" in rule


def test_paying_in_the_app_is_a_short_call_without_12_periods() -> None:
    _, s, label, materials = the_call("f_high_income_small_debt")
    assert s.ask.kind is Recommendation.PAY_NOW
    assert [step for step, _ in call_cards(s, label, materials)] == [
        CallStep.DIAL,
        CallStep.SHORT,
        CallStep.ANSWERS,
        CallStep.CLOSE,
    ]
    assert AgentAnswer.TWELVE not in answers_for(s)
    assert AgentAnswer.PART_FIRST not in answers_for(s)


def test_each_answer_uses_the_persons_numbers() -> None:
    _, s, _, materials = the_call("unemployed_temporary_huabei")
    said = {a: render_answer(s, materials, a) for a in AgentAnswer}
    assert answers_for(s) == tuple(AgentAnswer)
    # the script's own fallback lines: 12 periods cost 1,959 a month, 1,800 is the most
    assert "1,959 元" in said[AgentAnswer.TWELVE] and "1,800 元" in said[AgentAnswer.TWELVE]
    assert "分 14 期" in said[AgentAnswer.TWELVE]
    assert "最多能先还 1,800 元" in said[AgentAnswer.PART_FIRST]
    assert "24,029 元" in said[AgentAnswer.NO_WAIVER]
    assert "借新的钱还旧的钱" in said[AgentAnswer.BORROW]
    assert "每月 1,679 元，分 14 期" in said[AgentAnswer.AGREED]
    assert "不超过 1,800 元" in said[AgentAnswer.AGREED]
    papers = said[AgentAnswer.PAPERS]
    assert "离职证明" in papers and "官方渠道" in papers and "身份证号" in papers
    assert "工号" in said[AgentAnswer.CALL_BACK] and "什么时候回电" in said[AgentAnswer.CALL_BACK]
    refused = said[AgentAnswer.REFUSED]
    assert "别慌" in refused and "12378" in refused and "辱骂" in refused
    assert "能办的方案有哪些" in refused


def test_a_pause_answers_with_the_pause() -> None:
    _, s, _, materials = the_call("c_no_income")
    assert s.ask.kind is Recommendation.PAUSE
    twelve = render_answer(s, materials, AgentAnswer.TWELVE)
    assert "拿不出" in twelve and f"{s.ask.pause_months} 个月后" in twelve
    assert "暂缓期间" in render_answer(s, materials, AgentAnswer.NO_WAIVER)
    assert "暂缓到哪天" in render_close(s, "花呗", None)


def test_an_ask_within_12_periods_accepts_12() -> None:
    found = [c for c in calls() if c[1].ask.kind is Recommendation.INSTALLMENTS]
    short = [c for c in found if c[1].fallbacks.twelve_monthly_fen is None]
    assert short, "a golden profile asks for 12 periods or fewer"
    _, s, _, materials = short[0]
    assert "12 期以内" in render_answer(s, materials, AgentAnswer.TWELVE)


def test_the_typed_version_is_the_one_message_text_in_pieces() -> None:
    for _, s, label, _ in calls():
        pieces = chat_pieces(s)
        assert "".join(pieces) == render_chat_text(s)
        assert len(pieces) >= 2 and all(p for p in pieces)
        assert "<" not in "".join(pieces)  # pasted as it is: no markup
        assert CHAT_ENTRY[s.lender.kind] in render_chat_intro(s, label)


@pytest.mark.parametrize("call", list(calls()), ids=lambda c: f"{c[0]}-{c[2]}")
def test_every_card_is_safe_and_sayable(call: Call) -> None:
    _, s, label, materials = call
    messages = every_message(s, label, materials)
    text = "\n".join(messages)
    for word in PROMISES:
        assert word not in text
    assert "请求" not in text
    for line in spoken(messages):
        assert len(line) <= MAX_SPOKEN, line
        assert not PARENS.search(line), line
    for m in messages:
        assert "<" not in ALLOWED_TAG.sub("", m), m
