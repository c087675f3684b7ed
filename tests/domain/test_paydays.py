"""due_dates: each installment falls 2 days after that month's payday (clamped to the month's
end), the first one at least 3 days after today; without a payday, monthly from today."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.domain.paydays import due_dates, next_payday, parse_payday, payday_in
from tests.domain.wording import (
    assert_soon_after_late_payday,
)

TODAY = date(2026, 11, 24)


def test_payday_in_clamps_to_the_last_day_of_the_month():
    assert payday_in(2026, 2, 31) == date(2026, 2, 28)
    assert payday_in(2028, 2, 30) == date(2028, 2, 29)
    assert payday_in(2026, 4, 31) == date(2026, 4, 30)
    assert payday_in(2026, 5, 15) == date(2026, 5, 15)


def test_two_days_after_payday_and_the_first_leaves_three_days():
    # payday 15: 11-17 is too soon, so the first payment is 12-17
    assert due_dates(TODAY, 15, 3) == (date(2026, 12, 17), date(2027, 1, 17), date(2027, 2, 17))


def test_exactly_three_days_ahead_is_early_enough():
    # payday 25: due 11-27 = today + 3
    assert due_dates(TODAY, 25, 2) == (date(2026, 11, 27), date(2026, 12, 27))
    # payday 24: due 11-26 = today + 2 is too soon
    assert due_dates(TODAY, 24, 1) == (date(2026, 12, 26),)


def test_month_end_payday_on_31_january():
    # payday 31 = last day: Jan 31 + 2 = Feb 2 is too soon (earliest Feb 3)
    # the 1st after each month's last day: 1 day after a payday on the 31st
    assert due_dates(date(2026, 1, 31), 31, 3) == (
        date(2026, 3, 1),
        date(2026, 4, 1),
        date(2026, 5, 1),
    )


def test_late_paydays_fall_due_on_a_fixed_day_an_agent_can_enter():
    # a 28th to month end: the 1st of the next month (1-3 days later; 4 after a 28th in a
    # 31-day month); a 27th: the 29th, the 28th in February
    assert due_dates(date(2026, 2, 28), 28, 3) == (
        date(2026, 4, 1),
        date(2026, 5, 1),
        date(2026, 6, 1),
    )
    assert due_dates(date(2027, 1, 20), 27, 3) == (
        date(2027, 1, 29),
        date(2027, 2, 28),
        date(2027, 3, 29),
    )
    assert due_dates(date(2028, 2, 1), 29, 3) == (
        date(2028, 3, 1),  # after Feb 29
        date(2028, 4, 1),
        date(2028, 5, 1),
    )
    for payday in range(27, 32):
        assert_soon_after_late_payday(due_dates(date(2026, 11, 24), payday, 14), payday)


def test_year_end():
    assert due_dates(date(2026, 12, 31), 1, 3) == (
        date(2027, 1, 3),
        date(2027, 2, 3),
        date(2027, 3, 3),
    )


def test_without_payday_monthly_from_today_clamped_not_drifting():
    assert due_dates(date(2026, 1, 31), None, 4) == (
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    )
    assert due_dates(date(2028, 2, 29), None, 2) == (date(2028, 3, 29), date(2028, 4, 29))
    assert due_dates(date(2026, 12, 31), None, 2) == (date(2027, 1, 31), date(2027, 2, 28))


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        due_dates(TODAY, 15, 0)
    with pytest.raises(ValueError):
        due_dates(TODAY, 0, 1)
    with pytest.raises(ValueError):
        due_dates(TODAY, 32, 1)


def test_next_payday():
    assert next_payday(TODAY, 15) == date(2026, 12, 15)
    assert next_payday(TODAY, 24) == TODAY
    assert next_payday(date(2026, 2, 1), 31) == date(2026, 2, 28)
    assert next_payday(date(2026, 12, 31), 30) == date(2027, 1, 30)
    assert next_payday(TODAY, None) is None


def _month_index(d: date) -> int:
    return d.year * 12 + d.month


MONTH_ENDS = st.sampled_from(
    [date(2026, 1, 31), date(2026, 2, 28), date(2026, 12, 31), date(2028, 2, 29), date(2027, 4, 30)]
)
TODAYS = MONTH_ENDS | st.dates(date(2025, 1, 1), date(2030, 12, 31))


@settings(max_examples=300, deadline=None)
@given(TODAYS, st.integers(1, 31), st.integers(1, 40))
def test_due_dates_are_monthly_and_leave_time_to_call(today: date, payday: int, n: int):
    dates = due_dates(today, payday, n)
    assert len(dates) == n
    assert dates[0] >= today + timedelta(days=3)
    assert all(a < b for a, b in itertools.pairwise(dates))
    # one per month, in consecutive months
    assert [_month_index(d) for d in dates] == list(
        range(_month_index(dates[0]), _month_index(dates[0]) + n)
    )
    for a, b in itertools.pairwise(dates):
        assert 28 <= (b - a).days <= 31
    # the first is the earliest: a month sooner would leave too little time
    assert dates[0] - relativedelta(months=1) < today + timedelta(days=3)
    # never before the month's money: each due date comes after a payday
    for due in dates:
        pay = payday_in(due.year, due.month, payday)
        if pay >= due:
            before = due.replace(day=1) - relativedelta(months=1)
            pay = payday_in(before.year, before.month, payday)
        assert pay < due


@settings(max_examples=300, deadline=None)
@given(TODAYS, st.integers(1, 31), st.integers(1, 40))
@example(date(2026, 1, 31), 27, 2)
def test_due_dates_are_two_days_after_payday(today: date, payday: int, n: int):
    dates = due_dates(today, payday, n)
    if payday >= 27:
        assert_soon_after_late_payday(dates, payday)
        return
    first_pay = dates[0] - timedelta(days=2)
    for k, due in enumerate(dates):
        month = first_pay + relativedelta(day=1, months=k)
        assert due == payday_in(month.year, month.month, payday) + timedelta(days=2)
    before = first_pay.replace(day=1) - relativedelta(months=1)
    previous = payday_in(before.year, before.month, payday) + timedelta(days=2)
    assert previous < today + timedelta(days=3)


@settings(max_examples=200, deadline=None)
@given(TODAYS, st.integers(1, 40))
def test_due_dates_without_payday(today: date, n: int):
    dates = due_dates(today, None, n)
    assert dates == tuple(today + relativedelta(months=k) for k in range(1, n + 1))
    assert dates[0] >= today + timedelta(days=3)
    assert all(a < b for a, b in itertools.pairwise(dates))
    assert [_month_index(d) for d in dates] == list(
        range(_month_index(today) + 1, _month_index(today) + n + 1)
    )


@pytest.mark.parametrize("text", ["不固定", "不知道", "不清楚", "每月不一样"])
def test_an_unknown_payday_is_read_as_irregular(text: str) -> None:
    assert parse_payday(text) is None


@pytest.mark.parametrize(("text", "day"), [("15号", 15), ("每月15日", 15), ("月底", 31)])
def test_a_payday_is_read_as_its_day(text: str, day: int) -> None:
    assert parse_payday(text) == day
