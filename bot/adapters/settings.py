"""/settings: reminder hours, lead times, mute."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.adapters import keyboards
from bot.adapters.taps import answer, replace_text
from bot.callbacks import SETTING
from bot.domain.reminders import EVENING_HOURS, LEAD_CHOICES, MORNING_HOURS
from bot.services import services
from bot.storage.records import PrefsRecord
from bot.texts.zh import settings as t
from bot.usecases import settings
from bot.usecases.planning import prefs_of
from bot.views.settings import clock_hour, render_settings


def _mark(label: str, on: bool) -> str:
    return t.CHECKED + label if on else label


def _markup(prefs: PrefsRecord) -> InlineKeyboardMarkup:
    return keyboards.rows_markup(
        [
            [
                (
                    _mark(clock_hour(h), prefs.morning_hour == h),
                    SETTING.data(("morning", h)),
                )
                for h in MORNING_HOURS
            ],
            [
                (
                    _mark(clock_hour(h), prefs.evening_hour == h),
                    SETTING.data(("evening", h)),
                )
                for h in EVENING_HOURS
            ],
            [
                (
                    _mark(t.LEAD_BUTTON.format(days=d), d in prefs.lead_days),
                    SETTING.data(("lead", d)),
                )
                for d in LEAD_CHOICES
            ],
            [
                (_mark(t.DUE_DAY_BUTTON, prefs.on_due_day), SETTING.data(("due", 0))),
                (t.UNMUTE_BUTTON if prefs.muted else t.MUTE_BUTTON, SETTING.data(("mute", 0))),
            ],
        ]
    )


async def cmd_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Shows the reminder settings with a button for each choice."""
    assert update.effective_user is not None and update.effective_chat is not None
    prefs = await settings.reminder_settings(services(context), update.effective_user.id)
    if prefs is None:
        await update.effective_chat.send_message(t.NEED_START)
        return
    await update.effective_chat.send_message(
        render_settings(prefs_of(prefs)), reply_markup=_markup(prefs)
    )


async def change_setting(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Applies one tapped choice, rebuilds the reminders ahead, and redraws the settings."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    what, value = SETTING.read(update)
    change = await settings.change_setting(services(context), update.effective_user.id, what, value)
    # Telegram is answered only after the transaction: never hold the database while waiting
    if change is None:
        await answer(query, t.NEED_START)
        return
    await answer(query, t.SAVED if change.changed else t.UNCHANGED)
    await replace_text(query, render_settings(prefs_of(change.after)), _markup(change.after))
