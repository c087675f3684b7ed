"""The inbox: no update is lost across a kill (issue 15, point 7).

Telegram forgets an update once the bot confirms it: in polling mode by the next getUpdates
(whose offset is past it), in webhook mode by answering the POST. PTB confirms as soon as an
update is on its queue, so a process killed then lost every update fetched and not yet
handled. Now each update is committed to the ``inbox`` table first:

- polling: ``take_answer`` stores a getUpdates answer before PTB sees it (the heartbeat's
  ``AnsweredRequest`` calls it), and takes out the updates already stored (Telegram sends
  again what was not confirmed before a restart); ``confirming`` sends the offset past them;
- webhook: ``store`` before the POST is answered (bot/webhook.py); a failure answers 500;
- at start-up ``replay`` puts the updates stored and not handled on the update queue before
  polling begins, in Telegram's order (so each user's stay in order);
- ``handling`` wraps the handling of one update: each write transaction of the task handling
  it also marks it handled (``bot.storage.db.answer_hook``), so the mark is committed with
  the answer and a restart never answers it twice; an update that wrote nothing is marked
  right after. Its JSON (what the person typed) is erased in the same statement.

Console mode and the in-process tests feed updates to the Application directly: nothing of
theirs is stored, and ``handling`` leaves an update it did not store alone.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import aiosqlite
from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import Application, ExtBot
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.services import INBOX_KEY
from bot.storage import repo
from bot.storage.db import Database, answer_hook

log = logging.getLogger(__name__)

# Our choices, not Telegram's: a handled update's id is kept until Telegram has confirmed it
# (polling), and at most this long otherwise (a webhook POST whose answer a kill cut off is
# sent again); never counted while the bot was down, so a long downtime forgets nothing.
KEEP_HANDLED = timedelta(hours=1)
PURGE_EVERY = timedelta(minutes=1)
# an update whose handling kills the process (a hang the watchdog ends, memory) would be
# replayed at every start: after this many replays it is given up, with a warning
MAX_ATTEMPTS = 3


def utc_now() -> datetime:
    return datetime.now(UTC)


class UpdatesNotStored(TelegramError):
    """A getUpdates answer that could not be stored: PTB's polling loop asks again later,
    with the same offset, so Telegram keeps the updates."""


def sender_of(update: dict[str, Any]) -> int | None:
    """The id of the person an update comes from (``from`` of its message, tap …), or None."""
    for key, value in update.items():
        if key != "update_id" and isinstance(value, dict):
            sender = value.get("from")
            if isinstance(sender, dict) and isinstance(sender.get("id"), int):
                return int(sender["id"])
            return None
    return None


def _update_id(update: object) -> int | None:
    if isinstance(update, dict):
        found = update.get("update_id")
        return found if isinstance(found, int) and not isinstance(found, bool) else None
    return None


class Inbox:
    """One per application; ``bot_data[INBOX_KEY]`` (read with ``inbox_of``)."""

    def __init__(self, database: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.database, self.clock = database, clock
        self.started_at = clock()
        self._purged_at = self.started_at
        # stored (or replayed) by this process and not handled yet: only these are marked
        self._waiting: set[int] = set()
        self._replayed: set[int] = set()
        # the offset PTB would send had it seen every update of the last answer
        self._next_offset: int | None = None
        # webhook updates wait for the replay, so that each user's older ones go first
        self._replay_done = asyncio.Event()
        # the -wal file keeps old page images (a stored text, a row before it was erased)
        # until a checkpoint empties it: see clear_journal
        self.journal_holds_text = False

    # ------------------------------------------------------------------ polling

    def confirming(self, request_data: RequestData | None) -> tuple[RequestData | None, int]:
        """getUpdates' parameters with the offset past the updates taken out of the last
        answer (PTB only knows those it was given), and the offset sent."""
        params = dict(request_data.parameters) if request_data is not None else {}
        sent = params.get("offset")
        offset = sent if isinstance(sent, int) else 0
        if self._next_offset is None or self._next_offset <= offset:
            return request_data, offset
        params["offset"] = self._next_offset
        rebuilt = RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])
        return rebuilt, self._next_offset

    async def take_answer(self, payload: bytes, offset: int) -> bytes:
        """Stores the updates of a getUpdates answer; returns the answer without those that
        were stored already. Raises UpdatesNotStored when the database refuses them."""
        try:
            answer = json.loads(payload)
        except ValueError:
            return payload
        result = answer.get("result") if isinstance(answer, dict) and answer.get("ok") else None
        if not isinstance(result, list) or not result:
            return payload
        updates = [u for u in result if _update_id(u) is not None]
        try:
            new = await self._store(updates, confirmed_below=offset)
        except sqlite3.Error as error:
            log.warning("inbox: %d updates could not be stored (%s)", len(updates), error)
            raise UpdatesNotStored(
                f"updates not stored ({error}); Telegram keeps them, asked again"
            ) from None
        if updates:
            self._next_offset = max(self._next_offset or 0, updates[-1]["update_id"] + 1)
        kept = [u for u in result if _update_id(u) is None or _update_id(u) in new]
        if len(kept) == len(result):
            return payload
        answer["result"] = kept
        return json.dumps(answer).encode()

    # ------------------------------------------------------------------ webhook

    async def store(self, update: dict[str, Any]) -> bool:
        """Stores one update (webhook); False when it was stored before (sent again).
        Raises sqlite3.Error when the database refuses it."""
        await self._replay_done.wait()
        if _update_id(update) is None:
            return True  # not numbered as Telegram numbers them: nothing to store it under
        return bool(await self._store([update], confirmed_below=0))

    async def _store(self, updates: list[dict[str, Any]], confirmed_below: int) -> set[int]:
        if not updates:
            return set()
        now = self.clock()
        rows = [
            repo.StoredUpdate(
                update_id=u["update_id"],
                user_id=sender_of(u),
                payload=json.dumps(u, ensure_ascii=False, separators=(",", ":")),
            )
            for u in updates
        ]
        async with self.database.transaction(answer=False) as conn:
            new = await repo.store_updates(conn, rows, now)
            if confirmed_below > 0:
                await repo.forget_confirmed(conn, confirmed_below)
            await self._purge(conn, now)
        self._waiting |= new
        self.journal_holds_text = True
        return new

    async def _purge(self, conn: aiosqlite.Connection, now: datetime) -> None:
        if now - self._purged_at < PURGE_EVERY or now - self.started_at < KEEP_HANDLED:
            return
        self._purged_at = now
        await repo.forget_handled_before(conn, now - KEEP_HANDLED)

    # ------------------------------------------------------------------ start-up

    async def replay(self, bot: Bot, queue: asyncio.Queue[object]) -> int:
        """Puts the updates stored and not handled on ``queue``, oldest first; returns how
        many. Those tried MAX_ATTEMPTS times already, or unreadable, are given up."""
        try:
            waiting = await repo.waiting_updates(await self.database.connection())
            queued, given_up = [], []
            for row in waiting:
                update = self._readable(row, bot)
                if update is None:
                    given_up.append(row.update_id)
                else:
                    queued.append(update)
            if given_up:
                async with self.database.transaction(answer=False) as conn:
                    await repo.mark_handled(conn, given_up, self.clock())
                log.warning(
                    "inbox: %d stored updates given up (tried %d times, or unreadable)",
                    len(given_up),
                    MAX_ATTEMPTS,
                )
            for update in queued:
                self._waiting.add(update.update_id)
                self._replayed.add(update.update_id)
                queue.put_nowait(update)
            if queued:
                log.info(
                    "inbox: %d updates stored before the restart are handled first", len(queued)
                )
            return len(queued)
        finally:
            self._replay_done.set()

    @staticmethod
    def _readable(row: repo.WaitingUpdate, bot: Bot) -> Update | None:
        if row.attempts >= MAX_ATTEMPTS:
            return None
        try:
            update = Update.de_json(json.loads(row.payload), bot)
        except Exception:  # whatever de_json raises: the update cannot be handled
            return None
        if isinstance(bot, ExtBot):
            bot.insert_callback_data(update)  # as PTB's Updater does
        return update

    # ------------------------------------------------------------------ handling

    @asynccontextmanager
    async def handling(self, update: object) -> AsyncIterator[None]:
        """Around the handling of one update: it is marked handled with its first write
        transaction, or right after when it wrote nothing.

        A handler that raised is marked handled too (its writes rolled back, the error
        handler has spoken): a bug is not retried at every restart. Only a cancelled
        handling (the process stopping) is left for the replay."""
        update_id = update.update_id if isinstance(update, Update) else None
        if update_id is None or update_id not in self._waiting:
            yield
            return
        if update_id in self._replayed:
            await self._count_attempt(update_id)
        mark = _Mark(self, update_id)
        token = answer_hook.set(mark)
        finished = False
        try:
            yield
            finished = True
        except asyncio.CancelledError:
            raise
        except BaseException:
            finished = True
            raise
        finally:
            answer_hook.reset(token)
            self._waiting.discard(update_id)
            self._replayed.discard(update_id)
            if finished and not mark.done:
                await self._mark_now(update_id)

    async def clear_journal(self) -> None:
        """Empties the -wal file once texts were stored or erased since the last time.

        Erasing a text (the handled mark, /delete) writes a new page image to the -wal file,
        but the old image, with the text, stays there until the file is reused; before the
        inbox no typed text reached the disk. A TRUNCATE checkpoint writes the pages into the
        database (where secure_delete has zeroed what was erased) and empties the file. The
        heartbeat calls this every 30 s (our choice: a text is gone from disk within about a
        minute of being handled); it holds the write lock for the checkpoint, milliseconds.
        """
        if not self.journal_holds_text:
            return
        self.journal_holds_text = False
        try:
            async with self.database.transaction(answer=False) as conn:
                await conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            self.journal_holds_text = True
            log.warning("inbox: the journal could not be emptied (%s)", error)

    async def _mark_now(self, update_id: int) -> None:
        try:
            async with self.database.transaction(answer=False) as conn:
                await repo.mark_handled(conn, [update_id], self.clock())
            self.journal_holds_text = True
        except sqlite3.Error as error:
            log.warning("inbox: a handled update could not be marked (%s)", error)

    async def _count_attempt(self, update_id: int) -> None:
        try:
            async with self.database.transaction(answer=False) as conn:
                await repo.count_attempt(conn, update_id)
        except sqlite3.Error as error:
            log.warning("inbox: a replay could not be counted (%s)", error)


class _Mark:
    """The ``answer_hook`` of one update: marks it in the first write transaction that the
    task handling it commits. Other tasks (a job started meanwhile inherits the context
    variable) never mark it: their writes are not its answer."""

    def __init__(self, inbox: Inbox, update_id: int) -> None:
        self.inbox, self.update_id = inbox, update_id
        self.task = asyncio.current_task()
        self.done = False

    async def before_commit(self, conn: aiosqlite.Connection) -> bool:
        if self.done or asyncio.current_task() is not self.task:
            return False
        await repo.mark_handled(conn, [self.update_id], self.inbox.clock())
        return True

    def committed(self) -> None:
        self.done = True
        self.inbox.journal_holds_text = True  # the erased text's old page is in the -wal


def inbox_of(application: Application) -> Inbox | None:
    """The application's inbox; None in console mode."""
    found = application.bot_data.get(INBOX_KEY)
    return found if isinstance(found, Inbox) else None


async def replay_inbox(application: Application) -> None:
    """At start-up, before polling begins (post_init): see ``Inbox.replay``."""
    inbox = inbox_of(application)
    if inbox is not None:
        await inbox.replay(application.bot, application.update_queue)
