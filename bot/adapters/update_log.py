"""One INFO line per handled update: what kind it was, where the person's conversations stand
afterwards, and how long it took. Never a text, an amount, a name or an id of a person.

It is PTB's own hook for update processing (a ``BaseUpdateProcessor``). Updates of different
people are handled at the same time, so one slow answer (a commit waiting for the disk, a
reply waiting out a 429) holds up no one else; one person's updates are handled one after the
other, in the order they arrived, because a ConversationHandler needs the answer to one
question stored before the next is read. Sends to the chat whose update is in hand are
replies for the rate limiter (``replying_to``).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
import time
from collections.abc import Awaitable, Iterable
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor, ConversationHandler

from bot.adapters.rate_limiter import replying_to
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


# our choice: plenty for a bot whose answers take milliseconds; it bounds memory in a flood
MAX_CONCURRENT_UPDATES = 64
_NEVER_FULL = 2**31 - 1


def person_of(update: object) -> int | None:
    """Whose updates must keep their order: the person's (None: no person, no order)."""
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


class LoggedUpdates(BaseUpdateProcessor):
    """Handles the updates of different people at once, each person's in order, and logs
    each in one line."""

    def __init__(
        self, inbox: Inbox | None = None, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES
    ) -> None:
        # PTB's semaphore is acquired before the person's turn is known, so it must never make
        # a task wait (that could reorder a person's updates): the bound is ours, below
        super().__init__(max_concurrent_updates=_NEVER_FULL)
        self._at_once = asyncio.Semaphore(max_concurrent_updates)
        self.inbox = inbox
        self._conversations: tuple[ConversationHandler, ...] = ()
        # each person's last update not yet finished: the next one waits for it
        self._last_of: dict[int, asyncio.Future[None]] = {}
        # when each update in hand arrived (wall clock, as the heartbeat stores it)
        self._in_hand: dict[int, datetime] = {}
        self._numbers = itertools.count()

    @property
    def busy_since(self) -> datetime | None:
        """Since when the oldest update in hand has been (None: idle), for the heartbeat."""
        return min(self._in_hand.values(), default=None)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def watch(self, conversations: Iterable[ConversationHandler]) -> None:
        """The conversations whose state the line names (registered after the builder)."""
        self._conversations = tuple(conversations)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        # PTB starts one task per update, in the order they arrived, and this runs before the
        # task's first await (PTB's own semaphore is never full): taking the place in the
        # person's line here keeps their order.
        person = person_of(update)
        before = self._last_of.get(person) if person is not None else None
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if person is not None:
            self._last_of[person] = done
        try:
            if before is not None:
                await asyncio.shield(before)
            async with self._at_once:
                await self._handle(update, coroutine)
        finally:
            done.set_result(None)
            if person is not None and self._last_of.get(person) is done:
                del self._last_of[person]

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        started = time.perf_counter()
        number = next(self._numbers)
        self._in_hand[number] = datetime.now(UTC)
        chat = update.effective_chat if isinstance(update, Update) else None
        try:
            with replying_to(chat.id if chat is not None else None):
                # the update's handled mark goes with its answer's commit (bot/inbox.py)
                async with self.inbox.handling(update) if self.inbox else nullcontext():
                    await coroutine
        finally:
            del self._in_hand[number]
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
