"""Answering a button tap: once, and without tripping over a keyboard that is already gone."""

from __future__ import annotations

import html

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

# Telegram's answers when a second tap edits what the first tap already changed
_HARMLESS = ("message is not modified", "message to edit not found")


async def acknowledge(
    update: Update,
    *,
    notice: str | None = None,
    close: bool = True,
    echo: str | None = None,
    keep_text: str | None = None,
) -> str:
    """Answers the tap (with an optional notice), removes its keyboard, returns its argument.

    With ``echo`` ("困难原因：失业") the tapped question is replaced by that line and a tick,
    so the chat history shows what was chosen, in one short line; with ``keep_text`` the
    line is added under ``keep_text``, the message as it was sent (a summary or a consent
    worth keeping in the history).
    The argument is the last ``:`` part of the callback data (``intake:product:huabei`` →
    ``huabei``).
    """
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer(notice)
    if echo is not None:
        await show_choice(query, echo, keep_text=keep_text)
    elif close:
        await replace_keyboard(query, None)
    return query.data.rsplit(":", 1)[-1]


async def show_choice(query: CallbackQuery, echo: str, *, keep_text: str | None = None) -> None:
    """Edits the tapped message into ``echo ✓`` without buttons; a double tap is harmless."""
    if query.message is None:
        return
    line = f"{html.escape(echo)} ✓"
    if keep_text:
        line = f"{keep_text}\n\n{line}"
    try:
        await query.edit_message_text(line, reply_markup=None)
    except BadRequest as error:
        if not any(text in error.message.lower() for text in _HARMLESS):
            raise


async def replace_keyboard(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    """Shows ``markup`` (None: no buttons) under the tapped message; a double tap is harmless."""
    if query.message is None:
        return
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as error:
        if not any(text in error.message.lower() for text in _HARMLESS):
            raise
