from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings, unknown_variables

TOKEN = "123456:secret-value-abc"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("BOT_TOKEN", "BOT_API_BASE_URL", "BOT_DATABASE", "BOT_TIMEZONE", "BOT_LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env is read


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    settings = load_settings()
    assert settings.timezone == "Asia/Shanghai"
    assert settings.api_base_url == "https://api.telegram.org/bot"
    assert settings.database == Path("data/bot.sqlite3")
    assert (tmp_path / "data").is_dir()  # the directory is created
    assert settings.max_periods == 36


def test_token_never_shows_in_repr_or_str(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    settings = load_settings()
    assert "secret-value" not in repr(settings) and "secret-value" not in str(settings)
    assert settings.token is not None and settings.token.get_secret_value() == TOKEN


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"BOT_TOKEN={TOKEN}\nBOT_TIMEZONE=Europe/Berlin\n")
    settings = load_settings()
    assert settings.timezone == "Europe/Berlin"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOT_TOKEN", "nonsense"),
        ("BOT_TIMEZONE", "Nowhere/City"),
        ("BOT_LOG_LEVEL", "SHOUTY"),
        ("BOT_API_BASE_URL", "telegram.local"),
    ],
)
def test_invalid_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value).startswith(name)
    assert "\n" not in str(raised.value) and value not in str(raised.value)


def test_missing_token_is_named() -> None:
    with pytest.raises(ConfigError, match=r"^BOT_TOKEN is missing"):
        load_settings()
    assert load_settings(require_token=False).token is None


def test_webhook_needs_a_strong_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_WEBHOOK_URL", "https://bot.example.org/telegram")
    with pytest.raises(ConfigError, match="BOT_WEBHOOK_SECRET is required"):
        load_settings()
    monkeypatch.setenv("BOT_WEBHOOK_SECRET", "short")
    with pytest.raises(ConfigError, match=r"^BOT_WEBHOOK_SECRET should be"):
        load_settings()
    monkeypatch.setenv("BOT_WEBHOOK_SECRET", "a-long-enough-secret_123")
    settings = load_settings()
    assert settings.webhook_path == "telegram" and settings.port == 8443
    assert "a-long-enough" not in repr(settings)


def test_a_misspelt_variable_is_named_with_the_one_meant(tmp_path: Path) -> None:
    environ = {"BOT_TOKN": "x", "BOT_TOKEN": TOKEN, "PATH": "/bin", "bot_timezon": "Asia/Tokyo"}
    (tmp_path / ".env").write_text("BOT_RETENTION_DAY=30\nBOT_WHATEVER=1\n")
    assert unknown_variables(environ, tmp_path / ".env") == [
        "BOT_RETENTION_DAY is not a setting of this bot and is ignored: did you mean "
        "BOT_RETENTION_DAYS?",
        "BOT_TIMEZON is not a setting of this bot and is ignored: did you mean BOT_TIMEZONE?",
        "BOT_TOKN is not a setting of this bot and is ignored: did you mean BOT_TOKEN?",
        "BOT_WHATEVER is not a setting of this bot and is ignored",
    ]


def test_every_setting_spelt_right_is_no_warning(tmp_path: Path) -> None:
    environ = {"BOT_TOKEN": TOKEN, "BOT_ADMIN_CHAT_ID": "", "BOT_HEALTH_PORT": "9"}
    assert unknown_variables(environ, tmp_path / "missing.env") == []


def test_an_empty_admin_chat_is_no_admin_chat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_ADMIN_CHAT_ID", "")
    assert load_settings().admin_chat_id is None
    monkeypatch.setenv("BOT_ADMIN_CHAT_ID", "-100123")
    assert load_settings().admin_chat_id == -100123
