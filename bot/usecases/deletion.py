"""Erasing a user: every row about them, nobody else's."""

from __future__ import annotations

from bot.storage import repo
from bot.usecases.deps import Deps


async def delete_user(deps: Deps, user_id: int) -> list[tuple[int, int]]:
    """Cases, debts, deals, installments, reminders, calls, drafts and conversation places go;
    so do the collection log and its draft (they cascade with the user's row).

    Returns the (chat id, message id) of the messages that carried exports, for the adapter
    to remove from the chat; what the running bot holds in memory (PTB's conversation
    states) is the adapter's part too.
    """
    async with deps.database.transaction() as conn:
        sent = await repo.sent_exports(conn, user_id)
        await repo.delete_user(conn, user_id)
    return sent
