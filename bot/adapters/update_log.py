"""One INFO line per handled update: what kind it was, where the person's conversations stand
afterwards, and how long it took. Never a text, an amount, a name or an id of a person.

It is PTB's own hook for update processing (a ``BaseUpdateProcessor``), one update at a time
as before; only the timing and the line are added.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Iterable
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler, SimpleUpdateProcessor

from bot.inbox import Inbox
from bot.texts.zh.common import COMMANDS

log = logging.getLogger("bot.updates")
KNOWN_COMMANDS = frozenset(f"/{name}" for name, _ in COMMANDS) | {"/start", "/back", "/cancel"}
# callback data starts with the button's area (intake:…, deal:…); only such a word is logged
AREA = re.compile(r"[a-z_]{1,20}")
MEDIA = ("photo", "document", "sticker", "voice", "video", "audio", "animation", "contact")


def kind_of(update: object) -> str:
    """``command /status``, ``text``, ``tap deal``, ``photo``, ``edit`` …: no content."""
    if not isinstance(update, Update):
        return type(update).__name__
    if update.callback_query is not None:
        area = (update.callback_query.data or "").split(":", 1)[0]
        return f"tap {area}" if AREA.fullmatch(area) else "tap"
    message = update.message
    if message is None:
        return "edit" if update.edited_message is not None else _other_kind(update)
    text = message.text or ""
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0].split("@", 1)[0]
        return f"command {command}" if command in KNOWN_COMMANDS else "command"
    if text:
        return "text"
    for media in MEDIA:
        if getattr(message, media):
            return media
    return "message"


def _other_kind(update: Update) -> str:
    for name in ("my_chat_member", "channel_post", "edited_channel_post", "chat_member"):
        if getattr(update, name) is not None:
            return name
    return "update"


def chat_kind(update: object) -> str:
    chat = update.effective_chat if isinstance(update, Update) else None
    return chat.type if chat is not None else "-"


class LoggedUpdates(SimpleUpdateProcessor):
    """Awaits each update as PTB does by default, then logs its one line."""

    def __init__(self, inbox: Inbox | None = None) -> None:
        super().__init__(max_concurrent_updates=1)
        self.inbox = inbox
        self._conversations: tuple[ConversationHandler, ...] = ()
        # when the update in hand arrived (wall clock, as the heartbeat stores it); None: idle
        self.busy_since: datetime | None = None

    def watch(self, conversations: Iterable[ConversationHandler]) -> None:
        """The conversations whose state the line names (registered after the builder)."""
        self._conversations = tuple(conversations)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        started = time.perf_counter()
        self.busy_since = datetime.now(UTC)
        try:
            async with self.inbox.handling(update) if self.inbox else nullcontext():
                await coroutine
        finally:
            self.busy_since = None
            elapsed = (time.perf_counter() - started) * 1000
            if log.isEnabledFor(logging.INFO):
                log.info(
                    "update %s in %s chat · %s · %.1f ms",
                    kind_of(update),
                    chat_kind(update),
                    self.states(update),
                    elapsed,
                )

    def states(self, update: object) -> str:
        """``intake=DEBT_AMOUNT``: the open conversations of this person in this chat."""
        if not isinstance(update, Update) or update.effective_user is None:
            return "-"
        if update.effective_chat is None:
            return "-"
        key = (update.effective_chat.id, update.effective_user.id)
        found = []
        for conversation in self._conversations:
            # PTB keeps the states in this attribute; it offers no public reader
            state = conversation._conversations.get(key)
            if state is not None:
                found.append(f"{conversation.name}={getattr(state, 'name', state)}")
        return " ".join(found) or "no conversation"
