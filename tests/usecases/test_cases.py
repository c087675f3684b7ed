"""Reading the open case: a draft, or one planned with every answer it needs."""

from bot.usecases import cases
from tests.usecases.world import World


async def test_a_draft_is_open_but_not_planned(world: World) -> None:
    await world.user_with_debt(1)
    case = await cases.open_case(world, 1)
    assert case is not None and case.status == "draft"
    assert await cases.planned_case(world, 1) is None


async def test_a_planned_case_has_its_facts(world: World) -> None:
    await world.planned(1)
    case = await cases.planned_case(world, 1)
    assert case is not None and case.facts() is not None


async def test_someone_else_has_no_case(world: World) -> None:
    await world.planned(1)
    assert await cases.open_case(world, 2) is None
    assert await cases.planned_case(world, 2) is None
