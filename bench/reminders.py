"""Benchmark of the reminder engine, and of the naive one-job-per-reminder design it replaces.

Run from the repository root (about 8 minutes with the defaults: two 5,000-message bursts at
Telegram's 30 messages a second take 2 × 170 s at the very least)::

    .venv/bin/python bench/reminders.py [--installments N] [--burst M] [--naive-scale K]

(a) start-up with N installments and 3·N reminders stored, in a fresh process: the real
    ``build_application`` on the offline request layer, ``initialize``, ``post_init`` and one
    sweep with nothing due; also with N/10 to show whether it grows with the stored volume.
(b) a burst of M reminders due in the same minute, sent by ``ReminderEngine.sweep`` through
    the real HTTP request layer to ``FakeBotApi``, which answers 429 above 30 sendMessage calls
    in a rolling second; plus two short extras: the engine as production schedules it (one
    sweep of at most 15 s every 20 s) and the same burst on top of the N stored installments.
(c) the naive design: one JobQueue ``run_once`` job per pending reminder, start-up at K and
    K/10 jobs (extrapolated to 3,000,000), and the same M-message burst as M jobs.

Memory and start-up figures come from child processes; the fake Bot API runs in this (parent)
process so the bot under test has a core and a GIL of its own. Nothing is left on disk.
"""

# ruff: noqa: E402  (the repository root goes on sys.path before the project is imported)

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import logging
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import aiolimiter
import apscheduler
import httpx
import telegram
from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from pydantic import SecretStr
from telegram.ext import AIORateLimiter, Application, ContextTypes

import bot.app
from bot.adapters.reminder_messages import reminder_message
from bot.app import build_application
from bot.config import Settings
from bot.domain.reminders import ReminderKind
from bot.jobs.reminders import SWEEP_INTERVAL, ReminderEngine
from bot.offline import OFFLINE_TOKEN, OfflineBotApi
from bot.services import Services, services
from bot.storage import repo
from bot.storage.db import Database, migration_scripts
from bot.storage.repo import DueReminder
from tests.support.fake_bot_api import ApiError, FakeBotApi, _Server

IMPORTED_AT = time.time()

TZ_NAME = "Asia/Shanghai"
TZ = ZoneInfo(TZ_NAME)
BASE_DAY = date(2026, 11, 24)
# start-up: every stored reminder is either sent (before this) or pending (after it)
IDLE_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
# the burst: all due at this minute, outside quiet hours and clear of the stored reminders
DUE_MINUTE = datetime(2026, 11, 24, 10, 30, tzinfo=TZ)
AGREED_AT = "2026-08-01T10:00:00+08:00"
FAKE_TOKEN = "123456:BENCH"
INSTALLMENTS_PER_USER = 10
EXTRAPOLATE_TO = 3_000_000
NAIVE_LEAD_SECONDS = 8.0  # naive burst: the due moment is this far after the DB is written

TARGET_RSS_MB = 100.0
TARGET_STARTUP_S = 2.0
TARGET_RATE = 29.0
TELEGRAM_LIMIT = 30  # sendMessage calls in any rolling second before the fake answers 429


def utc_text(moment: datetime) -> str:
    """The reminders table's time format (see bot.storage.repo.reminders.utc_text)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- data generation


def new_database(path: Path) -> sqlite3.Connection:
    """The real schema (the shipped migrations, applied as ``migrate`` does), tuned for bulk."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1048576")  # 1 GiB: index inserts stay in memory
    for version, sql in migration_scripts():
        conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    return conn


def add_people(conn: sqlite3.Connection, first: int, count: int) -> None:
    """Users ``first``…``first+count-1``, each with one planned case, one debt and one deal."""
    last = first + count - 1
    conn.execute(
        "WITH RECURSIVE s(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM s WHERE x < ?)"
        " INSERT INTO users (user_id, chat_id, consented_at, created_at)"
        " SELECT x, x, ?, ? FROM s",
        (first, last, AGREED_AT, AGREED_AT),
    )
    span = (first, last)
    conn.execute(
        "INSERT INTO cases (id, user_id, status, created_at, updated_at, planned_at)"
        " SELECT user_id, user_id, 'planned', ?1, ?1, ?1 FROM users"
        " WHERE user_id BETWEEN ?2 AND ?3",
        (AGREED_AT, *span),
    )
    conn.execute(
        "INSERT INTO debts (id, case_id, product, amount_fen, overdue_since, rate_answered,"
        " created_at) SELECT user_id, user_id, 'huabei', 1200000, '2026-05-01', 1, ?1"
        " FROM users WHERE user_id BETWEEN ?2 AND ?3",
        (AGREED_AT, *span),
    )
    conn.execute(
        "INSERT INTO deals (id, user_id, case_id, debt_id, kind, terms, agreed_at)"
        " SELECT user_id, user_id, user_id, user_id, 'installments', '{}', ?1 FROM users"
        " WHERE user_id BETWEEN ?2 AND ?3",
        (AGREED_AT, *span),
    )


def add_stored_volume(conn: sqlite3.Connection, users: int) -> None:
    """10 monthly installments per user and 3 reminders each (lead, due, follow-up).

    Installments 1-3 are past and paid, 4-10 fall due over the next months; a reminder is
    'sent' if its time is before IDLE_NOW, else 'pending' — about 30 % sent, 70 % pending.
    """
    add_people(conn, 1, users)
    conn.execute(
        "WITH n(x) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10))"
        " INSERT INTO installments"
        " (deal_id, user_id, number, count, due_date, amount_fen, paid_fen, paid_at)"
        " SELECT user_id, user_id, x, ?1, due, 120000,"
        " CASE WHEN due < ?2 THEN 120000 END, CASE WHEN due < ?2 THEN due || 'T20:00:00' END"
        " FROM (SELECT u.user_id, n.x,"
        " date(?2, ((n.x - 4) * 30 + u.user_id % 30) || ' days') AS due"
        " FROM users u CROSS JOIN n)",
        (INSTALLMENTS_PER_USER, BASE_DAY.isoformat()),
    )
    conn.execute(
        "WITH k(kind, lead, shift, clock) AS (VALUES"
        " ('lead', 1, '-1 day', 'T12:00:00+00:00'),"  # 20:00 the evening before (UTC+8)
        " ('due', 0, '+0 days', 'T01:00:00+00:00'),"  # 09:00 on the due day
        " ('followup', 0, '+0 days', 'T12:00:00+00:00'))"  # 20:00 on the due day
        " INSERT INTO reminders"
        " (user_id, installment_id, kind, lead_days, due_at, status, attempts, sent_at)"
        " SELECT user_id, id, kind, lead, at,"
        " CASE WHEN at <= ?1 THEN 'sent' ELSE 'pending' END, at <= ?1,"
        " CASE WHEN at <= ?1 THEN at END"
        " FROM (SELECT i.user_id, i.id, k.kind, k.lead, date(i.due_date, k.shift) || k.clock AS at"
        " FROM installments i CROSS JOIN k)",
        (utc_text(IDLE_NOW),),
    )


def add_burst(conn: sqlite3.Connection, first_user: int, count: int, due_at: datetime) -> int:
    """``count`` new users, each with one installment due today and its reminder due at
    ``due_at``; returns the first reminder id of the burst."""
    add_people(conn, first_user, count)
    span = (first_user, first_user + count - 1)
    conn.execute(
        "INSERT INTO installments (deal_id, user_id, number, count, due_date, amount_fen)"
        " SELECT user_id, user_id, 1, 1, ?1, 120000 FROM users WHERE user_id BETWEEN ?2 AND ?3",
        (due_at.astimezone(TZ).date().isoformat(), *span),
    )
    first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM reminders").fetchone()[0]
    conn.execute(
        "INSERT INTO reminders (user_id, installment_id, kind, due_at)"
        " SELECT user_id, id, 'due', ?1 FROM installments WHERE user_id BETWEEN ?2 AND ?3"
        " ORDER BY id",
        (utc_text(due_at), *span),
    )
    return int(first_id)


def build_stored_db(path: Path, installments: int) -> dict[str, Any]:
    started = time.perf_counter()
    users = max(installments // INSTALLMENTS_PER_USER, 1)
    conn = new_database(path)
    conn.execute("BEGIN")
    add_stored_volume(conn, users)
    conn.execute("COMMIT")
    statuses = dict(conn.execute("SELECT status, count(*) FROM reminders GROUP BY status"))
    conn.close()
    return {
        "users": users,
        "installments": users * INSTALLMENTS_PER_USER,
        "reminders": sum(statuses.values()),
        "statuses": statuses,
        "seconds": time.perf_counter() - started,
        "size_mb": path.stat().st_size / 2**20,
    }


def build_burst_db(path: Path, count: int, due_at: datetime) -> int:
    conn = new_database(path)
    conn.execute("BEGIN")
    first_id = add_burst(conn, 1, count, due_at)
    conn.execute("COMMIT")
    conn.close()
    return first_id


def extend_with_burst(path: Path, count: int, due_at: datetime) -> int:
    conn = sqlite3.connect(path, isolation_level=None)
    first_user = conn.execute("SELECT max(user_id) + 1 FROM users").fetchone()[0]
    conn.execute("BEGIN")
    first_id = add_burst(conn, int(first_user), count, due_at)
    conn.execute("COMMIT")
    conn.close()
    return first_id


# --------------------------------------------------------------------------- the fake Bot API


class _WideBacklogServer(_Server):
    # socketserver's default listen backlog is 5: dozens of connections opened at once (after
    # a 429 pause) overflow it and the client sees resets that Telegram would never cause
    request_queue_size = 1024


@dataclass(frozen=True, slots=True)
class Delivery:
    at: float  # time.time() when the fake accepted it
    chat_id: int
    key: str  # what identifies the reminder: first callback data and the text


class RateLimitedFakeBotApi(FakeBotApi):
    """``FakeBotApi`` that answers sendMessage with 429 (``retry_after``) when more than
    ``limit`` sendMessage calls arrived within the last rolling ``period`` — rejected calls
    count too, as a client that keeps knocking keeps the window full."""

    server_class = _WideBacklogServer

    def __init__(
        self, token: str, *, limit: int = TELEGRAM_LIMIT, period: float = 1.0, retry_after: int = 1
    ) -> None:
        super().__init__(token)
        self.limit = limit
        self.period = period
        self.retry_after = retry_after
        self.too_many = 0
        self.deliveries: list[Delivery] = []
        self._arrivals: deque[float] = deque()

    def _m_send_message(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        now = time.monotonic()
        with self._lock:
            while self._arrivals and self._arrivals[0] <= now - self.period:
                self._arrivals.popleft()
            self._arrivals.append(now)
            if len(self._arrivals) > self.limit:
                self.too_many += 1
                raise ApiError(
                    429, f"Too Many Requests: retry after {self.retry_after}", self.retry_after
                )
        message = super()._m_send_message(params, files)
        markup = self._markup_param(params) or {}
        rows = markup.get("inline_keyboard", [])
        buttons = [button.get("callback_data", "") for row in rows for button in row]
        key = f"{buttons[0] if buttons else ''}|{params.get('text')}"
        with self._lock:
            self.deliveries.append(Delivery(time.time(), int(message["chat"]["id"]), key))
        return message


@contextmanager
def fake_api() -> Iterator[RateLimitedFakeBotApi]:
    api = RateLimitedFakeBotApi(FAKE_TOKEN)
    with api:
        yield api


# --------------------------------------------------------------------------- child side


class CountingHandler(logging.Handler):
    """Counts log records per level and logger (keeps one sample of each) instead of printing."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.counts: Counter[str] = Counter()
        self.samples: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        key = f"{record.levelname} {record.name}"
        self.counts[key] += 1
        self.samples.setdefault(key, record.getMessage()[:140])

    def summary(self) -> dict[str, Any]:
        return {"counts": dict(self.counts), "samples": self.samples}


def count_logs() -> CountingHandler:
    handler = CountingHandler()
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    # "Rate limit hit. Retrying after …" is INFO: it counts the limiter's own retries
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.INFO)
    return handler


def memory_mb() -> dict[str, float]:
    status = Path("/proc/self/status").read_text()
    kib = {
        line.split(":")[0]: int(line.split()[1])
        for line in status.splitlines()
        if line.startswith(("VmRSS:", "VmHWM:"))
    }
    return {
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "vmrss_mb": kib["VmRSS"] / 1024,
        "vmhwm_mb": kib["VmHWM"] / 1024,
    }


def bench_settings(db: Path, token: str, base_url: str | None = None) -> Settings:
    values: dict[str, object] = {
        "token": SecretStr(token),
        "database": db,
        "timezone": TZ_NAME,
        "log_level": "WARNING",
    }
    if base_url is not None:
        values["api_base_url"] = base_url
    return Settings(**values)  # type: ignore[arg-type]


@dataclass
class VirtualClock:
    """The bot's clock: ``start`` when ``run()`` is called, then advancing with real time."""

    start: datetime
    origin: float | None = None

    def run(self) -> None:
        self.origin = time.monotonic()

    def __call__(self) -> datetime:
        elapsed = 0.0 if self.origin is None else time.monotonic() - self.origin
        return self.start + timedelta(seconds=elapsed)


@dataclass
class Probe:
    """Bench-only timing around the engine's claim query and sweeps (the engine is unchanged)."""

    origin: float = field(default_factory=time.perf_counter)
    claims: list[tuple[float, float, int]] = field(default_factory=list)
    sweeps: list[tuple[float, float]] = field(default_factory=list)
    first_sweep: asyncio.Event = field(default_factory=asyncio.Event)

    def install(self, engine: ReminderEngine) -> None:
        claim, sweep = repo.claim_due_reminders, engine.sweep

        async def timed_claim(*args: Any, **kwargs: Any) -> list[DueReminder]:
            started = time.perf_counter() - self.origin
            claimed = await claim(*args, **kwargs)
            self.claims.append((started, time.perf_counter() - self.origin, len(claimed)))
            return claimed

        async def timed_sweep(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter() - self.origin
            self.first_sweep.set()
            try:
                return await sweep(*args, **kwargs)
            finally:
                self.sweeps.append((started, time.perf_counter() - self.origin))

        repo.claim_due_reminders = timed_claim  # type: ignore[assignment]
        engine.sweep = timed_sweep  # type: ignore[method-assign]

    def summary(self) -> dict[str, Any]:
        batches = [c for c in self.claims if c[2]]
        claim_ms = [(end - start) * 1000 for start, end, _ in self.claims]
        swept = sum(end - start for start, end in self.sweeps)
        return {
            "claims": len(self.claims),
            "batches": len(batches),
            "mean_batch": sum(c[2] for c in batches) / len(batches) if batches else 0.0,
            "claim_ms_mean": sum(claim_ms) / len(claim_ms) if claim_ms else 0.0,
            "claim_ms_max": max(claim_ms, default=0.0),
            "claim_s_total": sum(claim_ms) / 1000,
            "batch_s_mean": swept / len(batches) if batches else 0.0,
            "sweep_s_total": swept,
            "sweeps": [(round(a, 2), round(b, 2)) for a, b in self.sweeps],
        }


async def traced_statements(app: Application, svc: Services, engine: ReminderEngine) -> list[str]:
    """The SQL that start-up's requeue and an idle sweep run, captured via the trace hook."""
    conn = await svc.database.connection()
    captured: list[str] = []
    await conn.set_trace_callback(captured.append)
    async with svc.database.transaction() as tx:
        await repo.release_claimed_reminders(tx)
    await engine.sweep(app, IDLE_NOW)
    await conn.set_trace_callback(None)
    skip = ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")
    return list(dict.fromkeys(s for s in captured if not s.lstrip().upper().startswith(skip)))


def explain(db: Path, statements: list[str]) -> list[dict[str, Any]]:
    """Query plan and run time of each statement (writes are rolled back)."""
    conn = sqlite3.connect(db, isolation_level=None)
    found = []
    try:
        for sql in statements:
            plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
            conn.execute("BEGIN")
            started = time.perf_counter()
            conn.execute(sql).fetchall()
            seconds = time.perf_counter() - started
            conn.execute("ROLLBACK")
            found.append({"sql": " ".join(sql.split())[:90], "plan": plan, "ms": seconds * 1000})
    finally:
        conn.close()
    return found


async def child_engine_startup(db: Path, spawned: float) -> dict[str, Any]:
    logs = count_logs()
    settings = bench_settings(db, OFFLINE_TOKEN)
    svc = Services(settings=settings, database=Database(db), clock=lambda: IDLE_NOW)
    app = build_application(settings, request=OfflineBotApi(), services=svc)
    started = time.perf_counter()
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    initialized = time.perf_counter()
    engine: ReminderEngine = app.bot_data["reminder_engine"]
    report = await engine.sweep(app, IDLE_NOW)
    swept = time.perf_counter()
    ready = time.time() - spawned
    memory = memory_mb()
    # diagnostics, after the figures were taken
    plans = explain(db, await traced_statements(app, svc, engine))
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    return {
        "import_s": IMPORTED_AT - spawned,
        "ready_s": ready,
        "init_s": initialized - started,
        "sweep_s": swept - initialized,
        "swept": asdict(report),
        **memory,
        "plans": plans,
        "logs": logs.summary(),
    }


NAIVE_LOAD = (
    "SELECT r.id, r.user_id, u.chat_id, r.installment_id, r.kind, r.lead_days, r.due_at,"
    " r.attempts FROM reminders r JOIN users u ON u.user_id = r.user_id"
    # the IN term lets SQLite use the partial index reminders_waiting
    " WHERE r.status IN ('pending', 'claimed') AND r.status = 'pending'"
    " AND u.blocked_at IS NULL ORDER BY r.due_at, r.id LIMIT ?"
)


# its own bookkeeping: the engine's mark_reminder_sent only marks claimed rows
NAIVE_MARK_SENT = "UPDATE reminders SET status = 'sent', sent_at = ? WHERE id = ?"


@dataclass
class NaiveStats:
    sent: int = 0
    missed: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    last_done: float = 0.0

    @property
    def done(self) -> int:
        return self.sent + self.missed + sum(self.dropped.values())

    def on_missed(self, event: JobExecutionEvent) -> None:
        self.missed += 1
        self.last_done = time.time()


async def naive_send(context: ContextTypes.DEFAULT_TYPE) -> None:
    """What a naive bot's job does: build the message, send it once, mark it sent."""
    assert context.job is not None
    reminder: DueReminder = context.job.data  # type: ignore[assignment]
    stats: NaiveStats = context.bot_data["naive_stats"]
    svc = services(context)
    try:
        conn = await svc.database.connection()
        installment = None
        if reminder.installment_id is not None:
            installment = await repo.get_installment(
                conn, reminder.user_id, reminder.installment_id
            )
        text, markup = reminder_message(ReminderKind(reminder.kind), installment, svc.today())
        await context.bot.send_message(reminder.chat_id, text, reply_markup=markup)
    except Exception as error:  # no retry in this design: the reminder is gone
        stats.dropped[f"{type(error).__name__}: {error}"[:90]] += 1
        stats.last_done = time.time()
        return
    async with svc.database.transaction() as tx:
        await tx.execute(NAIVE_MARK_SENT, (utc_text(svc.now()), reminder.id))
    stats.sent += 1
    stats.last_done = time.time()


async def schedule_naively(app: Application, svc: Services, limit: int) -> list[DueReminder]:
    """One ``run_once`` job per pending reminder, as a naive bot does at start-up."""
    assert app.job_queue is not None
    conn = await svc.database.connection()
    async with conn.execute(NAIVE_LOAD, (limit,)) as cursor:
        rows = await cursor.fetchall()
    reminders = []
    for row in rows:
        reminder = DueReminder(
            id=row[0],
            user_id=row[1],
            chat_id=row[2],
            installment_id=row[3],
            kind=row[4],
            lead_days=row[5],
            due_at=datetime.fromisoformat(row[6]),
            attempts=row[7],
        )
        app.job_queue.run_once(
            naive_send, when=reminder.due_at, data=reminder, name=f"reminder:{reminder.id}"
        )
        reminders.append(reminder)
    return reminders


async def child_naive_startup(db: Path, spawned: float, limit: int) -> dict[str, Any]:
    logs = count_logs()
    settings = bench_settings(db, OFFLINE_TOKEN)
    svc = Services(settings=settings, database=Database(db), clock=lambda: IDLE_NOW)
    app = build_application(settings, request=OfflineBotApi(), services=svc)
    assert app.job_queue is not None
    started = time.perf_counter()
    await app.initialize()
    jobs = len(await schedule_naively(app, svc, limit))
    await app.job_queue.start()  # APScheduler files the pending jobs into its store here
    initialized = time.perf_counter()
    ready = time.time() - spawned
    memory = memory_mb()
    await app.job_queue.stop()
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    return {
        "jobs": jobs,
        "import_s": IMPORTED_AT - spawned,
        "ready_s": ready,
        "init_s": initialized - started,
        **memory,
        "logs": logs.summary(),
    }


async def waiting_count(svc: Services, first_id: int) -> int:
    conn = await svc.database.connection()
    async with conn.execute(
        "SELECT count(*) FROM reminders WHERE status IN ('pending', 'claimed') AND id >= ?",
        (first_id,),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def child_engine_burst(
    db: Path, base_url: str, first_id: int, mode: str, seconds: float, smooth_rate: float
) -> dict[str, Any]:
    """``drain``: sweep back to back until the burst is sent (``seconds`` at most);
    ``window``: the same, for the rate only (the loss figure needs a drain);
    ``scheduled``: let the JobQueue run the sweep job as production does, watching
    ``seconds`` from its first sweep on.

    ``smooth_rate`` > 0 is a what-if: the bot's AIORateLimiter without its burst allowance
    (one request per 1/rate s); the bot's own limiter otherwise.
    """
    logs = count_logs()
    if smooth_rate > 0:
        bot.app.AIORateLimiter = functools.partial(  # type: ignore[misc]
            AIORateLimiter, overall_max_rate=1, overall_time_period=1 / smooth_rate
        )
    clock = VirtualClock(DUE_MINUTE)
    settings = bench_settings(db, FAKE_TOKEN, base_url)
    svc = Services(settings=settings, database=Database(db), clock=clock)
    app = build_application(settings, services=svc)  # the real HTTPXRequest
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    engine: ReminderEngine = app.bot_data["reminder_engine"]
    probe = Probe()
    probe.install(engine)
    totals: Counter[str] = Counter()
    clock.run()
    started_wall = time.time()
    probe.origin = started = time.perf_counter()
    first_sweep_after = 0.0
    if mode == "scheduled":
        await app.start()  # the job queue runs sweep_job at start and every SWEEP_INTERVAL
        await asyncio.wait_for(probe.first_sweep.wait(), 2 * SWEEP_INTERVAL.total_seconds() + 5)
        first_sweep_after = time.perf_counter() - started
        started_wall, started = time.time(), time.perf_counter()
        await asyncio.sleep(seconds)
        await app.stop()
    else:
        deadline = started + seconds
        while (left := deadline - time.perf_counter()) > 0:
            report = await engine.sweep(app, clock(), max_seconds=min(15.0, left))
            totals.update(asdict(report))
            if await waiting_count(svc, first_id) == 0:
                break
            if not report.sent:
                await asyncio.sleep(0.2)  # only retries waiting: let their time come
    wall = time.perf_counter() - started
    waiting = await waiting_count(svc, first_id)
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    return {
        "started_wall": started_wall,
        "first_sweep_after_s": first_sweep_after,
        "wall_s": wall,
        "report": dict(totals),
        "waiting": waiting,
        "probe": probe.summary(),
        "logs": logs.summary(),
        **memory_mb(),
    }


async def child_naive_burst(db: Path, base_url: str, timeout: float) -> dict[str, Any]:
    logs = count_logs()
    settings = bench_settings(db, FAKE_TOKEN, base_url)
    svc = Services(settings=settings, database=Database(db))
    app = build_application(settings, services=svc)
    assert app.job_queue is not None
    await app.initialize()
    stats = NaiveStats()
    app.bot_data["naive_stats"] = stats
    reminders = await schedule_naively(app, svc, -1)
    app.job_queue.scheduler.add_listener(stats.on_missed, EVENT_JOB_MISSED)
    await app.start()
    due = min(r.due_at for r in reminders).timestamp()
    ready_before_due = due - time.time()
    deadline = time.monotonic() + timeout
    while stats.done < len(reminders) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    await app.stop()
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    return {
        "jobs": len(reminders),
        "sent": stats.sent,
        "missed": stats.missed,
        "dropped": dict(stats.dropped),
        "due_wall": due,
        "last_done_wall": stats.last_done,
        "ready_before_due_s": ready_before_due,
        "logs": logs.summary(),
        **memory_mb(),
    }


def run_child_from_args(args: argparse.Namespace) -> None:
    db = Path(args.db)
    if args.child == "engine-startup":
        result = asyncio.run(child_engine_startup(db, args.spawned))
    elif args.child == "naive-startup":
        result = asyncio.run(child_naive_startup(db, args.spawned, args.limit))
    elif args.child == "engine-burst":
        result = asyncio.run(
            child_engine_burst(
                db, args.base_url, args.first_id, args.mode, args.seconds, args.smooth_rate or 0.0
            )
        )
    elif args.child == "naive-burst":
        result = asyncio.run(child_naive_burst(db, args.base_url, args.seconds))
    else:
        raise SystemExit(f"unknown child {args.child}")
    print("RESULT " + json.dumps(result), flush=True)


# --------------------------------------------------------------------------- parent side


def run_child(kind: str, cwd: Path, *options: str, timeout: float = 1800) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *options]
    # through a shell that forks: getrusage's maxrss survives exec, so a child exec'd straight
    # from this (large) process would report this process's peak as its own
    command = ["/bin/sh", "-c", '"$@"; exit $?', "sh", *command, "--spawned", repr(time.time())]
    proc = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    results = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not results:
        raise RuntimeError(f"child {kind} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(results[-1].removeprefix("RESULT "))


def machine() -> list[str]:
    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "bot", "conversations"],
        capture_output=True,
        text=True,
    )
    code = head.stdout.strip() or "?"
    if dirty.stdout.strip():
        code += " + uncommitted changes in bot/ or conversations/"
    return [
        f"code       git {code}",
        f"platform   {platform.platform()}",
        f"python     {platform.python_version()} ({platform.python_implementation()})",
        f"cpu        {os.cpu_count()} × {cpu}, {memory_gib:.1f} GiB RAM",
        f"sqlite     {sqlite3.sqlite_version}",
        f"libraries  python-telegram-bot {telegram.__version__},"
        f" APScheduler {apscheduler.__version__}, aiolimiter {aiolimiter.__version__},"
        f" httpx {httpx.__version__}",
    ]


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_logs(result: dict[str, Any], indent: str = "    ") -> None:
    logs = result.get("logs", {})
    for key, count in sorted(logs.get("counts", {}).items(), key=lambda kv: -kv[1]):
        print(f"{indent}log {count:>6} × {key}: {logs['samples'][key]}")


def print_plans(plans: list[dict[str, Any]]) -> None:
    for item in plans:
        full_scan = any(p.startswith("SCAN") and "INDEX" not in p for p in item["plan"])
        flag = "FULL SCAN" if full_scan else "indexed"
        print(f"    {item['ms']:8.1f} ms  {flag:9}  {' / '.join(item['plan'])}")
        print(f"                          {item['sql']}")


def delivery_check(db: Path, first_id: int, api: RateLimitedFakeBotApi) -> dict[str, Any]:
    """Compares what the database says with what the fake Bot API accepted."""
    delivered = Counter((d.chat_id, d.key.split("|", 1)[0]) for d in api.deliveries)
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT u.chat_id, r.installment_id, r.status FROM reminders r"
        " JOIN users u ON u.user_id = r.user_id WHERE r.id >= ?",
        (first_id,),
    ).fetchall()
    conn.close()
    statuses = Counter(status for _, _, status in rows)
    lost = marked_only = 0
    for chat_id, installment_id, status in rows:
        got = delivered[(chat_id, f"rem:paid:{installment_id}")]
        lost += status != "sent" and got == 0
        marked_only += status == "sent" and got == 0
    return {
        "reminders": len(rows),
        "statuses": dict(statuses),
        "delivered": len(api.deliveries),
        "distinct": len(delivered),
        "duplicated": sum(count - 1 for count in delivered.values()),
        "lost": lost,
        "marked_not_delivered": marked_only,
        "too_many": api.too_many,
    }


def delivered_between(api: RateLimitedFakeBotApi, start: float, end: float) -> int:
    return sum(start <= d.at <= end for d in api.deliveries)


def extrapolate(small: tuple[float, float], large: tuple[float, float], to: float) -> float:
    (x1, y1), (x2, y2) = small, large
    slope = (y2 - y1) / (x2 - x1) if x2 != x1 else 0.0
    return y2 + slope * (to - x2)


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def stored_startup(tmp: Path, installments: int) -> dict[str, Any]:
    db = tmp / f"stored-{installments}.sqlite3"
    built = build_stored_db(db, installments)
    statuses = ", ".join(f"{k} {v:,}" for k, v in sorted(built["statuses"].items()))
    print(
        f"  {built['installments']:,} installments, {built['reminders']:,} reminders ({statuses})"
        f" for {built['users']:,} users: generated in {built['seconds']:.1f} s,"
        f" {built['size_mb']:.0f} MB",
        flush=True,
    )
    result = run_child("engine-startup", tmp, "--db", str(db))
    result.update(built=built, db=str(db))
    print(
        f"  process start → ready   {result['ready_s']:6.2f} s"
        f"  (imports {result['import_s']:.2f} s)   target ≤ {TARGET_STARTUP_S:.0f} s:"
        f" {mark(result['ready_s'] <= TARGET_STARTUP_S)}"
    )
    print(f"  initialize + post_init  {result['init_s']:6.2f} s")
    print(f"  one idle sweep          {result['sweep_s']:6.2f} s  (sent {result['swept']['sent']})")
    print(
        f"  peak RSS  maxrss {result['maxrss_mb']:.0f} MB, VmHWM {result['vmhwm_mb']:.0f} MB,"
        f" VmRSS at ready {result['vmrss_mb']:.0f} MB"
        f"   target ≤ {TARGET_RSS_MB:.0f} MB: {mark(result['maxrss_mb'] <= TARGET_RSS_MB)}"
    )
    print("  SQL of start-up's requeue and of the idle sweep, re-run on the same file:")
    print_plans(result["plans"])
    print_logs(result)
    return result


def naive_startup(tmp: Path, db: Path, jobs: int) -> dict[str, Any]:
    result = run_child("naive-startup", tmp, "--db", str(db), "--limit", str(jobs))
    print(
        f"  {result['jobs']:>9,} jobs: process start → ready {result['ready_s']:6.2f} s"
        f" (initialize + scheduling {result['init_s']:.2f} s),"
        f" peak RSS {result['maxrss_mb']:.0f} MB (VmRSS {result['vmrss_mb']:.0f} MB)",
        flush=True,
    )
    print_logs(result)
    return result


def print_burst(
    name: str, check: dict[str, Any], wall: float, delivered: int, drained: bool
) -> float:
    rate = delivered / wall if wall else 0.0
    print(
        f"  {name}: {delivered:,} delivered in {wall:.1f} s = {rate:.1f} msgs/s"
        f"   target ≥ {TARGET_RATE:.0f}: {mark(rate >= TARGET_RATE)}"
    )
    lost = f"lost {check['lost']:,}" if drained else "(not drained: no loss figure)"
    print(
        f"  429 answers {check['too_many']:,}; {lost}; duplicated {check['duplicated']:,};"
        f" marked sent but never delivered {check['marked_not_delivered']:,};"
        f" statuses {check['statuses']}"
    )
    return rate


def print_probe(probe: dict[str, Any]) -> None:
    print(
        f"  profile: {probe['batches']} batches of {probe['mean_batch']:.1f} on average;"
        f" claim query {probe['claim_ms_mean']:.1f} ms mean, {probe['claim_ms_max']:.1f} ms max"
        f" ({probe['claim_s_total']:.1f} s in all); {probe['batch_s_mean']:.2f} s per batch"
        f" (claim + sends + marks); sweeping {probe['sweep_s_total']:.1f} s"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--installments", type=int, default=1_000_000, help="N (default 1e6)")
    parser.add_argument("--burst", type=int, default=5_000, help="M reminders in one minute")
    parser.add_argument("--naive-scale", type=int, default=100_000, help="K naive jobs")
    parser.add_argument(
        "--cadence-seconds",
        type=float,
        default=SWEEP_INTERVAL.total_seconds(),
        help="how long to watch the engine run by its JobQueue tick (0: skip)",
    )
    parser.add_argument(
        "--whatif-seconds",
        type=float,
        default=20.0,
        help="how long to send the burst with a burst-free rate limiter, a what-if (0: skip)",
    )
    parser.add_argument(
        "--stored-burst-seconds",
        type=float,
        default=20.0,
        help="how long to send the burst on top of the N stored installments (0: skip)",
    )
    for hidden, kind in (
        ("--child", str),
        ("--db", str),
        ("--base-url", str),
        ("--mode", str),
        ("--spawned", float),
        ("--limit", int),
        ("--first-id", int),
        ("--seconds", float),
        ("--smooth-rate", float),
    ):
        parser.add_argument(hidden, type=kind, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_child_from_args(args)
        return

    begun = time.perf_counter()
    print("reminder engine benchmark")
    for line in machine():
        print("  " + line)
    tmp = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
    try:
        table = run_all(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(table)
    print(f"\ntotal benchmark time {time.perf_counter() - begun:.0f} s")


def burst_options(db: Path, api: FakeBotApi, first_id: int, mode: str, seconds: float) -> list[str]:
    return [
        *("--db", str(db), "--base-url", api.base_url, "--first-id", str(first_id)),
        *("--mode", mode, "--seconds", str(seconds)),
    ]


def run_all(args: argparse.Namespace, tmp: Path) -> dict[str, dict[str, Any]]:
    n, m, k = args.installments, args.burst, args.naive_scale
    drain_limit = max(300.0, m / 5)
    table: dict[str, dict[str, Any]] = {}

    section(f"(a) engine start-up with stored volume (temp files in {tmp})")
    small = stored_startup(tmp, max(n // 10, INSTALLMENTS_PER_USER))
    large = stored_startup(tmp, n)
    print(
        f"  growth from N/10 to N: start-up {large['ready_s'] - small['ready_s']:+.2f} s,"
        f" idle sweep {large['sweep_s'] - small['sweep_s']:+.2f} s,"
        f" RSS {large['maxrss_mb'] - small['maxrss_mb']:+.0f} MB"
    )
    stored = large["built"]["reminders"]
    table["engine"] = {
        "label": f"engine ({stored / 1e6:.1f} M stored)",
        "startup": large["ready_s"],
        "rss": large["maxrss_mb"],
    }

    section("(c) naive start-up: one JobQueue run_once job per pending reminder")
    stored_db = Path(large["db"])
    few = naive_startup(tmp, stored_db, max(k // 10, 1))
    many = naive_startup(tmp, stored_db, k)
    startup_3m, rss_3m = (
        extrapolate((few["jobs"], few[key]), (many["jobs"], many[key]), EXTRAPOLATE_TO)
        for key in ("ready_s", "maxrss_mb")
    )
    per_job_kb = (many["maxrss_mb"] - few["maxrss_mb"]) * 1024 / max(many["jobs"] - few["jobs"], 1)
    print(
        f"  EXTRAPOLATED linearly to {EXTRAPOLATE_TO:,} jobs: start-up ≈ {startup_3m:.0f} s,"
        f" RSS ≈ {rss_3m / 1024:.1f} GB ({per_job_kb:.2f} KB per job)"
    )
    table["naive"] = {"label": "naive (3.0 M jobs, extrap.)", "startup": startup_3m, "rss": rss_3m}

    section(f"(b) engine burst: {m:,} reminders due at {DUE_MINUTE:%H:%M}, HTTP, 429 above 30/s")
    burst_db = tmp / "burst.sqlite3"
    first_id = build_burst_db(burst_db, m, DUE_MINUTE)
    with fake_api() as api:
        options = burst_options(burst_db, api, first_id, "drain", drain_limit)
        result = run_child("engine-burst", tmp, *options)
        check = delivery_check(burst_db, first_id, api)
    delivered = check["delivered"]
    rate = print_burst("sweep driven back to back", check, result["wall_s"], delivered, True)
    print(f"  engine outcomes {result['report']}; still waiting {result['waiting']}")
    print_probe(result["probe"])
    print_logs(result)
    table["engine"].update(
        rate=rate, too_many=check["too_many"], lost=check["lost"], dup=check["duplicated"]
    )

    if args.cadence_seconds > 0:
        section("(b') engine as scheduled: the JobQueue sweep job, every 20 s, each ≤ 15 s")
        cadence_db = tmp / "cadence.sqlite3"
        count = int(TELEGRAM_LIMIT * args.cadence_seconds * 1.5)
        first_id = build_burst_db(cadence_db, count, DUE_MINUTE)
        window = args.cadence_seconds - 0.25  # from the first tick to just before the next
        with fake_api() as api:
            options = burst_options(cadence_db, api, first_id, "scheduled", window)
            result = run_child("engine-burst", tmp, *options)
            check = delivery_check(cadence_db, first_id, api)
            start = result["started_wall"]
            delivered = delivered_between(api, start, start + window)
        print(
            f"  {count:,} due; the first sweep began {result['first_sweep_after_s']:.1f} s after"
            f" application.start(); watched {window:.2f} s from it (one tick)"
        )
        rate = print_burst("as scheduled", check, window, delivered, False)
        print(f"  sweeps (start, end) in s after start(): {result['probe']['sweeps']}")
        print_probe(result["probe"])
        print_logs(result)
        table["cadence"] = {"label": "engine, JobQueue cadence", "rate": rate}
        table["cadence"]["too_many"] = check["too_many"]

    if args.whatif_seconds > 0:
        section(
            f"(b'') what-if, bench-only patch: AIORateLimiter without burst allowance"
            f" (1 request per 1/{TELEGRAM_LIMIT} s)"
        )
        whatif_db = tmp / "whatif.sqlite3"
        first_id = build_burst_db(whatif_db, m, DUE_MINUTE)
        with fake_api() as api:
            options = burst_options(whatif_db, api, first_id, "window", args.whatif_seconds)
            options += ["--smooth-rate", str(TELEGRAM_LIMIT)]
            result = run_child("engine-burst", tmp, *options)
            check = delivery_check(whatif_db, first_id, api)
        rate = print_burst("smooth limiter", check, result["wall_s"], check["delivered"], False)
        print_probe(result["probe"])
        print_logs(result)
        table["whatif"] = {"label": "engine, smooth limiter (what-if)", "rate": rate}
        table["whatif"]["too_many"] = check["too_many"]

    if args.stored_burst_seconds > 0:
        section(f"(b''') the same burst on top of the {stored:,} stored reminders")
        first_id = extend_with_burst(stored_db, m, DUE_MINUTE)
        with fake_api() as api:
            seconds = args.stored_burst_seconds
            options = burst_options(stored_db, api, first_id, "window", seconds)
            result = run_child("engine-burst", tmp, *options)
            check = delivery_check(stored_db, first_id, api)
        rate = print_burst("over stored volume", check, result["wall_s"], check["delivered"], False)
        print_probe(result["probe"])
        print_logs(result)
        table["stored"] = {"label": f"engine, burst + {stored / 1e6:.1f} M stored", "rate": rate}
        table["stored"]["too_many"] = check["too_many"]

    section(f"(c) naive burst: {m:,} run_once jobs due at the same moment, same server, limiter")
    naive_db = tmp / "naive-burst.sqlite3"
    due = datetime.fromtimestamp(int(time.time() + NAIVE_LEAD_SECONDS) + 1, tz=UTC)
    first_id = build_burst_db(naive_db, m, due)
    with fake_api() as api:
        options = ["--db", str(naive_db), "--base-url", api.base_url, "--seconds", str(drain_limit)]
        result = run_child("naive-burst", tmp, *options)
        check = delivery_check(naive_db, first_id, api)
    print(
        f"  jobs {result['jobs']:,}: sent {result['sent']:,}, missed by the scheduler"
        f" {result['missed']:,}, dropped after an error {result['dropped']}"
        f" (ready {result['ready_before_due_s']:.1f} s before the due moment)"
    )
    wall = result["last_done_wall"] - result["due_wall"]
    rate = print_burst("run_once jobs", check, wall, check["delivered"], True)
    print(f"  peak RSS of the bot during the burst {result['maxrss_mb']:.0f} MB")
    print_logs(result)
    table["naive"].update(
        rate=rate, too_many=check["too_many"], lost=check["lost"], dup=check["duplicated"]
    )
    return table


def print_table(table: dict[str, dict[str, Any]]) -> None:
    section("summary")
    columns = (
        ("start-up s", "startup", ".2f", f"≤ {TARGET_STARTUP_S:.0f}"),
        ("RSS MB", "rss", ",.0f", f"≤ {TARGET_RSS_MB:.0f}"),
        ("msgs/s", "rate", ".1f", f"≥ {TARGET_RATE:.0f}"),
        ("429s", "too_many", ",", ""),
        ("lost", "lost", ",", "0"),
        ("duplicated", "dup", ",", "0"),
    )
    print(f"  {'':32}" + "".join(f"{title:>12}" for title, *_ in columns))
    for row in table.values():
        cells = (format(row[key], spec) if key in row else "-" for _, key, spec, _ in columns)
        print(f"  {row['label']:32}" + "".join(f"{cell:>12}" for cell in cells))
    print(f"  {'target':32}" + "".join(f"{target:>12}" for *_, target in columns))


if __name__ == "__main__":
    main()
