"""Reading the hardship answers a user types instead of tapping a button."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from bot.domain.deal import parse_due_date
from bot.domain.models import HardshipReason
from bot.domain.parsing import ParseError, ParseProblem, normalize, to_decimal

MAX_NOTE_CHARS = 200
MAX_HARDSHIP_MONTHS = 60

# First match wins: illness before income ("生病没收入" is about the illness).
_KEYWORDS: tuple[tuple[HardshipReason, tuple[str, ...]], ...] = (
    (HardshipReason.ILLNESS, ("病", "住院", "手术", "受伤", "治疗", "医院", "癌", "骨折")),
    (
        HardshipReason.UNEMPLOYED,
        ("失业", "裁员", "被辞", "辞退", "离职", "没工作", "找工作", "下岗"),
    ),
    (HardshipReason.BUSINESS, ("生意", "经营", "店", "公司", "倒闭", "亏损", "创业", "工厂")),
    (HardshipReason.FAMILY, ("离婚", "去世", "家里", "家人", "父母", "孩子", "变故", "意外")),
    (HardshipReason.INCOME_DROP, ("降薪", "工资", "收入", "减薪", "欠薪", "拖欠", "奖金", "停发")),
)

_LASTING_WORDS = (
    "长期",
    "说不准",
    "说不清",
    "不知道",
    "不清楚",
    "不晓得",
    "不好说",
    "不确定",
    "一直",
    "很久",
    "永久",
)
_MONTHS = re.compile(r"^(?:大概|大约|约|差不多)?(.+?)(个月|月|年)(?:左右|吧)?$")


def guess_reason(text: str) -> HardshipReason:
    """The closest category for a reason written in the user's own words."""
    for reason, words in _KEYWORDS:
        if any(word in text for word in words):
            return reason
    return HardshipReason.OTHER


def clean_note(text: str) -> str:
    """The user's own sentence, trimmed; rejects empty or overly long notes."""
    note = " ".join(text.split())
    if not note:
        raise ParseError(ParseProblem.EMPTY, text)
    if len(note) > MAX_NOTE_CHARS:
        raise ParseError(ParseProblem.TOO_LARGE, text)
    return note


def parse_hardship_months(text: str) -> int | None:
    """Months a temporary hardship should last (``3个月``, ``半年``), or None for lasting."""
    s = normalize(text)
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    if any(word in s for word in _LASTING_WORDS):
        return None
    if s.endswith("年半"):  # 一年半 = 18 months
        s = s.removesuffix("年半") + "半年"
    match = _MONTHS.match(s)
    numeral = match.group(1) if match else s
    per_unit = 12 if match and match.group(2) == "年" else 1
    half = numeral.endswith("半")
    numeral = numeral.removesuffix("半").removesuffix("个")
    value = to_decimal(numeral) if numeral else (Decimal(0) if half else None)
    if value is None or value != value.to_integral_value():
        raise ParseError(ParseProblem.NOT_A_DURATION, text)
    # half a month rounds up: a hardship rarely ends sooner than feared
    months = int(value) * per_unit + (-(-per_unit // 2) if half else 0)
    if months <= 0:
        raise ParseError(ParseProblem.ZERO, text)
    if months > MAX_HARDSHIP_MONTHS:
        raise ParseError(ParseProblem.TOO_LARGE, text)
    return months


_UNTIL = re.compile(r"^(?:大概|大约|可能|估计|应该)?(?:要)?(?:到|等到|持续到|熬到)?")


def hardship_months_until(text: str, today: date) -> int:
    """Months until the date a hardship should end ("到明年3月底"), rounded up, at least 1.

    Raises :class:`ParseError` when ``text`` is no date on or after today.
    """
    end = parse_due_date(_UNTIL.sub("", normalize(text)), today)
    delta = relativedelta(end, today)
    months = delta.years * 12 + delta.months + (1 if delta.days else 0)
    if months > MAX_HARDSHIP_MONTHS:
        raise ParseError(ParseProblem.TOO_LARGE, text)
    return max(1, months)
