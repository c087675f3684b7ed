"""Inline keyboards; their callback data comes from bot.callbacks (``area:action[:argument]``)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks as cb
from bot.domain.call_steps import AgentAnswer, CallStep, outcome_of
from bot.domain.models import HardshipReason, Product
from bot.domain.reminders import CallAgainChoice
from bot.texts.zh import call_cards as cc
from bot.texts.zh import common as out
from bot.texts.zh import faq, names
from bot.texts.zh import intake as t
from bot.texts.zh import rehearsal as rh

Button = tuple[str, str]


def grid(buttons: Sequence[Button], columns: int = 2) -> InlineKeyboardMarkup:
    rows = [buttons[i : i + columns] for i in range(0, len(buttons), columns)]
    return rows_markup(rows)


def rows_markup(rows: Iterable[Sequence[Button]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


# The intake's fixed keyboards are built once and shared (PTB freezes a markup): they are the
# same for everyone and come at every answer. Keyboards that carry an id or an amount are
# built each time, so nothing of a person's stays in memory after them.


@functools.cache
def agree() -> InlineKeyboardMarkup:
    return grid([(t.AGREE_BUTTON, cb.AGREE.data)], 1)


@functools.cache
def products() -> InlineKeyboardMarkup:
    return grid([(names.PRODUCT_NAMES[p], cb.PRODUCT.data(p)) for p in Product], 3)


@functools.cache
def skip_rate() -> InlineKeyboardMarkup:
    return grid([(t.SKIP_RATE_BUTTON, cb.SKIP_RATE.data)], 1)


@functools.cache
def skip_total() -> InlineKeyboardMarkup:
    return grid([(t.SKIP_TOTAL_BUTTON, cb.SKIP_TOTAL.data)], 1)


@functools.cache
def paydays() -> InlineKeyboardMarkup:
    buttons = [(label, cb.PAYDAY.data(day)) for label, day in t.PAYDAY_BUTTONS]
    return grid(buttons, 4)


@functools.cache
def essentials_ok() -> InlineKeyboardMarkup:
    return grid([(t.ESSENTIALS_OK_BUTTON, cb.ESSENTIALS_OK.data)], 1)


@functools.cache
def more_debts(can_add: bool = True) -> InlineKeyboardMarkup:
    if not can_add:  # the case holds as many debts as it may
        return grid([(t.NO_MORE_DEBTS_BUTTON, cb.MORE_DEBTS.data(False))], 1)
    return grid(
        [
            (t.ADD_DEBT_BUTTON, cb.MORE_DEBTS.data(True)),
            (t.NO_MORE_DEBTS_BUTTON, cb.MORE_DEBTS.data(False)),
        ]
    )


@functools.cache
def reasons() -> InlineKeyboardMarkup:
    return grid([(names.REASON_NAMES[r], cb.REASON.data(r)) for r in HardshipReason], 3)


@functools.cache
def durations() -> InlineKeyboardMarkup:
    buttons = [(label, cb.DURATION.data(months)) for label, months in t.DURATION_BUTTONS]
    return rows_markup([buttons[:1], buttons[1:4], buttons[4:]])


@functools.cache
def no_other_debts() -> InlineKeyboardMarkup:
    return grid([(t.NO_OTHER_DEBTS_BUTTON, cb.NO_OTHER_DEBTS.data)], 1)


@functools.cache
def confirm() -> InlineKeyboardMarkup:
    return grid([(t.CONFIRM_BUTTON, cb.CONFIRM.data), (t.EDIT_BUTTON, cb.EDIT.data)])


def edit_menu(debt_ids: Sequence[int], can_add: bool = True) -> InlineKeyboardMarkup:
    rows: list[list[Button]] = []
    for number, debt_id in enumerate(debt_ids, start=1):
        rows.append(
            [
                (t.EDIT_DEBT_PRODUCT.format(number=number), cb.change_data("product", debt_id)),
                (t.EDIT_DEBT_AMOUNT.format(number=number), cb.change_data("amount", debt_id)),
            ]
        )
        rows.append(
            [
                (t.EDIT_DEBT_OVERDUE.format(number=number), cb.change_data("overdue", debt_id)),
                (t.EDIT_DEBT_RATE.format(number=number), cb.change_data("rate", debt_id)),
            ]
        )
        rows.append([(t.EDIT_DEBT_TOTAL.format(number=number), cb.change_data("total", debt_id))])
        if len(debt_ids) > 1:
            rows.append([(t.EDIT_DEBT_DELETE.format(number=number), cb.DELETE_DEBT.data(debt_id))])
    if can_add:
        rows.append([(t.EDIT_ADD_DEBT, cb.change_data(cb.ADD_DEBT))])
    rows.append(
        [(t.EDIT_REASON, cb.change_data("reason")), (t.EDIT_DURATION, cb.change_data("duration"))]
    )
    rows.append(
        [(t.EDIT_INCOME, cb.change_data("income")), (t.EDIT_PAYDAY, cb.change_data("payday"))]
    )
    rows.append(
        [(t.EDIT_ESSENTIALS, cb.change_data("essentials")), (t.EDIT_OTHER, cb.change_data("other"))]
    )
    rows.append([(t.EDIT_BACK, cb.SUMMARY.data)])
    return rows_markup(rows)


def resume(planned: bool) -> InlineKeyboardMarkup:
    first = (
        (t.RESUME_SHOW_BUTTON, cb.RESUME.data("show"))
        if planned
        else (t.RESUME_CONTINUE_BUTTON, cb.RESUME.data("continue"))
    )
    return grid([first, (t.RESUME_RESTART_BUTTON, cb.RESUME.data("restart"))])


def after_plan(lender_labels: Sequence[str]) -> InlineKeyboardMarkup:
    """Under the plan: one script button per lender, then the checklist and the rest."""
    scripts = [
        [(out.SCRIPT_FOR_BUTTON.format(label=label), cb.case_data("script", k))]
        for k, label in enumerate(lender_labels)
    ]
    return rows_markup(
        [
            *scripts,
            [
                (out.SHOW_CHECKLIST_BUTTON, cb.case_data("checklist")),
                (out.SHOW_PLAN_BUTTON, cb.case_data("plan")),
            ],
            [(out.RECORD_CALL_BUTTON, cb.DEAL_START.data), (faq.MENU_BUTTON, cb.FAQ_MENU.data)],
        ]
    )


def plan_page(page: int, pages: int, lender_labels: Sequence[str]) -> InlineKeyboardMarkup:
    """Under one page of the plan: turn pages in place, then what the plan leads to."""
    turn: list[Button] = []
    if page > 0:
        turn.append((out.PREVIOUS_PAGE, cb.case_data("plan", page - 1)))
    if page < pages - 1:
        turn.append(
            (out.NEXT_PAGE.format(page=page + 2, pages=pages), cb.case_data("plan", page + 1))
        )
    scripts = [
        [(out.SCRIPT_FOR_BUTTON.format(label=label), cb.case_data("script", k))]
        for k, label in enumerate(lender_labels)
    ]
    return rows_markup(
        [
            turn,
            *scripts,
            [
                (out.SHOW_CHECKLIST_BUTTON, cb.case_data("checklist")),
                (out.RECORD_CALL_BUTTON, cb.DEAL_START.data),
            ],
        ]
    )


def after_plan_short() -> InlineKeyboardMarkup:
    return grid(
        [
            (out.SHOW_SCRIPT_BUTTON, cb.case_data("script")),
            (out.SHOW_PLAN_BUTTON, cb.case_data("plan")),
            (out.RECORD_CALL_BUTTON, cb.DEAL_START.data),
            (faq.MENU_BUTTON, cb.FAQ_MENU.data),
        ]
    )


def script_chooser(lender_labels: Sequence[str]) -> InlineKeyboardMarkup:
    return grid(
        [
            (out.SCRIPT_FOR_BUTTON.format(label=label), cb.case_data("script", k))
            for k, label in enumerate(lender_labels)
        ],
        1,
    )


def after_script(index: int) -> InlineKeyboardMarkup:
    return grid(
        [
            *call_start(index),  # the call companion, one card a step (issue 12)
            (rh.REHEARSE_BUTTON, cb.REHEARSE.data(index)),  # 🎭 先练一练, before the call
            (out.CHAT_VERSION_BUTTON, cb.case_data("chat", index)),
            (out.SHOW_CHECKLIST_BUTTON, cb.case_data("checklist")),
            (out.RECORD_CALL_BUTTON, cb.DEAL_START.data),
        ],
        1,
    )


# ---- 🎭 先练一练 ----


def after_rehearsal(index: int) -> InlineKeyboardMarkup:
    """Under the score: practise again, or read the script once more."""
    return grid(
        [
            (rh.AGAIN_BUTTON, cb.REHEARSE.data(index)),
            (rh.SCRIPT_BUTTON, cb.case_data("script", index)),
        ]
    )


def delete_confirm() -> InlineKeyboardMarkup:
    return grid([(out.DELETE_YES, cb.DELETE.data(True)), (out.DELETE_NO, cb.DELETE.data(False))])


# ---- the call companion (issue 12): one card per step, the agent's answers, the close card ----


def call_card(lender: int, step: CallStep, after: CallStep | None) -> InlineKeyboardMarkup:
    """Under a card of the call: the next card (the answers after the last one); on the first
    card, the typed version too."""
    rows: list[list[Button]] = []
    if after is not None:
        label = cc.TO_ANSWERS_BUTTON if after is CallStep.ANSWERS else cc.NEXT_BUTTON
        rows.append([(label, cb.call_card_data(lender, after))])
    if step is CallStep.DIAL:
        rows.append([(cc.CHAT_BUTTON, cb.call_card_data(lender, CallStep.CHAT))])
    return rows_markup(rows)


def call_answers(lender: int, answers: Sequence[AgentAnswer]) -> InlineKeyboardMarkup:
    """What the agent said: one button each, two a row."""
    return grid([(cc.ANSWER_BUTTONS[a], cb.call_answer_data(lender, a)) for a in answers])


def call_after_answer(
    lender: int, answer: AgentAnswer, *, reminded: bool = False
) -> InlineKeyboardMarkup:
    """Under an answer: (要回电: a reminder to call again), the close card, or another answer."""
    rows: list[list[Button]] = []
    if answer is AgentAnswer.CALL_BACK and not reminded:
        rows += [
            [(label, cb.call_remind_data(lender, CallAgainChoice(value)))]
            for label, value in cc.REMIND_BUTTONS
        ]
    rows.append([(cc.TO_CLOSE_BUTTON, cb.call_card_data(lender, CallStep.CLOSE, answer))])
    rows.append([(cc.BACK_TO_ANSWERS_BUTTON, cb.call_card_data(lender, CallStep.ANSWERS, answer))])
    return rows_markup(rows)


def call_close(lender: int, after: AgentAnswer | None) -> InlineKeyboardMarkup:
    """Under the close card: straight into the deal recording (谈好了 / 没谈成)."""
    agreed = (cc.RECORD_AGREED_BUTTON, cb.OUTCOME.data(True))
    refused = (cc.RECORD_REFUSED_BUTTON, cb.OUTCOME.data(False))
    outcome = outcome_of(after)
    record = [agreed, refused] if outcome is None else [agreed if outcome == "agreed" else refused]
    back = (cc.BACK_TO_ANSWERS_BUTTON, cb.call_card_data(lender, CallStep.ANSWERS, after))
    return grid([*record, back], 1)


def call_chat_after(lender: int) -> InlineKeyboardMarkup:
    """Under the typed version: what the agent replied, the papers, or record the outcome."""
    return grid(
        [
            (cc.CHAT_REPLIED_BUTTON, cb.call_card_data(lender, CallStep.ANSWERS)),
            (out.SHOW_CHECKLIST_BUTTON, cb.case_data("checklist")),
            (out.RECORD_CALL_BUTTON, cb.DEAL_START.data),
        ],
        1,
    )


def call_start(lender: int) -> list[Button]:
    """The row under a lender's script that starts the call companion."""
    return [(cc.START_BUTTON, cb.call_card_data(lender, CallStep.DIAL))]
