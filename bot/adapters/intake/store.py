"""Saving an answer together with the question that comes next, then asking it.

The answer and the next state are committed in one transaction *before* the bot replies, so
an answer the user has seen acknowledged survives a crash, and after a restart the
conversation continues at the question the user was shown.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.adapters.answers import case_answers
from bot.adapters.conversation import conversation_key, user_id_of
from bot.adapters.intake.questions import MESSAGE_BREAK, question, short_question
from bot.adapters.parts import send_parts
from bot.domain.case_fields import CaseChanges, DebtChanges
from bot.domain.models import Product
from bot.services import services
from bot.storage.errors import CaseMissing
from bot.storage.records import CaseRecord
from bot.usecases import cases
from bot.usecases.intake import save_answer
from bot.usecases.places import Place
from conversations.intake.states import IntakeState

CONVERSATION_NAME = "intake"


async def current_case(update: Update, context: ContextTypes.DEFAULT_TYPE) -> CaseRecord | None:
    return await cases.open_case(services(context), user_id_of(update))


async def save(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    case: CaseRecord | None,
    next_state: IntakeState | None,
    *,
    case_fields: CaseChanges | None = None,
    debt_id: int | None = None,
    debt_fields: DebtChanges | None = None,
    new_debt: Product | None = None,
    drop_debt_id: int | None = None,
) -> CaseRecord | None:
    """One answer to ``case`` (as read for this update) and the question that comes next,
    through the use case (one transaction); the case as now stored."""
    place = Place(CONVERSATION_NAME, conversation_key(update), _state(next_state))
    return await save_answer(
        services(context),
        user_id_of(update),
        case,
        place,
        case_fields=case_fields,
        debt_id=debt_id,
        debt_fields=debt_fields,
        new_debt=new_debt,
        drop_debt_id=drop_debt_id,
        leave_editing=next_state == IntakeState.CONFIRM,
    )


def _state(state: IntakeState | None) -> int | None:
    return None if state is None else int(state)


async def ask(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: IntakeState,
    *,
    before: str | None = None,
    short: bool = False,
    reason_only: bool = True,
    case: CaseRecord | None = None,
) -> IntakeState:
    """Sends the question for ``state`` (after an optional line) and returns ``state``.

    ``short`` asks again after an answer that was not taken: only ``before`` (the reason,
    which says what to write) or, without one, the question in one line, with the
    question's buttons; ``reason_only=False`` puts the short question after the reason.
    ``case`` is the case as just stored (``save``), else it is read.
    """
    assert update.effective_chat is not None
    if case is None:
        case = await current_case(update, context)
    answers = None if case is None else case_answers(case)
    today = services(context).today()
    if short:
        line, markup = short_question(state, answers, today)
        if not before:
            text = line
        elif reason_only:
            text = before  # the reason already says what to write
        else:
            text = f"{before}\n{line}"
    else:
        text, markup = question(state, answers, today)
        if before:
            text = f"{before}\n\n{text}"
    # the state is already stored: a part lost on the way does not stop the others (parts.py)
    parts = [part.strip() for part in text.split(MESSAGE_BREAK)]
    await send_parts(update.effective_chat, parts, markup)
    return state


async def move_to(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    case: CaseRecord | None,
    state: IntakeState,
    *,
    before: str | None = None,
) -> IntakeState:
    """Records ``state`` as the user's place without a new answer, then asks it."""
    stored = await save(update, context, case, state)
    return await ask(update, context, state, before=before, case=stored)


async def answer(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    case: CaseRecord,
    state: IntakeState,
    *,
    case_fields: CaseChanges | None = None,
    debt_id: int | None = None,
    debt_fields: DebtChanges | None = None,
    new_debt: Product | None = None,
) -> IntakeState:
    """Stores an answer to ``case`` with ``state`` as the next place, then asks it from the
    case as stored (not read again)."""
    stored = await save(
        update,
        context,
        case,
        state,
        case_fields=case_fields,
        debt_id=debt_id,
        debt_fields=debt_fields,
        new_debt=new_debt,
    )
    return await ask(update, context, state, case=stored)


async def require_case(update: Update, context: ContextTypes.DEFAULT_TYPE) -> CaseRecord:
    case = await current_case(update, context)
    if case is None:
        raise CaseMissing
    return case
