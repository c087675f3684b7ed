"""The deal draft: each answer and the next question are saved together before the reply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.adapters.case import plan_for
from bot.adapters.conversation import user_id_of
from bot.domain.deal import (
    DealError,
    DealKind,
    DealProblem,
    DealTerms,
    PlannedInstallment,
    installments_for,
    installments_on_dates,
)
from bot.domain.money import format_fen
from bot.domain.plan import Plan, Recommendation
from bot.domain.schedule import Schedule
from bot.services import services
from bot.storage.records import CaseRecord, DebtRecord
from bot.texts.zh import deal as t
from bot.usecases import cases
from bot.usecases.deals import AgreedDeal, deal_draft, save_draft
from bot.usecases.places import Place
from conversations.deal.states import DealState

CONVERSATION_NAME = "deal"


def key_of(update: Update) -> tuple[int, int]:
    assert update.effective_chat is not None
    return (update.effective_chat.id, user_id_of(update))


async def load(update: Update, context: ContextTypes.DEFAULT_TYPE) -> dict[str, Any]:
    return await deal_draft(services(context), user_id_of(update))


def place(update: Update, state: DealState | None = None) -> Place:
    """The user's place in the deal recording (None: it ended), for a use case to save."""
    return Place(CONVERSATION_NAME, key_of(update), None if state is None else int(state))


async def save(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    next_state: DealState | None,
    draft: dict[str, Any] | None,
) -> None:
    """Stores the draft (None discards it) and the user's place in one transaction."""
    await save_draft(services(context), user_id_of(update), draft, place(update, next_state))


async def planned_case(update: Update, context: ContextTypes.DEFAULT_TYPE) -> CaseRecord | None:
    return await cases.planned_case(services(context), user_id_of(update))


@dataclass(frozen=True)
class DebtDeal:
    """The installments agreed for one debt."""

    debt: DebtRecord
    terms: DealTerms
    installments: tuple[PlannedInstallment, ...]

    def agreed(self) -> AgreedDeal:
        return AgreedDeal(self.debt.id, self.terms, self.installments)


def deals_from_draft(
    draft: dict[str, Any], case: CaseRecord, context: ContextTypes.DEFAULT_TYPE
) -> list[DebtDeal]:
    """Turns the answers into installments per debt; raises DealError if they do not fit."""
    svc = services(context)
    chosen = [d for d in case.debts if d.id in draft.get("debt_ids", [])]
    kind = DealKind(draft["kind"])
    if kind == DealKind.SUGGESTED:
        facts = case.facts()
        assert facts is not None
        schedule = _option_schedule(plan_for(facts, svc), draft.get("option", MAIN_OPTION))
        if schedule is None:
            raise DealError(DealProblem.SUGGESTED_NEEDS_AMOUNTS)
        deals = []
        for index, debt in enumerate(case.debts):
            if debt in chosen:
                # a small debt cleared early has nothing due afterwards
                own = schedule.debts[index].installments
                due = [(d, a) for d, a in zip(schedule.due_dates, own, strict=True) if a > 0]
                planned = installments_on_dates([a for _, a in due], [d for d, _ in due])
                # the plan's own schedule: the installments are the terms
                deals.append(DebtDeal(debt, DealTerms(kind), planned))
        return deals
    reported = DealTerms(
        kind=kind,
        periods=draft.get("periods") if kind != DealKind.SINGLE else None,
        amount_fen=draft.get("amount_fen"),
        total_fen=draft.get("total_fen"),
        first_due=_date(draft.get("first_due")),
        due_day=draft.get("due_day"),
        pause_until=_date(draft.get("pause_until")),
    )
    planned = installments_for(reported, svc.today())
    return [DebtDeal(debt, reported, planned) for debt in chosen]


MAIN_OPTION = "main"
WITH_PENALTY_OPTION = "with_penalty"


def _option_schedule(plan: Plan, option: str) -> Schedule | None:
    return plan.not_waived if option == WITH_PENALTY_OPTION else plan.schedule


def suggested_options(plan: Plan, case: CaseRecord, debt_ids: list[int]) -> list[list[str]]:
    """The plan's options for the chosen debt, as [key, button label] pairs."""
    index = next((i for i, d in enumerate(case.debts) if d.id in debt_ids), None)
    if index is None or plan.schedule is None:
        return []
    own = tuple(a for a in plan.schedule.debts[index].installments if a > 0)
    if plan.kind is Recommendation.PAY_NOW or len(own) == 1:
        label = t.OPTION_PAY_NOW.format(amount=format_fen(own[0]))
    elif plan.kind is Recommendation.PART_NOW:
        label = t.OPTION_PART_NOW.format(count=len(own), first=format_fen(own[0]))
    else:
        label = t.OPTION_MAIN.format(amount=format_fen(own[0]), count=len(own))
    options = [[MAIN_OPTION, label]]
    if plan.not_waived is not None:
        more = tuple(a for a in plan.not_waived.debts[index].installments if a > 0)
        options.append(
            [
                WITH_PENALTY_OPTION,
                t.OPTION_WITH_PENALTY.format(amount=format_fen(more[0]), count=len(more)),
            ]
        )
    return options


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None
