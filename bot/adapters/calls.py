"""/calls: the call log, newest first."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot.domain.models import Product
from bot.services import services
from bot.storage import repo
from bot.storage.timestamps import to_text
from bot.texts.zh import settings as t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.fmt import cn_date


async def cmd_calls(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/calls: every recorded call, newest first."""
    assert update.effective_user is not None and update.effective_chat is not None
    svc = services(context)
    conn = await svc.database.connection()
    calls = await repo.list_calls(conn, update.effective_user.id)
    if not calls:
        await update.effective_chat.send_message(t.CALLS_NONE)
        return
    products = await repo.products_by_agreement(conn, update.effective_user.id)
    lines = [t.CALLS_TITLE]
    for call in calls:
        local = call.called_at.astimezone(svc.tz)
        line = t.CALL_LINE.format(
            when=f"{cn_date(local.date())} {local:%H:%M}",
            outcome=t.OUTCOMES.get(call.outcome, call.outcome),
        )
        # one call may settle several debts, each recorded on its own: name the debt
        agreed = products.get(to_text(call.called_at), [])
        if call.outcome == "agreed" and agreed:
            names = "、".join(PRODUCT_NAMES[Product(p)] for p in agreed)
            line += t.CALL_DEBTS.format(debts=names)
        if call.staff_id:
            line += t.CALL_STAFF.format(staff=escape(call.staff_id))
        if call.note:
            line += t.CALL_NOTE.format(note=escape(call.note))
        lines.append(line)
    await update.effective_chat.send_message("\n".join(lines))
