"""The deal-recording state table (after the call to 95188)."""

from __future__ import annotations

from telegram.ext import (
    BaseHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.adapters.conversation import button, persistent_conversation
from bot.adapters.deal import handlers as h
from bot.adapters.deal.store import CONVERSATION_NAME
from bot.adapters.filters import NOT_TEXT, PRIVATE, TEXT_ANSWER
from conversations.deal.states import DealState

S = DealState
TEXT = TEXT_ANSWER


def build_deal() -> ConversationHandler:
    states: dict[object, list[BaseHandler]] = {
        S.OUTCOME: [
            button(h.choose_outcome, cb.OUTCOME.pattern),
            MessageHandler(TEXT, h.typed_outcome),
        ],
        S.WHICH_DEBT: [
            button(h.choose_debt, cb.DEAL_DEBT.pattern),
            MessageHandler(TEXT, h.typed_debt),
        ],
        S.KIND: [button(h.choose_kind, cb.DEAL_KIND.pattern), MessageHandler(TEXT, h.typed_kind)],
        S.SUGGESTED_WHICH: [
            button(h.choose_option, cb.DEAL_OPTION.pattern),
            MessageHandler(TEXT, h.typed_option),
        ],
        S.PERIODS: [MessageHandler(TEXT, h.receive_periods)],
        S.AMOUNT: [MessageHandler(TEXT, h.receive_amount)],
        S.FIRST_DUE: [MessageHandler(TEXT, h.receive_first_due)],
        S.DUE_DAY: [
            button(h.tap_due_day, cb.DUE_DAY.pattern),
            MessageHandler(TEXT, h.receive_due_day),
        ],
        S.PAUSE_UNTIL: [MessageHandler(TEXT, h.receive_pause_until)],
        S.SINGLE_AMOUNT: [MessageHandler(TEXT, h.receive_single_amount)],
        S.SINGLE_DATE: [MessageHandler(TEXT, h.receive_single_date)],
        S.STAFF_ID: [
            button(h.receive_staff_id, cb.SKIP_STAFF.pattern),
            MessageHandler(TEXT, h.receive_staff_id),
        ],
        S.NOTE: [
            button(h.receive_note, cb.SKIP_NOTE.pattern),
            MessageHandler(TEXT, h.receive_note),
        ],
        S.CONFIRM: [
            button(h.save_deal, cb.SAVE.pattern),
            button(h.redo, cb.REDO.pattern),
            button(h.renegotiate, cb.RENEGOTIATE.pattern),
            MessageHandler(TEXT, h.typed_confirm),
        ],
        S.CALL_AGAIN: [
            button(h.call_again, cb.CALL_AGAIN.pattern),
            MessageHandler(TEXT, h.typed_call_again),
        ],
    }
    for handlers in states.values():
        handlers.append(button(h.reject_stale, r"^deal:"))
        handlers.append(MessageHandler(NOT_TEXT, h.reject_non_text))
    return persistent_conversation(
        CONVERSATION_NAME,
        entry_points=[
            CommandHandler("deal", h.start, filters=PRIVATE),
            button(h.start, cb.DEAL_START.pattern),
            # the outcome question may have been sent outside this conversation
            button(h.choose_outcome, cb.OUTCOME.pattern),
        ],
        states=states,
        fallbacks=[
            CommandHandler("cancel", h.cancel, filters=PRIVATE),
            CommandHandler("back", h.back, filters=PRIVATE),
            CommandHandler("deal", h.start, filters=PRIVATE),
            CommandHandler("start", h.leave_for_intake, filters=PRIVATE),
        ],
    )
