"""Installment buttons (paid, undo, snooze, help), /plan and the calendar export."""

from __future__ import annotations

import io
from datetime import timedelta

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ContextTypes

from bot import callbacks, keyboards
from bot.calendar_export import alarm_triggers, installments_calendar
from bot.domain.money import MAX_DEBT_FEN, format_fen, parse_amount
from bot.domain.parsing import ParseError
from bot.domain.progress import InstallmentState, progress_of, status_of
from bot.domain.reminders import ReminderKind, ReminderPrefs, SnoozeChoice, snooze_until
from bot.handlers.taps import acknowledge, answer, replace_text
from bot.reminder_messages import installment_fields, paid_buttons
from bot.reminders import plan_reminders, prefs_of
from bot.services import services
from bot.storage import repo
from bot.storage.repo import InstallmentRecord
from bot.texts.zh import progress as p
from bot.texts.zh import reminders as t
from bot.texts.zh.fmt import cn_date
from bot.texts.zh.intake import problem_text
from bot.texts.zh.names import PRODUCT_NAMES


def _installment_id(update: Update) -> int:
    """The installment id in callback data ``rem:<action>:<id>[:<more>]``."""
    return callbacks.installment_id(update)


async def _installment(
    update: Update, context: ContextTypes.DEFAULT_TYPE, installment_id: int | None = None
) -> InstallmentRecord | None:
    """The installment if it belongs to this user's active deal; says so otherwise."""
    if installment_id is None:
        installment_id = _installment_id(update)
    assert update.effective_user is not None and update.effective_chat is not None
    conn = await services(context).database.connection()
    item = await repo.get_installment(conn, update.effective_user.id, installment_id)
    if item is None:
        await update.effective_chat.send_message(t.INSTALLMENT_GONE)
    return item


async def mark_paid(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    *,
    amount_fen: int | None = None,
    installment_id: int | None = None,
) -> None:
    """Marks the installment paid (the agreed amount unless another is given)."""
    if update.callback_query is not None:
        await acknowledge(update)
    item = await _installment(update, context, installment_id)
    if item is None:
        return
    svc = services(context)
    assert update.effective_user is not None and update.effective_chat is not None
    user_id = update.effective_user.id
    if item.paid and amount_fen is None:
        # a second tap on an old "已还": keep what was recorded (maybe a corrected amount)
        fields = installment_fields(item) | {"amount": format_fen(item.paid_fen or 0)}
        text = t.PAID_RECORDED.format(**fields)
        await update.effective_chat.send_message(text, reply_markup=paid_buttons(item.id))
        return
    paid = amount_fen if amount_fen is not None else item.amount_fen
    async with svc.database.transaction() as conn:
        await repo.mark_paid(conn, user_id, item.id, paid, svc.now())
        await repo.cancel_waiting_reminders(conn, user_id, installment_id=item.id)
        remaining = [i for i in await repo.active_installments(conn, user_id) if not i.paid]
    fields = installment_fields(item) | {"amount": format_fen(paid)}
    text = t.PAID_RECORDED.format(**fields)
    if not remaining:
        text += "\n\n" + t.PAID_ALL.format(count=item.count)
    await update.effective_chat.send_message(text, reply_markup=paid_buttons(item.id))


async def tap_paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✅ 已还 under a reminder."""
    await mark_paid(update, context)


async def undo_paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """↩️ 撤销: the installment is unpaid again and its reminders come back."""
    await acknowledge(update)
    item = await _installment(update, context)
    if item is None:
        return
    svc = services(context)
    assert update.effective_user is not None and update.effective_chat is not None
    user_id = update.effective_user.id
    async with svc.database.transaction() as conn:
        await repo.undo_paid(conn, user_id, item.id)
        await repo.cancel_waiting_reminders(conn, user_id, installment_id=item.id)
        await plan_reminders(
            conn, svc.tz, user_id, item.id, item.due, svc.now(), follow_up_if_late=True
        )
    await update.effective_chat.send_message(t.PAID_UNDONE.format(**installment_fields(item)))


def _snooze_buttons(
    context: ContextTypes.DEFAULT_TYPE, item: InstallmentRecord, prefs: ReminderPrefs
) -> list[tuple[str, str]]:
    """Only the choices still possible, each with the time it will come."""
    svc = services(context)
    now = svc.now()
    buttons = []
    for choice, label in (
        (SnoozeChoice.TONIGHT, t.TONIGHT_BUTTON),
        (SnoozeChoice.TOMORROW, t.TOMORROW_BUTTON),
    ):
        if choice is SnoozeChoice.TOMORROW and item.due <= svc.today():
            continue  # on the due day tomorrow is too late
        at = snooze_until(now, choice.value, prefs, svc.tz)
        if at is not None:
            when = f"{at.astimezone(svc.tz):%H:%M}"
            buttons.append((label.format(time=when), f"rem:snoozeat:{item.id}:{choice.value}"))
    return buttons


async def ask_snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """⏰ 稍后提醒: tonight or tomorrow, only what is still possible, each with its time."""
    assert update.effective_chat is not None and update.effective_user is not None
    await acknowledge(update, close=False)
    item = await _installment(update, context)
    if item is None:
        return
    conn = await services(context).database.connection()
    prefs = prefs_of(await repo.get_prefs(conn, update.effective_user.id))
    await _offer_snooze(update, context, item, prefs, late=False)


async def _offer_snooze(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    item: InstallmentRecord,
    prefs: ReminderPrefs,
    *,
    late: bool,
) -> None:
    assert update.effective_chat is not None
    buttons = _snooze_buttons(context, item, prefs)
    if not buttons:
        await update.effective_chat.send_message(t.SNOOZE_TOO_LATE)
        return
    tonight = any(data.endswith(SnoozeChoice.TONIGHT.value) for _, data in buttons)
    text = t.SNOOZE_ASK if tonight and not late else t.SNOOZE_TONIGHT_GONE
    await update.effective_chat.send_message(text, reply_markup=keyboards.grid(buttons))


async def snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Queues one more reminder at the chosen time; a time no longer possible is said so."""
    choice = await acknowledge(update)
    item = await _installment(update, context)
    if item is None:
        return
    svc = services(context)
    assert update.effective_user is not None and update.effective_chat is not None
    user_id = update.effective_user.id
    async with svc.database.transaction() as conn:
        prefs = prefs_of(await repo.get_prefs(conn, user_id))
        at = snooze_until(svc.now(), choice, prefs, svc.tz)
        if at is not None:
            await repo.add_reminders(conn, user_id, item.id, [(ReminderKind.SNOOZE.value, 0, at)])
    if at is None:
        # an old "今晚" tapped after 21:30: no silent move to the next morning
        await _offer_snooze(update, context, item, prefs, late=True)
        return
    local = at.astimezone(svc.tz)
    if local.date() == svc.today():
        day = "今天"
    elif local.date() == svc.today() + timedelta(days=1):
        day = "明天"
    else:
        day = cn_date(local.date())
    await update.effective_chat.send_message(t.SNOOZED.format(when=f"{day} {local:%H:%M}"))


async def cannot_pay(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """❓ 还不上怎么办: what to do before the due date, and the script one tap away."""
    assert update.effective_chat is not None
    await acknowledge(update, close=False)
    item = await _installment(update, context)
    if item is None:
        return
    fields = installment_fields(item) | {"reason": t.CANNOT_PAY_REASON}
    markup = keyboards.grid(
        [(t.SCRIPT_BUTTON, "case:script"), (t.PAID_BUTTON, f"rem:paid:{item.id}")]
    )
    await update.effective_chat.send_message(t.CANNOT_PAY.format(**fields), reply_markup=markup)


async def not_paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """还没有 (after the follow-up): call before it counts as overdue again."""
    assert update.effective_chat is not None
    await acknowledge(update)
    item = await _installment(update, context)
    if item is None:
        return
    markup = keyboards.grid(
        [(t.SCRIPT_BUTTON, "case:script"), (t.PAID_BUTTON, f"rem:paid:{item.id}")]
    )
    await update.effective_chat.send_message(
        t.NOT_PAID.format(**installment_fields(item)), reply_markup=markup
    )


def _states(items: list[InstallmentRecord]) -> list[InstallmentState]:
    return [
        InstallmentState(
            number=i.number,
            due=i.due,
            amount_fen=i.amount_fen,
            paid_fen=i.paid_fen,
            paid_on=None,
        )
        for i in items
    ]


async def deal_status(
    context: ContextTypes.DEFAULT_TYPE, user_id: int
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """The /status text once a deal exists, with a button to mark the next installment paid."""
    svc = services(context)
    conn = await svc.database.connection()
    items = await repo.active_installments(conn, user_id)
    if not items:
        return None
    today = svc.today()
    states = _states(items)
    progress = progress_of(states, today)
    statuses = [status_of(s, today) for s in states]
    text = p.render_status(progress, items, statuses, today)
    unpaid = next((i for i in items if not i.paid), None)
    if unpaid is None:
        return text, None
    label = p.MARK_PAID_BUTTON.format(product=PRODUCT_NAMES[unpaid.product], number=unpaid.number)
    return text, keyboards.grid([(label, f"rem:paid:{unpaid.id}")])


async def cmd_plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/plan: every installment with its state, a page at a time (the next one due first)."""
    assert update.effective_user is not None and update.effective_chat is not None
    view = await _plan_view(context, update.effective_user.id, None)
    if view is None:
        await update.effective_chat.send_message(p.NO_DEAL_PLAN)
        return
    text, markup = view
    await update.effective_chat.send_message(text, reply_markup=markup)


async def plan_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀ / ▶ under /plan: the same message shows another page."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    await answer(query)
    view = await _plan_view(context, update.effective_user.id, callbacks.PLAN_PAGE.read(update))
    if view is None:
        assert update.effective_chat is not None
        await update.effective_chat.send_message(p.NO_DEAL_PLAN)
        return
    text, markup = view
    await replace_text(query, text, markup)


async def _plan_view(
    context: ContextTypes.DEFAULT_TYPE, user_id: int, page: int | None
) -> tuple[str, InlineKeyboardMarkup] | None:
    svc = services(context)
    conn = await svc.database.connection()
    items = await repo.active_installments(conn, user_id)
    if not items:
        return None
    today = svc.today()
    statuses = [status_of(s, today) for s in _states(items)]
    pages = p.plan_pages(len(items))
    if page is None:  # open on the page of the next installment to pay
        unpaid = next((k for k, i in enumerate(items) if not i.paid), 0)
        page = unpaid // p.PLAN_PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    rows: list[list[tuple[str, str]]] = []
    turn = []
    if page > 0:
        turn.append((p.PREVIOUS_PAGE_BUTTON, callbacks.PLAN_PAGE.data(page - 1)))
    if page < pages - 1:
        turn.append((p.NEXT_PAGE_BUTTON, callbacks.PLAN_PAGE.data(page + 1)))
    if turn:
        rows.append(turn)
    rows.append([(p.CALENDAR_BUTTON, "plan:ics")])
    text = p.render_plan_list(items, statuses, today, page)
    return text, keyboards.rows_markup(rows)


async def send_calendar(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An .ics file with one event per installment and alarms matching the settings."""
    if update.callback_query is not None:
        await acknowledge(update, close=False)
    assert update.effective_user is not None and update.effective_chat is not None
    svc = services(context)
    conn = await svc.database.connection()
    user_id = update.effective_user.id
    items = await repo.active_installments(conn, user_id)
    if not items:
        await update.effective_chat.send_message(p.NO_DEAL_PLAN)
        return
    prefs = prefs_of(await repo.get_prefs(conn, user_id))
    rows = [(PRODUCT_NAMES[i.product], i.number, i.count, i.due, i.amount_fen) for i in items]
    data = installments_calendar(
        rows, prefs, svc.tz, svc.now(), uid_prefix=f"deal{items[0].deal_id}"
    )
    await update.effective_chat.send_document(
        InputFile(io.BytesIO(data), filename=p.CALENDAR_FILENAME),
        caption=_calendar_caption(prefs),
    )


def _calendar_caption(prefs: ReminderPrefs) -> str:
    """Names the alarms the file holds, from the same rule that put them there."""
    if not alarm_triggers(prefs):
        return p.calendar_caption([], prefs.evening_hour, None)
    return p.calendar_caption(
        sorted(prefs.lead_days),
        prefs.evening_hour,
        prefs.morning_hour if prefs.on_due_day else None,
    )


async def ask_paid_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """金额不一样: the next text that no conversation wants is the amount actually paid."""
    assert update.effective_user is not None and update.effective_chat is not None
    await acknowledge(update, close=False)
    item = await _installment(update, context)
    if item is None:
        return
    async with services(context).database.transaction() as conn:
        await repo.set_amount_question(conn, update.effective_user.id, item.id)
    await update.effective_chat.send_message(t.ASK_PAID_AMOUNT)


async def receive_paid_amount(
    update: Update, context: ContextTypes.DEFAULT_TYPE, installment_id: int
) -> None:
    """Records the typed amount as paid, or explains and asks again."""
    assert update.message is not None and update.effective_user is not None
    assert update.effective_chat is not None
    try:
        fen = parse_amount(update.message.text or "", max_fen=MAX_DEBT_FEN)
    except ParseError as error:
        await update.effective_chat.send_message(
            f"{problem_text(error.problem)}\n\n{t.ASK_PAID_AMOUNT}"
        )
        return
    async with services(context).database.transaction() as conn:
        await repo.set_amount_question(conn, update.effective_user.id, None)
    await mark_paid(update, context, amount_fen=fen, installment_id=installment_id)
