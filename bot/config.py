"""Settings from the environment (and a ``.env`` file if present), validated once at start-up."""

from __future__ import annotations

import difflib
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"


class ConfigError(Exception):
    """One clear line naming the variable that is wrong."""


class Settings(BaseSettings):
    """Everything the bot reads from its environment. The token is a SecretStr: never printed."""

    model_config = SettingsConfigDict(
        env_prefix="BOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        hide_input_in_errors=True,
    )

    token: SecretStr | None = None
    api_base_url: str = DEFAULT_API_BASE_URL
    database: Path = Path("data/bot.sqlite3")
    timezone: str = "Asia/Shanghai"
    log_level: str = "INFO"
    max_periods: int = Field(default=36, ge=1, le=120)
    # days a closed case, or an inactive user without an unfinished deal, is kept
    retention_days: int = Field(default=180, ge=7, le=3650)
    # webhook mode when set (the public HTTPS URL Telegram posts to); polling otherwise
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    listen: str = "0.0.0.0"
    port: int = Field(default=8443, ge=1, le=65535)
    # webhook mode: GET /healthz is served on this port of BOT_LISTEN
    health_port: int = Field(default=8444, ge=1, le=65535)
    # the operator's chat: errors are summed up there (no user data), at most every 10 min
    admin_chat_id: int | None = None

    @field_validator("admin_chat_id", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        raw = value.get_secret_value().strip()
        bot_id, sep, secret = raw.partition(":")
        if not sep or not bot_id.isdigit() or len(secret) < 3:
            raise ValueError("should look like 123456789:ABC… (from @BotFather)")
        return SecretStr(raw)

    @field_validator("api_base_url")
    @classmethod
    def _url_shape(cls, value: str) -> str:
        value = value.strip() or DEFAULT_API_BASE_URL
        if not value.startswith(("http://", "https://")):
            raise ValueError("should start with http:// or https://")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_shape(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not value.startswith(("https://", "http://")):
            raise ValueError("should be the public https:// URL Telegram posts updates to")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", value.get_secret_value()):
            raise ValueError("should be 16 to 256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if not self.webhook_url:
            return self
        if self.webhook_secret is None:
            raise ValueError("BOT_WEBHOOK_SECRET is required when BOT_WEBHOOK_URL is set")
        # Telegram's own Bot API accepts only https; a self-hosted server may allow http
        if self.api_base_url == DEFAULT_API_BASE_URL and not self.webhook_url.startswith("https"):
            raise ValueError("BOT_WEBHOOK_URL must be https:// for Telegram's Bot API")
        if self.port == self.health_port:
            raise ValueError("BOT_PORT and BOT_HEALTH_PORT must differ")
        return self

    @property
    def webhook_path(self) -> str:
        """The path part of the webhook URL, where the local server listens."""
        return urlsplit(self.webhook_url or "").path.strip("/")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("is not a known IANA time zone such as Asia/Shanghai") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        value = value.strip().upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("should be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def log_level_number(self) -> int:
        level: int = logging.getLevelNamesMapping()[self.log_level]
        return level


def load_settings(*, require_token: bool = True, **overrides: object) -> Settings:
    """Reads and validates the settings, raising ConfigError with a one-line reason."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        if not first["loc"]:  # a rule across variables names them itself
            raise ConfigError(message) from None
        raise ConfigError(f"BOT_{str(first['loc'][0]).upper()} {message}") from None
    if require_token and settings.token is None:
        raise ConfigError("BOT_TOKEN is missing: set it to the token from @BotFather")
    try:
        settings.database.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"BOT_DATABASE directory cannot be created: {exc.strerror}") from None
    return settings


def unknown_variables(
    environ: Mapping[str, str] | None = None, env_file: Path = Path(".env")
) -> list[str]:
    """One line per ``BOT_*`` variable that is no setting (a typo is otherwise silently
    ignored, and its setting keeps the default), naming the likely one."""
    known = [f"BOT_{name.upper()}" for name in Settings.model_fields]
    names = {name.upper() for name in (os.environ if environ is None else environ)}
    if env_file.is_file():  # read as pydantic-settings reads it
        names |= {name.upper() for name in dotenv_values(env_file)}
    lines = []
    for name in sorted(n for n in names if n.startswith("BOT_") and n not in known):
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
        hint = f": did you mean {close[0]}?" if close else ""
        lines.append(f"{name} is not a setting of this bot and is ignored{hint}")
    return lines
