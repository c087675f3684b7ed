"""The fake Bot API server against the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from tests.support.fake_bot_api import FakeBotApi, UploadedFile

TOKEN = "123456:TEST"
USER = 4242


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    before = set(threading.enumerate())
    with FakeBotApi(token=TOKEN, max_poll_timeout=2.0) as server:
        yield server
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert not leaked, f"threads left behind: {leaked}"


def _bot(api: FakeBotApi) -> Bot:
    return Bot(TOKEN, base_url=api.base_url)


async def test_get_me(api: FakeBotApi) -> None:
    async with _bot(api) as bot:  # initialize() calls getMe
        me = await bot.get_me()
    assert me.id == 123456
    assert me.is_bot
    assert me.username == "test_bot"
    assert me.first_name
    assert [name for name, _ in api.calls] == ["getMe", "getMe"]


async def test_wrong_token_raises_invalid_token(api: FakeBotApi) -> None:
    bot = Bot("999:WRONG", base_url=api.base_url)
    with pytest.raises(InvalidToken):
        await bot.initialize()
    await bot.shutdown()
    assert api.calls == []


def test_raw_http_errors(api: FakeBotApi) -> None:
    def post(path: str, data: object, ctype: str) -> tuple[int, dict]:
        req = urllib.request.Request(
            f"http://127.0.0.1:{api.port}{path}", data=data, headers={"Content-Type": ctype}
        )  # an iterable body is sent with Transfer-Encoding: chunked
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            with err:
                return err.code, json.loads(err.read())

    assert post("/botnope/getMe", b"", "application/json") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert post(f"/bot{TOKEN}/noSuchMethod", b"", "application/json") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    status, body = post(
        f"/bot{TOKEN}/sendMessage",
        json.dumps({"chat_id": USER, "text": "json body"}).encode(),
        "application/json",
    )
    assert status == 200
    assert body["result"]["text"] == "json body"
    assert body["result"]["message_id"] == 1

    status, body = post(
        f"/bot{TOKEN}/sendMessage",
        iter([b"chat_id=4242&te", b"xt=%E5%88%86%E5%9D%97"]),
        "application/x-www-form-urlencoded",
    )
    assert (status, body["result"]["text"]) == (200, "分块")
    with urllib.request.urlopen(
        f"http://127.0.0.1:{api.port}/bot{TOKEN}/getMyCommands?language_code=en", timeout=5
    ) as resp:
        assert json.loads(resp.read()) == {"ok": True, "result": []}
    assert api.calls[-1] == ("getMyCommands", {"language_code": "en"})


async def test_send_message_with_inline_keyboard(api: FakeBotApi) -> None:
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("是", callback_data="yes")],
            [InlineKeyboardButton("否", callback_data="no")],
        ]
    )
    async with _bot(api) as bot:
        first = await bot.send_message(USER, "第一条", reply_markup=markup)
        second = await bot.send_message(USER, "123")  # must stay a string
        other_chat = await bot.send_message(777, "elsewhere")

    assert first.message_id == 1
    assert second.message_id == 2
    assert other_chat.message_id == 1
    assert first.chat.id == USER
    assert first.from_user is not None
    assert first.from_user.is_bot
    assert first.text == "第一条"
    assert first.reply_markup == markup
    assert second.text == "123"
    assert isinstance(first.date, dtm.datetime)

    params = api.calls_to("sendMessage")[0]
    assert params["chat_id"] == USER
    assert params["text"] == "第一条"
    assert params["reply_markup"] == markup.to_dict()
    assert api.calls_to("sendMessage")[1]["text"] == "123"

    assert api.sent_messages(USER) == [
        {"message_id": 1, "text": "第一条", "reply_markup": markup.to_dict()},
        {"message_id": 2, "text": "123", "reply_markup": None},
    ]
    assert api.last_buttons(USER) == [("是", "yes"), ("否", "no")]
    assert api.last_buttons_message_id(USER) == 1


async def test_reply_keyboard_is_recorded_but_not_echoed(api: FakeBotApi) -> None:
    keyboard = ReplyKeyboardMarkup([["a", "b"]], one_time_keyboard=True)
    async with _bot(api) as bot:
        message = await bot.send_message(USER, "pick", reply_markup=keyboard)
    assert message.reply_markup is None
    assert api.sent_messages(USER)[0]["reply_markup"] == keyboard.to_dict()
    assert api.last_buttons(USER) == []


async def test_edit_message_text_and_markup(api: FakeBotApi) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("下一步", callback_data="next")]])
    async with _bot(api) as bot:
        sent = await bot.send_message(USER, "v1", reply_markup=markup)
        edited = await bot.edit_message_text("v2", chat_id=USER, message_id=sent.message_id)
        assert not isinstance(edited, bool)
        assert edited.text == "v2"
        assert edited.edit_date is not None
        assert edited.reply_markup is None
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text("v2", chat_id=USER, message_id=sent.message_id)
        with pytest.raises(BadRequest, match="not found"):
            await bot.edit_message_text("x", chat_id=USER, message_id=99)
        await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=markup)
        assert api.last_buttons(USER) == [("下一步", "next")]
        await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=None)
    assert api.last_buttons(USER) == []
    assert [m["text"] for m in api.sent_messages(USER)] == ["v1", "v2"]
    assert api.wait_for_messages(USER, 2, timeout=0.1)[1]["text"] == "v2"


async def test_get_updates_long_polling_and_offset(api: FakeBotApi) -> None:
    async with _bot(api) as bot:
        # Nothing queued: long poll returns empty after the timeout.
        assert await bot.get_updates(timeout=0) == ()

        sent = await bot.send_message(
            USER,
            "choose",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]]),
        )

        async def push_later() -> int:
            await asyncio.sleep(0.2)
            return api.send_text(USER, "/start hello")

        pusher = asyncio.create_task(push_later())
        updates = await bot.get_updates(timeout=2)
        text_id = await pusher
        assert [u.update_id for u in updates] == [text_id]
        message = updates[0].message
        assert message is not None
        assert message.text == "/start hello"
        assert message.chat.type == "private"
        assert message.from_user is not None
        assert message.from_user.first_name == "用户"
        assert message.message_id == sent.message_id + 1  # ids are shared per chat
        assert message.entities[0].type == "bot_command"
        assert message.entities[0].length == len("/start")

        # Without confirming, the same update comes back.
        again = await bot.get_updates(timeout=0)
        assert [u.update_id for u in again] == [text_id]

        cb_id = api.press_button(USER, "a", sent.message_id)
        updates = await bot.get_updates(offset=text_id + 1, timeout=1)
        assert [u.update_id for u in updates] == [cb_id]
        query = updates[0].callback_query
        assert query is not None
        assert query.data == "a"
        assert query.from_user.id == USER
        assert query.message is not None
        assert query.message.message_id == sent.message_id
        assert query.message.reply_markup is not None
        assert api.updates_confirmed() == [text_id]
        assert await bot.answer_callback_query(query.id, text="ok")

        sticker_id = api.send_sticker(USER)
        photo_id = api.send_photo(USER, caption="票据")
        updates = await bot.get_updates(offset=cb_id + 1, limit=1, timeout=1)
        assert [u.update_id for u in updates] == [sticker_id]
        assert updates[0].message is not None
        assert updates[0].message.sticker is not None
        updates = await bot.get_updates(offset=sticker_id + 1, timeout=1)
        assert updates[0].message is not None
        assert updates[0].message.photo
        assert updates[0].message.caption == "票据"
        assert await bot.get_updates(offset=photo_id + 1, timeout=0) == ()

    assert api.updates_confirmed() == [text_id, cb_id, sticker_id, photo_id]
    assert api.pending_updates() == []
    get_updates = api.calls_to("getUpdates")
    assert get_updates[1]["timeout"] == 2
    assert api.calls_to("answerCallbackQuery")[0] == {"callback_query_id": query.id, "text": "ok"}


async def test_concurrent_get_updates_conflict(api: FakeBotApi) -> None:
    async with _bot(api) as first, _bot(api) as second:
        older = asyncio.create_task(first.get_updates(timeout=2))
        await asyncio.sleep(0.2)
        newer = asyncio.create_task(second.get_updates(timeout=0))
        with pytest.raises(Conflict):
            await older
        assert await newer == ()


async def test_group_message(api: FakeBotApi) -> None:
    api.send_text(USER, "hi all", chat_id=-100123, chat_type="supergroup", first_name="小明")
    async with _bot(api) as bot:
        (update,) = await bot.get_updates(timeout=0)
        assert update.message is not None
        assert update.message.chat.id == -100123
        assert update.message.chat.type == "supergroup"
        reply = await bot.send_message(-100123, "hello group")
        assert reply.chat.type == "supergroup"
        assert reply.message_id == 2


async def test_send_document_bytes(api: FakeBotApi) -> None:
    payload = bytes(range(256)) * 10 + b"\r\n--tail\r\n"
    async with _bot(api) as bot:
        message = await bot.send_document(
            USER, payload, filename='还款计划 "v1".csv', caption="计划"
        )
        assert message.document is not None
        assert message.document.file_name == '还款计划 "v1".csv'
        assert message.document.file_size == len(payload)
        assert message.caption == "计划"
        # Re-sending by file_id works too.
        again = await bot.send_document(USER, message.document.file_id)
        assert again.document is not None
        assert again.document.file_unique_id == message.document.file_unique_id

    params = api.calls_to("sendDocument")[0]
    assert params["chat_id"] == USER
    assert params["caption"] == "计划"
    assert isinstance(params["document"], UploadedFile)
    assert params["document"].content == payload
    docs = api.sent_documents(USER)
    assert [d["content"] for d in docs] == [payload, payload]
    assert docs[0]["file_name"] == '还款计划 "v1".csv'
    assert docs[0]["mime_type"] == "text/csv"


async def test_commands_and_webhook(api: FakeBotApi) -> None:
    commands = [BotCommand("start", "开始"), BotCommand("plan", "还款计划")]
    async with _bot(api) as bot:
        assert await bot.set_my_commands(commands)
        assert await bot.get_my_commands() == tuple(commands)
        assert await bot.get_my_commands(language_code="en") == ()
        assert await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()

        assert await bot.set_webhook("https://example.invalid/hook")
        info = await bot.get_webhook_info()
        assert info.url == "https://example.invalid/hook"
        with pytest.raises(Conflict):
            await bot.get_updates(timeout=0)
        api.send_text(USER, "queued")
        assert await bot.delete_webhook(drop_pending_updates=True)
        assert (await bot.get_webhook_info()).url == ""
        assert await bot.get_updates(timeout=0) == ()
        assert await bot.send_chat_action(USER, "typing")
        assert await bot.close()
        assert await bot.log_out()
    assert api.calls_to("setMyCommands")[0]["commands"] == [c.to_dict() for c in commands]
    assert api.calls_to("deleteWebhook")[0]["drop_pending_updates"] is True


async def test_retry_after_is_raised(api: FakeBotApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    api.fail_next("sendMessage", 429, retry_after=7)
    async with _bot(api) as bot:
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER, "too fast")
        assert caught.value.retry_after == dtm.timedelta(seconds=7)
        # One-shot: the next call succeeds.
        assert (await bot.send_message(USER, "again")).text == "again"
    assert [p["text"] for p in api.calls_to("sendMessage")] == ["too fast", "again"]
    assert [m["text"] for m in api.sent_messages(USER)] == ["again"]


async def test_forbidden_and_block(api: FakeBotApi) -> None:
    api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    async with _bot(api) as bot:
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(USER, "hello?")
        api.block(USER)
        with pytest.raises(Forbidden):
            await bot.send_message(USER, "still?")
        api.block(USER, blocked=False)
        await bot.send_message(USER, "back")
    assert api.sent_messages(USER) == [{"message_id": 1, "text": "back", "reply_markup": None}]


def test_wait_for_messages_timeout_reports(api: FakeBotApi) -> None:
    with pytest.raises(AssertionError, match="expected 1 bot message"):
        api.wait_for_messages(USER, 1, timeout=0.05)


async def test_application_polling_end_to_end(api: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("hi")

    app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=1))
        await app.start()
        try:
            update_id = api.send_text(USER, "/start")
            messages = await api.wait_for_messages_async(USER, 1, timeout=5)
            assert messages[0]["text"] == "hi"
            assert messages[0]["message_id"] == 2  # the user's /start was 1
        finally:
            await app.updater.stop()
            await app.stop()
    # Updater.stop() confirms what it has fetched with a last getUpdates.
    assert update_id in api.updates_confirmed()
    methods = [name for name, _ in api.calls]
    assert methods[0] == "getMe"
    assert "deleteWebhook" in methods
    assert methods.count("sendMessage") == 1
