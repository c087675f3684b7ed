"""Settings words that depend on a value: the hour a reminder comes, as people say it."""

from __future__ import annotations

from bot.texts.zh import settings as t


def clock_hour(hour: int) -> str:
    """A whole hour as people say it: ``9`` -> ``"早上9点"``, ``18`` -> ``"晚上6点"``."""
    if hour < 6:
        return t.HOUR_BEFORE_DAWN.format(hour=hour)
    if hour < 10:
        return t.HOUR_MORNING.format(hour=hour)
    if hour < 12:
        return t.HOUR_FORENOON.format(hour=hour)
    if hour == 12:
        return t.HOUR_NOON
    if hour < 18:
        return t.HOUR_AFTERNOON.format(hour=hour - 12)
    return t.HOUR_EVENING.format(hour=hour - 12)
