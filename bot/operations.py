"""Operator commands: a health check for Docker/systemd, and an online backup."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot.config import Settings
from bot.storage.db import Database, migration_scripts, schema_version

CHECK_TIMEOUT_SECONDS = 10


async def _check(settings: Settings) -> str | None:
    """None when healthy, else one line saying what is wrong."""
    database = Database(settings.database)
    try:
        conn = await database.connection()  # opens, migrates if needed
        if await schema_version(conn) != len(migration_scripts()):
            return "database: schema not at the latest version"
    except (OSError, sqlite3.Error, RuntimeError) as error:
        return f"database: {error}"
    finally:
        await database.close()
    assert settings.token is not None
    bot = Bot(settings.token.get_secret_value(), base_url=settings.api_base_url)
    try:
        async with bot:
            await asyncio.wait_for(bot.get_me(), CHECK_TIMEOUT_SECONDS)
    except InvalidToken:
        return "Bot API: the token was rejected"
    except (TelegramError, TimeoutError) as error:
        return f"Bot API: {type(error).__name__}"
    return None


def check(settings: Settings) -> int:
    """``python -m bot check``: 0 when the database is migrated and the Bot API answers."""
    problem = asyncio.run(_check(settings))
    print(problem or "ok")
    return 0 if problem is None else 1


def backup(settings: Settings, target: Path) -> int:
    """``python -m bot backup FILE``: a consistent copy of the live database (SQLite online
    backup, safe while the bot writes), written beside FILE and renamed into place."""
    if not settings.database.exists():
        print(f"no database at {settings.database}")
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(settings.database)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    partial.replace(target)
    print(f"backup written: {target} ({target.stat().st_size} bytes)")
    return 0
