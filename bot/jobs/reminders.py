"""The reminder engine: one scheduler job claims due reminders, sends them, and marks them.

The database is the source of truth. The job only sweeps it, so memory and start-up time do
not depend on how many reminders are stored, and nothing is lost when the process dies:

* a reminder is claimed, sent, then marked sent — one marked sent is never sent again;
* one claimed but not marked (a crash in between) goes back to the queue at start-up;
* one whose time passed while the bot was down is sent if its installment is not yet past
  due, otherwise it is replaced by the missed-installment follow-up; of several reminders of
  one installment found late, only the newest that still makes sense goes out (one message
  per installment: ``bot.domain.late_reminders``), the others are cancelled with the reason;
* 403 pauses the user's reminders until they write again; 429 waits as long as Telegram asks;
  an error that certainly did not deliver (an HTTP answer such as 5xx, a connection that was
  never made) is retried later, with backoff;
* a send that may have arrived (a time-out while waiting for the answer, a connection lost
  after the request went out) is never sent again within minutes: it is marked uncertain and
  taken as sent, or, when nothing else about it is still to come, sent once more a day later
  (``resend_after_uncertain``). One late message is better than two.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import httpx
from aiolimiter import AsyncLimiter
from telegram import InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, ContextTypes

from bot.delivery import DeliveryUnknown
from bot.domain.late_reminders import Queued, Skip, resend_after_uncertain, superseded
from bot.domain.progress import Installment
from bot.domain.reminders import (
    ReminderKind,
    out_of_quiet_hours,
    still_useful,
)
from bot.services import ENGINE_KEY, Services, services, slot
from bot.storage import repo
from bot.storage.repo import DueReminder, InstallmentRecord
from bot.usecases.checkins import queue_check_in

log = logging.getLogger(__name__)

# a reminder's kind (and its installment, if any) on a given local day → text and buttons
Render = Callable[[ReminderKind, Installment | None, date], tuple[str, InlineKeyboardMarkup]]

SWEEP_JOB = "reminders:sweep"
SWEEP_INTERVAL = timedelta(seconds=20)
MESSAGES_PER_SECOND = 30  # Telegram's overall limit for a bot (its documented figure)
# our choice: reminders are paced a little under that limit, so that the jitter of sends in
# flight never puts a 31st message into one second (each 429 costs a send over a second)
PACE_PER_SECOND = 29.5
BATCH_SIZE = 30  # sends in flight
SWEEP_SECONDS = 15.0  # below the interval, so ticks do not pile up
STOP_GRACE_SECONDS = 5.0  # sends in flight when the bot stops: well inside a 10 s stop
POLL_SECONDS = 0.25
PER_CHAT_GAP_SECONDS = 1.0
MAX_ATTEMPTS = 12
INSTALLMENT_KINDS = {ReminderKind.LEAD, ReminderKind.DUE, ReminderKind.SNOOZE}
# httpx's errors raised before the request left this machine: nothing reached Telegram
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def may_have_arrived(error: TelegramError) -> bool:
    """Whether a failed send may still have reached the person.

    python-telegram-bot raises ``TimedOut`` from httpx's time-outs and ``NetworkError`` from
    its other transport errors (the httpx error as ``__cause__``), and a bare ``NetworkError``
    (no cause) for an HTTP answer it does not know, such as 500 or 502: Telegram answered, so
    it did not send. The request layer (bot.adapters.retrying_request) has already tried
    those again and raises ``DeliveryUnknown`` for what may have been carried out, a
    gateway's 504 among them. Without that layer (as before it) a time-out or a
    transport error is certain only when the request never left (connecting, or waiting for
    a free connection); a read time-out, or a connection dropped while waiting for the
    answer, may come after Telegram delivered the message.
    """
    if isinstance(error, DeliveryUnknown):
        return True  # the request layer says so (a late answer, a gateway's 504 …)
    if not isinstance(error, NetworkError) or isinstance(error, BadRequest):
        return False
    cause = error.__cause__
    if isinstance(error, TimedOut):
        return not isinstance(cause, NOT_SENT)
    # no cause, or an answer whose body was not JSON (a proxy's 502 page): Telegram answered
    return cause is not None and not isinstance(cause, (*NOT_SENT, TelegramError))


@dataclass
class SweepReport:
    sent: int = 0
    retried: int = 0
    paused: int = 0
    failed: int = 0
    cancelled: int = 0
    replaced: int = 0
    uncertain: int = 0  # timed out: may have arrived, not sent again within minutes

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class ReminderEngine:
    """Holds only the last send time per user (private chat), never the queue itself.

    ``render`` turns a due reminder into its message; app.py passes the adapters' one, so the
    engine never imports the Telegram views.
    """

    render: Render
    last_sent: dict[int, float] = field(default_factory=dict)
    _sweeping: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Reminders go out evenly, one every 1/30 s. The bot's AIORateLimiter also allows 30 a
    # second, but lets a burst of 30 through on top, which Telegram answers with 429
    # (measured in bench/reminders.py); replies to users keep that burst allowance.
    _pace: AsyncLimiter = field(default_factory=lambda: AsyncLimiter(1, 1 / PACE_PER_SECOND))
    # set when a sweep stopped on its time limit with reminders still due
    backlog: bool = False

    async def sweep(
        self,
        application: Application,
        now: datetime | None = None,
        max_seconds: float = SWEEP_SECONDS,
        keep_going: Callable[[], bool] = lambda: True,
    ) -> SweepReport:
        """Sends what is due, keeping up to BATCH_SIZE sends in flight, for ``max_seconds``.

        A new reminder is claimed as soon as a send finishes, so one slow send (a 429 being
        waited out) does not hold up the others. Only one sweep runs at a time. When
        ``keep_going`` turns false (the bot is stopping) nothing new is claimed and the sends
        in flight finish.
        """
        if self._sweeping.locked():
            return SweepReport()
        async with self._sweeping:
            return await self._sweep(application, now, max_seconds, keep_going)

    async def _sweep(
        self,
        application: Application,
        fixed_now: datetime | None,
        max_seconds: float,
        keep_going: Callable[[], bool],
    ) -> SweepReport:
        svc = services(application)
        report = SweepReport()
        local = (fixed_now or svc.now()).astimezone(svc.tz)
        if out_of_quiet_hours(local) != local:
            # 22:00–08:00: nothing is sent; what came due waits for the morning
            return report
        started = time.monotonic()
        in_flight: dict[asyncio.Task[str], int] = {}  # task → user id
        self.backlog = False
        while True:
            room = BATCH_SIZE - len(in_flight)
            if room and time.monotonic() - started < max_seconds and keep_going():
                now = fixed_now or svc.now()
                self._forget_old_chats()
                busy = set(self.last_sent) | set(in_flight.values())
                async with svc.database.transaction() as conn:
                    claimed = await repo.claim_due_reminders(conn, now, room, skip_users=busy)
                for reminder in claimed:
                    task = asyncio.create_task(
                        self._deliver_safely(application, svc, reminder, now)
                    )
                    in_flight[task] = reminder.user_id
            elif room and keep_going():
                self.backlog = True
            if not in_flight:
                break
            if not keep_going():
                await self._finish_for_stop(in_flight, report)
                break
            # wake up now and then even if nothing finished, to notice the bot stopping
            done, _ = await asyncio.wait(
                in_flight, timeout=POLL_SECONDS, return_when=asyncio.FIRST_COMPLETED
            )
            for task in done:
                del in_flight[task]
                report.add(task.result())
        if report.sent or report.retried or report.paused or report.failed or report.uncertain:
            log.info("reminder sweep: %s", report)
        return report

    @staticmethod
    async def _finish_for_stop(
        in_flight: dict[asyncio.Task[str], int], report: SweepReport
    ) -> None:
        """The bot is stopping: give the sends in flight a bounded time, then cancel the rest.

        A cancelled send's reminder stays claimed and is requeued at the next start.
        """
        done, late = await asyncio.wait(in_flight, timeout=STOP_GRACE_SECONDS)
        for task in done:
            report.add(task.result())
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)

    def _forget_old_chats(self) -> None:
        horizon = time.monotonic() - PER_CHAT_GAP_SECONDS
        for chat_id in [c for c, at in self.last_sent.items() if at < horizon]:
            del self.last_sent[chat_id]

    async def _deliver_safely(
        self, application: Application, svc: Services, reminder: DueReminder, now: datetime
    ) -> str:
        """A bug with one reminder must not leave the rest of the batch claimed."""
        try:
            return await self._deliver(application, svc, reminder, now)
        except Exception:
            log.exception("reminder %s could not be handled", reminder.id)
            return await self._retry(svc, reminder, now + _backoff(reminder.attempts))

    async def _deliver(
        self, application: Application, svc: Services, reminder: DueReminder, now: datetime
    ) -> str:
        conn = await svc.database.connection()
        installment = None
        if reminder.installment_id is not None:
            installment = await repo.get_installment(
                conn, reminder.user_id, reminder.installment_id
            )
        skip = await self._skip_reason(svc, reminder, installment, now)
        if skip is not None:
            return skip
        kind = ReminderKind(reminder.kind)
        text, markup = self.render(kind, installment, now.astimezone(svc.tz).date())
        self.last_sent[reminder.user_id] = time.monotonic()
        try:
            async with self._pace:
                await application.bot.send_message(reminder.chat_id, text, reply_markup=markup)
        except Forbidden:
            async with svc.database.transaction() as conn:
                await repo.set_blocked(conn, reminder.user_id, now)
                await repo.retry_reminder_later(conn, reminder.id, now)
            log.info("a user blocked the bot: reminders paused")
            return "paused"
        except RetryAfter as error:
            return await self._retry(svc, reminder, now + _seconds(error.retry_after))
        except BadRequest as error:
            log.warning("reminder %s rejected: %s", reminder.id, error.message)
            async with svc.database.transaction() as conn:
                await repo.mark_reminder_failed(conn, reminder.id)
            return "failed"
        except (NetworkError, TelegramError) as error:
            if may_have_arrived(error):
                return await self._uncertain(svc, reminder, kind, now, error)
            # 5xx, or no connection: certainly not sent, so try again later
            log.warning("reminder %s not sent yet: %s", reminder.id, type(error).__name__)
            return await self._retry(svc, reminder, now + _backoff(reminder.attempts))
        async with svc.database.transaction() as conn:
            await repo.mark_reminder_sent(conn, reminder.id, now)
            if kind is ReminderKind.CHECK_IN:  # the next check-in, three months on
                await queue_check_in(conn, svc.tz, reminder.user_id, now)
        return "sent"

    async def _skip_reason(
        self,
        svc: Services,
        reminder: DueReminder,
        installment: InstallmentRecord | None,
        now: datetime,
    ) -> str | None:
        """Cancels reminders that no longer help; a stale one becomes the follow-up."""
        kind = ReminderKind(reminder.kind)
        if kind is ReminderKind.CHECK_IN:  # only while a deal runs with something left to pay
            return await self._check_in_skip(svc, reminder)
        if kind == ReminderKind.CALL_NUDGE:
            return await self._skip_nudge(svc, reminder, now)
        if kind == ReminderKind.CALL_AGAIN:
            return None
        if installment is None or installment.paid:
            async with svc.database.transaction() as conn:
                await repo.cancel_reminder(conn, reminder.id, Skip.GONE)
            return "cancelled"
        if still_useful(kind, installment.due, now, svc.tz):
            if kind not in INSTALLMENT_KINDS:  # a follow-up never gives way
                return None
            conn = await svc.database.connection()
            others = await repo.waiting_alongside(conn, reminder)
            why = superseded(Queued(reminder.id, kind, reminder.due_at), others, now, svc.tz)
            if why is None:
                return None
            # found late with a later reminder of the installment near: that one goes instead
            async with svc.database.transaction() as conn:
                await repo.cancel_reminder(conn, reminder.id, why)
            return "cancelled"
        async with svc.database.transaction() as conn:
            await repo.cancel_reminder(conn, reminder.id, Skip.STALE)
            if kind in INSTALLMENT_KINDS and not await repo.has_reminder(
                conn, installment.id, ReminderKind.FOLLOWUP.value, ("pending", "claimed", "sent")
            ):
                await repo.add_reminders(
                    conn, reminder.user_id, installment.id, [(ReminderKind.FOLLOWUP, 0, now)]
                )
                return "replaced"
        return "cancelled"

    async def _uncertain(
        self,
        svc: Services,
        reminder: DueReminder,
        kind: ReminderKind,
        now: datetime,
        error: TelegramError,
    ) -> str:
        """The send may have arrived: taken as sent, or (once) queued a day later."""
        async with svc.database.transaction() as conn:
            resend_at = None
            if reminder.uncertain_at is None:  # a second time-out is not tried a third time
                others = await repo.waiting_alongside(conn, reminder)
                resend_at = resend_after_uncertain(kind, others, now, svc.tz)
            await repo.mark_reminder_uncertain(conn, reminder.id, now, resend_at)
            if resend_at is None and kind is ReminderKind.CHECK_IN:
                await queue_check_in(conn, svc.tz, reminder.user_id, now)
        then = (
            "taken as sent"
            if resend_at is None
            else f"sent once more at {resend_at:%Y-%m-%d %H:%M}Z"
        )
        name = type(error).__name__
        log.warning("reminder %s may have arrived (%s): %s", reminder.id, name, then)
        return "uncertain"

    @staticmethod
    async def _check_in_skip(svc: Services, reminder: DueReminder) -> str | None:
        """A check-in after the case closed, or with nothing left to pay, is cancelled; with
        all reminders paused (/settings) it is skipped and the next one queued."""
        async with svc.database.transaction() as conn:
            if not await repo.check_in_wanted(conn, reminder.user_id):
                await repo.cancel_reminder(conn, reminder.id, Skip.NOT_WANTED)
                return "cancelled"
            prefs = await repo.get_prefs(conn, reminder.user_id)
            if prefs is None or not prefs.muted:
                return None
            await repo.cancel_reminder(conn, reminder.id, Skip.NOT_WANTED)
            await queue_check_in(conn, svc.tz, reminder.user_id, reminder.due_at)
        return "cancelled"

    @staticmethod
    async def _skip_nudge(svc: Services, reminder: DueReminder, now: datetime) -> str | None:
        """A nudge goes out only while the plan stands with no call recorded since, the
        user has not paused all reminders, and no later nudge is also due (after downtime)."""
        conn = await svc.database.connection()
        called = await repo.call_recorded_since_plan(conn, reminder.user_id)
        prefs = await repo.get_prefs(conn, reminder.user_id)
        muted = prefs is not None and prefs.muted
        why: Skip | None = Skip.NOT_WANTED
        if called is False and not muted:
            later = await repo.has_later_due_nudge(conn, reminder, now)
            why = Skip.SUPERSEDED if later else None
        if why is None:
            return None
        async with svc.database.transaction() as conn:
            await repo.cancel_reminder(conn, reminder.id, why)
        return "cancelled"

    async def _retry(self, svc: Services, reminder: DueReminder, at: datetime) -> str:
        async with svc.database.transaction() as conn:
            if reminder.attempts >= MAX_ATTEMPTS:
                await repo.mark_reminder_failed(conn, reminder.id)
                return "failed"
            await repo.retry_reminder_later(conn, reminder.id, at)
        return "retried"


def _seconds(value: float | timedelta) -> timedelta:
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


async def sweep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one scheduled job: sweep the queue; with a backlog left, sweep again at once."""
    engine = slot(context, ENGINE_KEY, ReminderEngine)
    application = context.application
    await engine.sweep(application, keep_going=lambda: application.running)
    if engine.backlog and application.running and context.job_queue is not None:
        context.job_queue.run_once(sweep_job, when=0, name=f"{SWEEP_JOB}:backlog")


async def start_engine(application: Application, render: Render) -> None:
    """At start-up: requeue what a crash left claimed, then sweep now and every interval."""
    svc = services(application)
    async with svc.database.transaction() as conn:
        released = await repo.release_claimed_reminders(conn)
    if released:
        log.info("requeued %d reminders claimed before a restart", released)
    application.bot_data[ENGINE_KEY] = ReminderEngine(render)
    job_queue = application.job_queue
    assert job_queue is not None
    # The queue lives in the database, so missed ticks need no replay: no misfire grace limit
    # (APScheduler's 1 s default would silently drop a late tick), overlapping ticks coalesce.
    job_kwargs = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
    # once right at start-up: what came due while the bot was down goes out now; an interval
    # job added before the scheduler starts would first fire only one interval later
    job_queue.run_once(sweep_job, when=0, name=f"{SWEEP_JOB}:startup", job_kwargs=job_kwargs)
    job_queue.run_repeating(
        sweep_job,
        interval=SWEEP_INTERVAL,
        first=SWEEP_INTERVAL,
        name=SWEEP_JOB,
        job_kwargs=job_kwargs,
    )
