"""Errors told to the operator's chat (``BOT_ADMIN_CHAT_ID``), as PTB's errorhandlerbot
example does, but without anything of the person: the exception's type and where in the
bot's code it was raised, and the kind of update — never the exception's message (it can
quote what was typed), the update, a name or an id.

At most one message per ALERT_INTERVAL: the first error of a quiet spell goes at once, the
ones after it are counted and summed up in one message when the interval ends (which opens
the next interval), or when the bot stops.
"""

from __future__ import annotations

import logging
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.adapters.update_log import chat_kind, kind_of

log = logging.getLogger(__name__)

ALERT_INTERVAL = timedelta(minutes=10)
ALERT_JOB = "admin:alerts"
PACKAGE = Path(__file__).resolve().parents[1]  # bot/
# operator-facing, like the log: English, and the same on every install
FIRST = (
    "⚠️ bot error: {error}\nwhile handling: {update}\n"
    "The user was told to try again; details are in the log."
)
FIRST_IN_JOB = (
    "⚠️ bot error: {error}\nin a scheduled job (no user was told); details are in the log."
)
MORE = "⚠️ {count} more bot errors since the last message:\n{lines}\nDetails are in the log."


def where(error: BaseException) -> str:
    """``KeyError at bot/adapters/intake/store.py:88 in save_answer``: the innermost frame of
    the bot's own code (a library's frame only when the bot's code is not involved)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(PACKAGE)]
    name = type(error).__name__
    if not frames:
        return name
    frame = (ours or frames)[-1]
    path = Path(frame.filename).resolve()
    shown = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE.parent) else path.name
    return f"{name} at {shown}:{frame.lineno} in {frame.name}"


@dataclass
class AdminAlerts:
    chat_id: int
    clock: Callable[[], datetime]
    interval: timedelta = ALERT_INTERVAL
    _window_end: datetime | None = None
    _held: Counter[str] = field(default_factory=Counter)

    async def report(self, context: ContextTypes.DEFAULT_TYPE, update: object) -> None:
        error = context.error
        if error is None:
            return
        now = self.clock()
        if self._window_end is not None and now < self._window_end:
            self._held[where(error)] += 1
            return
        if update is None:  # PTB hands a job's error over without an update
            text = FIRST_IN_JOB.format(error=where(error))
        else:
            update_kind = f"{kind_of(update)} ({chat_kind(update)} chat)"
            text = FIRST.format(error=where(error), update=update_kind)
        await self._send(context.application, text)
        self._open_window(context, now)

    def _open_window(self, context: ContextTypes.DEFAULT_TYPE, now: datetime) -> None:
        self._window_end = now + self.interval
        if context.job_queue is not None:
            context.job_queue.run_once(self._flush, when=self.interval, name=ALERT_JOB)

    async def _flush(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The interval is over: the errors held back, in one message, which opens the next
        interval; none held: a quiet spell, the next error is told at once."""
        self._window_end = None
        if await self.send_held(context.application):
            self._open_window(context, self.clock())

    async def send_held(self, application: Application) -> bool:
        """The errors held back, in one message (also when the bot stops); False: none."""
        if not self._held:
            return False
        held, self._held = self._held, Counter()
        lines = "\n".join(f"{n} × {what}" for what, n in held.most_common(5))
        text = MORE.format(count=sum(held.values()), lines=lines)
        await self._send(application, text)
        return True

    async def _send(self, application: Application, text: str) -> None:
        try:
            await application.bot.send_message(self.chat_id, text, parse_mode=None)
        except TelegramError as error:
            log.warning("could not alert the operator's chat: %s", type(error).__name__)
