"""What Telegram's Bot API does, in memory: the one behaviour behind both offline transports.

``OfflineTelegram`` knows which methods exist, which parameters each needs, how message ids
are given out (one counter per chat, as Telegram does), the edit rules ("message is not
modified", "message to edit not found", "message can't be edited"), inline keyboards,
deleteMessage, answerCallbackQuery, sendDocument, sendPhoto, the getUpdates queue with its offset
confirmation, failures injected with ``fail_next``, and a flaky API (``Flakiness``: a seeded
fraction of calls answered 500/502 without effect, or carried out and answered too late). It
is thread-safe.

Two thin transports hand it decoded ``(method, params, files)`` and send back its
``(status, payload)``:

- ``bot.offline.inprocess.OfflineBotApi``: a python-telegram-bot ``BaseRequest``, for console
  mode and the conversation tests;
- ``tests.support.fake_bot_api.FakeBotApi``: an HTTP server on 127.0.0.1, for the e2e tests
  that start the real process.

The user's side (``send_text``, ``press_button`` …) and what the bot showed
(``sent_messages``, ``shown``, ``last_buttons`` …) are here too, so both transports offer them.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import random
import re
import struct
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

__all__ = [
    "NOT_MODIFIED",
    "ApiError",
    "Flakiness",
    "OfflineTelegram",
    "Shown",
    "UploadedFile",
]

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup"
    " are exactly the same as a current content and reply markup of the message"
)
NOT_FOUND = "Not Found"

_MAX_TEXT = 4096
_MAX_CAPTION = 1024
# a photo Telegram takes: width + height at most 10000 px, the sides at most 20:1
_MAX_PHOTO_SIDES = 10000
_MAX_PHOTO_RATIO = 20
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# The parameters each method cannot do without, and Telegram's words when one is missing.
# A method not in this table does not exist: 404 Not Found, as Telegram answers.
_CHAT_ID = ("chat_id", "Bad Request: chat_id is empty")
_MESSAGE_ID = ("message_id", "Bad Request: message identifier is not specified")
REQUIRED: dict[str, tuple[tuple[str, str], ...]] = {
    "getMe": (),
    "getUpdates": (),
    "sendMessage": (_CHAT_ID, ("text", "Bad Request: message text is empty")),
    "editMessageText": (("text", "Bad Request: message text is empty"),),
    "editMessageReplyMarkup": (),
    "answerCallbackQuery": (
        (
            "callback_query_id",
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        ),
    ),
    "sendDocument": (_CHAT_ID, ("document", "Bad Request: there is no document in the request")),
    "sendPhoto": (_CHAT_ID, ("photo", "Bad Request: there is no photo in the request")),
    "setMyCommands": (("commands", "Bad Request: commands must be an array"),),
    "getMyCommands": (),
    "setMyDescription": (),
    "getMyDescription": (),
    "setMyShortDescription": (),
    "getMyShortDescription": (),
    "deleteMyCommands": (),
    "deleteWebhook": (),
    "setWebhook": (),
    "getWebhookInfo": (),
    "sendChatAction": (_CHAT_ID, ("action", "Bad Request: wrong parameter action in request")),
    "deleteMessage": (_CHAT_ID, _MESSAGE_ID),
    "close": (),
    "logOut": (),
}


class ApiError(Exception):
    """Raised inside a method to answer with a Bot API error."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True)
class UploadedFile:
    """A file sent with a request (a multipart part over HTTP)."""

    filename: str | None
    content: bytes
    content_type: str | None


@dataclass(frozen=True)
class Shown:
    """One change the user saw: a message sent or edited (text, keyboard or document)."""

    method: str  # sendMessage, editMessageText, editMessageReplyMarkup, sendDocument, sendPhoto
    chat_id: int | str
    message_id: int
    text: str  # the message's text (or caption) after the change
    reply_markup: dict[str, Any] | None  # the inline keyboard now under the message
    sent_markup: Any  # reply_markup as the bot sent it
    file_name: str | None = None  # a document's name, or the name a photo was uploaded as
    content: bytes = b""


SERVER_ERROR = "server error"  # answered 500 or 502; the call had no effect
LATE_ANSWER = "late answer"  # carried out; the answer came after the client gave up


@dataclass
class Flakiness:
    """A Bot API that fails now and then, the same way for the same ``seed``.

    Each call (getUpdates aside: PTB's polling loop has its own retries) is, with these
    probabilities, answered 500 or 502 *without being carried out*, or carried out and then
    answered too late (``LATE_ANSWER``: the message is delivered, the client sees a read
    time-out). ``faults`` lists what was injected, as (method, kind), in order.
    """

    server_errors: float = 0.0
    late_answers: float = 0.0
    seed: int = 0
    faults: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def draw(self, method: str) -> str | None:
        """The fault for this call of ``method``, if any (the caller holds the lock)."""
        if method == "getUpdates":
            return None
        roll = self._random.random()
        if roll < self.server_errors:
            kind = SERVER_ERROR
        elif roll < self.server_errors + self.late_answers:
            kind = LATE_ANSWER
        else:
            return None
        self.faults.append((method, kind))
        return kind

    def server_error(self) -> ApiError:
        status = self._random.choice((500, 502))
        return ApiError(status, HTTPStatus(status).phrase)


@dataclass(frozen=True)
class Answer:
    """What the Bot API answers to one call; ``late``: carried out, answered too late."""

    status: int
    payload: dict[str, Any]
    late: bool = False


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class OfflineTelegram:
    """The Bot API's state and rules; transports call :meth:`handle`."""

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        username: str = "test_bot",
        first_name: str = "Test Bot",
        max_poll_timeout: float = 5.0,
    ) -> None:
        self.token = token
        self.max_poll_timeout = max_poll_timeout
        prefix = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(prefix) if prefix.isdigit() else 123456,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._closing = False
        self._internal_errors: list[str] = []
        # hooks a transport may set: every change shown, every notice (a tap's toast)
        self.on_shown: Callable[[Shown], None] | None = None
        self.on_answer: Callable[[str], None] | None = None

        self._calls: list[tuple[str, dict[str, Any]]] = []
        self._failures: dict[str, list[ApiError]] = {}
        self.flakiness: Flakiness | None = None  # set it to make the API flaky
        self._late: dict[str, int] = {}  # answer_late_next: calls to answer too late
        self._update_ids = itertools.count(1)
        self._updates: list[dict[str, Any]] = []  # queued, not yet confirmed
        self._confirmed: list[int] = []
        self._poll_generation = 0
        self._webhook: dict[str, Any] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        # (description or short_description, language code) -> text
        self._descriptions: dict[tuple[str, str], str] = {}
        # getUpdates' allowed_updates, remembered as Telegram does; None: the default kinds
        self._allowed_updates: list[str] | None = None
        self._chats: dict[int | str, dict[str, Any]] = {}
        self._last_message_id: dict[int | str, int] = {}
        self._messages: dict[int | str, dict[int, dict[str, Any]]] = {}  # current state
        self._shown: list[Shown] = []
        self._bot_message_log: dict[int | str, list[dict[str, Any]]] = {}
        self._documents: dict[int | str, list[dict[str, Any]]] = {}
        self._photos: dict[int | str, list[dict[str, Any]]] = {}
        self._file_ids: dict[str, dict[str, Any]] = {}
        self._blocked: set[int | str] = set()
        self._callback_ids = itertools.count(1)

        self._methods: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
            "getMe": self._m_get_me,
            "getUpdates": self._m_get_updates,
            "sendMessage": self._m_send_message,
            "editMessageText": self._m_edit_message_text,
            "editMessageReplyMarkup": self._m_edit_message_reply_markup,
            "answerCallbackQuery": self._m_answer_callback_query,
            "sendDocument": self._m_send_document,
            "sendPhoto": self._m_send_photo,
            "setMyCommands": self._m_set_my_commands,
            "getMyCommands": self._m_get_my_commands,
            "setMyDescription": self._m_set_my_description,
            "getMyDescription": self._m_get_my_description,
            "setMyShortDescription": self._m_set_my_short_description,
            "getMyShortDescription": self._m_get_my_short_description,
            "deleteMyCommands": self._m_delete_my_commands,
            "deleteWebhook": self._m_delete_webhook,
            "setWebhook": self._m_set_webhook,
            "getWebhookInfo": self._m_get_webhook_info,
            "sendChatAction": self._m_send_chat_action,
            "deleteMessage": self._m_delete_message,
            "close": self._m_true,
            "logOut": self._m_true,
        }
        assert set(self._methods) == set(REQUIRED)
        self._method_names = {name.lower(): name for name in self._methods}

    # ------------------------------------------------------------------ the one entry point

    def canonical(self, method: str) -> str:
        """Method names are case-insensitive in the Bot API."""
        return self._method_names.get(method.lower(), method)

    def handle(
        self, method: str, params: dict[str, Any], files: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Answers one call: the HTTP status and the JSON body Telegram would send."""
        answer = self.answer(method, params, files)
        return answer.status, answer.payload

    def answer(
        self, method: str, params: dict[str, Any], files: dict[str, Any] | None = None
    ) -> Answer:
        """Answers one call, saying whether the answer came too late (see ``Flakiness``)."""
        method = self.canonical(method)
        with self._lock:
            fault = self.flakiness.draw(method) if self.flakiness is not None else None
            if self._late.get(method):
                self._late[method] -= 1
                fault = LATE_ANSWER
            if fault == SERVER_ERROR:
                assert self.flakiness is not None
                self._calls.append((method, params))
                error = self.flakiness.server_error()
                return Answer(error.status, error.payload())
        status, payload = self._handle(method, params, files)
        return Answer(status, payload, late=fault == LATE_ANSWER)

    def _handle(
        self, method: str, params: dict[str, Any], files: dict[str, Any] | None
    ) -> tuple[int, dict[str, Any]]:
        files = files or {}
        shown_before = len(self._shown)
        with self._lock:
            self._calls.append((method, params))
            queued = self._failures.get(method)
            failure = queued.pop(0) if queued else None
        if failure is not None:
            return failure.status, failure.payload()
        handler = self._methods.get(method)
        try:
            if handler is None:
                raise ApiError(404, NOT_FOUND)
            for name, description in REQUIRED[method]:
                if _missing(params.get(name)):
                    raise ApiError(400, description)
            result = handler(params, files)
        except ApiError as error:
            return error.status, error.payload()
        except Exception as exc:  # a bug in the fake: make it visible
            self._record_internal_error(f"{method}({params!r}):\n{traceback.format_exc()}")
            return 500, ApiError(500, f"Internal Server Error: {exc!r}").payload()
        if self.on_shown is not None:
            for shown in self._shown[shown_before:]:
                self.on_shown(shown)
        return 200, {"ok": True, "result": result}

    def _record_internal_error(self, text: str) -> None:
        with self._lock:
            self._internal_errors.append(text)
        print(f"OfflineTelegram internal error in {text}", file=sys.stderr)

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _now() -> int:
        return int(time.time())

    @staticmethod
    def _chat_key(value: Any) -> int | str:
        if isinstance(value, bool):
            raise ApiError(400, "Bad Request: chat not found")
        if isinstance(value, int):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            return int(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
        raise ApiError(400, "Bad Request: chat_id is empty")

    def _chat(self, chat_id: int | str) -> dict[str, Any]:
        known = self._chats.get(chat_id)
        if known is not None:
            return known
        if isinstance(chat_id, str):
            return {"id": -1000000000000 - 1, "type": "channel", "title": chat_id}
        if chat_id < 0:
            return {"id": chat_id, "type": "supergroup", "title": f"Group {chat_id}"}
        return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}

    def _next_message_id(self, chat_id: int | str) -> int:
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        return message_id

    @staticmethod
    def _inline_markup(markup: Any) -> dict[str, Any] | None:
        # Message.reply_markup is only ever an InlineKeyboardMarkup in the Bot API.
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            return markup
        return None

    def _check_can_send(self, chat_id: int | str) -> None:
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    def _log_shown(self, method: str, message: dict[str, Any], sent_markup: Any) -> None:
        """Records what the user now sees of ``message``; the caller holds the lock."""
        document = message.get("document") or {}
        sizes = message.get("photo") or [{}]
        file_id = document.get("file_id") or sizes[-1].get("file_id")
        stored = self._file_ids.get(file_id, {}) if file_id else {}
        shown = Shown(
            method=method,
            chat_id=message["_key"],
            message_id=message["message_id"],
            text=str(message.get("text") or message.get("caption") or ""),
            reply_markup=copy.deepcopy(message.get("reply_markup")),
            sent_markup=copy.deepcopy(sent_markup),
            file_name=document.get("file_name") or stored.get("upload_name"),
            content=stored.get("content", b""),
        )
        self._shown.append(shown)
        if method in ("sendMessage", "editMessageText"):
            self._bot_message_log.setdefault(shown.chat_id, []).append(
                {"message_id": shown.message_id, "text": shown.text, "reply_markup": sent_markup}
            )
        self._cond.notify_all()

    @staticmethod
    def _markup_param(params: dict[str, Any]) -> Any:
        markup = params.get("reply_markup")
        if isinstance(markup, str):  # JSON body with a JSON-encoded string inside
            try:
                markup = json.loads(markup)
            except ValueError as exc:
                raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON") from exc
        return markup

    def _find_message(self, params: dict[str, Any]) -> tuple[int | str, dict[str, Any]]:
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: inline messages are not supported offline")
        chat_id = self._chat_key(params.get("chat_id"))
        try:
            message_id = int(params.get("message_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise ApiError(400, "Bad Request: message identifier is not specified") from exc
        message = self._messages.get(chat_id, {}).get(message_id)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise ApiError(400, "Bad Request: message can't be edited")
        return chat_id, message

    @staticmethod
    def _public(message: dict[str, Any]) -> dict[str, Any]:
        return {k: copy.deepcopy(v) for k, v in message.items() if not k.startswith("_")}

    def _store(self, chat_id: int | str, message: dict[str, Any]) -> None:
        message["_key"] = chat_id
        self._messages.setdefault(chat_id, {})[message["message_id"]] = message

    # ------------------------------------------------------------------ methods

    def _m_true(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return True

    def _m_get_me(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        return dict(self.bot_user)

    def _m_answer_callback_query(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        text = params.get("text")
        if isinstance(text, str) and len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        if text and self.on_answer is not None:
            self.on_answer(str(text))
        return True

    def _m_get_updates(self, params: dict[str, Any], files: dict[str, Any]) -> list[Any]:
        try:
            offset = int(params.get("offset") or 0)
            limit = int(params.get("limit") or 100)
            timeout = float(params.get("timeout") or 0)
        except (TypeError, ValueError) as exc:
            raise ApiError(400, "Bad Request: wrong parameter type") from exc
        limit = min(max(limit, 1), 100)
        timeout = min(max(timeout, 0.0), self.max_poll_timeout)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, str):
            allowed = json.loads(allowed)
        if isinstance(allowed, list):
            self._allowed_updates = [str(kind) for kind in allowed] or None
        deadline = time.monotonic() + timeout
        with self._cond:
            if self._webhook.get("url"):
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            self._poll_generation += 1
            generation = self._poll_generation
            self._cond.notify_all()  # a newer getUpdates terminates older ones
            if offset < 0:
                keep = self._updates[offset:]
                self._confirm(self._updates[: len(self._updates) - len(keep)])
            elif offset > 0:
                self._confirm([u for u in self._updates if u["update_id"] < offset])
            while True:
                if generation != self._poll_generation:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that "
                        "only one bot instance is running",
                    )
                if self._updates or self._closing:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            if self._allowed_updates is not None:
                # Telegram never delivers the kinds the bot did not ask for
                wanted = set(self._allowed_updates) | {"update_id"}
                self._confirm([u for u in self._updates if not set(u) <= wanted])
            return copy.deepcopy(self._updates[:limit])

    def _confirm(self, updates: list[dict[str, Any]]) -> None:
        if not updates:
            return
        dropped = {u["update_id"] for u in updates}
        self._confirmed.extend(sorted(dropped))
        self._updates = [u for u in self._updates if u["update_id"] not in dropped]
        self._cond.notify_all()

    def _m_send_message(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_key(params.get("chat_id"))
        text = _message_text(params)
        markup = self._markup_param(params)
        with self._cond:
            self._check_can_send(chat_id)
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "from": dict(self.bot_user),
                "chat": self._chat(chat_id),
                "date": self._now(),
                "text": text,
            }
            inline = self._inline_markup(markup)
            if inline is not None:
                message["reply_markup"] = inline
            self._store(chat_id, message)
            self._log_shown("sendMessage", message, markup)
            return self._public(message)

    def _m_edit_message_text(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        text = _message_text(params)
        markup = self._markup_param(params)
        inline = self._inline_markup(markup)
        with self._cond:
            chat_id, message = self._find_message(params)
            self._check_can_send(chat_id)
            if "text" not in message:
                raise ApiError(400, "Bad Request: there is no text in the message to edit")
            if message["text"] == text and message.get("reply_markup") == inline:
                raise ApiError(400, NOT_MODIFIED)
            message["text"] = text
            message["edit_date"] = self._now()
            if inline is None:
                message.pop("reply_markup", None)
            else:
                message["reply_markup"] = inline
            self._log_shown("editMessageText", message, markup)
            return self._public(message)

    def _m_edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, Any]
    ) -> dict[str, Any]:
        markup = self._markup_param(params)
        inline = self._inline_markup(markup)
        with self._cond:
            chat_id, message = self._find_message(params)
            self._check_can_send(chat_id)
            if message.get("reply_markup") == inline:
                raise ApiError(400, NOT_MODIFIED)
            if inline is None:
                message.pop("reply_markup", None)
            else:
                message["reply_markup"] = inline
            message["edit_date"] = self._now()
            self._log_shown("editMessageReplyMarkup", message, markup)
            return self._public(message)

    def _m_send_document(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_key(params.get("chat_id"))
        document = params.get("document")
        caption = params.get("caption")
        if isinstance(caption, str) and utf16_len(caption) > _MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
        markup = self._markup_param(params)
        with self._cond:
            self._check_can_send(chat_id)
            if isinstance(document, UploadedFile):
                unique = uuid.uuid4().hex[:16]
                doc: dict[str, Any] = {
                    "file_id": f"DOC{unique}",
                    "file_unique_id": unique,
                    "file_size": len(document.content),
                }
                if document.filename:
                    doc["file_name"] = document.filename
                if document.content_type:
                    doc["mime_type"] = document.content_type
                self._file_ids[doc["file_id"]] = {"document": doc, "content": document.content}
                content = document.content
            elif isinstance(document, str) and "document" in self._file_ids.get(document, {}):
                doc = copy.deepcopy(self._file_ids[document]["document"])
                content = self._file_ids[document]["content"]
            elif isinstance(document, str) and document:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            else:
                raise ApiError(400, "Bad Request: there is no document in the request")
            message = self._store_media(chat_id, "document", doc, caption, markup)
            self._documents.setdefault(chat_id, []).append(
                {
                    "message_id": message["message_id"],
                    "file_name": doc.get("file_name"),
                    "mime_type": doc.get("mime_type"),
                    "content": content,
                    "caption": caption,
                }
            )
            self._log_shown("sendDocument", message, markup)
            return self._public(message)

    def _store_media(
        self, chat_id: int | str, kind: str, media: object, caption: object, markup: object
    ) -> dict[str, Any]:
        """A bot message carrying a file (``kind``: document or photo), stored; under the
        lock the caller holds."""
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id),
            "from": dict(self.bot_user),
            "chat": self._chat(chat_id),
            "date": self._now(),
            kind: media,
        }
        if caption:
            message["caption"] = caption
        inline = self._inline_markup(markup)
        if inline is not None:
            message["reply_markup"] = inline
        self._store(chat_id, message)
        return message

    def _m_send_photo(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        """A picture with an optional caption and keyboard; Telegram keeps the image (as
        resized copies), not the file: the message has sizes, no file name."""
        chat_id = self._chat_key(params.get("chat_id"))
        photo = params.get("photo")
        caption = params.get("caption")
        if isinstance(caption, str) and utf16_len(caption) > _MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
        markup = self._markup_param(params)
        with self._cond:
            self._check_can_send(chat_id)
            if isinstance(photo, UploadedFile):
                width, height = _photo_size(photo.content)
                unique = uuid.uuid4().hex[:16]
                size: dict[str, Any] = {
                    "file_id": f"PHO{unique}",
                    "file_unique_id": unique,
                    "width": width,
                    "height": height,
                    "file_size": len(photo.content),
                }
                self._file_ids[size["file_id"]] = {
                    "photo": size,
                    "content": photo.content,
                    "upload_name": photo.filename,
                }
                content = photo.content
            elif isinstance(photo, str) and "photo" in self._file_ids.get(photo, {}):
                size = copy.deepcopy(self._file_ids[photo]["photo"])
                content = self._file_ids[photo]["content"]
            elif isinstance(photo, str) and photo:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            else:
                raise ApiError(400, "Bad Request: there is no photo in the request")
            message = self._store_media(chat_id, "photo", [size], caption, markup)
            self._photos.setdefault(chat_id, []).append(
                {
                    "message_id": message["message_id"],
                    "width": size["width"],
                    "height": size["height"],
                    "content": content,
                    "caption": caption,
                }
            )
            self._log_shown("sendPhoto", message, markup)
            return self._public(message)

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if isinstance(scope, str):
            scope = json.loads(scope)
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _m_set_my_commands(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if isinstance(commands, str):
            commands = json.loads(commands)
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: commands must be an array")
        for cmd in commands:
            name = cmd.get("command", "") if isinstance(cmd, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(cmd.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self._lock:
            self._commands[self._commands_key(params)] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        return True

    def _m_get_my_commands(self, params: dict[str, Any], files: dict[str, Any]) -> list[Any]:
        with self._lock:
            return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    def _describe(self, field: str, limit: int, params: dict[str, Any]) -> bool:
        text = str(params.get(field) or "")
        if len(text) > limit:
            raise ApiError(400, f"Bad Request: {field} is too long")
        with self._lock:
            self._descriptions[(field, str(params.get("language_code") or ""))] = text
        return True

    def _described(self, field: str, params: dict[str, Any]) -> dict[str, str]:
        with self._lock:
            language = str(params.get("language_code") or "")
            text = self._descriptions.get((field, language))
            if text is None:  # Telegram falls back to the text for all languages
                text = self._descriptions.get((field, ""), "")
        return {field: text}

    def _m_set_my_description(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return self._describe("description", 512, params)

    def _m_get_my_description(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self._described("description", params)

    def _m_set_my_short_description(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return self._describe("short_description", 120, params)

    def _m_get_my_short_description(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self._described("short_description", params)

    def described(self) -> dict[tuple[str, str], str]:
        """What setMyDescription/setMyShortDescription stored: {(field, language): text}."""
        with self._lock:
            return dict(self._descriptions)

    def _m_delete_my_commands(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            self._commands.pop(self._commands_key(params), None)
        return True

    def _m_delete_webhook(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._cond:
            self._webhook = {}
            if params.get("drop_pending_updates") is True:
                self._confirm(list(self._updates))
        return True

    def _m_set_webhook(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._cond:
            url = params.get("url") or ""
            self._webhook = {"url": url} if url else {}
            if url and params.get("allowed_updates") is not None:
                self._webhook["allowed_updates"] = params["allowed_updates"]
            if params.get("drop_pending_updates") is True:
                self._confirm(list(self._updates))
            self._cond.notify_all()
        return True

    def _m_get_webhook_info(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        with self._lock:
            info: dict[str, Any] = {
                "url": self._webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
            if "allowed_updates" in self._webhook:
                info["allowed_updates"] = self._webhook["allowed_updates"]
            return info

    def _m_delete_message(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        """A bot may delete any message in a private chat, its own or the user's."""
        chat_id = self._chat_key(params.get("chat_id"))
        try:
            message_id = int(params.get("message_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise ApiError(400, "Bad Request: message identifier is not specified") from exc
        with self._lock:
            if self._messages.get(chat_id, {}).pop(message_id, None) is None:
                raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _m_send_chat_action(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        chat_id = self._chat_key(params.get("chat_id"))
        with self._lock:
            self._check_can_send(chat_id)
        return True

    # ------------------------------------------------------------------ the user's side

    def fail_next(
        self,
        method: str,
        status: int = 400,
        description: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Make the next call of ``method`` fail once (queued per method, FIFO).

        ``retry_after`` adds ``parameters.retry_after`` (PTB raises ``RetryAfter``).
        The failed call is still recorded in :attr:`calls`.
        """
        if description is None:
            if status == 429:
                description = f"Too Many Requests: retry after {retry_after or 1}"
            else:
                description = HTTPStatus(status).phrase
        with self._lock:
            self._failures.setdefault(self.canonical(method), []).append(
                ApiError(status, description, retry_after)
            )

    def answer_late_next(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` are carried out, then answered too late
        (the in-process transport raises a read time-out, see ``Answer.late``)."""
        with self._lock:
            name = self.canonical(method)
            self._late[name] = self._late.get(name, 0) + times

    def clear_failures(self) -> None:
        """Drops every failure queued by :meth:`fail_next` and not used yet."""
        with self._lock:
            self._failures.clear()

    def block(self, chat_id: int, blocked: bool = True) -> None:
        """While blocked, every send/edit to ``chat_id`` fails with 403 like Telegram does."""
        with self._lock:
            if blocked:
                self._blocked.add(chat_id)
            else:
                self._blocked.discard(chat_id)

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (without ``update_id``); returns the assigned update_id."""
        with self._cond:
            update_id = next(self._update_ids)
            self._updates.append({"update_id": update_id, **copy.deepcopy(update)})
            self._cond.notify_all()
            return update_id

    def remember_user_message(self, message: dict[str, Any]) -> None:
        """A message a user sent that reached the bot around the update queue (the
        in-process transport hands updates to the Application directly): Telegram knows it,
        so the bot may delete it."""
        with self._lock:
            chat = message["chat"]
            self._chats.setdefault(chat["id"], chat)
            self._store(chat["id"], copy.deepcopy(message))

    def _user(self, user_id: int, first_name: str) -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": "zh-hans",
        }

    def _user_message(
        self,
        user_id: int,
        chat_id: int | None,
        chat_type: str,
        first_name: str,
        content: dict[str, Any],
    ) -> int:
        with self._cond:
            key = user_id if chat_id is None else chat_id
            if chat_type == "private":
                chat = {"id": key, "type": "private", "first_name": first_name}
            else:
                chat = {"id": key, "type": chat_type, "title": f"测试群 {key}"}
            self._chats[key] = chat
            message = {
                "message_id": self._next_message_id(key),
                "from": self._user(user_id, first_name),
                "chat": chat,
                "date": self._now(),
                **content,
            }
            self._store(key, message)
            return self.push_update({"message": self._public(message)})

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "用户",
    ) -> int:
        """Queue a text message from a user; a leading ``/command`` gets its bot_command
        entity. Returns the update_id."""
        content: dict[str, Any] = {"text": text}
        command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if command:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        return self._user_message(user_id, chat_id, chat_type, first_name, content)

    def send_sticker(
        self, user_id: int, *, chat_id: int | None = None, first_name: str = "用户"
    ) -> int:
        unique = uuid.uuid4().hex[:16]
        sticker = {
            "file_id": f"STK{unique}",
            "file_unique_id": unique,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        chat_type = "private" if chat_id is None or chat_id > 0 else "supergroup"
        return self._user_message(user_id, chat_id, chat_type, first_name, {"sticker": sticker})

    def send_photo(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        first_name: str = "用户",
    ) -> int:
        unique = uuid.uuid4().hex[:12]
        photo = [
            {
                "file_id": f"PH{unique}s",
                "file_unique_id": f"{unique}s",
                "width": 90,
                "height": 90,
                "file_size": 1200,
            },
            {
                "file_id": f"PH{unique}m",
                "file_unique_id": f"{unique}m",
                "width": 800,
                "height": 800,
                "file_size": 64000,
            },
        ]
        content: dict[str, Any] = {"photo": photo}
        if caption:
            content["caption"] = caption
        chat_type = "private" if chat_id is None or chat_id > 0 else "supergroup"
        return self._user_message(user_id, chat_id, chat_type, first_name, content)

    def press_button(
        self,
        user_id: int,
        callback_data: str,
        message_id: int,
        *,
        chat_id: int | None = None,
        first_name: str = "用户",
    ) -> int:
        """Queue a callback_query for the bot message ``message_id`` (in the user's private
        chat unless ``chat_id`` is given), carrying the message as it is now."""
        key = user_id if chat_id is None else chat_id
        with self._cond:
            message = self._messages.get(key, {}).get(message_id)
            if message is None:
                raise AssertionError(f"no message {message_id} in chat {key}")
            return self.push_update(
                {
                    "callback_query": {
                        "id": f"cbq{next(self._callback_ids)}",
                        "from": self._user(user_id, first_name),
                        "message": self._public(message),
                        "chat_instance": f"ci{key}",
                        "data": callback_data,
                    }
                }
            )

    # ------------------------------------------------------------------ what the bot did

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        """Every request as (method, decoded params), in arrival order (failed ones too)."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        canonical = self.canonical(method)
        with self._lock:
            return [params for name, params in self._calls if name == canonical]

    @property
    def shown(self) -> list[Shown]:
        """Every message sent or edited, in order, as the user saw it change."""
        with self._lock:
            return list(self._shown)

    def sent_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """sendMessage/editMessageText that succeeded for ``chat_id``, in order:
        dicts {message_id, text, reply_markup} (reply_markup as sent, or None)."""
        with self._lock:
            return copy.deepcopy(self._bot_message_log.get(chat_id, []))

    def sent_documents(self, chat_id: int) -> list[dict[str, Any]]:
        """sendDocument that succeeded: dicts {message_id, file_name, mime_type, content,
        caption}."""
        with self._lock:
            return copy.deepcopy(self._documents.get(chat_id, []))

    def sent_photos(self, chat_id: int) -> list[dict[str, Any]]:
        """sendPhoto that succeeded: dicts {message_id, width, height, content, caption}."""
        with self._lock:
            return copy.deepcopy(self._photos.get(chat_id, []))

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """Current state of a message (bot or user) as a Bot API Message dict."""
        with self._lock:
            found = self._messages.get(chat_id, {}).get(message_id)
            return None if found is None else self._public(found)

    def wait_for_messages(
        self, chat_id: int, count: int, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Block until ``chat_id`` has at least ``count`` bot messages (sendMessage +
        editMessageText). Do NOT call this from the event loop running the bot: use
        :meth:`wait_for_messages_async` there."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._bot_message_log.get(chat_id, [])) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._timeout_report(chat_id, count, timeout))
                self._cond.wait(remaining)
            return copy.deepcopy(self._bot_message_log.get(chat_id, []))

    async def wait_for_messages_async(
        self, chat_id: int, count: int, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Like :meth:`wait_for_messages` without blocking the event loop."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                log = self._bot_message_log.get(chat_id, [])
                if len(log) >= count:
                    return copy.deepcopy(log)
                if time.monotonic() >= deadline:
                    raise AssertionError(self._timeout_report(chat_id, count, timeout))
            await asyncio.sleep(0.01)

    def _timeout_report(self, chat_id: int, count: int, timeout: float) -> str:
        seen = self._bot_message_log.get(chat_id, [])
        lines = [
            f"expected {count} bot message(s) in chat {chat_id} within {timeout}s, saw {len(seen)}:"
        ]
        lines += [f"  {m['message_id']}: {m['text']!r} markup={m['reply_markup']!r}" for m in seen]
        lines.append("recent calls:")
        lines += [f"  {name} {params!r}" for name, params in self._calls[-15:]]
        if self._internal_errors:
            lines.append("internal errors:")
            lines += self._internal_errors
        return "\n".join(lines)

    def last_buttons(self, chat_id: int) -> list[tuple[str, str | None]]:
        """Inline keyboard, flattened to (text, callback_data), of the newest bot message in
        ``chat_id`` that currently has one; [] if none."""
        with self._lock:
            message_id = self.last_buttons_message_id(chat_id)
            if message_id is None:
                return []
            markup = self._messages[chat_id][message_id]["reply_markup"]
            return [
                (button.get("text", ""), button.get("callback_data"))
                for row in markup["inline_keyboard"]
                for button in row
            ]

    def last_buttons_message_id(self, chat_id: int) -> int | None:
        """message_id of the message :meth:`last_buttons` reads, for :meth:`press_button`."""
        with self._lock:
            messages = self._messages.get(chat_id, {})
            for message_id in sorted(messages, reverse=True):
                message = messages[message_id]
                if message.get("from", {}).get("id") == self.bot_user["id"] and (
                    message.get("reply_markup") or {}
                ).get("inline_keyboard"):
                    return message_id
            return None

    def updates_confirmed(self) -> list[int]:
        """update_ids the bot has confirmed (getUpdates with a higher offset), in order."""
        with self._lock:
            return list(self._confirmed)

    @contextmanager
    def at_once(self) -> Iterator[None]:
        """The updates pushed inside reach getUpdates together, in one batch (a long poll
        waiting meanwhile wakes once they are all queued)."""
        with self._lock:
            yield

    def pending_updates(self) -> list[int]:
        """update_ids queued and not yet confirmed."""
        with self._lock:
            return [u["update_id"] for u in self._updates]

    def wait_until_confirmed(self, update_id: int | None = None, timeout: float = 10.0) -> None:
        """Block until ``update_id`` (default: every queued update) has been confirmed."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while any(update_id is None or u["update_id"] <= update_id for u in self._updates):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"updates not confirmed within {timeout}s: pending "
                        f"{[u['update_id'] for u in self._updates]}, "
                        f"confirmed {self._confirmed}"
                    )
                self._cond.wait(remaining)


def resolve_attachments(params: dict[str, Any], files: dict[str, Any]) -> None:
    """Puts each ``attach://name`` reference's file in its place, and other files under
    their own name, as the Bot API does for multipart uploads."""
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            part = files.get(value.removeprefix("attach://"))
            if part is not None:
                params[key] = part
    for key, part in files.items():
        params.setdefault(key, part)


def _photo_size(content: bytes) -> tuple[int, int]:
    """A PNG's width and height from its header, refused as Telegram refuses a picture it
    cannot read or whose sides it does not take (the bot sends only PNGs)."""
    if len(content) < 24 or not content.startswith(_PNG_SIGNATURE):
        raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
    width, height = struct.unpack(">II", content[16:24])
    if not width or not height or width + height > _MAX_PHOTO_SIDES:
        raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
    if max(width, height) > _MAX_PHOTO_RATIO * min(width, height):
        raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
    return width, height


def _message_text(params: dict[str, Any]) -> str:
    """A message's text as Telegram accepts it: not empty, not over the length limit."""
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(text) > _MAX_TEXT:
        raise ApiError(400, "Bad Request: message is too long")
    return text
