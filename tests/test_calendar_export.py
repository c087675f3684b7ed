"""The .ics export, read back with icalendar."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.calendar_export import alarm_triggers, installments_calendar
from bot.domain.deal import DealKind, DealTerms, installments_for
from bot.domain.reminders import DEFAULT_PREFS, ReminderPrefs

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 29, 11, 30, tzinfo=SHANGHAI)
TODAY = date(2026, 11, 29)


def _items(n: int = 12, name: str = "花呗"):
    terms = DealTerms(
        DealKind.INSTALLMENTS, periods=n, total_fen=2_014_801, first_due=date(2026, 12, 10)
    )
    return [(name, i.number, n, i.due, i.amount_fen) for i in installments_for(terms, TODAY)]


def _parse(data: bytes) -> Calendar:
    assert isinstance(data, bytes)
    return Calendar.from_ical(data)


def _export(items=None, prefs=DEFAULT_PREFS, now=NOW, uid_prefix="u1"):
    items = _items() if items is None else items
    return installments_calendar(items, prefs, SHANGHAI, now, uid_prefix=uid_prefix)


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
    for event, (_, k, n, due, amount) in zip(events, items, strict=True):
        assert event.decoded("DTSTART") == due
        assert event.decoded("DTEND") == due + timedelta(days=1)
        assert event.decoded("DTSTAMP") == datetime(2026, 11, 29, 3, 30, tzinfo=UTC)
        summary = str(event["SUMMARY"])
        assert summary.startswith(f"花呗 第{k}/{n}期 还款 ")
        assert "只通过官方渠道还款" in str(event["DESCRIPTION"])
        assert amount in (167_901, 167_900)
    assert str(events[0]["SUMMARY"]) == "花呗 第1/12期 还款 1,679.01 元"
    assert str(events[-1]["SUMMARY"]) == "花呗 第12/12期 还款 1,679 元"


def test_amounts_add_up():
    items = _items()
    assert sum(i[4] for i in items) == 2_014_801


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


def test_uids_are_stable_and_distinct():
    first = [str(e["UID"]) for e in _parse(_export()).walk("VEVENT")]
    later = _export(now=NOW + timedelta(days=3), prefs=ReminderPrefs(muted=True))
    again = [str(e["UID"]) for e in _parse(later).walk("VEVENT")]
    assert first == again
    assert len(set(first)) == 12
    assert all(uid.startswith("u1-") for uid in first)
    other_user = [str(e["UID"]) for e in _parse(_export(uid_prefix="u2")).walk("VEVENT")]
    assert not set(first) & set(other_user)
    jiebei = [str(e["UID"]) for e in _parse(_export(_items(name="借呗"))).walk("VEVENT")]
    assert not set(first) & set(jiebei)


def test_empty_calendar_is_valid():
    cal = _parse(_export(items=[]))
    assert cal.walk("VEVENT") == []
