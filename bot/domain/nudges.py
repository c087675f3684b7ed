"""When to ask "打了吗？" after a plan, and when to check in on a running deal.

A plan helps only once the call is made. The day after the plan, then with growing gaps
(days 1, 3 and 7), the bot asks whether the person has called, until a call is recorded or
they say stop. Nudges go out at noon local time: inside 95188's reported service hours
(8:00–24:00, confidence L in domain.md) and outside quiet hours, and a lunch break is
when someone at work can make a call. While a deal runs, every three months the bot asks
whether income or spending changed, in the user's evening (when people are home).
All results are aware UTC datetimes; "now" is always a parameter.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from bot.domain.reminders import QUIET_START, ReminderPrefs, out_of_quiet_hours

NUDGE_DAYS = (1, 3, 7)
NUDGE_HOUR = 12
# "今天打": asked again in the evening of the same day, if the evening is still ahead
TODAY_CHECK_HOUR = 19
LATER_DAYS = 2
CHECK_IN_MONTHS = 3


class NudgeChoice(StrEnum):
    """The nudge's buttons; values double as callback data."""

    CALLED = "called"  # 打了，记录结果
    TODAY = "today"  # 今天打
    LATER = "later"  # 过两天提醒我
    STOP = "stop"  # 不想打了


def nudge_times(planned_at: datetime, tz: ZoneInfo) -> tuple[datetime, ...]:
    """The nudges after a plan made at ``planned_at``: days 1, 3 and 7 at noon, in UTC."""
    start = _local_day(planned_at, tz)
    return tuple(_at(start + timedelta(days=d), NUDGE_HOUR, tz) for d in NUDGE_DAYS)


def today_check_at(now: datetime, tz: ZoneInfo) -> datetime:
    """ "今天打": this evening at 19:00 if that is at least an hour away, else tomorrow noon."""
    local = now.astimezone(tz)
    evening = datetime.combine(local.date(), time(TODAY_CHECK_HOUR), tzinfo=tz)
    if evening - local >= timedelta(hours=1):
        return evening.astimezone(UTC)
    return _at(local.date() + timedelta(days=1), NUDGE_HOUR, tz)


def later_at(now: datetime, tz: ZoneInfo) -> datetime:
    """ "过两天提醒我": two days from today, at noon."""
    return _at(_local_day(now, tz) + timedelta(days=LATER_DAYS), NUDGE_HOUR, tz)


def check_in_at(since: datetime, prefs: ReminderPrefs, tz: ZoneInfo) -> datetime:
    """Three calendar months after ``since``, in the user's evening, in UTC."""
    day = _local_day(since, tz) + relativedelta(months=CHECK_IN_MONTHS)
    return _at(day, min(prefs.evening_hour, QUIET_START - 1), tz)


def _local_day(moment: datetime, tz: ZoneInfo) -> date:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return moment.astimezone(tz).date()


def _at(day: date, hour: int, tz: ZoneInfo) -> datetime:
    local = datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC).astimezone(tz)
    return out_of_quiet_hours(local).astimezone(UTC)


# ---- typed words that mean a nudge's button (outside any conversation, after a plan) ----

_TYPED_NUDGE: dict[str, NudgeChoice] = {
    **dict.fromkeys(("打了", "打过了", "已经打了", "打完了", "打好了"), NudgeChoice.CALLED),
    **dict.fromkeys(("今天打", "今天就打", "今天会打", "今天再打"), NudgeChoice.TODAY),
    **dict.fromkeys(
        ("过两天", "过两天打", "过两天再打", "过两天提醒我", "过几天", "过几天再打"),
        NudgeChoice.LATER,
    ),
    **dict.fromkeys(("不想打了", "不想打", "不打了", "先不打了"), NudgeChoice.STOP),
}
_NOISE = re.compile(r"[\s,.!?;:~、，。！？；：～…\"'“”‘’()（）]+")
_TRAILING_PARTICLES = re.compile(r"[吧啊呀哦呢啦嘛哈咯喔噢]+$")


def typed_nudge(text: str) -> NudgeChoice | None:
    """What a short typed reply means for the nudge ("今天打吧！" → TODAY), else None."""
    if len(text) > 24:
        return None
    folded = _NOISE.sub("", unicodedata.normalize("NFKC", text))
    return _TYPED_NUDGE.get(_TRAILING_PARTICLES.sub("", folded))
