"""``/start PAYLOAD`` from a link such as ``t.me/<bot>?start=scam``: a few payloads open what
their command opens; any other payload is plain /start. A payload is never stored or logged
(it could carry anything a referrer put there).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot.adapters import commands, privacy
from bot.adapters.filters import PRIVATE

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def deep_link(payload: str) -> filters.MessageFilter:
    """``/start payload`` exactly (Telegram sends the link's payload after one space)."""
    return filters.Regex(rf"^/start(@\w+)? {re.escape(payload)}$")


def deep_link_handlers(
    scam_check: Callback,
) -> list[BaseHandler[Update, ContextTypes.DEFAULT_TYPE, None]]:
    """Before the conversations, so that the intake's /start does not take these first."""
    opened: dict[str, Callback] = {
        "help": commands.cmd_help,
        "privacy": privacy.cmd_privacy,
        "status": commands.cmd_status,
        "scam": scam_check,
    }
    return [
        CommandHandler("start", callback, filters=PRIVATE & deep_link(payload))
        for payload, callback in opened.items()
    ]
