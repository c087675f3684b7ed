"""One date grammar, two directions: the overdue question looks back, the deal's ahead."""

from datetime import date

import pytest

from bot.domain.dates import Towards, read_date
from bot.domain.parsing import ParseError, ParseProblem

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("9月15日", date(2026, 9, 15), date(2027, 9, 15)),
        ("2月底", date(2026, 2, 28), date(2027, 2, 28)),
        ("15号", date(2026, 11, 15), date(2026, 12, 15)),
        ("3月中旬", date(2026, 3, 15), date(2027, 3, 15)),
        ("上个月底", date(2026, 11, 30), date(2026, 11, 30)),
        ("下个月初", date(2027, 1, 1), date(2027, 1, 1)),
        ("2月29日", date(2024, 2, 29), date(2028, 2, 29)),
    ],
)
def test_a_date_without_a_year_is_the_nearest_on_the_side_asked(text, past, future):
    assert read_date(text, TODAY, Towards.PAST, text, years=10) == past
    assert read_date(text, TODAY, Towards.FUTURE, text, years=10) == future


def test_a_date_just_missed_is_not_taken_for_next_year():
    with pytest.raises(ParseError) as info:
        read_date("11月20日", TODAY, Towards.FUTURE, "11月20日", years=10)
    assert info.value.problem is ParseProblem.IN_PAST


@pytest.mark.parametrize("text", ["3月", "明年", "12月份"])
def test_a_month_or_year_alone_is_asked_about(text):
    with pytest.raises(ParseError) as info:
        read_date(text, TODAY, Towards.FUTURE, text, years=10)
    assert info.value.problem is ParseProblem.AMBIGUOUS_DATE


def test_text_that_is_no_date_is_none():
    assert read_date("不知道", TODAY, Towards.PAST, "不知道", years=10) is None
