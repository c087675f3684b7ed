"""Call scripts, one per lender: the user's own numbers, words a nervous person can say,
and nothing unsafe (issue 8 rules 6-8; domain.md, "The negotiation channel").

Lines in “…” are what the person says aloud. Concrete cases here; the same rules over
random profiles are in test_advice_properties.py. The last section keeps the cases that
once broke a rule.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.checklist import Material, materials_for
from bot.domain.lenders import LenderKind
from bot.domain.models import Budget, CaseFacts, Debt, Hardship, HardshipReason, Product
from bot.domain.plan import Recommendation, build_plan
from bot.domain.schedule import largest_period
from bot.domain.script import CallScripts, build_call_scripts
from bot.views.documents import CaseDocuments, documents_for
from tests.domain.wording import (
    MAX_MESSAGE,
    MAX_SPOKEN,
    all_messages,
    assert_safe_and_sayable,
    opening,
    plain,
    spoken,
)

TODAY = date(2026, 11, 24)
P = Product
R = Recommendation
CARD_WORDS = ("第七十条", "第70条", "个性化分期")


def yuan(y: int) -> int:
    return y * 100


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def case(
    *debts: Debt,
    income: int = 6_000,
    essentials: int = 4_000,
    other: int = 0,
    payday: int | None = None,
    reason: HardshipReason = HardshipReason.UNEMPLOYED,
    note: str | None = None,
    temporary: bool = True,
    months: int | None = 3,
) -> CaseFacts:
    return CaseFacts(
        debts=debts,
        hardship=Hardship(reason, note=note, temporary=temporary, months=months),
        budget=Budget(yuan(income), yuan(essentials), yuan(other), payday=payday),
    )


def scripts_for(facts: CaseFacts) -> CallScripts:
    return build_call_scripts(facts, build_plan(facts, TODAY), TODAY)


def docs_for(facts: CaseFacts) -> CaseDocuments:
    return documents_for(facts, TODAY, 36)


def said_with(said: list[str], *parts: str) -> bool:
    return any(all(p in q for p in parts) for q in said)


HUABEI = Debt(P.HUABEI, yuan(23_500), date(2026, 10, 10))  # 45 days
GOLDEN = case(HUABEI, payday=15)  # unemployed_temporary_huabei
CARD_AND_HUABEI = case(
    Debt(P.CREDIT_CARD, yuan(30_000), date(2026, 10, 20)),
    Debt(P.HUABEI, yuan(8_000), date(2026, 10, 20)),
    payday=25,
    months=6,
)


# --- the data -------------------------------------------------------------------------


def test_script_data_carries_the_users_numbers():
    plan = build_plan(GOLDEN, TODAY)
    scripts = build_call_scripts(GOLDEN, plan, TODAY)
    (s,) = scripts.scripts
    assert s.lender.kind is LenderKind.ANT and not s.is_card and not s.other_lenders
    assert s.debts[0].overdue_fen == yuan(23_500) and s.debts[0].days_overdue == 45
    assert s.base_fen == yuan(23_500) and not s.whole_known
    assert s.penalty_fen == 52_875 and s.penalty_estimated
    ask = s.ask
    assert ask.kind is R.INSTALLMENTS
    assert ask.amounts == plan.lenders[0].installments
    assert (ask.monthly_fen, ask.periods, ask.last_fen) == (yuan(1_679), 14, yuan(1_673))
    assert ask.first_due == date(2026, 12, 17) and ask.payday == 15
    assert ask.pause_months is None
    f = s.fallbacks
    assert f.twelve_monthly_fen == yuan(1_959) == largest_period((yuan(23_500),), 12)
    assert f.part_now_fen == yuan(1_800) == s.share_limit_fen
    assert f.not_waived_total_fen == yuan(23_500) + 52_875
    assert (f.not_waived_periods, f.not_waived_monthly_fen) == (14, yuan(1_717))
    assert scripts.materials == materials_for(HardshipReason.UNEMPLOYED)


def test_no_twelve_period_fallback_when_the_ask_is_twelve_or_fewer():
    facts = case(Debt(P.HUABEI, yuan(20_000), ago(40)), income=5_000, essentials=2_000)
    (s,) = scripts_for(facts).scripts
    assert s.ask.periods == 12
    assert s.fallbacks.twelve_monthly_fen is None


def test_one_script_per_lender_each_with_its_own_share():
    plan = build_plan(CARD_AND_HUABEI, TODAY)
    card, ant = build_call_scripts(CARD_AND_HUABEI, plan, TODAY).scripts
    assert (card.lender.kind, ant.lender.kind) == (LenderKind.CARD_BANK, LenderKind.ANT)
    assert card.is_card and card.other_lenders and ant.other_lenders
    assert [d.product for d in card.debts] == [P.CREDIT_CARD]
    assert [d.product for d in ant.debts] == [P.HUABEI]
    assert (card.ask.monthly_fen, ant.ask.monthly_fen) == (yuan(1_364), yuan(364))
    assert card.ask.periods == ant.ask.periods == 22
    assert card.share_limit_fen + ant.share_limit_fen <= yuan(1_800)
    assert card.fallbacks.part_now_fen == card.share_limit_fen
    assert ant.fallbacks.part_now_fen == ant.share_limit_fen
    assert card.fallbacks.twelve_monthly_fen == yuan(2_500)
    assert ant.fallbacks.twelve_monthly_fen == yuan(667)
    assert card.fallbacks.not_waived_total_fen == yuan(30_525)
    assert ant.fallbacks.not_waived_total_fen == yuan(8_140)


def test_pause_and_long_asks():
    pause = case(HUABEI, income=0, essentials=1_500)
    (s,) = scripts_for(pause).scripts
    assert s.ask.kind is R.PAUSE and s.ask.pause_months == 3
    assert s.ask.amounts == () and s.ask.monthly_fen is None
    assert s.fallbacks.twelve_monthly_fen is None and s.fallbacks.not_waived_total_fen is None
    huge = case(Debt(P.JIEBEI, yuan(300_000), ago(60)), income=3_000, essentials=2_800)
    (s,) = scripts_for(huge).scripts
    assert s.ask.kind is R.LONG_INSTALLMENTS
    assert (s.ask.monthly_fen, s.ask.periods) == (yuan(180), 1_667)
    assert s.fallbacks.twelve_monthly_fen == yuan(25_000)
    assert s.fallbacks.part_now_fen == yuan(180)


def test_no_income_materials():
    (s,) = scripts_for(case(HUABEI, income=0, essentials=1_500)).scripts
    assert s.reason.no_income
    materials = scripts_for(case(HUABEI, income=0, essentials=1_500)).materials
    assert Material.NO_INCOME_PROOF in materials and Material.INCOME_PROOF not in materials


# --- the words ------------------------------------------------------------------------


def test_rendered_script_shows_the_ask_and_the_hotline():
    (lender,) = docs_for(GOLDEN).lenders
    text = "\n".join(lender.script)
    said = spoken(lender.script)
    assert "95188" in text and "以实际为准" in text
    assert said_with(said, "申请", "14 期", "每月还 1,679 元")
    assert said_with(said, "最后一期", "1,673 元")
    assert said_with(said, "12月17日")
    assert opening(lender.script).startswith("您好")


def test_the_first_ask_is_the_exact_total_and_the_estimate_is_never_quoted():
    (lender,) = docs_for(GOLDEN).lenders
    opening = lender.script[0]
    assert "“麻烦先帮我核对一下，我现在一共要还多少？”" in opening
    assert "罚息每天算多少" in opening
    # the bot's own estimate (528.75 ≈ 529) is a note for the person, never said
    text = "\n".join(lender.script)
    assert "529 元" in text
    assert not any("529" in q or "528" in q for q in spoken(lender.script))


def test_pay_now_script_says_nothing_untrue():
    facts = case(Debt(P.HUABEI, yuan(3_000), date(2026, 11, 4)), income=15_000, essentials=6_000)
    docs = docs_for(facts)
    assert docs.kind is R.PAY_NOW
    (lender,) = docs.lenders
    said = spoken(lender.script)
    assert opening(lender.script).startswith("您好")
    assert said_with(said, "花呗", "已经全部还上了")
    assert not any("还不上" in q for q in said)
    assert "一次还清" in docs.plan[0]


def test_part_now_script():
    facts = case(Debt(P.HUABEI, yuan(800), date(2026, 11, 14)), income=3_000, essentials=2_500)
    facts = CaseFacts(facts.debts, facts.hardship, Budget(yuan(3_000), yuan(2_500), 0, payday=15))
    docs = docs_for(facts)
    assert docs.kind is R.PART_NOW
    said = spoken(docs.lenders[0].script)
    assert said_with(said, "先还 450 元", "354 元", "1月17日")


def test_pause_script_asks_for_nothing_it_cannot_pay():
    docs = docs_for(case(HUABEI, income=0, essentials=1_500))
    said = spoken(docs.lenders[0].script)
    assert said_with(said, "没有收入")
    assert said_with(said, "申请", "暂缓 3 个月")
    assert not any("每月还" in q for q in said)


def test_a_workable_plan_never_says_there_is_no_money():
    docs = docs_for(GOLDEN)
    text = "\n".join(docs.lenders[0].script)
    assert docs.kind is R.INSTALLMENTS
    assert "拿不出钱" not in text
    assert "每月还 1,679 元" in text


def test_credit_card_rule_only_in_the_card_script():
    docs = docs_for(CARD_AND_HUABEI)
    card, ant = docs.lenders
    card_text = "\n".join((*card.script, card.chat_text))
    ant_text = "\n".join((*ant.script, ant.chat_text))
    for word in CARD_WORDS:
        assert word in card_text
        assert word not in ant_text
        assert all(word not in m for m in (*docs.plan, docs.checklist))
    assert "可作参考" in card_text and "不适用于花呗" in card_text
    assert "还清前不再申请新的信用卡" in card_text
    assert "信用卡" not in ant_text
    assert "95188" in ant.script[0]
    assert said_with(spoken(card.script), "申请", "22 期", "每月还 1,364 元")
    assert said_with(spoken(ant.script), "申请", "22 期", "每月还 364 元")
    assert "1,364" not in ant_text and "364 元" not in card_text.replace("1,364 元", "")
    assert "我另外还有别的欠款要还" in ant_text
    # the 95188 script never hears the combined monthly figure
    assert "1,728" not in ant_text


def test_no_card_words_without_a_card():
    docs = docs_for(case(HUABEI, Debt(P.JIEBEI, yuan(1_000), ago(10))))
    text = "\n".join(all_messages(docs))
    for word in CARD_WORDS:
        assert word not in text
    assert "5 年" not in text


def test_note_is_escaped():
    docs = docs_for(case(HUABEI, note="<script>&"))
    text = "\n".join(all_messages(docs))
    assert "&lt;script&gt;&amp;" in text and "<script>" not in text


@pytest.mark.parametrize(
    "facts",
    [
        GOLDEN,
        CARD_AND_HUABEI,
        case(HUABEI, income=0, essentials=1_500),
        case(Debt(P.JIEBEI, yuan(300_000), ago(60)), income=3_000, essentials=2_800),
        case(Debt(P.HUABEI, yuan(3_000), ago(20)), income=15_000, essentials=6_000),
        case(Debt(P.WANGSHANGDAI, yuan(30_000), ago(20)), Debt(P.OTHER, yuan(8_000), ago(400))),
    ],
)
def test_safe_wording_everywhere(facts: CaseFacts):
    docs = docs_for(facts)
    messages = assert_safe_and_sayable(docs)
    for m in messages:
        assert len(plain(m)) <= MAX_MESSAGE


# --- the checklist --------------------------------------------------------------------


def test_checklist_matches_reason():
    assert Material.MEDICAL_PROOF in materials_for(HardshipReason.ILLNESS)
    assert Material.UNEMPLOYMENT_PROOF in materials_for(HardshipReason.UNEMPLOYED)
    assert Material.BUSINESS_PROOF in materials_for(HardshipReason.BUSINESS)
    for reason in HardshipReason:
        items = materials_for(reason)
        assert items[:2] == (Material.ID_CARD, Material.INCOME_PROOF)
        assert items[-1] is Material.OWN_SUMMARY
        assert materials_for(reason, no_income=True)[1] is Material.NO_INCOME_PROOF
        text = docs_for(case(HUABEI, reason=reason)).checklist
        assert "身份证" in text and "银行流水" in text
        assert "伪造证明材料可能违法" in text
        none = docs_for(case(HUABEI, reason=reason, income=0, essentials=1_000)).checklist
        assert "没有收入的说明" in none
    ill = docs_for(case(HUABEI, reason=HardshipReason.ILLNESS)).checklist
    assert "诊断证明" in ill


# --- regressions: cases that once broke a rule ------------------------------------------


def test_part_now_in_three_payments_is_short_enough_to_say():
    # 花呗 3,000, limit 1,200: 1,200 now, then 1,200 and 600
    docs = docs_for(case(Debt(P.HUABEI, yuan(3_000), ago(1)), income=10_000, essentials=8_666))
    assert docs.kind is R.PART_NOW
    for q in spoken(docs.lenders[0].script):
        assert len(q) <= MAX_SPOKEN, q


def test_plan_messages_fit_with_four_debts():
    since = date(2026, 6, 1)
    docs = docs_for(
        case(
            Debt(P.JIEBEI, yuan(12_000), since),
            Debt(P.HUABEI, yuan(8_000), since),
            Debt(P.CREDIT_CARD, yuan(15_000), since),
            Debt(P.WANGSHANGDAI, yuan(20_000), since),
            payday=15,
            months=6,
        )
    )
    for m in docs.plan:
        assert len(plain(m)) <= MAX_MESSAGE, m


def test_opening_fits_with_the_users_own_note():
    note = (
        "我在工地干活时摔伤了腿，做了手术，现在还在康复，"
        "老板一直拖着工资不给，家里还有两个孩子要上学。"
    )
    docs = docs_for(case(HUABEI, reason=HardshipReason.ILLNESS, note=note, payday=15))
    for m in docs.lenders[0].script:
        assert len(plain(m)) <= MAX_MESSAGE, len(plain(m))


def test_script_never_asks_more_than_it_says_is_the_most():
    facts = case(
        Debt(P.HUABEI, yuan(4_393), ago(30)),
        Debt(P.CREDIT_CARD, yuan(3_107), ago(30)),
        income=4_200,
        essentials=3_604,
    )
    for s in scripts_for(facts).scripts:
        assert s.ask.monthly_fen is not None
        assert max(s.ask.amounts) <= s.share_limit_fen
        assert s.fallbacks.part_now_fen >= s.ask.monthly_fen


def test_script_states_every_installment_truthfully():
    facts = case(
        Debt(P.HUABEI, yuan(300), ago(30)),
        Debt(P.CREDIT_CARD, yuan(30_000), ago(30)),
        income=10_000,
        essentials=8_888,
    )
    for s in scripts_for(facts).scripts:
        ask = s.ask
        assert ask.kind is R.INSTALLMENTS
        # "每月还 X" and, if different, "最后一期是 Y": nothing else
        assert all(a == ask.monthly_fen for a in ask.amounts[:-1])
