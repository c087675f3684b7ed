"""What the conversations (intake, deal, /update, rehearsal, the collection log) share: their
state tables' building blocks, and who and what an update is about."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler
from telegram.warnings import PTBUserWarning


def button(callback: Any, pattern: str | re.Pattern[str]) -> CallbackQueryHandler:
    """A tap on a button whose callback data matches ``pattern``."""
    return CallbackQueryHandler(callback, pattern=pattern)


def persistent_conversation(
    name: str,
    entry_points: Sequence[BaseHandler],
    states: dict[object, list[BaseHandler]],
    fallbacks: Sequence[BaseHandler],
) -> ConversationHandler:
    """A ConversationHandler persisted under ``name``, keyed per chat and user."""
    with warnings.catch_warnings():
        # per_message=False is deliberate: the state belongs to the user in this chat, not to
        # one message, and every button's callback data names its question (intake:…, deal:…),
        # so a tap on an old message is recognised and answered as stale.
        warnings.filterwarnings("ignore", category=PTBUserWarning, message=".*per_message.*")
        return ConversationHandler(
            entry_points=list(entry_points),
            states=states,
            fallbacks=list(fallbacks),
            name=name,
            persistent=True,
            allow_reentry=True,
        )


def conversation_key(update: Update) -> tuple[int, int]:
    """The key python-telegram-bot uses for a per-chat, per-user conversation."""
    assert update.effective_chat is not None and update.effective_user is not None
    return (update.effective_chat.id, update.effective_user.id)


def user_id_of(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


def message_text(update: Update) -> str:
    """The text of the message being answered ("" for none)."""
    assert update.message is not None
    return update.message.text or ""
