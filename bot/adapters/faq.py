"""The worries menu (/help, after the plan) and one answer per topic."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import callbacks as cb
from bot.adapters import keyboards
from bot.adapters.taps import acknowledge
from bot.texts.zh import collection as collection_texts
from bot.texts.zh import faq as t

ANSWERS = {key: answer for key, _, answer in t.TOPICS}
# the worries under which 📒 记录一次催收 is offered
COLLECTOR_TOPICS = frozenset({"family", "complain", "refused"})


def topics_keyboard() -> InlineKeyboardMarkup:
    return keyboards.grid([(label, cb.FAQ.data(key)) for key, label, _ in t.TOPICS])


async def show_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The list of worries, as buttons."""
    assert update.effective_chat is not None
    await acknowledge(update, close=False)
    await update.effective_chat.send_message(t.MENU, reply_markup=topics_keyboard())


async def show_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One worry answered, with a way back to the others."""
    assert update.effective_chat is not None
    key = await acknowledge(update, close=False)
    answer = ANSWERS.get(key)
    if answer is None:
        return await show_menu(update, context)
    more = keyboards.grid([(t.MORE_BUTTON, cb.FAQ_MENU.data)])
    if key == t.SCAM_TOPIC:  # the scam checker one tap away (issue 13)
        more = keyboards.rows_markup(
            [[(t.SCAM_BUTTON, cb.SCAM_CHECK.data)], [(t.MORE_BUTTON, cb.FAQ_MENU.data)]]
        )
    elif key in COLLECTOR_TOPICS:  # 📒 记录一次催收 where a frightened user reads about collectors
        more = keyboards.grid(
            [
                (collection_texts.START_BUTTON, cb.COLLECTOR_START.data),
                (t.MORE_BUTTON, cb.FAQ_MENU.data),
            ],
            1,
        )
    await update.effective_chat.send_message(answer, reply_markup=more)
