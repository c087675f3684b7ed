"""The last installment paid: congratulations, the credit report, what to keep; the case
closes. A payment undone afterwards reopens it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.adapters.parts import send_parts
from bot.services import services
from bot.texts.zh import checkins as t
from bot.usecases import closing
from bot.usecases.payments import Paid
from bot.views import checkins as view


async def after_payment(
    update: Update, context: ContextTypes.DEFAULT_TYPE, paid: Paid | None
) -> None:
    """Called after a payment's reply is sent: with nothing left to pay, the case closes and
    the person hears how to check the credit report and what to keep (once). A smaller
    amount put right after closing ("金额不一样") opens it again."""
    if paid is None or paid.already:
        return
    assert update.effective_chat is not None and update.effective_user is not None
    svc = services(context)
    if not paid.all_paid:
        if await closing.reopen_if_unpaid(svc, update.effective_user.id):
            await update.effective_chat.send_message(t.REOPENED)
        return
    if not await closing.close_paid_off(svc, update.effective_user.id):
        return
    await send_parts(update.effective_chat, view.paid_off(svc.settings.retention_days))


async def reopen_after_undo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After ↩️ 撤销 (in a later handler group than the undo itself): a paid-off case with
    something unpaid again runs again, and the person is told."""
    assert update.effective_chat is not None and update.effective_user is not None
    if await closing.reopen_if_unpaid(services(context), update.effective_user.id):
        await update.effective_chat.send_message(t.REOPENED)
