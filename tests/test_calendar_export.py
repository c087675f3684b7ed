"""The .ics export, read back with icalendar."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.calendar_export import alarm_triggers, installments_calendar
from bot.domain.calendar_events import CalendarEvent, event_uid
from bot.domain.deal import DealKind, DealTerms, installments_for
from bot.domain.models import Product
from bot.domain.reminders import DEFAULT_PREFS, ReminderPrefs

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 29, 11, 30, tzinfo=SHANGHAI)
TODAY = date(2026, 11, 29)


def _items(n: int = 12, product: Product = Product.HUABEI, key: str = "k1"):
    terms = DealTerms(
        DealKind.INSTALLMENTS, periods=n, total_fen=2_014_801, first_due=date(2026, 12, 10)
    )
    return [
        CalendarEvent(
            event_uid(key, product, 1, i.due), 0, False, product, i.number, n, i.due, i.amount_fen
        )
        for i in installments_for(terms, TODAY)
    ]


def _parse(data: bytes) -> Calendar:
    assert isinstance(data, bytes)
    return Calendar.from_ical(data)


def _export(items=None, prefs=DEFAULT_PREFS, now=NOW):
    items = _items() if items is None else items
    return installments_calendar(items, prefs, SHANGHAI, now)


def test_calendar_header():
    cal = _parse(_export())
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert "huabei-helper-bot" in str(cal["PRODID"])
    assert str(cal["X-WR-CALNAME"]) == "还款提醒"


def test_one_all_day_event_per_installment():
    items = _items()
    events = _parse(_export(items)).walk("VEVENT")
    assert len(events) == 12
    for event, item in zip(events, items, strict=True):
        assert str(event["UID"]) == item.uid
        assert event.decoded("DTSTART") == item.due
        assert event.decoded("DTEND") == item.due + timedelta(days=1)
        assert event.decoded("DTSTAMP") == datetime(2026, 11, 29, 3, 30, tzinfo=UTC)
        assert event.decoded("SEQUENCE") == 0
        assert str(event["STATUS"]) == "CONFIRMED"
        summary = str(event["SUMMARY"])
        assert summary.startswith(f"花呗 第{item.number}/{item.count}期 还款 ")
        assert "只通过官方渠道还款" in str(event["DESCRIPTION"])
        assert item.amount_fen in (167_901, 167_900)
    assert str(events[0]["SUMMARY"]) == "花呗 第1/12期 还款 1,679.01 元"
    assert str(events[-1]["SUMMARY"]) == "花呗 第12/12期 还款 1,679 元"


def test_amounts_add_up():
    items = _items()
    assert sum(i.amount_fen for i in items) == 2_014_801


def test_alarms_match_default_prefs():
    for event in _parse(_export()).walk("VEVENT"):
        alarms = event.walk("VALARM")
        assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY"] * 3
        assert [a.decoded("TRIGGER") for a in alarms] == [
            timedelta(days=-3, hours=20),  # -P2DT4H: 20:00 three days before
            timedelta(hours=-4),  # 20:00 the day before
            timedelta(hours=9),  # 09:00 on the day
        ]
        assert all(str(a["DESCRIPTION"]) for a in alarms)
    assert b"TRIGGER:-P2DT4H" in _export()
    assert b"TRIGGER:-PT4H" in _export()
    assert b"TRIGGER:PT9H" in _export()


def test_alarm_trigger_lands_on_the_right_local_hour():
    prefs = ReminderPrefs(morning_hour=8, evening_hour=21, lead_days=frozenset({5, 2}))
    start = datetime(2027, 3, 1)  # local midnight of the due day
    fired = [start + t for t in alarm_triggers(prefs)]
    assert fired == [datetime(2027, 2, 24, 21), datetime(2027, 2, 27, 21), datetime(2027, 3, 1, 8)]


def test_alarms_follow_prefs():
    prefs = ReminderPrefs(lead_days=frozenset({1}), on_due_day=False)
    event = _parse(_export(prefs=prefs)).walk("VEVENT")[0]
    assert [a.decoded("TRIGGER") for a in event.walk("VALARM")] == [timedelta(hours=-4)]


def test_no_alarms_when_muted():
    cal = _parse(_export(prefs=ReminderPrefs(muted=True)))
    assert len(cal.walk("VEVENT")) == 12
    assert cal.walk("VALARM") == []


def test_every_event_names_the_bot_as_its_organizer():
    """RFC 5546 §3.2.1: a PUBLISH event has an ORGANIZER; the bot's address reaches nobody."""
    cal = _parse(_export())
    assert str(cal["METHOD"]) == "PUBLISH"
    for event in cal.walk("VEVENT"):
        organizer = event["ORGANIZER"]
        assert str(organizer) == "mailto:noreply@huabei-helper-bot.invalid"
        assert organizer.params["CN"] == "还款协商助手"


def test_a_cancelled_event_says_so_and_rings_no_alarm():
    first, *rest = _items()
    gone = CalendarEvent(first.uid, 1, True, *_fields(first))
    cal = _parse(_export([gone, *rest]))
    event = cal.walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED" and event.decoded("SEQUENCE") == 1
    assert str(event["SUMMARY"]) == "已取消：花呗 第1/12期 1,679.01 元"
    assert "换成新的约定" in str(event["DESCRIPTION"])
    assert event.walk("VALARM") == [] and "ORGANIZER" in event
    assert all(len(e.walk("VALARM")) == 3 for e in cal.walk("VEVENT")[1:])


def _fields(item: CalendarEvent) -> tuple[Product, int, int, date, int]:
    return item.product, item.number, item.count, item.due, item.amount_fen


def test_the_same_events_later_differ_only_in_their_stamp():
    first = _export()
    later = _export(now=NOW + timedelta(days=3))
    assert first != later
    assert first.replace(b"20261129T033000Z", b"20261202T033000Z") == later


def test_empty_calendar_is_valid():
    cal = _parse(_export(items=[]))
    assert cal.walk("VEVENT") == []
