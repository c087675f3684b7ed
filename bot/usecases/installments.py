"""Reading the user's plan: the installments of the active deals (nothing is written)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.reminders import ReminderPrefs
from bot.storage import repo
from bot.storage.records import InstallmentRecord
from bot.usecases.deps import Deps
from bot.usecases.planning import prefs_of


@dataclass(frozen=True, slots=True)
class Calendar:
    """What the calendar export holds: every installment, and the settings for its alarms."""

    installments: tuple[InstallmentRecord, ...]
    prefs: ReminderPrefs


async def installment(deps: Deps, user_id: int, installment_id: int) -> InstallmentRecord | None:
    """One installment if it belongs to the user's active deals."""
    return await repo.get_installment(await deps.database.connection(), user_id, installment_id)


async def active_installments(deps: Deps, user_id: int) -> list[InstallmentRecord]:
    """Every installment of the user's active deals, by due date (empty: no deal)."""
    return await repo.active_installments(await deps.database.connection(), user_id)


async def calendar(deps: Deps, user_id: int) -> Calendar | None:
    """None when the user has no deal."""
    conn = await deps.database.connection()
    items = await repo.active_installments(conn, user_id)
    if not items:
        return None
    return Calendar(tuple(items), prefs_of(await repo.get_prefs(conn, user_id)))
