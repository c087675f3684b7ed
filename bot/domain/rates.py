"""Reading and writing daily penalty rates, kept as integer ppm per day (万分之五 = 500).

Accepted forms: ``0.05%``, ``百分之0.05``, ``万分之五``/``万分之5``/``万5``, ``千分之0.5``,
and bare numbers. A bare number is read by size, because apps and people write it both
ways: up to 0.001 it is a fraction (``0.0005`` = 500 ppm), from 0.01 to 0.1 it is a percent
(``0.05`` = 0.05 % = 500 ppm), and otherwise it is ambiguous: ``5`` could be 万分之5 or 5 %,
``1`` 万分之1 or 1 %, and ``0.005`` is 0.5 % a day as a fraction. Penalty rates are about
0.05 % a day (0.075 % for 借呗's 1.5 ×), so a bare number read as more than 0.1 % is more
likely another unit: the person is asked to write the unit rather than get a plan on
twenty times their penalty.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.domain.parsing import ParseError, ParseProblem, normalize, to_decimal

MAX_DAILY_RATE_PPM = 10_000  # 1 % a day; real penalty rates are a small fraction of this
PPM_PER_PERCENT = 10_000

_BARE_FRACTION_BELOW = Decimal("0.01")
_BARE_FRACTION_UP_TO = Decimal("0.001")  # 0.1 % a day, as for a bare percent
_BARE_PERCENT_UP_TO = Decimal("0.1")  # 0.1 % a day is 36.5 % a year, above any usual rate
# Labels and fillers around the number ("日利率：0.05%", "每天万分之五左右").
_FILLERS = re.compile(
    r"日利率|日息|日罚息|罚息率|罚息|利率|利息|每天|每日|/天|/日|一天|大约|大概|约|左右|是|为|:"
)
# Prefix forms: the multiplier in ppm for "<prefix><number>".
_PREFIXES = (("万分之", 100), ("千分之", 1_000), ("百分之", PPM_PER_PERCENT), ("万", 100))


def parse_daily_rate(text: str) -> int:
    """Parse a daily penalty rate into ppm per day; see the module docstring for forms.

    Raises :class:`ParseError`: EMPTY, NOT_A_RATE, NOT_DAILY_RATE (annual or monthly),
    AMBIGUOUS_RATE (a bare number read as over 0.1 %), NEGATIVE, ZERO, TOO_PRECISE (finer than
    1 ppm), RATE_TOO_HIGH (above 1 % a day).
    """
    s = normalize(text)
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    if "年" in s or "月" in s:
        # 年化 / 月利率: converting would guess the convention; ask for the daily figure.
        raise ParseError(ParseProblem.NOT_DAILY_RATE, text)
    s = _FILLERS.sub("", s)
    negative = s.startswith(("-", "负"))
    if negative:
        s = s[1:]
    ppm = _to_ppm(s, text)
    if negative and ppm != 0:
        raise ParseError(ParseProblem.NEGATIVE, text)
    if ppm == 0:
        raise ParseError(ParseProblem.ZERO, text)
    if ppm > MAX_DAILY_RATE_PPM:
        raise ParseError(ParseProblem.RATE_TOO_HIGH, text)
    if ppm != ppm.to_integral_value():
        raise ParseError(ParseProblem.TOO_PRECISE, text)
    return int(ppm)


def format_rate(ppm: int) -> str:
    """Percent per day with trailing zeros trimmed: 500 -> ``"0.05%"``, 750 -> ``"0.075%"``."""
    percent = (Decimal(ppm) / PPM_PER_PERCENT).normalize()
    return f"{percent:f}%"


def _to_ppm(s: str, text: str) -> Decimal:
    """The rate in (possibly fractional) ppm, before range checks."""
    for prefix, ppm_per_unit in _PREFIXES:
        if s.startswith(prefix):
            return _number(s.removeprefix(prefix), text) * ppm_per_unit
    if s.endswith("%"):
        return _number(s.removesuffix("%"), text) * PPM_PER_PERCENT
    value = _number(s, text)
    if value < _BARE_FRACTION_BELOW:
        if value > _BARE_FRACTION_UP_TO:  # "0.005" as 0.5 % a day: more likely a slip
            raise ParseError(ParseProblem.AMBIGUOUS_RATE, text)
        return value * 1_000_000
    if value <= _BARE_PERCENT_UP_TO:
        return value * PPM_PER_PERCENT
    raise ParseError(ParseProblem.AMBIGUOUS_RATE, text)


def _number(numeral: str, text: str) -> Decimal:
    value = to_decimal(numeral)
    if value is None:
        raise ParseError(ParseProblem.NOT_A_RATE, text)
    return value
