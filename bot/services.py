"""What every handler may use, opened once per application and read through one accessor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from telegram.ext import Application, CallbackContext

from bot.config import Settings
from bot.storage.db import Database

SERVICES_KEY = "services"
# every other bot_data key, each read through slot() with its type
HEALTH_KEY = "health_server"
ENGINE_KEY = "reminder_engine"
HEARTBEAT_KEY = "heartbeat"
ALERTS_KEY = "admin_alerts"
INBOX_KEY = "inbox"  # bot/inbox.py: absent in console mode
GROUPS_TOLD_KEY = "groups_told"  # bot_data is never persisted: nothing about groups is kept
T = TypeVar("T")


@dataclass
class Services:
    settings: Settings
    database: Database
    # injectable so tests choose the date; always timezone-aware
    # (UTC: now() converts it; the machine's own zone would cost a lookup at every call)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

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


def slot(
    context: CallbackContext | Application,
    key: str,
    kind: type[T],
    default: Callable[[], T] | None = None,
) -> T:
    """The typed view of ``bot_data[key]``; ``default`` makes it on first use."""
    bot_data = context.bot_data
    if key not in bot_data and default is not None:
        bot_data[key] = default()
    found = bot_data.get(key)
    if not isinstance(found, kind):
        raise RuntimeError(f"bot_data[{key!r}] is not set up")
    return found
