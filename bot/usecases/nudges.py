"""The "打了吗？" nudges after a plan: queued with the plan, answered by a button, stopped by
a recorded call or by the user.

The steps ``queue_after_plan`` and ``stop_after_call`` run inside the calling use case's
transaction (confirming the case, recording a call), so a plan never exists without its
nudges and a recorded call never leaves one waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import aiosqlite

from bot.domain.nudges import NudgeChoice, later_at, nudge_times, today_check_at
from bot.storage import repo
from bot.usecases.deps import Deps


async def queue_after_plan(
    conn: aiosqlite.Connection, tz: ZoneInfo, user_id: int, now: datetime
) -> tuple[datetime, ...]:
    """The plan was delivered: nudges still waiting give way to days 1, 3 and 7 from now."""
    times = nudge_times(now, tz)
    await repo.cancel_waiting_nudges(conn, user_id)
    await repo.add_nudges(conn, user_id, times)
    return times


async def stop_after_call(conn: aiosqlite.Connection, user_id: int) -> None:
    """A call outcome was recorded: no more "打了吗？"."""
    await repo.cancel_waiting_nudges(conn, user_id)


@dataclass(frozen=True, slots=True)
class Nudged:
    """What a nudge's button did: when the next nudge comes (UTC), if one was queued.

    Nothing is queued when the user has no plan any more (``planned`` False: a new intake
    begun) or has recorded a call since the plan (``called``: an old nudge's button).
    """

    choice: NudgeChoice
    planned: bool
    called: bool = False
    at: datetime | None = None


async def choose(deps: Deps, user_id: int, choice: NudgeChoice) -> Nudged:
    """今天打: asked again this evening (or tomorrow noon); 过两天: only one nudge, in two
    days; 不想打了: none at all. 打了 queues nothing here (recording the call stops them)."""
    now = deps.now()
    async with deps.database.transaction() as conn:
        called = await repo.call_recorded_since_plan(conn, user_id)
        if choice is NudgeChoice.STOP or called is not False:
            await repo.cancel_waiting_nudges(conn, user_id)
            return Nudged(choice, called is not None, bool(called))
        if choice is NudgeChoice.TODAY:
            at = today_check_at(now, deps.tz)
            # one evening question, however often 今天打 is tapped; later ones stay
            await repo.cancel_waiting_nudges(conn, user_id, until=at)
        elif choice is NudgeChoice.LATER:
            at = later_at(now, deps.tz)
            await repo.cancel_waiting_nudges(conn, user_id)
        else:
            return Nudged(choice, planned=True)
        await repo.add_nudges(conn, user_id, (at,))
    return Nudged(choice, planned=True, at=at)
