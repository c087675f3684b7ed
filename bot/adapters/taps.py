"""Answering a button tap: once, and without tripping over a keyboard that is already gone.

A tap's answer and the edit that shows the choice go out while the handler stores the
answer and sends its reply (``acknowledge``): the reply is one round trip sooner, and the
update is not done until they have arrived (``on_their_way``, ``settle``).
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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


# the tap answers and edits of the update in hand still on their way (None: no update in hand)
_on_their_way: ContextVar[list[asyncio.Task[None]] | None] = ContextVar(
    "taps_on_their_way", default=None
)


@contextmanager
def on_their_way() -> Iterator[list[asyncio.Task[None]]]:
    """While one update is handled: the answers and edits ``acknowledge`` sends ahead."""
    pending: list[asyncio.Task[None]] = []
    token = _on_their_way.set(pending)
    try:
        yield pending
    finally:
        _on_their_way.reset(token)


# the note on the failure of an answer or edit sent ahead (see was_sent_ahead)
_SENT_AHEAD = "a tap's answer or edit sent ahead of the reply: the person was answered"


async def settle(pending: list[asyncio.Task[None]]) -> list[Exception]:
    """Waits until the answers and edits sent ahead have arrived; returns their failures
    (network failures and Telegram's normal refusals are already let go: what is left is a
    bug of ours), each noted as sent ahead (``was_sent_ahead``)."""
    outcomes = await asyncio.gather(*pending, return_exceptions=True)
    pending.clear()
    failures = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    for failure in failures:
        failure.add_note(_SENT_AHEAD)
    return failures


def was_sent_ahead(error: BaseException | None) -> bool:
    """Whether ``error`` is the failure of an answer or edit sent ahead of the reply: the
    update was handled and replied to, so the person needs no "sorry"."""
    return error is not None and _SENT_AHEAD in getattr(error, "__notes__", ())


async def _arrived() -> None:
    """Waits for what was sent ahead, so a later answer or edit of the tapped message
    comes after it, never before (it would be undone)."""
    pending = _on_their_way.get()
    if pending:
        await asyncio.wait(list(pending))


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
    await _arrived()
    await _answer(query, notice)


async def _answer(query: CallbackQuery, notice: str | None) -> None:
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
    await _arrived()  # a second acknowledge in one update: after the first
    calls = []
    if notice is None:
        calls.append(_answer(query, None))
    else:
        # a notice may be the whole reply (a stale button): its failure must reach the
        # error handler as the handler's own, so that the person still hears something
        await _answer(query, notice)
    if echo is not None:
        calls.append(_show_choice(query, echo, keep_text=keep_text))
    elif close:
        calls.append(_replace_keyboard(query, None))
    if calls:
        await _send_ahead(calls)
    return callbacks.argument(query.data)


async def _send_ahead(calls: list[Coroutine[Any, Any, None]]) -> None:
    """Sends the tap's answer and its edit while the handler goes on: they do not depend on
    each other nor on the answer being stored, so the reply goes out one round trip sooner
    (two before, when they came one after the other, before the reply).

    For a tap's answer and edits only: each call runs as a task of its own, which the rate
    limiter does not take for the reply (``replying_to`` names the handling task). Neither
    is held there (an answer is free, an edit keeps no chat waiting); a new message would be
    paced as bulk. With no update in hand (``on_their_way``) they are awaited here.
    """
    pending = _on_their_way.get()
    tasks = [asyncio.ensure_future(call) for call in calls]
    if pending is not None:
        pending.extend(tasks)
        return
    for outcome in await asyncio.gather(*tasks, return_exceptions=True):
        if isinstance(outcome, BaseException):
            raise outcome  # not sent ahead: the handler fails as it would have


async def _show_choice(query: CallbackQuery, echo: str, *, keep_text: str | None) -> None:
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
    await _arrived()
    await _replace_keyboard(query, markup)


async def _replace_keyboard(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
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
    await _arrived()
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if not is_harmless(error):
            raise
        log.debug("message not edited: %s", error.message)
        if _NOT_MODIFIED not in error.message.lower() and query.message is not None:
            await query.message.chat.send_message(text, reply_markup=markup)
