"""When to remind the user of an installment, snooze, or a call to make again.

All wall-clock decisions are made in the user's zone (``ZoneInfo``) and results are
returned as aware UTC datetimes, which is what the scheduler stores. Nothing is ever
scheduled in the quiet hours 22:00–08:00 local time: a reminder that wakes someone up
about debt does more harm than good. "now" is always a parameter, never the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

QUIET_START = 22  # local hour at which quiet hours begin
QUIET_END = 8  # local hour at which they end
FOLLOWUP_USEFUL_DAYS = 7
MAX_LEAD_DAYS = 30
# what /settings offers
MORNING_HOURS = (8, 9, 10)
EVENING_HOURS = (18, 20, 21)
LEAD_CHOICES = (7, 3, 1)


class ReminderKind(StrEnum):
    """Why a reminder is sent. Values are stored in the database: never rename."""

    LEAD = "lead"
    DUE = "due"
    FOLLOWUP = "followup"
    SNOOZE = "snooze"
    CALL_AGAIN = "call_again"
    # "打了吗？" after a plan, until a call is recorded (nudges.py)
    CALL_NUDGE = "call_nudge"
    # every three months of a running deal: did income or spending change?
    CHECK_IN = "check_in"


# Reminders about the person's own next step, not about one installment's date
PERSONAL_KINDS = frozenset(
    {ReminderKind.CALL_AGAIN, ReminderKind.CALL_NUDGE, ReminderKind.CHECK_IN}
)


class SnoozeChoice(StrEnum):
    """The snooze buttons; values double as callback data."""

    TONIGHT = "tonight"
    TOMORROW = "tomorrow"


class CallAgainChoice(StrEnum):
    """When to be reminded to call customer service again; values double as callback data."""

    TOMORROW_MORNING = "tomorrow_morning"
    TOMORROW_AFTERNOON = "tomorrow_afternoon"
    IN_3_DAYS = "in_3_days"


@dataclass(frozen=True, slots=True)
class ReminderPrefs:
    """A user's reminder settings.

    ``lead_days`` reminders go out in the evening, when people are home and can pay;
    the due-day reminder goes out in the morning, leaving the whole day to pay.
    """

    morning_hour: int = 9
    evening_hour: int = 20
    lead_days: frozenset[int] = field(default_factory=lambda: frozenset({3, 1}))
    on_due_day: bool = True
    muted: bool = False

    def __post_init__(self) -> None:
        # The follow-up goes at least an hour after the morning reminder and must stay
        # before 22:00, so the morning hour stops at 20.
        if not QUIET_END <= self.morning_hour <= QUIET_START - 2:
            raise ValueError(f"morning_hour must be 8..20, got {self.morning_hour}")
        if not QUIET_END <= self.evening_hour <= QUIET_START - 1:
            raise ValueError(f"evening_hour must be 8..21, got {self.evening_hour}")
        if any(not 1 <= d <= MAX_LEAD_DAYS for d in self.lead_days):
            raise ValueError(f"lead_days must be 1..{MAX_LEAD_DAYS}, got {set(self.lead_days)}")

    @property
    def followup_hour(self) -> int:
        """The evening of the due day, always after the due-day morning reminder."""
        return max(self.evening_hour, self.morning_hour + 1)


DEFAULT_PREFS = ReminderPrefs()


@dataclass(frozen=True, slots=True)
class PlannedReminder:
    """One reminder to send: ``at`` is aware UTC; ``lead_days`` is 0 unless kind is LEAD."""

    kind: ReminderKind
    at: datetime
    lead_days: int = 0


def out_of_quiet_hours(local: datetime) -> datetime:
    """Move an aware local time out of 22:00–08:00 to the next 08:00; others unchanged."""
    _require_aware(local)
    if local.hour >= QUIET_START:
        return _wall(local.date() + timedelta(days=1), QUIET_END, local.tzinfo)
    if local.hour < QUIET_END:
        return _wall(local.date(), QUIET_END, local.tzinfo)
    return local


def reminders_for(due: date, prefs: ReminderPrefs, tz: ZoneInfo) -> tuple[PlannedReminder, ...]:
    """The reminders for one installment due on ``due``, sorted by time, in UTC.

    Muted users still get the FOLLOWUP on the evening of the due day: a missed
    installment can break the whole deal, so it is the one message we never drop.
    """
    planned = [
        PlannedReminder(ReminderKind.FOLLOWUP, _utc_at(due, prefs.followup_hour, tz)),
    ]
    if not prefs.muted:
        planned.extend(
            PlannedReminder(
                ReminderKind.LEAD, _utc_at(due - timedelta(days=d), prefs.evening_hour, tz), d
            )
            for d in prefs.lead_days
        )
        if prefs.on_due_day:
            planned.append(PlannedReminder(ReminderKind.DUE, _utc_at(due, prefs.morning_hour, tz)))
    return tuple(sorted(planned, key=lambda r: r.at))


def snooze_until(now: datetime, choice: str, prefs: ReminderPrefs, tz: ZoneInfo) -> datetime | None:
    """When a snoozed reminder comes back, in UTC; ``None`` when "tonight" is no longer possible.

    ``tonight``: see :func:`tonight_at` (never moved to the next morning behind the user's
    back). ``tomorrow``: tomorrow at ``morning_hour``, out of quiet hours. ``ValueError``
    for other choices.
    """
    _require_aware(now)
    picked = SnoozeChoice(choice)
    if picked is SnoozeChoice.TONIGHT:
        return tonight_at(now, prefs, tz)
    at = _wall(now.astimezone(tz).date() + timedelta(days=1), prefs.morning_hour, tz)
    return out_of_quiet_hours(at).astimezone(UTC)


SNOOZE_AT_LEAST = timedelta(minutes=30)  # a snooze that fires at once is no snooze
SNOOZE_FOR = timedelta(hours=2)


def tonight_at(now: datetime, prefs: ReminderPrefs, tz: ZoneInfo) -> datetime | None:
    """A snooze for tonight, in UTC, or ``None`` when no time before quiet hours is left.

    This evening at ``evening_hour`` if that is more than 30 minutes away; else in two
    hours, or 21:30 when two hours would reach quiet hours; ``None`` when 21:30 is less
    than 30 minutes away. Before 08:00 "tonight" is the evening of the same day.
    """
    _require_aware(now)
    local_now = now.astimezone(tz)
    evening = _wall(local_now.date(), prefs.evening_hour, tz)
    if evening > now + SNOOZE_AT_LEAST:
        return out_of_quiet_hours(evening).astimezone(UTC)
    at = (now + SNOOZE_FOR).astimezone(tz)
    if out_of_quiet_hours(at) != at or at.date() != local_now.date():
        at = _wall(local_now.date(), QUIET_START, tz) - SNOOZE_AT_LEAST
    if at < now + SNOOZE_AT_LEAST:
        return None
    return at.astimezone(UTC)


# Customer service lines are busiest when they open, so "morning" means 10:00.
_CALL_AGAIN = {
    CallAgainChoice.TOMORROW_MORNING: (1, 10),
    CallAgainChoice.TOMORROW_AFTERNOON: (1, 14),
    CallAgainChoice.IN_3_DAYS: (3, 10),
}


def call_again_at(now: datetime, choice: str, tz: ZoneInfo) -> datetime:
    """When to remind the user to call again, in UTC; ``ValueError`` for unknown choices."""
    _require_aware(now)
    days, hour = _CALL_AGAIN[CallAgainChoice(choice)]
    at = _wall(now.astimezone(tz).date() + timedelta(days=days), hour, tz)
    return out_of_quiet_hours(at).astimezone(UTC)


def is_due(at: datetime, now: datetime) -> bool:
    """Whether a reminder scheduled for ``at`` should go out at ``now``."""
    return at <= now


def still_useful(kind: ReminderKind, installment_due: date, now: datetime, tz: ZoneInfo) -> bool:
    """Whether a reminder found late (say after a restart) is still worth sending.

    A "pay soon" message after the due date is wrong, so LEAD, DUE and SNOOZE expire
    with the due day (the engine sends a FOLLOWUP instead); a FOLLOWUP stays useful for
    a week; a CALL_AGAIN, a nudge or a check-in is about the user's own next step and never
    expires.
    """
    _require_aware(now)
    today = now.astimezone(tz).date()
    if kind in PERSONAL_KINDS:
        return True
    if kind is ReminderKind.FOLLOWUP:
        return today <= installment_due + timedelta(days=FOLLOWUP_USEFUL_DAYS)
    return today <= installment_due


def _utc_at(day: date, hour: int, tz: ZoneInfo) -> datetime:
    """``day`` at ``hour``:00 local, in UTC, kept out of quiet hours.

    A local time inside a DST gap does not exist; zoneinfo moves it forward by the gap,
    which could in principle cross 22:00, hence the quiet-hours pass.
    """
    local = _wall(day, hour, tz).astimezone(UTC).astimezone(tz)
    return out_of_quiet_hours(local).astimezone(UTC)


def _wall(day: date, hour: int, tz: tzinfo | None) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=tz)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
