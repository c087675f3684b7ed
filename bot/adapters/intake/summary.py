"""The summary: confirm every answer, or change any one of them."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot import callbacks as cb
from bot.adapters import keyboards
from bot.adapters.answers import case_answers
from bot.adapters.case import plan_for, send_case_documents
from bot.adapters.intake import store
from bot.adapters.intake.entry import reask
from bot.adapters.intake.questions import MESSAGE_BREAK, summary
from bot.adapters.taps import acknowledge, answer, replace_keyboard
from bot.domain.case_fields import CaseField
from bot.domain.replies import Reply, typed_reply
from bot.services import services
from bot.texts.zh import intake as t
from bot.usecases.intake import confirm_case
from bot.usecases.places import Place
from conversations.intake.states import MAX_DEBTS, IntakeState

S = IntakeState

# "change X" buttons: which question each one asks again
_CHANGES: dict[str, IntakeState] = {
    "product": S.ASK_PRODUCT,
    "amount": S.ASK_AMOUNT,
    "overdue": S.ASK_OVERDUE,
    "rate": S.ASK_RATE,
    "total": S.ASK_TOTAL,
    "payday": S.ASK_PAYDAY,
    "reason": S.ASK_REASON,
    "duration": S.ASK_DURATION,
    "income": S.ASK_INCOME,
    "essentials": S.ASK_ESSENTIALS,
    "other": S.ASK_OTHER_DEBTS,
}


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState | int:
    """Marks the case planned and sends the plan, the call script and the checklist."""
    case = await store.require_case(update, context)
    if update.callback_query is not None:
        # the tapped message is the summary's last part when it came in two
        shown = summary(case_answers(case), services(context).today())
        kept = shown.split(MESSAGE_BREAK)[-1].strip()
        await acknowledge(update, echo=t.ECHO_CONFIRMED, keep_text=kept)
    facts = case.facts()
    if facts is None:
        # an answer went missing (e.g. a debt deleted): ask for it rather than guess
        return await store.move_to(update, context, case, S.ASK_PRODUCT)
    place = Place(store.CONVERSATION_NAME, store.conversation_key(update), None)
    call_needed = plan_for(facts, services(context)).needs_a_call
    await confirm_case(
        services(context), store.user_id_of(update), case.id, place, call_needed=call_needed
    )
    await send_case_documents(update, context, await store.require_case(update, context))
    return ConversationHandler.END


async def show_edit_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Turns the summary's buttons into one button per answer."""
    query = update.callback_query
    case = await store.require_case(update, context)
    menu = keyboards.edit_menu([d.id for d in case.debts], len(case.debts) < MAX_DEBTS)
    if query is None:  # "改一下" typed: the menu comes as a new message
        assert update.effective_chat is not None
        await update.effective_chat.send_message(t.EDIT_MENU, reply_markup=menu)
        return S.CONFIRM
    await answer(query)
    await replace_keyboard(query, menu)
    return S.CONFIRM


async def type_at_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState | int:
    """ "确认"/"好的" typed confirm, "改一下" opens the change menu; else one line."""
    reply = typed_reply(update.message.text or "" if update.message else "")
    if reply is Reply.YES:
        return await confirm(update, context)
    if reply is Reply.EDIT:
        return await show_edit_menu(update, context)
    if reply is Reply.BACK:
        return await store.ask(update, context, S.CONFIRM)
    return await reask(update, context, None)


async def back_to_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Restores the summary's confirm buttons."""
    query = update.callback_query
    assert query is not None
    await answer(query)
    await replace_keyboard(query, keyboards.confirm())
    return S.CONFIRM


async def change_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Asks one question again; answering it returns to the summary."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await acknowledge(update)
    what, changed_debt = cb.read_change(update)
    case = await store.require_case(update, context)
    if what == "add":
        if len(case.debts) >= MAX_DEBTS:
            limit = t.TOO_MANY_DEBTS.format(limit=MAX_DEBTS)
            return await store.move_to(update, context, case, S.CONFIRM, before=limit)
        target, editing, debt_id = S.ASK_PRODUCT, False, None
    else:
        target, editing = _CHANGES[what], True
        debt_id = changed_debt or case.current_debt_id
        if changed_debt is not None and debt_id not in {d.id for d in case.debts}:
            return await store.move_to(update, context, case, S.CONFIRM, before=t.STALE_BUTTON)
    fields = {CaseField.EDITING: editing, CaseField.CURRENT_DEBT: debt_id}
    return await store.answer(update, context, case, target, case_fields=fields)


async def delete_debt(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Deletes one of several debts and shows the summary again."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await acknowledge(update)
    debt_id = cb.DELETE_DEBT.read(update)
    case = await store.require_case(update, context)
    if debt_id not in {d.id for d in case.debts}:
        return await store.move_to(update, context, case, S.CONFIRM, before=t.STALE_BUTTON)
    remaining = [d.id for d in case.debts if d.id != debt_id]
    if remaining:  # the last debt is never deleted: there would be nothing to plan
        fields = {CaseField.CURRENT_DEBT: remaining[-1]}
        stored = await store.save(
            update, context, case, S.CONFIRM, case_fields=fields, drop_debt_id=debt_id
        )
    else:
        stored = await store.save(update, context, case, S.CONFIRM)
    return await store.ask(update, context, S.CONFIRM, before=t.DEBT_DELETED, case=stored)
