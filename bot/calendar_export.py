"""The agreed installments as an .ics file the user can add to the phone's calendar.

Each installment is an all-day event, so it shows on the right day whatever the phone's
zone. Alarms are durations relative to the event's start (local midnight of the due day),
which makes them fire at the chosen local hours on the user's own device.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from bot.domain.reminders import ReminderPrefs
from bot.texts.zh import progress as p
from bot.views.fmt import yuan

PRODID = "-//huabei-helper-bot//repayment-reminders//ZH"
UID_DOMAIN = "huabei-helper-bot"

# (debt name such as "花呗", installment number k, total count N, due date, amount in fen)
CalendarItem = tuple[str, int, int, date, int]


def installments_calendar(
    items: Sequence[CalendarItem],
    prefs: ReminderPrefs,
    tz: ZoneInfo,
    now: datetime,
    *,
    uid_prefix: str,
) -> bytes:
    """An iCalendar file with one all-day event per installment and alarms per ``prefs``.

    ``uid_prefix`` should identify the user (an opaque id, not a name) so events from
    different users never collide; ``now`` becomes every DTSTAMP.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", p.CALENDAR_NAME)
    cal.add("x-wr-timezone", tz.key)
    stamp = now.astimezone(UTC)
    for item in items:
        cal.add_component(_event(item, prefs, stamp, uid_prefix))
    ical: bytes = cal.to_ical()  # icalendar is untyped
    return ical


def installment_uid(uid_prefix: str, name: str, number: int, due: date) -> str:
    """Same installment, same UID: importing the file again updates, not duplicates."""
    digest = hashlib.sha256(f"{name}|{number}|{due.isoformat()}".encode()).hexdigest()[:20]
    return f"{uid_prefix}-{digest}@{UID_DOMAIN}"


def _event(item: CalendarItem, prefs: ReminderPrefs, stamp: datetime, uid_prefix: str) -> Event:
    name, number, count, due, amount_fen = item
    words = {"name": name, "number": number, "count": count, "amount": yuan(amount_fen)}
    event = Event()
    event.add("uid", installment_uid(uid_prefix, name, number, due))
    event.add("dtstamp", stamp)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("summary", p.CALENDAR_EVENT.format(**words))
    event.add("description", p.CALENDAR_EVENT_NOTE.format(**words))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: never "busy"
    for trigger in alarm_triggers(prefs):
        event.add_component(_alarm(trigger, p.CALENDAR_ALARM.format(**words)))
    return event


def alarm_triggers(prefs: ReminderPrefs) -> tuple[timedelta, ...]:
    """Alarm offsets from the start of the all-day event (local midnight of the due day).

    ``d`` days before at ``h``:00 is ``-d days + h hours``: 3 days before at 20:00 is
    ``-P2DT4H``. The due-day alarm is ``+h hours`` (``PT9H``). Muted: none.
    """
    if prefs.muted:
        return ()
    leads = sorted(prefs.lead_days, reverse=True)
    triggers = [timedelta(days=-d, hours=prefs.evening_hour) for d in leads]
    if prefs.on_due_day:
        triggers.append(timedelta(hours=prefs.morning_hour))
    return tuple(triggers)


def _alarm(trigger: timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", trigger)
    alarm.add("description", text)
    return alarm
