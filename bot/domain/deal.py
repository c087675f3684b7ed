"""What was agreed on the call with customer service, turned into dated installments.

The user reports the deal in their own words; :class:`DealTerms` holds it and
:func:`installments_for` turns it into :class:`PlannedInstallment` values that reminders,
/status and the calendar export all share. The parsers at the end read the answers the
user types while recording the deal. Unlike ``overdue.py``, which looks back, dates here
look forward: ``12月10日`` means the next 10 December on or after today.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from bot.domain.dates import DAY_NUM, DAY_OFFSETS, Towards, read_date, small_int
from bot.domain.parsing import ParseError, ParseProblem, normalize, to_decimal
from bot.domain.schedule import split_to_fen

MAX_PERIODS = 120  # ten years of monthly payments: more is a typo, not a deal
MAX_YEARS_AHEAD = 10


class DealKind(StrEnum):
    """The shape of the deal. Values are stored in the database: never rename."""

    INSTALLMENTS = "installments"
    PAUSE_THEN_INSTALLMENTS = "pause_then_installments"
    SINGLE = "single"
    SUGGESTED = "suggested"


class DealProblem(StrEnum):
    """Why terms cannot be turned into installments; stable identifiers for messages."""

    MISSING_PERIODS = "missing_periods"
    PERIODS_NOT_POSITIVE = "periods_not_positive"
    TOO_MANY_PERIODS = "too_many_periods"
    MISSING_AMOUNT = "missing_amount"
    BOTH_AMOUNT_AND_TOTAL = "both_amount_and_total"
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    TOTAL_TOO_SMALL = "total_too_small"
    MISSING_FIRST_DUE = "missing_first_due"
    FIRST_DUE_IN_PAST = "first_due_in_past"
    BAD_DUE_DAY = "bad_due_day"
    MISSING_PAUSE_UNTIL = "missing_pause_until"
    PAUSE_IN_PAST = "pause_in_past"
    SUGGESTED_NEEDS_AMOUNTS = "suggested_needs_amounts"


class DealError(ValueError):
    """Terms that do not make a schedule; ``problem`` says why."""

    def __init__(self, problem: DealProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class DealTerms:
    """The deal as the user reported it.

    Give either ``amount_fen`` (each installment) or ``total_fen`` (split evenly), not
    both. ``due_day`` is the monthly due day (1..31, clamped to short months); ``None``
    means the day of ``first_due``. For PAUSE_THEN_INSTALLMENTS ``first_due`` is ignored:
    it is derived from ``pause_until`` and ``due_day``.
    """

    kind: DealKind
    periods: int | None = None
    amount_fen: int | None = None
    total_fen: int | None = None
    first_due: date | None = None
    due_day: int | None = None
    pause_until: date | None = None


@dataclass(frozen=True, slots=True)
class PlannedInstallment:
    """One payment to make: its 1-based number, due date and amount in fen."""

    number: int
    due: date
    amount_fen: int


def installments_for(terms: DealTerms, today: date) -> tuple[PlannedInstallment, ...]:
    """The installments the terms describe; raises :class:`DealError` when they cannot.

    SUGGESTED deals come from the plan's own schedule, whose last installment may differ,
    so they are built with :func:`installments_on_dates` instead.
    """
    if terms.kind is DealKind.SUGGESTED:
        raise DealError(DealProblem.SUGGESTED_NEEDS_AMOUNTS)
    _check_due_day(terms.due_day)
    periods = 1 if terms.kind is DealKind.SINGLE else terms.periods
    if terms.kind is DealKind.SINGLE and terms.periods not in (None, 1):
        raise DealError(DealProblem.TOO_MANY_PERIODS)  # a single payment has one period
    if periods is None:
        raise DealError(DealProblem.MISSING_PERIODS)
    if periods < 1:
        raise DealError(DealProblem.PERIODS_NOT_POSITIVE)
    if periods > MAX_PERIODS:
        raise DealError(DealProblem.TOO_MANY_PERIODS)
    amounts = _amounts(terms, periods)
    first_due = _first_due(terms, today)
    return installments_from_amounts(amounts, first_due, terms.due_day)


def installments_from_amounts(
    amounts: Sequence[int], first_due: date, due_day: int | None
) -> tuple[PlannedInstallment, ...]:
    """Number the amounts and date them: ``first_due``, then monthly on ``due_day``."""
    if not amounts:
        raise DealError(DealProblem.MISSING_PERIODS)
    if len(amounts) > MAX_PERIODS:
        raise DealError(DealProblem.TOO_MANY_PERIODS)
    if any(a <= 0 for a in amounts):
        raise DealError(DealProblem.AMOUNT_NOT_POSITIVE)
    _check_due_day(due_day)
    dates = due_dates(first_due, due_day, len(amounts))
    return tuple(
        PlannedInstallment(number=i, due=d, amount_fen=a)
        for i, (d, a) in enumerate(zip(dates, amounts, strict=True), start=1)
    )


def installments_on_dates(
    amounts: Sequence[int], dates: Sequence[date]
) -> tuple[PlannedInstallment, ...]:
    """Number the amounts on the given dates (a plan's own schedule, aligned to payday)."""
    if not amounts or len(amounts) != len(dates):
        raise DealError(DealProblem.MISSING_PERIODS)
    if len(amounts) > MAX_PERIODS:
        raise DealError(DealProblem.TOO_MANY_PERIODS)
    if any(a <= 0 for a in amounts):
        raise DealError(DealProblem.AMOUNT_NOT_POSITIVE)
    return tuple(
        PlannedInstallment(number=i, due=d, amount_fen=a)
        for i, (d, a) in enumerate(zip(dates, amounts, strict=True), start=1)
    )


def due_dates(first_due: date, due_day: int | None, n: int) -> tuple[date, ...]:
    """``first_due``, then each following month on ``due_day`` clamped to the month's end.

    Each month is computed from ``first_due``'s month, not from the previous date, so a
    31st clamped to 28 February comes back to 31 March.
    """
    day = first_due.day if due_day is None else due_day
    start = first_due.replace(day=1)
    later = (start + relativedelta(months=k, day=day) for k in range(1, n))
    return (first_due, *later)


def _check_due_day(due_day: int | None) -> None:
    if due_day is not None and not 1 <= due_day <= 31:
        raise DealError(DealProblem.BAD_DUE_DAY)


def _amounts(terms: DealTerms, periods: int) -> tuple[int, ...]:
    if terms.amount_fen is not None and terms.total_fen is not None:
        raise DealError(DealProblem.BOTH_AMOUNT_AND_TOTAL)
    if terms.amount_fen is not None:
        if terms.amount_fen <= 0:
            raise DealError(DealProblem.AMOUNT_NOT_POSITIVE)
        return (terms.amount_fen,) * periods
    if terms.total_fen is None:
        raise DealError(DealProblem.MISSING_AMOUNT)
    if terms.total_fen <= 0:
        raise DealError(DealProblem.AMOUNT_NOT_POSITIVE)
    if terms.total_fen < periods:
        raise DealError(DealProblem.TOTAL_TOO_SMALL)  # some installment would be 0 fen
    return split_to_fen(terms.total_fen, periods)


def _first_due(terms: DealTerms, today: date) -> date:
    if terms.kind is DealKind.PAUSE_THEN_INSTALLMENTS:
        if terms.pause_until is None:
            raise DealError(DealProblem.MISSING_PAUSE_UNTIL)
        if terms.pause_until < today:
            raise DealError(DealProblem.PAUSE_IN_PAST)
        return first_due_after_pause(terms.pause_until, terms.due_day)
    if terms.first_due is None:
        raise DealError(DealProblem.MISSING_FIRST_DUE)
    if terms.first_due < today:
        raise DealError(DealProblem.FIRST_DUE_IN_PAST)
    return terms.first_due


def first_due_after_pause(pause_until: date, due_day: int | None) -> date:
    """The first ``due_day`` (clamped) strictly after the pause; the next day if no due day."""
    if due_day is None:
        return pause_until + timedelta(days=1)
    _check_due_day(due_day)
    start = pause_until.replace(day=1)
    this_month = start + relativedelta(day=due_day)
    return this_month if this_month > pause_until else start + relativedelta(months=1, day=due_day)


# --- Parsing what the user types while recording the deal -------------------------------

# a span from today: "3个月后", "暂缓3个月", "半年以后", "两周后"
_AFTER = re.compile(
    rf"(?:暂缓|缓|停|推迟|延期|延后)?(?P<n>{DAY_NUM})?(?P<half>半)?"
    r"(?P<unit>天|周|个半月|个月|年)(?:后|以后|之后)?"
)
# anything that could be a date has a digit, a numeral or a day word in it
_DATE_SHAPED = re.compile(r"[0-9零〇一二两三四五六七八九十]|[今明后昨前]天|[今明]日|[月年]")
# Words around a date that change nothing: "就是下个月10号吧", "还款日12月10日".
_DATE_FILLERS = re.compile(r"还款日|还款|就是|是|就|吧|[。!~]+$")
_DUE_DAY = re.compile(rf"(?:每个?月)?({DAY_NUM})[日号]?")
_PERIODS = re.compile(r"(?:一共|总共|共|分)?(-?[0-9零〇一二两三四五六七八九十百]+)(?:期|个月)?")
# A 工号 is a run of ASCII letters and digits (hyphens inside allowed: A-1023).
_STAFF_RUN = re.compile(
    r"(?<![A-Za-z0-9-])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?![A-Za-z0-9-])"
)
# … right after the word: "工号A1023", "客服编号：88231", "ID是 x77".
_STAFF_AFTER_WORD = re.compile(
    r"(?:工号|编号|员工号|id|ID|Id)(?:\s|是|为|:|号|码)*"
    r"([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?![A-Za-z0-9-])"
)
STAFF_ID_MIN, STAFF_ID_MAX = 2, 12
_NO_STAFF_ID = frozenset(
    {
        "没有",
        "没",
        "无",
        "不知道",
        "不清楚",
        "忘了",
        "忘记了",
        "没问",
        "跳过",
        "skip",
        "没记",
        "没记住",
    }
)
_NO_STAFF_WORDS = ("不知道", "不清楚", "忘了", "忘记", "没问", "没记", "没说", "没有工号", "跳过")


def parse_due_date(text: str, today: date) -> date:
    """The first due date described by ``text``: today or later, within ten years.

    Accepts ``2026-12-10``, ``2026/12/10``, ``12月10日``, ``12-10``, ``下个月10号``,
    ``本月28号``, ``10号``, ``明天``, ``后天``, ``明年3月10日``, and a month's end:
    ``3月底``, ``明年3月底``, ``月底``, ``下个月底``. Without a year, the next such date on or
    after today. Raises :class:`ParseError`: EMPTY, BAD_DATE (unrecognised or impossible),
    AMBIGUOUS_DATE (``3月``), IN_PAST, TOO_LARGE (over ten years ahead).
    """
    s = _DATE_FILLERS.sub("", normalize(text))
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    if not _DATE_SHAPED.search(s):
        raise ParseError(ParseProblem.NOT_A_DATE, text)  # "不知道", "还没定": not a date
    # "3月中旬", "下个月初": the day that part of the month stands for (底 is read below)
    due = _after(s, today, text) or _named_day(s, today, text)
    due = due or read_date(s, today, Towards.FUTURE, text, years=MAX_YEARS_AHEAD)
    if due is None:
        raise ParseError(ParseProblem.BAD_DATE, text)
    if due < today:
        raise ParseError(ParseProblem.IN_PAST, text)
    if due > today + relativedelta(years=MAX_YEARS_AHEAD):
        raise ParseError(ParseProblem.TOO_LARGE, text)
    return due


def _named_day(s: str, today: date, text: str) -> date | None:
    """今天, 明天, 后天 …; 昨天 and before are past."""
    if s not in DAY_OFFSETS:
        return None
    if DAY_OFFSETS[s] < 0:
        raise ParseError(ParseProblem.IN_PAST, text)
    return today + timedelta(days=DAY_OFFSETS[s])


def _after(s: str, today: date, text: str) -> date | None:
    """ "3个月后", "暂缓3个月", "半年", "两周以后": that long from today."""
    m = _AFTER.fullmatch(s)
    if m is None or not (m["n"] or m["half"]):
        return None
    if m["half"] and not m["n"]:  # 半年, 半个月
        return today + (relativedelta(months=6) if m["unit"] == "年" else timedelta(days=15))
    count = small_int(m["n"], ParseProblem.BAD_DATE, text) if m["n"] else 0
    unit = m["unit"]
    if count <= 0:
        raise ParseError(ParseProblem.BAD_DATE, text)
    if count > 120:
        raise ParseError(ParseProblem.TOO_LARGE, text)
    step = {
        "天": relativedelta(days=count),
        "周": relativedelta(weeks=count),
        "个月": relativedelta(months=count),
        "年": relativedelta(years=count),
        "个半月": relativedelta(months=count, days=15),
    }[unit]
    return today + step


def parse_due_day(text: str) -> int:
    """The monthly due day: ``10``, ``10号``, ``每月10日``, ``十号``; ``月底`` is 31.

    Raises :class:`ParseError`: EMPTY, BAD_DAY_OF_MONTH (not a number or not 1..31).
    """
    s = normalize(text)
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    if s in ("月底", "每月月底", "每个月月底", "月末"):
        return 31  # clamped to each month's last day by due_dates()
    m = _DUE_DAY.fullmatch(s)
    if m is None:
        raise ParseError(ParseProblem.BAD_DAY_OF_MONTH, text)
    day = small_int(m[1], ParseProblem.BAD_DAY_OF_MONTH, text)
    if not 1 <= day <= 31:
        raise ParseError(ParseProblem.BAD_DAY_OF_MONTH, text)
    return day


def parse_periods(text: str) -> int:
    """Number of installments: ``12``, ``12期``, ``十二期``, ``分12期``, ``12个月``; 1..120.

    Raises :class:`ParseError`: EMPTY, NOT_AN_AMOUNT (not a whole number), NEGATIVE,
    ZERO, TOO_LARGE.
    """
    s = normalize(text)
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    m = _PERIODS.fullmatch(s)
    if m is None:
        raise ParseError(ParseProblem.NOT_AN_AMOUNT, text)
    numeral = m[1]
    if numeral.startswith("-"):
        raise ParseError(ParseProblem.NEGATIVE, text)
    value = to_decimal(numeral)
    if value is None or value != value.to_integral_value():
        raise ParseError(ParseProblem.NOT_AN_AMOUNT, text)
    if value == 0:
        raise ParseError(ParseProblem.ZERO, text)
    if value > MAX_PERIODS:
        raise ParseError(ParseProblem.TOO_LARGE, text)
    return int(value)


def parse_staff_id(text: str) -> str | None:
    """The agent's 工号 found in ``text``, or ``None`` when the user has none.

    The 工号 is a run of 2–12 ASCII letters or digits: the one right after 工号/编号/ID
    ("客服小王，工号A1023" → ``A1023``), else the only such run in the text that has a
    digit ("好像是8848"). Only the 工号 is returned, never the sentence around it. Case is
    kept (``A1023`` stays as written) because the user may quote it back. Raises
    :class:`ParseError`: EMPTY, NOT_A_STAFF_ID (none found, several, or one too long).
    """
    # Not normalize(): it lowercases. NFKC still folds full-width letters and ：.
    folded = unicodedata.normalize("NFKC", text)
    s = "".join(folded.split())
    if not s:
        raise ParseError(ParseProblem.EMPTY, text)
    if s.lower().rstrip("。.!") in _NO_STAFF_ID:
        return None
    if m := _STAFF_AFTER_WORD.search(folded):
        found = m[1]
    else:
        runs = [r for r in _STAFF_RUN.findall(folded) if any(c.isdigit() for c in r)]
        if not runs:
            if any(word in s for word in _NO_STAFF_WORDS):
                return None  # "工号没记住"
            raise ParseError(ParseProblem.NOT_A_STAFF_ID, text)
        if len(runs) > 1:
            raise ParseError(ParseProblem.NOT_A_STAFF_ID, text)
        found = runs[0]
    if not STAFF_ID_MIN <= len(found) <= STAFF_ID_MAX:
        raise ParseError(ParseProblem.NOT_A_STAFF_ID, text)
    return found
