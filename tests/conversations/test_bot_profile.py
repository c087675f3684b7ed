"""What a person sees before writing (the bot's description), the links that open a command
(``t.me/<bot>?start=scam``), and the kinds of update the bot asks Telegram for."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot import app
from bot.app import ALLOWED_UPDATES
from bot.offline.server import OfflineTelegram
from bot.texts.zh import common as c
from bot.texts.zh import intake as intake_texts
from bot.texts.zh import privacy as privacy_texts
from bot.texts.zh import scams as scam_texts
from tests.support.chat import Bot, Chat, running_bot


def described(bot: Bot) -> dict[tuple[str, str], str]:
    return bot.api.server.described()


async def test_the_profile_says_what_the_bot_is_before_anyone_writes(bot: Bot) -> None:
    assert described(bot) == {
        ("description", ""): c.BOT_DESCRIPTION,
        ("short_description", ""): c.BOT_SHORT_DESCRIPTION,
    }
    for text in (c.BOT_DESCRIPTION, c.BOT_SHORT_DESCRIPTION):
        assert "不是支付宝" in text and "免费" in text
    assert len(c.BOT_DESCRIPTION) <= 512 and len(c.BOT_SHORT_DESCRIPTION) <= 120


async def test_an_unchanged_profile_is_not_set_again(database: Path) -> None:
    async with running_bot(database) as first:
        server = first.api.server
    async with running_bot(database) as second:
        second.api.server._descriptions.update(server.described())  # Telegram remembers
        second.api.calls.clear()
        await second.application.post_init(second.application)  # type: ignore[misc]
        methods = [method for method, _ in second.api.calls]
    assert "getMyDescription" in methods and "setMyDescription" not in methods
    assert "setMyShortDescription" not in methods


async def test_a_profile_telegram_refuses_does_not_stop_the_bot(database: Path) -> None:
    async with running_bot(database) as bot:
        bot.api.fail_next("setMyDescription", 429, "Too Many Requests: retry after 5", 5)
        bot.api.server._descriptions.clear()
        await bot.application.post_init(bot.application)  # type: ignore[misc]
        alice = bot.chat(101)
        assert c.HELP in [m.text for m in await alice.send("/help")]


async def test_a_link_to_the_scam_check_opens_it(alice: Chat) -> None:
    shown = await alice.send("/start scam")
    assert [m.text for m in shown] == [scam_texts.ASK]
    shown = await alice.send("有人说交 2000 元手续费就能停息挂账")
    assert shown and shown[0].text != scam_texts.ASK  # the message was checked


async def test_links_to_help_and_privacy_open_them(alice: Chat) -> None:
    assert (await alice.send("/start help"))[0].text == c.HELP
    assert (await alice.send("/start privacy"))[0].text == privacy_texts.PRIVACY.format(days=180)


async def test_any_other_payload_is_plain_start_and_is_not_kept(bot: Bot, alice: Chat) -> None:
    shown = await alice.send("/start from_xiaohongshu_123")
    assert shown[0].text == intake_texts.WELCOME
    conn = await bot.services.database.connection()
    for table in ("users", "cases", "conversations"):
        async with conn.execute(f"SELECT * FROM {table}") as cursor:
            rows = [tuple(row) for row in await cursor.fetchall()]
        assert all("xiaohongshu" not in str(row) for row in rows)


def test_telegram_delivers_only_the_kinds_the_bot_asked_for() -> None:
    server = OfflineTelegram()
    server.push_update({"my_chat_member": {"chat": {"id": 1, "type": "private"}}})
    message = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "hi"}
    server.push_update({"message": message})
    status, body = server.handle("getUpdates", {"allowed_updates": list(ALLOWED_UPDATES)})
    assert status == 200 and [set(u) for u in body["result"]] == [{"update_id", "message"}]


async def test_a_flood_limit_on_the_menu_does_not_hold_up_the_start(
    database: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(app, "PROFILE_SECONDS", 0.2)
    async with running_bot(database, rate_limited=True) as bot:
        bot.api.fail_next("setMyCommands", 429, "Too Many Requests: retry after 50", 50)
        started = time.monotonic()
        await bot.application.post_init(bot.application)  # type: ignore[misc]
        assert time.monotonic() - started < 5  # not the 50 s Telegram asked to wait
        assert "could not set the command menu and description" in caplog.text
        assert c.HELP in [m.text for m in await bot.chat(101).send("/help")]
