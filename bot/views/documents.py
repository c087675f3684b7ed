"""Everything a finished case shows, assembled once: the plan, each lender's script, the
chat version and the checklist. Handlers send these; golden files pin them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.models import CaseFacts
from bot.domain.plan import Plan, Recommendation, build_plan
from bot.domain.script import build_call_scripts
from bot.views.chat import chat_intro, render_chat_text
from bot.views.checklist import render_checklist
from bot.views.plan import lender_labels, render_plan
from bot.views.script import render_call_script


@dataclass(frozen=True, slots=True)
class LenderDocuments:
    """One lender's script (several short messages) and its paste-able chat version."""

    label: str
    script: tuple[str, ...]
    chat_intro: str
    chat_text: str


@dataclass(frozen=True, slots=True)
class CaseDocuments:
    kind: Recommendation
    plan: tuple[str, ...]
    lenders: tuple[LenderDocuments, ...]
    checklist: str


def case_documents(facts: CaseFacts, plan: Plan, today: date) -> CaseDocuments:
    scripts = build_call_scripts(facts, plan, today)
    labels = lender_labels(facts, [p.lender for p in plan.lenders])
    lenders = tuple(
        LenderDocuments(
            label=labels[s.lender],
            script=render_call_script(s, labels[s.lender], scripts.materials),
            chat_intro=chat_intro(s, labels[s.lender]),
            chat_text=render_chat_text(s),
        )
        for s in scripts.scripts
    )
    return CaseDocuments(
        kind=plan.kind,
        plan=render_plan(facts, plan),
        lenders=lenders,
        checklist=render_checklist(scripts.materials),
    )


def documents_for(facts: CaseFacts, today: date, max_periods: int) -> CaseDocuments:
    return case_documents(facts, build_plan(facts, today, max_periods=max_periods), today)
