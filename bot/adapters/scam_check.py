"""/scam: the user pastes or forwards a message or an ad, the bot names the scam hooks it shows.

A one-shot state: after /scam (or 🔍 under the "agencies" worry) the next text, or a forwarded
message's text or caption, is the one to check. Which users are waiting is a set in memory
(``ScamCheck``), one per Application; nothing is persisted: a restart in the seconds between
/scam and the paste only means sending /scam again, and no row can make another conversation
think a question is open. (A ConversationHandler would not do: for someone who has not
started a case, every update ends all conversations kept in PTB's memory, see
``commands.note_activity``.)

Its handlers come *first* in the list, so while a user waits the pasted text reaches the
checker even if the intake or the deal recording has a question open; that question stays
where it was, and the answer says so.

Nothing of the text is kept: it is read, checked and forgotten, never stored, logged or
echoed back. The privacy guard (group -2) deletes anything secret-looking before these
handlers see it; the wait goes on, so the user can paste it again without the number.

The wait ends with the answer, with /cancel, or as soon as the user does anything else (a
button, another command: ``leave_when_elsewhere``, in a group after all others), so
an answer meant for another question is never taken for a message to check.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.adapters.conversation import conversation_key
from bot.adapters.filters import NEW_MESSAGE, NOT_TEXT, PRIVATE
from bot.adapters.parts import send_parts
from bot.adapters.taps import answer
from bot.domain.scams import find_hooks
from bot.services import services
from bot.texts.zh import scams as t
from bot.usecases.privacy import question_open
from bot.views.scams import check_answer

COMMAND = "scam"

# a message to check: typed or pasted text, or a forwarded message's text or caption
TO_CHECK = NEW_MESSAGE & ~filters.COMMAND & (filters.TEXT | filters.CAPTION)
FORWARDED = filters.ChatType.PRIVATE & filters.FORWARDED & TO_CHECK


class _Waiting(filters.MessageFilter):
    """Messages from a user who sent /scam and whose message to check has not come yet."""

    def __init__(self, waiting: set[tuple[int, int]]) -> None:
        super().__init__(name="scam_check.waiting")
        self.waiting = waiting

    def filter(self, message: Message) -> bool:
        user = message.from_user
        return user is not None and (message.chat.id, user.id) in self.waiting


class ScamCheck:
    """The scam checker of one Application: who is waiting, and the handlers."""

    def __init__(self) -> None:
        self.waiting: set[tuple[int, int]] = set()
        self._is_waiting = _Waiting(self.waiting)

    def handlers(self) -> list[BaseHandler[Any, Any, Any]]:
        """First in the list: the command, the button, and the message while one waits."""
        waiting = PRIVATE & self._is_waiting
        return [
            CommandHandler(COMMAND, self.ask, filters=PRIVATE),
            CallbackQueryHandler(self.ask, pattern=cb.SCAM_CHECK.pattern),
            MessageHandler(waiting & TO_CHECK, self.check),
            MessageHandler(waiting & NOT_TEXT, self.not_text),
            CommandHandler("cancel", self.cancel, filters=waiting),
        ]

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/scam or 🔍 under the "agencies" worry: asks for the message to check."""
        assert update.effective_chat is not None
        if update.callback_query is not None:
            await answer(update.callback_query)
        self.waiting.add(conversation_key(update))
        await update.effective_chat.send_message(t.ASK)

    async def check(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The pasted or forwarded message: the hooks it shows and what to do; nothing kept."""
        self.waiting.discard(conversation_key(update))
        await reply(update, context)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A sticker, a photo without words, a voice message: only text can be checked."""
        assert update.effective_chat is not None
        await update.effective_chat.send_message(t.NOT_TEXT)

    async def cancel(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/cancel: nothing is checked."""
        assert update.effective_chat is not None
        self.waiting.discard(conversation_key(update))
        await update.effective_chat.send_message(t.CANCELLED)

    async def leave_when_elsewhere(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """After everything: a button or another command ends the wait for a message."""
        if update.effective_chat is None or update.effective_user is None:
            return
        message = update.message
        is_command = message is not None and (message.text or "").startswith("/")
        if (update.callback_query is None and not is_command) or _starts_a_check(update):
            return
        self.waiting.discard(conversation_key(update))


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The hooks the message shows, and what to do (a forwarded message outside any question
    is answered so at once, as after /scam)."""
    chat, user, message = update.effective_chat, update.effective_user, update.message
    assert chat is not None and user is not None and message is not None
    hooks = find_hooks(message.text or message.caption or "")
    still_open = await question_open(services(context), chat.id, user.id)
    await send_parts(chat, check_answer(hooks, question_open=still_open))


def _starts_a_check(update: Update) -> bool:
    query, message = update.callback_query, update.message
    if query is not None:
        return bool(cb.SCAM_CHECK.pattern.match(query.data or ""))
    words = (message.text or "").split() if message is not None else []
    command = words[0].split("@")[0] if words else ""
    # /scam, or a link's /start scam (bot/adapters/deep_links.py)
    return command == f"/{COMMAND}" or (command == "/start" and words[1:] == [COMMAND])
