"""Showing a finished case: the plan, each lender's call script, the chat version, the papers.

Confirming the intake sends the plan (a few short messages) and a "next step" message with
one button per lender's script; a script's last message offers its typed version.
Callback data: ``case:plan``, ``case:checklist``, ``case:script`` (a chooser when there
are several lenders), ``case:script:<k>`` and ``case:chat:<k>`` (k = the lender's index).
"""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import callbacks
from bot.adapters import call_mode, keyboards
from bot.adapters.parts import send_parts
from bot.adapters.taps import answer, replace_text
from bot.domain.models import CaseFacts
from bot.domain.plan import Plan, build_plan
from bot.services import Services, services
from bot.storage.records import CaseRecord
from bot.texts.zh import common as c
from bot.usecases import cases
from bot.views.documents import CaseDocuments, case_documents
from bot.views.next_step import next_step_text

TELEGRAM_TEXT_LIMIT = 4096


def plan_for(facts: CaseFacts, svc: Services) -> Plan:
    return build_plan(facts, svc.today(), max_periods=svc.settings.max_periods)


def documents(facts: CaseFacts, svc: Services) -> CaseDocuments:
    return case_documents(facts, plan_for(facts, svc), svc.today())


async def _send_all(
    update: Update, texts: tuple[str, ...], markup: InlineKeyboardMarkup | None = None
) -> None:
    """Sends each text as its own message; the buttons go under the last one. A part that
    failed on the way does not keep the others from going out (see ``parts``)."""
    assert update.effective_chat is not None
    await send_parts(update.effective_chat, [t[:TELEGRAM_TEXT_LIMIT] for t in texts], markup)


def _next_step(docs: CaseDocuments) -> tuple[str, InlineKeyboardMarkup]:
    labels = [lender.label for lender in docs.lenders]
    return next_step_text(docs.kind, len(labels)), keyboards.after_plan(labels)


async def send_case_documents(
    update: Update, context: ContextTypes.DEFAULT_TYPE, case: CaseRecord
) -> None:
    """The plan, then what to do next, with a button for each lender's script."""
    facts = case.facts()
    if facts is None:
        await _send_all(update, (c.NO_PLAN_YET,))
        return
    docs = documents(facts, services(context))
    text, markup = _next_step(docs)
    await _send_all(update, (*docs.plan, text), markup)


async def _show_plan_page(
    query: CallbackQuery, update: Update, docs: CaseDocuments, page: int | None
) -> None:
    """The plan again as one message: page 1 is new, the others replace it in place."""
    pages = len(docs.plan)
    labels = [lender.label for lender in docs.lenders]
    number = min(page or 0, pages - 1)
    text = c.PLAN_PAGE.format(text=docs.plan[number], page=number + 1, pages=pages)
    markup = keyboards.plan_page(number, pages, labels)
    if page is None or query.message is None:
        await _send_all(update, (text,), markup)
        return
    await replace_text(query, text, markup)


async def show_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Shows the plan, a script, its chat version or the checklist again."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    await answer(query)
    case = await cases.planned_case(services(context), update.effective_user.id)
    facts = case.facts() if case is not None else None
    if facts is None:
        await _send_all(update, (c.NO_PLAN_YET,))
        return
    docs = documents(facts, services(context))
    what, index = callbacks.read_case(update)
    if what in ("script", "chat") and index is None and len(docs.lenders) == 1:
        index = 0
    if what in ("script", "chat") and (index is None or index >= len(docs.lenders)):
        labels = [lender.label for lender in docs.lenders]
        await _send_all(update, (c.WHICH_SCRIPT,), keyboards.script_chooser(labels))
        return
    if what == "plan":
        await _show_plan_page(query, update, docs, index)
    elif what == "script":
        assert index is not None
        lender = docs.lenders[index]
        await _send_all(update, lender.script, keyboards.after_script(index))
    elif what == "chat":
        assert index is not None
        # short paste-able messages, one a piece (issue 12)
        await call_mode.tap_chat_version(update, context, index)
    else:
        await _send_all(update, (docs.checklist,), keyboards.after_plan_short())


async def send_script(update: Update, docs: CaseDocuments) -> None:
    """/script: the only lender's call script, or one button per lender, as the plan's end."""
    if len(docs.lenders) == 1:
        await _send_all(update, docs.lenders[0].script, keyboards.after_script(0))
        return
    labels = [lender.label for lender in docs.lenders]
    await _send_all(update, (c.WHICH_SCRIPT,), keyboards.script_chooser(labels))
