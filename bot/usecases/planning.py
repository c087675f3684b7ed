"""Planning reminders: steps run inside the calling use case's transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import aiosqlite

from bot.domain.reminders import (
    DEFAULT_PREFS,
    ReminderKind,
    ReminderPrefs,
    out_of_quiet_hours,
    reminders_for,
)
from bot.storage import repo
from bot.storage.records import PrefsRecord

# derived from the settings, so rebuilt when they change; snoozes and call-agains are the user's
REPLANNED_KINDS = (ReminderKind.LEAD.value, ReminderKind.DUE.value, ReminderKind.FOLLOWUP.value)


def prefs_of(record: PrefsRecord | None) -> ReminderPrefs:
    if record is None:
        return DEFAULT_PREFS
    return ReminderPrefs(
        morning_hour=record.morning_hour,
        evening_hour=record.evening_hour,
        lead_days=record.lead_days,
        on_due_day=record.on_due_day,
        muted=record.muted,
    )


async def plan_reminders(
    conn: aiosqlite.Connection,
    tz: ZoneInfo,
    user_id: int,
    installment_id: int,
    due: date,
    now: datetime,
    *,
    follow_up_if_late: bool = False,
) -> None:
    """Queues the reminders of one unpaid installment that are still ahead of ``now``.

    With ``follow_up_if_late`` (a "paid" undone after the due date) an installment with
    nothing ahead gets the missed-installment follow-up, outside quiet hours.
    """
    prefs = prefs_of(await repo.get_prefs(conn, user_id))
    already = await repo.sent_reminder_kinds(conn, installment_id)
    planned = [
        (p.kind.value, p.lead_days, p.at)
        for p in reminders_for(due, prefs, tz)
        if p.at > now and (p.kind.value, p.lead_days) not in already
    ]
    if not planned and follow_up_if_late:
        at = out_of_quiet_hours(now.astimezone(tz)).astimezone(UTC)
        planned = [(ReminderKind.FOLLOWUP.value, 0, at)]
    await repo.add_reminders(conn, user_id, installment_id, planned)


async def replan_user(
    conn: aiosqlite.Connection, tz: ZoneInfo, user_id: int, now: datetime
) -> None:
    """After a settings change: the reminders still ahead follow the new settings."""
    await repo.cancel_waiting_reminders(conn, user_id, kinds=REPLANNED_KINDS)
    today = now.astimezone(tz).date()
    for item in await repo.active_installments(conn, user_id):
        if not item.paid and item.due >= today:
            await plan_reminders(conn, tz, user_id, item.id, item.due, now)
