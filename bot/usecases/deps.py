"""What a use case needs from outside: the database and the clock, in the bot's time zone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.storage.db import Database


class Deps(Protocol):
    """``bot.services.Services`` is one; tests pass a fixed clock."""

    @property
    def database(self) -> Database: ...

    @property
    def tz(self) -> ZoneInfo: ...

    def now(self) -> datetime:
        """Timezone-aware, in ``tz``."""
        ...

    def today(self) -> date: ...
