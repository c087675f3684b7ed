"""Showing a finished case: the plan, the call script and the materials checklist."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot import keyboards
from bot.domain.models import CaseFacts
from bot.domain.plan import Plan, build_plan
from bot.domain.script import build_call_script
from bot.services import Services, services
from bot.storage import repo
from bot.storage.repo import CaseRecord
from bot.texts.zh import common as c
from bot.texts.zh.plan import render_plan
from bot.texts.zh.script import render_call_script, render_checklist

TELEGRAM_TEXT_LIMIT = 4096


@dataclass(frozen=True)
class CaseDocuments:
    plan: str
    script: str
    checklist: str


def plan_for(facts: CaseFacts, svc: Services) -> Plan:
    return build_plan(facts, svc.today(), max_periods=svc.settings.max_periods)


def case_documents(facts: CaseFacts, svc: Services) -> CaseDocuments:
    plan = plan_for(facts, svc)
    script = build_call_script(facts, plan, svc.today())
    return CaseDocuments(
        plan=render_plan(facts, plan),
        script=render_call_script(script),
        checklist=render_checklist(facts.hardship.reason),
    )


def split_message(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Splits at blank lines so no part exceeds Telegram's limit (HTML tags never span them)."""
    parts: list[str] = []
    current = ""
    for block in text.split("\n\n"):
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(block) > limit:
            parts.append(block[:limit])
            block = block[limit:]
        current = block
    if current:
        parts.append(current)
    return parts


async def _send(update: Update, text: str, *, buttons: bool = False) -> None:
    assert update.effective_chat is not None
    parts = split_message(text)
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        markup = keyboards.after_plan() if buttons and last else None
        await update.effective_chat.send_message(part, reply_markup=markup)


async def send_case_documents(
    update: Update, context: ContextTypes.DEFAULT_TYPE, case: CaseRecord
) -> None:
    """The plan, then the script, then the checklist with buttons to see each again."""
    facts = case.facts()
    if facts is None:
        await _send(update, c.NO_PLAN_YET)
        return
    documents = case_documents(facts, services(context))
    await _send(update, documents.plan)
    await _send(update, documents.script)
    await _send(update, documents.checklist + "\n\n" + c.AFTER_PLAN, buttons=True)


async def show_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Shows the plan, script or checklist again (buttons under the plan)."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    await query.answer()
    conn = await services(context).database.connection()
    case = await repo.open_case(conn, update.effective_user.id)
    facts = case.facts() if case is not None and case.status == "planned" else None
    if facts is None:
        await _send(update, c.NO_PLAN_YET)
        return
    documents = case_documents(facts, services(context))
    which = query.data.removeprefix("case:")
    text = {"plan": documents.plan, "script": documents.script}.get(which, documents.checklist)
    await _send(update, text, buttons=True)
