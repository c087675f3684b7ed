"""/calls: the call log, newest first."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import services
from bot.usecases.calls import call_log
from bot.views.calls import render_calls


async def cmd_calls(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/calls: every recorded call, newest first."""
    assert update.effective_user is not None and update.effective_chat is not None
    svc = services(context)
    calls = await call_log(svc, update.effective_user.id)
    await update.effective_chat.send_message(render_calls(calls, svc.tz))
