"""What the free-text parsers share: the reasons an answer is rejected, and numerals.

Every parser raises :class:`ParseError` with one :class:`ParseProblem`. The Telegram layer
turns each problem into its own friendly sentence, so problems are kept specific rather
than lumped into a generic "invalid input".
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class ParseProblem(StrEnum):
    """Why an answer was rejected. The values are stable identifiers for message lookup."""

    EMPTY = "empty"
    NOT_AN_AMOUNT = "not_an_amount"
    NEGATIVE = "negative"
    ZERO = "zero"
    TOO_LARGE = "too_large"
    TOO_PRECISE = "too_precise"
    NOT_A_DURATION = "not_a_duration"
    AMBIGUOUS_DATE = "ambiguous_date"
    BAD_DATE = "bad_date"
    NOT_OVERDUE_YET = "not_overdue_yet"
    IN_FUTURE = "in_future"
    TOO_OLD = "too_old"
    NOT_A_RATE = "not_a_rate"
    AMBIGUOUS_RATE = "ambiguous_rate"
    NOT_DAILY_RATE = "not_daily_rate"
    RATE_TOO_HIGH = "rate_too_high"
    IN_PAST = "in_past"
    BAD_DAY_OF_MONTH = "bad_day_of_month"
    NOT_A_STAFF_ID = "not_a_staff_id"
    NOT_A_DATE = "not_a_date"
    UNCLEAR_COMMA = "unclear_comma"
    SEVERAL_AMOUNTS = "several_amounts"


class ParseError(ValueError):
    """A user's answer could not be accepted; ``problem`` says why."""

    def __init__(self, problem: ParseProblem, text: str = "") -> None:
        # the user's text stays out of the message: it must never reach an error log
        super().__init__(problem.value)
        self.problem = problem
        self.text = text


# Longer answers are never a single number, date or rate; the cap also bounds regex work.
MAX_INPUT_CHARS = 60

_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_ARABIC_WITH_UNIT = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿])")
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# Characters cn2an's "smart" mode understands; anything else is rejected before calling it.
_NUMERAL_CHARS = frozenset(
    "0123456789.零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟幺"
)


def normalize(text: str) -> str:
    """NFKC-fold (full-width digits, ￥, ，, ％ become ASCII), lowercase, drop all whitespace."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(folded.split())


def to_decimal(numeral: str) -> Decimal | None:
    """Read an unsigned numeral (``23500.5``, ``2.35万``, ``两万三千五``) exactly, or ``None``.

    Arabic forms are read with :class:`Decimal` ourselves, because cn2an truncates
    ``1.23456万`` to an int and we must notice the extra precision instead.
    """
    if not numeral or len(numeral) > MAX_INPUT_CHARS:
        return None
    if _ARABIC.fullmatch(numeral):
        return Decimal(numeral)
    if m := _ARABIC_WITH_UNIT.fullmatch(numeral):
        return Decimal(m[1]) * _UNIT_VALUE[m[2]]
    if not set(numeral) <= _NUMERAL_CHARS:
        return None
    return _cn2an_decimal(numeral)


def _cn2an_decimal(numeral: str) -> Decimal | None:
    """Ask cn2an about Chinese or mixed numerals (``2万3``, ``七点五``); exact via ``str``."""
    # imported on first use: loading it costs about 0.1 s of the bot's start-up (issue 15),
    # and most answers are Arabic numerals that never reach it
    import cn2an

    try:
        with warnings.catch_warnings():
            # cn2an warns (UserWarning) when a decimal has over 16 digits and truncates it;
            # such input is rejected as too precise anyway, so the warning is noise here.
            warnings.simplefilter("ignore", UserWarning)
            value = cn2an.cn2an(numeral, "smart")
    except Exception:  # third-party parser on untrusted text: any failure means "no"
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        # str() of a float is its shortest round-trip repr, so 23.5 stays 23.5 exactly.
        result = Decimal(str(value))
    except InvalidOperation:
        return None
    return result if result.is_finite() and result >= 0 else None
