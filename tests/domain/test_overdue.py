"""parse_overdue_since / days_overdue: durations, dates, rejections, and safety laws."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.overdue import days_overdue, parse_overdue_since
from bot.domain.parsing import ParseError, ParseProblem

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("45天", 45),
        ("45", 45),
        ("45 天", 45),
        ("四十五天", 45),
        ("已经逾期45天了", 45),
        ("45天前", 45),
        ("一个月", 30),
        ("一个半月", 45),
        ("半个月", 15),
        ("两个月", 60),
        ("两个多月", 60),
        ("3个月", 90),
        ("1.5个月", 45),
        ("一年", 365),
        ("一年半", 548),
        ("1周", 7),
        ("一周", 7),
        ("两个星期", 14),
        ("昨天", 1),
        ("前天", 2),
    ],
)
def test_durations(text, days):
    since = parse_overdue_since(text, TODAY)
    assert since == TODAY - timedelta(days=days)
    assert days_overdue(since, TODAY) == days


@pytest.mark.parametrize(
    ("text", "since"),
    [
        ("2026-10-15", date(2026, 10, 15)),
        ("2026/10/15", date(2026, 10, 15)),
        ("2026.10.15", date(2026, 10, 15)),
        ("2026年10月15日", date(2026, 10, 15)),
        ("从2026-10-15开始", date(2026, 10, 15)),
        ("10月15日", date(2026, 10, 15)),
        ("10月15号", date(2026, 10, 15)),
        ("十月十五日", date(2026, 10, 15)),
        ("10-15", date(2026, 10, 15)),
        ("上个月15号", date(2026, 10, 15)),
        ("上月15日", date(2026, 10, 15)),
        ("上个月15", date(2026, 10, 15)),
        ("本月3号", date(2026, 11, 3)),
        ("这个月3号", date(2026, 11, 3)),
        ("上个月31号", date(2026, 10, 31)),
        ("28号", date(2026, 11, 28)),
        ("30号", date(2026, 10, 30)),
    ],
)
def test_dates(text, since):
    assert parse_overdue_since(text, TODAY) == since


@pytest.mark.parametrize(
    ("text", "today", "since"),
    [
        ("10月15日", date(2026, 1, 10), date(2025, 10, 15)),
        ("上个月31号", date(2026, 3, 5), date(2026, 2, 28)),
        ("上个月31号", date(2024, 3, 5), date(2024, 2, 29)),
        ("上上个月15号", date(2026, 1, 20), date(2025, 11, 15)),
        ("2月29日", date(2026, 3, 5), date(2024, 2, 29)),
        ("31号", date(2026, 3, 5), date(2026, 1, 31)),
    ],
)
def test_dates_relative_to_today(text, today, since):
    assert parse_overdue_since(text, today) == since


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ParseProblem.EMPTY),
        ("不知道", ParseProblem.NOT_A_DURATION),
        ("abc", ParseProblem.NOT_A_DURATION),
        ("天", ParseProblem.NOT_A_DURATION),
        ("一半", ParseProblem.NOT_A_DURATION),
        ("两个", ParseProblem.NOT_A_DURATION),
        ("3月", ParseProblem.AMBIGUOUS_DATE),
        ("10.15", ParseProblem.AMBIGUOUS_DATE),
        ("2026-02-30", ParseProblem.BAD_DATE),
        ("2026-13-01", ParseProblem.BAD_DATE),
        ("2月30日", ParseProblem.BAD_DATE),
        ("45号", ParseProblem.BAD_DATE),
        ("今天", ParseProblem.NOT_OVERDUE_YET),
        ("0天", ParseProblem.NOT_OVERDUE_YET),
        ("0", ParseProblem.NOT_OVERDUE_YET),
        ("还没逾期", ParseProblem.NOT_OVERDUE_YET),
        ("11月29日", ParseProblem.NOT_OVERDUE_YET),
        ("明天", ParseProblem.IN_FUTURE),
        ("2030-01-01", ParseProblem.IN_FUTURE),
        ("本月30号", ParseProblem.IN_FUTURE),
        ("-5天", ParseProblem.NEGATIVE),
        ("2010-01-01", ParseProblem.TOO_OLD),
        ("11年", ParseProblem.TOO_OLD),
        ("99999天", ParseProblem.TOO_OLD),
    ],
)
def test_rejects(text, problem):
    with pytest.raises(ParseError) as caught:
        parse_overdue_since(text, TODAY)
    assert caught.value.problem is problem


def test_exactly_ten_years_is_accepted():
    assert parse_overdue_since("2016-11-29", TODAY) == date(2016, 11, 29)


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(st.text(max_size=20), dates)
def test_result_is_never_after_today(text, today):
    try:
        since = parse_overdue_since(text, today)
    except ParseError as error:
        assert isinstance(error.problem, ParseProblem)
    else:
        assert since < today
        assert days_overdue(since, today) > 0


@given(
    st.text(alphabet="0123456789-/.年月日号天周个半上本这两一二三四五十", max_size=12),
    dates,
)
def test_date_soup_is_never_after_today(text, today):
    try:
        since = parse_overdue_since(text, today)
    except ParseError:
        return
    assert since < today


@given(st.integers(min_value=1, max_value=3650), dates)
def test_bare_day_count_round_trips(days, today):
    assert days_overdue(parse_overdue_since(f"{days}天", today), today) == days


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), dates)
def test_iso_date_is_returned_or_rejected(since, today):
    try:
        assert parse_overdue_since(since.isoformat(), today) == since
    except ParseError as error:
        assert error.problem in {
            ParseProblem.IN_FUTURE,
            ParseProblem.NOT_OVERDUE_YET,
            ParseProblem.TOO_OLD,
        }


@pytest.mark.parametrize(
    ("text", "since"),
    [
        ("8月20号开始的", date(2026, 8, 20)),
        ("8月20日那天", date(2026, 8, 20)),
        ("从10月中开始的吧", date(2026, 10, 15)),
        ("10月底", date(2026, 10, 31)),
        ("2月底", date(2026, 2, 28)),
        ("上个月底", date(2026, 10, 31)),
        ("上个月初", date(2026, 10, 1)),
        ("11月初", date(2026, 11, 1)),
    ],
)
def test_dates_as_people_say_them(text, since):
    assert parse_overdue_since(text, TODAY) == since
