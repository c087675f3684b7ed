"""Commands and taps outside the intake conversation."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import NoReturn

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import ApplicationHandlerStop, ContextTypes, ConversationHandler

from bot import callbacks
from bot.adapters import keyboards, progress_picture
from bot.adapters.admin_alerts import AdminAlerts
from bot.adapters.case import documents, plan_for, send_script
from bot.adapters.export import take_back
from bot.adapters.faq import topics_keyboard
from bot.adapters.installments import deal_status, receive_paid_amount
from bot.adapters.nudges import answer_choice
from bot.adapters.parts import describe_network_error
from bot.adapters.taps import acknowledge, answer, is_harmless, was_sent_ahead
from bot.domain.nudges import typed_nudge
from bot.services import ALERTS_KEY, GROUPS_TOLD_KEY, services, slot
from bot.storage.errors import CaseMissing, is_user_gone
from bot.storage.persistence import forget_user
from bot.texts.zh import common as c
from bot.texts.zh import nudges as n
from bot.usecases import activity, cases, deletion, payments
from bot.usecases.status import status_of
from bot.views.deletion import deleted_text
from bot.views.status import draft_status, planned_status

log = logging.getLogger(__name__)
# last-seen is kept to the half day: enough for a retention period counted in days
ACTIVITY_RESOLUTION = timedelta(hours=12)
_NEED_NO_USER = ("faq:", "delete:", "collect:start")  # buttons that work before /start


async def cmd_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Lists the commands, with the worries people have as buttons."""
    assert update.effective_chat is not None
    await update.effective_chat.send_message(c.HELP, reply_markup=topics_keyboard())


async def cmd_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Shows the case in brief and the next step."""
    assert update.effective_chat is not None and update.effective_user is not None
    svc = services(context)
    status = await status_of(svc, update.effective_user.id)
    case = status.case
    facts = case.facts() if case is not None else None
    markup = None
    deal = deal_status(context, list(status.installments))
    if deal is not None:
        # a recorded deal is what matters most, whatever state the case is in
        text, markup = deal
        if status.planned:
            # the script stays one tap away: for the next call, or a payment about to slip
            markup = _with_script_button(markup)
        # the months at a glance, the summary as the picture's caption
        items = list(status.installments)
        await progress_picture.send_status(update.effective_chat, items, svc.today(), text, markup)
        return
    if case is None:
        text = c.STATUS_NONE
    elif case.status != "planned" or facts is None:
        text = draft_status(
            (d.product, d.amount_fen) for d in case.debts if d.amount_fen is not None
        )
    else:
        text = planned_status(facts, plan_for(facts, svc), svc.today())
        markup = keyboards.after_plan_short()
    await update.effective_chat.send_message(text, reply_markup=markup)


def _with_script_button(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup:
    rows = list(markup.inline_keyboard) if markup is not None else []
    script = InlineKeyboardButton(c.SHOW_SCRIPT_BUTTON, callback_data=callbacks.case_data("script"))
    return InlineKeyboardMarkup([*rows, [script]])


async def cmd_script(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/script: the call script for the user's lender (a button per lender with several),
    without the whole plan; before a plan, how to get one."""
    assert update.effective_chat is not None and update.effective_user is not None
    svc = services(context)
    case = await cases.planned_case(svc, update.effective_user.id)
    facts = case.facts() if case is not None else None
    if facts is None:
        await update.effective_chat.send_message(n.SCRIPT_NO_PLAN)
        return
    await send_script(update, documents(facts, svc))


async def cmd_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Asks to confirm erasing everything about the user."""
    assert update.effective_chat is not None
    await update.effective_chat.send_message(c.DELETE_ASK, reply_markup=keyboards.delete_confirm())


async def delete_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Erases the user's data on "yes"; ends the intake if it was running."""
    assert update.effective_user is not None and update.effective_chat is not None
    await acknowledge(update)
    if callbacks.DELETE.read(update):
        sent = await deletion.delete_user(services(context), update.effective_user.id)
        # every conversation ends (the deal's too): nothing of the user is written back
        forget_user(context.application, update.effective_user.id)
        # not even the id is kept in the log of someone who asked to be forgotten
        log.info("a user deleted their data")
        left = await take_back(context, sent)
        await update.effective_chat.send_message(deleted_text(len(sent), left))
    else:
        await update.effective_chat.send_message(c.DELETE_KEPT)
    return ConversationHandler.END


async def group_redirect(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group: collect nothing, point to a private chat, once per group (in memory only)."""
    assert update.effective_chat is not None
    told = slot(context, GROUPS_TOLD_KEY, set, set)
    if update.effective_chat.id in told:
        return
    told.add(update.effective_chat.id)
    link = f"https://t.me/{context.bot.username}"
    await update.effective_chat.send_message(c.GROUP_ONLY_PRIVATE.format(link=link))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(c.UNKNOWN_COMMAND)


async def outside_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message no conversation wanted: the paid amount if one was asked, else some help."""
    assert update.effective_chat is not None and update.effective_user is not None
    status = await status_of(services(context), update.effective_user.id)
    installment_id = status.amount_asked_for
    if installment_id is not None and update.message is not None and update.message.text:
        await receive_paid_amount(update, context, installment_id)
        return
    if status.installments:
        await update.effective_chat.send_message(c.NOT_IN_CONVERSATION_DEAL)
        return
    choice = typed_nudge(update.message.text or "") if update.message else None
    if status.planned and choice is not None:
        # "今天打", "过两天", "不想打了", "打了": what the nudge's buttons do
        await answer_choice(update, context, choice)
        return
    if status.planned:
        # someone with a plan who types "怎么办啊": what they can do next, one tap away
        await update.effective_chat.send_message(
            c.NOT_IN_CONVERSATION_PLANNED, reply_markup=keyboards.after_plan_short()
        )
        return
    await update.effective_chat.send_message(c.NOT_IN_CONVERSATION)


async def edited_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edit of an earlier message: says in one line how to change an answer instead."""
    assert update.effective_chat is not None
    await update.effective_chat.send_message(c.EDITED_MESSAGE)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button no handler takes: an old one, one from before /delete, or forged data."""
    await acknowledge(update, notice=c.STALE_BUTTON)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs first (without message contents), then tells the user something kind.

    A network error or time-out that survived the request layer's retries is a WARNING line,
    not answered. Telegram's normal refusals around taps (not modified, too old, can't be
    edited) are no error; a tap on a button that could not have been sent, or whose user is
    gone, gets the stale-button answer.
    """
    error = context.error
    if is_harmless(error):
        log.debug("Telegram refused a harmless edit or answer: %s", error)
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # the Bot API unreachable, failing or timing out through every try of the request
        # layer (retrying_request.py): no bug, and the user is not reachable right now
        # anyway, so no "sorry" either (a BadRequest is a bug of ours: it goes on below)
        log.warning("a reply could not be sent: %s", describe_network_error(error))
        return
    query = update.callback_query if isinstance(update, Update) else None
    if isinstance(error, callbacks.StaleCallback | CaseMissing) or is_user_gone(error):
        log.info("an answer for a stale question or a deleted user: %s", type(error).__name__)
        if is_user_gone(error) and isinstance(update, Update) and update.effective_user:
            forget_user(context.application, update.effective_user.id)
        if query is not None:
            try:
                await answer(query, c.STALE_BUTTON)
            except Exception:
                log.warning("could not answer a stale tap")
            return
        # the case was deleted (/delete) while a question was still open: start afresh
        text = c.NOTHING_TO_CANCEL
    else:
        log.error("error while handling an update", exc_info=context.error)
        alerts = context.bot_data.get(ALERTS_KEY)
        if isinstance(alerts, AdminAlerts):
            await alerts.report(context, update)
        if was_sent_ahead(error):
            return  # the person's answer was stored and replied to: a "sorry" would mislead
        text = c.ERROR
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await update.effective_chat.send_message(text)
        except Exception:
            log.warning("could not tell the user about the error")


async def nothing_to_resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/back or /cancel while no conversation is open (an open amount question is dropped)."""
    assert update.effective_chat is not None and update.effective_user is not None
    await payments.drop_amount_question(services(context), update.effective_user.id)
    await update.effective_chat.send_message(c.NOTHING_TO_CANCEL)


async def note_activity(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Before any handler takes an update from a user: resume reminders if they had blocked
    the bot, note the day; and a tap no button of ours could have sent gets the stale answer.

    The bot shows no buttons in groups (a forged tap there must not post anyone's plan or
    settings to the group), and someone deleted (or never seen) has only the worries and
    /delete's own buttons: the others would write rows for a user who is gone. One read of
    the user serves both (it runs for every update).
    """
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    private = chat is not None and chat.type == chat.PRIVATE
    if query is not None and not private:
        await _stale_tap(query)
    if user is None or not private or update.my_chat_member:
        return  # (blocking the bot sends a my_chat_member update: that is no activity)
    seen = await activity.note_activity(services(context), user.id, ACTIVITY_RESOLUTION)
    if seen is activity.Seen.UNKNOWN:
        # new, or deleted (/delete, retention): no earlier conversation of theirs goes on
        forget_user(context.application, user.id)
        if query is not None and not (query.data or "").startswith(_NEED_NO_USER):
            await _stale_tap(query)
    elif seen is activity.Seen.RESUMED:
        log.info("a user who had blocked the bot is back: reminders resumed")


async def _stale_tap(query: CallbackQuery) -> NoReturn:
    await answer(query, c.STALE_BUTTON)
    raise ApplicationHandlerStop
