"""The in-process transport of the offline Bot API: console mode and the conversation tests.

It is a python-telegram-bot ``BaseRequest``, so the real Bot, serialisation, error mapping
and rate limiter all run; only the HTTP round trip is replaced by a call to
:class:`~bot.offline.server.OfflineTelegram`, the same rules the e2e HTTP server answers with.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from bot import offline_updates
from bot.offline.server import (
    ApiError,
    Flakiness,
    OfflineTelegram,
    Shown,
    UploadedFile,
    resolve_attachments,
)

OFFLINE_TOKEN = "1000001:offline-console-token"
BOT_USER = {
    "id": 1000001,
    "is_bot": True,
    "first_name": "还款助手",
    "username": "huankuan_helper_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


def _buttons_of(markup: object) -> list[list[tuple[str, str]]]:
    if isinstance(markup, str):
        markup = json.loads(markup)
    if not isinstance(markup, dict):
        return []
    return [
        [(b["text"], b.get("callback_data", "")) for b in row]
        for row in markup.get("inline_keyboard", [])
    ]


@dataclass
class SentMessage:
    """A message the bot showed (sent or edited), as the user would see it."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    document: str | None = None
    document_bytes: bytes = b""  # the file's bytes: a document's, or a photo's
    photo: str | None = None  # a picture sent: the name it was uploaded as
    # how it reached the screen: sendMessage, editMessageText, editMessageReplyMarkup …
    via: str = "sendMessage"

    @property
    def flat_buttons(self) -> list[tuple[str, str]]:
        return [button for row in self.buttons for button in row]

    @classmethod
    def of(cls, shown: Shown) -> SentMessage:
        return cls(
            chat_id=int(shown.chat_id),
            message_id=shown.message_id,
            text=shown.text,
            buttons=_buttons_of(shown.reply_markup),
            document=shown.file_name if shown.method == "sendDocument" else None,
            document_bytes=shown.content,
            photo=(shown.file_name or "photo.png") if shown.method == "sendPhoto" else None,
            via=shown.method,
        )


class OfflineBotApi(BaseRequest):
    """Answers Bot API methods in memory, records every call, and can inject failures.

    ``server`` holds the state and the rules (see :class:`OfflineTelegram`); this class
    only turns python-telegram-bot's ``RequestData`` into its ``(params, files)`` and its
    answer back into bytes.
    """

    def __init__(
        self,
        on_message: Callable[[SentMessage], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.server = OfflineTelegram(
            OFFLINE_TOKEN,
            username=str(BOT_USER["username"]),
            first_name=str(BOT_USER["first_name"]),
        )
        self.server.bot_user = dict(BOT_USER)
        self.messages: list[SentMessage] = []
        self.on_message = on_message
        # the short notice a tap may get (answerCallbackQuery's text, a "toast" on the phone)
        self.on_notice = on_notice
        self.server.on_shown = self._shown
        self.server.on_answer = self._answered
        # user messages built by bot.offline_updates from now on reach the server too
        self._heard = offline_updates.last_sequence()

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        """Every request as (method, params), in order, failed ones too (the live list)."""
        return self.server._calls

    @property
    def _failures(self) -> dict[str, list[ApiError]]:
        return self.server._failures

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def fail_next(
        self,
        method: str,
        status: int = 400,
        description: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Makes the next call of ``method`` fail the way Telegram would."""
        self.server.fail_next(method, status, description, retry_after)

    def answer_late_next(self, method: str, times: int = 1) -> None:
        """The next call(s) of ``method`` take effect, then time out (TimedOut, ReadTimeout)."""
        self.server.answer_late_next(method, times)

    def make_flaky(
        self, *, server_errors: float = 0.0, late_answers: float = 0.0, seed: int = 0
    ) -> Flakiness:
        """From now on a seeded fraction of calls fails (see ``Flakiness``): a late answer
        raises ``TimedOut`` from ``httpx.ReadTimeout``, as HTTPXRequest does when the answer
        does not come in time, after the call was carried out."""
        flakiness = Flakiness(server_errors=server_errors, late_answers=late_answers, seed=seed)
        self.server.flakiness = flakiness
        return flakiness

    def push_update(self, update: dict[str, Any]) -> int:
        """Queues an update for getUpdates (polling), as the HTTP server does."""
        return self.server.push_update(update)

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.messages if m.chat_id == chat_id]

    def _shown(self, shown: Shown) -> None:
        message = SentMessage.of(shown)
        self.messages.append(message)
        # a keyboard removed from an old message is no news to the user
        removed = shown.method == "editMessageReplyMarkup" and not message.buttons
        if self.on_message is not None and not removed:
            self.on_message(message)

    def _answered(self, text: str) -> None:
        if self.on_notice is not None:
            self.on_notice(text)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        files: dict[str, Any] = {}
        if request_data is not None:
            for name, upload in request_data.multipart_data.items():
                body = upload[1]
                content = body if isinstance(body, bytes) else body.read()
                mime = upload[2] if len(upload) > 2 else None
                files[name] = UploadedFile(str(upload[0]), content, mime)
        resolve_attachments(params, files)
        for message in offline_updates.sent_since(self._heard):
            self.server.remember_user_message(message)
        self._heard = offline_updates.last_sequence()
        if self.server.canonical(api_method) == "getUpdates":
            # a long poll waits in a thread, as it would on the network
            status, payload = await asyncio.to_thread(self.server.handle, api_method, params, files)
        else:
            answer = self.server.answer(api_method, params, files)
            if answer.late:
                raise TimedOut from httpx.ReadTimeout("the answer came too late")
            status, payload = answer.status, answer.payload
        return status, json.dumps(payload).encode()
