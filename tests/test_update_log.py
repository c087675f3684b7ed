"""What the per-update log line says of each kind of update: never its content."""

from __future__ import annotations

from telegram import Update

from bot.adapters.update_log import chat_kind, kind_of
from bot.offline_updates import callback_update, message_update, photo_update

USER = 4242


def decoded(raw: dict) -> Update:
    return Update.de_json(raw, None)  # type: ignore[arg-type]


def test_a_known_command_is_named_and_anything_else_after_a_slash_is_not() -> None:
    assert kind_of(decoded(message_update(USER, text="/status"))) == "command /status"
    assert kind_of(decoded(message_update(USER, text="/start abc"))) == "command /start"
    assert kind_of(decoded(message_update(USER, text="/my密码123"))) == "command"


def test_text_and_media_are_named_by_kind_only() -> None:
    assert kind_of(decoded(message_update(USER, text="我欠了23500"))) == "text"
    assert kind_of(decoded(photo_update(USER))) == "photo"


def test_a_tap_names_the_buttons_area_only() -> None:
    def tap(data: str) -> str:
        return kind_of(decoded(callback_update(USER, data, message_id=1)))

    assert tap("intake:product:huabei") == "tap intake"
    assert tap("Not Ours 123") == "tap"


def test_the_chat_kind() -> None:
    assert chat_kind(decoded(message_update(USER, text="hi"))) == "private"
    assert chat_kind(object()) == "-"
