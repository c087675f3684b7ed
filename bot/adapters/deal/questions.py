"""What each question of the deal recording looks like, from the draft and the case's debts."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import callbacks as cb
from bot.adapters.keyboards import grid
from bot.domain.answers import DebtAnswers
from bot.domain.deal import DealKind
from bot.domain.money import format_fen
from bot.domain.reminders import CallAgainChoice
from bot.texts.zh import deal as t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.fmt import listing
from conversations.deal.states import DealState

S = DealState
Question = tuple[str, InlineKeyboardMarkup | None]


def _product_of(draft: dict[str, Any], debts: tuple[DebtAnswers, ...]) -> str:
    """The debts the draft is about, by name ("花呗、借呗"), or "这笔欠款"."""
    ids = draft.get("debt_ids", [])
    names = [PRODUCT_NAMES[d.product] for d in debts if d.id in ids]
    return listing(names) or t.THIS_DEBT


def question(state: DealState, draft: dict[str, Any], debts: tuple[DebtAnswers, ...]) -> Question:
    """The question for ``state``; ``debts`` are the planned case's, each may be a button."""
    product = _product_of(draft, debts)
    if state == S.OUTCOME:
        return t.ASK_OUTCOME, grid(
            [(t.AGREED_BUTTON, cb.OUTCOME.data(True)), (t.REFUSED_BUTTON, cb.OUTCOME.data(False))]
        )
    if state == S.WHICH_DEBT:
        buttons = [
            (
                t.DEBT_BUTTON.format(
                    product=PRODUCT_NAMES[d.product], amount=format_fen(d.amount_fen or 0)
                ),
                cb.DEAL_DEBT.data(d.id),
            )
            for d in debts
        ]
        return t.ASK_WHICH_DEBT, grid(buttons, 1)
    if state == S.KIND:
        buttons = [
            (t.KIND_INSTALLMENTS, cb.DEAL_KIND.data(DealKind.INSTALLMENTS)),
            (t.KIND_PAUSE, cb.DEAL_KIND.data(DealKind.PAUSE_THEN_INSTALLMENTS)),
            (t.KIND_SINGLE, cb.DEAL_KIND.data(DealKind.SINGLE)),
        ]
        if draft.get("suggested_available"):
            buttons.insert(0, (t.KIND_SUGGESTED, cb.DEAL_KIND.data(DealKind.SUGGESTED)))
        return t.ASK_KIND.format(product=product), grid(buttons)
    if state == S.SUGGESTED_WHICH:
        options = [(label, cb.DEAL_OPTION.data(key)) for key, label in draft.get("options", [])]
        options.append((t.OPTION_OWN, cb.DEAL_OPTION.data("own")))
        return t.ASK_WHICH_OPTION.format(product=product), grid(options, 1)
    if state == S.PERIODS:
        return t.ASK_PERIODS, None
    if state == S.AMOUNT:
        return t.ASK_AMOUNT, None
    if state == S.FIRST_DUE:
        return t.ASK_FIRST_DUE, None
    if state == S.DUE_DAY:
        day = default_due_day(draft)
        markup = grid([(t.SAME_DAY_BUTTON.format(day=day), cb.DUE_DAY.data(day))]) if day else None
        return t.ASK_DUE_DAY, markup
    if state == S.PAUSE_UNTIL:
        return t.ASK_PAUSE_UNTIL, None
    if state == S.SINGLE_AMOUNT:
        return t.ASK_SINGLE_AMOUNT, None
    if state == S.SINGLE_DATE:
        return t.ASK_SINGLE_DATE, None
    if state == S.STAFF_ID:
        return t.ASK_STAFF_ID, grid([(t.SKIP_BUTTON, cb.SKIP_STAFF.data)])
    if state == S.NOTE:
        return t.ASK_NOTE, grid([(t.SKIP_BUTTON, cb.SKIP_NOTE.data)])
    if state == S.CALL_AGAIN:
        buttons = [
            (label, cb.CALL_AGAIN.data(CallAgainChoice(value)))
            for label, value in t.CALL_AGAIN_BUTTONS
        ]
        buttons.append((t.NO_THANKS_BUTTON, cb.CALL_AGAIN.data(None)))
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
