"""Recording the call: what was agreed (per debt), or that it was refused, and the call log."""

from __future__ import annotations

import json
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot import callbacks as cb
from bot import keyboards
from bot.domain.deal import (
    DealError,
    DealKind,
    DealProblem,
    parse_due_date,
    parse_due_day,
    parse_periods,
    parse_staff_id,
)
from bot.domain.deal_check import Overload, check_load
from bot.domain.hardship import clean_note
from bot.domain.money import MAX_DEBT_FEN, format_fen, parse_amount
from bot.domain.parsing import ParseError
from bot.domain.plan import Recommendation
from bot.domain.reminders import ReminderKind, call_again_at
from bot.handlers.case import plan_for
from bot.handlers.taps import acknowledge
from bot.reminders import plan_reminders
from bot.services import services
from bot.storage import repo
from bot.texts.zh import common as c
from bot.texts.zh import deal as t
from bot.texts.zh.fmt import cn_date
from bot.texts.zh.intake import NOT_TEXT, STALE_BUTTON, problem_text
from bot.texts.zh.names import PRODUCT_NAMES
from conversations.deal import store
from conversations.deal.questions import question
from conversations.deal.states import DealState
from conversations.intake.entry import cmd_start

S = DealState
END = ConversationHandler.END
_TOTAL_PREFIXES = ("共", "总共", "一共", "合计", "总数")
_RETRY_AT: dict[DealProblem, DealState] = {
    DealProblem.TOTAL_TOO_SMALL: S.AMOUNT,
    DealProblem.FIRST_DUE_IN_PAST: S.FIRST_DUE,
    DealProblem.PAUSE_IN_PAST: S.PAUSE_UNTIL,
    DealProblem.TOO_MANY_PERIODS: S.PERIODS,
}


async def ask(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: DealState,
    *,
    before: str | None = None,
) -> DealState | int:
    """Sends the question for ``state``; the case must still be planned."""
    assert update.effective_chat is not None
    case = await store.planned_case(update, context)
    if case is None:
        await store.save(update, context, None, None)
        await update.effective_chat.send_message(t.NEED_PLAN)
        return END
    if state == S.CONFIRM:
        return await show_confirmation(update, context, before=before)
    text, markup = question(state, await store.load(update, context), case)
    if before:
        text = f"{before}\n\n{text}"
    await update.effective_chat.send_message(text, reply_markup=markup)
    return state


async def advance(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: DealState, **answers: Any
) -> DealState | int:
    """Saves answers with the next question as the user's place, then asks it."""
    draft = await store.load(update, context)
    draft.update(answers)
    if draft.pop("fixing", False):
        # the answer corrected what made the summary fail: straight back to the summary
        state = S.CONFIRM
    await store.save(update, context, state, draft)
    return await ask(update, context, state)


async def reask(update: Update, context: ContextTypes.DEFAULT_TYPE, reason: str) -> DealState | int:
    conn = await services(context).database.connection()
    saved = await repo.load_conversation_state(conn, store.CONVERSATION_NAME, store.key_of(update))
    return await ask(update, context, S(saved or S.OUTCOME), before=reason)


def _text(update: Update) -> str:
    assert update.message is not None
    return update.message.text or ""


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """/deal or its button: asks how the call went."""
    if update.callback_query is not None:
        await acknowledge(update)
    if await store.planned_case(update, context) is None:
        return await ask(update, context, S.OUTCOME)  # no plan (or no user): says so, ends
    async with services(context).database.transaction() as conn:
        await repo.set_amount_question(conn, store.user_id_of(update), None)
    await store.save(update, context, S.OUTCOME, {})
    return await ask(update, context, S.OUTCOME)


async def choose_outcome(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Agreed: which debt (if several) and what kind of deal; refused: the staff id first."""
    choice = await acknowledge(update)
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, S.OUTCOME)
    if choice == "refused":
        await store.save(update, context, S.STAFF_ID, {"outcome": "refused"})
        return await ask(update, context, S.STAFF_ID)
    facts = case.facts()
    assert facts is not None
    feasible = plan_for(facts, services(context)).feasible
    draft: dict[str, Any] = {"outcome": "agreed", "suggested_available": feasible}
    if len(case.debts) == 1:
        draft["debt_ids"] = [case.debts[0].id]
        await store.save(update, context, S.KIND, draft)
        return await ask(update, context, S.KIND)
    await store.save(update, context, S.WHICH_DEBT, draft)
    return await ask(update, context, S.WHICH_DEBT)


async def choose_debt(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores which of the user's debts this deal is for."""
    await acknowledge(update)
    debt_id = cb.DEAL_DEBT.read(update)
    case = await store.planned_case(update, context)
    ids = {d.id for d in case.debts} if case else set()
    if debt_id not in ids:
        return await reask(update, context, t.USE_BUTTONS)
    return await advance(update, context, S.KIND, debt_ids=[debt_id])


async def choose_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the kind of deal and asks its first detail (for the plan: which option)."""
    await acknowledge(update)
    kind = cb.DEAL_KIND.read(update)
    if kind == DealKind.SUGGESTED:
        case = await store.planned_case(update, context)
        facts = case.facts() if case else None
        draft = await store.load(update, context)
        options = []
        if case is not None and facts is not None:
            plan = plan_for(facts, services(context))
            options = store.suggested_options(plan, case, draft.get("debt_ids", []))
        if not options:
            return await reask(update, context, t.USE_BUTTONS)
        return await advance(update, context, S.SUGGESTED_WHICH, kind=kind.value, options=options)
    first = {
        DealKind.INSTALLMENTS: S.PERIODS,
        DealKind.PAUSE_THEN_INSTALLMENTS: S.PAUSE_UNTIL,
        DealKind.SINGLE: S.SINGLE_AMOUNT,
    }[kind]
    return await advance(update, context, first, kind=kind.value)


async def choose_option(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores which of the plan's options was agreed; "my own" asks the terms instead."""
    choice = await acknowledge(update)
    draft = await store.load(update, context)
    keys = {key for key, _ in draft.get("options", [])}
    if choice == "own":
        draft["suggested_available"] = False
        await store.save(update, context, S.KIND, draft)
        return await ask(update, context, S.KIND)
    if choice not in keys:
        return await reask(update, context, t.USE_BUTTONS)
    return await advance(update, context, S.STAFF_ID, option=choice)


async def receive_periods(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the number of installments and asks the amount."""
    try:
        periods = parse_periods(_text(update))
    except ParseError:
        return await reask(update, context, t.PERIODS_PROBLEM)
    return await advance(update, context, S.AMOUNT, periods=periods)


async def receive_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the installment amount (or the total, written 共…) and asks the dates."""
    text = _text(update).strip()
    is_total = text.startswith(_TOTAL_PREFIXES)
    for prefix in sorted(_TOTAL_PREFIXES, key=len, reverse=True):
        text = text.removeprefix(prefix)
    try:
        fen = parse_amount(text, max_fen=MAX_DEBT_FEN)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    draft = await store.load(update, context)
    paused = draft.get("kind") == DealKind.PAUSE_THEN_INSTALLMENTS.value
    answers = (
        {"total_fen": fen, "amount_fen": None}
        if is_total
        else {"amount_fen": fen, "total_fen": None}
    )
    return await advance(update, context, S.DUE_DAY if paused else S.FIRST_DUE, **answers)


async def receive_first_due(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the first due date and asks the monthly due day."""
    return await _receive_date(update, context, "first_due", S.DUE_DAY)


async def receive_pause_until(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> DealState | int:
    """Stores the end of the pause and asks how many installments follow."""
    return await _receive_date(update, context, "pause_until", S.PERIODS)


async def receive_single_date(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> DealState | int:
    """Stores the date of the single payment and asks the staff id."""
    return await _receive_date(update, context, "first_due", S.STAFF_ID)


async def _receive_date(
    update: Update, context: ContextTypes.DEFAULT_TYPE, field: str, next_state: DealState
) -> DealState | int:
    try:
        day = parse_due_date(_text(update), services(context).today())
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    return await advance(update, context, next_state, **{field: day.isoformat()})


async def receive_single_amount(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> DealState | int:
    """Stores the single payment's amount and asks its date."""
    try:
        fen = parse_amount(_text(update), max_fen=MAX_DEBT_FEN)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    return await advance(update, context, S.SINGLE_DATE, amount_fen=fen, periods=1)


async def tap_due_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Keeps the day of the first due date as the monthly due day."""
    await acknowledge(update)
    day = cb.DUE_DAY.read(update)
    return await advance(update, context, S.STAFF_ID, due_day=day)


async def receive_due_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores a typed monthly due day and asks the staff id."""
    try:
        day = parse_due_day(_text(update))
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    return await advance(update, context, S.STAFF_ID, due_day=day)


async def receive_staff_id(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the agent's 工号 (typed or skipped) and goes to the summary or the note."""
    if update.callback_query is not None:
        await acknowledge(update)
        staff = None
    else:
        try:
            staff = parse_staff_id(_text(update))
        except ParseError as error:
            return await reask(update, context, problem_text(error.problem))
    draft = await store.load(update, context)
    next_state = S.NOTE if draft.get("outcome") == "refused" else S.CONFIRM
    return await advance(update, context, next_state, staff_id=staff)


def _confirmation(deals: list[store.DebtDeal], staff: str | None) -> str:
    lines = [t.CONFIRM_TITLE]
    for deal in deals:
        items = deal.installments
        total = sum(i.amount_fen for i in items)
        lines.append("")
        lines.append(
            t.CONFIRM_DEBT.format(
                product=PRODUCT_NAMES[deal.debt.product], count=len(items), total=format_fen(total)
            )
        )
        shown = items if len(items) <= 4 else (*items[:3], items[-1])
        for index, item in enumerate(shown):
            if len(items) > 4 and index == 3:
                lines.append(t.CONFIRM_MORE.format(count=len(items)))
            lines.append(
                t.CONFIRM_LINE.format(
                    number=item.number, due=cn_date(item.due), amount=format_fen(item.amount_fen)
                )
            )
    if staff:
        lines.append("")
        lines.append(t.CONFIRM_STAFF.format(staff=staff))
    return "\n".join(lines)


async def show_confirmation(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, before: str | None = None
) -> DealState | int:
    """Shows the installments the answers produce; a mismatch goes back to its question."""
    assert update.effective_chat is not None
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, S.OUTCOME)
    draft = await store.load(update, context)
    try:
        deals = store.deals_from_draft(draft, case, context)
    except DealError as error:
        return await _fix(update, context, draft, error)
    text = _confirmation(deals, draft.get("staff_id"))
    warning = await _load_warning(update, context, case, deals)
    if warning is None:
        markup = keyboards.grid([(t.SAVE_BUTTON, "deal:save"), (t.REDO_BUTTON, "deal:redo")])
    else:
        text = f"{text}\n\n{warning}\n{t.OVER_CHOICES}"
        markup = keyboards.grid(
            [
                (t.RENEGOTIATE_BUTTON, "deal:renegotiate"),
                (t.SAVE_ANYWAY_BUTTON, "deal:save"),
                (t.REDO_BUTTON, "deal:redo"),
            ],
            1,
        )
    await update.effective_chat.send_message(
        f"{before}\n\n{text}" if before else text, reply_markup=markup
    )
    return S.CONFIRM


async def _load_warning(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    case: repo.CaseRecord,
    deals: list[store.DebtDeal],
) -> str | None:
    """A warning when the deal, with the other active deals, is more than a month can carry."""
    facts = case.facts()
    assert facts is not None
    money = plan_for(facts, services(context)).money
    replaced = {deal.debt.id for deal in deals}
    conn = await services(context).database.connection()
    others = [
        (i.due, i.amount_fen)
        for i in await repo.active_installments(conn, store.user_id_of(update))
        if not i.paid and i.debt_id not in replaced
    ]
    new = [(i.due, i.amount_fen) for deal in deals for i in deal.installments]
    found = check_load(new, others, money)
    if found is None:
        return None
    month = f"{found.month.year}年{found.month.month}月"
    total = format_fen(found.total_fen)
    if found.reason is Overload.OVER_OFFER:
        return t.OVER_OFFER.format(month=month, total=total, limit=format_fen(money.limit_fen))
    return t.OVER_RATIO.format(month=month, total=total)


async def renegotiate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Nothing saved: the terms were more than the budget carries; what to ask for instead."""
    await acknowledge(update)
    assert update.effective_chat is not None
    case = await store.planned_case(update, context)
    draft = await store.load(update, context)
    await store.save(update, context, None, None)
    text = t.RENEGOTIATE_NO_PLAN
    if case is not None and (facts := case.facts()) is not None:
        plan = plan_for(facts, services(context))
        index = next((i for i, d in enumerate(case.debts) if d.id in draft.get("debt_ids", [])), 0)
        if plan.schedule is not None and plan.kind is Recommendation.INSTALLMENTS:
            own = plan.schedule.debts[index].installments
            asked = t.ASK_INSTALLMENTS.format(amount=format_fen(own[0]), count=len(own))
            text = t.RENEGOTIATE.format(limit=format_fen(plan.money.limit_fen), ask=asked)
    markup = keyboards.grid([(c.SHOW_SCRIPT_BUTTON, "case:script")])
    await update.effective_chat.send_message(text, reply_markup=markup)
    return END


async def _fix(
    update: Update, context: ContextTypes.DEFAULT_TYPE, draft: dict[str, Any], error: DealError
) -> DealState | int:
    """Terms that no longer fit (e.g. the first date passed meanwhile): ask that again."""
    retry = _RETRY_AT.get(error.problem, S.KIND)
    await store.save(update, context, retry, draft | {"fixing": retry != S.KIND})
    reason = t.DEAL_PROBLEMS.get(error.problem, t.DEAL_PROBLEM_DEFAULT)
    return await ask(update, context, retry, before=reason)


async def save_deal(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Stores the deal(s), their installments and reminders, and the call, in one go."""
    await acknowledge(update)
    assert update.effective_chat is not None
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, S.OUTCOME)
    draft = await store.load(update, context)
    try:
        deals = store.deals_from_draft(draft, case, context)
    except DealError as error:
        return await _fix(update, context, draft, error)
    svc = services(context)
    now = svc.now()
    user_id = store.user_id_of(update)
    async with svc.database.transaction() as conn:
        for deal in deals:
            _, ids = await repo.create_deal(
                conn,
                user_id,
                deal.debt.id,
                deal.kind.value,
                json.dumps(deal.terms, ensure_ascii=False, default=str),
                now,
                [(i.number, i.due, i.amount_fen) for i in deal.installments],
            )
            for installment_id, item in zip(ids, deal.installments, strict=True):
                await plan_reminders(conn, svc.tz, user_id, installment_id, item.due, now)
        await repo.record_call(conn, user_id, now, "agreed", draft.get("staff_id"), None)
        await repo.save_deal_draft(conn, user_id, None)
        await repo.save_conversation(conn, store.CONVERSATION_NAME, store.key_of(update), None)
        active = {i.debt_id for i in await repo.active_installments(conn, user_id)}
    buttons = [(t.CALENDAR_BUTTON, "plan:ics")]
    if any(d.id not in active for d in case.debts):
        buttons.append((t.NEXT_DEBT_BUTTON, "deal:start"))
    await update.effective_chat.send_message(t.SAVED, reply_markup=keyboards.grid(buttons))
    return END


async def redo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Starts the recording over."""
    await acknowledge(update)
    await store.save(update, context, S.OUTCOME, {})
    return await ask(update, context, S.OUTCOME)


async def receive_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the refused call with its note, then offers a reminder to call again."""
    note = None
    if update.callback_query is not None:
        await acknowledge(update)
    else:
        try:
            note = clean_note(_text(update))
        except ParseError:
            return await reask(update, context, t.NOTE_TOO_LONG)
    svc = services(context)
    draft = await store.load(update, context)
    user_id = store.user_id_of(update)
    async with svc.database.transaction() as conn:
        await repo.record_call(conn, user_id, svc.now(), "refused", draft.get("staff_id"), note)
        await repo.save_deal_draft(conn, user_id, None)
        await repo.save_conversation(
            conn, store.CONVERSATION_NAME, store.key_of(update), int(S.CALL_AGAIN)
        )
    return await ask(update, context, S.CALL_AGAIN)


async def call_again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Queues a reminder to call again, or not."""
    choice = await acknowledge(update)
    assert update.effective_chat is not None
    svc = services(context)
    if choice == "no":
        await store.save(update, context, None, None)
        await update.effective_chat.send_message(t.CALL_AGAIN_DECLINED)
        return END
    at = call_again_at(svc.now(), choice, svc.tz)
    async with svc.database.transaction() as conn:
        await repo.add_reminders(
            conn, store.user_id_of(update), None, [(ReminderKind.CALL_AGAIN.value, 0, at)]
        )
        await repo.save_conversation(conn, store.CONVERSATION_NAME, store.key_of(update), None)
    local = at.astimezone(svc.tz)
    when = f"{cn_date(local.date())} {local:%H:%M}"
    await update.effective_chat.send_message(t.CALL_AGAIN_SET.format(when=when))
    return END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Stops recording; nothing half-entered is kept."""
    await store.save(update, context, None, None)
    assert update.effective_chat is not None
    await update.effective_chat.send_message(t.CANCELLED)
    return END


async def reject_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Text where only a button answers."""
    return await reask(update, context, t.USE_BUTTONS)


async def reject_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stickers, photos, voice: only text is understood."""
    return await reask(update, context, NOT_TEXT)


async def reject_stale(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """A button of an earlier question."""
    await acknowledge(update)
    return await reask(update, context, STALE_BUTTON)


async def leave_for_intake(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/start while recording: drop the half-recorded deal and hand over to the intake."""
    await store.save(update, context, None, None)
    await cmd_start(update, context)
    return END
