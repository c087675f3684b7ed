"""/export (and 📄 导出投诉用的记录): the person's record as a PDF and a text file, made in
memory on demand and sent; neither is ever written to disk or stored. The messages that
carried them are remembered so /delete can take them back."""

from __future__ import annotations

import io
import logging

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.adapters.conversation import user_id_of
from bot.adapters.drawing import drawn
from bot.adapters.taps import acknowledge
from bot.domain.plan import build_plan
from bot.render.document import Document
from bot.render.text import as_text
from bot.services import services
from bot.texts.zh import export as t
from bot.usecases import export as usecase
from bot.views import export as view

log = logging.getLogger(__name__)
# the PDF is made in the drawing thread, so the event loop stays free (sending and the
# reminder sweep go on); updates are still handled one after another (PTB's default,
# issue 15), so other users' answers wait the ~0.6 s it takes


async def cmd_export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Sends the record as a PDF (caption: what it is for) and as text (caption: privacy)."""
    if update.callback_query is not None:
        await acknowledge(update, close=False)
    assert update.effective_chat is not None
    chat = update.effective_chat
    svc = services(context)
    user_id = user_id_of(update)
    record = await usecase.gather(svc, user_id)
    if record.empty:
        await chat.send_message(t.NOTHING)
        return
    case = record.case
    now = svc.now()
    # the plan as it was proposed: on the day it was made, or on the day the figures last
    # changed (/update), so the budget shown and the plan agree; only while the case is
    # planned, not after paying off
    facts = case.facts() if case is not None and case.status == "planned" else None
    plan = None
    if facts is not None and case is not None:
        moments = [m for m in (case.planned_at, case.updated_at) if m is not None]
        made = max(moments, default=now).astimezone(svc.tz).date()
        plan = build_plan(facts, made, max_periods=svc.settings.max_periods)
    document = view.export_document(record, facts, plan, svc.tz, now)
    await chat.send_chat_action(ChatAction.UPLOAD_DOCUMENT)
    pdf = await _pdf(document)
    sent = None
    if pdf is not None:
        try:
            sent = await chat.send_document(
                InputFile(io.BytesIO(pdf), filename=view.file_name(now.date(), "pdf")),
                caption=t.CAPTION_PDF,
            )
        except (BadRequest, NetworkError):
            sent = None  # Telegram would not take it
    if sent is not None:
        await usecase.remember_sent(svc, user_id, chat.id, [sent.message_id])
    else:  # not made, or refused: the text file still goes out
        await chat.send_message(t.PDF_FAILED)
    text = as_text(document).encode("utf-8")
    sent = await chat.send_document(
        InputFile(io.BytesIO(text), filename=view.file_name(now.date(), "txt")),
        caption=t.CAPTION_TEXT,
    )
    await usecase.remember_sent(svc, user_id, chat.id, [sent.message_id])


async def _pdf(document: Document) -> bytes | None:
    """The PDF, or None when it cannot be made (the text file still goes out)."""
    try:
        # imported here: fpdf2 costs start-up time and memory for a rare command
        from bot.render.pdf import as_pdf

        return await drawn(as_pdf, document)
    except Exception as error:  # a broken font install must not cost the person the record
        # the type only: the message could quote the person's own text
        log.warning("export: the PDF could not be made (%s)", type(error).__name__)
        return None


async def take_back(context: ContextTypes.DEFAULT_TYPE, sent: list[tuple[int, int]]) -> int:
    """Deletes the messages that carried exports; returns how many could not be deleted
    (Telegram lets a bot delete its messages for 48 hours)."""
    left = 0
    for chat_id, message_id in sent:
        try:
            await context.bot.delete_message(chat_id, message_id)
        except BadRequest as error:
            # already deleted by the person counts as gone; too old to delete does not
            if "not found" not in error.message.lower():
                left += 1
        except TelegramError:  # blocked, or the API failing: that one stays in the chat
            left += 1
    return left
