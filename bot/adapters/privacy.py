"""/privacy, and the guard that refuses to keep ID or card numbers, codes or passwords."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.domain.sensitive import find_secret
from bot.services import services
from bot.storage.errors import DatabaseError
from bot.texts.zh import privacy as t
from bot.usecases.privacy import question_open

log = logging.getLogger(__name__)


async def guard_secrets(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message that looks like a secret is deleted, never stored, and explained."""
    message = update.effective_message
    text = (message.text or message.caption) if message is not None else None
    if message is None or not text or update.effective_chat is None:
        return
    secret = find_secret(text)
    if secret is None:
        return
    # no user id at INFO (deploy/README): the kind of secret only
    log.info("a message with a %s was refused", secret.value)
    try:
        await message.delete()  # bots may delete incoming messages in private chats
        removed = True
    except TelegramError:
        removed = False
    open_question = await _question_open(update, context)
    if removed:
        after = t.SECRET_DELETED if open_question else t.SECRET_DELETED_NO_QUESTION
    else:
        after = t.SECRET_DELETE_IT if open_question else t.SECRET_DELETE_IT_NO_QUESTION
    warning = f"{t.SECRET_WARNING[secret]}\n{after}"
    try:
        await update.effective_chat.send_message(warning)
    except TelegramError:
        log.warning("could not send the secret warning")
    finally:
        # whatever happened above, nothing after this handler sees the message
        raise ApplicationHandlerStop


async def _question_open(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether a question waits for an answer: only then is the user asked to answer again."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    try:
        return await question_open(services(context), chat.id, user.id)
    except DatabaseError:  # the warning matters more than its last line
        log.warning("could not tell whether a question is open")
        return True


async def cmd_privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What is stored, why, and for how long."""
    assert update.effective_chat is not None
    days = services(context).settings.retention_days
    await update.effective_chat.send_message(t.PRIVACY.format(days=days))
