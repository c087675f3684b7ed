"""What a reminder looks like: text and buttons, from its kind and the installment it is about."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot import callbacks as cb
from bot.adapters.keyboards import grid
from bot.adapters.nudges import nudge_message
from bot.domain.lenders import lender_of
from bot.domain.money import format_fen
from bot.domain.progress import Installment
from bot.domain.reminders import ReminderKind
from bot.texts.zh import checkins as check_in_texts
from bot.texts.zh import reminders as t
from bot.texts.zh.lenders import CHANNELS, HOTLINES
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.fmt import cn_date


def installment_fields(installment: Installment) -> dict[str, object]:
    lender = lender_of(installment.product)
    return {
        "channel": CHANNELS[lender],
        "hotline": HOTLINES[lender],
        "product": PRODUCT_NAMES[installment.product],
        "number": installment.number,
        "count": installment.count,
        # what is still missing: all of it, or the rest of a part payment
        "amount": format_fen(installment.outstanding_fen),
        "due": cn_date(installment.due),
        "paid": format_fen(installment.paid_fen or 0),
    }


def reminder_buttons(installment_id: int) -> InlineKeyboardMarkup:
    return grid(
        [
            (t.PAID_BUTTON, cb.PAID.data(installment_id)),
            (t.SNOOZE_BUTTON, cb.SNOOZE.data(installment_id)),
            (t.CANNOT_PAY_BUTTON, cb.CANNOT_PAY.data(installment_id)),
        ]
    )


def followup_buttons(installment_id: int) -> InlineKeyboardMarkup:
    return grid(
        [
            (t.PAID_BUTTON, cb.PAID.data(installment_id)),
            (t.NOT_PAID_BUTTON, cb.NOT_PAID.data(installment_id)),
        ]
    )


def paid_buttons(installment_id: int) -> InlineKeyboardMarkup:
    return grid(
        [
            (t.UNDO_BUTTON, cb.UNDO.data(installment_id)),
            (t.OTHER_AMOUNT_BUTTON, cb.OTHER_AMOUNT.data(installment_id)),
        ]
    )


def call_again_buttons() -> InlineKeyboardMarkup:
    return grid(
        [(t.SCRIPT_BUTTON, cb.case_data("script")), (t.RECORD_CALL_BUTTON, cb.DEAL_START.data)]
    )


def check_in_buttons() -> InlineKeyboardMarkup:
    """没变化 / 收入变了 / 开支变了, under the check-in and /update."""
    return grid(
        [
            (check_in_texts.SAME_BUTTON, cb.CHECK_IN_ANSWER.data("same")),
            (check_in_texts.INCOME_BUTTON, cb.CHECK_IN_ANSWER.data("income")),
            (check_in_texts.SPENDING_BUTTON, cb.CHECK_IN_ANSWER.data("spending")),
        ],
        3,
    )


def reminder_message(
    kind: ReminderKind, installment: Installment | None, today: date
) -> tuple[str, InlineKeyboardMarkup]:
    """The reminder of ``kind`` about ``installment`` (none for a call-again), sent ``today``."""
    if kind == ReminderKind.CHECK_IN:  # every three months while a deal runs
        return check_in_texts.CHECK_IN, check_in_buttons()
    if kind == ReminderKind.CALL_NUDGE:
        return nudge_message()
    if kind == ReminderKind.CALL_AGAIN or installment is None:
        return t.CALL_AGAIN, call_again_buttons()
    fields = installment_fields(installment)
    part = installment.partly_paid  # paid in part: the reminder names what is missing
    if kind == ReminderKind.FOLLOWUP:
        text = t.FOLLOWUP_PARTIAL if part else t.FOLLOWUP
        return text.format(**fields), followup_buttons(installment.id)
    days = (installment.due - today).days
    if part:
        text = t.DUE_TODAY_PARTIAL if days <= 0 else t.LEAD_PARTIAL
    else:
        text = t.DUE_TODAY if days <= 0 else t.LEAD
    return text.format(days=days, **fields), reminder_buttons(installment.id)
