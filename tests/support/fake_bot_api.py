"""The offline Bot API over HTTP on 127.0.0.1, for end-to-end tests of the real process.

The rules (methods, parameters, message ids, edits, updates, failures) are
:class:`bot.offline.server.OfflineTelegram`'s, the same the in-process transport of console
mode and the conversation tests answers with; this module is only the transport: an HTTP
server (stdlib), decoding of query strings, JSON, form and multipart bodies, and the token.
The test side pushes user updates (``send_text``, ``press_button`` ...) and inspects what the
bot did (``calls``, ``sent_messages``, ``wait_for_messages`` ...).

    with FakeBotApi(token="123456:TEST") as api:
        bot = telegram.Bot("123456:TEST", base_url=api.base_url)

Everything on the test side is thread-safe; the HTTP server runs in its own threads.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from bot.offline.server import ApiError, OfflineTelegram, UploadedFile, resolve_attachments

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

_MAX_BODY = 64 * 1024 * 1024


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


class FakeBotApi(OfflineTelegram):
    """The offline Bot API served over HTTP, with the scriptable test-facing side."""

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        username: str = "test_bot",
        first_name: str = "Test Bot",
        max_poll_timeout: float = 5.0,
    ) -> None:
        super().__init__(
            token, username=username, first_name=first_name, max_poll_timeout=max_poll_timeout
        )
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()

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
        method = self.canonical(raw_method)

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
        resolve_attachments(params, files)

        return self.handle(method, params, files)
