"""Reminders found late (after downtime) and sends that may have arrived: one message each."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.late_reminders import (
    LATE_AFTER,
    Queued,
    Skip,
    resend_after_uncertain,
    superseded,
)
from bot.domain.reminders import DEFAULT_PREFS, ReminderKind, ReminderPrefs, reminders_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE_DAY = date(2026, 12, 10)
LEAD, DUE, SNOOZE, FOLLOWUP = (
    ReminderKind.LEAD,
    ReminderKind.DUE,
    ReminderKind.SNOOZE,
    ReminderKind.FOLLOWUP,
)


def sh(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def queue(prefs: ReminderPrefs = DEFAULT_PREFS) -> list[Queued]:
    """The installment's reminders as stored: ids in time order."""
    return [
        Queued(i, r.kind, r.at) for i, r in enumerate(reminders_for(DUE_DAY, prefs, SHANGHAI), 1)
    ]


def verdict(
    reminders: list[Queued], kind: ReminderKind, now: datetime, lead: int = 0
) -> Skip | None:
    [this] = [r for r in reminders if r.kind is kind and (kind is not LEAD or _lead(r) == lead)]
    others = [r for r in reminders if r.id != this.id]
    return superseded(this, others, now, SHANGHAI)


def _lead(r: Queued) -> int:
    return (DUE_DAY - r.at.astimezone(SHANGHAI).date()).days


def test_down_over_the_1_day_reminder_and_the_night():
    # the 1-day reminder (9 Dec 20:00) found at 08:00 on the due day would read "今天是还款日",
    # and the due-day one says that at 09:00: it gives way
    assert verdict(queue(), LEAD, sh(10, 8), lead=1) is Skip.SUPERSEDED
    assert verdict(queue(), DUE, sh(10, 9)) is None


def test_a_reminder_found_on_time_is_never_held_back():
    assert verdict(queue(), LEAD, sh(9, 20), lead=1) is None
    assert verdict(queue(), LEAD, sh(9, 20) + LATE_AFTER, lead=1) is None
    assert verdict(queue(), DUE, sh(10, 9, 5)) is None
    # the morning hour at 20: the due-day reminder at 20:00, the follow-up at 21:00
    late_morning = queue(ReminderPrefs(morning_hour=20))
    assert verdict(late_morning, DUE, sh(10, 20, 10)) is None


def test_after_days_down_only_the_newest_due_goes_out():
    reminders = queue()
    assert verdict(reminders, LEAD, sh(9, 21), lead=3) is Skip.SUPERSEDED
    assert verdict(reminders, LEAD, sh(9, 21), lead=1) is None  # "还有 1 天"


def test_a_late_reminder_on_another_day_still_goes_out():
    # the 3-day reminder found the next morning: "还有 2 天"; the 1-day one is tomorrow
    assert verdict(queue(), LEAD, sh(8, 8), lead=3) is None
    # found on the day of the 1-day reminder, it would say "还有 1 天" twice
    assert verdict(queue(), LEAD, sh(9, 10), lead=3) is Skip.SUPERSEDED


def test_a_late_due_day_reminder_gives_way_to_a_near_follow_up_only():
    assert verdict(queue(), DUE, sh(10, 18, 30)) is Skip.FOLLOWUP_NEAR
    assert verdict(queue(), DUE, sh(10, 21)) is Skip.FOLLOWUP_NEAR  # the follow-up is due too
    assert verdict(queue(), DUE, sh(10, 10)) is None  # the day is long: "今天是还款日"


def test_without_a_due_day_reminder_the_late_1_day_one_is_the_days_message():
    reminders = queue(ReminderPrefs(on_due_day=False))
    assert verdict(reminders, LEAD, sh(10, 8), lead=1) is None  # it reads "今天是还款日"


def test_the_same_moment_twice_keeps_one():
    # "明天提醒我" on the 1-day reminder: a snooze at 09:00, with the due-day reminder
    due = Queued(3, DUE, sh(10, 9))
    snooze = Queued(9, SNOOZE, sh(10, 9))
    assert superseded(due, [snooze], sh(10, 9), SHANGHAI) is Skip.SUPERSEDED
    assert superseded(snooze, [due], sh(10, 9), SHANGHAI) is None


@pytest.mark.parametrize(
    "kind",
    [FOLLOWUP, ReminderKind.CALL_AGAIN, ReminderKind.CALL_NUDGE, ReminderKind.CHECK_IN],
)
def test_other_kinds_never_give_way(kind: ReminderKind) -> None:
    late = Queued(1, kind, sh(8, 20))
    others = [Queued(2, DUE, sh(10, 9)), Queued(3, FOLLOWUP, sh(10, 20))]
    assert superseded(late, others, sh(10, 19), SHANGHAI) is None


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        superseded(queue()[0], [], datetime(2026, 12, 10, 9), SHANGHAI)
    with pytest.raises(ValueError):
        resend_after_uncertain(FOLLOWUP, [], datetime(2026, 12, 10, 20), SHANGHAI)


# --- the laws, over any downtime: at most one pay-soon message per installment per day


@given(
    prefs=st.builds(
        ReminderPrefs,
        morning_hour=st.sampled_from((8, 9, 10)),
        evening_hour=st.sampled_from((18, 20, 21)),
        lead_days=st.frozensets(st.sampled_from((7, 3, 1)), max_size=3),
        on_due_day=st.booleans(),
    ),
    down_from=st.integers(min_value=0, max_value=10 * 24 * 4),
    down_for=st.integers(min_value=0, max_value=10 * 24 * 4),
)
def test_a_sweep_every_quarter_hour_sends_one_pay_soon_message_a_day_at_most(
    prefs: ReminderPrefs, down_from: int, down_for: int
) -> None:
    """A minimal engine: every 15 minutes outside quiet hours (and while up), each due
    reminder is superseded or sent. The pay-soon messages sent never share a local day."""
    waiting = queue(prefs)
    start = sh(1, 0)
    followup = next(r for r in waiting if r.kind is FOLLOWUP)
    sent_days: list[date] = []
    sent_any = []
    up_after_followup = False
    for step in range(14 * 24 * 4):
        now = start + timedelta(minutes=15 * step)
        local = now.astimezone(SHANGHAI)
        if down_from <= step < down_from + down_for or not 8 <= local.hour < 22:
            continue
        up_after_followup = up_after_followup or now >= followup.at
        for reminder in sorted((r for r in waiting if r.at <= now), key=lambda r: (r.at, r.id)):
            waiting.remove(reminder)
            if local.date() > DUE_DAY and reminder.kind is not FOLLOWUP:
                continue  # stale: the engine's still_useful, tested beside it
            if superseded(reminder, waiting, now, SHANGHAI) is None:
                sent_any.append(reminder)
                if reminder.kind is not FOLLOWUP:
                    sent_days.append(local.date())
    assert len(sent_days) == len(set(sent_days))
    # and the follow-up, the one message never dropped, goes out once the bot is up after it
    assert (followup in sent_any) == up_after_followup


# --- a send that timed out and may have arrived


def test_an_uncertain_send_with_another_reminder_to_come_is_not_sent_again():
    later = [Queued(4, FOLLOWUP, sh(10, 20))]
    assert resend_after_uncertain(DUE, later, sh(10, 9), SHANGHAI) is None
    assert resend_after_uncertain(LEAD, queue()[2:], sh(9, 20), SHANGHAI) is None


def test_the_last_word_on_an_installment_is_sent_once_more_a_day_later():
    at = resend_after_uncertain(FOLLOWUP, [], sh(10, 20), SHANGHAI)
    assert at == sh(11, 20).astimezone(UTC) and at.tzinfo is UTC
    assert resend_after_uncertain(ReminderKind.CALL_AGAIN, [], sh(10, 10), SHANGHAI) == sh(11, 10)


def test_a_resend_never_lands_in_quiet_hours():
    assert resend_after_uncertain(FOLLOWUP, [], sh(10, 23), SHANGHAI) == sh(12, 8)


@pytest.mark.parametrize("kind", [ReminderKind.CHECK_IN, ReminderKind.CALL_NUDGE])
def test_check_ins_and_nudges_are_never_sent_twice(kind: ReminderKind) -> None:
    assert resend_after_uncertain(kind, [], sh(10, 12), SHANGHAI) is None
