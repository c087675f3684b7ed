""" "金额不一样": the user paid a different amount than agreed and types what they paid."""

from __future__ import annotations

import warnings

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.domain.money import parse_amount
from bot.domain.parsing import ParseError
from bot.handlers.installments import mark_paid
from bot.services import services
from bot.storage import repo
from bot.texts.zh import reminders as t
from bot.texts.zh.intake import CANCELLED, NOT_TEXT, problem_text

CONVERSATION_NAME = "paid_amount"
WAIT_AMOUNT = 201  # persisted: never renumber
MAX_PAID_FEN = 5_000_000 * 100


def _key(update: Update) -> tuple[int, int]:
    assert update.effective_chat is not None and update.effective_user is not None
    return (update.effective_chat.id, update.effective_user.id)


async def ask_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Remembers the installment and asks what was actually paid."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_chat is not None
    await query.answer()
    installment_id = int(query.data.rsplit(":", 1)[-1])
    assert update.effective_user is not None
    async with services(context).database.transaction() as conn:
        await repo.set_amount_question(conn, update.effective_user.id, installment_id)
        await repo.save_conversation(conn, CONVERSATION_NAME, _key(update), WAIT_AMOUNT)
    await update.effective_chat.send_message(t.ASK_PAID_AMOUNT)
    return WAIT_AMOUNT


async def receive_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Marks the installment paid with the typed amount."""
    assert update.message is not None and update.effective_user is not None
    assert update.effective_chat is not None
    try:
        fen = parse_amount(update.message.text or "", max_fen=MAX_PAID_FEN)
    except ParseError as error:
        reason = problem_text(error.problem)
        await update.effective_chat.send_message(f"{reason}\n\n{t.ASK_PAID_AMOUNT}")
        return WAIT_AMOUNT
    svc = services(context)
    async with svc.database.transaction() as conn:
        installment_id = await repo.amount_question(conn, update.effective_user.id)
        await repo.set_amount_question(conn, update.effective_user.id, None)
        await repo.save_conversation(conn, CONVERSATION_NAME, _key(update), None)
    if installment_id is None:
        return ConversationHandler.END
    await mark_paid(update, context, amount_fen=fen, installment_id=installment_id)
    return ConversationHandler.END


async def reject_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(f"{NOT_TEXT}\n\n{t.ASK_PAID_AMOUNT}")
    return WAIT_AMOUNT


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert update.effective_chat is not None and update.effective_user is not None
    async with services(context).database.transaction() as conn:
        await repo.set_amount_question(conn, update.effective_user.id, None)
        await repo.save_conversation(conn, CONVERSATION_NAME, _key(update), None)
    await update.effective_chat.send_message(CANCELLED)
    return ConversationHandler.END


def build_paid_amount() -> ConversationHandler:
    new = filters.UpdateType.MESSAGE
    with warnings.catch_warnings():
        # per_message=False on purpose: the typed amount is a new message, not a button
        warnings.filterwarnings("ignore", category=PTBUserWarning, message=".*per_message.*")
        return ConversationHandler(
            entry_points=[CallbackQueryHandler(ask_amount, pattern=r"^rem:amount:\d+$")],
            states={
                WAIT_AMOUNT: [
                    MessageHandler(new & filters.TEXT & ~filters.COMMAND, receive_amount),
                    MessageHandler(new & ~filters.COMMAND & ~filters.TEXT, reject_non_text),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
