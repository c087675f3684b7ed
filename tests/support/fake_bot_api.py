"""A small Telegram Bot API server on 127.0.0.1 for end-to-end tests.

Stdlib only. It speaks enough of the Bot API for a python-telegram-bot 22 bot to start
(getMe, deleteWebhook), long-poll updates, send and edit messages, answer callback queries and
upload documents. The test side pushes user updates (``send_text``, ``press_button`` ...) and
inspects what the bot did (``calls``, ``sent_messages``, ``wait_for_messages`` ...).

    with FakeBotApi(token="123456:TEST") as api:
        bot = telegram.Bot("123456:TEST", base_url=api.base_url)

Everything on the test side is thread-safe; the HTTP server runs in its own threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import re
import socket
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["ApiError", "FakeBotApi", "UploadedFile"]

# Form/multipart values that the Bot API declares as strings: never JSON-decode them
# (a text "123" or "true" must stay a string). Everything else PTB sends is json.dumps()ed
# (ints, bools, dicts, lists), while str values are sent raw.
_STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "language_code",
        "action",
        "inline_message_id",
        "business_connection_id",
        "message_effect_id",
        "ip_address",
        "description",
        "short_description",
        "name",
        "title",
        "emoji",
        "query_id",
        "file_id",
        "document",
        "photo",
        "audio",
        "video",
        "animation",
        "voice",
        "video_note",
        "sticker",
        "thumbnail",
        "certificate",
    }
)

_MAX_TEXT = 4096
_MAX_CAPTION = 1024
_MAX_BODY = 64 * 1024 * 1024


class ApiError(Exception):
    """Raised inside a method handler to answer with a Bot API error."""

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
    """A file part of a multipart request."""

    filename: str | None
    content: bytes
    content_type: str | None


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _decode_form_value(name: str, value: str) -> Any:
    if name in _STRING_FIELDS or value.startswith("attach://"):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _unquote_multipart_param(value: str) -> str:
    # httpx escapes '"' as %22, '\\' as '\\\\' and control characters as %XX.
    value = re.sub(r"%(22|[01][0-9A-Fa-f])", lambda m: chr(int(m.group(1), 16)), value)
    return value.replace("\\\\", "\\")


def _parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a multipart/form-data body into (plain fields, file parts)."""
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        raise ApiError(400, "Bad Request: multipart boundary is missing")
    delimiter = b"--" + match.group(1).encode("latin-1")
    fields: dict[str, Any] = {}
    files: dict[str, Any] = {}
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):  # closing delimiter
            break
        chunk = chunk.removeprefix(b"\r\n")
        head, sep, content = chunk.partition(b"\r\n\r\n")
        if not sep:
            continue
        content = content.removesuffix(b"\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, _, val = line.partition(":")
            headers[key.strip().lower()] = val.strip()
        disposition = headers.get("content-disposition", "")
        name_m = re.search(r'(?:^|;)\s*name="([^"]*)"', disposition)
        if not name_m:
            continue
        name = _unquote_multipart_param(name_m.group(1))
        file_m = re.search(r'(?:^|;)\s*filename="([^"]*)"', disposition)
        if file_m or "content-type" in headers:
            files[name] = UploadedFile(
                filename=_unquote_multipart_param(file_m.group(1)) if file_m else None,
                content=content,
                content_type=headers.get("content-type"),
            )
        else:
            fields[name] = content.decode("utf-8")
    return fields, files


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # handler threads are joined by server_close()
    block_on_close = True
    allow_reuse_address = True
    # the standard library's backlog of 5 resets connections under a burst of sends
    request_queue_size = 128

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):  # client went away, or we shut the socket at close()
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without this, Nagle + delayed ACK add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.api._register_connection(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.api._unregister_connection(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            raise ApiError(413, "Request Entity Too Large")
        return self.rfile.read(length) if length else b""

    def _serve(self) -> None:
        api = self.server.api
        try:
            body = self._read_body()
            split = urlsplit(self.path)
            status, payload = api._dispatch(
                split.path, split.query, self.headers.get("Content-Type", ""), body
            )
        except ApiError as err:
            status, payload = err.status, err.payload()
        except Exception as exc:  # malformed request or a bug in the fake
            api._record_internal_error(f"{self.command} {self.path}:\n{traceback.format_exc()}")
            status = 500
            payload = ApiError(500, f"Internal Server Error: {exc!r}").payload()
        data = json.dumps(payload, ensure_ascii=False).encode()
        if api._closing:
            self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)


class FakeBotApi:
    """Bot API compatible HTTP server with a scriptable test-facing side."""

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
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._internal_errors: list[str] = []

        self._calls: list[tuple[str, dict[str, Any]]] = []
        self._failures: dict[str, list[ApiError]] = {}
        self._update_ids = itertools.count(1)
        self._updates: list[dict[str, Any]] = []  # queued, not yet confirmed
        self._confirmed: list[int] = []
        self._poll_generation = 0
        self._webhook: dict[str, Any] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._chats: dict[int | str, dict[str, Any]] = {}
        self._last_message_id: dict[int | str, int] = {}
        self._messages: dict[int | str, dict[int, dict[str, Any]]] = {}  # current state
        self._bot_message_log: dict[int | str, list[dict[str, Any]]] = {}
        self._documents: dict[int | str, list[dict[str, Any]]] = {}
        self._file_ids: dict[str, dict[str, Any]] = {}
        self._blocked: set[int | str] = set()
        self._callback_ids = itertools.count(1)

        self._methods: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
            "getMe": self._m_get_me,
            "getUpdates": self._m_get_updates,
            "sendMessage": self._m_send_message,
            "editMessageText": self._m_edit_message_text,
            "editMessageReplyMarkup": self._m_edit_message_reply_markup,
            "answerCallbackQuery": self._m_true,
            "sendDocument": self._m_send_document,
            "setMyCommands": self._m_set_my_commands,
            "getMyCommands": self._m_get_my_commands,
            "deleteMyCommands": self._m_delete_my_commands,
            "deleteWebhook": self._m_delete_webhook,
            "setWebhook": self._m_set_webhook,
            "getWebhookInfo": self._m_get_webhook_info,
            "sendChatAction": self._m_send_chat_action,
            "deleteMessage": self._m_delete_message,
            "close": self._m_true,
            "logOut": self._m_true,
        }
        self._method_names = {name.lower(): name for name in self._methods}

    # ------------------------------------------------------------------ lifecycle

    # the HTTP server class; a subclass may widen it (e.g. a longer listen backlog)
    server_class: type[_Server] = _Server

    def start(self) -> FakeBotApi:
        if self._server is not None:
            raise RuntimeError("FakeBotApi already started")
        self._server = self.server_class(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeBotApi",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving: wake long polls, drop open connections, join every thread."""
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()  # joins handler threads
        if thread is not None:
            thread.join(timeout=10)
        self._server = self._thread = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
        if exc_type is None and self._internal_errors:
            raise AssertionError(
                "FakeBotApi had internal errors:\n" + "\n".join(self._internal_errors)
            )

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeBotApi is not running")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url`` (PTB appends the token, then ``/method``)."""
        return f"http://127.0.0.1:{self.port}/bot"

    def _register_connection(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)
            closing = self._closing
        if closing:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def _unregister_connection(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.discard(conn)

    # ------------------------------------------------------------------ HTTP dispatch

    def _dispatch(
        self, path: str, query: str, content_type: str, body: bytes
    ) -> tuple[int, dict[str, Any]]:
        match = re.fullmatch(r"/bot([^/]*)/([A-Za-z]+)/?", path)
        if not match:
            raise ApiError(404, "Not Found")
        token, raw_method = match.groups()
        if token != self.token:
            raise ApiError(401, "Unauthorized")
        method = self._method_names.get(raw_method.lower(), raw_method)

        params: dict[str, Any] = {k: _decode_form_value(k, v) for k, v in parse_qsl(query)}
        files: dict[str, Any] = {}
        ctype = content_type.split(";", 1)[0].strip().lower()
        if ctype == "application/json" and body:
            try:
                decoded = json.loads(body)
            except ValueError as exc:
                raise ApiError(400, "Bad Request: invalid JSON body") from exc
            if not isinstance(decoded, dict):
                raise ApiError(400, "Bad Request: JSON body must be an object")
            params.update(decoded)
        elif ctype == "application/x-www-form-urlencoded" and body:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            params.update({k: _decode_form_value(k, v) for k, v in pairs})
        elif ctype == "multipart/form-data":
            fields, files = _parse_multipart(body, content_type)
            params.update({k: _decode_form_value(k, v) for k, v in fields.items()})
        # Resolve attach://name references, and put other file parts under their own name.
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                part = files.get(value.removeprefix("attach://"))
                if part is not None:
                    params[key] = part
        for key, part in files.items():
            params.setdefault(key, part)

        with self._lock:
            self._calls.append((method, params))
            queued = self._failures.get(method)
            failure = queued.pop(0) if queued else None
        if failure is not None:
            return failure.status, failure.payload()
        handler = self._methods.get(method)
        if handler is None:
            raise ApiError(404, "Not Found")
        try:
            result = handler(params, files)
        except ApiError:
            raise
        except Exception as exc:  # a bug in the fake: make it visible
            self._record_internal_error(f"{method}({params!r}):\n{traceback.format_exc()}")
            raise ApiError(500, f"Internal Server Error: {exc!r}") from exc
        return 200, {"ok": True, "result": result}

    def _record_internal_error(self, text: str) -> None:
        with self._lock:
            self._internal_errors.append(text)
        print(f"FakeBotApi internal error in {text}", file=sys.stderr)

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

    def _log_bot_message(self, chat_id: int | str, entry: dict[str, Any]) -> None:
        self._bot_message_log.setdefault(chat_id, []).append(entry)
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
            raise ApiError(400, "Bad Request: inline messages are not supported by FakeBotApi")
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

    # ------------------------------------------------------------------ methods

    def _m_true(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return True

    def _m_get_me(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        return dict(self.bot_user)

    def _m_get_updates(self, params: dict[str, Any], files: dict[str, Any]) -> list[Any]:
        try:
            offset = int(params.get("offset") or 0)
            limit = int(params.get("limit") or 100)
            timeout = float(params.get("timeout") or 0)
        except (TypeError, ValueError) as exc:
            raise ApiError(400, "Bad Request: wrong parameter type") from exc
        limit = min(max(limit, 1), 100)
        timeout = min(max(timeout, 0.0), self.max_poll_timeout)
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
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if _utf16_len(text) > _MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
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
            self._messages.setdefault(chat_id, {})[message["message_id"]] = message
            self._log_bot_message(
                chat_id,
                {"message_id": message["message_id"], "text": text, "reply_markup": markup},
            )
            return copy.deepcopy(message)

    def _m_edit_message_text(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if _utf16_len(text) > _MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        markup = self._markup_param(params)
        inline = self._inline_markup(markup)
        with self._cond:
            chat_id, message = self._find_message(params)
            self._check_can_send(chat_id)
            if "text" not in message:
                raise ApiError(400, "Bad Request: there is no text in the message to edit")
            if message["text"] == text and message.get("reply_markup") == inline:
                raise ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content "
                    "and reply markup are exactly the same as a current content and reply "
                    "markup of the message",
                )
            message["text"] = text
            message["edit_date"] = self._now()
            if inline is None:
                message.pop("reply_markup", None)
            else:
                message["reply_markup"] = inline
            self._log_bot_message(
                chat_id,
                {"message_id": message["message_id"], "text": text, "reply_markup": markup},
            )
            return copy.deepcopy(message)

    def _m_edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, Any]
    ) -> dict[str, Any]:
        inline = self._inline_markup(self._markup_param(params))
        with self._cond:
            chat_id, message = self._find_message(params)
            self._check_can_send(chat_id)
            if message.get("reply_markup") == inline:
                raise ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content "
                    "and reply markup are exactly the same as a current content and reply "
                    "markup of the message",
                )
            if inline is None:
                message.pop("reply_markup", None)
            else:
                message["reply_markup"] = inline
            message["edit_date"] = self._now()
            self._cond.notify_all()
            return copy.deepcopy(message)

    def _m_send_document(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_key(params.get("chat_id"))
        document = params.get("document")
        caption = params.get("caption")
        if isinstance(caption, str) and _utf16_len(caption) > _MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
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
            elif isinstance(document, str) and document in self._file_ids:
                doc = copy.deepcopy(self._file_ids[document]["document"])
                content = self._file_ids[document]["content"]
            elif isinstance(document, str) and document:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            else:
                raise ApiError(400, "Bad Request: there is no document in the request")
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "from": dict(self.bot_user),
                "chat": self._chat(chat_id),
                "date": self._now(),
                "document": doc,
            }
            if caption:
                message["caption"] = caption
            inline = self._inline_markup(self._markup_param(params))
            if inline is not None:
                message["reply_markup"] = inline
            self._messages.setdefault(chat_id, {})[message["message_id"]] = message
            self._documents.setdefault(chat_id, []).append(
                {
                    "message_id": message["message_id"],
                    "file_name": doc.get("file_name"),
                    "mime_type": doc.get("mime_type"),
                    "content": content,
                    "caption": caption,
                }
            )
            self._cond.notify_all()
            return copy.deepcopy(message)

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
        if self._messages.get(chat_id, {}).pop(message_id, None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _m_send_chat_action(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        chat_id = self._chat_key(params.get("chat_id"))
        if not params.get("action"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        with self._lock:
            self._check_can_send(chat_id)
        return True

    # ------------------------------------------------------------------ test-facing API

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
        canonical = self._method_names.get(method.lower(), method)
        with self._lock:
            self._failures.setdefault(canonical, []).append(
                ApiError(status, description, retry_after)
            )

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
            self._messages.setdefault(key, {})[message["message_id"]] = message
            return self.push_update({"message": message})

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
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command.group(0))}
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
                        "message": copy.deepcopy(message),
                        "chat_instance": f"ci{key}",
                        "data": callback_data,
                    }
                }
            )

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        """Every request as (method, decoded params), in arrival order (failed ones too)."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        canonical = self._method_names.get(method.lower(), method)
        with self._lock:
            return [params for name, params in self._calls if name == canonical]

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

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """Current state of a message (bot or user) as a Bot API Message dict."""
        with self._lock:
            found = self._messages.get(chat_id, {}).get(message_id)
            return copy.deepcopy(found)

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
            messages = self._messages.get(chat_id, {})
            for message_id in sorted(messages, reverse=True):
                message = messages[message_id]
                if message.get("from", {}).get("id") != self.bot_user["id"]:
                    continue
                markup = message.get("reply_markup")
                if markup and markup.get("inline_keyboard"):
                    return [
                        (button.get("text", ""), button.get("callback_data"))
                        for row in markup["inline_keyboard"]
                        for button in row
                    ]
            return []

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
