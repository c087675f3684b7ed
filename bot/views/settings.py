"""Settings words that depend on a value: the hour a reminder comes, as people say it."""

from __future__ import annotations

from bot.domain.reminders import ReminderPrefs
from bot.texts.zh import settings as t
from bot.views.fmt import listing


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


def render_settings(prefs: ReminderPrefs) -> str:
    """/settings: when reminders come, and whether they are on."""
    leads = listing(t.LEAD_ITEM.format(days=d) for d in sorted(prefs.lead_days, reverse=True))
    if prefs.muted:
        state = t.MUTED
    elif not prefs.lead_days and not prefs.on_due_day:
        state = t.NONE_ON
    else:
        state = t.ACTIVE
    if leads:
        leads = t.LEADS_AT.format(leads=leads, evening=clock_hour(prefs.evening_hour))
    return t.SETTINGS.format(
        morning=clock_hour(prefs.morning_hour),
        leads=leads or t.LEADS_NONE,
        due_day=t.ON if prefs.on_due_day else t.OFF,
        muted=state,
    )
