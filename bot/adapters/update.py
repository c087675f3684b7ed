"""/update and the check-in's buttons: did income or spending change, and does the deal fit?

A small persistent conversation ("update"): the question with its three buttons, then the
new monthly figure. Its place is written to the database with each step (as the deal's is),
so a restart resumes at the figure question. It is registered after the intake and the deal:
while one of those is open it takes the user's text first, and /update or a check-in button
tapped meanwhile is answered with "finish that first" instead of opening a second question.
A "金额不一样" asked after the figure wins (the number is the amount paid). Left open
while a call is recorded, the figure question stays open afterwards: the next text no
conversation wants is read as the figure (asked again if it is none; /cancel closes it).
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, ConversationHandler
from telegram.ext import MessageHandler as Message

from bot import callbacks as cb
from bot.adapters.conversation import (
    button,
    conversation_key,
    message_text,
    persistent_conversation,
    user_id_of,
)
from bot.adapters.deal.store import CONVERSATION_NAME as DEAL_CONVERSATION
from bot.adapters.filters import NOT_TEXT, PRIVATE, TEXT_ANSWER
from bot.adapters.installments import receive_paid_amount
from bot.adapters.intake.situation import MAX_MONTHLY_FEN
from bot.adapters.intake.store import CONVERSATION_NAME as INTAKE_CONVERSATION
from bot.adapters.reminder_messages import check_in_buttons
from bot.adapters.replan import send_proposal
from bot.adapters.taps import acknowledge
from bot.domain.money import parse_amount
from bot.domain.parsing import ParseError, ParseProblem
from bot.domain.replies import Reply, typed_reply
from bot.services import services
from bot.texts.zh import checkins as t
from bot.usecases import checkins
from bot.usecases.checkins import Figure
from bot.usecases.places import Place, saved_state
from bot.usecases.status import status_of
from bot.views import checkins as view
from bot.views.answers import problem_text

CONVERSATION_NAME = "update"
END = ConversationHandler.END


class UpdateState(IntEnum):
    """Stored in the database: never renumber."""

    CHOOSE = 1
    ASK_INCOME = 2
    ASK_SPENDING = 3


S = UpdateState
_ASK = {Figure.INCOME: S.ASK_INCOME, Figure.SPENDING: S.ASK_SPENDING}
_QUESTION = {Figure.INCOME: t.ASK_INCOME, Figure.SPENDING: t.ASK_SPENDING}
_LABELS = {"same": t.SAME_BUTTON, "income": t.INCOME_BUTTON, "spending": t.SPENDING_BUTTON}
_NOISE = re.compile(r"[\s,.!?;:~、，。！？；：～…\"'“”‘’()（）]+|[吧啊呀哦呢啦嘛哈]+$")


def _place(update: Update, state: UpdateState | None) -> Place:
    return Place(CONVERSATION_NAME, conversation_key(update), None if state is None else int(state))


def _folded(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).lower())


def typed_choice(text: str, *, at_question: bool) -> str | None:
    """What a typed reply means: "same", "income", "spending", or None.

    A bare "没有" means 没变化 only at the question itself.
    """
    folded = _folded(text)
    if folded in t.SAME_WORDS or (at_question and typed_reply(text) is Reply.NO):
        return "same"
    if folded in t.INCOME_WORDS:
        return "income"
    if folded in t.SPENDING_WORDS:
        return "spending"
    return None


async def _busy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the user is answering the intake or recording a call right now."""
    svc = services(context)
    for name in (INTAKE_CONVERSATION, DEAL_CONVERSATION):
        if await saved_state(svc, name, conversation_key(update)) is not None:
            return True
    return False


async def cmd_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/update: asks whether income or spending changed, with the three buttons."""
    assert update.effective_chat is not None
    if await _busy(update, context):
        await update.effective_chat.send_message(t.BUSY)
        return END
    svc = services(context)
    if not await checkins.open_question(svc, user_id_of(update), _place(update, S.CHOOSE)):
        await update.effective_chat.send_message(t.NO_DEAL)
        return END
    await update.effective_chat.send_message(t.UPDATE_ASK, reply_markup=check_in_buttons())
    return S.CHOOSE


async def tap_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """没变化 / 收入变了 / 开支变了 tapped, under a check-in or /update."""
    choice = cb.CHECK_IN_ANSWER.read(update)
    assert update.effective_chat is not None
    if await _busy(update, context):
        await acknowledge(update, close=False)
        await update.effective_chat.send_message(t.BUSY)
        return END
    await acknowledge(update, echo=t.ECHO.format(answer=_LABELS[choice]))
    return await _chosen(update, context, choice)


async def typed_at_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A typed answer to the question: "没变化", "收入变了" … mean the buttons."""
    assert update.effective_chat is not None
    choice = typed_choice(message_text(update), at_question=True)
    if choice is None:
        await update.effective_chat.send_message(t.NOT_A_CHOICE, reply_markup=check_in_buttons())
        return S.CHOOSE
    return await _chosen(update, context, choice)


async def _chosen(update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str) -> int:
    assert update.effective_chat is not None
    svc = services(context)
    if choice == "same":
        return await _unchanged(update, context, t.NO_CHANGE)
    figure = Figure(choice)
    state = _ASK[figure]
    if not await checkins.open_question(svc, user_id_of(update), _place(update, state)):
        await update.effective_chat.send_message(t.NO_DEAL)
        return END
    await update.effective_chat.send_message(_QUESTION[figure])
    return state


async def _unchanged(update: Update, context: ContextTypes.DEFAULT_TYPE, fits_text: str) -> int:
    """Nothing changed: the next check-in is queued; a deal that never fitted is said so."""
    assert update.effective_chat is not None
    svc = services(context)
    user_id = user_id_of(update)
    unchanged = await checkins.no_change(
        svc, user_id, _place(update, None), max_periods=svc.settings.max_periods
    )
    if unchanged is None:
        await update.effective_chat.send_message(t.NO_DEAL)
    elif unchanged.still_fits:
        await update.effective_chat.send_message(fits_text)
    else:
        await update.effective_chat.send_message(view.unchanged_does_not_fit(unchanged))
        await send_proposal(update.effective_chat, context, user_id)
    return END


async def receive_income(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The new monthly income: stored, then the deal is checked against it."""
    return await _receive(update, context, Figure.INCOME)


async def receive_spending(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The new monthly essential spending: stored, then the deal is checked against it."""
    return await _receive(update, context, Figure.SPENDING)


async def _receive(update: Update, context: ContextTypes.DEFAULT_TYPE, figure: Figure) -> int:
    assert update.effective_chat is not None
    svc = services(context)
    user_id = user_id_of(update)
    asked = (await status_of(svc, user_id)).amount_asked_for
    if asked is not None:
        # "金额不一样" was tapped after the figure was asked: the number is the amount paid
        await checkins.end_question(svc, _place(update, None))
        await receive_paid_amount(update, context, asked)
        return END
    text = message_text(update)
    if typed_choice(text, at_question=False) == "same":
        return await _unchanged(update, context, t.FIGURE_UNCHANGED)
    try:
        fen = parse_amount(text, max_fen=MAX_MONTHLY_FEN, allow_zero=True)
    except ParseError as error:
        if error.problem is ParseProblem.SEVERAL_AMOUNTS and figure is Figure.INCOME:
            reason = t.INCOME_RANGE
        else:
            reason = problem_text(error.problem)
        await update.effective_chat.send_message(f"{reason}\n\n{_QUESTION[figure]}")
        return _ASK[figure]
    result = await checkins.record_figure(
        svc, user_id, figure, fen, _place(update, None), max_periods=svc.settings.max_periods
    )
    if result is None:
        await update.effective_chat.send_message(t.NO_DEAL)
        return END
    await update.effective_chat.send_message(view.rechecked(result))
    if result.replan is not None and not result.still_fits:
        await send_proposal(update.effective_chat, context, user_id)
    return END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/cancel: nothing changes, the question closes."""
    assert update.effective_chat is not None
    await checkins.end_question(services(context), _place(update, None))
    await update.effective_chat.send_message(t.CANCELLED)
    return END


async def back(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/back at the figure: the question with its three buttons again."""
    return await cmd_update(update, context)


async def reject_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Stickers, photos, voice: only text (or a tap) is understood; the same question again."""
    assert update.effective_chat is not None
    state = await saved_state(services(context), CONVERSATION_NAME, conversation_key(update))
    for figure, asked in _ASK.items():
        if state == asked:
            await update.effective_chat.send_message(f"{t.NOT_TEXT}\n\n{_QUESTION[figure]}")
            return asked
    await update.effective_chat.send_message(t.NOT_A_CHOICE, reply_markup=check_in_buttons())
    return S.CHOOSE


def build_update() -> ConversationHandler:
    tap: BaseHandler = button(tap_choice, cb.CHECK_IN_ANSWER.pattern)
    states: dict[object, list[BaseHandler]] = {
        S.CHOOSE: [tap, Message(TEXT_ANSWER, typed_at_question)],
        S.ASK_INCOME: [tap, Message(TEXT_ANSWER, receive_income)],
        S.ASK_SPENDING: [tap, Message(TEXT_ANSWER, receive_spending)],
    }
    for handlers in states.values():
        handlers.append(Message(NOT_TEXT, reject_non_text))
    return persistent_conversation(
        CONVERSATION_NAME,
        entry_points=[CommandHandler("update", cmd_update, filters=PRIVATE), tap],
        states=states,
        fallbacks=[
            CommandHandler("cancel", cancel, filters=PRIVATE),
            CommandHandler("back", back, filters=PRIVATE),
            CommandHandler("update", cmd_update, filters=PRIVATE),
        ],
    )
