"""The new proposal when a deal slips (from a reminder, a part payment, or /update), and
the short script for calling about it before the next due date."""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import ContextTypes

from bot import callbacks
from bot.adapters import keyboards
from bot.adapters.parts import send_parts
from bot.adapters.taps import acknowledge
from bot.domain.plan import Recommendation
from bot.domain.replan import Replan
from bot.services import services
from bot.texts.zh import replan as t
from bot.usecases.replanning import propose_replan
from bot.views.replan import render_proposal
from bot.views.replan_script import render_replan_script


async def _proposal(context: ContextTypes.DEFAULT_TYPE, user_id: int) -> Replan | None:
    svc = services(context)
    return await propose_replan(svc, user_id, max_periods=svc.settings.max_periods)


async def send_proposal(chat: Chat, context: ContextTypes.DEFAULT_TYPE, user_id: int) -> None:
    """Works out the proposal for what is left and sends it, with the next steps as buttons."""
    proposal = await _proposal(context, user_id)
    if proposal is None:
        await chat.send_message(t.NOTHING_LEFT)
        return
    buttons = [(t.RECORD_BUTTON, callbacks.DEAL_START.data)]
    if proposal.still_fits or proposal.plan.kind is not Recommendation.PAY_NOW:
        buttons.insert(0, (t.SCRIPT_BUTTON, callbacks.REPLAN_SCRIPT.data))
    await chat.send_message(render_proposal(proposal), reply_markup=keyboards.grid(buttons, 1))


async def tap_replan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """补不上，重新算一下 (and the like): the new proposal."""
    await acknowledge(update, close=False)
    assert update.effective_chat is not None and update.effective_user is not None
    await send_proposal(update.effective_chat, context, update.effective_user.id)


async def send_script(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📞 重新协商的通话稿: the short script, worked out again from today's numbers."""
    await acknowledge(update, close=False)
    assert update.effective_chat is not None and update.effective_user is not None
    proposal = await _proposal(context, update.effective_user.id)
    if proposal is None:
        await update.effective_chat.send_message(t.NOTHING_LEFT)
        return
    messages = render_replan_script(proposal)
    record = keyboards.grid([(t.RECORD_BUTTON, callbacks.DEAL_START.data)])
    await send_parts(update.effective_chat, messages, record)
