"""/calls: the call log, newest first."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import services
from bot.texts.zh import settings as t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.usecases.calls import call_log
from bot.views.fmt import cn_date, listing


async def cmd_calls(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/calls: every recorded call, newest first."""
    assert update.effective_user is not None and update.effective_chat is not None
    svc = services(context)
    calls = await call_log(svc, update.effective_user.id)
    if not calls:
        await update.effective_chat.send_message(t.CALLS_NONE)
        return
    lines = [t.CALLS_TITLE]
    for call in calls:
        local = call.called_at.astimezone(svc.tz)
        line = t.CALL_LINE.format(
            when=f"{cn_date(local.date())} {local:%H:%M}",
            outcome=t.OUTCOMES.get(call.outcome, call.outcome),
        )
        # one call may settle several debts, each recorded on its own: name the debt
        if call.products:
            names = listing(PRODUCT_NAMES[p] for p in call.products)
            line += t.CALL_DEBTS.format(debts=names)
        if call.staff_id:
            line += t.CALL_STAFF.format(staff=escape(call.staff_id))
        if call.note:
            line += t.CALL_NOTE.format(note=escape(call.note))
        lines.append(line)
    await update.effective_chat.send_message("\n".join(lines))
