"""One offline Bot API, two transports: the same calls get the same answers in process and
over HTTP (console mode and the conversation tests see what the e2e process sees)."""

from __future__ import annotations

import struct
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.warnings import PTBUserWarning

from bot.offline import BOT_USER, OFFLINE_TOKEN, OfflineBotApi, OfflineTelegram
from tests.support.fake_bot_api import FakeBotApi

USER = 4242
GROUP = -100777
VOLATILE = {"date", "edit_date", "file_id", "file_unique_id"}


def _steady(value: Any) -> Any:
    """The answer without what changes from run to run (dates, file ids)."""
    if isinstance(value, dict):
        return {k: _steady(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list | tuple):
        return [_steady(v) for v in value]
    return value


def _png(width: int, height: int) -> bytes:
    """The start of a PNG: its signature and header, all the offline API reads of it."""
    header = struct.pack(">II", width, height) + b"\x08\x06\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header + b"\0" * 4


PNG = _png(720, 860)


def _keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(x, callback_data=f"k:{x}")] for x in labels])


async def _script(bot: Bot, server: OfflineTelegram) -> list[object]:
    """Bot API calls as the bot makes them, and what each one answered."""
    seen: list[object] = []

    async def step(name: str, call: Callable[[], Awaitable[object]]) -> object:
        try:
            with warnings.catch_warnings():  # do_api_request on a known method warns
                warnings.simplefilter("ignore", PTBUserWarning)
                result = await call()
        except Exception as error:
            seen.append((name, "error", type(error).__name__, str(error)))
            return None
        if hasattr(result, "to_dict"):
            result = result.to_dict()
        elif isinstance(result, tuple | list):
            result = [r.to_dict() if hasattr(r, "to_dict") else r for r in result]
        seen.append((name, "ok", _steady(result)))
        return result

    await step("getMe", bot.get_me)
    await step("setMyCommands", lambda: bot.set_my_commands([("start", "开始")]))
    await step("getMyCommands", bot.get_my_commands)
    ask = await step(
        "send", lambda: bot.send_message(USER, "还款日选哪天？", reply_markup=_keyboard("5号"))
    )
    assert isinstance(ask, dict)
    first = ask["message_id"]
    await step("second", lambda: bot.send_message(USER, "第二条"))
    await step("group", lambda: bot.send_message(GROUP, "群里"))
    # a double tap: the same keyboard again is "not modified"
    same = _keyboard("5号")
    await step("markup", lambda: bot.edit_message_reply_markup(USER, first, reply_markup=same))
    await step("markup off", lambda: bot.edit_message_reply_markup(USER, first))
    await step("markup off again", lambda: bot.edit_message_reply_markup(USER, first))
    await step("edit", lambda: bot.edit_message_text("还款日：5号 ✓", USER, first))
    await step("edit same", lambda: bot.edit_message_text("还款日：5号 ✓", USER, first))
    await step("edit missing", lambda: bot.edit_message_text("无", USER, 999))
    await step("edit in other chat", lambda: bot.edit_message_text("无", GROUP, first + 1))
    await step("answer", lambda: bot.answer_callback_query("cbq1", text="已记下"))
    document = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    await step(
        "document",
        lambda: bot.send_document(USER, document, filename="还款.ics", caption="日历"),
    )
    await step("edit a document", lambda: bot.edit_message_text("无", USER, first + 2))
    await step(
        "photo",
        lambda: bot.send_photo(USER, PNG, caption="进度", reply_markup=_keyboard("已还")),
    )
    await step("edit a photo's text", lambda: bot.edit_message_text("无", USER, first + 3))
    await step("photo off", lambda: bot.edit_message_reply_markup(USER, first + 3))
    await step("not a picture", lambda: bot.send_photo(USER, b"BEGIN:VCALENDAR"))
    await step("too narrow", lambda: bot.send_photo(USER, _png(10, 400)))
    await step("typing", lambda: bot.send_chat_action(USER, "typing"))
    # the user's side: a message, a tap, polling with offsets
    server.send_text(USER, "身份证 110101199003071234")
    server.press_button(USER, "k:5号", first + 1)
    updates = await step("getUpdates", lambda: bot.get_updates(timeout=0))
    assert isinstance(updates, list) and len(updates) == 2
    user_message = updates[0]["message"]["message_id"]
    await step("delete the user's", lambda: bot.delete_message(USER, user_message))
    await step("delete it again", lambda: bot.delete_message(USER, user_message))
    await step("delete own", lambda: bot.delete_message(USER, first))
    await step("edit deleted", lambda: bot.edit_message_text("无", USER, first))
    await step("confirmed", lambda: bot.get_updates(offset=updates[-1]["update_id"] + 1))
    # injected failures
    server.fail_next("sendMessage", 429, retry_after=3)
    await step("too many", lambda: bot.send_message(USER, "稍后"))
    server.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await step("blocked", lambda: bot.send_message(USER, "稍后"))
    await step("after failures", lambda: bot.send_message(USER, "好了"))
    # what does not exist, and what is missing
    await step("unknown method", lambda: bot.do_api_request("sendTelepathy", {"chat_id": USER}))
    await step("no text", lambda: bot.do_api_request("sendMessage", {"chat_id": USER}))
    await step("no chat", lambda: bot.do_api_request("sendMessage", {"text": "谁"}))
    await step("no message id", lambda: bot.do_api_request("deleteMessage", {"chat_id": USER}))
    await step("no query id", lambda: bot.do_api_request("answerCallbackQuery", {"text": "x"}))
    await step("no document", lambda: bot.do_api_request("sendDocument", {"chat_id": USER}))
    await step("no photo", lambda: bot.do_api_request("sendPhoto", {"chat_id": USER}))
    await step("empty text", lambda: bot.send_message(USER, "  "))
    return seen


def _record(server: OfflineTelegram) -> dict[str, object]:
    return {
        "calls": [name for name, _ in server.calls],
        "user chat": _steady(server.sent_messages(USER)),
        "shown": [(s.method, s.chat_id, s.message_id, s.text, s.content) for s in server.shown],
        "buttons": server.last_buttons(USER),
        "confirmed": server.updates_confirmed(),
    }


@asynccontextmanager
async def _in_process() -> AsyncIterator[tuple[Bot, OfflineTelegram]]:
    api = OfflineBotApi()
    async with Bot(OFFLINE_TOKEN, request=api, get_updates_request=api) as bot:
        yield bot, api.server


@asynccontextmanager
async def _over_http() -> AsyncIterator[tuple[Bot, OfflineTelegram]]:
    with FakeBotApi(token=OFFLINE_TOKEN, max_poll_timeout=1.0) as api:
        api.bot_user = dict(BOT_USER)
        async with Bot(OFFLINE_TOKEN, base_url=api.base_url) as bot:
            yield bot, api


async def test_both_transports_answer_the_same_script_the_same_way() -> None:
    async with _in_process() as (bot, server):
        local = await _script(bot, server)
        local_state = _record(server)
    async with _over_http() as (bot, server):
        remote = await _script(bot, server)
        remote_state = _record(server)
    assert local == remote
    assert local_state == remote_state
    outcomes = {name: rest for name, *rest in local}  # type: ignore[misc]
    # the rules themselves, so that two equally wrong transports do not pass
    assert outcomes["unknown method"][:2] == ["error", "EndPointNotFound"]
    assert outcomes["no text"] == ["error", "BadRequest", "Message text is empty"]
    assert outcomes["no chat"] == ["error", "BadRequest", "Chat_id is empty"]
    assert outcomes["markup"][1] == "BadRequest" and "not modified" in outcomes["markup"][2]
    assert "not modified" in outcomes["edit same"][2]
    assert outcomes["edit missing"] == ["error", "BadRequest", "Message to edit not found"]
    assert outcomes["delete it again"][2] == "Message to delete not found"
    assert outcomes["delete the user's"] == ["ok", True]
    assert outcomes["too many"][1] == "RetryAfter"
    assert outcomes["blocked"][1] == "Forbidden"
    assert local_state["confirmed"] == [1, 2]
    photo = outcomes["photo"][1]
    assert photo["caption"] == "进度" and photo["photo"][0]["width"] == 720
    assert photo["reply_markup"]["inline_keyboard"][0][0]["text"] == "已还"
    assert outcomes["edit a photo's text"][2] == "There is no text in the message to edit"
    assert outcomes["photo off"][0] == "ok"
    assert outcomes["not a picture"][2] == "Image_process_failed"
    assert outcomes["too narrow"][2] == "Photo_invalid_dimensions"
    assert outcomes["no photo"][2] == "There is no photo in the request"
    shown = [(s.method, s.text, s.content) for s in server.shown if s.method == "sendPhoto"]
    assert shown == [("sendPhoto", "进度", PNG)]


async def test_a_message_built_for_the_in_process_transport_can_be_deleted() -> None:
    """Console mode and the chat tests hand updates to the Application directly; Telegram's
    side still knows what the user sent, as it does over HTTP."""
    from bot.offline_updates import message_update

    api = OfflineBotApi()
    async with Bot(OFFLINE_TOKEN, request=api) as bot:
        sent = message_update(USER, text="我的卡号 6222020200112233445")["message"]
        assert await bot.delete_message(USER, sent["message_id"])
        assert [m for m, _ in api.calls][-1] == "deleteMessage"
        try:
            await bot.delete_message(USER, sent["message_id"])
        except Exception as error:
            assert "not found" in str(error)
        else:
            raise AssertionError("a deleted message was deleted twice")
