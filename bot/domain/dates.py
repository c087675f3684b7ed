"""One grammar for the calendar dates people type: "10月15日", "上个月底", "明年3月10号".

The overdue question looks back ("since when?"), the deal's questions look ahead ("when is
the first payment?"). Both read the same forms; only the direction differs, so a date
without a year means the nearest such date on the side the question looks at.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import Enum

from dateutil.relativedelta import relativedelta

from bot.domain.parsing import ParseError, ParseProblem, to_decimal


class Towards(Enum):
    PAST = -1
    FUTURE = 1


DAY_NUM = r"[0-9零〇一二两三四五六七八九十]{1,4}"
_YEAR_OFFSETS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}
_MONTH_OFFSETS = {
    "上上个月": -2,
    "上上月": -2,
    "上个月": -1,
    "上月": -1,
    "本月": 0,
    "这个月": 0,
    "这月": 0,
    "今月": 0,
    "月": 0,  # "月底": this month's end
    "下个月": 1,
    "下月": 1,
    "下下个月": 2,
    "下下月": 2,
}
DAY_OFFSETS = {
    "大前天": -3,
    "前天": -2,
    "昨天": -1,
    "昨日": -1,
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "大后天": 3,
}
_YEAR = "(" + "|".join(_YEAR_OFFSETS) + ")"
_RELATIVE_MONTH = "(" + "|".join(sorted(_MONTH_OFFSETS, key=len, reverse=True)) + ")"
_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?")
_YEAR_MONTH_DAY = re.compile(rf"{_YEAR}({DAY_NUM})月({DAY_NUM})[日号]?")
_YEAR_MONTH_END = re.compile(rf"{_YEAR}?({DAY_NUM})月份?[底末]")
_RELATIVE_MONTH_END = re.compile(rf"{_RELATIVE_MONTH}[底末]")
_RELATIVE_MONTH_DAY = re.compile(rf"{_RELATIVE_MONTH}({DAY_NUM})[日号]?")
_MONTH_DAY = re.compile(rf"({DAY_NUM})(?:[-/]|月)({DAY_NUM})[日号]?")
_DAY_OF_MONTH = re.compile(rf"({DAY_NUM})[日号]")
_MONTH_ONLY = re.compile(rf"{_YEAR}?{DAY_NUM}月份?")
# "10月初", "下个月中旬": the day that part of a month stands for
_PART_OF_MONTH = re.compile(rf"({_RELATIVE_MONTH}|{DAY_NUM}月)(初|上旬|中旬|中|下旬)")
_PART_DAY = {"初": 1, "上旬": 5, "中": 15, "中旬": 15, "下旬": 25}


def small_int(numeral: str, problem: ParseProblem, text: str) -> int:
    """A month, day or count, Arabic or Chinese (``十五``)."""
    value = to_decimal(numeral)
    if value is None or value != value.to_integral_value():
        raise ParseError(problem, text)
    return int(value)


def read_date(s: str, today: date, towards: Towards, text: str, *, years: int) -> date | None:
    """The calendar date ``s`` (normalised) names, or None when it is not shaped like one.

    ``years`` bounds how far a date without a year may be looked for. Raises
    :class:`ParseError`: BAD_DATE (no such day), AMBIGUOUS_DATE ("3月": which day?),
    TOO_OLD (nothing within ``years`` in the past), IN_PAST (looking ahead, a date of the
    last weeks: meant for this year and just missed).
    """
    s = _PART_OF_MONTH.sub(lambda m: f"{m[1]}{_PART_DAY[m[3]]}号", s)
    if m := _ISO_DATE.fullmatch(s):
        return _make(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _YEAR_MONTH_DAY.fullmatch(s):
        month, day = _int(m[2], text), _int(m[3], text)
        return _make(today.year + _YEAR_OFFSETS[m[1]], month, day, text)
    if m := _YEAR_MONTH_END.fullmatch(s):
        month = _month(m[2], text)
        if m[1]:
            return _month_end(today.year + _YEAR_OFFSETS[m[1]], month)
        return _nearest_month_end(month, today, towards)
    if m := _RELATIVE_MONTH_END.fullmatch(s):
        first = today.replace(day=1) + relativedelta(months=_MONTH_OFFSETS[m[1]])
        return _month_end(first.year, first.month)
    if m := _RELATIVE_MONTH_DAY.fullmatch(s):
        first = today.replace(day=1) + relativedelta(months=_MONTH_OFFSETS[m[1]])
        day = _int(m[2], text)
        if not 1 <= day <= 31:
            raise ParseError(ParseProblem.BAD_DATE, text)
        # 下个月31号 in a 30-day month means its last day, as the apps do
        return first + relativedelta(day=day)
    if m := _MONTH_DAY.fullmatch(s):
        return _nearest_month_day(_int(m[1], text), _int(m[2], text), today, towards, text, years)
    if m := _DAY_OF_MONTH.fullmatch(s):
        return _nearest_day_of_month(_int(m[1], text), today, towards, text)
    if _MONTH_ONLY.fullmatch(s) or s in _YEAR_OFFSETS:
        raise ParseError(ParseProblem.AMBIGUOUS_DATE, text)  # which day of that month/year?
    return None


# A date of the last weeks typed as the first payment is one just missed, not a year away.
RECENT_PAST_DAYS = 60


def _int(numeral: str, text: str) -> int:
    return small_int(numeral, ParseProblem.BAD_DATE, text)


def _month(numeral: str, text: str) -> int:
    month = _int(numeral, text)
    if not 1 <= month <= 12:
        raise ParseError(ParseProblem.BAD_DATE, text)
    return month


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(ParseProblem.BAD_DATE, text) from None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _nearest_month_end(month: int, today: date, towards: Towards) -> date:
    """The last day of the nearest such month on the side of ``towards`` (2月底: 28 or 29)."""
    year = today.year
    end = _month_end(year, month)
    while (end > today) if towards is Towards.PAST else (end < today):
        year += towards.value
        end = _month_end(year, month)
    return end


def _nearest_month_day(
    month: int, day: int, today: date, towards: Towards, text: str, years: int
) -> date:
    """The nearest month/day on the side of ``towards``; 2月29日 finds a leap year."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise ParseError(ParseProblem.BAD_DATE, text)
    if towards is Towards.FUTURE:
        try:
            this_year: date | None = date(today.year, month, day)
        except ValueError:  # 2月29日 outside a leap year
            this_year = None
        if this_year and today - timedelta(days=RECENT_PAST_DAYS) <= this_year < today:
            raise ParseError(ParseProblem.IN_PAST, text)
    for step in range(years + 1):
        try:
            candidate = date(today.year + step * towards.value, month, day)
        except ValueError:  # 2月29日 outside a leap year
            continue
        if (candidate <= today) if towards is Towards.PAST else (candidate >= today):
            return candidate
    problem = ParseProblem.TOO_OLD if towards is Towards.PAST else ParseProblem.BAD_DATE
    raise ParseError(problem, text)


def _nearest_day_of_month(day: int, today: date, towards: Towards, text: str) -> date:
    """The nearest "N号" on the side of ``towards``, skipping months too short for it."""
    if not 1 <= day <= 31:
        raise ParseError(ParseProblem.BAD_DATE, text)
    first = today.replace(day=1)
    for step in range(12):
        month = first + relativedelta(months=step * towards.value)
        if day <= calendar.monthrange(month.year, month.month)[1]:
            candidate = month.replace(day=day)
            if (candidate <= today) if towards is Towards.PAST else (candidate >= today):
                return candidate
    raise ParseError(ParseProblem.BAD_DATE, text)  # unreachable: a 31st comes within two
