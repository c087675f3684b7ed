"""Inline keyboards. Callback data is ``area:action[:argument]``, so stale taps are recognisable."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.models import HardshipReason, Product
from bot.texts.zh import common as out
from bot.texts.zh import faq, names
from bot.texts.zh import intake as t

Button = tuple[str, str]


def grid(buttons: Sequence[Button], columns: int = 2) -> InlineKeyboardMarkup:
    rows = [buttons[i : i + columns] for i in range(0, len(buttons), columns)]
    return rows_markup(rows)


def rows_markup(rows: Iterable[Sequence[Button]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def agree() -> InlineKeyboardMarkup:
    return grid([(t.AGREE_BUTTON, "intake:agree")], 1)


def products() -> InlineKeyboardMarkup:
    return grid([(names.PRODUCT_NAMES[p], f"intake:product:{p.value}") for p in Product], 3)


def skip_rate() -> InlineKeyboardMarkup:
    return grid([(t.SKIP_RATE_BUTTON, "intake:rate:skip")], 1)


def skip_total() -> InlineKeyboardMarkup:
    return grid([(t.SKIP_TOTAL_BUTTON, "intake:total:skip")], 1)


def paydays() -> InlineKeyboardMarkup:
    buttons = [
        (label, f"intake:payday:{day if day else 'irregular'}") for label, day in t.PAYDAY_BUTTONS
    ]
    return grid(buttons, 4)


def essentials_ok() -> InlineKeyboardMarkup:
    return grid([(t.ESSENTIALS_OK_BUTTON, "intake:essentials:ok")], 1)


def more_debts() -> InlineKeyboardMarkup:
    return grid(
        [(t.ADD_DEBT_BUTTON, "intake:more:add"), (t.NO_MORE_DEBTS_BUTTON, "intake:more:done")]
    )


def reasons() -> InlineKeyboardMarkup:
    return grid([(names.REASON_NAMES[r], f"intake:reason:{r.value}") for r in HardshipReason], 3)


def durations() -> InlineKeyboardMarkup:
    buttons = [
        (label, f"intake:duration:{months if months else 'lasting'}")
        for label, months in t.DURATION_BUTTONS
    ]
    return rows_markup([buttons[:1], buttons[1:4], buttons[4:]])


def no_other_debts() -> InlineKeyboardMarkup:
    return grid([(t.NO_OTHER_DEBTS_BUTTON, "intake:other:none")], 1)


def confirm() -> InlineKeyboardMarkup:
    return grid([(t.CONFIRM_BUTTON, "intake:confirm"), (t.EDIT_BUTTON, "intake:edit")])


def edit_menu(debt_ids: Sequence[int]) -> InlineKeyboardMarkup:
    rows: list[list[Button]] = []
    for number, debt_id in enumerate(debt_ids, start=1):
        rows.append(
            [
                (t.EDIT_DEBT_PRODUCT.format(number=number), f"intake:change:product:{debt_id}"),
                (t.EDIT_DEBT_AMOUNT.format(number=number), f"intake:change:amount:{debt_id}"),
            ]
        )
        rows.append(
            [
                (t.EDIT_DEBT_OVERDUE.format(number=number), f"intake:change:overdue:{debt_id}"),
                (t.EDIT_DEBT_RATE.format(number=number), f"intake:change:rate:{debt_id}"),
            ]
        )
        rows.append([(t.EDIT_DEBT_TOTAL.format(number=number), f"intake:change:total:{debt_id}")])
        if len(debt_ids) > 1:
            rows.append([(t.EDIT_DEBT_DELETE.format(number=number), f"intake:delete:{debt_id}")])
    rows.append([(t.EDIT_ADD_DEBT, "intake:change:add")])
    rows.append(
        [(t.EDIT_REASON, "intake:change:reason"), (t.EDIT_DURATION, "intake:change:duration")]
    )
    rows.append([(t.EDIT_INCOME, "intake:change:income"), (t.EDIT_PAYDAY, "intake:change:payday")])
    rows.append(
        [(t.EDIT_ESSENTIALS, "intake:change:essentials"), (t.EDIT_OTHER, "intake:change:other")]
    )
    rows.append([(t.EDIT_BACK, "intake:summary")])
    return rows_markup(rows)


def resume(planned: bool) -> InlineKeyboardMarkup:
    first = (
        (t.RESUME_SHOW_BUTTON, "intake:resume:show")
        if planned
        else (t.RESUME_CONTINUE_BUTTON, "intake:resume:continue")
    )
    return grid([first, (t.RESUME_RESTART_BUTTON, "intake:resume:restart")])


def after_plan(lender_labels: Sequence[str]) -> InlineKeyboardMarkup:
    """Under the plan: one script button per lender, then the checklist and the rest."""
    scripts = [
        [(out.SCRIPT_FOR_BUTTON.format(label=label), f"case:script:{k}")]
        for k, label in enumerate(lender_labels)
    ]
    return rows_markup(
        [
            *scripts,
            [(out.SHOW_CHECKLIST_BUTTON, "case:checklist"), (out.SHOW_PLAN_BUTTON, "case:plan")],
            [(out.RECORD_CALL_BUTTON, "deal:start"), (faq.MENU_BUTTON, "faq:menu")],
        ]
    )


def plan_page(page: int, pages: int, lender_labels: Sequence[str]) -> InlineKeyboardMarkup:
    """Under one page of the plan: turn pages in place, then what the plan leads to."""
    turn: list[Button] = []
    if page > 0:
        turn.append((out.PREVIOUS_PAGE, f"case:plan:{page - 1}"))
    if page < pages - 1:
        turn.append((out.NEXT_PAGE.format(page=page + 2, pages=pages), f"case:plan:{page + 1}"))
    scripts = [
        [(out.SCRIPT_FOR_BUTTON.format(label=label), f"case:script:{k}")]
        for k, label in enumerate(lender_labels)
    ]
    return rows_markup(
        [
            turn,
            *scripts,
            [(out.SHOW_CHECKLIST_BUTTON, "case:checklist"), (out.RECORD_CALL_BUTTON, "deal:start")],
        ]
    )


def after_plan_short() -> InlineKeyboardMarkup:
    return grid(
        [
            (out.SHOW_SCRIPT_BUTTON, "case:script"),
            (out.SHOW_PLAN_BUTTON, "case:plan"),
            (out.RECORD_CALL_BUTTON, "deal:start"),
            (faq.MENU_BUTTON, "faq:menu"),
        ]
    )


def script_chooser(lender_labels: Sequence[str]) -> InlineKeyboardMarkup:
    return grid(
        [
            (out.SCRIPT_FOR_BUTTON.format(label=label), f"case:script:{k}")
            for k, label in enumerate(lender_labels)
        ],
        1,
    )


def after_script(index: int) -> InlineKeyboardMarkup:
    return grid(
        [
            (out.CHAT_VERSION_BUTTON, f"case:chat:{index}"),
            (out.SHOW_CHECKLIST_BUTTON, "case:checklist"),
            (out.RECORD_CALL_BUTTON, "deal:start"),
        ],
        1,
    )


def delete_confirm() -> InlineKeyboardMarkup:
    return grid([(out.DELETE_YES, "delete:yes"), (out.DELETE_NO, "delete:no")])
