"""Reminder times: lead/due/follow-up, quiet hours, DST, snooze, call-again, staleness."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.reminders import (
    DEFAULT_PREFS,
    PlannedReminder,
    ReminderKind,
    ReminderPrefs,
    call_again_at,
    is_due,
    out_of_quiet_hours,
    reminders_for,
    snooze_until,
    still_useful,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


def _sh(y, mo, d, h, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=SHANGHAI)


def _local(r: PlannedReminder, tz: ZoneInfo) -> datetime:
    return r.at.astimezone(tz)


def test_default_prefs_in_shanghai():
    got = reminders_for(date(2026, 12, 10), DEFAULT_PREFS, SHANGHAI)
    assert got == (
        PlannedReminder(ReminderKind.LEAD, datetime(2026, 12, 7, 12, tzinfo=UTC), 3),
        PlannedReminder(ReminderKind.LEAD, datetime(2026, 12, 9, 12, tzinfo=UTC), 1),
        PlannedReminder(ReminderKind.DUE, datetime(2026, 12, 10, 1, tzinfo=UTC), 0),
        PlannedReminder(ReminderKind.FOLLOWUP, datetime(2026, 12, 10, 12, tzinfo=UTC), 0),
    )
    assert all(r.at.tzinfo is UTC for r in got)


def test_muted_keeps_only_the_followup():
    prefs = ReminderPrefs(muted=True)
    got = reminders_for(date(2026, 12, 10), prefs, SHANGHAI)
    assert [r.kind for r in got] == [ReminderKind.FOLLOWUP]


def test_no_due_day_reminder_and_custom_leads():
    prefs = ReminderPrefs(lead_days=frozenset({7, 2}), on_due_day=False, evening_hour=19)
    got = reminders_for(date(2026, 12, 10), prefs, SHANGHAI)
    assert [(r.kind, r.lead_days, _local(r, SHANGHAI)) for r in got] == [
        (ReminderKind.LEAD, 7, _sh(2026, 12, 3, 19)),
        (ReminderKind.LEAD, 2, _sh(2026, 12, 8, 19)),
        (ReminderKind.FOLLOWUP, 0, _sh(2026, 12, 10, 19)),
    ]


def test_followup_comes_after_a_late_morning_reminder():
    prefs = ReminderPrefs(morning_hour=20, evening_hour=12, lead_days=frozenset())
    got = reminders_for(date(2026, 12, 10), prefs, SHANGHAI)
    assert [(r.kind, _local(r, SHANGHAI).hour) for r in got] == [
        (ReminderKind.DUE, 20),
        (ReminderKind.FOLLOWUP, 21),
    ]


def test_lead_crossing_new_york_spring_forward():
    # DST starts 2027-03-14 02:00 in New York: EST (UTC-5) before, EDT (UTC-4) after.
    got = reminders_for(date(2027, 3, 15), DEFAULT_PREFS, NEW_YORK)
    assert [r.at for r in got] == [
        datetime(2027, 3, 13, 1, tzinfo=UTC),  # 12th 20:00 EST
        datetime(2027, 3, 15, 0, tzinfo=UTC),  # 14th 20:00 EDT
        datetime(2027, 3, 15, 13, tzinfo=UTC),  # 15th 09:00 EDT
        datetime(2027, 3, 16, 0, tzinfo=UTC),  # 15th 20:00 EDT
    ]
    assert {_local(r, NEW_YORK).time() for r in got} == {time(20), time(9)}


def test_new_york_fall_back():
    # DST ends 2026-11-01 02:00: the due-day reminder is 09:00 EST = 14:00 UTC.
    got = reminders_for(date(2026, 11, 1), DEFAULT_PREFS, NEW_YORK)
    due = next(r for r in got if r.kind is ReminderKind.DUE)
    lead = next(r for r in got if r.lead_days == 1)
    assert due.at == datetime(2026, 11, 1, 14, tzinfo=UTC)
    assert lead.at == datetime(2026, 11, 1, 0, tzinfo=UTC)  # 31 Oct 20:00 EDT


@pytest.mark.parametrize(
    ("kwargs"),
    [
        {"morning_hour": 7},
        {"morning_hour": 21},
        {"evening_hour": 22},
        {"evening_hour": 6},
        {"lead_days": frozenset({0})},
        {"lead_days": frozenset({31})},
    ],
)
def test_prefs_validation(kwargs):
    with pytest.raises(ValueError):
        ReminderPrefs(**kwargs)


@pytest.mark.parametrize(
    ("local", "moved"),
    [
        (_sh(2026, 12, 10, 22), _sh(2026, 12, 11, 8)),
        (_sh(2026, 12, 31, 23, 59), _sh(2027, 1, 1, 8)),
        (_sh(2026, 12, 10, 0, 5), _sh(2026, 12, 10, 8)),
        (_sh(2026, 12, 10, 7, 59), _sh(2026, 12, 10, 8)),
        (_sh(2026, 12, 10, 8), _sh(2026, 12, 10, 8)),
        (_sh(2026, 12, 10, 21, 59), _sh(2026, 12, 10, 21, 59)),
    ],
)
def test_out_of_quiet_hours(local, moved):
    assert out_of_quiet_hours(local) == moved


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        out_of_quiet_hours(datetime(2026, 12, 10, 23))
    with pytest.raises(ValueError):
        snooze_until(datetime(2026, 12, 10, 9), "tonight", DEFAULT_PREFS, SHANGHAI)


@pytest.mark.parametrize(
    ("now", "choice", "expected"),
    [
        (_sh(2026, 12, 10, 9), "tonight", _sh(2026, 12, 10, 20)),
        (_sh(2026, 12, 10, 19, 29), "tonight", _sh(2026, 12, 10, 20)),
        (_sh(2026, 12, 10, 19, 30), "tonight", _sh(2026, 12, 10, 21, 30)),  # not > 30 min
        (_sh(2026, 12, 10, 19, 45), "tonight", _sh(2026, 12, 10, 21, 45)),
        # two hours would be quiet: the last waking half hour, never the next morning
        (_sh(2026, 12, 10, 20, 0), "tonight", _sh(2026, 12, 10, 21, 30)),
        (_sh(2026, 12, 10, 20, 30), "tonight", _sh(2026, 12, 10, 21, 30)),
        (_sh(2026, 12, 10, 21, 0), "tonight", _sh(2026, 12, 10, 21, 30)),
        (_sh(2026, 12, 10, 21, 1), "tonight", None),  # too late: said so, not moved
        (_sh(2026, 12, 10, 23, 0), "tonight", None),
        (_sh(2026, 12, 10, 2), "tonight", _sh(2026, 12, 10, 20)),
        (_sh(2026, 12, 10, 9), "tomorrow", _sh(2026, 12, 11, 9)),
        (_sh(2026, 12, 31, 23), "tomorrow", _sh(2027, 1, 1, 9)),
    ],
)
def test_snooze(now, choice, expected):
    got = snooze_until(now, choice, DEFAULT_PREFS, SHANGHAI)
    assert got == expected
    assert got is None or got.tzinfo is UTC


def test_snooze_uses_the_users_zone_whatever_now_is_in():
    now = datetime(2026, 12, 10, 1, tzinfo=UTC)  # 09:00 in Shanghai
    assert snooze_until(now, "tonight", DEFAULT_PREFS, SHANGHAI) == _sh(2026, 12, 10, 20)


def test_unknown_choices():
    with pytest.raises(ValueError):
        snooze_until(_sh(2026, 12, 10, 9), "next_week", DEFAULT_PREFS, SHANGHAI)
    with pytest.raises(ValueError):
        call_again_at(_sh(2026, 12, 10, 9), "never", SHANGHAI)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("tomorrow_morning", _sh(2026, 12, 11, 10)),
        ("tomorrow_afternoon", _sh(2026, 12, 11, 14)),
        ("in_3_days", _sh(2026, 12, 13, 10)),
    ],
)
def test_call_again(choice, expected):
    got = call_again_at(_sh(2026, 12, 10, 23, 30), choice, SHANGHAI)
    assert got == expected
    assert got.tzinfo is UTC


def test_call_again_across_dst_in_new_york():
    now = datetime(2027, 3, 13, 15, tzinfo=NEW_YORK)
    assert call_again_at(now, "tomorrow_morning", NEW_YORK) == datetime(2027, 3, 14, 14, tzinfo=UTC)


def test_is_due():
    at = datetime(2026, 12, 10, 1, tzinfo=UTC)
    assert is_due(at, at)
    assert is_due(at, at + timedelta(seconds=1))
    assert not is_due(at, at - timedelta(seconds=1))


@pytest.mark.parametrize(
    ("kind", "now", "useful"),
    [
        (ReminderKind.LEAD, _sh(2026, 12, 10, 23, 59), True),
        (ReminderKind.LEAD, _sh(2026, 12, 11, 0, 1), False),
        (ReminderKind.DUE, _sh(2026, 12, 10, 12), True),
        (ReminderKind.SNOOZE, _sh(2026, 12, 11, 9), False),
        (ReminderKind.FOLLOWUP, _sh(2026, 12, 17, 23), True),
        (ReminderKind.FOLLOWUP, _sh(2026, 12, 18, 0), False),
        (ReminderKind.CALL_AGAIN, _sh(2030, 1, 1, 9), True),
    ],
)
def test_still_useful(kind, now, useful):
    assert still_useful(kind, date(2026, 12, 10), now, SHANGHAI) is useful


def test_still_useful_judges_the_day_in_the_users_zone():
    # 2026-12-10 20:00 UTC is already the 11th in Shanghai, still the 10th in New York.
    now = datetime(2026, 12, 10, 20, tzinfo=UTC)
    assert not still_useful(ReminderKind.DUE, date(2026, 12, 10), now, SHANGHAI)
    assert still_useful(ReminderKind.DUE, date(2026, 12, 10), now, NEW_YORK)


# --- Quiet hours are never violated -------------------------------------------------------

_ZONES = st.sampled_from(sorted(available_timezones() - {"Factory", "localtime"}))
_DUES = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
_PREFS = st.builds(
    ReminderPrefs,
    morning_hour=st.integers(8, 20),
    evening_hour=st.integers(8, 21),
    lead_days=st.frozensets(st.integers(1, 30), max_size=4),
    on_due_day=st.booleans(),
    muted=st.booleans(),
)
_NOWS = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31), timezones=st.just(UTC)
)


def _in_waking_hours(at: datetime, tz: ZoneInfo) -> bool:
    return time(8) <= at.astimezone(tz).time() < time(22)


@given(due=_DUES, prefs=_PREFS, zone=_ZONES)
def test_reminders_respect_quiet_hours(due, prefs, zone):
    tz = ZoneInfo(zone)
    got = reminders_for(due, prefs, tz)
    assert all(_in_waking_hours(r.at, tz) for r in got)
    assert all(r.at.tzinfo is UTC for r in got)
    assert [r.at for r in got] == sorted(r.at for r in got)
    kinds = [r.kind for r in got]
    assert kinds.count(ReminderKind.FOLLOWUP) == 1
    due_morning = [r for r in got if r.kind is ReminderKind.DUE]
    followup = next(r for r in got if r.kind is ReminderKind.FOLLOWUP)
    assert all(r.at < followup.at for r in due_morning)
    if prefs.muted:
        assert kinds == [ReminderKind.FOLLOWUP]
    else:
        assert sorted(r.lead_days for r in got if r.kind is ReminderKind.LEAD) == sorted(
            prefs.lead_days
        )


@given(now=_NOWS, prefs=_PREFS, zone=_ZONES, choice=st.sampled_from(["tonight", "tomorrow"]))
def test_snooze_respects_quiet_hours(now, prefs, zone, choice):
    tz = ZoneInfo(zone)
    at = snooze_until(now, choice, prefs, tz)
    if at is None:  # only "tonight" can be too late, and only late in the evening
        assert choice == "tonight"
        assert now.astimezone(tz).hour >= 21
        return
    assert _in_waking_hours(at, tz)
    assert at > now
    if choice == "tonight":  # tonight is tonight: never the next morning
        assert at.astimezone(tz).date() == now.astimezone(tz).date()


@given(
    now=_NOWS,
    zone=_ZONES,
    choice=st.sampled_from(["tomorrow_morning", "tomorrow_afternoon", "in_3_days"]),
)
def test_call_again_respects_quiet_hours(now, zone, choice):
    tz = ZoneInfo(zone)
    at = call_again_at(now, choice, tz)
    assert _in_waking_hours(at, tz)
    assert at > now


@given(local=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 1, 1)))
def test_out_of_quiet_hours_law(local):
    aware = local.replace(tzinfo=SHANGHAI)
    moved = out_of_quiet_hours(aware)
    assert time(8) <= moved.time() < time(22)
    assert moved >= aware
    assert moved - aware <= timedelta(hours=10)
