"""What every handler may use, opened once per application and read through one accessor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram.ext import Application, CallbackContext

from bot.config import Settings
from bot.storage.db import Database

SERVICES_KEY = "services"


@dataclass
class Services:
    settings: Settings
    database: Database
    # injectable so tests choose the date; always timezone-aware
    clock: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.tz

    def now(self) -> datetime:
        return self.clock().astimezone(self.tz)

    def today(self) -> date:
        return self.now().date()


def services(context: CallbackContext | Application) -> Services:
    """The typed view of ``bot_data['services']`` (bot_data is never persisted)."""
    bot_data = context.bot_data
    found = bot_data.get(SERVICES_KEY)
    if not isinstance(found, Services):
        raise RuntimeError("services are not set up: build the app with build_application()")
    return found
