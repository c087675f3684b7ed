"""Whether a question waits for an answer (the secret guard asks to answer it again)."""

from datetime import date

from bot.storage import repo
from bot.usecases import payments
from bot.usecases.privacy import question_open
from tests.usecases.world import World


async def test_no_conversation_no_question(world: World) -> None:
    await world.user_with_debt(1)
    assert not await question_open(world, 1, 1)


async def test_a_conversation_place_is_an_open_question(world: World) -> None:
    await world.user_with_debt(1)
    async with world.database.transaction() as conn:
        await repo.save_conversation(conn, "intake", (1, 1), 4)
    assert await question_open(world, 1, 1)
    assert not await question_open(world, 2, 2)


async def test_a_paid_amount_asked_for_is_an_open_question(world: World) -> None:
    debt = await world.planned(1)
    recorded = await world.deal(1, debt, [600_000], date(2025, 3, 20))
    await payments.ask_paid_amount(world, 1, recorded.installment_ids[0])
    assert await question_open(world, 1, 1)
