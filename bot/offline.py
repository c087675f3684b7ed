"""A Bot API that answers locally: the request layer of console mode and of the tests.

It is a python-telegram-bot ``BaseRequest``, so the real Bot, serialisation, error mapping
and rate limiter all run; only the HTTP round trip is replaced.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

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


NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup"
    " are exactly the same as a current content and reply markup of the message"
)


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
    document_bytes: bytes = b""
    # how it reached the screen: sendMessage, editMessageText, editMessageReplyMarkup …
    via: str = "sendMessage"

    @property
    def flat_buttons(self) -> list[tuple[str, str]]:
        return [button for row in self.buttons for button in row]


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None = None


class OfflineBotApi(BaseRequest):
    """Answers Bot API methods in memory, records every call, and can inject failures."""

    def __init__(
        self,
        on_message: Callable[[SentMessage], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.messages: list[SentMessage] = []
        self.on_message = on_message
        # the short notice a tap may get (answerCallbackQuery's text, a "toast" on the phone)
        self.on_notice = on_notice
        self._ids = itertools.count(1)
        self._failures: dict[str, list[_Failure]] = {}
        self._texts: dict[tuple[int, int], str] = {}
        self._keyboards: dict[tuple[int, int], list[list[tuple[str, str]]]] = {}
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def fail_next(
        self, method: str, status: int, description: str, retry_after: int | None = None
    ) -> None:
        """Makes the next call of ``method`` fail the way Telegram would."""
        self._failures.setdefault(method, []).append(_Failure(status, description, retry_after))

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.messages if m.chat_id == chat_id]

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
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append((api_method, params))
        failures = self._failures.get(api_method)
        if failures:
            failure = failures.pop(0)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, json.dumps(body).encode()
        if self._unmodified(api_method, params):
            body = {"ok": False, "error_code": 400, "description": NOT_MODIFIED}
            return 400, json.dumps(body).encode()
        result = await self._answer(api_method, params, request_data)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _unmodified(self, method: str, params: dict[str, Any]) -> bool:
        """Telegram refuses an edit that changes nothing (a double tap does this)."""
        if method != "editMessageReplyMarkup":
            return False
        key = (int(params["chat_id"]), int(params["message_id"]))
        return self._keyboards.get(key, []) == _buttons_of(params.get("reply_markup"))

    async def _answer(
        self, method: str, params: dict[str, Any], request_data: RequestData | None
    ) -> object:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return await self._next_updates(params)
        if method in {"sendMessage", "editMessageText", "sendDocument"}:
            return self._show(method, params, request_data)
        if method == "editMessageReplyMarkup":
            return self._show(method, params, request_data)
        if method == "answerCallbackQuery" and params.get("text") and self.on_notice is not None:
            self.on_notice(str(params["text"]))
        return True  # answerCallbackQuery, setMyCommands, deleteWebhook, sendChatAction …

    async def _next_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        timeout = float(params.get("timeout", 0) or 0)
        try:
            first = await asyncio.wait_for(self.updates.get(), timeout=max(timeout, 0.01))
        except TimeoutError:
            return []
        batch = [first]
        while not self.updates.empty():
            batch.append(self.updates.get_nowait())
        return batch

    def _show(
        self, method: str, params: dict[str, Any], request_data: RequestData | None
    ) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        edit = method.startswith("edit")
        message_id = int(params["message_id"]) if edit else next(self._ids)
        if method == "editMessageReplyMarkup":
            text = self._texts.get((chat_id, message_id), "")
        else:
            text = str(params.get("text") or params.get("caption") or "")
        self._texts[(chat_id, message_id)] = text
        self._keyboards[(chat_id, message_id)] = _buttons_of(params.get("reply_markup"))
        markup = params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        buttons = _buttons_of(markup)
        document, content = None, b""
        if method == "sendDocument" and request_data is not None:
            for upload in request_data.multipart_data.values():
                body = upload[1]
                document = str(upload[0])
                content = body if isinstance(body, bytes) else body.read()
        shown = SentMessage(chat_id, message_id, text, buttons, document, content, via=method)
        self.messages.append(shown)
        # a keyboard removed from an old message is no news to the user
        if self.on_message is not None and not (method == "editMessageReplyMarkup" and not buttons):
            self.on_message(shown)
        result = self._message_json(chat_id, message_id, text)
        if markup:
            result["reply_markup"] = markup
        if document is not None:
            result["document"] = {"file_id": f"doc{message_id}", "file_unique_id": f"u{message_id}"}
        return result

    @staticmethod
    def _message_json(chat_id: int, message_id: int, text: str) -> dict[str, Any]:
        chat_type = "private" if chat_id > 0 else "supergroup"
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "群聊"
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": text,
        }
