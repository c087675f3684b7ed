"""The calendar export's events read from the stored deals: the user's key, made once and
kept; which debt of a product each deal is for; gone with the user."""

from __future__ import annotations

from datetime import date

from bot.domain.models import Product
from bot.storage import repo
from bot.usecases import deletion, installments
from tests.usecases.world import World

DUE = date(2025, 3, 20)


async def _key(world: World, user_id: int) -> str | None:
    async with (await world.conn()).execute(
        "SELECT calendar_key FROM users WHERE user_id = ?", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else row[0]


async def test_no_deal_no_file_and_no_key(world: World) -> None:
    await world.planned(1)
    assert await installments.calendar(world, 1) is None
    assert await _key(world, 1) is None


async def test_the_key_is_made_once_and_the_events_stay_the_same(world: World) -> None:
    debt = await world.planned(1)
    await world.deal(1, debt, [100_000] * 3, DUE)
    first = await installments.calendar(world, 1)
    key = await _key(world, 1)
    assert first is not None and key is not None and len(key) == 32
    world.at(date(2025, 3, 12), 9)
    again = await installments.calendar(world, 1)
    assert await _key(world, 1) == key
    assert again is not None and again.events == first.events
    assert [(e.number, e.due, e.sequence, e.cancelled) for e in first.events] == [
        (1, date(2025, 3, 20), 0, False),
        (2, date(2025, 4, 19), 0, False),
        (3, date(2025, 5, 19), 0, False),
    ]
    assert first.cancelled == 0


async def test_a_replan_counts_what_it_cancels(world: World) -> None:
    debt = await world.planned(1)
    await world.deal(1, debt, [100_000] * 3, DUE)
    await world.deal(1, debt, [60_000] * 5, date(2025, 3, 25))
    found = await installments.calendar(world, 1)
    assert found is not None and found.cancelled == 3
    assert len([e for e in found.events if not e.cancelled]) == 5


async def test_a_second_card_in_the_case_has_events_of_its_own(world: World) -> None:
    first = await world.user_with_debt(1, Product.CREDIT_CARD)
    async with world.database.transaction() as conn:
        case = await repo.open_case(conn, 1)
        assert case is not None
        second = await repo.add_debt(conn, 1, case.id, Product.CREDIT_CARD, world.now())
    await world.deal(1, first, [100_000] * 2, DUE)
    await world.deal(1, second, [100_000] * 2, DUE)  # the same days, another card
    found = await installments.calendar(world, 1)
    assert found is not None
    assert len(found.events) == len({e.uid for e in found.events}) == 4
    assert not any(e.cancelled for e in found.events)


async def test_deleting_the_user_takes_the_key(world: World) -> None:
    debt = await world.planned(1)
    await world.deal(1, debt, [100_000], DUE)
    await installments.calendar(world, 1)
    assert await _key(world, 1) is not None
    await deletion.delete_user(world, 1)
    assert await _key(world, 1) is None
