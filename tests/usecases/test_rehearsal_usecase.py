"""🎭 先练一练's reads and writes: the script comes from the person's plan, the seed is the
count of rehearsals done, a reply saves only the place, the end counts one more."""

from bot.domain import rehearsal as policy
from bot.storage import repo
from bot.usecases import rehearsal
from bot.usecases.places import Place, saved_state
from tests.usecases.world import World

KEY = (1, 1)


def place(state: int | None) -> Place:
    return Place(rehearsal.CONVERSATION_NAME, KEY, state)


async def test_without_a_plan_there_is_nothing_to_practise(world: World) -> None:
    await world.user_with_debt(1)
    assert await rehearsal.practice(world, 1, 0, max_periods=36) is None
    assert await rehearsal.practice(world, 2, 0, max_periods=36) is None


async def test_the_script_is_the_plans_and_the_seed_counts_finished_rehearsals(
    world: World,
) -> None:
    await world.planned(1)
    practice = await rehearsal.practice(world, 1, 0, max_periods=36)
    assert practice is not None and practice.seed == 0
    assert practice.script.base_fen == 600_000 and practice.materials
    assert await rehearsal.practice(world, 1, 1, max_periods=36) is None  # one lender only
    state = policy.start(0, policy.figures(practice.script), practice.seed)
    await rehearsal.save_step(world, place(state.code))
    assert await saved_state(world, "rehearsal", KEY) == state.code
    await rehearsal.finish(world, 1, place(None))
    assert await saved_state(world, "rehearsal", KEY) is None
    again = await rehearsal.practice(world, 1, 0, max_periods=36)
    assert again is not None and again.seed == 1


async def test_a_cancelled_rehearsal_counts_nothing(world: World) -> None:
    await world.planned(1)
    await rehearsal.save_step(world, place(policy.STATE_BASE + 8))
    await rehearsal.save_step(world, place(None))
    assert await repo.rehearsals_done(await world.conn(), 1) == 0


async def test_other_questions_open_are_told_apart_from_the_rehearsal(world: World) -> None:
    await world.planned(1)
    assert not await rehearsal.other_question_open(world, KEY)
    await rehearsal.save_step(world, place(policy.STATE_BASE + 8))
    assert not await rehearsal.other_question_open(world, KEY)
    async with world.database.transaction() as conn:
        await repo.save_conversation(conn, "deal", KEY, 101)
    assert await rehearsal.other_question_open(world, KEY)
    assert not await rehearsal.other_question_open(world, (2, 2))
