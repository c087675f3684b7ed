"""Recording the call: what was agreed (per debt), or that it was refused, and the call log."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot import callbacks as cb
from bot.adapters import keyboards
from bot.adapters.answers import debts_of
from bot.adapters.case import plan_for
from bot.adapters.conversation import message_text
from bot.adapters.deal import store, typed
from bot.adapters.deal.questions import default_due_day, question
from bot.adapters.intake.entry import cmd_start
from bot.adapters.taps import acknowledge, answer, replace_keyboard
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
from bot.domain.reminders import CallAgainChoice
from bot.services import services
from bot.storage.records import CaseRecord
from bot.texts.zh import common as c
from bot.texts.zh import deal as t
from bot.texts.zh import replan as replan_t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.usecases import deals as deals_usecase
from bot.usecases import installments as plan_reads
from bot.usecases import payments
from bot.usecases.places import saved_state
from bot.views.answers import problem_text
from bot.views.fmt import cn_date, year_month
from conversations.deal.states import DealState, next_state, previous_state

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
    text, markup = question(state, await store.load(update, context), debts_of(case))
    if before:
        text = f"{before}\n\n{text}"
    await update.effective_chat.send_message(text, reply_markup=markup)
    return state


async def advance(
    update: Update, context: ContextTypes.DEFAULT_TYPE, answered: DealState, **answers: Any
) -> DealState | int:
    """Saves the answers to ``answered`` with the next question as the user's place (the
    flow in states.next_state decides which), then asks it."""
    draft = await store.load(update, context)
    draft.update(answers)
    state = next_state(answered, draft)
    if draft.pop("fixing", False):
        # the answer corrected what made the summary fail: straight back to the summary
        state = S.CONFIRM
    await store.save(update, context, state, draft)
    return await ask(update, context, state)


async def reask(
    update: Update, context: ContextTypes.DEFAULT_TYPE, reason: str, *, hint: bool = False
) -> DealState | int:
    """A re-prompt: one short line (``hint``: with the question in brief) and the buttons."""
    assert update.effective_chat is not None
    state = await _current_state(update, context)
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, state)
    draft = await store.load(update, context)
    markup: InlineKeyboardMarkup | None
    if state == S.CONFIRM:
        try:
            _, markup, _ = await _confirmation_view(update, context, case, draft)
        except DealError as error:
            return await _fix(update, context, draft, error)
    else:
        _, markup = question(state, draft, debts_of(case))
    text = f"{reason}{t.SHORT_QUESTIONS[state]}" if hint else reason
    await update.effective_chat.send_message(text, reply_markup=markup)
    return state


async def _current_state(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState:
    saved = await saved_state(services(context), store.CONVERSATION_NAME, store.key_of(update))
    return S(saved or S.OUTCOME)


async def _tap(update: Update, context: ContextTypes.DEFAULT_TYPE, state: DealState) -> str:
    """Answers a tap on the question of ``state``; the question becomes "问题：答案 ✓"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    echo = None
    case = await store.planned_case(update, context)
    if case is not None:
        _, markup = question(state, await store.load(update, context), debts_of(case))
        labels = {
            b.callback_data: b.text for row in (markup or _NO_BUTTONS).inline_keyboard for b in row
        }
        label = labels.get(query.data)
        if label is not None and state in t.ECHO_QUESTIONS:
            echo = t.ECHO.format(question=t.ECHO_QUESTIONS[state], answer=typed.plain_label(label))
    return await acknowledge(update, echo=echo)


_NO_BUTTONS = InlineKeyboardMarkup([])


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """/deal or its button: asks how the call went."""
    if update.callback_query is not None:
        await _consume_tapped_button(update)
    if await store.planned_case(update, context) is None:
        return await ask(update, context, S.OUTCOME)  # no plan (or no user): says so, ends
    await payments.drop_amount_question(services(context), store.user_id_of(update))
    await store.save(update, context, S.OUTCOME, {})
    return await ask(update, context, S.OUTCOME)


async def _consume_tapped_button(update: Update) -> None:
    """Answers the tap and takes only that button away: the message keeps the others."""
    query = update.callback_query
    assert query is not None
    await answer(query)
    message = query.message
    markup = getattr(message, "reply_markup", None)
    if not isinstance(markup, InlineKeyboardMarkup):
        return  # the keyboard is not known (an old message): leave it as it is
    rows = [[b for b in row if b.callback_data != query.data] for row in markup.inline_keyboard]
    await replace_keyboard(query, InlineKeyboardMarkup([row for row in rows if row]))


async def choose_outcome(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Agreed: which debt (if several) and what kind of deal; refused: the staff id first."""
    return await _outcome(update, context, await _tap(update, context, S.OUTCOME))


async def _outcome(
    update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str
) -> DealState | int:
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, S.OUTCOME)
    kept = await store.load(update, context)
    if kept.get("outcome") != choice:
        kept = {}  # /back to the first question and the other answer: start afresh
    if choice == "refused":
        draft: dict[str, Any] = kept | {"outcome": "refused"}
    else:
        facts = case.facts()
        assert facts is not None
        feasible = plan_for(facts, services(context)).feasible
        draft = {"suggested_available": feasible} | kept | {"outcome": "agreed"}
        if len(case.debts) == 1:
            draft["debt_ids"] = [case.debts[0].id]
            # a re-plan: the first plan's options no longer fit what is left; terms are typed
            if case.debts[0].id in await _running_debts(update, context):
                draft["suggested_available"] = False
    state = next_state(S.OUTCOME, draft, debts=len(case.debts))
    await store.save(update, context, state, draft)
    return await ask(update, context, state)


async def _running_debts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> set[int]:
    """The debts whose deal runs with something of it still to pay."""
    running = await plan_reads.active_installments(services(context), store.user_id_of(update))
    return {i.debt_id for i in running if not i.paid}


async def choose_debt(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores which of the user's debts this deal is for."""
    return await _debt(update, context, await _tap(update, context, S.WHICH_DEBT))


async def _debt(update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str) -> DealState | int:
    case = await store.planned_case(update, context)
    ids = {d.id for d in case.debts} if case else set()
    if not choice.isdigit() or int(choice) not in ids:
        return await reask(update, context, t.USE_BUTTONS)
    answers: dict[str, Any] = {"debt_ids": [int(choice)]}
    facts = case.facts() if case else None
    if facts is not None:
        # a re-plan: the first plan's options no longer fit what is left; terms are typed
        feasible = plan_for(facts, services(context)).feasible
        answers["suggested_available"] = feasible and int(choice) not in await _running_debts(
            update, context
        )
    return await advance(update, context, S.WHICH_DEBT, **answers)


async def choose_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the kind of deal and asks its first detail (for the plan: which option)."""
    return await _kind(update, context, await _tap(update, context, S.KIND))


async def _kind(update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str) -> DealState | int:
    try:
        kind = DealKind(choice)
    except ValueError:
        return await reask(update, context, t.USE_BUTTONS)
    if kind == DealKind.SUGGESTED:
        case = await store.planned_case(update, context)
        facts = case.facts() if case else None
        draft = await store.load(update, context)
        options = []
        if case is not None and facts is not None and draft.get("suggested_available"):
            plan = plan_for(facts, services(context))
            options = store.suggested_options(plan, case, draft.get("debt_ids", []))
        if not options:
            return await reask(update, context, t.USE_BUTTONS)
        return await advance(update, context, S.KIND, kind=kind.value, options=options)
    return await advance(update, context, S.KIND, kind=kind.value)


async def choose_option(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores which of the plan's options was agreed; "my own" asks the terms instead."""
    return await _option(update, context, await _tap(update, context, S.SUGGESTED_WHICH))


async def _option(
    update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str
) -> DealState | int:
    draft = await store.load(update, context)
    keys = {key for key, _ in draft.get("options", [])}
    if choice == "own":
        draft["suggested_available"] = False
        await store.save(update, context, S.KIND, draft)
        return await ask(update, context, S.KIND)
    if choice not in keys:
        return await reask(update, context, t.USE_BUTTONS)
    return await advance(update, context, S.SUGGESTED_WHICH, option=choice)


async def receive_periods(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the number of installments and asks the amount."""
    try:
        periods = parse_periods(message_text(update))
    except ParseError:
        return await reask(update, context, t.PERIODS_PROBLEM)
    return await advance(update, context, S.PERIODS, periods=periods)


async def receive_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the installment amount (or the total, written 共…) and asks the dates."""
    text = message_text(update).strip()
    is_total = text.startswith(_TOTAL_PREFIXES)
    for prefix in sorted(_TOTAL_PREFIXES, key=len, reverse=True):
        text = text.removeprefix(prefix)
    try:
        fen = parse_amount(text, max_fen=MAX_DEBT_FEN)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    answers = (
        {"total_fen": fen, "amount_fen": None}
        if is_total
        else {"amount_fen": fen, "total_fen": None}
    )
    return await advance(update, context, S.AMOUNT, **answers)


async def receive_first_due(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the first due date and asks the monthly due day."""
    return await _receive_date(update, context, "first_due", S.FIRST_DUE)


async def receive_pause_until(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> DealState | int:
    """Stores the end of the pause and asks how many installments follow."""
    return await _receive_date(update, context, "pause_until", S.PAUSE_UNTIL)


async def receive_single_date(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> DealState | int:
    """Stores the date of the single payment and asks the staff id."""
    return await _receive_date(update, context, "first_due", S.SINGLE_DATE)


async def _receive_date(
    update: Update, context: ContextTypes.DEFAULT_TYPE, field: str, answered: DealState
) -> DealState | int:
    try:
        day = parse_due_date(message_text(update), services(context).today())
    except ParseError as error:
        return await reask(update, context, typed.date_problem(error.problem))
    return await advance(update, context, answered, **{field: day.isoformat()})


async def receive_single_amount(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> DealState | int:
    """Stores the single payment's amount and asks its date."""
    try:
        fen = parse_amount(message_text(update), max_fen=MAX_DEBT_FEN)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    return await advance(update, context, S.SINGLE_AMOUNT, amount_fen=fen, periods=1)


async def tap_due_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Keeps the day of the first due date as the monthly due day."""
    choice = await _tap(update, context, S.DUE_DAY)
    draft = await store.load(update, context)
    if not choice.isdigit() or int(choice) != default_due_day(draft):
        return await reask(update, context, t.STALE, hint=True)
    return await advance(update, context, S.DUE_DAY, due_day=int(choice))


async def receive_due_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores a typed monthly due day ("一样" keeps the first date's) and asks the staff id."""
    text = message_text(update)
    same = default_due_day(await store.load(update, context))
    if same is not None and typed.means_same_day(text):
        return await advance(update, context, S.DUE_DAY, due_day=same)
    try:
        day = parse_due_day(text)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    return await advance(update, context, S.DUE_DAY, due_day=day)


async def receive_staff_id(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the agent's 工号 (typed or skipped) and goes to the summary or the note."""
    if update.callback_query is not None:
        await _tap(update, context, S.STAFF_ID)
        staff = None
    else:
        try:
            staff = parse_staff_id(message_text(update))
        except ParseError:
            return await reask(update, context, t.STAFF_ID_PROBLEM)
    return await advance(update, context, S.STAFF_ID, staff_id=staff)


def _confirmation(
    deals: list[store.DebtDeal], staff: str | None, left: dict[int, int] | None = None
) -> str:
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
        owed = deal.debt.amount_fen
        if left and deal.debt.id in left:
            # a new deal for a running one (a re-plan): compared with what is still missing
            if total < left[deal.debt.id]:
                lines.append(
                    replan_t.CONFIRM_BELOW_LEFT.format(owed=format_fen(left[deal.debt.id]))
                )
        elif owed is not None and total < owed:
            # less than even the overdue part: a waiver needs it in writing, a part deal a plan
            lines.append(t.CONFIRM_BELOW_DEBT.format(owed=format_fen(owed)))
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
        text, markup, _ = await _confirmation_view(update, context, case, draft)
    except DealError as error:
        return await _fix(update, context, draft, error)
    await update.effective_chat.send_message(
        f"{before}\n\n{text}" if before else text, reply_markup=markup
    )
    return S.CONFIRM


async def _confirmation_view(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    case: CaseRecord,
    draft: dict[str, Any],
) -> tuple[str, InlineKeyboardMarkup, bool]:
    """The summary, its buttons, and whether it warns; raises DealError if terms fail."""
    deals = store.deals_from_draft(draft, case, context)
    running = await plan_reads.active_installments(services(context), store.user_id_of(update))
    left: dict[int, int] = {}
    for item in running:
        left[item.debt_id] = left.get(item.debt_id, 0) + item.outstanding_fen
    text = _confirmation(deals, draft.get("staff_id"), left)
    warning = await _load_warning(update, context, case, deals)
    if warning is None:
        markup = keyboards.grid([(t.SAVE_BUTTON, cb.SAVE.data), (t.REDO_BUTTON, cb.REDO.data)])
        return text, markup, False
    text = f"{text}\n\n{warning}\n{t.OVER_CHOICES}"
    markup = keyboards.grid(
        [
            (t.RENEGOTIATE_BUTTON, cb.RENEGOTIATE.data),
            (t.SAVE_ANYWAY_BUTTON, cb.SAVE.data),
            (t.REDO_BUTTON, cb.REDO.data),
        ],
        1,
    )
    return text, markup, True


async def _load_warning(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    case: CaseRecord,
    deals: list[store.DebtDeal],
) -> str | None:
    """A warning when the deal, with the other active deals, is more than a month can carry."""
    facts = case.facts()
    assert facts is not None
    money = plan_for(facts, services(context)).money
    replaced = {deal.debt.id for deal in deals}
    others = [
        (i.due, i.amount_fen)
        for i in await plan_reads.active_installments(services(context), store.user_id_of(update))
        if not i.paid and i.debt_id not in replaced
    ]
    new = [(i.due, i.amount_fen) for deal in deals for i in deal.installments]
    found = check_load(new, others, money)
    if found is None:
        return None
    month = year_month(found.month)
    total = format_fen(found.total_fen)
    if found.reason is Overload.OVER_OFFER:
        return t.OVER_OFFER.format(month=month, total=total, limit=format_fen(money.limit_fen))
    return t.OVER_RATIO.format(month=month, total=total)


async def renegotiate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Nothing saved: the terms were more than the budget carries; what to ask for instead."""
    if update.callback_query is not None:
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
    markup = keyboards.grid([(c.SHOW_SCRIPT_BUTTON, cb.case_data("script"))])
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


async def save_deal(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the deal(s), their installments and reminders, and the call, in one go."""
    if update.callback_query is not None:
        await acknowledge(update)  # the summary stays in the chat as it was
    assert update.effective_chat is not None
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, S.OUTCOME)
    draft = await store.load(update, context)
    try:
        deals = store.deals_from_draft(draft, case, context)
    except DealError as error:
        return await _fix(update, context, draft, error)
    running = await plan_reads.active_installments(services(context), store.user_id_of(update))
    replaced = {i.debt_id for i in running} & {deal.debt.id for deal in deals}
    recorded = await deals_usecase.record_deal(
        services(context),
        store.user_id_of(update),
        [deal.agreed() for deal in deals],
        draft.get("staff_id"),
        store.place(update),
    )
    active = recorded.debts_with_deal
    buttons = [(t.CALENDAR_BUTTON, cb.CALENDAR.data)]
    if any(d.id not in active for d in case.debts):
        buttons.append((t.NEXT_DEBT_BUTTON, cb.DEAL_START.data))
    saved = f"{t.SAVED}\n{replan_t.REPLACED}" if replaced else t.SAVED
    await update.effective_chat.send_message(saved, reply_markup=keyboards.grid(buttons))
    return END


async def redo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Starts the recording over."""
    if update.callback_query is not None:
        await acknowledge(update)
    await store.save(update, context, S.OUTCOME, {})
    return await ask(update, context, S.OUTCOME)


async def receive_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stores the refused call with its note, then offers a reminder to call again."""
    note = None
    if update.callback_query is not None:
        await _tap(update, context, S.NOTE)
    elif not typed.means_skip(message_text(update)):
        try:
            note = clean_note(message_text(update))
        except ParseError:
            return await reask(update, context, t.NOTE_TOO_LONG)
    draft = await store.load(update, context)
    await deals_usecase.record_refused_call(
        services(context),
        store.user_id_of(update),
        draft.get("staff_id"),
        note,
        store.place(update, S.CALL_AGAIN),
    )
    return await ask(update, context, S.CALL_AGAIN)


async def call_again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Queues a reminder to call again, or not."""
    return await _call_again(update, context, await _tap(update, context, S.CALL_AGAIN))


async def _call_again(
    update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str
) -> DealState | int:
    assert update.effective_chat is not None
    if choice != "no" and choice not in {value for _, value in t.CALL_AGAIN_BUTTONS}:
        return await reask(update, context, t.USE_BUTTONS)
    svc = services(context)
    if choice == "no":
        await store.save(update, context, None, None)
        await update.effective_chat.send_message(t.CALL_AGAIN_DECLINED)
        return END
    at = await deals_usecase.remind_to_call_again(
        svc, store.user_id_of(update), CallAgainChoice(choice), store.place(update)
    )
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


async def typed_outcome(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """ "谈好了" / "没谈成" typed instead of tapped."""
    choice = typed.outcome(message_text(update))
    if choice is None:
        return await reask(update, context, t.NOT_UNDERSTOOD_OUTCOME)
    return await _outcome(update, context, choice)


async def typed_debt(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """The debt's name ("花呗") typed instead of tapped."""
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, S.OUTCOME)
    debt_id = typed.debt(
        message_text(update), [(d.id, PRODUCT_NAMES[d.product]) for d in case.debts]
    )
    if debt_id is None:
        return await reask(update, context, t.NOT_UNDERSTOOD_DEBT)
    return await _debt(update, context, str(debt_id))


async def typed_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """ "分期" / "一次还清" / "先暂缓" / "按建议" typed instead of tapped."""
    draft = await store.load(update, context)
    choice = typed.kind(message_text(update), suggested=bool(draft.get("suggested_available")))
    if choice is None:
        return await reask(update, context, t.NOT_UNDERSTOOD_KIND)
    return await _kind(update, context, choice)


async def typed_option(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """One of the plan's options (or "自己填") typed instead of tapped."""
    draft = await store.load(update, context)
    options = [(key, label) for key, label in draft.get("options", [])]
    choice = typed.option(message_text(update), options)
    if choice is None:
        return await reask(update, context, t.USE_BUTTONS)
    return await _option(update, context, choice)


async def typed_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """ "确认" / "好的" saves, "改一下" starts over; with a warning only an explicit word saves."""
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, S.OUTCOME)
    draft = await store.load(update, context)
    try:
        _, _, warned = await _confirmation_view(update, context, case, draft)
    except DealError as error:
        return await _fix(update, context, draft, error)
    choice = typed.confirmation(message_text(update), warned=warned)
    if choice == "save":
        return await save_deal(update, context)
    if choice == "redo":
        return await redo(update, context)
    if choice == "renegotiate":
        return await renegotiate(update, context)
    return await reask(update, context, t.CHOOSE_OVER if warned else t.NOT_UNDERSTOOD_CONFIRM)


async def typed_call_again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """ "明天上午" / "不用了" typed instead of tapped."""
    choice = typed.call_again(message_text(update))
    if choice is None:
        return await reask(update, context, t.USE_BUTTONS)
    return await _call_again(update, context, choice)


async def reject_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """Stickers, photos, voice: only text is understood."""
    return await reask(update, context, t.NOT_TEXT, hint=True)


async def reject_stale(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """A button of an earlier question."""
    await acknowledge(update)
    return await reask(update, context, t.STALE, hint=True)


async def back(update: Update, context: ContextTypes.DEFAULT_TYPE) -> DealState | int:
    """/back: the previous question of the recording, with every answer kept."""
    state = await _current_state(update, context)
    case = await store.planned_case(update, context)
    if case is None:
        return await ask(update, context, state)
    draft = await store.load(update, context)
    if state == S.CALL_AGAIN:
        return await reask(update, context, t.BACK_CALL_SAVED)
    target = previous_state(state, draft, debts=len(case.debts))
    if target is None:
        return await reask(update, context, t.BACK_FIRST)
    draft.pop("fixing", None)
    await store.save(update, context, target, draft)
    return await ask(update, context, target)


async def leave_for_intake(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/start while recording: drop the half-recorded deal and hand over to the intake."""
    await store.save(update, context, None, None)
    await cmd_start(update, context)
    return END
