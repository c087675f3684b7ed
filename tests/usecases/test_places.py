"""The user's place in a conversation, as saved with their answers."""

from bot.storage import repo
from bot.usecases.places import saved_state
from tests.usecases.world import World


async def test_a_saved_place_is_read_back_per_conversation_and_user(world: World) -> None:
    await world.user_with_debt(1)
    async with world.database.transaction() as conn:
        await repo.save_conversation(conn, "deal", (1, 1), 5)
    assert await saved_state(world, "deal", (1, 1)) == 5
    assert await saved_state(world, "intake", (1, 1)) is None
    assert await saved_state(world, "deal", (2, 2)) is None
