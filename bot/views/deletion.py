"""What /delete says once everything is gone, exports sent to the chat included."""

from __future__ import annotations

from bot.texts.zh import common as c


def deleted_text(exports_sent: int, exports_left: int) -> str:
    """``exports_left``: export messages Telegram no longer lets the bot delete (> 48 h)."""
    if exports_left:
        return c.DELETE_DONE_EXPORTS_LEFT.format(left=exports_left)
    return c.DELETE_DONE_EXPORTS if exports_sent else c.DELETE_DONE
