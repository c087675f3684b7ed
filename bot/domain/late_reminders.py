"""What to do with a reminder that did not go as planned: found late, or sent with no answer.

Both rules look at the person's phone, not at our queue: one message per installment, and
never the same words twice.

**Found late** (the bot was down over a reminder's time, or over quiet hours). The words of a
"pay soon" reminder (LEAD, DUE, SNOOZE) depend only on the day it is sent: a LEAD sent on the
due day reads "今天是还款日", exactly as the DUE does. So, for one installment:

* a pay-soon reminder gives way to a later pay-soon reminder of the same installment that is
  also due now (after days of downtime only the newest is worth sending);
* a *late* one (found more than :data:`LATE_AFTER` after its time) also gives way to a later
  pay-soon reminder due later the same local day: it would only say the same words again
  (down over the 1-day reminder and the night: at 08:00 nothing, at 09:00 "今天是还款日");
* a late one gives way to the follow-up when that is due within :data:`FOLLOWUP_COVERS`: the
  follow-up names the due date itself, and two messages an hour apart is one too many;
* a reminder found on time is never held back for a later one, and the follow-up, a nudge,
  a call-again or a check-in is never given way (they say something else);
* what has outlived its use (``still_useful``: a "pay soon" after the due day) is skipped; the
  engine then sends the follow-up instead, if it has not been queued or sent.

**Sent with no answer** (the send timed out, so the message may have reached the person or
not; Telegram has no way to ask which). Most such messages did arrive, so a second copy is
the likelier harm; a missing one is covered by the installment's next reminder:

* if another reminder of the same installment (or, for a personal reminder, another of its
  kind) still waits, nothing is sent again: the next one says it, late rather than twice;
* a check-in or a call nudge is never sent again: the next check-in comes in three months,
  /update and /script work at any time, and a doubled nudge is the pushiest message we have;
* otherwise (the follow-up, the last message about a missed installment; a call-again the
  person asked for) it is sent once more, :data:`UNCERTAIN_RESEND_AFTER` later (never in quiet
  hours), if it is still useful then and the installment still unpaid. If that send times out
  as well, it is not tried a third time.

"now" is always a parameter, never the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.reminders import ReminderKind, out_of_quiet_hours

# found this long after its time, a reminder is late (a burst of 5,000 drains in ~3 minutes)
LATE_AFTER = timedelta(minutes=30)
# a late pay-soon reminder gives way to the follow-up when that comes this soon
FOLLOWUP_COVERS = timedelta(hours=2)
# a send that may have arrived is tried again this much later, at the same time of day
UNCERTAIN_RESEND_AFTER = timedelta(days=1)

PAY_SOON = frozenset({ReminderKind.LEAD, ReminderKind.DUE, ReminderKind.SNOOZE})
# a lost one costs little and a doubled one looks like a bug: never sent a second time
NEVER_RESENT = frozenset({ReminderKind.CHECK_IN, ReminderKind.CALL_NUDGE})


class Skip(StrEnum):
    """Why a reminder was not sent. Stored in ``reminders.skip_reason``: never rename."""

    GONE = "gone"  # its installment was paid, or replaced by a new deal
    STALE = "stale"  # its moment has passed by more than its usefulness
    SUPERSEDED = "superseded"  # a later reminder of the installment says the same words
    FOLLOWUP_NEAR = "followup_near"  # late, and the follow-up comes within two hours
    NOT_WANTED = "not_wanted"  # a nudge or check-in the person no longer needs


@dataclass(frozen=True, slots=True)
class Queued:
    """A reminder in the queue: ``at`` is when it is due (aware)."""

    id: int
    kind: ReminderKind
    at: datetime

    def after(self, other: Queued) -> bool:
        """Whether this one comes after ``other`` in the queue's order (time, then id)."""
        return (self.at, self.id) > (other.at, other.id)


def superseded(
    reminder: Queued, others: Iterable[Queued], now: datetime, tz: ZoneInfo
) -> Skip | None:
    """Why ``reminder``, due at ``now``, gives way to another of the same installment, or None.

    ``others`` are the other reminders of that installment still waiting. See the module's
    docstring for the rules.
    """
    _require_aware(now)
    if reminder.kind not in PAY_SOON:
        return None
    late = now - reminder.at > LATE_AFTER
    today = now.astimezone(tz).date()
    for other in others:
        if other.kind in PAY_SOON and other.after(reminder):
            due_too = other.at <= now
            # the same words later today (a reminder found on time is never held back)
            same_day = late and other.at.astimezone(tz).date() == today
            if due_too or same_day:
                return Skip.SUPERSEDED
        if late and other.kind is ReminderKind.FOLLOWUP and other.at <= now + FOLLOWUP_COVERS:
            return Skip.FOLLOWUP_NEAR
    return None


def resend_after_uncertain(
    kind: ReminderKind, others: Iterable[Queued], sent_at: datetime, tz: ZoneInfo
) -> datetime | None:
    """When to send again a reminder whose send at ``sent_at`` may or may not have arrived.

    ``others``: the other reminders still waiting about the same thing (the installment; for
    a personal reminder, its kind). None means never: it is taken as sent. The result is UTC.
    """
    _require_aware(sent_at)
    if kind in NEVER_RESENT:
        return None
    if any(True for _ in others):
        return None  # another message about it is still to come: late rather than twice
    local = (sent_at + UNCERTAIN_RESEND_AFTER).astimezone(tz)
    return out_of_quiet_hours(local).astimezone(UTC)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
