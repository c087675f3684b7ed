"""The "打了吗？" nudge: its message and buttons, what each button does, and the typed
equivalents ("今天打", "过两天", "不想打了", "打了") outside any conversation.

"打了，记录结果" carries ``deal:start``: the deal conversation's own entry records the call.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import callbacks as cb
from bot.adapters.keyboards import grid
from bot.adapters.taps import acknowledge
from bot.domain.nudges import NudgeChoice
from bot.services import services
from bot.texts.zh import common as c
from bot.texts.zh import nudges as t
from bot.usecases import nudges
from bot.views.nudges import later_answer, today_answer

_LABELS = {
    NudgeChoice.TODAY: t.TODAY_BUTTON,
    NudgeChoice.LATER: t.LATER_BUTTON,
    NudgeChoice.STOP: t.STOP_BUTTON,
}


def nudge_buttons() -> InlineKeyboardMarkup:
    return grid(
        [
            (t.CALLED_BUTTON, cb.DEAL_START.data),
            *((label, cb.NUDGE.data(choice)) for choice, label in _LABELS.items()),
        ]
    )


def nudge_message() -> tuple[str, InlineKeyboardMarkup]:
    """The nudge as the reminder engine sends it."""
    return t.NUDGE, nudge_buttons()


def script_button() -> InlineKeyboardMarkup:
    return grid([(t.SCRIPT_BUTTON, cb.case_data("script"))])


def record_call_button() -> InlineKeyboardMarkup:
    return grid([(t.RECORD_CALL_BUTTON, cb.DEAL_START.data)])


async def tap_nudge(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """今天打 / 过两天提醒我 / 不想打了 under a nudge: the nudge keeps its text, shows the
    choice, and the answer says what happens next."""
    choice = cb.NUDGE.read(update)
    await acknowledge(update, echo=_LABELS[choice], keep_text=t.NUDGE)
    await answer_choice(update, context, choice)


async def answer_choice(
    update: Update, context: ContextTypes.DEFAULT_TYPE, choice: NudgeChoice
) -> None:
    """Does what the choice means and says so in one short message."""
    assert update.effective_chat is not None and update.effective_user is not None
    svc = services(context)
    if choice is NudgeChoice.CALLED:
        await update.effective_chat.send_message(t.CALLED_TYPED, reply_markup=record_call_button())
        return
    done = await nudges.choose(svc, update.effective_user.id, choice)
    chat = update.effective_chat
    if not done.planned:
        await chat.send_message(c.NO_PLAN_YET)
    elif choice is NudgeChoice.STOP:
        await chat.send_message(t.STOPPED)
    elif done.called:
        await chat.send_message(t.ALREADY_RECORDED)
    elif choice is NudgeChoice.TODAY and done.at is not None:
        text = today_answer(done.at.astimezone(svc.tz), svc.today())
        await chat.send_message(text, reply_markup=script_button())
    elif done.at is not None:
        await chat.send_message(later_answer(done.at.astimezone(svc.tz), svc.today()))
