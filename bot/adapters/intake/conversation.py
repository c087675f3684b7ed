"""The intake state table: the whole flow on one screen (diagram: intake.mmd)."""

from __future__ import annotations

from telegram.ext import (
    BaseHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.adapters.commands import cmd_delete, delete_answer
from bot.adapters.conversation import button, persistent_conversation
from bot.adapters.filters import NOT_TEXT, PRIVATE, TEXT_ANSWER
from bot.adapters.intake import debts, entry, situation, summary
from bot.adapters.intake.store import CONVERSATION_NAME
from conversations.intake.states import IntakeState

S = IntakeState
TEXT = TEXT_ANSWER


def _otherwise() -> list[BaseHandler]:
    """Ends every state: anything unexpected gets a reason and the same question again."""
    return [
        button(entry.reject_stale_button, r"^intake:"),
        MessageHandler(NOT_TEXT, entry.reject_non_text),
    ]


def build_intake() -> ConversationHandler:
    states: dict[object, list[BaseHandler]] = {
        S.WELCOME: [
            button(entry.agree, cb.AGREE.pattern),
            MessageHandler(TEXT, entry.type_at_welcome),
        ],
        S.ASK_PRODUCT: [
            button(debts.receive_product, cb.PRODUCT.pattern),
            MessageHandler(TEXT, debts.receive_product),
        ],
        S.ASK_AMOUNT: [MessageHandler(TEXT, debts.receive_amount)],
        S.ASK_OVERDUE: [MessageHandler(TEXT, debts.receive_overdue)],
        S.ASK_RATE: [
            button(debts.skip_rate, cb.SKIP_RATE.pattern),
            MessageHandler(TEXT, debts.receive_rate),
        ],
        S.ASK_TOTAL: [
            button(debts.skip_total, cb.SKIP_TOTAL.pattern),
            MessageHandler(TEXT, debts.receive_total),
        ],
        S.ASK_MORE_DEBTS: [
            button(debts.more_debts, cb.MORE_DEBTS.pattern),
            MessageHandler(TEXT, debts.type_more_debts),
        ],
        S.ASK_REASON: [
            button(situation.choose_reason, cb.REASON.pattern),
            MessageHandler(TEXT, situation.type_reason),
        ],
        S.ASK_REASON_TEXT: [MessageHandler(TEXT, situation.receive_reason_text)],
        S.ASK_DURATION: [
            button(situation.choose_duration, cb.DURATION.pattern),
            MessageHandler(TEXT, situation.type_duration),
        ],
        S.ASK_INCOME: [MessageHandler(TEXT, situation.receive_income)],
        S.ASK_PAYDAY: [
            button(situation.choose_payday, cb.PAYDAY.pattern),
            MessageHandler(TEXT, situation.type_payday),
        ],
        S.ASK_ESSENTIALS: [MessageHandler(TEXT, situation.receive_essentials)],
        S.CHECK_ESSENTIALS: [
            button(situation.essentials_confirmed, cb.ESSENTIALS_OK.pattern),
            MessageHandler(TEXT, situation.recheck_essentials),
        ],
        S.ASK_OTHER_DEBTS: [
            button(situation.no_other_debts, cb.NO_OTHER_DEBTS.pattern),
            MessageHandler(TEXT, situation.receive_other_debts),
        ],
        S.CONFIRM: [
            button(summary.confirm, cb.CONFIRM.pattern),
            button(summary.show_edit_menu, cb.EDIT.pattern),
            button(summary.back_to_summary, cb.SUMMARY.pattern),
            button(summary.change_answer, cb.CHANGE_PATTERN),
            button(summary.delete_debt, cb.DELETE_DEBT.pattern),
            MessageHandler(TEXT, summary.type_at_summary),
        ],
        S.RESUME: [
            button(entry.resume, cb.RESUME.pattern),
            MessageHandler(TEXT, entry.type_at_resume),
        ],
    }
    # Every state takes typed text: an answer, or a word meaning one of its buttons
    # ("好的", "跳过", "没有了"); what it cannot read gets one line and the buttons again.
    for handlers in states.values():
        handlers.extend(_otherwise())
    return persistent_conversation(
        CONVERSATION_NAME,
        entry_points=[
            CommandHandler("start", entry.cmd_start, filters=PRIVATE),
            # /start may have been answered by another conversation handing over to this one
            button(entry.resume, cb.RESUME.pattern),
            button(entry.agree, cb.AGREE.pattern),
        ],
        states=states,
        fallbacks=[
            CommandHandler("start", entry.cmd_start, filters=PRIVATE),
            CommandHandler("back", entry.cmd_back, filters=PRIVATE),
            CommandHandler("cancel", entry.cmd_cancel, filters=PRIVATE),
            CommandHandler("delete", cmd_delete, filters=PRIVATE),
            button(delete_answer, cb.DELETE.pattern),
        ],
    )
