"""python-telegram-bot persistence kept in the bot's own SQLite database.

Only conversation states are persisted here: every answer lives in its own tables, and the
intake writes its next state in the same transaction as the answer (see
``bot.adapters.intake.store``), so PTB's periodic flush is only a second copy.

That copy must never bring back a user who is gone (``/delete``, retention): ``forget_user``
ends their conversations in PTB's memory, and the flush writes no state for a user who has
no row any more.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, BasePersistence, ConversationHandler, PersistenceInput

from bot.storage import repo
from bot.storage.db import Database

ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
CDCData = Any  # callback data is not persisted


class SqlitePersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Conversation states in the ``conversations`` table; nothing else is kept by PTB."""

    def __init__(self, database: Database, update_interval: float = 60) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=False, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.database = database

    async def get_conversations(self, name: str) -> ConversationDict:
        conn = await self.database.connection()
        return await repo.load_conversations(conn, name)

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        async with self.database.transaction() as conn:
            if new_state is not None and await repo.activity_of(conn, int(key[-1])) is None:
                return  # the user was deleted meanwhile: nothing of them may come back
            await repo.save_conversation(conn, name, key, new_state)

    # The rest is switched off in store_data; PTB still requires the methods.
    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        return None

    async def flush(self) -> None:
        # every write above is already committed
        return None


def forget_user(application: Application, user_id: int) -> None:
    """Ends every conversation of ``user_id`` in PTB's memory (their rows are already gone).

    PTB keeps each ConversationHandler's states in a dict and writes what changed at the next
    flush; ending them here means the next answer is not taken as an answer to an old question,
    and the flush deletes instead of writing the state back. (PTB has no public way to end a
    conversation from outside it; keys are (chat id, user id).)
    """
    for handlers in application.handlers.values():
        for handler in handlers:
            if isinstance(handler, ConversationHandler):
                states = handler._conversations
                for key in [key for key in states if key[-1] == user_id]:
                    del states[key]
