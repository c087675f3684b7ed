"""/scam: the user pastes or forwards a message or an ad, the bot names the scam hooks it shows.

A small ConversationHandler ("scam_check") with one state: the next text (or a forwarded
message's text or caption) is the one to check. It is registered *first* among the
conversations, so while it waits the pasted text reaches the checker even if the intake or
the deal recording has a question open; that question stays where it was.

Nothing of the text is kept. The text is read, checked and forgotten: it is not stored,
logged or echoed back, and the waiting state itself lives only in memory (not persisted:
a restart in the few seconds between /scam and the paste only means sending /scam again,
and no row can make another conversation think a question of ours is open). The privacy
guard (group -2) deletes anything secret-looking before this handler sees it; the wait goes
on, so the user can paste the message again without the number.

The wait ends with the answer, with /cancel, or as soon as the user does anything else (a
button, another command: ``leave_when_elsewhere``, in a group after the conversations), so
an answer meant for another question is never taken for a message to check.
"""

from __future__ import annotations

import warnings

from telegram import Update
from telegram.ext import (
    Application,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import callbacks as cb
from bot.adapters.conversation import button
from bot.adapters.filters import NEW_MESSAGE, NOT_TEXT, PRIVATE
from bot.adapters.taps import answer
from bot.domain.scams import find_hooks
from bot.services import services
from bot.texts.zh import scams as t
from bot.usecases.privacy import question_open
from bot.views.scams import check_answer

END = ConversationHandler.END
CONVERSATION_NAME = "scam_check"
WAITING = 1
COMMAND = "scam"

# a message to check: typed or pasted text, or a forwarded message's text or caption
TO_CHECK = NEW_MESSAGE & ~filters.COMMAND & (filters.TEXT | filters.CAPTION)
FORWARDED = filters.ChatType.PRIVATE & filters.FORWARDED & TO_CHECK


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/scam or 🔍 under the "agencies" worry: asks for the message to check."""
    assert update.effective_chat is not None
    if update.callback_query is not None:
        await answer(update.callback_query)
    await update.effective_chat.send_message(t.ASK)
    return WAITING


async def _reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, user, message = update.effective_chat, update.effective_user, update.message
    assert chat is not None and user is not None and message is not None
    hooks = find_hooks(message.text or message.caption or "")
    still_open = await question_open(services(context), chat.id, user.id)
    for text in check_answer(hooks, question_open=still_open):
        await chat.send_message(text)


async def check(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The pasted or forwarded message: the hooks it shows and what to do; nothing kept."""
    await _reply(update, context)
    return END


async def check_forwarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message forwarded outside any question: checked at once, as after /scam."""
    await _reply(update, context)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A sticker, a photo without words, a voice message: only text can be checked."""
    assert update.effective_chat is not None
    await update.effective_chat.send_message(t.NOT_TEXT)
    return WAITING


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/cancel: nothing is checked."""
    assert update.effective_chat is not None
    await update.effective_chat.send_message(t.CANCELLED)
    return END


def build_scam_check() -> ConversationHandler:
    with warnings.catch_warnings():
        # per_message=False is deliberate: the wait belongs to the user in this chat
        warnings.filterwarnings("ignore", category=PTBUserWarning, message=".*per_message.*")
        return ConversationHandler(
            entry_points=[
                CommandHandler(COMMAND, ask, filters=PRIVATE),
                button(ask, cb.SCAM_CHECK.pattern),
            ],
            states={WAITING: [MessageHandler(TO_CHECK, check), MessageHandler(NOT_TEXT, not_text)]},
            fallbacks=[CommandHandler("cancel", cancel, filters=PRIVATE)],
            name=CONVERSATION_NAME,
            persistent=False,
            allow_reentry=True,
        )


def _handler(application: Application) -> ConversationHandler | None:
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler) and handler.name == CONVERSATION_NAME:
                return handler
    return None


def _starts_a_check(update: Update) -> bool:
    query, message = update.callback_query, update.message
    if query is not None:
        return bool(cb.SCAM_CHECK.pattern.match(query.data or ""))
    words = (message.text or "").split() if message is not None else []
    return bool(words) and words[0].split("@")[0] == f"/{COMMAND}"


async def leave_when_elsewhere(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After the conversations: a button or another command ends the wait for a message."""
    chat, user, message = update.effective_chat, update.effective_user, update.message
    handler = _handler(context.application)
    if chat is None or user is None or handler is None:
        return
    is_command = message is not None and (message.text or "").startswith("/")
    if (update.callback_query is None and not is_command) or _starts_a_check(update):
        return
    # PTB has no public way to end a conversation from outside it (see forget_user)
    handler._conversations.pop((chat.id, user.id), None)
