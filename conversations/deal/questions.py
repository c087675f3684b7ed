"""What each question of the deal recording looks like."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.domain.money import format_fen
from bot.keyboards import grid
from bot.storage.repo import CaseRecord
from bot.texts.zh import deal as t
from bot.texts.zh.names import PRODUCT_NAMES
from conversations.deal.states import DealState

S = DealState
Question = tuple[str, InlineKeyboardMarkup | None]


def _product_of(draft: dict[str, Any], case: CaseRecord) -> str:
    ids = draft.get("debt_ids", [])
    names = [PRODUCT_NAMES[d.product] for d in case.debts if d.id in ids]
    return "、".join(names) or "这笔欠款"


def question(state: DealState, draft: dict[str, Any], case: CaseRecord) -> Question:
    product = _product_of(draft, case)
    if state == S.OUTCOME:
        return t.ASK_OUTCOME, grid(
            [(t.AGREED_BUTTON, "deal:outcome:agreed"), (t.REFUSED_BUTTON, "deal:outcome:refused")]
        )
    if state == S.WHICH_DEBT:
        buttons = [
            (
                t.DEBT_BUTTON.format(
                    product=PRODUCT_NAMES[d.product], amount=format_fen(d.amount_fen or 0)
                ),
                f"deal:debt:{d.id}",
            )
            for d in case.debts
        ]
        return t.ASK_WHICH_DEBT, grid(buttons, 1)
    if state == S.KIND:
        buttons = [
            (t.KIND_INSTALLMENTS, "deal:kind:installments"),
            (t.KIND_PAUSE, "deal:kind:pause_then_installments"),
            (t.KIND_SINGLE, "deal:kind:single"),
        ]
        if draft.get("suggested_available"):
            buttons.insert(0, (t.KIND_SUGGESTED, "deal:kind:suggested"))
        return t.ASK_KIND.format(product=product), grid(buttons)
    if state == S.SUGGESTED_WHICH:
        options = [(label, f"deal:option:{key}") for key, label in draft.get("options", [])]
        options.append((t.OPTION_OWN, "deal:option:own"))
        return t.ASK_WHICH_OPTION.format(product=product), grid(options, 1)
    if state == S.PERIODS:
        return t.ASK_PERIODS, None
    if state == S.AMOUNT:
        return t.ASK_AMOUNT, None
    if state == S.FIRST_DUE:
        return t.ASK_FIRST_DUE, None
    if state == S.DUE_DAY:
        day = default_due_day(draft)
        markup = grid([(t.SAME_DAY_BUTTON.format(day=day), f"deal:dueday:{day}")]) if day else None
        return t.ASK_DUE_DAY, markup
    if state == S.PAUSE_UNTIL:
        return t.ASK_PAUSE_UNTIL, None
    if state == S.SINGLE_AMOUNT:
        return t.ASK_SINGLE_AMOUNT, None
    if state == S.SINGLE_DATE:
        return t.ASK_SINGLE_DATE, None
    if state == S.STAFF_ID:
        return t.ASK_STAFF_ID, grid([(t.SKIP_BUTTON, "deal:staff:skip")])
    if state == S.NOTE:
        return t.ASK_NOTE, grid([(t.SKIP_BUTTON, "deal:note:skip")])
    if state == S.CALL_AGAIN:
        buttons = [(label, f"deal:again:{value}") for label, value in t.CALL_AGAIN_BUTTONS]
        buttons.append((t.NO_THANKS_BUTTON, "deal:again:no"))
        return t.REFUSED_SAVED, grid(buttons)
    return "", None  # CONFIRM is rendered from the computed installments


def default_due_day(draft: dict[str, Any]) -> int | None:
    first = draft.get("first_due")
    if isinstance(first, str):
        return date.fromisoformat(first).day
    pause = draft.get("pause_until")
    if isinstance(pause, str):
        return date.fromisoformat(pause).day
    return None
