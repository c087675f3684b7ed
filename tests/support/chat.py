"""A person chatting with the real Application through the offline Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application

from bot.adapters.retrying_request import Backoff, RetryingRequest
from bot.app import build_application
from bot.config import Settings
from bot.offline import OFFLINE_TOKEN, OfflineBotApi, SentMessage
from bot.offline_updates import (
    callback_update,
    message_update,
    photo_update,
    sticker_update,
    voice_update,
)
from bot.services import Services
from bot.storage.db import Database

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def _no_wait(seconds: float) -> None:
    await asyncio.sleep(0)


NO_WAIT = Backoff(sleep=_no_wait)  # the production number of tries, none waited for
TODAY = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)


@dataclass
class Clock:
    now: datetime = TODAY

    def __call__(self) -> datetime:
        return self.now


def test_settings(database: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "token": SecretStr(OFFLINE_TOKEN),
        "database": database,
        "timezone": "Asia/Shanghai",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@dataclass
class Bot:
    """One running application with its offline API."""

    application: Application
    api: OfflineBotApi
    services: Services
    chats: dict[int, Chat] = field(default_factory=dict)

    def chat(self, user_id: int, chat_id: int | None = None) -> Chat:
        key = chat_id if chat_id is not None else user_id
        if key not in self.chats:
            self.chats[key] = Chat(self, user_id, key)
        return self.chats[key]


@asynccontextmanager
async def running_bot(
    database: Path,
    clock: Clock | None = None,
    *,
    crash: bool = False,
    rate_limited: bool = False,
    backoff: Backoff | None = None,
    **settings_overrides: object,
) -> AsyncIterator[Bot]:
    """Starts the app as production does (post_init included); ``crash`` skips every goodbye.

    The production rate limiter is left out unless ``rate_limited``: the offline API has no
    limits, and its waits would only slow the tests down. Failed calls are tried again as in
    production (``retrying_request``), without waiting unless ``backoff`` says otherwise.
    """
    settings = test_settings(database, **settings_overrides)
    services = Services(settings=settings, database=Database(database), clock=clock or Clock())
    api = OfflineBotApi()
    limiter = "default" if rate_limited else None
    request = RetryingRequest(api, backoff or NO_WAIT)
    application = build_application(
        settings, request=request, services=services, rate_limiter=limiter
    )
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    bot = Bot(application, api, services)
    try:
        yield bot
    finally:
        if crash:
            # like kill -9: no persistence flush, no shutdown; only free the file handle
            await services.database.close()
        else:
            await application.shutdown()
            assert application.post_shutdown is not None
            await application.post_shutdown(application)


@dataclass
class Chat:
    """What one user sees and does in one chat."""

    bot: Bot
    user_id: int
    chat_id: int

    @property
    def seen(self) -> list[SentMessage]:
        return self.bot.api.messages_to(self.chat_id)

    @property
    def last(self) -> SentMessage:
        """The bottom of the chat: the newest message, as it reads now (a tap's edit of an
        older message may arrive after the reply, as in Telegram; it stays where it was)."""
        seen = self.seen
        assert seen, "the bot has not said anything in this chat"
        newest = max(message.message_id for message in seen)
        return next(message for message in reversed(seen) if message.message_id == newest)

    @property
    def last_text(self) -> str:
        return self.last.text

    async def _process(self, raw: dict[str, object]) -> list[SentMessage]:
        before = len(self.seen)
        update = Update.de_json(raw, self.bot.application.bot)
        await self.bot.application.process_update(update)
        # what the bot answered; a keyboard taken off an old message, or a tapped question
        # turned into the choice it recorded ("困难原因：失业 ✓"), is left out (see echoes)
        return [m for m in self.seen[before:] if _is_reply(m)]

    def echoes(self) -> list[str]:
        """The tapped questions as the chat shows them now: each choice with its tick."""
        current: dict[int, str] = {}
        for message in self.seen:
            if message.via in ("sendMessage", "editMessageText"):
                current[message.message_id] = message.text
        return [text for text in current.values() if text.endswith(" ✓")]

    async def send(self, text: str) -> list[SentMessage]:
        """Types ``text`` and returns what the bot showed in reply."""
        return await self._process(message_update(self.user_id, text=text, chat_id=self.chat_id))

    async def edit(self, text: str) -> list[SentMessage]:
        """Edits an earlier message of the user's to ``text``."""
        raw = message_update(self.user_id, text=text, chat_id=self.chat_id, edited=True)
        return await self._process(raw)

    async def send_sticker(self) -> list[SentMessage]:
        return await self._process(sticker_update(self.user_id))

    async def send_photo(self) -> list[SentMessage]:
        return await self._process(photo_update(self.user_id))

    async def send_voice(self) -> list[SentMessage]:
        return await self._process(voice_update(self.user_id))

    def _keyboards(self) -> dict[int, list[tuple[str, str]]]:
        """Each message's buttons as they are now (edits replace them)."""
        return {m: [b for row in rows for b in row] for m, rows in self._rows().items()}

    def _rows(self) -> dict[int, list[list[tuple[str, str]]]]:
        current: dict[int, list[list[tuple[str, str]]]] = {}
        for message in self.seen:
            current[message.message_id] = message.buttons
        return current

    def buttons_of(self, message_id: int) -> list[str]:
        """The labels under one message, as they are now."""
        return [label for label, _ in self._keyboards().get(message_id, [])]

    def _latest_keyboard(self) -> tuple[int, list[tuple[str, str]]] | None:
        current = self._keyboards()
        for message in reversed(self.seen):
            if current[message.message_id]:
                return message.message_id, current[message.message_id]
        return None

    def buttons(self) -> list[str]:
        """The labels of the buttons under the latest message that still has any."""
        found = self._latest_keyboard()
        return [label for label, _ in found[1]] if found else []

    async def tap(self, label: str) -> list[SentMessage]:
        """Taps the button whose text contains ``label`` under the latest keyboard."""
        found = self._latest_keyboard()
        assert found, f"no buttons shown; wanted {label!r}"
        message_id, buttons = found
        matches = [data for text, data in buttons if label in text]
        assert matches, f"no button {label!r} in {[text for text, _ in buttons]}"
        return await self.tap_data(matches[0], message_id)

    async def tap_data(self, data: str, message_id: int) -> list[SentMessage]:
        # Telegram sends the message's keyboard along with the tap
        buttons = self._rows().get(message_id)
        return await self._process(
            callback_update(
                self.user_id, data, message_id=message_id, chat_id=self.chat_id, buttons=buttons
            )
        )


def _is_reply(message: SentMessage) -> bool:
    if message.buttons:
        return True
    if message.via == "editMessageReplyMarkup":
        return False  # a keyboard taken off an old message
    if message.via == "editMessageText":
        return not message.text.endswith(" ✓")  # a tapped question shown as its choice
    return True
