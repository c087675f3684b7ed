"""Retention never removes someone who still owes part of an installment."""

from datetime import date, timedelta

from bot.storage import repo
from bot.usecases import payments
from tests.usecases.world import World

DUE = date(2025, 3, 20)


async def _users(world: World) -> list[int]:
    async with (await world.conn()).execute("SELECT user_id FROM users ORDER BY 1") as cursor:
        return [row[0] for row in await cursor.fetchall()]


async def test_a_partly_paid_installment_keeps_its_user(world: World) -> None:
    for user, paid in ((1, 150_000), (2, 100_000)):  # 1 paid in full, 2 paid in part
        debt = await world.user_with_debt(user)
        (only,) = (await world.deal(user, debt, [150_000], DUE)).installment_ids
        await payments.mark_paid(world, user, only, paid)

    cutoff = world.now() + timedelta(days=1)  # both inactive since before the cutoff
    async with world.database.transaction() as conn:
        await repo.purge_expired(conn, cutoff)

    assert await _users(world) == [2]
