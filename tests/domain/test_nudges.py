"""When the bot asks "打了吗？" and when it checks in: local hours, never in quiet hours."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.nudges import check_in_at, later_at, nudge_times, today_check_at
from bot.domain.reminders import QUIET_END, QUIET_START, ReminderPrefs

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")


def local(moment: datetime, tz: ZoneInfo = SH) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def test_nudges_after_a_plan_come_on_days_1_3_7_at_noon():
    planned = datetime(2026, 12, 2, 23, 30, tzinfo=SH)  # a plan read late at night
    assert [local(t) for t in nudge_times(planned, SH)] == [
        "2026-12-03 12:00",
        "2026-12-05 12:00",
        "2026-12-09 12:00",
    ]
    assert all(t.tzinfo is UTC for t in nudge_times(planned, SH))


def test_nudges_follow_the_users_zone():
    planned = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 10:00 in New York
    assert local(nudge_times(planned, NY)[0], NY) == "2026-12-03 12:00"


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-12-02 09:00", "2026-12-02 19:00"),
        ("2026-12-02 17:59", "2026-12-02 19:00"),
        ("2026-12-02 18:30", "2026-12-03 12:00"),  # less than an hour before the evening
        ("2026-12-02 21:45", "2026-12-03 12:00"),
    ],
)
def test_calling_today_is_asked_about_this_evening(now, expected):
    at = datetime.strptime(now, "%Y-%m-%d %H:%M").replace(tzinfo=SH)
    assert local(today_check_at(at, SH)) == expected


def test_later_is_two_days_at_noon():
    at = datetime(2026, 12, 2, 21, 0, tzinfo=SH)
    assert local(later_at(at, SH)) == "2026-12-04 12:00"


def test_check_in_three_months_later_in_the_evening():
    agreed = datetime(2026, 11, 30, 10, 0, tzinfo=SH)
    assert local(check_in_at(agreed, ReminderPrefs(evening_hour=21), SH)) == "2027-02-28 21:00"


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        nudge_times(datetime(2026, 12, 2, 12), SH)


@given(
    moment=st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
    ),
    tz=st.sampled_from([SH, NY, ZoneInfo("Europe/London")]),
)
def test_nothing_is_ever_asked_in_quiet_hours(moment, tz):
    times = [
        *nudge_times(moment, tz),
        today_check_at(moment, tz),
        later_at(moment, tz),
        check_in_at(moment, ReminderPrefs(), tz),
    ]
    for at in times:
        assert at > moment
        assert QUIET_END <= at.astimezone(tz).hour < QUIET_START
