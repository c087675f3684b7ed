"""Reading the user's plan: the installments of the active deals, and the calendar file's
events (the only write: the user's calendar key, made on their first export)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bot.domain.calendar_events import CalendarEvent, calendar_events
from bot.domain.reminders import ReminderPrefs
from bot.storage import repo
from bot.storage.records import InstallmentRecord
from bot.usecases.deps import Deps
from bot.usecases.planning import prefs_of


@dataclass(frozen=True, slots=True)
class Calendar:
    """What the calendar export holds: its events, and the settings for their alarms."""

    events: tuple[CalendarEvent, ...]
    prefs: ReminderPrefs

    @property
    def cancelled(self) -> int:
        """How many events take away an installment a new deal replaced."""
        return sum(e.cancelled for e in self.events)


async def installment(deps: Deps, user_id: int, installment_id: int) -> InstallmentRecord | None:
    """One installment if it belongs to the user's active deals."""
    return await repo.get_installment(await deps.database.connection(), user_id, installment_id)


async def active_installments(deps: Deps, user_id: int) -> list[InstallmentRecord]:
    """Every installment of the user's active deals, by due date (empty: no deal)."""
    return await repo.active_installments(await deps.database.connection(), user_id)


async def calendar(deps: Deps, user_id: int) -> Calendar | None:
    """Every event of the user's deals, replaced ones too (``calendar_events`` says which
    and why); None when no deal runs.

    The user's calendar key is made here the first time (a random token, stored: a UID
    derived from it shows no id and stays the same from one export to the next).
    """
    async with deps.database.transaction() as conn:
        if not await repo.active_installments(conn, user_id):
            return None
        key = await repo.calendar_key(conn, user_id, secrets.token_hex(16))
        deals = await repo.deal_schedules(conn, user_id)
        prefs = prefs_of(await repo.get_prefs(conn, user_id))
    return Calendar(calendar_events(key, deals), prefs)
