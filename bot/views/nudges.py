"""What the nudge's buttons answer, with the moment of the next nudge put into words."""

from __future__ import annotations

from datetime import date, datetime

from bot.texts.zh import nudges as t
from bot.views.fmt import day_and_time


def today_answer(at: datetime, today: date) -> str:
    """ "今天打": the script is below; when the bot asks again (``at`` local)."""
    return t.TODAY.format(when=day_and_time(at, today))


def later_answer(at: datetime, today: date) -> str:
    """ "过两天提醒我": when the one nudge left comes (``at`` local)."""
    return t.LATER.format(when=day_and_time(at, today))
