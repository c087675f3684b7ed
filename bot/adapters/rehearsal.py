"""🎭 先练一练: the rehearsal conversation, the bot as the lender's agent.

A persistent ConversationHandler ("rehearsal"). Its state is one integer
(``bot.domain.rehearsal.Rehearsal.code``: the lender, the question, the response this
rehearsal gets, what the person has done so far), written to the database with every
reply, so a restart continues at the question last asked. What the person types is read,
coached and forgotten: it is never stored, logged or echoed back.

It is registered after the intake, the deal and /update: while one of those is open it
takes the user's text first, so a rehearsal does not start then ("finish that first"), and
one that is running ends as soon as another opens (``leave_when_elsewhere``, in a group
after the conversations). The privacy guard (group -2) deletes anything secret-looking
before this handler ever sees it. /cancel ends the rehearsal.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    BaseHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.adapters import keyboards
from bot.adapters.conversation import button, conversation_key, persistent_conversation
from bot.adapters.filters import NOT_TEXT, PRIVATE, TEXT_ANSWER
from bot.adapters.taps import answer
from bot.domain import rehearsal as policy
from bot.domain.rehearsal import Rehearsal
from bot.services import services
from bot.texts.zh import rehearsal as t
from bot.usecases import rehearsal as usecase
from bot.usecases.places import Place, saved_state
from bot.views import rehearsal as view

END = ConversationHandler.END
CONVERSATION_NAME = usecase.CONVERSATION_NAME


def _place(update: Update, state: Rehearsal | None) -> Place:
    return Place(CONVERSATION_NAME, conversation_key(update), None if state is None else state.code)


async def _send(update: Update, text: str, markup: Any = None) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(text, reply_markup=markup)


async def _practice(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lender: int
) -> usecase.Practice | None:
    assert update.effective_user is not None
    svc = services(context)
    return await usecase.practice(
        svc, update.effective_user.id, lender, max_periods=svc.settings.max_periods
    )


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """🎭 先练一练 (or 再练一次) under a lender's script: the coach's word, then the agent."""
    query = update.callback_query
    assert query is not None
    await answer(query)
    lender = cb.REHEARSE.read(update)
    svc = services(context)
    if await usecase.other_question_open(svc, conversation_key(update)):
        await _send(update, t.BUSY)
        return END
    practice = await _practice(update, context, lender)
    if practice is None:
        await usecase.save_step(svc, _place(update, None))
        await _send(update, t.NO_PLAN)
        return END
    if not policy.rehearsable(practice.script):
        await usecase.save_step(svc, _place(update, None))
        await _send(update, t.NOT_NEEDED)
        return END
    figures = policy.figures(practice.script)
    state = policy.start(lender, figures, practice.seed)
    await usecase.save_step(svc, _place(update, state))
    await _send(update, view.first_message(practice.script, figures, state, practice.materials))
    return state.code


async def _current(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[Rehearsal, usecase.Practice] | None:
    """Where the rehearsal is, as saved, with its script; None if it is over or the plan
    is gone (the place is cleared then)."""
    svc = services(context)
    code = await saved_state(svc, CONVERSATION_NAME, conversation_key(update))
    state = Rehearsal.from_code(code) if isinstance(code, int) else None
    practice = await _practice(update, context, state.lender) if state is not None else None
    if state is None or practice is None or not policy.rehearsable(practice.script):
        await usecase.save_step(svc, _place(update, None))
        await _send(update, t.GONE)
        return None
    return state, practice


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The person's answer to the agent: the coach's note, then the agent's next line."""
    assert update.message is not None and update.effective_user is not None
    current = await _current(update, context)
    if current is None:
        return END
    state, practice = current
    script, materials = practice.script, practice.materials
    figures = policy.figures(script)
    coaching = policy.coach(state, update.message.text or "", figures)
    after = policy.after_reply(state, coaching)
    svc = services(context)
    if after is None:
        await usecase.finish(svc, update.effective_user.id, _place(update, None))
        text = view.reply_message(script, figures, state, coaching, None, materials)
        await _send(update, text, keyboards.after_rehearsal(state.lender))
        return END
    await usecase.save_step(svc, _place(update, after))
    await _send(update, view.reply_message(script, figures, state, coaching, after, materials))
    return after.code


async def again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/back, a sticker or a photo: the agent's question once more."""
    current = await _current(update, context)
    if current is None:
        return END
    state, practice = current
    figures = policy.figures(practice.script)
    question = view.question(practice.script, figures, state, practice.materials)
    before = t.NOT_TEXT if update.message is not None and not update.message.text else None
    await _send(update, f"{before}\n\n{question}" if before else question)
    return state.code


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/cancel: the rehearsal ends; nothing is counted or kept."""
    await usecase.save_step(services(context), _place(update, None))
    await _send(update, t.CANCELLED)
    return END


def build_rehearsal() -> ConversationHandler:
    tap: BaseHandler = button(start, cb.REHEARSE.pattern)
    # every state reads the same way: the handlers load the rehearsal's place themselves
    handlers: list[BaseHandler] = [
        MessageHandler(TEXT_ANSWER, reply),
        CommandHandler("back", again, filters=PRIVATE),
        MessageHandler(NOT_TEXT, again),
    ]
    states: dict[object, list[BaseHandler]] = dict.fromkeys(policy.all_codes(), handlers)
    return persistent_conversation(
        CONVERSATION_NAME,
        entry_points=[tap],
        states=states,
        fallbacks=[CommandHandler("cancel", cancel, filters=PRIVATE)],
    )


def _rehearsal_handler(application: Application) -> ConversationHandler | None:
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler) and handler.name == CONVERSATION_NAME:
                return handler
    return None


async def leave_when_elsewhere(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After the conversations: a rehearsal ends as soon as another question is open (the
    deal recording, the intake, /update), so its questions never collide with theirs."""
    chat, user = update.effective_chat, update.effective_user
    handler = _rehearsal_handler(context.application)
    if chat is None or user is None or handler is None:
        return
    key = (chat.id, user.id)
    # PTB has no public way to end a conversation from outside it (see forget_user)
    states = handler._conversations
    if states.get(key) is None:
        return
    svc = services(context)
    if not await usecase.other_question_open(svc, key):
        return
    del states[key]
    await usecase.save_step(svc, Place(CONVERSATION_NAME, key, None))
