"""Installment buttons (paid, undo, snooze, help), /plan and the calendar export."""

from __future__ import annotations

import io

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ContextTypes

from bot import callbacks
from bot.adapters import keyboards, paid_off
from bot.adapters.reminder_messages import installment_fields
from bot.adapters.replan import send_proposal
from bot.adapters.taps import acknowledge, answer, replace_text
from bot.calendar_export import alarm_triggers, installments_calendar
from bot.domain.money import MAX_DEBT_FEN, parse_amount
from bot.domain.parsing import ParseError
from bot.domain.progress import Installment, InstallmentState, progress_of, status_of
from bot.domain.reminders import ReminderPrefs, SnoozeChoice
from bot.services import services
from bot.texts.zh import payments as pay
from bot.texts.zh import progress as p
from bot.texts.zh import reminders as t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.usecases import installments as plan_reads
from bot.usecases import payments
from bot.usecases import snooze as snoozing
from bot.views import payments as payments_view
from bot.views import progress as progress_view
from bot.views.answers import problem_text
from bot.views.fmt import day_and_time


def _installment_id(update: Update) -> int:
    """The installment id in callback data ``rem:<action>:<id>[:<more>]``."""
    return callbacks.installment_id(update)


async def _installment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Installment | None:
    """The installment if it belongs to this user's active deal; says so otherwise."""
    installment_id = _installment_id(update)
    assert update.effective_user is not None and update.effective_chat is not None
    item = await plan_reads.installment(services(context), update.effective_user.id, installment_id)
    if item is None:
        await update.effective_chat.send_message(t.INSTALLMENT_GONE)
    return item


async def tap_paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✅ 已还 under a reminder: paid, the agreed amount (a second tap keeps what was recorded)."""
    await acknowledge(update)
    assert update.effective_user is not None
    paid = await payments.mark_paid(
        services(context), update.effective_user.id, _installment_id(update)
    )
    await _send_paid(update, context, paid)
    await paid_off.after_payment(update, context, paid)  # issue 11: the last one closes the case


def _paid_markup(paid: payments.Paid) -> InlineKeyboardMarkup:
    """Undo (back to the part paid before, if any) and a different amount; paid in part,
    also "the rest is paid" and the re-plan."""
    item_id = paid.installment.id
    undo = (
        callbacks.UNDO.data(item_id)
        if paid.undo_to_fen is None
        else callbacks.UNDO_TO.data(item_id, paid.undo_to_fen)
    )
    buttons = [(t.UNDO_BUTTON, undo), (t.OTHER_AMOUNT_BUTTON, callbacks.OTHER_AMOUNT.data(item_id))]
    if paid.missing_fen:
        buttons = [
            (pay.REST_BUTTON, callbacks.PAID.data(item_id)),
            (pay.REPLAN_BUTTON, callbacks.REPLAN.data),
            *buttons,
        ]
    return keyboards.grid(buttons)


async def _send_paid(
    update: Update, context: ContextTypes.DEFAULT_TYPE, paid: payments.Paid | None
) -> None:
    assert update.effective_chat is not None
    if paid is None:
        await update.effective_chat.send_message(t.INSTALLMENT_GONE)
        return
    svc = services(context)
    text = payments_view.render_paid(paid, svc.tz, svc.today())
    await update.effective_chat.send_message(text, reply_markup=_paid_markup(paid))


async def undo_paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """↩️ 撤销: the installment is unpaid again and its reminders come back."""
    await acknowledge(update)
    await _undo(update, context, _installment_id(update), None)


async def undo_to_part(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """↩️ 撤销 after "the rest is paid": back to the part payment it replaced."""
    await acknowledge(update)
    installment_id, fen = callbacks.UNDO_TO.read(update)
    await _undo(update, context, installment_id, fen)


async def _undo(
    update: Update, context: ContextTypes.DEFAULT_TYPE, installment_id: int, to_fen: int | None
) -> None:
    assert update.effective_user is not None and update.effective_chat is not None
    item = await payments.undo_paid(
        services(context), update.effective_user.id, installment_id, to_fen
    )
    if item is None:
        await update.effective_chat.send_message(t.INSTALLMENT_GONE)
        return
    await update.effective_chat.send_message(payments_view.render_undone(item))


async def ask_snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """⏰ 稍后提醒: tonight or tomorrow, only what is still possible, each with its time."""
    assert update.effective_chat is not None and update.effective_user is not None
    await acknowledge(update, close=False)
    offer = await snoozing.snooze_offer(
        services(context), update.effective_user.id, _installment_id(update)
    )
    if offer is None:
        await update.effective_chat.send_message(t.INSTALLMENT_GONE)
        return
    await _offer_snooze(update, context, offer, late=False)


async def _offer_snooze(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    offer: snoozing.SnoozeOffer,
    *,
    late: bool,
) -> None:
    """Only the choices still possible, each with the time it will come."""
    assert update.effective_chat is not None
    if not offer.times:
        await update.effective_chat.send_message(t.SNOOZE_TOO_LATE)
        return
    tz = services(context).tz
    labels = {SnoozeChoice.TONIGHT: t.TONIGHT_BUTTON, SnoozeChoice.TOMORROW: t.TOMORROW_BUTTON}
    item_id = offer.installment.id
    buttons = [
        (
            labels[choice].format(time=f"{at.astimezone(tz):%H:%M}"),
            callbacks.SNOOZE_AT.data(item_id, choice),
        )
        for choice, at in offer.times
    ]
    tonight = any(choice is SnoozeChoice.TONIGHT for choice, _ in offer.times)
    text = t.SNOOZE_ASK if tonight and not late else t.SNOOZE_TONIGHT_GONE
    await update.effective_chat.send_message(text, reply_markup=keyboards.grid(buttons))


async def snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Queues one more reminder at the chosen time; a time no longer possible is said so."""
    choice = SnoozeChoice(await acknowledge(update))
    assert update.effective_user is not None and update.effective_chat is not None
    svc = services(context)
    done = await snoozing.snooze(svc, update.effective_user.id, _installment_id(update), choice)
    if done is None:
        await update.effective_chat.send_message(t.INSTALLMENT_GONE)
        return
    if done.at is None:
        # an old "今晚" tapped after 21:30: no silent move to the next morning
        await _offer_snooze(update, context, done.offer, late=True)
        return
    when = day_and_time(done.at.astimezone(svc.tz), svc.today())
    await update.effective_chat.send_message(t.SNOOZED.format(when=when))


async def cannot_pay(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """❓ 还不上怎么办: the new proposal for what is left, to call about before the due date."""
    assert update.effective_chat is not None and update.effective_user is not None
    await acknowledge(update, close=False)
    item = await _installment(update, context)
    if item is None:
        return
    await send_proposal(update.effective_chat, context, update.effective_user.id)


async def not_paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """还没有 (after the follow-up): pay soon, or work out a new proposal and call now."""
    assert update.effective_chat is not None
    await acknowledge(update)
    item = await _installment(update, context)
    if item is None:
        return
    markup = keyboards.grid(
        [
            (t.REPLAN_BUTTON, callbacks.REPLAN.data),
            (t.PAID_BUTTON, callbacks.PAID.data(item.id)),
        ]
    )
    await update.effective_chat.send_message(
        t.NOT_PAID.format(**installment_fields(item)), reply_markup=markup
    )


def _states(items: list[Installment]) -> list[InstallmentState]:
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


def deal_status(
    context: ContextTypes.DEFAULT_TYPE, items: list[Installment]
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """The /status text once a deal exists, with a button to mark the next installment paid."""
    if not items:
        return None
    today = services(context).today()
    states = _states(items)
    progress = progress_of(states, today)
    statuses = [status_of(s, today) for s in states]
    text = progress_view.render_status(progress, items, statuses, today)
    unpaid = next((i for i in items if not i.paid), None)
    if unpaid is None:
        return text, None
    label = p.MARK_PAID_BUTTON.format(product=PRODUCT_NAMES[unpaid.product], number=unpaid.number)
    return text, keyboards.grid([(label, callbacks.PAID.data(unpaid.id))])


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
    items = await plan_reads.active_installments(svc, user_id)
    if not items:
        return None
    today = svc.today()
    statuses = [status_of(s, today) for s in _states(items)]
    pages = progress_view.plan_pages(len(items))
    if page is None:  # open on the page of the next installment to pay
        unpaid = next((k for k, i in enumerate(items) if not i.paid), 0)
        page = unpaid // progress_view.PLAN_PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    rows: list[list[tuple[str, str]]] = []
    turn = []
    if page > 0:
        turn.append((p.PREVIOUS_PAGE_BUTTON, callbacks.PLAN_PAGE.data(page - 1)))
    if page < pages - 1:
        turn.append((p.NEXT_PAGE_BUTTON, callbacks.PLAN_PAGE.data(page + 1)))
    if turn:
        rows.append(turn)
    rows.append([(p.CALENDAR_BUTTON, callbacks.CALENDAR.data)])
    text = progress_view.render_plan_list(items, statuses, today, page)
    return text, keyboards.rows_markup(rows)


async def send_calendar(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An .ics file with one event per installment and alarms matching the settings."""
    if update.callback_query is not None:
        await acknowledge(update, close=False)
    assert update.effective_user is not None and update.effective_chat is not None
    svc = services(context)
    found = await plan_reads.calendar(svc, update.effective_user.id)
    if found is None:
        await update.effective_chat.send_message(p.NO_DEAL_PLAN)
        return
    data = installments_calendar(found.events, found.prefs, svc.tz, svc.now())
    await update.effective_chat.send_document(
        InputFile(io.BytesIO(data), filename=p.CALENDAR_FILENAME),
        caption=_calendar_caption(found.prefs, found.cancelled),
    )


def _calendar_caption(prefs: ReminderPrefs, cancelled: int) -> str:
    """Names the alarms the file holds, from the same rule that put them there, and the
    replaced installments it takes away."""
    if not alarm_triggers(prefs):
        return progress_view.calendar_caption([], prefs.evening_hour, None, cancelled)
    return progress_view.calendar_caption(
        sorted(prefs.lead_days),
        prefs.evening_hour,
        prefs.morning_hour if prefs.on_due_day else None,
        cancelled,
    )


async def ask_paid_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """金额不一样: the next text that no conversation wants is the amount actually paid."""
    assert update.effective_user is not None and update.effective_chat is not None
    await acknowledge(update, close=False)
    item = await payments.ask_paid_amount(
        services(context), update.effective_user.id, _installment_id(update)
    )
    if item is None:
        await update.effective_chat.send_message(t.INSTALLMENT_GONE)
        return
    await update.effective_chat.send_message(payments_view.paid_amount_question(item))


async def receive_paid_amount(
    update: Update, context: ContextTypes.DEFAULT_TYPE, installment_id: int
) -> None:
    """Records the typed amount as paid, or explains and asks again."""
    assert update.message is not None and update.effective_user is not None
    assert update.effective_chat is not None
    try:
        fen = parse_amount(update.message.text or "", max_fen=MAX_DEBT_FEN)
    except ParseError as error:
        item = await plan_reads.installment(
            services(context), update.effective_user.id, installment_id
        )
        question = t.ASK_PAID_AMOUNT if item is None else payments_view.paid_amount_question(item)
        await update.effective_chat.send_message(f"{problem_text(error.problem)}\n\n{question}")
        return
    paid = await payments.record_paid_amount(
        services(context), update.effective_user.id, installment_id, fen
    )
    await _send_paid(update, context, paid)
    await paid_off.after_payment(update, context, paid)  # issue 11: the last one closes the case
