"""The running bot's sign of life, for ``python -m bot check`` and systemd's watchdog.

Every HEARTBEAT_INTERVAL a job writes the time into the heartbeat row, with the last time
the Bot API answered a getUpdates (polling mode). A beat proves the event loop and the
scheduler run and the database takes writes; ``check`` calls the bot down or hung when the
beat is older than HEARTBEAT_STALE, and not receiving when getUpdates is.

Under systemd (Type=notify) each tick also pings the watchdog, before the write: a bot that
hangs, even inside a database write, stops pinging and systemd restarts it, while a database
locked by someone else fails ``check`` but does not restart a bot that is otherwise well.
An update in hand for over STUCK_AFTER silences that person (their next updates wait for
it) and holds one of the processor's places: the ping is left out then, and the row says
since when.

The job runs on the scheduler (a beat proves the reminders' scheduler runs too), which keeps
wall-clock time: a clock stepped back delays the pings (the unit starts after time-sync).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram.ext import Application, ContextTypes
from telegram.request import BaseRequest, RequestData

from bot.inbox import Inbox, inbox_of
from bot.services import HEARTBEAT_KEY, services, slot
from bot.storage import repo
from bot.systemd_notify import notify
from bot.wrapped_request import WrappedRequest

log = logging.getLogger(__name__)

HEARTBEAT_JOB = "heartbeat"
HEARTBEAT_INTERVAL = timedelta(seconds=30)
# three missed beats: well above a slow commit or a long poll (10 s), well below Docker's
# three failed health checks a minute apart; the unit's WatchdogSec= says the same
HEARTBEAT_STALE = timedelta(seconds=90)
# One update that never finishes silences its person, and a few of them the bot. The
# slowest honest one waits out Telegram's flood limit (the rate limiter: two retries of a
# retry_after that is seconds, rarely a minute): past this, the watchdog goes unpinged.
STUCK_AFTER = timedelta(seconds=60)


def wall_clock() -> datetime:
    # the real time, never a test's controlled clock: ``check`` compares it with its own
    return datetime.now(UTC)


class AnsweredRequest(WrappedRequest):
    """The getUpdates connection, remembering when the Bot API last answered it (HTTP 200).

    With an ``inbox``, an answer's updates are committed to it before PTB is given them, and
    so before PTB's next getUpdates confirms them to Telegram; updates stored already (sent
    again after a restart) are taken out, and the next offset still goes past them.
    Everything else is ``inner``'s: timeouts, pooling, the offline server in tests.
    """

    def __init__(
        self,
        inner: BaseRequest,
        clock: Callable[[], datetime] = wall_clock,
        inbox: Inbox | None = None,
    ) -> None:
        super().__init__(inner)
        self.clock, self.inbox = clock, inbox
        self.answered_at: datetime | None = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        inbox = self.inbox if url.endswith("/getUpdates") else None
        offset = 0
        if inbox is not None:
            request_data, offset = inbox.confirming(request_data)
        code, payload = await self.inner.do_request(
            url,
            method,
            request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        if code == 200:
            self.answered_at = self.clock()
            if inbox is not None:
                payload = await inbox.take_answer(payload, offset)
        return code, payload


def idle() -> datetime | None:
    return None


@dataclass
class Heartbeat:
    mode: str  # 'polling' or 'webhook'
    updates: AnsweredRequest | None  # polling only: webhook updates come when they come
    # when the update being handled arrived (None: idle); app.py passes the update processor's
    busy_since: Callable[[], datetime | None] = idle
    clock: Callable[[], datetime] = wall_clock
    started_at: datetime = field(default_factory=wall_clock)
    # set by the first beat: a start that failed earlier must leave the database untouched
    beating: bool = False

    async def beat(self, application: Application) -> bool:
        """Pings the watchdog unless an update is stuck, then writes the row; False when the
        database refused it."""
        now, busy = self.clock(), self.busy_since()
        if busy is not None and now - busy > STUCK_AFTER:
            log.warning("one update has been in hand for %d s", (now - busy).total_seconds())
        else:
            notify("WATCHDOG=1")
        try:
            async with services(application).database.transaction() as conn:
                await repo.beat(
                    conn,
                    mode=self.mode,
                    started_at=self.started_at,
                    at=now,
                    updates_at=self.updates.answered_at if self.updates else None,
                    busy_since=busy,
                )
        except sqlite3.Error as error:
            log.warning("heartbeat not written: %s", error)
            return False
        self.beating = True
        inbox = inbox_of(application)
        if inbox is not None:
            await inbox.clear_journal()  # typed texts erased since the last beat leave the disk
        return True

    async def stopped(self, application: Application) -> None:
        """A clean stop says so, so that ``check`` reports 'stopped', not 'hung'."""
        if not self.beating:
            return
        try:
            async with services(application).database.transaction() as conn:
                await repo.mark_stopped(conn, self.clock())
            self.beating = False
        except sqlite3.Error as error:
            log.warning("heartbeat not marked stopped: %s", error)


async def heartbeat_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await slot(context, HEARTBEAT_KEY, Heartbeat).beat(context.application)


async def start_heartbeat(application: Application) -> None:
    """The first beat now (the database is open), then one every interval. Without a
    Heartbeat (console mode, which may share a database with the running bot): none."""
    heartbeat = application.bot_data.get(HEARTBEAT_KEY)
    if not isinstance(heartbeat, Heartbeat):
        return
    heartbeat.started_at = heartbeat.clock()
    await heartbeat.beat(application)
    assert application.job_queue is not None
    application.job_queue.run_repeating(
        heartbeat_job,
        interval=HEARTBEAT_INTERVAL,
        first=HEARTBEAT_INTERVAL,
        name=HEARTBEAT_JOB,
        # a tick still running (a hung write) makes the next ones skip: the watchdog then
        # goes unpinged, as it should
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )


async def stop_heartbeat(application: Application) -> None:
    heartbeat = application.bot_data.get(HEARTBEAT_KEY)
    if isinstance(heartbeat, Heartbeat):
        await heartbeat.stopped(application)
