"""PTB's Application, with an update done only once its taps' answers and edits arrived."""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application

from bot.adapters import taps

log = logging.getLogger(__name__)


class BotApplication(Application[Any, Any, Any, Any, Any, Any]):
    """Handles each update as PTB does, then waits for the answers and edits its handlers
    sent ahead (``taps.acknowledge``), so the person's next update (and a test's next look)
    comes after them. Their failures go to the error handlers, as a handler's would."""

    async def process_update(self, update: object) -> None:
        with taps.on_their_way() as pending:
            try:
                await super().process_update(update)
            except BaseException:
                for task in pending:  # stopping: what was not sent yet is not sent
                    if not task.done():
                        task.cancel()
                    elif not task.cancelled() and task.exception() is not None:
                        log.error("a tap's answer or edit failed", exc_info=task.exception())
                raise
            failures = await taps.settle(pending)
        for failure in failures:
            await self.process_error(update, failure)
