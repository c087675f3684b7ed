"""Reading "how long overdue" answers: a duration (``45天``, ``一个半月``) or a date.

The result is always the first day overdue. Durations count back from today with fixed
day lengths (month = 30 days, year = 365 days) because people answer in round figures and
a day either way does not change the plan. Dates without a year mean the most recent such
date that is not after today.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from bot.domain.dates import Towards, read_date
from bot.domain.parsing import ParseError, ParseProblem, normalize, to_decimal

MAX_YEARS_OVERDUE = 10

_NUM = r"[0-9.零〇一二两三四五六七八九十百千]+"
# "一个半月" = 一 个 半 月, "半个月", "两个星期", "一年半", "3个月", "45天", "45".
_DURATION = re.compile(
    rf"(?P<n>{_NUM})?(?P<half>个?半)?个?(?P<unit>天|周|星期|礼拜|月|年)?(?P<half_after>半)?"
)
_UNIT_DAYS = {"天": 1, "周": 7, "星期": 7, "礼拜": 7, "月": 30, "年": 365}
_NAMED_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "大前天": 3}
_FUTURE_WORDS = ("明天", "后天", "下个月", "下月", "下周", "明年")
_NAMED_DAY_NOISE = re.compile(r"逾期|了|开始|就|是|的|从|起")
_NOT_YET = re.compile(r"还?(?:没有?|未)逾期(?:呢|了)?|还没到期|没到期")
# Wrapping words ("已经逾期45天了", "大概两个多月") that carry no number.
_FILLERS = re.compile(
    r"大约|大概|差不多|左右|将近|快|约|已经|逾期了?|了|多|之前|以前|前|开始|从|起"
    r"|那天|那时候|时候|的|吧|[。!~]+$"
)


def parse_overdue_since(text: str, today: date) -> date:
    """Return the first day overdue described by ``text``, relative to ``today``.

    Raises :class:`ParseError`: EMPTY, NOT_A_DURATION (unrecognised), AMBIGUOUS_DATE
    (``3月``), BAD_DATE (``2026-02-30``), NEGATIVE, NOT_OVERDUE_YET (today / 0 days),
    IN_FUTURE, TOO_OLD (over ten years).
    """
    s = normalize(text)
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    since = _named_day(s, today, text)
    if since is None:
        core = _FILLERS.sub("", s)
        since = _date(core, today, text) or _duration(core, today, text)
    if since > today:
        raise ParseError(ParseProblem.IN_FUTURE, text)
    if since == today:
        raise ParseError(ParseProblem.NOT_OVERDUE_YET, text)
    if since < today - relativedelta(years=MAX_YEARS_OVERDUE):
        raise ParseError(ParseProblem.TOO_OLD, text)
    return since


def days_overdue(since: date, today: date) -> int:
    """Whole days between the first day overdue and today (``45天`` gives back 45); never < 0."""
    return max(0, (today - since).days)


def _named_day(s: str, today: date, text: str) -> date | None:
    """昨天/前天/今天, checked before fillers are stripped (``前`` is a filler elsewhere)."""
    core = _NAMED_DAY_NOISE.sub("", s)
    if core in _NAMED_DAYS:
        return today - timedelta(days=_NAMED_DAYS[core])
    if core.startswith(_FUTURE_WORDS):
        raise ParseError(ParseProblem.IN_FUTURE, text)
    if _NOT_YET.fullmatch(s):
        raise ParseError(ParseProblem.NOT_OVERDUE_YET, text)
    return None


def _date(s: str, today: date, text: str) -> date | None:
    """Calendar forms, the most recent such date; ``None`` when ``s`` is not shaped like one."""
    return read_date(s, today, Towards.PAST, text, years=MAX_YEARS_OVERDUE)


def _duration(s: str, today: date, text: str) -> date:
    """Counts back ``45天``, ``一个半月``, ``两个星期``; bare numbers are days."""
    negative = s.startswith(("-", "负"))
    body = _FILLERS.sub("", s.lstrip("-负"))
    m = _DURATION.fullmatch(body)
    if not body or m is None or not (m["n"] or m["half"]):
        raise ParseError(ParseProblem.NOT_A_DURATION, text)
    if m["unit"] is None and (m["half"] or m["half_after"] or "个" in body):
        raise ParseError(ParseProblem.NOT_A_DURATION, text)  # "一半", "两个": of what?
    if m["unit"] is None and m["n"] and "." in m["n"]:
        raise ParseError(ParseProblem.AMBIGUOUS_DATE, text)  # 10.15: Oct 15 or 10.15 days?
    if m["unit"] == "月" and m["n"] and "个" not in body and not m["half"]:
        raise ParseError(ParseProblem.AMBIGUOUS_DATE, text)  # 3月: March or 3 months?
    count = Decimal(0)
    if m["n"]:
        parsed = to_decimal(m["n"])
        if parsed is None:
            raise ParseError(ParseProblem.NOT_A_DURATION, text)
        count = parsed
    if m["half"] or m["half_after"]:
        count += Decimal("0.5")
    if negative and count:
        raise ParseError(ParseProblem.NEGATIVE, text)
    days = count * _UNIT_DAYS[m["unit"] or "天"]
    # Anything past the ten-year limit is too old; checking first avoids date overflow.
    if days > MAX_YEARS_OVERDUE * 366:
        raise ParseError(ParseProblem.TOO_OLD, text)
    return today - timedelta(days=int(days.quantize(Decimal(1), rounding=ROUND_HALF_UP)))
