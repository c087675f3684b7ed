"""Call script and rendered texts: the user's numbers, safe wording, allowed HTML only."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.checklist import Material, materials_for
from bot.domain.models import Budget, CaseFacts, Debt, Hardship, HardshipReason, Product
from bot.domain.plan import build_plan
from bot.domain.script import build_call_script
from bot.texts.zh.plan import render_plan
from bot.texts.zh.script import render_call_script, render_checklist

TODAY = date(2026, 11, 24)
FORBIDDEN = ("保证", "一定", "百分百", "肯定能", "必定", "包过")
ALLOWED_TAG = re.compile(r"</?(?:b|i|code)>")


def case(*debts: Debt, note: str | None = None, income: int = 600_000) -> CaseFacts:
    return CaseFacts(
        debts=debts,
        hardship=Hardship(HardshipReason.UNEMPLOYED, note=note, temporary=True, months=3),
        budget=Budget(income, 400_000, 0),
    )


def render_everything(facts: CaseFacts) -> str:
    plan = build_plan(facts, TODAY)
    script = build_call_script(facts, plan, TODAY)
    return "\n".join(
        (
            render_plan(facts, plan),
            render_call_script(script),
            render_checklist(facts.hardship.reason),
        )
    )


HUABEI = Debt(Product.HUABEI, 2_350_000, date(2026, 10, 10))


def test_script_data_carries_the_users_numbers():
    facts = case(HUABEI)
    plan = build_plan(facts, TODAY)
    script = build_call_script(facts, plan, TODAY)
    assert script.debts[0].amount_fen == 2_350_000 and script.debts[0].days_overdue == 45
    assert script.total_fen == 2_350_000
    assert script.proposal.monthly_fen == 167_900 and script.proposal.periods == 14
    assert script.proposal.last_fen == 167_300
    assert script.proposal.pause_months == 3
    assert script.proposal.pause_first_due == date(2027, 3, 24)
    assert script.proposal.waiver_fen == 52_875 and script.proposal.waiver_estimated
    assert script.materials == materials_for(HardshipReason.UNEMPLOYED)
    assert not script.has_credit_card


def test_rendered_script_shows_numbers_and_hotline():
    facts = case(HUABEI)
    text = render_call_script(build_call_script(facts, build_plan(facts, TODAY), TODAY))
    for needle in (
        "95188",
        "23,500 元",
        "45 天",
        "1,679 元",
        "14 期",
        "528.75 元",
        "2027年3月24日",
    ):
        assert needle in text
    assert "以实际为准" in text


def test_note_is_escaped():
    text = render_everything(case(HUABEI, note="<script>&"))
    assert "&lt;script&gt;&amp;" in text and "<script>" not in text


def test_infeasible_script_asks_for_pause_without_schedule():
    facts = case(HUABEI, income=300_000)
    plan = build_plan(facts, TODAY)
    text = render_call_script(build_call_script(facts, plan, TODAY))
    assert "暂缓 3 个月" in text and "每期" not in text.split("7. ")[0].split("6. ")[1]


def test_credit_card_rule_only_for_credit_card_debts():
    without = render_everything(case(HUABEI, Debt(Product.JIEBEI, 100_000, TODAY)))
    assert "第70条" not in without and "5 年" not in without
    with_card = render_everything(case(HUABEI, Debt(Product.CREDIT_CARD, 100_000, TODAY)))
    assert "第70条" in with_card
    line = next(x for x in with_card.splitlines() if "第70条" in x)
    assert "可作参考" in line and "银行信用卡的规定" in line


def test_checklist_matches_reason():
    assert Material.MEDICAL_PROOF in materials_for(HardshipReason.ILLNESS)
    assert Material.UNEMPLOYMENT_PROOF in materials_for(HardshipReason.UNEMPLOYED)
    assert Material.BUSINESS_PROOF in materials_for(HardshipReason.BUSINESS)
    for reason in HardshipReason:
        items = materials_for(reason)
        assert items[:2] == (Material.ID_CARD, Material.INCOME_PROOF)
        assert items[-1] is Material.OWN_SUMMARY
        text = render_checklist(reason)
        assert "身份证" in text and "银行流水" in text
    assert "诊断证明" in render_checklist(HardshipReason.ILLNESS)


facts_st = st.builds(
    CaseFacts,
    debts=st.lists(
        st.builds(
            Debt,
            product=st.sampled_from(Product),
            amount_fen=st.integers(1, 50_000_000),
            overdue_since=st.dates(date(2020, 1, 1), TODAY),
            daily_rate_ppm=st.none() | st.integers(0, 2_000),
        ),
        min_size=1,
        max_size=3,
    ).map(tuple),
    hardship=st.builds(
        Hardship,
        reason=st.sampled_from(HardshipReason),
        note=st.none() | st.text(max_size=30),
        temporary=st.booleans(),
        months=st.none() | st.integers(1, 24),
    ),
    budget=st.builds(
        Budget,
        income_fen=st.integers(0, 5_000_000),
        essentials_fen=st.integers(0, 3_000_000),
        other_debts_fen=st.integers(0, 1_000_000),
    ),
)


@settings(max_examples=200, deadline=None)
@given(facts_st)
def test_no_promises_and_only_allowed_html(facts: CaseFacts):
    text = render_everything(facts)
    for word in FORBIDDEN:
        assert word not in text
    assert "95188" in text
    stripped = ALLOWED_TAG.sub("", text)
    assert "<" not in stripped and ">" not in stripped.replace("→", "")
    if Product.CREDIT_CARD not in {d.product for d in facts.debts}:
        assert "第70条" not in text


def test_a_workable_plan_never_says_there_is_no_money() -> None:
    from datetime import date

    from bot.domain.models import Budget, CaseFacts, Debt, Hardship, HardshipReason, Product
    from bot.domain.plan import build_plan
    from bot.domain.script import build_call_script
    from bot.texts.zh.script import render_call_script

    today = date(2026, 11, 24)
    facts = CaseFacts(
        debts=(Debt(Product.HUABEI, 2_350_000, date(2026, 10, 10)),),
        hardship=Hardship(HardshipReason.UNEMPLOYED, temporary=True, months=3),
        budget=Budget(600_000, 400_000, 0),
    )
    plan = build_plan(facts, today)
    text = render_call_script(build_call_script(facts, plan, today))
    assert plan.feasible
    assert "拿不出钱" not in text
    assert "每月还 1,679 元" in text
