"""Changing one reminder setting: the reminders still ahead follow it, none sent is repeated."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.domain.reminders import EVENING_HOURS, LEAD_CHOICES, MORNING_HOURS
from bot.storage import repo
from bot.storage.records import PrefsRecord
from bot.usecases.deps import Deps
from bot.usecases.planning import replan_user


@dataclass(frozen=True, slots=True)
class SettingChange:
    before: PrefsRecord
    after: PrefsRecord

    @property
    def changed(self) -> bool:
        return self.after != self.before


async def reminder_settings(deps: Deps, user_id: int) -> PrefsRecord | None:
    """The user's settings; None for someone never seen (or deleted)."""
    return await repo.get_prefs(await deps.database.connection(), user_id)


async def change_setting(deps: Deps, user_id: int, what: str, value: int) -> SettingChange | None:
    """Applies one choice of /settings and replans the user's reminders if anything changed.

    ``what`` is ``morning`` / ``evening`` (an hour), ``lead`` (days before, toggled), ``due``
    or ``mute`` (toggled, ``value`` unused). Values /settings does not offer change nothing.
    None for someone never seen (or deleted).
    """
    async with deps.database.transaction() as conn:
        before = await repo.get_prefs(conn, user_id)
        if before is None:
            return None
        await _apply(conn, user_id, before, what, value)
        after = await repo.get_prefs(conn, user_id)
        assert after is not None
        if after != before:
            await replan_user(conn, deps.tz, user_id, deps.now())
    return SettingChange(before, after)


async def _apply(
    conn: aiosqlite.Connection, user_id: int, prefs: PrefsRecord, what: str, number: int
) -> None:
    if what == "morning" and number in MORNING_HOURS:
        await repo.set_prefs(conn, user_id, morning_hour=number)
    elif what == "evening" and number in EVENING_HOURS:
        await repo.set_prefs(conn, user_id, evening_hour=number)
    elif what == "lead" and number in LEAD_CHOICES:
        await repo.set_prefs(conn, user_id, lead_days=prefs.lead_days ^ {number})
    elif what == "due":
        await repo.set_prefs(conn, user_id, on_due_day=not prefs.on_due_day)
    elif what == "mute":
        await repo.set_prefs(conn, user_id, muted=not prefs.muted)
