"""Installments in whole yuan that add up to each debt exactly, to the fen.

Rules (issue 8): every debt's installments sum to its amount exactly, whole yuan except
possibly the last; a lender's period totals (summed over its debts) are one regular
amount except possibly the last.
"""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.domain.lenders import group_by_lender
from bot.domain.models import FEN_PER_YUAN, Product
from bot.domain.schedule import (
    build_schedule,
    fit_periods,
    front_loaded,
    largest_period,
    period_totals,
    periods_needed,
    split_to_fen,
    split_whole_yuan,
)

P = Product
FIRST = date(2026, 12, 17)


def dates(n: int) -> tuple[date, ...]:
    return tuple(FIRST + relativedelta(months=k) for k in range(n))


def yuan(y: int) -> int:
    return y * 100


def _ceil_yuan(fen: int) -> int:
    return -(-fen // 100) * 100


def _regular_but_last(xs: tuple[int, ...]) -> bool:
    return len(set(xs[:-1])) <= 1


def _whole_yuan_but_last(xs: tuple[int, ...]) -> bool:
    """Whole yuan, except the payment that finishes the debt (a small debt cleared early
    has nothing due, 0, after that)."""
    paying = [x for x in xs if x != 0]
    return all(x % 100 == 0 for x in paying[:-1])


# --- split_whole_yuan ------------------------------------------------------------------


def test_split_rounds_up_and_the_last_is_smaller():
    assert split_whole_yuan(yuan(23_500), 14) == (yuan(1_679),) * 13 + (yuan(1_673),)


def test_split_exact_division():
    assert split_whole_yuan(yuan(3_000), 3) == (yuan(1_000),) * 3


def test_split_last_carries_the_fen():
    assert split_whole_yuan(yuan(10_050), 3) == (yuan(3_350),) * 3
    assert split_whole_yuan(1_005_050, 3) == (335_100, 335_100, 334_850)
    assert split_whole_yuan(150, 2) == (150, 0)  # under 50 元: paid at once


def test_a_small_debt_finishes_sooner_instead_of_two_regular_amounts():
    # 500 in 26 would be 20 x 6 + 19 x 20 (two amounts to remember): 50 x 10 instead
    assert split_whole_yuan(yuan(500), 26) == (yuan(50),) * 10 + (0,) * 16
    # 300 in 31: 50 x 6, then nothing
    assert split_whole_yuan(yuan(300), 31) == (yuan(50),) * 6 + (0,) * 25
    # the fen stay on the last payment
    assert split_whole_yuan(13_055, 13) == (5_000, 5_000, 3_055) + (0,) * 10
    # a lower floor when the limit itself is lower
    assert split_whole_yuan(yuan(300), 31, min_regular_fen=yuan(10)) == (yuan(10),) * 30 + (0,)


def test_split_of_nothing_is_none():
    assert split_whole_yuan(0, 1) is None
    assert split_whole_yuan(yuan(5), 6) == (yuan(5),) + (0,) * 5


def test_split_single_payment_is_the_whole_amount():
    assert split_whole_yuan(12_345, 1) == (12_345,)


def test_split_needs_a_period():
    with pytest.raises(ValueError):
        split_whole_yuan(100, 0)


@settings(max_examples=400, deadline=None)
@given(st.integers(1, yuan(5_000_000)), st.integers(1, 72))
def test_split_properties(amount: int, n: int):
    split = split_whole_yuan(amount, n)
    assert split is not None
    assert len(split) == n
    assert sum(split) == amount
    assert all(type(x) is int for x in split)
    paying = [x for x in split if x > 0]
    # the payments come first, then nothing
    assert split[: len(paying)] == tuple(paying) and not any(split[len(paying) :])
    assert all(x % 100 == 0 for x in paying[:-1])
    assert _regular_but_last(tuple(paying)) and paying[-1] <= paying[0]
    # never dearer than the amount over n rounded up, or 50 元 (or all of it, if less)
    assert paying[0] <= max(_ceil_yuan(-(-amount // n)), min(_ceil_yuan(amount), yuan(50)))


# --- largest_period / periods_needed --------------------------------------------------


def test_largest_period():
    assert largest_period((yuan(23_500),), 12) == yuan(1_959)
    assert largest_period((yuan(30_000), yuan(8_000)), 22) == yuan(1_364 + 364)
    assert largest_period((100,), 2) == 100


def test_periods_needed_single_debt():
    assert periods_needed((yuan(23_500),), yuan(1_800), 36) == 14
    assert periods_needed((yuan(3_000),), yuan(3_000), 36) == 1


def test_periods_needed_two_lenders():
    assert periods_needed((yuan(30_000), yuan(8_000)), yuan(1_800), 36) == 22


def test_periods_needed_respects_max_periods():
    assert periods_needed((yuan(50_000),), yuan(810), 36) is None
    assert periods_needed((yuan(50_000),), yuan(810), 72) == 62


def test_periods_needed_without_limit_or_debts():
    assert periods_needed((yuan(100),), 0, 36) is None
    assert periods_needed((yuan(100),), -100, 36) is None
    assert periods_needed((), yuan(100), 36) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, yuan(200_000)), min_size=1, max_size=4).map(tuple),
    st.integers(1, 5_000).map(yuan),
    st.integers(1, 60),
)
def test_periods_needed_is_the_smallest_that_fits(amounts, limit: int, max_periods: int):
    n = periods_needed(amounts, limit, max_periods)
    fit = fit_periods(amounts, limit, max_periods)
    # the usual floor, or 1 元 when nothing fits with it
    floor = fit[1] if fit else FEN_PER_YUAN
    if n is None:
        for m in range(1, max_periods + 1):
            largest = largest_period(amounts, m, floor)
            assert largest is None or largest > limit
        return
    assert 1 <= n <= max_periods
    assert n >= -(-sum(amounts) // limit)
    largest = largest_period(amounts, n, floor)
    assert largest is not None and largest <= limit
    for m in range(1, n):
        smaller = largest_period(amounts, m, floor)
        assert smaller is None or smaller > limit
    if len(amounts) == 1:
        # one lender and a whole-yuan limit: exactly as many months as the money needs
        assert n == -(-amounts[0] // limit)


# --- front_loaded ---------------------------------------------------------------------


def test_front_loaded_pays_the_limit_then_the_rest():
    # review profile (a): 800 元 + 4 元 penalty, 450 a month: 450 now, 354 next payday
    assert front_loaded((80_400,), yuan(450), 2) == ((yuan(450), 35_400),)
    assert front_loaded((yuan(3_000),), yuan(1_200), 3) == ((yuan(1_200),) * 2 + (yuan(600),),)


def test_front_loaded_pro_rata_between_lenders():
    assert front_loaded((yuan(1_000), yuan(500)), yuan(600), 3) == (
        (yuan(400), yuan(400), yuan(200)),
        (yuan(200), yuan(200), yuan(100)),
    )


def test_front_loaded_refuses_what_it_cannot_do():
    assert front_loaded((yuan(3_000),), yuan(1_200), 2) is None  # last would be 1,800
    assert front_loaded((yuan(3_000),), yuan(1_200), 1) is None
    assert front_loaded((0,), yuan(1_200), 2) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, yuan(20_000)), min_size=1, max_size=4).map(tuple),
    st.integers(1, 5_000).map(yuan),
    st.integers(2, 3),
)
def test_front_loaded_properties(amounts, limit: int, n: int):
    splits = front_loaded(amounts, limit, n)
    if splits is None:
        return
    assert len(splits) == len(amounts)
    for split, amount in zip(splits, amounts, strict=True):
        assert len(split) == n and sum(split) == amount
        paying = tuple(x for x in split if x > 0)
        assert split[: len(paying)] == paying  # a lender owed less than its part: all at once
        assert _regular_but_last(paying)
        assert all(x % 100 == 0 for x in paying[:-1])
    assert max(period_totals(splits)) <= limit


# --- build_schedule -------------------------------------------------------------------


def test_build_schedule_single_debt():
    s = build_schedule((P.HUABEI,), (yuan(23_500),), ((0,),), dates(14))
    assert s.debts[0].installments == (yuan(1_679),) * 13 + (yuan(1_673),)
    assert s.debts[0].regular_fen == yuan(1_679) and s.debts[0].last_fen == yuan(1_673)
    assert s.period_totals == s.debts[0].installments
    assert s.periods == 14 and s.first_due == FIRST and s.last_due == date(2028, 1, 17)
    assert s.max_period_fen == s.regular_total_fen == yuan(1_679)
    assert s.last_total_fen == yuan(1_673)
    assert s.total_fen == yuan(23_500)


def test_build_schedule_one_lender_with_three_debts_hears_one_amount():
    amounts = (yuan(20_000), yuan(30_000), yuan(500))
    products = (P.HUABEI, P.JIEBEI, P.BEIYONGJIN)
    s = build_schedule(products, amounts, ((0, 1, 2),), dates(10))
    assert s.period_totals == (yuan(5_050),) * 10
    for d, amount in zip(s.debts, amounts, strict=True):
        assert sum(d.installments) == amount
        assert all(x >= 0 for x in d.installments)
        assert _whole_yuan_but_last(d.installments)


def test_build_schedule_two_lenders_pro_rata():
    s = build_schedule(
        (P.CREDIT_CARD, P.HUABEI), (yuan(30_000), yuan(8_000)), ((0,), (1,)), dates(22)
    )
    assert [d.regular_fen for d in s.debts] == [yuan(1_364), yuan(364)]
    assert [d.last_fen for d in s.debts] == [yuan(1_356), yuan(356)]
    assert s.max_period_fen == yuan(1_728)


def test_build_schedule_uses_given_lender_payments():
    s = build_schedule((P.HUABEI,), (80_400,), ((0,),), dates(2), ((yuan(450), 35_400),))
    assert s.debts[0].installments == (yuan(450), 35_400)
    assert s.period_totals == (yuan(450), 35_400)


def test_build_schedule_raises_when_a_period_would_be_empty():
    with pytest.raises(ValueError):
        build_schedule((P.HUABEI,), (0,), ((0,),), dates(2))


schedule_inputs = st.tuples(
    st.lists(
        st.tuples(
            st.sampled_from(Product),
            st.integers(1, yuan(100_000)) | st.integers(1, yuan(2_000)).map(yuan),
        ),
        min_size=1,
        max_size=4,
    ),
    st.integers(1, 48),
)


def _build(debts, n):
    products = tuple(p for p, _ in debts)
    amounts = tuple(a for _, a in debts)
    groups = tuple(lender.debt_indices for lender in group_by_lender(products))
    try:
        return build_schedule(products, amounts, groups, dates(n)), amounts, groups
    except ValueError:
        # "use fewer periods": allowed by its contract; build_plan must not get here
        return None, amounts, groups


@settings(max_examples=300, deadline=None)
@given(schedule_inputs)
def test_build_schedule_every_debt_sums_to_the_fen(inputs):
    debts, n = inputs
    s, amounts, _ = _build(debts, n)
    if s is None:
        return
    assert s.periods == n and s.due_dates == dates(n)
    for d, amount in zip(s.debts, amounts, strict=True):
        assert len(d.installments) == n
        assert sum(d.installments) == amount == d.amount_fen
        assert all(type(x) is int and x >= 0 for x in d.installments)
        assert any(x > 0 for x in d.installments)
    assert s.period_totals == tuple(
        sum(p) for p in zip(*(d.installments for d in s.debts), strict=True)
    )
    assert s.total_fen == sum(amounts)


@settings(max_examples=300, deadline=None)
@given(schedule_inputs)
@example(([(P.HUABEI, yuan(300)), (P.BEIYONGJIN, yuan(159))], 23))
@example(([(P.HUABEI, 185_457), (P.JIEBEI, 107_416), (P.BEIYONGJIN, yuan(1_147))], 63))
def test_build_schedule_lender_totals_are_the_lenders_own_split(inputs):
    debts, n = inputs
    s, amounts, groups = _build(debts, n)
    if s is None:
        return
    for group in groups:
        totals = tuple(sum(s.debts[i].installments[k] for i in group) for k in range(n))
        assert totals == split_whole_yuan(sum(amounts[i] for i in group), n)


@settings(max_examples=300, deadline=None)
@given(schedule_inputs)
@example(([(P.HUABEI, yuan(500))], 26))
def test_build_schedule_each_lender_hears_one_regular_amount(inputs):
    debts, n = inputs
    s, _, groups = _build(debts, n)
    if s is None:
        return
    for group in groups:
        totals = tuple(sum(s.debts[i].installments[k] for i in group) for k in range(n))
        paying = tuple(t for t in totals if t > 0)
        assert totals[: len(paying)] == paying  # payments first, then nothing
        assert _regular_but_last(paying)
        assert paying[-1] <= paying[0]


@settings(max_examples=300, deadline=None)
@given(schedule_inputs)
@example(([(P.HUABEI, 1_292), (P.JIEBEI, 5_450)], 29))
def test_build_schedule_whole_yuan_but_the_last(inputs):
    debts, n = inputs
    s, _, _ = _build(debts, n)
    if s is None:
        return
    for d in s.debts:
        assert _whole_yuan_but_last(d.installments), d.installments


def test_build_schedule_clears_a_small_debt_first_at_one_lender():
    # golden p_tiny_and_large_at_one_lender: 花呗 10 next to 借呗 30,000 (once a crash)
    s = build_schedule((P.HUABEI, P.JIEBEI), (yuan(10), yuan(30_000)), ((0, 1),), dates(30))
    assert s.period_totals == split_whole_yuan(yuan(30_010), 30)
    assert sum(s.debts[0].installments) == yuan(10)
    assert sum(s.debts[1].installments) == yuan(30_000)


def test_split_to_fen():
    assert split_to_fen(10, 3) == (4, 3, 3)
    assert split_to_fen(yuan(23_500), 12) == (195_834,) * 4 + (195_833,) * 8
    assert sum(split_to_fen(yuan(23_500), 12)) == yuan(23_500)
