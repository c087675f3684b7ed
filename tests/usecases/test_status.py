"""Where the user stands: the case, the deal's installments, an amount asked for."""

from datetime import date

from bot.usecases import payments
from bot.usecases.status import status_of
from tests.usecases.world import World


async def test_nobody_has_nothing(world: World) -> None:
    status = await status_of(world, 1)
    assert status.case is None and status.installments == () and status.amount_asked_for is None
    assert not status.planned


async def test_a_draft_is_no_plan(world: World) -> None:
    await world.user_with_debt(1)
    status = await status_of(world, 1)
    assert status.case is not None and not status.planned and status.installments == ()


async def test_a_deal_and_an_open_amount_question_are_read_with_the_case(world: World) -> None:
    debt = await world.planned(1)
    recorded = await world.deal(1, debt, [300_000, 300_000], date(2025, 3, 20))
    first = recorded.installment_ids[0]
    await payments.ask_paid_amount(world, 1, first)
    status = await status_of(world, 1)
    assert status.planned
    assert [i.id for i in status.installments] == list(recorded.installment_ids)
    assert status.amount_asked_for == first
