"""A Bot API answered offline: one behaviour (``server``), two transports.

- :mod:`bot.offline.server`: what Telegram does (methods, parameters, message ids, edits,
  keyboards, deletions, updates, injected failures), in memory;
- :mod:`bot.offline.inprocess`: ``OfflineBotApi``, a python-telegram-bot request layer for
  console mode and the conversation tests;
- ``tests/support/fake_bot_api.py``: the same rules over HTTP, for the e2e tests.
"""

from bot.offline.inprocess import BOT_USER, OFFLINE_TOKEN, OfflineBotApi, SentMessage
from bot.offline.server import (
    NOT_MODIFIED,
    ApiError,
    Flakiness,
    OfflineTelegram,
    Shown,
    UploadedFile,
)

__all__ = [
    "BOT_USER",
    "NOT_MODIFIED",
    "OFFLINE_TOKEN",
    "ApiError",
    "Flakiness",
    "OfflineBotApi",
    "OfflineTelegram",
    "SentMessage",
    "Shown",
    "UploadedFile",
]
