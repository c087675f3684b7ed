"""Deal terms -> installments, and the parsers used while recording a deal."""

import calendar
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.deal import (
    MAX_PERIODS,
    DealError,
    DealKind,
    DealProblem,
    DealTerms,
    PlannedInstallment,
    due_dates,
    first_due_after_pause,
    installments_for,
    installments_from_amounts,
    parse_due_date,
    parse_due_day,
    parse_periods,
    parse_staff_id,
)
from bot.domain.parsing import ParseError, ParseProblem

TODAY = date(2026, 11, 29)


def _month_len(d: date) -> int:
    return calendar.monthrange(d.year, d.month)[1]


# --- installments_for --------------------------------------------------------------------


def test_equal_amounts_monthly():
    terms = DealTerms(
        DealKind.INSTALLMENTS, periods=3, amount_fen=167_900, first_due=date(2026, 12, 10)
    )
    assert installments_for(terms, TODAY) == (
        PlannedInstallment(1, date(2026, 12, 10), 167_900),
        PlannedInstallment(2, date(2027, 1, 10), 167_900),
        PlannedInstallment(3, date(2027, 2, 10), 167_900),
    )


def test_total_split_to_the_fen_first_ones_carry_the_extra():
    terms = DealTerms(DealKind.INSTALLMENTS, periods=3, total_fen=1000, first_due=TODAY)
    assert [i.amount_fen for i in installments_for(terms, TODAY)] == [334, 333, 333]


def test_due_day_31_clamps_in_february_and_comes_back():
    terms = DealTerms(
        DealKind.INSTALLMENTS,
        periods=4,
        amount_fen=100,
        first_due=date(2026, 12, 31),
        due_day=31,
    )
    dues = [i.due for i in installments_for(terms, TODAY)]
    assert dues == [date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31)]


def test_leap_february():
    assert due_dates(date(2028, 1, 30), 30, 3) == (
        date(2028, 1, 30),
        date(2028, 2, 29),
        date(2028, 3, 30),
    )


def test_first_due_off_the_due_day():
    # Agreed: first payment on 5 Dec, then on the 20th of each month.
    assert due_dates(date(2026, 12, 5), 20, 3) == (
        date(2026, 12, 5),
        date(2027, 1, 20),
        date(2027, 2, 20),
    )


def test_due_today_is_allowed():
    terms = DealTerms(DealKind.SINGLE, amount_fen=500, first_due=TODAY)
    assert installments_for(terms, TODAY) == (PlannedInstallment(1, TODAY, 500),)


def test_single_with_total():
    terms = DealTerms(DealKind.SINGLE, total_fen=12_345, first_due=date(2026, 12, 1))
    assert installments_for(terms, TODAY) == (PlannedInstallment(1, date(2026, 12, 1), 12_345),)


@pytest.mark.parametrize(
    ("pause_until", "due_day", "first"),
    [
        (date(2027, 2, 28), 10, date(2027, 3, 10)),
        (date(2027, 2, 9), 10, date(2027, 2, 10)),
        (date(2027, 2, 10), 10, date(2027, 3, 10)),  # strictly after the pause
        (date(2027, 2, 27), 31, date(2027, 2, 28)),  # clamped in February
        (date(2027, 2, 28), 31, date(2027, 3, 31)),
        (date(2027, 12, 31), 5, date(2028, 1, 5)),
        (date(2027, 2, 28), None, date(2027, 3, 1)),
    ],
)
def test_first_due_after_pause(pause_until, due_day, first):
    assert first_due_after_pause(pause_until, due_day) == first


def test_pause_then_installments():
    terms = DealTerms(
        DealKind.PAUSE_THEN_INSTALLMENTS,
        periods=2,
        total_fen=20_001,
        due_day=15,
        pause_until=date(2027, 2, 28),
        first_due=date(2000, 1, 1),  # ignored: derived from the pause
    )
    assert installments_for(terms, TODAY) == (
        PlannedInstallment(1, date(2027, 3, 15), 10_001),
        PlannedInstallment(2, date(2027, 4, 15), 10_000),
    )


def test_pause_ending_today_is_fine():
    terms = DealTerms(
        DealKind.PAUSE_THEN_INSTALLMENTS, periods=1, amount_fen=1, due_day=29, pause_until=TODAY
    )
    assert installments_for(terms, TODAY)[0].due == date(2026, 12, 29)


def test_installments_from_amounts_for_suggested():
    got = installments_from_amounts([50_000, 50_000, 23_500], date(2027, 1, 31), None)
    assert got == (
        PlannedInstallment(1, date(2027, 1, 31), 50_000),
        PlannedInstallment(2, date(2027, 2, 28), 50_000),
        PlannedInstallment(3, date(2027, 3, 31), 23_500),
    )


_GOOD = {"periods": 12, "amount_fen": 100, "first_due": TODAY}


@pytest.mark.parametrize(
    ("kind", "changes", "problem"),
    [
        (DealKind.INSTALLMENTS, {"periods": None}, DealProblem.MISSING_PERIODS),
        (DealKind.INSTALLMENTS, {"periods": 0}, DealProblem.PERIODS_NOT_POSITIVE),
        (DealKind.INSTALLMENTS, {"periods": MAX_PERIODS + 1}, DealProblem.TOO_MANY_PERIODS),
        (DealKind.INSTALLMENTS, {"amount_fen": None}, DealProblem.MISSING_AMOUNT),
        (DealKind.INSTALLMENTS, {"total_fen": 1200}, DealProblem.BOTH_AMOUNT_AND_TOTAL),
        (DealKind.INSTALLMENTS, {"amount_fen": 0}, DealProblem.AMOUNT_NOT_POSITIVE),
        (
            DealKind.INSTALLMENTS,
            {"amount_fen": None, "total_fen": -5},
            DealProblem.AMOUNT_NOT_POSITIVE,
        ),
        (DealKind.INSTALLMENTS, {"amount_fen": None, "total_fen": 11}, DealProblem.TOTAL_TOO_SMALL),
        (DealKind.INSTALLMENTS, {"first_due": None}, DealProblem.MISSING_FIRST_DUE),
        (
            DealKind.INSTALLMENTS,
            {"first_due": TODAY - timedelta(days=1)},
            DealProblem.FIRST_DUE_IN_PAST,
        ),
        (DealKind.INSTALLMENTS, {"due_day": 0}, DealProblem.BAD_DUE_DAY),
        (DealKind.INSTALLMENTS, {"due_day": 32}, DealProblem.BAD_DUE_DAY),
        (DealKind.PAUSE_THEN_INSTALLMENTS, {}, DealProblem.MISSING_PAUSE_UNTIL),
        (
            DealKind.PAUSE_THEN_INSTALLMENTS,
            {"pause_until": TODAY - timedelta(days=1)},
            DealProblem.PAUSE_IN_PAST,
        ),
        (DealKind.SINGLE, {}, DealProblem.TOO_MANY_PERIODS),
        (DealKind.SUGGESTED, {}, DealProblem.SUGGESTED_NEEDS_AMOUNTS),
    ],
)
def test_invalid_terms(kind, changes, problem):
    terms = DealTerms(kind, **{**_GOOD, **changes})
    with pytest.raises(DealError) as info:
        installments_for(terms, TODAY)
    assert info.value.problem is problem
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("amounts", "due_day", "problem"),
    [
        ([], None, DealProblem.MISSING_PERIODS),
        ([1] * (MAX_PERIODS + 1), None, DealProblem.TOO_MANY_PERIODS),
        ([100, 0], None, DealProblem.AMOUNT_NOT_POSITIVE),
        ([100], 40, DealProblem.BAD_DUE_DAY),
    ],
)
def test_invalid_amounts(amounts, due_day, problem):
    with pytest.raises(DealError) as info:
        installments_from_amounts(amounts, TODAY, due_day)
    assert info.value.problem is problem


_DATES = st.dates(min_value=date(2020, 1, 1), max_value=date(2090, 12, 31))


@given(
    total=st.integers(min_value=1, max_value=10**10),
    periods=st.integers(min_value=1, max_value=MAX_PERIODS),
    first_due=_DATES,
    due_day=st.none() | st.integers(min_value=1, max_value=31),
)
def test_split_evenly_laws(total, periods, first_due, due_day):
    if total < periods:
        return
    terms = DealTerms(
        DealKind.INSTALLMENTS,
        periods=periods,
        total_fen=total,
        first_due=first_due,
        due_day=due_day,
    )
    got = installments_for(terms, first_due)
    assert len(got) == periods
    assert sum(i.amount_fen for i in got) == total
    assert max(i.amount_fen for i in got) - min(i.amount_fen for i in got) <= 1
    assert [i.number for i in got] == list(range(1, periods + 1))
    dues = [i.due for i in got]
    assert dues[0] == first_due
    assert all(a < b for a, b in itertools.pairwise(dues))
    day = first_due.day if due_day is None else due_day
    assert all(d.day == min(day, _month_len(d)) for d in dues[1:])
    # Consecutive months, no month skipped or repeated.
    months = [d.year * 12 + d.month for d in dues]
    assert months == list(range(months[0], months[0] + periods))


@given(pause_until=_DATES, due_day=st.none() | st.integers(min_value=1, max_value=31))
def test_pause_first_due_laws(pause_until, due_day):
    first = first_due_after_pause(pause_until, due_day)
    assert first > pause_until
    if due_day is None:
        assert first == pause_until + timedelta(days=1)
    else:
        assert first.day == min(due_day, _month_len(first))
        assert first - pause_until <= timedelta(days=31)


# --- parse_due_date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-10", date(2026, 12, 10)),
        ("2026/12/10", date(2026, 12, 10)),
        ("2026年12月10日", date(2026, 12, 10)),
        ("２０２６－１２－１０", date(2026, 12, 10)),
        ("12月10日", date(2026, 12, 10)),
        ("12月10号", date(2026, 12, 10)),
        ("十二月十号", date(2026, 12, 10)),
        ("12-10", date(2026, 12, 10)),
        ("12/10", date(2026, 12, 10)),
        ("11月29日", TODAY),  # today counts
        ("1月5日", date(2027, 1, 5)),
        ("2月29日", date(2028, 2, 29)),  # next leap year
        ("下个月10号", date(2026, 12, 10)),
        ("下月10号", date(2026, 12, 10)),
        ("下下个月31号", date(2027, 1, 31)),
        ("本月30号", date(2026, 11, 30)),
        ("这个月29号", TODAY),
        ("10号", date(2026, 12, 10)),
        ("29号", TODAY),
        ("30日", date(2026, 11, 30)),
        ("明天", date(2026, 11, 30)),
        ("后天", date(2026, 12, 1)),
        ("今天", TODAY),
        ("就是下个月10号吧", date(2026, 12, 10)),
        (" 12月 10日 ", date(2026, 12, 10)),
        # a year word and a month's end, as people say them (issue 9)
        ("明年3月底", date(2027, 3, 31)),
        ("明年2月底", date(2027, 2, 28)),
        ("3月底", date(2027, 3, 31)),
        ("11月底", date(2026, 11, 30)),
        ("明年3月10日", date(2027, 3, 10)),
        ("今年12月1号", date(2026, 12, 1)),
        ("月底", date(2026, 11, 30)),
        ("下个月底", date(2026, 12, 31)),
        ("下下个月底", date(2027, 1, 31)),
    ],
)
def test_due_dates(text, expected):
    assert parse_due_date(text, TODAY) == expected


def test_relative_month_clamps_to_month_end():
    assert parse_due_date("下个月31号", date(2027, 1, 15)) == date(2027, 2, 28)


def test_day_of_month_skips_short_months():
    assert parse_due_date("31号", date(2026, 11, 5)) == date(2026, 12, 31)
    assert parse_due_date("30号", date(2027, 1, 31)) == date(2027, 3, 30)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ParseProblem.EMPTY),
        ("   ", ParseProblem.EMPTY),
        ("2026-11-28", ParseProblem.IN_PAST),
        ("本月1号", ParseProblem.IN_PAST),
        ("昨天", ParseProblem.IN_PAST),
        ("2026-02-30", ParseProblem.BAD_DATE),
        ("2月30日", ParseProblem.BAD_DATE),
        ("13月1日", ParseProblem.BAD_DATE),
        ("32号", ParseProblem.BAD_DATE),
        ("下个月32号", ParseProblem.BAD_DATE),
        ("随便", ParseProblem.NOT_A_DATE),
        ("不知道", ParseProblem.NOT_A_DATE),
        ("明年", ParseProblem.AMBIGUOUS_DATE),
        ("明年2月30日", ParseProblem.BAD_DATE),
        ("12月", ParseProblem.AMBIGUOUS_DATE),
        ("13月底", ParseProblem.BAD_DATE),
        ("明年2月30日", ParseProblem.BAD_DATE),
        ("今年1月底", ParseProblem.IN_PAST),
        ("2037-01-01", ParseProblem.TOO_LARGE),
        ("x" * 500, ParseProblem.NOT_A_DATE),
    ],
)
def test_due_date_rejections(text, problem):
    with pytest.raises(ParseError) as info:
        parse_due_date(text, TODAY)
    assert info.value.problem is problem


@given(text=st.text(max_size=30), today=_DATES)
def test_due_date_never_crashes_and_is_never_past(text, today):
    try:
        due = parse_due_date(text, today)
    except ParseError as error:
        assert isinstance(error.problem, ParseProblem)
    else:
        assert today <= due


@given(today=_DATES, month=st.integers(1, 12), day=st.integers(1, 31))
def test_month_day_is_the_next_on_or_after_today(today, month, day):
    try:
        due = parse_due_date(f"{month}月{day}日", today)
    except ParseError as error:
        if error.problem is ParseProblem.IN_PAST:
            # a date of the last 60 days is a date just missed, not one a year away
            this_year = date(today.year, month, day)
            assert timedelta(0) < today - this_year <= timedelta(days=60)
        else:
            assert error.problem is ParseProblem.BAD_DATE
            assert day > calendar.monthrange(2000, month)[1]
    else:
        assert (due.month, due.day) == (month, day)
        assert today <= due
        assert due - today < timedelta(days=366 * 8)


# --- parse_due_day, parse_periods, parse_staff_id ----------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("10", 10),
        ("10号", 10),
        ("每月10号", 10),
        ("每月10日", 10),
        ("每个月10号", 10),
        ("十号", 10),
        ("三十一号", 31),
        ("1", 1),
        ("月底", 31),
    ],
)
def test_due_day(text, day):
    assert parse_due_day(text) == day


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ParseProblem.EMPTY),
        ("0", ParseProblem.BAD_DAY_OF_MONTH),
        ("32号", ParseProblem.BAD_DAY_OF_MONTH),
        ("10.5", ParseProblem.BAD_DAY_OF_MONTH),
        ("不知道", ParseProblem.BAD_DAY_OF_MONTH),
    ],
)
def test_due_day_rejections(text, problem):
    with pytest.raises(ParseError) as info:
        parse_due_day(text)
    assert info.value.problem is problem


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("12", 12),
        ("12期", 12),
        ("十二期", 12),
        ("分12期", 12),
        ("分十二期", 12),
        ("12个月", 12),
        ("120", 120),
        ("一百二十期", 120),
        ("1期", 1),
        ("共6期", 6),
    ],
)
def test_periods(text, n):
    assert parse_periods(text) == n


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ParseProblem.EMPTY),
        ("0", ParseProblem.ZERO),
        ("-3", ParseProblem.NEGATIVE),
        ("121", ParseProblem.TOO_LARGE),
        ("1.5期", ParseProblem.NOT_AN_AMOUNT),
        ("很多", ParseProblem.NOT_AN_AMOUNT),
    ],
)
def test_periods_rejections(text, problem):
    with pytest.raises(ParseError) as info:
        parse_periods(text)
    assert info.value.problem is problem


@pytest.mark.parametrize(
    ("text", "staff_id"),
    [
        ("A1023", "A1023"),
        ("工号A1023", "A1023"),
        ("工号：A1023", "A1023"),
        ("工号 是 88231", "88231"),
        ("ＡＢ１２", "AB12"),
        ("x1" * 6, "x1" * 6),
        # the 工号 out of a sentence: never the sentence itself
        ("客服小王，工号A1023", "A1023"),
        ("客服小王 工号：A1023，态度还行", "A1023"),
        ("客服编号88231号", "88231"),
        ("ID: x77", "x77"),
        ("工号abc", "abc"),
        ("工号A1023，电话95188", "A1023"),
        ("好像是8848", "8848"),
        ("A-1023", "A-1023"),
        ("没有", None),
        ("不知道", None),
        ("跳过", None),
        ("忘了。", None),
        ("工号没记住", None),
        ("客服没说工号，我也忘了", None),
    ],
)
def test_staff_id(text, staff_id):
    assert parse_staff_id(text) == staff_id


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ParseProblem.EMPTY),
        ("工号", ParseProblem.NOT_A_STAFF_ID),
        ("x1" * 7, ParseProblem.NOT_A_STAFF_ID),  # 14: longer than any 工号
        ("工号7", ParseProblem.NOT_A_STAFF_ID),  # one character
        ("小王", ParseProblem.NOT_A_STAFF_ID),
        ("ok", ParseProblem.NOT_A_STAFF_ID),  # letters alone, no digit, no 工号 before
        ("8848 还是 9999", ParseProblem.NOT_A_STAFF_ID),  # which one?
        ("客服说只能先还最低", ParseProblem.NOT_A_STAFF_ID),
    ],
)
def test_staff_id_rejections(text, problem):
    with pytest.raises(ParseError) as info:
        parse_staff_id(text)
    assert info.value.problem is problem


def test_a_recently_passed_date_without_year_is_refused_not_moved_a_year_ahead() -> None:
    from datetime import date

    import pytest

    from bot.domain.deal import parse_due_date
    from bot.domain.parsing import ParseError, ParseProblem

    today = date(2026, 11, 24)
    with pytest.raises(ParseError) as raised:
        parse_due_date("11月20日", today)
    assert raised.value.problem == ParseProblem.IN_PAST
    assert parse_due_date("3月1日", today) == date(2027, 3, 1)  # far enough: next year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明年3月底", date(2027, 3, 31)),
        ("明年3月15号", date(2027, 3, 15)),
        ("明年2月底", date(2027, 2, 28)),
        ("3月底", date(2027, 3, 31)),
        ("下个月初", date(2027, 1, 1)),
        ("下个月底", date(2027, 1, 31)),
        ("月底", date(2026, 12, 31)),
        ("3月中旬", date(2027, 3, 15)),
    ],
)
def test_due_date_in_words_people_use(text, expected):
    assert parse_due_date(text, date(2026, 12, 2)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3个月后", date(2027, 3, 2)),
        ("暂缓3个月", date(2027, 3, 2)),
        ("半年", date(2027, 6, 2)),
        ("半个月", date(2026, 12, 17)),
        ("两周后", date(2026, 12, 16)),
        ("一个半月后", date(2027, 1, 17)),
    ],
)
def test_due_date_as_a_span_from_today(text, expected):
    assert parse_due_date(text, date(2026, 12, 2)) == expected
