"""Answering a button tap: once, and without tripping over a keyboard that is already gone."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Coroutine
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, NetworkError

from bot import callbacks

log = logging.getLogger(__name__)

# Telegram's normal refusals around taps: a second tap edits what the first one already
# changed, the message is too old (48 h) or gone, the tap was answered too late
_NOT_MODIFIED = "message is not modified"
_HARMLESS = (
    _NOT_MODIFIED,
    "message to edit not found",
    "message can't be edited",
    "query is too old",
    "query id is invalid",
)


def is_harmless(error: object) -> bool:
    """Whether ``error`` is one of Telegram's normal refusals of an answer or edit of a tap."""
    return isinstance(error, BadRequest) and any(
        text in error.message.lower() for text in _HARMLESS
    )


def _let_go(error: NetworkError, what: str) -> None:
    """Re-raises unless ``error`` may be let go: a normal refusal, or a network failure that
    outlived the request layer's tries (the spinner stops by itself, the keyboard stays; the
    tapped answer must still be stored and replied to)."""
    if isinstance(error, BadRequest):
        if not is_harmless(error):
            raise error
        log.debug("%s: %s", what, error.message)
    else:
        log.warning("%s: %s", what, type(error).__name__)


async def answer(query: CallbackQuery, notice: str | None = None) -> None:
    """Answers the tap (stops the spinner); a tap answered too late is no error."""
    try:
        await query.answer(notice)
    except NetworkError as error:
        _let_go(error, "tap not answered")


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
    if echo is not None:
        await _together(answer(query, notice), show_choice(query, echo, keep_text=keep_text))
    elif close:
        await _together(answer(query, notice), replace_keyboard(query, None))
    else:
        await answer(query, notice)
    return callbacks.argument(query.data)


async def _together(*calls: Coroutine[Any, Any, None]) -> None:
    """Makes the calls at once, and waits for all of them: the tap's answer and its edit do
    not depend on each other, so the next question goes out one round trip sooner. The
    first failure is raised (network failures are let go inside each call).

    For a tap's answer and edits only: each call runs as a task of its own, which the rate
    limiter does not take for the reply (``replying_to`` names the handling task). Neither
    is held there (an answer is free, an edit keeps no chat waiting); a new message would be
    paced as bulk.
    """
    for outcome in await asyncio.gather(*calls, return_exceptions=True):
        if isinstance(outcome, BaseException):
            raise outcome


async def show_choice(query: CallbackQuery, echo: str, *, keep_text: str | None = None) -> None:
    """Edits the tapped message into ``echo ✓`` without buttons; a double tap is harmless."""
    if query.message is None:
        return
    line = f"{html.escape(echo)} ✓"
    if keep_text:
        line = f"{keep_text}\n\n{line}"
    try:
        await query.edit_message_text(line, reply_markup=None)
    except NetworkError as error:
        _let_go(error, "choice not shown")


async def replace_keyboard(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    """Shows ``markup`` (None: no buttons) under the tapped message; a double tap is harmless."""
    if query.message is None:
        return
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except NetworkError as error:
        _let_go(error, "keyboard not replaced")


async def replace_text(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Shows ``text`` instead of the tapped message; sent anew if that one can't be edited.

    Tapping what is already shown (the ✓ option in /settings) changes nothing: no error.
    """
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if not is_harmless(error):
            raise
        log.debug("message not edited: %s", error.message)
        if _NOT_MODIFIED not in error.message.lower() and query.message is not None:
            await query.message.chat.send_message(text, reply_markup=markup)
