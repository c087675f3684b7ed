"""The inbox (issue 15, point 7): an update fetched is committed before Telegram is told it
arrived, handled after a crash, and never twice.

The bot runs as production builds it, over the offline Bot API, with PTB's real getUpdates
path (``Bot.get_updates`` through the heartbeat's request) and its real update processor. A
"crash" stops handing updates over and closes the database, with no goodbye: what was
committed is what a SIGKILL would leave.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from telegram import Bot as TelegramBot
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.inbox import MAX_ATTEMPTS, Inbox
from bot.jobs.heartbeat import Heartbeat
from bot.offline import OFFLINE_TOKEN, OfflineBotApi
from bot.services import HEARTBEAT_KEY, Services, services
from bot.storage.db import Database
from bot.usecases import deletion
from bot.webhook import SECRET_HEADER, WebhookListener
from tests.e2e.test_operations import free_port
from tests.support import chat
from tests.support.sqlite import sqlite_connection

CARD = "6222021234567890123"  # what the secret guard deletes: it must not stay in the file


def rows(database: Path) -> list[tuple[int, int | None, str | None, str | None]]:
    """(update_id, user_id, payload, handled_at) of every inbox row, read on its own
    connection: only what is committed."""
    with sqlite_connection(database) as conn:
        return list(
            conn.execute(
                "SELECT update_id, user_id, payload, handled_at FROM inbox ORDER BY update_id"
            )
        )


def waiting(database: Path) -> list[int]:
    return [update_id for update_id, _, _, handled in rows(database) if handled is None]


@asynccontextmanager
async def bot_on(database: Path, api: OfflineBotApi, *, inbox: bool = True) -> AsyncIterator[Bot]:
    """The bot started on ``database`` (post_init, so the replay runs), taking updates from
    ``api``; leaving the block is a crash."""
    settings = chat.test_settings(database)
    services = Services(settings=settings, database=Database(database), clock=chat.Clock())
    application = build_application(
        settings, request=api, services=services, rate_limiter=None, inbox=inbox
    )
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    bot = Bot(application, api)
    try:
        yield bot
    finally:
        if application.running:
            await application.stop()
        # like kill -9: no persistence flush, no shutdown; only the file handle is freed
        await services.database.close()


class Bot:
    def __init__(self, application: Application, api: OfflineBotApi) -> None:
        self.application, self.api = application, api

    async def fetch(self) -> tuple[Update, ...]:
        """One getUpdates, as PTB's polling loop makes it (the offset of the previous one)."""
        updates = await self.application.bot.get_updates(offset=self.offset, timeout=0)
        if updates:
            self.offset = updates[-1].update_id + 1
        return updates

    offset = 0

    async def handle(self, updates: tuple[Update, ...]) -> None:
        """Through the update queue and the update processor, as PTB's Updater hands them on."""
        if not self.application.running:
            await self.application.start()
        for update in updates:
            await self.application.update_queue.put(update)
        await self.drained()

    async def drained(self) -> None:
        if not self.application.running:
            await self.application.start()
        while not self.application.update_queue.empty() or self.processor_busy():
            await asyncio.sleep(0.01)

    def processor_busy(self) -> bool:
        return self.application.update_processor.current_concurrent_updates > 0

    def replies(self, chat_id: int) -> list[str]:
        return [m.text for m in self.api.messages_to(chat_id) if m.via == "sendMessage"]


async def test_an_update_is_committed_before_the_answer_reaches_ptb(tmp_path: Path) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    first = api.server.send_text(7, "/help")
    async with bot_on(database, api) as bot:
        [update] = await bot.fetch()
        # PTB now holds it; its next getUpdates will confirm it: it is committed already
        assert update.update_id == first
        [(update_id, user_id, payload, handled)] = rows(database)
        assert (update_id, user_id, handled) == (first, 7, None)
        assert payload is not None and json.loads(payload)["message"]["text"] == "/help"
        assert api.server.pending_updates() == [first]  # not confirmed yet
        await bot.fetch()
        assert api.server.updates_confirmed() == [first]


async def test_fetched_and_confirmed_but_unhandled_updates_are_answered_after_a_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    # two people, their messages interleaved; each one's must be answered in order
    api.server.send_text(7, "/help")
    api.server.send_text(8, "/privacy")
    api.server.send_text(7, "/privacy")
    api.server.send_text(8, "/help")
    async with bot_on(database, api) as bot:
        assert len(await bot.fetch()) == 4
        await bot.fetch()  # the next poll confirms them: Telegram will not send them again
        assert api.server.pending_updates() == []
    # the process died before handling any: nobody has heard anything
    assert bot.replies(7) == bot.replies(8) == []
    assert len(waiting(database)) == 4

    caplog.set_level(logging.INFO, logger="bot.inbox")
    async with bot_on(database, api) as again:
        await again.drained()
        assert not await again.fetch()  # nothing new, nothing sent again
    help_7, privacy_7 = again.replies(7)
    privacy_8, help_8 = again.replies(8)
    assert help_7 == help_8 and privacy_7 == privacy_8 and help_7 != privacy_7
    assert waiting(database) == []
    [line] = [r.getMessage() for r in caplog.records if r.name == "bot.inbox"]
    assert line == "inbox: 4 updates stored before the restart are handled first"
    assert caplog.records[0].levelno == logging.INFO


async def test_a_crash_after_the_answer_is_committed_does_not_answer_again(
    tmp_path: Path,
) -> None:
    """Handled and committed, then killed before the next getUpdates: Telegram sends the
    update again after the restart, and it is dropped."""
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    start = api.server.send_text(7, "/start")
    async with bot_on(database, api) as bot:
        await bot.handle(await bot.fetch())
        [welcome] = bot.replies(7)
        with sqlite_connection(database) as conn:
            [(users,)] = conn.execute("SELECT count(*) FROM users")
        assert users == 1  # /start wrote the user's row, and its handled mark with it
        assert api.server.pending_updates() == [start]  # the kill comes before confirming
    async with bot_on(database, api) as again:
        assert await again.fetch() == ()  # sent again by Telegram, taken out
        assert api.server.updates_confirmed() == []
        await again.fetch()  # and the offset still goes past it
        assert api.server.updates_confirmed() == [start]
        await again.drained()
    assert again.replies(7) == [welcome]  # once


async def test_an_update_that_wrote_nothing_is_marked_after_it_is_handled(
    tmp_path: Path,
) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    api.server.send_text(7, "/help")
    async with bot_on(database, api) as bot:
        await bot.handle(await bot.fetch())
        [(_, user_id, payload, handled)] = rows(database)
        assert handled is not None and payload is None and user_id is None
    async with bot_on(database, api) as again:
        assert await again.fetch() == ()
        await again.drained()
    assert len(again.replies(7)) == 1


async def test_a_handled_update_leaves_only_its_id_and_none_of_its_text_in_the_file(
    tmp_path: Path,
) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    api.server.send_text(7, f"我的卡号 {CARD}")
    async with bot_on(database, api) as bot:
        updates = await bot.fetch()
        assert CARD in rows(database)[0][2]  # type: ignore[operator]
        checkpoint(database)  # SQLite may copy the page into the file at any time
        assert CARD.encode() in database.read_bytes()
        await bot.handle(updates)
        assert "删掉了" in bot.replies(7)[-1]  # the secret guard did its part
        [(_, user_id, payload, handled)] = rows(database)
        assert payload is None and user_id is None and handled is not None
    checkpoint(database)
    assert CARD.encode() not in database.read_bytes()  # erased, not only unlinked


async def test_the_heartbeat_takes_a_handled_text_off_the_disk_journal_included(
    tmp_path: Path,
) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    wal = database.with_name(database.name + "-wal")
    api.server.send_text(7, f"我的卡号 {CARD}")
    async with bot_on(database, api) as bot:
        await bot.handle(await bot.fetch())
        on_disk = database.read_bytes() + wal.read_bytes()
        assert CARD.encode() in on_disk  # erased in the row, its old page still in the -wal
        heartbeat = bot.application.bot_data[HEARTBEAT_KEY]
        assert isinstance(heartbeat, Heartbeat)
        assert await heartbeat.beat(bot.application)
        # no checkpoint of the test's own: the running bot emptied the journal
        assert CARD.encode() not in database.read_bytes() + wal.read_bytes()


def checkpoint(database: Path) -> None:
    with sqlite_connection(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


async def test_delete_erases_the_users_waiting_updates_from_the_file(tmp_path: Path) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    api.server.send_text(7, f"我的卡号 {CARD}")
    api.server.send_text(8, "/help")
    async with bot_on(database, api) as bot:
        await bot.fetch()  # both stored, neither handled yet
        checkpoint(database)
        assert CARD.encode() in database.read_bytes()
        await deletion.delete_user(services(bot.application), 7)
    assert [user_id for _, user_id, *_ in rows(database)] == [8]
    checkpoint(database)
    assert CARD.encode() not in database.read_bytes()  # zeroed, not only unlinked


async def test_a_confirmed_handled_update_is_forgotten(tmp_path: Path) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    api.server.send_text(7, "/help")
    async with bot_on(database, api) as bot:
        await bot.handle(await bot.fetch())
        api.server.send_text(7, "/privacy")
        await bot.handle(await bot.fetch())  # confirms the first while storing the second
        [(second, *_)] = rows(database)
        assert second == bot.offset - 1


async def test_a_replay_that_kept_killing_the_bot_is_given_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    api.server.send_text(7, "/help")
    api.server.send_text(8, "/help")
    async with bot_on(database, api) as bot:
        await bot.fetch()
    first, _ = waiting(database)
    with sqlite_connection(database) as conn:
        conn.execute("UPDATE inbox SET attempts = ? WHERE update_id = ?", (MAX_ATTEMPTS, first))
    async with bot_on(database, api) as again:
        await again.drained()
    assert again.replies(7) == [] and len(again.replies(8)) == 1
    assert waiting(database) == []
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"inbox: 1 stored updates given up (tried {MAX_ATTEMPTS} times, or unreadable)"
    ]


async def test_a_handler_that_failed_is_not_replayed(tmp_path: Path) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    api.server.send_text(7, "/help")
    async with bot_on(database, api) as bot:
        api.fail_next("sendMessage", 400, "Bad Request: something the code got wrong")
        await bot.handle(await bot.fetch())
        assert waiting(database) == []
    async with bot_on(database, api) as again:
        await again.drained()
    [sorry] = again.replies(7)  # the error handler's apology, and not the /help again
    assert "出了点问题" in sorry


async def test_console_mode_neither_stores_nor_replays(tmp_path: Path) -> None:
    database, api = tmp_path / "bot.sqlite3", OfflineBotApi()
    api.server.send_text(7, "/help")
    async with bot_on(database, api) as bot:
        await bot.fetch()
    async with bot_on(database, OfflineBotApi(), inbox=False) as console:
        await console.drained()
        await console.application.process_update(
            Update.de_json(
                {"update_id": 99, "message": chat_message(8, "/help")}, console.application.bot
            )
        )
        assert console.replies(7) == [] and len(console.replies(8)) == 1
    assert [update_id for update_id, *_ in rows(database)] == waiting(database)
    assert len(waiting(database)) == 1  # still the running bot's to answer


def chat_message(user_id: int, text: str) -> dict[str, object]:
    return {
        "message_id": 1,
        "date": 0,
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "用户"},
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
    }


# ---------------------------------------------------------------- the answer's transaction


async def test_the_mark_is_committed_with_the_answer_of_the_task_handling_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.sqlite3"
    database = Database(path)
    inbox, bot = Inbox(database), TelegramBot(OFFLINE_TOKEN, request=OfflineBotApi())
    await inbox.replay(bot, asyncio.Queue())
    raw = {"update_id": 5, "message": chat_message(7, "/start")}
    assert await inbox.store(raw) is True
    assert await inbox.store(raw) is False  # stored once

    async def answer(user_id: int) -> None:
        async with database.transaction() as conn:
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, created_at) VALUES (?, ?, 'x')",
                (user_id, user_id),
            )

    try:
        async with inbox.handling(Update.de_json(raw, bot)):
            # a write that is not the answer (the day a user was seen) leaves it waiting
            async with database.transaction(answer=False) as conn:
                await conn.execute("SELECT 1")
            # so does a write of another task, which inherits the context (a job)
            await asyncio.create_task(answer(1))
            # and an answer rolled back
            with pytest.raises(ZeroDivisionError):
                async with database.transaction() as conn:
                    await conn.execute(
                        "INSERT INTO users (user_id, chat_id, created_at) VALUES (2, 2, 'x')"
                    )
                    raise ZeroDivisionError
            assert waiting(path) == [5]
            await answer(7)  # the answer, committed: the mark is in the same commit
            assert waiting(path) == []
            [(_, user_id, payload, handled)] = rows(path)
            assert user_id is None and payload is None and handled is not None
    finally:
        await database.close()


async def test_webhook_answers_200_only_once_the_update_is_stored(tmp_path: Path) -> None:
    database = Database(tmp_path / "bot.sqlite3")
    inbox = Inbox(database)
    bot = TelegramBot(OFFLINE_TOKEN, request=OfflineBotApi())
    queue: asyncio.Queue[object] = asyncio.Queue()
    await inbox.replay(bot, queue)  # post_init's: nothing waits
    port = free_port()
    listener = WebhookListener(
        bot, queue, listen="127.0.0.1", port=port, path="telegram", secret="s" * 32, inbox=inbox
    )
    listener.start()
    url = f"http://127.0.0.1:{port}/telegram"
    headers = {SECRET_HEADER: "s" * 32}
    update = {"update_id": 41, "message": chat_message(7, "/help")}
    try:
        async with httpx.AsyncClient() as client:
            response = await client.post(url, json=update, headers=headers)
            assert response.status_code == 200
            # the 200 came after the commit: another connection sees the row
            assert [(u, s) for u, s, *_ in rows(tmp_path / "bot.sqlite3")] == [(41, 7)]
            assert queue.qsize() == 1
            # Telegram sends it again (our 200 was lost): answered, not handled twice
            response = await client.post(url, json=update, headers=headers)
            assert response.status_code == 200 and queue.qsize() == 1
            # a database that refuses it: 500, so that Telegram sends it again later
            with sqlite_connection(tmp_path / "bot.sqlite3") as conn:
                conn.execute("ALTER TABLE inbox RENAME TO inbox_gone")
            other = {"update_id": 42, "message": chat_message(8, "/help")}
            response = await client.post(url, json=other, headers=headers)
            assert response.status_code == 500 and queue.qsize() == 1
    finally:
        await listener.stop()
        await database.close()
