"""Noting a user's activity: unknown users, the day seen, reminders resumed after a block."""

from datetime import timedelta

from bot.storage import repo
from bot.usecases.activity import Seen, note_activity
from tests.usecases.world import World

HALF_DAY = timedelta(hours=12)


async def _last_seen(world: World, user_id: int) -> object:
    activity = await repo.activity_of(await world.conn(), user_id)
    assert activity is not None
    return activity[1]


async def test_someone_never_seen_is_unknown(world: World) -> None:
    assert await note_activity(world, 1, HALF_DAY) is Seen.UNKNOWN


async def test_the_day_is_noted_once_per_resolution(world: World) -> None:
    await world.user_with_debt(1)
    assert await note_activity(world, 1, HALF_DAY) is Seen.NOTED
    assert await _last_seen(world, 1) == world.now()
    world.moment += timedelta(hours=11)
    assert await note_activity(world, 1, HALF_DAY) is Seen.ALREADY
    world.moment += timedelta(hours=2)
    assert await note_activity(world, 1, HALF_DAY) is Seen.NOTED
    assert await _last_seen(world, 1) == world.now()


async def test_a_user_who_had_blocked_the_bot_is_resumed(world: World) -> None:
    await world.user_with_debt(1)
    await note_activity(world, 1, HALF_DAY)
    async with world.database.transaction() as conn:
        await repo.set_blocked(conn, 1, world.now())
    assert await note_activity(world, 1, HALF_DAY) is Seen.RESUMED
    activity = await repo.activity_of(await world.conn(), 1)
    assert activity is not None and activity[0] is False
