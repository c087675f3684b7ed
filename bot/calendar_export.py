"""The agreed installments as an .ics file the user can add to the phone's calendar.

Each installment is an all-day event, so it shows on the right day whatever the phone's
zone. Which events the file holds, and their UIDs and SEQUENCEs, come from the deals'
history (``bot.domain.calendar_events``): importing a newer file updates the calendar,
an installment a new deal replaced is taken away, nothing is added twice.

Alarms are durations relative to the event's start (local midnight of the due day), which
makes them fire at the chosen local hours on the user's own device.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vCalAddress

from bot.domain.calendar_events import UID_DOMAIN, CalendarEvent
from bot.domain.reminders import ReminderPrefs
from bot.texts.zh import progress as p
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.fmt import yuan

PRODID = "-//huabei-helper-bot//repayment-reminders//ZH"
# RFC 5546 §3.2.1: every VEVENT of a PUBLISH names its organizer. The bot is the organizer,
# and it has no mailbox: an address under .invalid (RFC 2606) can never reach anyone.
ORGANIZER = f"mailto:noreply@{UID_DOMAIN}.invalid"


def installments_calendar(
    events: Sequence[CalendarEvent],
    prefs: ReminderPrefs,
    tz: ZoneInfo,
    now: datetime,
) -> bytes:
    """An iCalendar file with one all-day event per installment and alarms per ``prefs``.

    ``events`` come with their UID and SEQUENCE (``bot.domain.calendar_events``); a cancelled
    one is sent as ``STATUS:CANCELLED`` without alarms, so a calendar that has it takes it
    away. ``now`` becomes every DTSTAMP: two files of the same events differ only there.
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
    for item in events:
        cal.add_component(_event(item, prefs, stamp))
    ical: bytes = cal.to_ical()  # icalendar is untyped
    return ical


def _organizer() -> vCalAddress:
    organizer = vCalAddress(ORGANIZER)
    organizer.params["cn"] = p.CALENDAR_ORGANIZER
    return organizer


def _event(item: CalendarEvent, prefs: ReminderPrefs, stamp: datetime) -> Event:
    words = {
        "name": PRODUCT_NAMES[item.product],
        "number": item.number,
        "count": item.count,
        "amount": yuan(item.amount_fen),
    }
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", item.sequence)
    event.add("organizer", _organizer())
    event.add("dtstart", item.due)
    event.add("dtend", item.due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: never "busy"
    if item.cancelled:
        event.add("status", "CANCELLED")
        event.add("summary", p.CALENDAR_EVENT_CANCELLED.format(**words))
        event.add("description", p.CALENDAR_EVENT_CANCELLED_NOTE.format(**words))
        return event  # no alarm: nothing is due that day any more
    event.add("status", "CONFIRMED")
    event.add("summary", p.CALENDAR_EVENT.format(**words))
    event.add("description", p.CALENDAR_EVENT_NOTE.format(**words))
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
