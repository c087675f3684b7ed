"""python-telegram-bot's persistence for conversations whose states the database keeps.

Every conversation writes its next state in the same transaction as the answer it records
(``bot.usecases.places``), and before each update the committed states are put into PTB's
copy (``bot.adapters.conversation_states``): the database is the one source of truth. So
this persistence loads nothing at start-up and writes nothing back. PTB's periodic flush
would otherwise rewrite each changed state (one commit each, on the shared write lock), and
when a reply failed after the answer was committed, write the old question back over it.

``forget_user`` still ends a deleted user's conversations in PTB's memory, so that nothing
of them is acted on before their next update reloads (nothing) from the database.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, BasePersistence, ConversationHandler, PersistenceInput

ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
CDCData = Any  # callback data is not persisted


class ConversationsInDatabase(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Conversations are PTB's to follow, the database's to keep; nothing else is kept."""

    def __init__(self, update_interval: float = 60) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=False, callback_data=False
            ),
            update_interval=update_interval,
        )

    async def get_conversations(self, name: str) -> ConversationDict:
        # a person's states are loaded with their first update, not all at start-up
        return {}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        # the handlers committed this state with the answer; PTB's copy is never written back
        return None

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
