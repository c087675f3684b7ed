"""Reading and writing amounts of money. Amounts are integer fen (1 元 = 100 fen)."""

from __future__ import annotations

import re
from decimal import Decimal

from bot.domain.models import FEN_PER_YUAN
from bot.domain.parsing import ParseError, ParseProblem, normalize, to_decimal

# No consumer credit line of these products comes near 500万元: more is a typo.
MAX_DEBT_FEN = 5_000_000 * 100
DEFAULT_MAX_FEN = 100_000_000_00  # 1 亿元: far above any consumer credit line

# Words people wrap around a number ("大约两万块左右", "车贷每月800", "工资到手5000");
# they change nothing we can use. Longer words first, so "每个月" goes before "月".
_FILLERS = re.compile(
    r"大约|大概|差不多|左右|约|将近|一共|总共|人民币|rmb|¥|\$"
    r"|车贷|房贷|房租|月供|网贷|贷款|工资|收入|到手|开支|花销|花费|生活费|欠款|欠了|逾期"
    r"|待还|还款|金额|每个月|每月|一个月|一月|每期|一期|月均|平均|大致|有|是|为|:"
)
# Two numbers side by side ("800、2000", "800和2000"): the user must add them up.
_SEVERAL = re.compile(r"\d[、+和及;/~到至]\d|\d元?,[^\d]|\d-\d")
# A comma is a thousands separator only in 1,234 or 12,345,678 (groups of exactly three).
_THOUSANDS = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])")
# Currency words only ever trail the number.
_CURRENCY_SUFFIX = re.compile(r"(?:块钱|块|元整|元)$")
_MINUS = ("-", "负", "−")
# Latin shorthand used in chats: 3k = 3千, 1.5w = 1.5万.
_LATIN_UNITS = str.maketrans({"k": "千", "w": "万"})
# Thousands separators, only between digits so "2,万" stays malformed.
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")
_CENT = Decimal("0.01")


def parse_amount(text: str, *, max_fen: int = DEFAULT_MAX_FEN, allow_zero: bool = False) -> int:
    """Parse a user's amount in 元 into fen.

    Accepts Arabic (``23,500.50``), Chinese (``两万三千五``) and mixed (``2万3``, ``1.5w``)
    numerals with optional ``¥``/``元``/``块`` and filler words. Raises :class:`ParseError`
    for empty, non-numeric, negative, zero (unless ``allow_zero``), sub-fen or too large input.
    """
    s = normalize(text)
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    if _SEVERAL.search(s):
        raise ParseError(ParseProblem.SEVERAL_AMOUNTS, text)
    s = _FILLERS.sub("", s).rstrip("。.,!")
    s = _CURRENCY_SUFFIX.sub("", s)
    negative = s.startswith(_MINUS)
    if negative:
        s = s[1:]
    if "," in _THOUSANDS.sub("", s) and _DIGIT_COMMA.search(s):
        # "23,50" is 23.50 in some habits and 2350 in others, "1,2,3" is a list: ask
        raise ParseError(ParseProblem.UNCLEAR_COMMA, text)
    s = _DIGIT_COMMA.sub("", s).translate(_LATIN_UNITS)
    yuan = to_decimal(s)
    if yuan is None:
        raise ParseError(ParseProblem.NOT_AN_AMOUNT, text)
    if negative and yuan != 0:
        raise ParseError(ParseProblem.NEGATIVE, text)
    # Size first: quantize() on a 40-digit number would overflow the Decimal context.
    if yuan * FEN_PER_YUAN > max_fen:
        raise ParseError(ParseProblem.TOO_LARGE, text)
    if yuan != yuan.quantize(_CENT):
        raise ParseError(ParseProblem.TOO_PRECISE, text)
    fen = int(yuan * FEN_PER_YUAN)
    if fen == 0 and not allow_zero:
        raise ParseError(ParseProblem.ZERO, text)
    return fen


def format_fen(fen: int) -> str:
    """``2350000`` -> ``"23,500"``; ``2350050`` -> ``"23,500.50"``; negatives get ``-``."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    whole = f"{yuan:,}"
    return f"{sign}{whole}" if cents == 0 else f"{sign}{whole}.{cents:02d}"
