"""Starting, resuming, going back and stopping the intake."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot import callbacks as cb
from bot.adapters.case import send_case_documents
from bot.adapters.intake import store
from bot.adapters.taps import acknowledge
from bot.domain.case_fields import CaseField
from bot.domain.replies import Reply, typed_reply
from bot.services import services
from bot.storage.records import CaseRecord
from bot.texts.zh import intake as t
from bot.usecases import intake
from bot.usecases.places import saved_state
from conversations.intake.states import IntakeState, previous_state

S = IntakeState


async def cmd_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Greets a new user, or asks a returning one whether to continue or begin again."""
    svc = services(context)
    user_id = store.user_id_of(update)
    assert update.effective_chat is not None
    started = await intake.start(svc, user_id, update.effective_chat.id)
    if not started.consented:
        saved = await saved_state(svc, store.CONVERSATION_NAME, store.conversation_key(update))
        if saved == S.WELCOME:  # the welcome is just above: one line, not all of it again
            return await reask(update, context, None)
        return await store.move_to(update, context, None, S.WELCOME)
    if started.case is None:
        case = await intake.begin_case(svc, user_id)
        return await store.move_to(update, context, case, S.ASK_PRODUCT)
    # the case keeps its own step: only the conversation moves to the resume question
    return await store.move_to(update, context, None, S.RESUME)


def _draft_step(case: CaseRecord | None) -> IntakeState:
    """Where a draft continues; never the welcome or resume screen (that would loop)."""
    if case is None or not case.step or case.step in (S.WELCOME, S.RESUME):
        return S.ASK_PRODUCT
    return S(case.step)


async def agree(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Records consent, opens a case and asks for the first debt.

    An old "好的，开始" tapped after the case was planned only asks whether to see the plan
    or start again: an entry button never reopens a planned case or touches a deal.
    """
    if update.callback_query is not None:
        await acknowledge(update, echo=t.ECHO_AGREED, keep_text=t.WELCOME)
    case = await intake.agree(services(context), store.user_id_of(update))
    if case is not None and case.status == "planned":
        return await store.move_to(update, context, None, S.RESUME)
    return await store.move_to(update, context, case, _draft_step(case))


async def type_at_welcome(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """ "好的", "开始", "同意" typed on the welcome screen agree; anything else: one line."""
    if typed_reply(update.message.text or "" if update.message else "") is Reply.YES:
        return await agree(update, context)
    return await reask(update, context, None)


# typed answers on the resume screen, by what they mean
_RESUME_TYPED = {
    Reply.YES: "continue",
    Reply.CONTINUE: "continue",
    Reply.SHOW: "show",
    Reply.RESTART: "restart",
}


async def type_at_resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState | int:
    """ "接着填", "重新开始", "看方案" typed on the resume screen; anything else: one line."""
    reply = typed_reply(update.message.text or "" if update.message else "")
    choice = _RESUME_TYPED.get(reply) if reply else None
    if choice is None:
        return await reask(update, context, None)
    return await _resume(update, context, choice)


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState | int:
    """Continues the open case, shows its plan again, or begins a new one."""
    query = update.callback_query
    assert query is not None and query.data is not None
    choice = cb.RESUME.read(update)
    await acknowledge(update, echo=t.ECHO_RESUME.get(choice))
    return await _resume(update, context, choice)


async def _resume(
    update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str
) -> IntakeState | int:
    case = await store.current_case(update, context)
    if choice == "continue" and case is not None and case.status == "planned":
        choice = "show"  # an old "接着填" after the plan was made: show it, change nothing
    if choice == "restart" or case is None:
        restarted = await intake.restart(services(context), store.user_id_of(update))
        said = t.RESTARTED_WITH_DEAL if restarted.has_deal else t.RESTARTED
        return await store.move_to(update, context, restarted.case, S.ASK_PRODUCT, before=said)
    if choice == "show" and case.status == "planned":
        await store.save(update, context, None, None)
        await send_case_documents(update, context, case)
        return ConversationHandler.END
    return await store.move_to(update, context, case, _draft_step(case))


async def cmd_back(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Returns to the previous question, keeping every answer."""
    key = store.conversation_key(update)
    saved = await saved_state(services(context), store.CONVERSATION_NAME, key)
    case = await store.current_case(update, context)
    current = S(saved) if saved else S.WELCOME
    others = [d for d in case.debts if d.complete and d.id != case.current_debt_id] if case else []
    first_question = current == S.ASK_PRODUCT and not others and not (case and case.editing)
    if case is None or current in (S.WELCOME, S.RESUME) or first_question:
        # the welcome is not a question to go back to: its button would only come back here
        return await store.ask(
            update, context, current, before=t.NOTHING_TO_GO_BACK_TO, short=True, reason_only=False
        )
    target = previous_state(
        current,
        editing=case.editing,
        debts_before=len(others),
        has_income=bool(case.income_fen),
    )
    debt = case.current_debt
    unfinished = current == S.ASK_PRODUCT and debt is not None and not debt.complete
    drop = debt.id if unfinished and debt is not None and not case.editing else None
    fields: dict[CaseField, object] = {}
    if (
        target in (S.ASK_MORE_DEBTS, S.ASK_TOTAL)
        and others
        and current
        in (
            S.ASK_PRODUCT,
            S.ASK_REASON,
        )
    ):
        fields[CaseField.CURRENT_DEBT] = others[-1].id  # back to the last complete debt
    if target == S.WELCOME:
        fields[CaseField.CURRENT_DEBT] = None
    stored = await store.save(update, context, case, target, case_fields=fields, drop_debt_id=drop)
    return await store.ask(update, context, target, case=stored)


async def cmd_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Stops the intake; the draft and its place are kept for /start."""
    await store.save(update, context, None, None)
    assert update.effective_chat is not None
    await update.effective_chat.send_message(t.CANCELLED)
    return ConversationHandler.END


async def reject_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stickers, photos, voice…: says only text is understood and asks the same question."""
    return await reask(update, context, t.NOT_TEXT)


async def reject_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """A button from an earlier question: says so and asks the current question again."""
    await acknowledge(update, notice=t.STALE_BUTTON)
    return await reask(update, context, None)


async def reask(
    update: Update, context: ContextTypes.DEFAULT_TYPE, reason: str | None
) -> IntakeState:
    """The current question again, after one line saying why the answer was not taken."""
    key = store.conversation_key(update)
    saved = await saved_state(services(context), store.CONVERSATION_NAME, key)
    return await store.ask(update, context, S(saved or S.WELCOME), before=reason, short=True)
