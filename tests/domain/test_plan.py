"""build_plan and the penalty estimate: the option an adviser would lead with, from the
person's own numbers (issue 8; domain.md, "Affordability" and "What being overdue costs").

Concrete cases, most of them the review's profiles; the same rules over random profiles
are in test_advice_properties.py. The last section keeps
the cases that once broke a rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.lenders import LenderKind
from bot.domain.models import (
    Budget,
    CaseFacts,
    Debt,
    Hardship,
    HardshipReason,
    Product,
    RateBasis,
)
from bot.domain.paydays import due_dates
from bot.domain.penalty import estimate_penalty, penalty_from_loan_rate, simple_penalty_fen
from bot.domain.plan import HelpPointer, Recommendation, build_plan
from bot.domain.schedule import periods_needed

TODAY = date(2026, 11, 24)
P = Product
R = Recommendation


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
    temporary: bool = False,
    months: int | None = None,
) -> CaseFacts:
    """A case with the budget in whole yuan."""
    return CaseFacts(
        debts=debts,
        hardship=Hardship(reason, temporary=temporary, months=months),
        budget=Budget(yuan(income), yuan(essentials), yuan(other), payday=payday),
    )


HUABEI_23500 = Debt(P.HUABEI, yuan(23_500), date(2026, 10, 10))  # 45 days overdue


# --- penalty ---------------------------------------------------------------------------


def test_penalty_estimated_for_huabei_matches_the_article_formula():
    p = estimate_penalty(HUABEI_23500, TODAY)
    assert (p.rate_ppm, p.estimated, p.days, p.loan_rate_ppm) == (500, True, 45, None)
    assert p.so_far_fen == 52_875  # 23,500 x 0.05% x 45 = 528.75
    assert p.per_30_days_fen == 35_250


def test_penalty_jiebei_without_rate_assumes_loan_rate_and_converts():
    p = estimate_penalty(Debt(P.JIEBEI, yuan(10_000), ago(10)), TODAY)
    assert (p.rate_ppm, p.estimated, p.loan_rate_ppm) == (750, True, 500)
    assert p.so_far_fen == yuan(75)  # 10,000 x 0.075% x 10


def test_penalty_jiebei_loan_rate_from_jiekuan_xiangqing_is_one_and_a_half_times():
    # golden illness_lasting_jiebei: 借款详情 0.05 %/day, 60 days: 2,250 (not 1,500)
    debt = Debt(
        P.JIEBEI, yuan(50_000), date(2026, 9, 25), daily_rate_ppm=500, rate_basis=RateBasis.LOAN
    )
    p = estimate_penalty(debt, TODAY)
    assert (p.rate_ppm, p.estimated, p.loan_rate_ppm, p.days) == (750, True, 500, 60)
    assert p.so_far_fen == yuan(2_250)
    assert p.per_30_days_fen == yuan(1_125)


def test_penalty_jiebei_typed_penalty_rate_is_used_as_is():
    debt = Debt(P.JIEBEI, yuan(50_000), date(2026, 9, 25), daily_rate_ppm=750)
    p = estimate_penalty(debt, TODAY)
    assert (p.rate_ppm, p.estimated, p.loan_rate_ppm) == (750, False, None)
    assert p.so_far_fen == yuan(2_250)


@pytest.mark.parametrize(
    ("loan", "penalty"), [(500, 750), (333, 500), (1, 2), (2, 3), (3, 5), (400, 600), (0, 0)]
)
def test_loan_rate_conversion_rounds_half_up_to_one_ppm(loan: int, penalty: int):
    assert penalty_from_loan_rate(loan) == penalty
    debt = Debt(P.JIEBEI, yuan(1_000), ago(1), daily_rate_ppm=loan, rate_basis=RateBasis.LOAN)
    assert estimate_penalty(debt, TODAY).rate_ppm == penalty


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 100_000))
def test_loan_rate_conversion_property(loan: int):
    expected = int((Decimal(loan) * Decimal("1.5")).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert penalty_from_loan_rate(loan) == expected


@pytest.mark.parametrize(
    "product", [P.HUABEI, P.BEIYONGJIN, P.WANGSHANGDAI, P.CREDIT_CARD, P.OTHER]
)
def test_penalty_other_products_default_to_500_ppm(product: Product):
    p = estimate_penalty(Debt(product, yuan(2_000), ago(30)), TODAY)
    assert (p.rate_ppm, p.estimated, p.loan_rate_ppm) == (500, True, None)
    assert p.so_far_fen == yuan(30)


def test_penalty_uses_given_rate_and_rounds_half_up():
    p = estimate_penalty(Debt(P.JIEBEI, 101, ago(1), daily_rate_ppm=5_000), TODAY)
    # 101 x 5000 x 1 / 1e6 = 0.505 fen -> 1 fen
    assert (p.estimated, p.so_far_fen) == (False, 1)
    assert simple_penalty_fen(100, 5_000, 1) == 1  # 0.5 -> 1
    assert simple_penalty_fen(99, 5_000, 1) == 0  # 0.495 -> 0


def test_penalty_future_overdue_date_counts_zero_days():
    p = estimate_penalty(Debt(P.HUABEI, 100, date(2026, 12, 1)), TODAY)
    assert p.days == 0 and p.so_far_fen == 0


# --- the order of options -------------------------------------------------------------


def test_temporary_hardship_with_affordable_installments_gets_installments_not_pause():
    # golden unemployed_temporary_huabei: 3 months of hardship, 1,800 a month affordable
    plan = build_plan(case(HUABEI_23500, payday=15, temporary=True, months=3), TODAY)
    assert plan.kind is R.INSTALLMENTS
    assert plan.pause_months is None
    s = plan.schedule
    assert s is not None and s.periods == 14
    assert s.debts[0].installments == (yuan(1_679),) * 13 + (yuan(1_673),)
    assert s.first_due == date(2026, 12, 17)  # payday 15 + 2; 11-17 is too soon
    assert s.due_dates == due_dates(TODAY, 15, 14)
    assert plan.limit_fen == yuan(1_800)
    assert plan.monthly_fen == yuan(1_679)
    assert plan.debt_ratio_pct == 28


def test_pay_now_when_the_month_covers_everything():
    # review profile (f): 3,000 + 30 penalty, limit 5,400: pay it in the app, no call needed
    debt = Debt(P.HUABEI, yuan(3_000), date(2026, 11, 4))
    plan = build_plan(case(debt, income=15_000, essentials=6_000, payday=10), TODAY)
    assert plan.kind is R.PAY_NOW
    assert plan.limit_fen == yuan(5_400)
    s = plan.schedule
    assert s is not None and s.periods == 1
    assert s.debts[0].installments == (yuan(3_030),)  # the penalty so far is included
    assert s.first_due == date(2026, 12, 12)
    assert plan.not_waived is None and plan.pause_months is None


def test_pay_now_boundary_is_the_limit_to_the_fen():
    debt = Debt(P.HUABEI, yuan(1_000), ago(10), daily_rate_ppm=1_000)  # + 10 元 penalty
    at_limit = build_plan(case(debt, income=10_000, essentials=8_877), TODAY)
    assert at_limit.limit_fen == yuan(1_010)
    assert at_limit.kind is R.PAY_NOW
    below = build_plan(case(debt, income=10_000, essentials=8_878), TODAY)
    assert below.limit_fen == yuan(1_009)
    assert below.kind is R.PART_NOW


def test_part_now_when_a_short_shortfall():
    # review profile (a): 800 + 4 penalty, limit 450: 450 now, 354 on the next payday
    debt = Debt(P.HUABEI, yuan(800), date(2026, 11, 14))
    plan = build_plan(case(debt, income=3_000, essentials=2_500, payday=15), TODAY)
    assert plan.kind is R.PART_NOW
    s = plan.schedule
    assert s is not None
    assert s.debts[0].installments == (yuan(450), 35_400)
    assert s.due_dates == (date(2026, 12, 17), date(2027, 1, 17))


def test_part_now_in_three_payments():
    debt = Debt(P.HUABEI, yuan(3_000), ago(1))  # + 1.50 penalty
    plan = build_plan(case(debt, income=10_000, essentials=8_666), TODAY)
    assert plan.limit_fen == yuan(1_200)
    assert plan.kind is R.PART_NOW
    assert plan.schedule is not None
    assert plan.schedule.debts[0].installments == (yuan(1_200), yuan(1_200), 60_150)


def test_installments_when_more_than_three_payments():
    debt = Debt(P.HUABEI, yuan(3_700), ago(1))
    plan = build_plan(case(debt, income=10_000, essentials=8_666), TODAY)
    assert plan.kind is R.INSTALLMENTS
    assert plan.schedule is not None and plan.schedule.periods == 4
    # installments schedule the debt itself; the penalty is asked to be waived
    assert sum(plan.schedule.debts[0].installments) == yuan(3_700)


def test_pause_only_when_nothing_can_be_offered():
    # golden business_no_surplus_two_debts: a deficit of 200 a month
    plan = build_plan(
        case(
            Debt(P.HUABEI, yuan(12_000), date(2026, 10, 25)),
            Debt(P.WANGSHANGDAI, yuan(30_000), date(2026, 11, 4)),
            income=4_000,
            essentials=4_200,
            reason=HardshipReason.BUSINESS,
        ),
        TODAY,
    )
    assert plan.kind is R.PAUSE
    assert plan.limit_fen == 0
    assert plan.schedule is None and plan.not_waived is None
    assert plan.monthly_fen is None
    assert plan.pause_months == 3  # no known end: a review date
    assert HelpPointer.COMMUNITY in plan.help


@pytest.mark.parametrize(
    ("temporary", "months", "pause"),
    [(True, 6, 6), (True, None, 3), (False, 6, 3), (False, None, 3)],
)
def test_pause_length(temporary: bool, months: int | None, pause: int):
    facts = case(HUABEI_23500, income=0, essentials=1_500, temporary=temporary, months=months)
    plan = build_plan(facts, TODAY)
    assert plan.kind is R.PAUSE and plan.pause_months == pause


def test_other_debts_over_36_percent_mean_a_pause_not_a_new_installment():
    plan = build_plan(case(HUABEI_23500, income=5_000, essentials=2_500, other=1_800), TODAY)
    assert plan.money.other_debts_over_ratio
    assert plan.kind is R.PAUSE


def test_long_installments_when_the_limit_cannot_finish_in_time():
    # review profile (b): 300,000 at 180 a month
    debt = Debt(P.JIEBEI, yuan(300_000), date(2026, 9, 25))
    plan = build_plan(case(debt, income=3_000, essentials=2_800, payday=20), TODAY)
    assert plan.kind is R.LONG_INSTALLMENTS
    assert plan.schedule is None and plan.not_waived is None
    assert plan.limit_fen == yuan(180)
    assert plan.months_needed == 1_667
    assert plan.monthly_for_max_fen == yuan(8_334)
    assert plan.monthly_fen == yuan(180)
    assert plan.help[0] is HelpPointer.LEGAL_AID  # the right help first
    assert plan.lenders[0].share_limit_fen == yuan(180)


def test_max_periods_is_configurable():
    debt = Debt(P.JIEBEI, yuan(50_000), ago(30))
    facts = case(debt, income=5_000, essentials=3_800, other=300)
    assert build_plan(facts, TODAY, max_periods=36).kind is R.LONG_INSTALLMENTS
    plan = build_plan(facts, TODAY, max_periods=72)
    assert plan.kind is R.INSTALLMENTS
    assert plan.schedule is not None and plan.schedule.periods == 62


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        build_plan(case(), TODAY)
    with pytest.raises(ValueError):
        build_plan(case(HUABEI_23500), TODAY, max_periods=0)


# --- the limit ------------------------------------------------------------------------


def test_the_36_percent_line_sets_the_proposal():
    # review profile (j): offer 2,700 but 36 % of 5,000 is 1,800: 12 x 1,667, not 8 x 2,500
    debt = Debt(P.HUABEI, yuan(20_000), date(2026, 10, 15))
    plan = build_plan(case(debt, income=5_000, essentials=2_000), TODAY)
    assert plan.kind is R.INSTALLMENTS
    assert plan.limit_fen == yuan(1_800)
    assert plan.schedule is not None and plan.schedule.periods == 12
    assert plan.schedule.regular_total_fen == yuan(1_667)
    assert plan.debt_ratio_pct == 33


def test_two_lenders_share_the_limit_in_proportion():
    # review profile (e): credit card 30,000 + 花呗 8,000, limit 1,800
    plan = build_plan(
        case(
            Debt(P.CREDIT_CARD, yuan(30_000), date(2026, 10, 20)),
            Debt(P.HUABEI, yuan(8_000), date(2026, 10, 20)),
            payday=25,
        ),
        TODAY,
    )
    assert plan.kind is R.INSTALLMENTS
    card, ant = plan.lenders
    assert (card.lender.kind, ant.lender.kind) == (LenderKind.CARD_BANK, LenderKind.ANT)
    assert (card.base_fen, ant.base_fen) == (yuan(30_000), yuan(8_000))
    assert card.share_limit_fen + ant.share_limit_fen <= plan.limit_fen
    # roughly in proportion to what each is owed (30 : 8)
    assert abs(card.share_limit_fen * 8 - ant.share_limit_fen * 30) <= yuan(30 + 8) * 2
    assert card.installments is not None and ant.installments is not None
    assert (card.installments[0], ant.installments[0]) == (yuan(1_364), yuan(364))
    assert (card.penalty_fen, ant.penalty_fen) == (yuan(525), yuan(140))
    assert plan.schedule is not None and plan.schedule.periods == 22


# --- the whole debt -------------------------------------------------------------------


def test_total_due_is_what_the_plan_schedules():
    debt = Debt(P.JIEBEI, yuan(10_000), ago(45), total_due_fen=yuan(40_000))
    plan = build_plan(case(debt), TODAY)
    assert plan.base_fen == yuan(40_000)
    assert plan.covers_whole_debt and plan.whole_known == (True,)
    assert plan.kind is R.INSTALLMENTS
    assert plan.schedule is not None
    assert sum(plan.schedule.debts[0].installments) == yuan(40_000)
    assert plan.lenders[0].base_fen == yuan(40_000)
    assert plan.lenders[0].overdue_fen == yuan(10_000)
    # the penalty is on the overdue part (10,000 x 0.075 % x 45 = 337.50)
    assert plan.cost.so_far_fen == 33_750
    nw = plan.not_waived
    assert nw is not None
    assert sum(nw.debts[0].installments) == yuan(40_000) + 33_750
    assert nw.periods == periods_needed((yuan(40_000) + 33_750,), plan.limit_fen, 36)


def test_total_due_below_the_overdue_amount_is_ignored():
    debt = Debt(P.HUABEI, yuan(5_000), ago(10), total_due_fen=yuan(4_000))
    assert debt.base_fen == yuan(5_000) and debt.whole_known
    assert build_plan(case(debt), TODAY).base_fen == yuan(5_000)


def test_only_some_totals_known():
    plan = build_plan(
        case(
            Debt(P.HUABEI, yuan(5_000), ago(10)),
            Debt(P.JIEBEI, yuan(5_000), ago(10), total_due_fen=yuan(9_000)),
        ),
        TODAY,
    )
    assert plan.whole_known == (False, True)
    assert not plan.covers_whole_debt
    assert plan.base_fen == yuan(14_000)


def test_not_waived_is_the_same_limit_with_the_penalty_added():
    # golden: 23,500 + 528.75 at 1,800 a month: 14 x 1,717, last 1,707.75
    plan = build_plan(case(HUABEI_23500, payday=15), TODAY)
    nw = plan.not_waived
    assert nw is not None
    assert nw.debts[0].installments == (yuan(1_717),) * 13 + (170_775,)
    assert plan.schedule is not None
    assert nw.due_dates == plan.schedule.due_dates
    assert plan.lenders[0].not_waived == nw.period_totals


def test_not_waived_is_none_when_it_would_not_finish():
    # 64,800 is exactly 36 x 1,800; the 1,458 penalty would need a 37th month
    plan = build_plan(case(Debt(P.HUABEI, yuan(64_800), ago(45))), TODAY)
    assert plan.kind is R.INSTALLMENTS
    assert plan.schedule is not None and plan.schedule.periods == 36
    assert plan.not_waived is None
    assert plan.lenders[0].not_waived is None


# --- dates and help -------------------------------------------------------------------


def test_month_end_without_payday_is_clamped_not_drifting():
    # golden g_month_end
    today = date(2027, 1, 31)
    plan = build_plan(case(Debt(P.HUABEI, yuan(23_500), date(2026, 12, 17))), today)
    assert plan.schedule is not None
    assert plan.schedule.due_dates[:3] == (date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30))


def test_long_overdue_debts_get_the_court_pointers():
    # review profile (d): 400 days
    debt = Debt(P.HUABEI, yuan(20_000), date(2025, 10, 20))
    plan = build_plan(case(debt, income=5_000, essentials=3_500, payday=5), TODAY)
    assert plan.long_overdue
    assert HelpPointer.COURT_CHECK in plan.help
    assert not build_plan(case(Debt(P.HUABEI, yuan(20_000), ago(180))), TODAY).long_overdue
    assert build_plan(case(Debt(P.HUABEI, yuan(20_000), ago(181))), TODAY).long_overdue


def test_help_pointers():
    plan = build_plan(case(HUABEI_23500), TODAY)
    assert plan.help == (HelpPointer.UNEMPLOYMENT, HelpPointer.LEGAL_AID, HelpPointer.COMPLAINTS)
    no_income = build_plan(case(HUABEI_23500, income=0, essentials=1_000), TODAY)
    assert HelpPointer.COMMUNITY in no_income.help
    ill = build_plan(case(HUABEI_23500, reason=HardshipReason.ILLNESS), TODAY)
    assert HelpPointer.UNEMPLOYMENT not in ill.help
    for p in (plan, no_income, ill):
        assert len(set(p.help)) == len(p.help)
        assert HelpPointer.LEGAL_AID in p.help and HelpPointer.COMPLAINTS in p.help


# --- regressions: cases that once broke a rule ------------------------------------------


def test_a_small_debt_next_to_a_large_one_at_the_same_lender_does_not_crash():
    # 花呗 3,000 + 备用金 20 (both 95188), limit 100 a month: 31 periods
    facts = case(
        Debt(P.HUABEI, yuan(3_000), ago(30)),
        Debt(P.BEIYONGJIN, yuan(20), ago(30)),
        income=10_000,
        essentials=9_888,
    )
    plan = build_plan(facts, TODAY)
    assert plan.kind is R.INSTALLMENTS


def test_long_installments_only_when_the_debt_cannot_fit_in_max_periods():
    facts = case(
        Debt(P.HUABEI, yuan(10_000), ago(30)),
        Debt(P.CREDIT_CARD, yuan(10), ago(30)),
        income=10_000,
        essentials=9_444,
    )
    plan = build_plan(facts, TODAY)
    assert plan.limit_fen == yuan(500)
    assert plan.kind is R.INSTALLMENTS
    assert plan.schedule is not None and plan.schedule.periods <= 36


def test_part_now_whenever_it_clears_in_two_or_three_payments():
    # 花呗 4,426 + 网商贷 708, 23 days: 5,193.04 with the penalty, limit 2,600 (2 x 2,600 = 5,200)
    facts = case(
        Debt(P.HUABEI, yuan(4_426), ago(23)),
        Debt(P.WANGSHANGDAI, yuan(708), ago(23)),
        income=10_000,
        essentials=7_111,
    )
    plan = build_plan(facts, TODAY)
    assert plan.limit_fen == yuan(2_600)
    assert facts.base_fen + plan.cost.so_far_fen <= 2 * plan.limit_fen
    assert plan.kind is R.PART_NOW


def test_no_lender_is_asked_more_than_its_share():
    facts = case(
        Debt(P.HUABEI, yuan(4_393), ago(30)),
        Debt(P.CREDIT_CARD, yuan(3_107), ago(30)),
        income=4_200,
        essentials=3_604,
    )
    plan = build_plan(facts, TODAY)
    assert plan.kind is R.INSTALLMENTS
    for part in plan.lenders:
        assert part.installments is not None
        assert max(part.installments) <= part.share_limit_fen


def test_each_lender_pays_one_regular_amount_except_the_last():
    facts = case(
        Debt(P.HUABEI, yuan(300), ago(30)),
        Debt(P.CREDIT_CARD, yuan(30_000), ago(30)),
        income=10_000,
        essentials=8_888,
    )
    plan = build_plan(facts, TODAY)
    assert plan.kind is R.INSTALLMENTS
    for part in plan.lenders:
        assert part.installments is not None
        paying = tuple(x for x in part.installments if x > 0)
        assert part.installments[: len(paying)] == paying
        assert len(set(paying[:-1])) == 1
    # 花呗 300 元 is paid off at 50 元 a month instead of 10 and 9 元 a month
    assert plan.lenders[0].installments[:7] == (5_000,) * 6 + (0,)


def test_no_month_above_the_limit_when_a_lender_has_a_small_second_debt():
    # 花呗 300 + 备用金 159; the limit of 20 is also the 36 % line here (other 1,060 of 3,000)
    for facts in (
        case(
            Debt(P.HUABEI, yuan(300), ago(30)),
            Debt(P.BEIYONGJIN, yuan(159), ago(30)),
            income=3_000,
            essentials=2_977,
        ),
        case(
            Debt(P.HUABEI, yuan(300), ago(30)),
            Debt(P.BEIYONGJIN, yuan(159), ago(30)),
            income=3_000,
            essentials=500,
            other=1_060,
        ),
    ):
        plan = build_plan(facts, TODAY)
        assert plan.limit_fen == yuan(20)
        assert plan.schedule is not None
        assert plan.schedule.max_period_fen <= plan.limit_fen
        other = facts.budget.other_debts_fen
        assert (plan.schedule.max_period_fen + other) * 100 <= 36 * facts.budget.income_fen


def test_no_month_above_the_limit_with_three_debts_at_95188():
    facts = CaseFacts(
        debts=(
            Debt(P.HUABEI, 185_457, ago(30)),
            Debt(P.JIEBEI, 107_416, ago(30)),
            Debt(P.BEIYONGJIN, yuan(1_147), ago(30)),
        ),
        hardship=Hardship(HardshipReason.UNEMPLOYED),
        budget=Budget(yuan(5_000), yuan(4_927), 0),
    )
    plan = build_plan(facts, TODAY, max_periods=72)
    assert plan.limit_fen == yuan(65)
    assert plan.kind is R.INSTALLMENTS
    assert plan.schedule is not None
    assert plan.schedule.max_period_fen <= plan.limit_fen
    assert sum(part.share_limit_fen for part in plan.lenders) <= plan.limit_fen


def test_a_tiny_surplus_against_a_faster_penalty_gets_a_token_and_a_pause():
    facts = case(
        Debt(P.CREDIT_CARD, yuan(20_000), date(2026, 9, 1)),
        Debt(P.WANGSHANGDAI, yuan(3_000), date(2026, 10, 1)),
        income=3_000,
        essentials=2_970,
        payday=10,
        reason=HardshipReason.FAMILY,
    )
    plan = build_plan(facts, TODAY)
    assert plan.limit_fen == yuan(27)
    # 27 元 a month against a penalty growing 345 元 a month would take 71 years: a token
    # payment and a pause, deliberately (golden q_surplus_30_token_and_pause)
    assert plan.kind is R.PAUSE and plan.token_fen == yuan(27)


def test_each_debt_is_paid_in_whole_yuan_but_its_last_payment():
    facts = CaseFacts(
        debts=(Debt(P.JIEBEI, yuan(5_067), ago(88)), Debt(P.HUABEI, yuan(1_328), ago(6))),
        hardship=Hardship(HardshipReason.UNEMPLOYED),
        budget=Budget(yuan(9_352), yuan(5_535), 0, payday=15),
    )
    plan = build_plan(facts, TODAY)
    assert plan.limit_fen == yuan(3_366)
    assert plan.kind is R.PART_NOW
    assert plan.schedule is not None
    for d in plan.schedule.debts:
        paying = [x for x in d.installments if x]
        assert all(x % 100 == 0 for x in paying[:-1]), d.installments


def test_payday_28_is_due_on_the_first():
    # a fixed day an agent can enter: the 1st after a payday from the 28th to month end
    plan = build_plan(case(HUABEI_23500, payday=28), TODAY)
    assert plan.schedule is not None
    assert plan.schedule.first_due == date(2026, 12, 1)


def test_long_installments_within_five_years_are_longer_than_usual():
    # 网商贷 50,000 at 1,350 a month: 38 months, the penalty (750 a month) below the payment
    plan = build_plan(case(Debt(P.WANGSHANGDAI, yuan(50_000), ago(730)), essentials=4_500), TODAY)
    assert plan.kind is R.LONG_INSTALLMENTS and plan.limit_fen == yuan(1_350)
    assert plan.months_needed == 38 and plan.longer_than_usual
    # the two years' penalty, if not waived, makes it 51
    assert plan.months_not_waived == 51


def test_long_installments_the_penalty_outgrows_are_not_longer_than_usual():
    # 借呗 40,000 at 799 a month: 51 months, but its penalty (about 900 a month) grows faster
    plan = build_plan(
        case(Debt(P.JIEBEI, yuan(40_000), ago(30)), income=5_000, essentials=4_112), TODAY
    )
    assert plan.kind is R.LONG_INSTALLMENTS and plan.limit_fen == yuan(799)
    assert plan.months_needed == 51 and plan.cost.per_30_days_fen >= plan.limit_fen
    assert not plan.longer_than_usual


def test_long_installments_over_five_years_are_not_longer_than_usual():
    plan = build_plan(case(Debt(P.HUABEI, yuan(100_000), ago(30)), essentials=4_500), TODAY)
    assert plan.kind is R.LONG_INSTALLMENTS and plan.months_needed is not None
    assert plan.months_needed > 60 and not plan.longer_than_usual
