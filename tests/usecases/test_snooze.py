"""Snoozing: tonight never slips to the next morning; only what is still possible is offered."""

from datetime import date, datetime, time

from bot.domain.reminders import SnoozeChoice
from bot.usecases import snooze
from tests.usecases.world import TZ, World

DUE = date(2025, 3, 20)


async def _installment(world: World) -> int:
    debt = await world.user_with_debt(1)
    (only,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids
    return only


async def test_tonight_at_eight_comes_back_by_half_past_nine_the_same_evening(
    world: World,
) -> None:
    only = await _installment(world)
    world.at(date(2025, 3, 17), 20, 0)  # the evening reminder just came

    done = await snooze.snooze(world, 1, only, SnoozeChoice.TONIGHT)

    assert done is not None and done.at is not None
    local = done.at.astimezone(TZ)
    assert local.date() == date(2025, 3, 17) and local.time() <= time(21, 30)
    assert (only, "snooze", 0, local) in await world.waiting(1)


async def test_tonight_tapped_too_late_queues_nothing_and_offers_tomorrow(world: World) -> None:
    only = await _installment(world)
    before = await world.waiting(1)
    world.at(date(2025, 3, 17), 21, 45)

    done = await snooze.snooze(world, 1, only, SnoozeChoice.TONIGHT)

    assert done is not None and done.at is None
    assert await world.waiting(1) == before
    assert done.offer.times == ((SnoozeChoice.TOMORROW, datetime(2025, 3, 18, 9, 0, tzinfo=TZ)),)


async def test_tomorrow_comes_in_the_morning_of_the_next_day(world: World) -> None:
    only = await _installment(world)
    world.at(date(2025, 3, 17), 20, 0)

    done = await snooze.snooze(world, 1, only, SnoozeChoice.TOMORROW)

    assert done is not None and done.at == datetime(2025, 3, 18, 9, 0, tzinfo=TZ)


async def test_on_the_due_day_only_tonight_is_offered(world: World) -> None:
    only = await _installment(world)
    world.at(DUE, 10)

    offer = await snooze.snooze_offer(world, 1, only)

    assert offer is not None and offer.installment.id == only
    assert offer.times == ((SnoozeChoice.TONIGHT, datetime(2025, 3, 20, 20, 0, tzinfo=TZ)),)


async def test_nothing_is_offered_for_an_installment_that_is_not_the_users(world: World) -> None:
    only = await _installment(world)
    await world.user_with_debt(2)

    assert await snooze.snooze_offer(world, 2, only) is None
