"""Sending the new proposal when a deal slips (from a reminder, a payment, or /update)."""

from __future__ import annotations

from telegram import Chat
from telegram.ext import ContextTypes

from bot import callbacks
from bot.adapters import keyboards
from bot.services import services
from bot.texts.zh import replan as t
from bot.usecases.replanning import propose_replan
from bot.views.replan import render_proposal


async def send_proposal(chat: Chat, context: ContextTypes.DEFAULT_TYPE, user_id: int) -> None:
    """Works out the proposal for what is left and sends it, with the next steps as buttons."""
    svc = services(context)
    proposal = await propose_replan(svc, user_id, max_periods=svc.settings.max_periods)
    if proposal is None:
        await chat.send_message(t.NOTHING_LEFT)
        return
    markup = keyboards.grid(
        [
            (t.SCRIPT_BUTTON, callbacks.case_data("script")),
            (t.RECORD_BUTTON, callbacks.DEAL_START.data),
        ]
    )
    await chat.send_message(render_proposal(proposal), reply_markup=markup)
