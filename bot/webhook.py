"""The webhook listener (webhook mode): the secret is checked before a byte of the body is read.

PTB's own webhook server reads the whole body (up to 100 MB) before it looks at the secret,
answers 500 to malformed JSON (Telegram then retries it), and logs an unreadable update with
its body (the user's text) at CRITICAL. This one, on the same tornado server PTB uses:

- a request without the exact ``X-Telegram-Bot-Api-Secret-Token`` gets 403 and the
  connection is closed with its body unread;
- a body over ``MAX_BODY_BYTES`` gets 413, unread (tornado's ``max_body_size`` closes chunked
  ones that grow past it);
- malformed JSON, JSON that is not an object, or an object that is not an update gets 200
  (so Telegram does not retry it) and one log line with its size, never its content;
- a valid update is committed to the inbox (bot/inbox.py) and only then answered 200, so a
  kill never loses one Telegram counts as delivered; if it cannot be stored the answer is
  500 and Telegram sends it again. One stored already (sent again) is answered 200 and
  dropped. Then it goes on ``application.update_queue``, as PTB's Updater would put it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import sqlite3

import tornado.web
from telegram import Bot, Update
from telegram.ext import ExtBot
from tornado.httpserver import HTTPServer

from bot.inbox import Inbox

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are a few kilobytes; a message with every entity stays far below this
MAX_BODY_BYTES = 1024 * 1024


class WebhookListener:
    """Listens on ``listen:port`` at ``/path`` and feeds updates to ``update_queue``."""

    def __init__(
        self,
        bot: Bot,
        update_queue: asyncio.Queue[object],
        *,
        listen: str,
        port: int,
        path: str,
        secret: str,
        max_body: int = MAX_BODY_BYTES,
        inbox: Inbox | None = None,
    ) -> None:
        self.bot, self.update_queue, self.inbox = bot, update_queue, inbox
        self.listen, self.port, self.max_body = listen, port, max_body
        self.secret = secret.encode()
        url_path = "/" + path.strip("/")
        app = tornado.web.Application(
            [(rf"{re.escape(url_path)}/?", _UpdateHandler, {"listener": self})],
            log_function=lambda handler: None,  # no access log: one line per update is noise
        )
        self._server = HTTPServer(app, max_body_size=max_body, body_timeout=30)
        self._listening = False

    def start(self) -> None:
        """Binds the port now; raises OSError (e.g. address already in use)."""
        self._server.listen(self.port, address=self.listen)
        self._listening = True
        log.info("webhook listening on %s:%s", self.listen, self.port)

    async def stop(self) -> None:
        if self._listening:
            self._listening = False
            self._server.stop()
            await self._server.close_all_connections()

    def secret_matches(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.secret)

    async def accept(self, body: bytes) -> None:
        """Stores and queues the update in ``body``; anything else is dropped with one line,
        no content. Raises sqlite3.Error when the update could not be stored."""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            log.warning("webhook: dropped a request that is not JSON (%d bytes)", len(body))
            return
        if not isinstance(data, dict):
            log.warning(
                "webhook: dropped JSON that is not an update (%s, %d bytes)",
                type(data).__name__,
                len(body),
            )
            return
        try:
            update = Update.de_json(data, self.bot)
        except Exception as error:  # whatever de_json raises, the body is dropped
            log.warning(
                "webhook: dropped an update that could not be read (%s, %d bytes)",
                type(error).__name__,
                len(body),
            )
            return
        if self.inbox is not None and not await self.inbox.store(data):
            return  # stored before: Telegram sent it again (our answer was lost)
        if isinstance(self.bot, ExtBot):
            self.bot.insert_callback_data(update)  # as PTB's Updater does
        await self.update_queue.put(update)


@tornado.web.stream_request_body
class _UpdateHandler(tornado.web.RequestHandler):
    """One POST from Telegram. ``prepare`` runs once the headers are in, before the body."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, listener: WebhookListener) -> None:
        self.listener = listener
        self.chunks: list[bytes] = []
        self.size = 0

    def prepare(self) -> None:
        if not self.listener.secret_matches(self.request.headers.get(SECRET_HEADER, "")):
            self._refuse(403)
            return
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > self.listener.max_body):
            self._refuse(413)

    def _refuse(self, status: int) -> None:
        # finishing now, with the body unread, makes tornado close the connection after this
        self.set_status(status)
        self.finish()

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size <= self.listener.max_body:
            self.chunks.append(chunk)

    async def post(self) -> None:
        if self.size > self.listener.max_body:
            self.set_status(413)
            return
        try:
            await self.listener.accept(b"".join(self.chunks))
        except sqlite3.Error as error:
            log.warning("webhook: an update could not be stored (%s): answered 500", error)
            self.set_status(500)  # Telegram sends it again
            return
        self.set_status(200)
