"""When installments fall due: a day or two after the money arrives (domain.md, Affordability).

With a known payday every due date is ``DAYS_AFTER_PAYDAY`` after it, on a fixed day of
the month that an agent can enter as the due day: a payday from the 28th to month end
falls due on the 1st of the next month. The first is the next such date that
leaves time to call the lender first. Without a payday (irregular income) the dates are
monthly from today, each computed from today so nothing drifts after a short month.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from bot.domain.deal import parse_due_day
from bot.domain.parsing import ParseError, ParseProblem, normalize

DAYS_AFTER_PAYDAY = 2
# Days to call the lender and set the plan up before the first payment can be due.
MIN_LEAD_DAYS = 3
LAST_DAY = 31


# From this payday on, payments fall due on the 1st of the next month (1–3 days later,
# 4 after a 28th in a 31-day month); a 27th falls due on the 29th (the 28th in February).
MONTH_END_PAYDAY = 28


def payday_in(year: int, month: int, payday: int) -> date:
    """The payday of that month, clamped to its last day."""
    return date(year, month, min(payday, calendar.monthrange(year, month)[1]))


def _due_after(month_start: date, payday: int) -> date:
    """The due date that follows this month's payday."""
    if payday < MONTH_END_PAYDAY:
        last = calendar.monthrange(month_start.year, month_start.month)[1]
        return month_start.replace(day=min(payday + DAYS_AFTER_PAYDAY, last))
    return month_start + relativedelta(months=1)


def due_dates(today: date, payday: int | None, n: int) -> tuple[date, ...]:
    """``n`` monthly due dates, the first one at least ``MIN_LEAD_DAYS`` after ``today``."""
    if n < 1:
        raise ValueError("n must be at least 1")
    if payday is None:
        return tuple(today + relativedelta(months=k) for k in range(1, n + 1))
    if not 1 <= payday <= LAST_DAY:
        raise ValueError("payday must be 1..31")
    earliest = today + timedelta(days=MIN_LEAD_DAYS)
    start = today.replace(day=1) - relativedelta(months=1)
    while _due_after(start, payday) < earliest:
        start += relativedelta(months=1)
    return tuple(_due_after(start + relativedelta(months=k), payday) for k in range(n))


def next_payday(today: date, payday: int | None) -> date | None:
    """The next payday on or after ``today`` (None when income is irregular)."""
    if payday is None:
        return None
    month = today.replace(day=1)
    while payday_in(month.year, month.month, payday) < today:
        month += relativedelta(months=1)
    return payday_in(month.year, month.month, payday)


_IRREGULAR = (
    "不固定",
    "不一定",
    "没有固定",
    "不定",
    "看情况",
    "随时",
    "每月不一样",
    "不知道",
    "不清楚",
    "不晓得",
)
# Rough answers, read as the earliest day they can mean: a due date is never before the money.
_ROUGH_DAYS = {"月初": 1, "月中": 15, "月末": LAST_DAY, "月底": LAST_DAY}
_PAYDAY_FILLERS = re.compile(r"发工资|工资|到账|发薪|收入|左右|前后|大概|大约|差不多|一般|是|在|的")


def parse_payday(text: str) -> int | None:
    """The day income arrives: ``15``, ``15号``, ``每月15日``, ``十五号``, ``月底`` (31).

    None means irregular (``不固定``). Raises :class:`ParseError`: EMPTY,
    BAD_DAY_OF_MONTH.
    """
    s = normalize(text)
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    if any(word in s for word in _IRREGULAR):
        return None
    s = _PAYDAY_FILLERS.sub("", s).removeprefix("每个月").removeprefix("每月")
    if s in _ROUGH_DAYS:
        return _ROUGH_DAYS[s]
    return parse_due_day(s)
