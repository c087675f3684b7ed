"""Driving the reminder engine from a test: local moments, and one sweep at a given time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.jobs.reminders import ReminderEngine, SweepReport
from tests.support.chat import SHANGHAI, Bot, Clock


def at(day: str, hour: int, minute: int = 0, second: int = 0, tz: ZoneInfo = SHANGHAI) -> datetime:
    """``at("2026-12-07", 20)``: that local moment, aware."""
    y, m, d = (int(x) for x in day.split("-"))
    return datetime(y, m, d, hour, minute, second, tzinfo=tz)


async def sweep(bot: Bot, clock: Clock, when: datetime) -> SweepReport:
    """The clock moves to ``when`` and the engine sends what is due then."""
    clock.now = when
    engine: ReminderEngine = bot.application.bot_data["reminder_engine"]
    engine.last_sent.clear()  # the per-chat gap is about seconds; tests jump days
    return await engine.sweep(bot.application, when)
