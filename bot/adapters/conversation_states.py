"""The database is the one source of truth for where a person's conversations stand.

Every conversation writes its next state in the same transaction as the answer it records
(``bot.usecases.places``). python-telegram-bot keeps a copy in each ConversationHandler, and
that copy can fall behind: when a reply fails after the answer was committed, the handler
raises and PTB's copy stays on the old question while the database holds the new one. So,
before any handler looks at an update, ``load_places`` puts the committed states of this chat
and user into PTB's copy (one indexed query), and the persistence never writes PTB's copy
back (``bot.storage.persistence``). Nothing is loaded at start-up: a person's states come in
with their first update.
"""

from __future__ import annotations

from collections import UserDict
from collections.abc import Iterable

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.services import services
from bot.usecases.places import stored_places


class StoredStates:
    """Loads, per update, the conversations' committed states into PTB's copy of them."""

    def __init__(self) -> None:
        self._conversations: tuple[ConversationHandler, ...] = ()
        self._states: dict[str | None, dict[object, object]] = {}

    def watch(self, conversations: Iterable[ConversationHandler]) -> None:
        self._conversations = tuple(conversations)
        # the stored number back to the handler's own state (an IntEnum: its name is logged)
        self._states = {
            conversation.name: {state: state for state in conversation.states}
            for conversation in self._conversations
        }

    async def load_places(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(update, Update):
            return
        if update.effective_chat is None or update.effective_user is None:
            return
        key = (update.effective_chat.id, update.effective_user.id)
        stored = await stored_places(services(context), key)
        for conversation in self._conversations:
            # PTB keeps the states in this attribute (a TrackingDict, a UserDict), with no
            # public setter. Set in its plain dict, untracked: what is loaded is stored already.
            states = conversation._conversations
            plain = states.data if isinstance(states, UserDict) else states
            state = stored.get(conversation.name or "")
            if state is None:
                plain.pop(key, None)
            else:
                plain[key] = self._states[conversation.name].get(state, state)
