"""build_plan: exact sums, affordability, dates, infeasible cases, and properties."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.models import Budget, CaseFacts, Debt, Hardship, HardshipReason, Product
from bot.domain.penalty import estimate_penalty
from bot.domain.plan import InfeasibleKind, Plan, PlanFlag, buffer_for, build_plan
from bot.domain.schedule import Schedule, split_to_fen, split_whole_yuan

TODAY = date(2026, 11, 24)


def facts(
    *debts: Debt,
    income: int = 600_000,
    essentials: int = 400_000,
    other: int = 0,
    temporary: bool = False,
    months: int | None = None,
) -> CaseFacts:
    return CaseFacts(
        debts=debts,
        hardship=Hardship(HardshipReason.UNEMPLOYED, temporary=temporary, months=months),
        budget=Budget(income, essentials, other),
    )


HUABEI_23500 = Debt(Product.HUABEI, 2_350_000, date(2026, 10, 10))


# --- penalty -------------------------------------------------------------------------


def test_penalty_estimated_for_huabei_matches_the_article_formula():
    p = estimate_penalty(HUABEI_23500, TODAY)
    assert (p.rate_ppm, p.estimated, p.days) == (500, True, 45)
    assert p.so_far_fen == 52_875  # 23,500 x 0.05% x 45 = 528.75
    assert p.per_30_days_fen == 35_250


def test_penalty_jiebei_estimate_is_one_and_a_half_times_common_rate():
    p = estimate_penalty(Debt(Product.JIEBEI, 1_000_000, TODAY), TODAY)
    assert (p.rate_ppm, p.estimated, p.days, p.so_far_fen) == (750, True, 0, 0)


def test_penalty_uses_given_rate_and_rounds_half_up():
    p = estimate_penalty(Debt(Product.JIEBEI, 101, date(2026, 11, 23), daily_rate_ppm=5_000), TODAY)
    # 101 x 5000 x 1 / 1e6 = 0.505 fen -> 1 fen
    assert (p.estimated, p.so_far_fen) == (False, 1)


def test_penalty_future_overdue_date_counts_zero_days():
    assert estimate_penalty(Debt(Product.HUABEI, 100, date(2026, 12, 1)), TODAY).days == 0


# --- feasible plan -------------------------------------------------------------------


def test_profile_one_numbers():
    plan = build_plan(facts(HUABEI_23500, temporary=True, months=3), TODAY)
    assert (plan.surplus_fen, plan.buffer_fen, plan.offer_fen) == (200_000, 20_000, 180_000)
    a = plan.installments
    assert a is not None and a.whole_yuan
    assert a.periods == 14
    assert a.debts[0].installments == (167_900,) * 13 + (167_300,)
    assert a.first_due == date(2026, 12, 24)
    assert plan.pause is not None and plan.pause.months == 3
    assert plan.pause.schedule.first_due == date(2027, 3, 24)
    assert plan.waiver.penalty_fen == 52_875 and plan.waiver.estimated
    assert plan.infeasible is None
    assert not plan.high_debt_ratio and plan.debt_ratio_pct == 28


def test_buffer_rounds_half_up_and_is_zero_without_surplus():
    assert buffer_for(5) == 1  # 0.5 fen -> 1
    assert buffer_for(4) == 0
    assert buffer_for(0) == 0 and buffer_for(-100) == 0


def test_one_payment_when_offer_covers_everything():
    plan = build_plan(facts(Debt(Product.HUABEI, 50_000, TODAY)), TODAY)
    assert plan.installments is not None and plan.installments.periods == 1


def test_falls_back_to_fen_split_when_whole_yuan_exceeds_offer():
    # surplus 999.56 -> offer 899.60; 1,799 over 2 is 899.50, but whole yuan would be 900.
    debt = Debt(Product.HUABEI, 179_900, TODAY)
    plan = build_plan(facts(debt, income=99_956, essentials=0), TODAY)
    assert plan.offer_fen == 89_960
    a = plan.installments
    assert a is not None and not a.whole_yuan
    assert a.debts[0].installments == (89_950, 89_950)


def test_split_helpers():
    assert split_whole_yuan(2_350_000, 14) == (167_900,) * 13 + (167_300,)
    assert split_whole_yuan(101, 3) is None  # last would be negative
    assert split_to_fen(10, 3) == (4, 3, 3)


def test_month_end_days_are_clamped_not_drifting():
    plan = build_plan(
        facts(Debt(Product.HUABEI, 900_000, date(2027, 1, 1)), income=200_000, essentials=0),
        date(2027, 1, 31),
    )
    assert plan.installments is not None
    assert plan.installments.due_dates[:3] == (
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
    )


def test_pause_only_when_temporary_with_months():
    assert build_plan(facts(HUABEI_23500), TODAY).pause is None
    assert build_plan(facts(HUABEI_23500, temporary=True), TODAY).pause is None
    assert build_plan(facts(HUABEI_23500, months=3), TODAY).pause is None


def test_high_debt_ratio_flag():
    # surplus 3,000 of 5,000 income: the plan pays 2,700 a month = 54 %.
    plan = build_plan(facts(HUABEI_23500, income=500_000, essentials=200_000), TODAY)
    assert PlanFlag.HIGH_DEBT_RATIO in plan.flags and plan.high_debt_ratio


def test_two_debts_share_in_proportion():
    plan = build_plan(
        facts(
            Debt(Product.HUABEI, 1_200_000, TODAY),
            Debt(Product.WANGSHANGDAI, 3_000_000, TODAY),
            income=600_000,
            essentials=400_000,
        ),
        TODAY,
    )
    a = plan.installments
    assert a is not None
    assert [d.regular_fen for d in a.debts] == [50_000, 125_000]  # 12,000 : 30,000 over 24


# --- infeasible ----------------------------------------------------------------------


def test_no_surplus_has_no_schedule():
    plan = build_plan(facts(HUABEI_23500, income=400_000, essentials=420_000), TODAY)
    assert plan.installments is None and plan.pause is None
    assert plan.infeasible is not None
    assert plan.infeasible.kind is InfeasibleKind.NO_SURPLUS
    assert plan.infeasible.good_faith_fen is None and plan.infeasible.request_pause
    assert plan.monthly_fen is None and plan.offer_fen == 0


def test_too_long_offers_good_faith_amount():
    debt = Debt(Product.JIEBEI, 5_000_000, date(2026, 9, 25), daily_rate_ppm=500)
    plan = build_plan(facts(debt, income=500_000, essentials=380_000, other=30_000), TODAY)
    assert plan.infeasible is not None
    assert plan.infeasible.kind is InfeasibleKind.TOO_LONG
    assert plan.infeasible.good_faith_fen == plan.offer_fen == 81_000
    assert plan.installments is None
    assert plan.waiver.penalty_fen == 150_000 and not plan.waiver.estimated


def test_max_periods_is_configurable():
    debt = Debt(Product.JIEBEI, 5_000_000, TODAY)
    budget = {"income": 500_000, "essentials": 380_000, "other": 30_000}
    assert build_plan(facts(debt, **budget), TODAY, max_periods=36).infeasible is not None
    plan = build_plan(facts(debt, **budget), TODAY, max_periods=72)
    assert plan.installments is not None and plan.installments.periods == 62


# --- properties ----------------------------------------------------------------------

debts_st = st.lists(
    st.builds(
        Debt,
        product=st.sampled_from(Product),
        amount_fen=st.integers(1, 50_000_000),
        overdue_since=st.dates(date(2020, 1, 1), TODAY),
        daily_rate_ppm=st.none() | st.integers(0, 2_000),
    ),
    min_size=1,
    max_size=4,
).map(tuple)

facts_st = st.builds(
    CaseFacts,
    debts=debts_st,
    hardship=st.builds(
        Hardship,
        reason=st.sampled_from(HardshipReason),
        temporary=st.booleans(),
        months=st.none() | st.integers(1, 24),
    ),
    budget=st.builds(
        Budget,
        income_fen=st.integers(0, 10_000_000),
        essentials_fen=st.integers(0, 5_000_000),
        other_debts_fen=st.integers(0, 2_000_000),
    ),
)


def _check_schedule(s: Schedule, plan: Plan, max_periods: int, first_month: int) -> None:
    assert 1 <= s.periods <= max_periods
    for d in s.debts:
        assert sum(d.installments) == d.amount_fen
        assert len(d.installments) == s.periods
        # proportional: the usual installment is within 1 yuan of amount / n
        assert abs(d.regular_fen * s.periods - d.amount_fen) <= 100 * s.periods
    assert max(s.period_totals) <= plan.offer_fen
    assert s.period_totals == tuple(
        sum(p) for p in zip(*(d.installments for d in s.debts), strict=True)
    )
    assert all(d > TODAY for d in s.due_dates)
    expected = tuple(TODAY + relativedelta(months=first_month + k) for k in range(s.periods))
    assert s.due_dates == expected
    assert all(a < b for a, b in zip(s.due_dates, s.due_dates[1:], strict=False))


@settings(max_examples=300, deadline=None)
@given(facts_st, st.integers(1, 60))
def test_plan_properties(f: CaseFacts, max_periods: int):
    plan = build_plan(f, TODAY, max_periods=max_periods)
    assert (plan.installments is None) == (plan.infeasible is not None)
    if f.budget.surplus_fen <= 0:
        assert plan.infeasible is not None
        assert plan.infeasible.kind is InfeasibleKind.NO_SURPLUS
    if plan.installments is not None:
        _check_schedule(plan.installments, plan, max_periods, 1)
        assert plan.monthly_fen == plan.installments.max_period_fen
    else:
        assert plan.pause is None
    if plan.pause is not None:
        assert f.hardship.temporary and f.hardship.months
        _check_schedule(plan.pause.schedule, plan, max_periods, plan.pause.months + 1)
    elif plan.installments is not None:
        assert not (f.hardship.temporary and f.hardship.months)
    assert plan.offer_fen + plan.buffer_fen == max(plan.surplus_fen, 0) or plan.surplus_fen <= 0
    ints = [plan.surplus_fen, plan.buffer_fen, plan.offer_fen, plan.waiver.penalty_fen]
    ints += [plan.cost.so_far_fen, plan.cost.per_30_days_fen]
    ints += [i.so_far_fen for i in plan.cost.items]
    if plan.installments is not None:
        ints += [x for d in plan.installments.debts for x in d.installments]
    assert all(type(x) is int for x in ints)
    assert plan.waiver.estimated == any(d.daily_rate_ppm is None for d in f.debts)
