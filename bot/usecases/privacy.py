"""What the secret guard needs to know: whether a question is waiting for an answer."""

from __future__ import annotations

from bot.storage import repo
from bot.usecases.deps import Deps


async def question_open(deps: Deps, chat_id: int, user_id: int) -> bool:
    """A question of any conversation, or the paid amount after "金额不一样", is open."""
    async with deps.database.transaction() as conn:  # read together, no write between
        return await repo.in_any_conversation(conn, (chat_id, user_id)) or (
            await repo.amount_question(conn, user_id) is not None
        )
