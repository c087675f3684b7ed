"""Snoozing a reminder: only the times still possible, and one more reminder at the chosen one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.reminders import ReminderKind, ReminderPrefs, SnoozeChoice, snooze_until
from bot.storage import repo
from bot.storage.records import InstallmentRecord
from bot.usecases.deps import Deps
from bot.usecases.planning import prefs_of


@dataclass(frozen=True, slots=True)
class SnoozeOffer:
    """The choices still possible for an installment, each with when it would come (UTC)."""

    installment: InstallmentRecord
    times: tuple[tuple[SnoozeChoice, datetime], ...]


@dataclass(frozen=True, slots=True)
class Snoozed:
    installment: InstallmentRecord
    # when the reminder comes back (UTC); None: that time is no longer possible, nothing queued
    at: datetime | None
    # what can still be chosen instead, when ``at`` is None
    offer: SnoozeOffer


def snooze_times(
    item: InstallmentRecord, prefs: ReminderPrefs, now: datetime, today: date, tz: ZoneInfo
) -> tuple[tuple[SnoozeChoice, datetime], ...]:
    """Tonight and tomorrow, each when still possible (tomorrow is too late on the due day)."""
    times = []
    for choice in (SnoozeChoice.TONIGHT, SnoozeChoice.TOMORROW):
        if choice is SnoozeChoice.TOMORROW and item.due <= today:
            continue
        at = snooze_until(now, choice.value, prefs, tz)
        if at is not None:
            times.append((choice, at))
    return tuple(times)


async def snooze_offer(deps: Deps, user_id: int, installment_id: int) -> SnoozeOffer | None:
    """What "⏰ 稍后提醒" can offer; None when it is not an installment of an active deal."""
    conn = await deps.database.connection()
    item = await repo.get_installment(conn, user_id, installment_id)
    if item is None:
        return None
    prefs = prefs_of(await repo.get_prefs(conn, user_id))
    return SnoozeOffer(item, snooze_times(item, prefs, deps.now(), deps.today(), deps.tz))


async def snooze(
    deps: Deps, user_id: int, installment_id: int, choice: SnoozeChoice
) -> Snoozed | None:
    """Queues one more reminder at the chosen time.

    An old "今晚" tapped after 21:30 queues nothing (never a silent move to the next
    morning): ``at`` is None and ``offer`` says what is left.
    """
    async with deps.database.transaction() as conn:
        item = await repo.get_installment(conn, user_id, installment_id)
        if item is None:
            return None
        now = deps.now()
        prefs = prefs_of(await repo.get_prefs(conn, user_id))
        at = snooze_until(now, choice.value, prefs, deps.tz)
        if at is not None:
            await repo.add_reminders(conn, user_id, item.id, [(ReminderKind.SNOOZE.value, 0, at)])
    offer = SnoozeOffer(item, snooze_times(item, prefs, now, deps.today(), deps.tz))
    return Snoozed(item, at, offer)
