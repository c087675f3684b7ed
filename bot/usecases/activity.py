"""A user's activity: whether they are known, and noting that they came back.

Reminders pause while a user has blocked the bot and resume when they write again; the
last day seen decides when their data expires (retention).
"""

from __future__ import annotations

from datetime import timedelta
from enum import Enum, auto

from bot.storage import repo
from bot.usecases.deps import Deps


class Seen(Enum):
    UNKNOWN = auto()  # never seen, or deleted (/delete, retention)
    ALREADY = auto()  # seen lately and not paused: nothing written
    NOTED = auto()  # the day is noted
    RESUMED = auto()  # the day is noted and their paused reminders resume


async def note_activity(deps: Deps, user_id: int, resolution: timedelta) -> Seen:
    """Resumes reminders if the user had blocked the bot; notes the day to ``resolution``.

    Reads first: nearly every update is from someone neither blocked nor seen lately.
    """
    activity = await repo.activity_of(await deps.database.connection(), user_id)
    if activity is None:
        return Seen.UNKNOWN
    blocked, last_seen = activity
    now = deps.now()
    # stored moments are to the second: so is the moment they are compared with
    if (
        not blocked
        and last_seen is not None
        and last_seen >= (now - resolution).replace(microsecond=0)
    ):
        return Seen.ALREADY
    # not the update's answer: a crash right after must not count the update as handled
    async with deps.database.transaction(answer=False) as conn:
        resumed = blocked and await repo.clear_blocked(conn, user_id)
        await repo.touch_user(conn, user_id, now)
    return Seen.RESUMED if resumed else Seen.NOTED
