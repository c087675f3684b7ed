"""The call log: newest first, each agreed call with the debts it settled."""

from datetime import date, timedelta

from bot.domain.models import Product
from bot.usecases import deals
from bot.usecases.calls import call_log
from tests.usecases.world import World


async def test_no_call_is_an_empty_log(world: World) -> None:
    await world.user_with_debt(1)
    assert await call_log(world, 1) == []


async def test_an_agreed_call_names_its_debt_and_a_refused_one_none(world: World) -> None:
    debt = await world.user_with_debt(1)
    await world.deal(1, debt, [600_000], date(2025, 3, 20))
    world.moment += timedelta(hours=1)
    await deals.record_refused_call(world, 1, "10086", "要等下个月")

    refused, agreed = await call_log(world, 1)

    assert (refused.outcome, refused.staff_id, refused.note) == ("refused", "10086", "要等下个月")
    assert refused.products == ()
    assert agreed.outcome == "agreed" and agreed.products == (Product.HUABEI,)
    assert agreed.called_at == world.now() - timedelta(hours=1)


async def test_the_log_is_the_users_own(world: World) -> None:
    debt = await world.user_with_debt(1)
    await world.user_with_debt(2)
    await world.deal(1, debt, [600_000], date(2025, 3, 20))
    assert await call_log(world, 2) == []
