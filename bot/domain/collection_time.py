"""When a collector got in touch, as people type it: "刚才", "昨晚11点", "今天上午10点半",
"11月20日 21:30".

A moment in the past, in the person's time zone: the day (今天/昨天/前天, 今晚/昨晚, or a
calendar date in the grammar of ``bot.domain.dates``), then a part of the day (上午, 下午,
晚上, 凌晨 …) and a clock time (10点, 10点半, 9点15, 21:30). A time without a day is today's,
or yesterday's when today's is still to come. Nothing here guesses a time that was not given.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.dates import DAY_NUM, DAY_OFFSETS, Towards, read_date, small_int
from bot.domain.parsing import ParseError, ParseProblem, normalize

# how far back a contact may be logged, and how far ahead of the clock "now" may drift
MAX_DAYS_BACK = 366
_CLOCK_SLACK = timedelta(minutes=5)

NOW_WORDS = frozenset({"刚才", "刚刚", "现在", "刚", "刚打来", "刚才打来", "刚刚打来", "now"})


class TimeProblem(StrEnum):
    NOT_A_TIME = "not_a_time"  # nothing like a time in it
    NO_HOUR = "no_hour"  # a day, but what time?
    BAD_TIME = "bad_time"  # 25点, 10点70分, 2月30日
    IN_FUTURE = "in_future"
    TOO_OLD = "too_old"


class TimeError(ValueError):
    def __init__(self, problem: TimeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


# 今晚 / 昨晚 / 今早: a day and a part of it in one word
_DAY_AND_PART = {
    "今晚": (0, "晚上"),
    "昨晚": (-1, "晚上"),
    "前晚": (-2, "晚上"),
    "今早": (0, "早上"),
    "昨早": (-1, "早上"),
    "今夜": (0, "夜里"),
    "昨夜": (-1, "夜里"),
}
_EVENING = ("下午", "傍晚", "晚上", "夜里", "夜间", "半夜", "深夜", "晚")
_MORNING = ("凌晨", "早上", "早晨", "清晨", "上午", "早")
_PARTS = sorted((*_EVENING, *_MORNING, "中午"), key=len, reverse=True)
_PART = "(" + "|".join(_PARTS) + ")?"
_HHMM = re.compile(rf"{_PART}([0-9]{{1,2}}):([0-9]{{2}})")
_POINT = re.compile(rf"{_PART}({DAY_NUM})[点时](?:({DAY_NUM}|半|一刻|三刻)分?)?(?:钟)?(?:左右|多)?")
_DAY_WORD = "(" + "|".join(sorted((*DAY_OFFSETS, *_DAY_AND_PART), key=len, reverse=True)) + ")"


def _hour_in_part(hour: int, part: str | None) -> tuple[int, int]:
    """The 24-hour clock hour and a day shift (晚上12点 is the next day's 0 点)."""
    if part is None:
        return hour, 0
    if part in _EVENING:
        if hour == 12:
            return 0, 1
        if part not in ("下午", "傍晚") and hour <= 5:
            # 昨晚2点, 昨天夜里2点: the small hours after that evening (nobody says 晚上 for
            # two in the afternoon), so a night call is never read as a daytime one
            return hour, 1
        return (hour + 12 if hour < 12 else hour), 0
    if part == "中午":
        return (hour + 12 if hour <= 3 else hour), 0
    if part == "凌晨" and hour == 12:
        return 0, 0
    return hour, 0


def _minutes(text: str | None, original: str) -> int:
    if not text:
        return 0
    if text == "半":
        return 30
    if text == "一刻":
        return 15
    if text == "三刻":
        return 45
    return small_int(text, ParseProblem.BAD_DATE, original)


def _clock(s: str, original: str) -> tuple[time, int] | None:
    """A time of day in ``s`` (the whole of it), with its day shift; None: not one."""
    part: str | None
    if m := _HHMM.fullmatch(s):
        part, hour, minute = m[1], int(m[2]), int(m[3])
    elif m := _POINT.fullmatch(s):
        part = m[1]
        hour = small_int(m[2], ParseProblem.BAD_DATE, original)
        minute = _minutes(m[3], original)
    else:
        return None
    if not (0 <= hour <= 24 and 0 <= minute <= 59) or (hour == 24 and minute):
        raise TimeError(TimeProblem.BAD_TIME)
    if hour == 24:
        hour, extra = 0, 1
    else:
        extra = 0
    if (part in _MORNING and hour > 12) or (part == "中午" and 3 < hour < 11):
        raise TimeError(TimeProblem.BAD_TIME)
    hour, shift = _hour_in_part(hour, part)
    if hour > 23:
        raise TimeError(TimeProblem.BAD_TIME)
    return time(hour, minute), shift + extra


def _split_day(s: str, today: date, original: str) -> tuple[date | None, str, str | None]:
    """(the day named, the rest, the part of day the day word implies)."""
    if m := re.match(_DAY_WORD, s):
        word = m[1]
        rest = s[m.end() :]
        if word in _DAY_AND_PART:
            offset, part = _DAY_AND_PART[word]
            return today + timedelta(days=offset), rest, part
        return today + timedelta(days=DAY_OFFSETS[word]), rest, None
    # a calendar date, then the time: try the longest date prefix the date grammar reads
    for end in range(len(s), 1, -1):
        try:
            day = read_date(s[:end], today, Towards.PAST, original, years=1)
        except ParseError as error:
            if error.problem is ParseProblem.TOO_OLD:
                raise TimeError(TimeProblem.TOO_OLD) from None
            continue
        if day is not None:
            return day, s[end:], None
    return None, s, None


def read_contact_time(text: str, now: datetime) -> datetime:
    """The moment ``text`` names, in ``now``'s zone; raises :class:`TimeError`."""
    s = normalize(text).replace("的", "").replace("，", "").replace(",", "")
    if not s or len(s) > 30:
        raise TimeError(TimeProblem.NOT_A_TIME)
    if s in NOW_WORDS:
        return now
    today = now.date()
    try:
        day, rest, implied = _split_day(s, today, text)
        rest = rest.removeprefix("在")
        if implied and rest and not rest.startswith(tuple(_PARTS)):
            rest = implied + rest
        clock = _clock(rest, text) if rest else None
    except ParseError:
        raise TimeError(TimeProblem.BAD_TIME) from None
    if clock is None:
        raise TimeError(TimeProblem.NO_HOUR if day is not None else TimeProblem.NOT_A_TIME)
    at, shift = clock
    moment = datetime.combine((day or today) + timedelta(days=shift), at, tzinfo=now.tzinfo)
    if day is None and moment > now + _CLOCK_SLACK:
        moment -= timedelta(days=1)  # "11点" at 10:00 means last night's, not tonight's
    if moment > now + _CLOCK_SLACK:
        raise TimeError(TimeProblem.IN_FUTURE)
    if now - moment > timedelta(days=MAX_DAYS_BACK):
        raise TimeError(TimeProblem.TOO_OLD)
    return min(moment, now)
