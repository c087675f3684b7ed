"""Benchmark of answers: time from an update's arrival to the reply's sendMessage.

Run from the repository root (about 8 minutes with the defaults, under 2 with ``--quick``)::

    .venv/bin/python bench/answers.py [--quick] [--window S] [--sizes 1000,10000,100000]

(a) open loop, in this process, over the offline in-process request layer: updates arrive
    from many users mid-intake (each a realistic answer to that user's current question:
    an amount when the question is the amount, a tap on 跳过 at the rate …) at 10 and 50
    updates a second (Poisson arrivals, the same schedule for every design), put on
    ``application.update_queue`` as PTB's updater does, with the application started.
    Four designs, interleaved (A B C D, A B C D …) at 1k / 10k / 100k users already stored:
    this bot (``build_application`` as production builds it, its rate limiter included),
    this bot with ``rate_limiter=None``, a minimal PTB bot that commits each answer to SQLite
    (WAL, synchronous=FULL, one aiosqlite connection) before its sendMessage, and PTB's
    PicklePersistence bot as in PTB's examples.
(b) closed loop through a real HTTP Bot API: ``python -m bot`` against
    ``tests/support/fake_bot_api.py``, N = 10 / 50 / 200 users each sending their next answer
    as soon as the reply to the previous one arrives: answers/s and latency.
(c) optional (``--burst M``): a burst of M due reminders through an HTTP server that answers
    429 above 30 sendMessage calls a second, while answers arrive at 10 a second.

Nothing is left on disk (one temp directory, removed at the end); only 127.0.0.1 is used.
"""

# ruff: noqa: E402  (the repository root goes on sys.path before the project is imported)

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import math
import os
import pickle
import platform
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import types
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import aiosqlite
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    Defaults,
    MessageHandler,
    PicklePersistence,
    filters,
)
from telegram.request import RequestData
from telegram.warnings import PTBUserWarning

from bench import reminders
from bot import offline_updates
from bot.__main__ import freeze_start_up_heap
from bot.adapters import keyboards
from bot.app import build_application
from bot.logging_setup import LOG_FORMAT, quiet_libraries
from bot.offline import OFFLINE_TOKEN, OfflineBotApi
from bot.services import Services
from bot.storage.db import Database, migration_scripts
from conversations.intake.states import IntakeState
from tests.support.chat import test_settings
from tests.support.fake_bot_api import ApiError, FakeBotApi, _Server

S = IntakeState
TZ_NAME = "Asia/Shanghai"
FAKE_TOKEN = "123456:BENCH-answers"
SEED = 15  # the arrival schedules and the order users are picked in
START_DELAY = 0.2  # s from application.start() to the first scheduled arrival

# the targets (issue 15, point 2), at 50 updates/s with 100k users stored
TARGET_RATIO = 1.5
TARGET_P99 = 0.005
TARGET_MAX = 0.050
TARGET_RATE = 50.0
TARGET_USERS = 100_000


# --------------------------------------------------------------------------- the intake path


@dataclass(frozen=True)
class Step:
    """One question of the intake and the answer a person gives to it."""

    state: IntakeState
    answer: str  # the text typed, or the label of the button tapped
    tap: bool = False
    markup: Callable[[], InlineKeyboardMarkup] | None = None


# The path of the unemployed 花呗 profile (tests/support/flows.py), from the amount on; a
# seeded user stands at one of these questions with the answers before it stored.
PATH: tuple[Step, ...] = (
    Step(S.ASK_AMOUNT, "23500"),
    Step(S.ASK_OVERDUE, "45天"),
    Step(S.ASK_RATE, "跳过", tap=True, markup=keyboards.skip_rate),
    Step(S.ASK_TOTAL, "30000"),
    Step(S.ASK_MORE_DEBTS, "没有了", tap=True, markup=keyboards.more_debts),
    Step(S.ASK_REASON, "失业", tap=True, markup=keyboards.reasons),
    Step(S.ASK_DURATION, "约3个月", tap=True, markup=keyboards.durations),
    Step(S.ASK_INCOME, "6000"),
    Step(S.ASK_PAYDAY, "15号", tap=True, markup=keyboards.paydays),
    Step(S.ASK_ESSENTIALS, "4000"),
    Step(S.ASK_OTHER_DEBTS, "没有", tap=True, markup=keyboards.no_other_debts),
)
AFTER_PATH = S.CONFIRM  # the summary


def step_of(user_id: int) -> int:
    """Where a seeded user stands on PATH (users are spread evenly over its questions)."""
    return (user_id - 1) % len(PATH)


def next_state(index: int) -> IntakeState:
    return PATH[index + 1].state if index + 1 < len(PATH) else AFTER_PATH


def button_data(markup: InlineKeyboardMarkup | dict[str, Any] | None, label: str) -> str:
    if isinstance(markup, InlineKeyboardMarkup):
        markup = markup.to_dict()
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if label in button["text"]:
                return str(button["callback_data"])
    raise LookupError(f"no button {label!r} in {markup}")


# --------------------------------------------------------------------------- seeding


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def seed_bot_db(path: Path, users: int, at_step: int | None = None) -> float:
    """The real schema with ``users`` people mid-intake: a consented user, a draft case at
    its question (``cases.step``), its debt with the answers so far, the conversation row.

    ``at_step`` puts everybody at that question of PATH, else they are spread over all.
    """
    begun = time.perf_counter()
    now = datetime.now(UTC)
    stamp = utc_text(now - timedelta(minutes=5))
    overdue = (now.astimezone().date() - timedelta(days=45)).isoformat()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    for version, sql in migration_scripts():
        conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    user_rows, case_rows, debt_rows, conversation_rows = [], [], [], []
    for uid in range(1, users + 1):
        k = step_of(uid) if at_step is None else at_step
        state = int(PATH[k].state)
        user_rows.append((uid, uid, stamp, stamp, stamp))
        case_rows.append(
            (
                uid,
                uid,
                state,
                uid,
                "unemployed" if k >= 6 else None,
                1 if k >= 7 else None,
                3 if k >= 7 else None,
                600_000 if k >= 8 else None,
                15 if k >= 9 else None,
                1 if k >= 9 else 0,
                400_000 if k >= 10 else None,
                stamp,
                stamp,
            )
        )
        debt_rows.append(
            (
                uid,
                uid,
                2_350_000 if k >= 1 else None,
                overdue if k >= 2 else None,
                1 if k >= 3 else 0,
                3_000_000 if k >= 4 else None,
                1 if k >= 4 else 0,
                stamp,
            )
        )
        conversation_rows.append(("intake", json.dumps([uid, uid]), json.dumps(state)))
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO users (user_id, chat_id, consented_at, created_at, last_seen_at)"
        " VALUES (?, ?, ?, ?, ?)",
        user_rows,
    )
    conn.executemany(
        "INSERT INTO cases (id, user_id, status, step, current_debt_id, hardship_reason,"
        " hardship_temporary, hardship_months, income_fen, payday, payday_answered,"
        " essentials_fen, created_at, updated_at)"
        " VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        case_rows,
    )
    conn.executemany(
        "INSERT INTO debts (id, case_id, product, amount_fen, overdue_since, rate_answered,"
        " total_due_fen, total_answered, created_at) VALUES (?, ?, 'huabei', ?, ?, ?, ?, ?, ?)",
        debt_rows,
    )
    conn.executemany(
        "INSERT INTO conversations (name, key, state) VALUES (?, ?, ?)", conversation_rows
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - begun


MINIMAL_SCHEMA = """
CREATE TABLE progress (user_id INTEGER PRIMARY KEY, step INTEGER NOT NULL);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, step INTEGER NOT NULL,
    answer TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX answers_by_user ON answers(user_id);
"""


def seed_minimal_db(path: Path, users: int) -> float:
    begun = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(MINIMAL_SCHEMA)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO progress (user_id, step) VALUES (?, ?)",
        ((uid, int(PATH[step_of(uid)].state)) for uid in range(1, users + 1)),
    )
    conn.executemany(
        "INSERT INTO answers (user_id, step, answer, at) VALUES (?, ?, ?, ?)",
        ((uid, 2, "花呗", "2026-11-24T02:00:00+00:00") for uid in range(1, users + 1)),
    )
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - begun


def seed_pickle(path: Path, users: int) -> float:
    """PicklePersistence's single file, as PTB writes it: a conversation state and the
    answers so far (user_data) for each user."""
    begun = time.perf_counter()
    data = {
        "conversations": {
            "intake": {(uid, uid): int(PATH[step_of(uid)].state) for uid in range(1, users + 1)}
        },
        "user_data": {
            uid: {str(int(step.state)): step.answer for step in PATH[: step_of(uid)]}
            | {"product": "花呗"}
            for uid in range(1, users + 1)
        },
        "chat_data": {},
        "bot_data": {},
        "callback_data": None,
    }
    with path.open("wb") as file:
        pickle.dump(data, file)
    return time.perf_counter() - begun


# --------------------------------------------------------------------------- request layer


class TimedApi(OfflineBotApi):
    """The offline in-process Bot API, noting when each awaited reply's sendMessage arrives."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, float] = {}  # chat id -> arrival of its unanswered update
        self.latencies: dict[int, float] = {}  # chat id -> seconds from arrival to reply
        self.method_counts: Counter[str] = Counter()
        self.own_seconds = 0.0  # spent answering calls (but getUpdates): the fake's own work

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        if self.waiting or self.latencies:
            self.method_counts[api_method] += 1
        if api_method == "sendMessage" and request_data is not None:
            now = time.perf_counter()
            chat = int(request_data.parameters.get("chat_id", 0))
            arrived = self.waiting.pop(chat, None)
            if arrived is not None:
                self.latencies[chat] = now - arrived
        started = time.perf_counter()
        try:
            return await super().do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        finally:
            # answered in this thread with no wait (only getUpdates waits, in a thread)
            if api_method != "getUpdates":
                self.own_seconds += time.perf_counter() - started


# --------------------------------------------------------------------------- the designs


@dataclass
class Design:
    key: str
    label: str
    store: str  # which seeded store it runs on: "bot", "minimal" or "pickle"


DESIGNS = (
    Design("bot", "this bot", "bot"),
    Design("bot-nolimit", "this bot, rate_limiter=None", "bot"),
    Design("minimal", "minimal SQLite bot", "minimal"),
    Design("minimal-same", "minimal, this bot's messages", "minimal"),
    Design("pickle", "PicklePersistence bot", "pickle"),
)


@dataclass
class Running:
    application: Application
    close: Callable[[], Any]
    statements: Callable[[], int] | None = None


async def start_bot(
    design: Design, store: Path, api: TimedApi, *, count_statements: bool = False
) -> Running:
    """The real Application, initialised and post_init'ed as ``python -m bot`` does.

    ``count_statements`` adds a trace callback (Python run at every SQL statement, paid by no
    peer): for ``profile_answers`` only."""
    settings = test_settings(store, timezone=TZ_NAME)
    services = Services(settings=settings, database=Database(store))
    limiter: Any = "default" if design.key == "bot" else None
    application = build_application(settings, request=api, services=services, rate_limiter=limiter)
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    counter = await _count_statements(services.database) if count_statements else None

    async def close() -> None:
        await application.shutdown()
        assert application.post_shutdown is not None
        await application.post_shutdown(application)

    return Running(application, close, counter)


async def _count_statements(database: Database) -> Callable[[], int]:
    """Counts the SQL statements run on the bot's connection (a trace callback)."""
    conn = await database.connection()
    count = [0]

    def trace(_: str) -> None:
        count[0] += 1

    await conn.set_trace_callback(trace)
    return lambda: count[0]


@dataclass(frozen=True)
class Reply:
    """What this bot sent for one answer (``profile_answers``): the tap's ✓ edit, if any, and
    the next question with its buttons, as (label, callback data) rows; ``calls`` are all its
    Bot API calls, without the ids that differ from one chat or tap to the next."""

    edit_text: str | None
    text: str
    buttons: tuple[tuple[tuple[str, str], ...], ...]
    calls: tuple[tuple[str, str], ...]


# this bot's replies to each question of PATH, filled by profile_answers before the windows
BOT_REPLIES: dict[int, Reply] = {}
# CPU per answer of the designs measured one by one, per size (measure_cpu)
CPU_FOUND: dict[int, dict[str, Cpu]] = {}


_PER_CHAT = frozenset({"chat_id", "message_id", "callback_query_id"})


def replies_of(calls: Sequence[tuple[str, dict[str, Any]]]) -> Reply:
    edit_text: str | None = None
    text, buttons = "", ()
    shown = tuple(
        (
            method,
            json.dumps({k: v for k, v in params.items() if k not in _PER_CHAT}, sort_keys=True),
        )
        for method, params in calls
    )
    for method, params in calls:
        if method == "editMessageText":
            edit_text = str(params["text"])
        elif method == "sendMessage":
            markup = params.get("reply_markup") or {}
            if isinstance(markup, str):
                markup = json.loads(markup)
            text = str(params["text"])
            buttons = tuple(
                tuple((b["text"], b["callback_data"]) for b in row)
                for row in markup.get("inline_keyboard", [])
            )
    return Reply(edit_text, text, buttons, shown)


async def start_minimal(store: Path, api: TimedApi, *, same_messages: bool = False) -> Running:
    """A plain PTB bot: each answer is committed (one transaction) before its sendMessage.

    With ``same_messages`` it sends what this bot sends (``BOT_REPLIES``): a tap's answer and
    its ✓ edit go out while the answer is stored, then the next question with its buttons,
    with this bot's defaults (HTML, no link previews). Only the messages are the same: no
    conversation handler, no views, one transaction.
    """
    conn = await aiosqlite.connect(store, isolation_level=None)
    await conn.execute("PRAGMA journal_mode=WAL")
    await conn.execute("PRAGMA synchronous=FULL")

    async def store_answer(user_id: int, text: str) -> int:
        """One transaction: the person's step moved on, the answer kept; the new step."""
        now = utc_text(datetime.now(UTC))
        await conn.execute("BEGIN IMMEDIATE")
        try:
            async with conn.execute(
                "UPDATE progress SET step = step + 1 WHERE user_id = ? RETURNING step", (user_id,)
            ) as cursor:
                row = await cursor.fetchone()
            step = int(row[0]) if row else 0
            await conn.execute(
                "INSERT INTO answers (user_id, step, answer, at) VALUES (?, ?, ?, ?)",
                (user_id, step, text, now),
            )
            await conn.execute("COMMIT")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
        return step

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user is not None and update.effective_chat is not None
        query = update.callback_query
        text = query.data if query is not None else update.message.text  # type: ignore[union-attr]
        user_id = update.effective_user.id
        if same_messages:
            await answer_same(update, user_id, text or "")
            return
        step = await store_answer(user_id, text or "")
        if query is not None:
            await query.answer()
        await update.effective_chat.send_message(f"记下了。第 {step} 个问题：……")

    async def answer_same(update: Update, user_id: int, text: str) -> None:
        assert update.effective_chat is not None
        reply = BOT_REPLIES[step_of(user_id)]
        query = update.callback_query
        ahead: list[Any] = []
        if query is not None:
            ahead.append(query.answer())
            if reply.edit_text is not None:
                ahead.append(query.edit_message_text(reply.edit_text))
        sent_ahead = [asyncio.ensure_future(call) for call in ahead]
        await store_answer(user_id, text)
        markup = None
        if reply.buttons:
            markup = InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(label, callback_data=data) for label, data in row]
                    for row in reply.buttons
                ]
            )
        await update.effective_chat.send_message(reply.text, reply_markup=markup)
        await asyncio.gather(*sent_ahead)

    if same_messages and len(BOT_REPLIES) != len(PATH):
        raise RuntimeError("the same-messages peer needs profile_answers run first")
    builder = ApplicationBuilder().token(OFFLINE_TOKEN).request(api).get_updates_request(api)
    if same_messages:
        # this bot's defaults (bot/app.py), so its messages go out as this bot's do
        builder.defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, answer))
    application.add_handler(CallbackQueryHandler(answer))
    await application.initialize()

    async def close() -> None:
        await application.shutdown()
        await conn.close()

    return Running(application, close)


async def start_pickle(store: Path, api: TimedApi) -> Running:
    """PTB's persistentconversationbot.py, reshaped to the intake's questions: a persistent
    ConversationHandler, the answers in ``user_data``, PicklePersistence with its defaults
    (one file, ``on_flush=False``, ``update_interval=60``)."""

    def receiver(index: int) -> Callable[..., Any]:
        async def receive(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
            assert update.effective_chat is not None and context.user_data is not None
            query = update.callback_query
            if query is not None:
                await query.answer()
                context.user_data[str(int(PATH[index].state))] = query.data
            else:
                assert update.message is not None
                context.user_data[str(int(PATH[index].state))] = update.message.text
            await update.effective_chat.send_message(
                f"记下了。下一个问题：{int(next_state(index))}"
            )
            return int(next_state(index))

        return receive

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        assert update.effective_chat is not None
        await update.effective_chat.send_message("你好")
        return int(PATH[0].state)

    states: dict[object, list[Any]] = {
        int(step.state): [
            MessageHandler(filters.TEXT & ~filters.COMMAND, receiver(index)),
            CallbackQueryHandler(receiver(index)),
        ]
        for index, step in enumerate(PATH)
    }
    # the summary: an answer there is taken like any other and the summary asked again
    states[int(AFTER_PATH)] = states[int(PATH[-1].state)]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=PTBUserWarning)
        conversation = ConversationHandler(
            entry_points=[CommandHandler("start", start)],
            states=states,
            fallbacks=[],
            name="intake",
            persistent=True,
        )
    persistence = PicklePersistence(filepath=store)
    application = (
        ApplicationBuilder()
        .token(OFFLINE_TOKEN)
        .request(api)
        .get_updates_request(api)
        .persistence(persistence)
        .build()
    )
    application.add_handler(conversation)
    await application.initialize()

    async def close() -> None:
        await application.shutdown()

    return Running(application, close)


async def start_design(design: Design, store: Path, api: TimedApi) -> Running:
    if design.store == "bot":
        return await start_bot(design, store, api)
    if design.store == "minimal":
        return await start_minimal(store, api, same_messages=design.key == "minimal-same")
    return await start_pickle(store, api)


# --------------------------------------------------------------------------- open loop


@dataclass
class Arrival:
    at: float  # seconds after the window's start
    user_id: int


def schedule(rate: float, seconds: float, users: Sequence[int], seed: int) -> list[Arrival]:
    """Poisson arrivals at ``rate`` a second for ``seconds``, one per user (in order)."""
    rng = random.Random(seed)
    arrivals: list[Arrival] = []
    at = rng.expovariate(rate)
    while at < seconds:
        if len(arrivals) >= len(users):
            raise SystemExit(
                f"{rate:g} updates/s for {seconds:g} s needs more users than the"
                f" {len(users):,} left unused: shorten --window or add users"
            )
        arrivals.append(Arrival(at, users[len(arrivals)]))
        at += rng.expovariate(rate)
    return arrivals


def build_update(api: TimedApi, bot: telegram.Bot, user_id: int) -> Update:
    """The answer ``user_id`` gives to their current question, as Telegram would send it.

    A tap needs the question on the screen: it is first shown in the chat through the
    offline API (so the bot's edit of it finds it, as on Telegram).
    """
    step = PATH[step_of(user_id)]
    if not step.tap:
        raw = offline_updates.message_update(user_id, text=step.answer)
    else:
        assert step.markup is not None
        markup = step.markup().to_dict()
        status, payload = api.server.handle(
            "sendMessage", {"chat_id": user_id, "text": "…", "reply_markup": markup}
        )
        assert status == 200, payload
        buttons = [
            [(b["text"], b["callback_data"]) for b in row] for row in markup["inline_keyboard"]
        ]
        raw = offline_updates.callback_update(
            user_id,
            button_data(markup, step.answer),
            message_id=payload["result"]["message_id"],
            buttons=buttons,
        )
    return Update.de_json(raw, bot)


@dataclass
class Window:
    design: str
    updates: int = 0
    latencies: list[float] = field(default_factory=list)  # inf: never answered
    unanswered_at_end: int = 0
    never_answered: int = 0
    feeder_late_max: float = 0.0
    flush_s: float | None = None
    flush_states: int = 0
    flush_wanted: int = 0  # pickle: users changed since the last tick
    flush_full_s: float | None = None  # pickle: the tick, extrapolated from one dump
    calls: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    accepted: int | None = None  # this bot: answers that moved the user to the next question

    def merge(self, other: Window) -> None:
        self.updates += other.updates
        self.latencies += other.latencies
        self.unanswered_at_end += other.unanswered_at_end
        self.never_answered += other.never_answered
        self.feeder_late_max = max(self.feeder_late_max, other.feeder_late_max)
        if other.flush_s is not None:
            self.flush_s = (self.flush_s or 0.0) + other.flush_s
            self.flush_states += other.flush_states
        if other.flush_full_s is not None:
            self.flush_wanted += other.flush_wanted
            self.flush_full_s = (self.flush_full_s or 0.0) + other.flush_full_s
        self.calls += other.calls
        self.errors += other.errors
        if other.accepted is not None:
            self.accepted = (self.accepted or 0) + other.accepted


class ErrorCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.samples: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.samples) < 3:
            self.samples.append(f"{record.name}: {record.getMessage()[:200]}")


ERRORS = ErrorCount()


def mark_dirty(application: Application, user_ids: Sequence[int]) -> int:
    """What PTB's 60 s flush finds changed: the conversations of the users who answered
    since the last one. Only states PTB holds are marked."""
    marked = 0
    conversations = getattr(application, "_conversation_handler_conversations", {})
    for states in conversations.values():
        for uid in user_ids:
            key = (uid, uid)
            if key in states:
                states.mark_as_accessed(key)
                marked += 1
    return marked


async def run_window(
    design: Design,
    store: Path,
    arrivals: list[Arrival],
    seconds: float,
    drain: float,
    dirty: Sequence[int],
) -> Window:
    """One window: start the design, feed the arrivals open-loop, measure, stop."""
    api = TimedApi()
    running = await start_design(design, store, api)
    application = running.application
    updates = [(a.at, a.user_id, build_update(api, application.bot, a.user_id)) for a in arrivals]
    result = Window(design.key, updates=len(updates))
    persistence = application.persistence
    if dirty and isinstance(persistence, PicklePersistence):
        # the tick is not run: each user changed since the last one costs two dumps of the
        # whole file (user_data, then the conversation), minutes at 100k users; its length
        # is extrapolated from the quickest of three dumps, and the window shows the time
        # between ticks
        dumps = []
        for _ in range(3):
            started = time.perf_counter()
            persistence._dump_singlefile()
            dumps.append(time.perf_counter() - started)
        result.flush_wanted = len(dirty) + len(updates)
        result.flush_full_s = 2 * min(dumps) * result.flush_wanted
        dirty = []
    root = logging.getLogger()
    if ERRORS not in root.handlers:  # main() puts it there; a caller of its own may not have
        root.addHandler(ERRORS)
    errors_before = ERRORS.count
    await application.start()
    # the harness's own objects (the prebuilt updates, the modules it imported) and the
    # design's start-up heap are kept out of the garbage collector's full walks, for every
    # design alike: in production none of the harness is there, and ``python -m bot``
    # freezes its start-up heap the same way (bot/__main__.py)
    gc.collect()
    gc.freeze()
    loop = asyncio.get_running_loop()
    begin = time.perf_counter() + START_DELAY
    flush_task: asyncio.Task[None] | None = None
    flush: dict[str, float] = {}

    async def tick() -> None:
        # PTB's persistence timer firing in the middle of the window (see --flush-tick)
        await asyncio.sleep(max(0.0, begin + seconds / 2 - time.perf_counter()))
        result.flush_states = mark_dirty(application, dirty)
        started = time.perf_counter()
        await application.update_persistence()
        flush["s"] = time.perf_counter() - started

    if dirty and application.persistence is not None:
        flush_task = loop.create_task(tick())
    for at, user_id, update in updates:
        due = begin + at
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        result.feeder_late_max = max(result.feeder_late_max, time.perf_counter() - due)
        api.waiting[user_id] = due  # open loop: the arrival is the scheduled moment
        application.update_queue.put_nowait(update)
    await asyncio.sleep(max(0.0, begin + seconds - time.perf_counter()))
    result.unanswered_at_end = len(api.waiting)
    deadline = time.perf_counter() + drain
    while api.waiting and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    result.never_answered = len(api.waiting)
    result.latencies = [api.latencies.get(uid, math.inf) for _, uid, _ in updates]
    result.calls = Counter(api.method_counts)
    # what is still queued is dropped (stop() would handle it all first)
    with contextlib.suppress(asyncio.QueueEmpty):
        while True:
            application.update_queue.get_nowait()
            application.update_queue.task_done()
    if flush_task is not None:
        if not flush_task.done():
            flush_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await flush_task
        result.flush_s = flush.get("s", math.inf)
    if isinstance(application.persistence, PicklePersistence):
        application.persistence.on_flush = True  # stop(): one dump, not one per change
    try:
        await asyncio.wait_for(application.stop(), 60)
    except TimeoutError:
        print("    (the application did not stop within 60 s)", flush=True)
    if application.post_stop is not None:
        await application.post_stop(application)
    await running.close()
    gc.unfreeze()
    result.errors = ERRORS.count - errors_before
    if design.store == "bot":
        result.accepted = accepted(store, [uid for _, uid, _ in updates])
    return result


def accepted(store: Path, user_ids: Sequence[int]) -> int:
    """How many of these users' answers moved them on to the next question."""
    conn = sqlite3.connect(store)
    try:
        done = 0
        for uid in user_ids:
            row = conn.execute(
                "SELECT state FROM conversations WHERE name = 'intake' AND key = ?",
                (json.dumps([uid, uid]),),
            ).fetchone()
            done += row is not None and json.loads(row[0]) == int(next_state(step_of(uid)))
        return done
    finally:
        conn.close()


async def profile_answers(store: Path) -> dict[str, Any]:
    """This bot, no limiter, one answer to each question of PATH handled alone: the SQL
    statements and Bot API calls each takes (where the time of an answer goes)."""
    api = TimedApi()
    running = await start_bot(DESIGNS[1], store, api, count_statements=True)
    application = running.application
    assert running.statements is not None
    statements: list[int] = []
    calls: list[int] = []
    for index in range(len(PATH)):
        update = build_update(api, application.bot, index + 1)  # user i+1 is at question i
        before_sql, before_calls = running.statements(), len(api.calls)
        await application.process_update(update)
        statements.append(running.statements() - before_sql)
        calls.append(len(api.calls) - before_calls)
        BOT_REPLIES[index] = replies_of(api.calls[before_calls:])
    await running.close()
    return {"statements": statements, "calls": calls}


CPU_DESIGNS = ("bot-nolimit", "minimal", "minimal-same")
CPU_ANSWERS = 1_200  # answers per design, in CPU_ROUNDS interleaved rounds
CPU_ROUNDS = 3


@dataclass(frozen=True)
class Cpu:
    """Seconds of CPU per answer, and the part of it the in-process Bot API took (work that
    is Telegram's in production, the same for every design)."""

    total: float
    api: float

    @property
    def own(self) -> float:
        return self.total - self.api


async def cpu_of_answers(design: Design, store: Path, user_ids: Sequence[int]) -> Cpu:
    """Process time (every thread: the database's too) per answer, handled one by one.

    Steadier than the windows' tails on a shared machine: a stall of the machine is wall
    time, not this process's CPU. ``rate_limiter=None`` for this bot, as in profile_answers
    (an update handed straight to process_update is nobody's reply to the limiter).
    """
    api = TimedApi()
    running = await start_design(design, store, api)
    application = running.application
    updates = [build_update(api, application.bot, user_id) for user_id in user_ids]
    # the first call takes in every user message built above: not part of any answer
    await application.bot.get_me()
    gc.collect()
    gc.freeze()
    api.own_seconds = 0.0
    began = time.process_time()
    for update in updates:
        await application.process_update(update)
    spent = time.process_time() - began
    gc.unfreeze()
    await running.close()
    count = max(len(updates), 1)
    return Cpu(spent / count, api.own_seconds / count)


def cpu_answers_per_round(users: int) -> int:
    """How many answers each design gives in a round of measure_cpu (one per stored user)."""
    return min(CPU_ANSWERS, users) // CPU_ROUNDS


def measure_cpu(stores: dict[str, Path], users: int, tmp: Path) -> dict[str, Cpu]:
    """The median over interleaved rounds (A B C, B C A …) of each design's CPU per answer,
    each design on a copy of its store (the windows' users are left as seeded)."""
    keys = [key for key in CPU_DESIGNS if key in stores]
    per_round = cpu_answers_per_round(users)
    if not keys or per_round < 1:
        return {}
    found: dict[str, list[Cpu]] = {key: [] for key in keys}
    copies: dict[str, Path] = {}
    for key in keys:
        copies[key] = tmp / f"cpu-{key}-{users}.sqlite3"
        shutil.copy(stores[key], copies[key])
    designs = {d.key: d for d in DESIGNS}
    for round_ in range(CPU_ROUNDS):
        user_ids = range(round_ * per_round + 1, (round_ + 1) * per_round + 1)
        turn = round_ % len(keys)
        for key in keys[turn:] + keys[:turn]:  # each design first in one round
            found[key].append(asyncio.run(cpu_of_answers(designs[key], copies[key], user_ids)))
    for path in copies.values():
        path.unlink()
    return {
        key: sorted(values, key=lambda c: c.total)[len(values) // 2]
        for key, values in found.items()
    }


def cpu_line(cpu: dict[str, Cpu]) -> str:
    """This bot's CPU per answer beside the peers', and the ratios of what each spends
    outside the in-process Bot API."""
    if set(cpu) != set(CPU_DESIGNS):
        return "CPU per answer: not measured"
    mine, plain, same = cpu["bot-nolimit"], cpu["minimal"], cpu["minimal-same"]
    return (
        f"CPU per answer, one by one (of which the in-process Bot API): this bot (no limiter)"
        f" {mine.total * 1e3:.2f} ms ({mine.api * 1e3:.2f}), minimal {plain.total * 1e3:.2f} ms"
        f" ({plain.api * 1e3:.2f}), minimal with this bot's messages {same.total * 1e3:.2f} ms"
        f" ({same.api * 1e3:.2f}); without the API's part this bot spends"
        f" {mine.own / plain.own:.1f}× the minimal bot's, {mine.own / same.own:.1f}× the"
        " minimal bot's with the same messages"
    )


# --------------------------------------------------------------------------- figures


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest rank; an unanswered update counts as infinitely late."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def fmt_s(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    if math.isinf(value):
        return "unanswered"
    if value >= 1:
        return f"{value:.1f} s"
    return f"{value * 1000:.1f} ms"


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"load average {load} (1/5/15 min) on {os.cpu_count()} CPUs"


def versions() -> str:
    return (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version},"
        f" python-telegram-bot {telegram.__version__}, aiosqlite {aiosqlite.__version__},"
        f" {platform.system()} {platform.release()}, {platform.machine()}"
    )


def commit() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}"


COLUMNS = "p50", "p99", "max", "unanswered at end", "never answered", "flush tick"


def print_windows(windows: dict[str, Window], seconds: float) -> None:
    head = f"    {'design':30}{'p50':>10}{'p99':>12}{'max':>12}  {'unanswered':>12}  notes"
    print(head)
    for design in DESIGNS:
        w = windows.get(design.key)
        if w is None:
            continue
        lat = w.latencies
        notes = []
        if w.flush_s is not None:
            notes.append(f"flush tick {fmt_s(w.flush_s)} ({w.flush_states:,} states)")
        elif w.flush_full_s is not None:
            notes.append(
                f"NO flush tick in these figures: it would block the loop ≈"
                f" {fmt_s(w.flush_full_s)} (2 dumps of the file × {w.flush_wanted:,} users)"
            )
        per = {k: v / max(w.updates, 1) for k, v in w.calls.items()}
        calls = " ".join(f"{k} {v:.2f}" for k, v in sorted(per.items()) if v >= 0.01)
        if calls:
            notes.append(f"calls/update: {calls}")
        if w.accepted is not None and w.accepted != w.updates:
            notes.append(f"moved on {w.accepted:,}/{w.updates:,}")
        if w.never_answered:
            notes.append(f"{w.never_answered:,} still unanswered after the drain")
        if w.errors:
            notes.append(f"{w.errors} errors logged")
        if w.feeder_late_max > 0.02:
            notes.append(f"feeder {fmt_s(w.feeder_late_max)} late at worst")
        unanswered = f"{w.unanswered_at_end:,}/{w.updates:,}"
        print(
            f"    {design.label:30}{fmt_s(percentile(lat, 0.5)):>10}"
            f"{fmt_s(percentile(lat, 0.99)):>12}{fmt_s(max(lat, default=math.nan)):>12}"
            f"  {unanswered:>12}  {'; '.join(notes)}",
            flush=True,
        )


def ratio(windows: dict[str, Window], peer: str = "minimal") -> float:
    """p99 of this bot over that of ``peer`` (the issue's target is against "minimal")."""
    mine, minimal = windows.get("bot"), windows.get(peer)
    if mine is None or minimal is None:
        return math.nan
    return percentile(mine.latencies, 0.99) / percentile(minimal.latencies, 0.99)


# --------------------------------------------------------------------------- closed loop


class WideServer(_Server):
    # 200 users at once: the standard library's small backlog would reset connections
    request_queue_size = 1024


class ClosedLoopApi(FakeBotApi):
    """The e2e fake, where each user answers the question as soon as it is shown."""

    server_class = WideServer

    def __init__(self, fresh: Iterator[int]) -> None:
        super().__init__(token=FAKE_TOKEN, max_poll_timeout=1.0)
        self.fresh = fresh
        self.lock = threading.Lock()
        self.running = False
        self.step: dict[int, int] = {}  # user -> index on PATH of the answer in flight
        self.sent_at: dict[int, float] = {}  # user -> when their update was queued
        self.latencies: list[tuple[float, float]] = []  # (reply time, latency)
        self.seen: set[tuple[int, int]] = set()
        self.on_shown = self._reply

    def begin(self, slots: int) -> None:
        self.running = True
        for _ in range(slots):
            self._answer(next(self.fresh), 0, None)

    def _answer(self, user_id: int, index: int, markup: Any) -> None:
        step = PATH[index]
        with self.lock:
            self.step[user_id] = index
            self.sent_at[user_id] = time.perf_counter()
        if step.tap:
            message_id = self.last_buttons_message_id(user_id)
            assert message_id is not None
            self.press_button(user_id, button_data(markup, step.answer), message_id)
        else:
            self.send_text(user_id, step.answer)

    def _reply(self, shown: Any) -> None:
        if shown.method != "sendMessage":
            return
        now = time.perf_counter()
        user_id = int(shown.chat_id)
        with self.lock:
            # handle() reports what was shown while it ran, so calls running at the same
            # time (a long poll) report the same message again: each counts once
            if (user_id, shown.message_id) in self.seen:
                return
            self.seen.add((user_id, shown.message_id))
            sent = self.sent_at.pop(user_id, None)
            if sent is None:
                return
            self.latencies.append((now, now - sent))
            index = self.step[user_id]
        if not self.running:
            return
        # the reply to the last answer is the summary: this person is done, a new one starts
        if index + 1 >= len(PATH):
            self._answer(next(self.fresh), 0, None)
        else:
            self._answer(user_id, index + 1, shown.reply_markup)


def start_process(api: FakeBotApi, database: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BOT_")} | {
        "BOT_TOKEN": FAKE_TOKEN,
        "BOT_API_BASE_URL": api.base_url,
        "BOT_DATABASE": str(database),
        "BOT_TIMEZONE": TZ_NAME,
        "BOT_LOG_LEVEL": "INFO",
    }
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )


def closed_loop(tmp: Path, template: Path, slots: int, seconds: float) -> dict[str, Any]:
    database = tmp / f"closed-{slots}.sqlite3"
    shutil.copy(template, database)
    log = tmp / f"closed-{slots}.log"
    fresh = iter(range(1, 10**9))
    with ClosedLoopApi(fresh) as api:
        process = start_process(api, database, log)
        try:
            deadline = time.monotonic() + 60
            while not api.calls_to("getUpdates"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the bot did not start:\n{log.read_text()[-2000:]}")
                time.sleep(0.05)
            begun = time.perf_counter()
            api.begin(slots)
            time.sleep(seconds)
            api.running = False
            end = time.perf_counter()
            time.sleep(1.0)  # the answers in flight may still get their reply
            with api.lock:
                in_window = [lat for at, lat in api.latencies if at <= end]
                still = len(api.sent_at)
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    logs = log.read_text(encoding="utf-8", errors="replace")
    errors = [line for line in logs.splitlines() if " ERROR " in line or "Traceback" in line]
    return {
        "slots": slots,
        "answers": len(in_window),
        "rate": len(in_window) / (end - begun),
        "p50": percentile(in_window, 0.5),
        "p99": percentile(in_window, 0.99),
        "max": max(in_window, default=math.nan),
        "unanswered": still,
        "exit": code,
        "errors": errors,
    }


# --------------------------------------------------------------------------- burst (point 3)

# the targets (issue 15, point 3): answers at 10 updates/s during a burst of 5,000
BURST_RATE = 10.0
TARGET_BURST_P99 = 0.020
TARGET_DRAIN = 29.0


class BurstApi(reminders.RateLimitedFakeBotApi):
    """bench/reminders.py's HTTP fake (429 above 30 sendMessage calls in any rolling second),
    noting each sendMessage call as it arrives: (time.monotonic(), chat id, accepted)."""

    def __init__(self) -> None:
        super().__init__(reminders.FAKE_TOKEN)
        self.sends: list[tuple[float, int, bool]] = []

    def _m_send_message(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        now = time.monotonic()  # CLOCK_MONOTONIC: the same clock in the bot's process
        chat = int(params.get("chat_id", 0))
        try:
            message = super()._m_send_message(params, files)
        except ApiError:
            self.sends.append((now, chat, False))
            raise
        self.sends.append((now, chat, True))
        return message


def show_questions(api: BurstApi, user_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Each user's answer as a raw update; a tapped question is first shown in the fake's chat
    (before the run, with the fake's limit lifted and its records cleared afterwards)."""
    api.limit = 10**9
    raws: dict[int, dict[str, Any]] = {}
    for user_id in user_ids:
        step = PATH[step_of(user_id)]
        if not step.tap:
            raws[user_id] = offline_updates.message_update(user_id, text=step.answer)
            continue
        assert step.markup is not None
        markup = step.markup().to_dict()
        status, payload = api.handle(
            "sendMessage", {"chat_id": user_id, "text": "…", "reply_markup": markup}
        )
        assert status == 200, payload
        buttons = [
            [(b["text"], b["callback_data"]) for b in row] for row in markup["inline_keyboard"]
        ]
        raws[user_id] = offline_updates.callback_update(
            user_id,
            button_data(markup, step.answer),
            message_id=payload["result"]["message_id"],
            buttons=buttons,
        )
    api.limit = reminders.TELEGRAM_LIMIT
    with api._lock:
        api._arrivals.clear()
        api.deliveries.clear()
        api.too_many = 0
        api.sends.clear()
    return raws


async def burst_child(spec: dict[str, Any]) -> dict[str, Any]:
    """In the bot's own process: the production Application (``build_application`` with its
    default limiter, the real HTTP request layer, the JobQueue running the reminder engine as
    production schedules it) with the bot's clock at the burst's due minute; the answers are
    put on ``update_queue`` open loop at their scheduled moments."""
    root = logging.getLogger()
    file_handler = logging.FileHandler("burst-child.log", encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    warnings_seen = reminders.CountingHandler()
    warnings_seen.setLevel(logging.WARNING)
    root.handlers = [file_handler, warnings_seen]
    root.setLevel(logging.INFO)  # as production: one INFO line per update
    quiet_libraries()
    db = Path(spec["db"])
    clock = reminders.VirtualClock(reminders.DUE_MINUTE)
    settings = reminders.bench_settings(db, reminders.FAKE_TOKEN, spec["base_url"])
    svc = Services(settings=settings, database=Database(db), clock=clock)
    application = build_application(settings, services=svc)
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    items = json.loads(Path(spec["updates"]).read_text(encoding="utf-8"))
    updates = [(at, uid, Update.de_json(raw, application.bot)) for at, uid, raw in items]
    window: float = spec["window"]
    clock.run()
    started = time.monotonic()
    await application.start()  # the reminder sweep runs at once, then every 20 s or at once
    freeze_start_up_heap()  # as python -m bot does once started
    begin = started + START_DELAY
    arrived: list[tuple[int, float]] = []
    late = 0.0
    for at, user_id, update in updates:
        due = begin + at
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        late = max(late, time.monotonic() - due)
        arrived.append((user_id, due))  # open loop: the arrival is the scheduled moment
        application.update_queue.put_nowait(update)
    await asyncio.sleep(max(0.0, begin + window - time.monotonic()))
    if spec["drain"]:
        deadline = started + spec["drain_limit"]
        while time.monotonic() < deadline:
            if await reminders.waiting_count(svc, spec["first_id"]) == 0:
                break
            await asyncio.sleep(0.25)
        await asyncio.sleep(1.0)  # the last sends in flight
    ended = time.monotonic()
    waiting = await reminders.waiting_count(svc, spec["first_id"])
    try:
        await asyncio.wait_for(application.stop(), 60)
    except TimeoutError:
        print("    (the application did not stop within 60 s)", flush=True)
    if application.post_stop is not None:
        await application.post_stop(application)
    await application.shutdown()
    assert application.post_shutdown is not None
    await application.post_shutdown(application)
    root.handlers = []
    file_handler.close()
    return {
        "started": started,
        "begin": begin,
        "ended": ended,
        "arrived": arrived,
        "feeder_late_max": late,
        "waiting": waiting,
        "logs": warnings_seen.summary(),
    }


def run_burst_child(tmp: Path, spec: dict[str, Any]) -> dict[str, Any]:
    path = tmp / "burst-spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    command = [sys.executable, str(Path(__file__).resolve()), "--burst-child", str(path)]
    proc = subprocess.run(
        command, cwd=tmp, capture_output=True, text=True, timeout=1800, check=False
    )
    results = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not results:
        raise SystemExit(f"the burst child failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return dict(json.loads(results[-1].removeprefix("RESULT ")))


def most_in_a_second(times: Sequence[float]) -> int:
    ordered, best, first = sorted(times), 0, 0
    for last, moment in enumerate(ordered):
        while ordered[first] <= moment - 1.0:
            first += 1
        best = max(best, last - first + 1)
    return best


@dataclass
class BurstRun:
    answers: bool
    count: int
    window: float
    latencies: list[float] = field(default_factory=list)  # inf: no reply before the end
    moved_on: int = 0
    window_bulk_rate: float = 0.0  # reminders accepted a second during the answers window
    window_reply_rate: float = 0.0
    after_bulk_rate: float | None = None  # from the window's end to the last reminder
    drain_rate: float | None = None  # from application.start() to the last reminder
    drain_s: float | None = None
    peak_second: int = 0  # most sendMessage calls the fake accepted in any rolling second
    too_many_bulk: int = 0
    too_many_replies: int = 0
    replies_429ed: int = 0  # answers whose reply met at least one 429
    check: dict[str, Any] = field(default_factory=dict)
    waiting: int = 0
    feeder_late_max: float = 0.0
    logs: dict[str, Any] = field(default_factory=dict)


def burst_round(
    tmp: Path, count: int, window: float, seed: int, *, with_answers: bool, drain: bool
) -> BurstRun:
    """One run: a fresh database with ``count`` reminders due now (bench/reminders.py's
    seeding) beside users mid-intake; answers at BURST_RATE for ``window`` s or none."""
    db = tmp / f"burst-{seed}-{'answers' if with_answers else 'alone'}.sqlite3"
    for old in tmp.glob("burst-*.sqlite3*"):
        old.unlink()
    users = int(BURST_RATE * window * 1.5) + 100
    seed_bot_db(db, users)
    first_id = reminders.extend_with_burst(db, count, reminders.DUE_MINUTE)
    order = list(range(1, users + 1))
    random.Random(seed).shuffle(order)
    arrivals = schedule(BURST_RATE, window, order, seed) if with_answers else []
    answer_users = {a.user_id for a in arrivals}
    with BurstApi() as api:
        raws = show_questions(api, [a.user_id for a in arrivals])
        updates = [(a.at, a.user_id, raws[a.user_id]) for a in arrivals]
        (tmp / "burst-updates.json").write_text(json.dumps(updates), encoding="utf-8")
        spec = {
            "db": str(db),
            "base_url": api.base_url,
            "first_id": first_id,
            "updates": str(tmp / "burst-updates.json"),
            "window": window,
            "drain": drain,
            "drain_limit": max(300.0, count / 10),
        }
        found = run_burst_child(tmp, spec)
        with api._lock:
            sends = list(api.sends)
            deliveries = [d for d in api.deliveries if d.chat_id not in answer_users]
            too_many = api.too_many
    run = BurstRun(with_answers, count, window)
    begin, end = found["begin"], found["begin"] + window
    accepted_at = [(at, chat) for at, chat, ok in sends if ok]
    bulk = sorted(at for at, chat in accepted_at if chat not in answer_users)
    replies: dict[int, list[float]] = {}
    for at, chat in accepted_at:
        if chat in answer_users:
            replies.setdefault(chat, []).append(at)
    for user_id, due in found["arrived"]:
        after = [at for at in replies.get(user_id, []) if at >= due]
        run.latencies.append(min(after) - due if after else math.inf)
    run.moved_on = accepted(db, list(answer_users)) if answer_users else 0
    run.window_bulk_rate = sum(begin <= at < end for at in bulk) / window
    run.window_reply_rate = sum(begin <= at < end for at, c in accepted_at if c in answer_users)
    run.window_reply_rate /= window
    run.peak_second = most_in_a_second([at for at, _ in accepted_at])
    run.too_many_bulk = sum(not ok and chat not in answer_users for _, chat, ok in sends)
    run.too_many_replies = sum(not ok and chat in answer_users for _, chat, ok in sends)
    run.replies_429ed = len({chat for _, chat, ok in sends if not ok and chat in answer_users})
    view = types.SimpleNamespace(deliveries=deliveries, too_many=too_many)
    run.check = reminders.delivery_check(db, first_id, view)  # type: ignore[arg-type]
    run.waiting = found["waiting"]
    run.feeder_late_max = found["feeder_late_max"]
    run.logs = found["logs"]
    if drain and bulk:
        run.drain_s = bulk[-1] - found["started"]
        run.drain_rate = len(bulk) / run.drain_s
        after_window = [at for at in bulk if at >= end]
        if after_window and bulk[-1] > end:
            run.after_bulk_rate = len(after_window) / (bulk[-1] - end)
    return run


def print_burst_run(run: BurstRun, label: str) -> None:
    check = run.check
    print(f"  {label}", flush=True)
    if run.answers:
        lat = run.latencies
        unanswered = sum(math.isinf(x) for x in lat)
        print(
            f"    answers ({len(lat):,} at {BURST_RATE:g}/s for {run.window:g} s):"
            f" p50 {fmt_s(percentile(lat, 0.5))}, p99 {fmt_s(percentile(lat, 0.99))},"
            f" max {fmt_s(max(lat, default=math.nan))}; unanswered {unanswered:,};"
            f" over 20 ms {sum(x > TARGET_BURST_P99 for x in lat):,};"
            f" a 429 met by the reply of {run.replies_429ed:,};"
            f" moved on to the next question {run.moved_on:,}/{len(lat):,}"
            + (
                f"; feeder {fmt_s(run.feeder_late_max)} late at worst"
                if run.feeder_late_max > 0.02
                else ""
            )
        )
    print(
        f"    sendMessage accepted by the fake during the {run.window:g} s window:"
        f" {run.window_bulk_rate + run.window_reply_rate:.1f}/s"
        f" (replies {run.window_reply_rate:.1f}/s + reminders {run.window_bulk_rate:.1f}/s);"
        f" most in any rolling second of the run: {run.peak_second}"
    )
    drained = run.drain_rate is not None and run.waiting == 0
    if run.count == 0:
        pass  # the answers' peer: no reminder was due
    elif run.drain_rate is not None and run.drain_s is not None:
        after = (
            f", {run.after_bulk_rate:.1f} msgs/s after the window"
            if run.after_bulk_rate is not None
            else ""
        )
        print(
            f"    the burst: {check['delivered']:,} delivered, drained in {run.drain_s:.1f} s ="
            f" {run.drain_rate:.1f} msgs/s over the drain"
            f" (target ≥ {TARGET_DRAIN:g}: {mark(run.drain_rate >= TARGET_DRAIN)}){after};"
            f" still waiting {run.waiting:,}"
        )
    else:
        print(
            f"    the burst, first {run.window:g} s only (not drained: no loss figure):"
            f" {check['delivered']:,} delivered by the stop"
        )
    lost = f"lost {check['lost']:,}" if drained else "lost -"
    print(
        f"    429 answers {run.too_many_bulk + run.too_many_replies:,}"
        f" (to reminders {run.too_many_bulk:,}, to replies {run.too_many_replies:,}); {lost};"
        f" doubled {check['duplicated']:,}; marked sent but never delivered"
        f" {check['marked_not_delivered']:,}; statuses {check['statuses']}"
    )
    for key, number in sorted(run.logs.get("counts", {}).items(), key=lambda kv: -kv[1]):
        print(f"    log {number:>6} × {key}: {run.logs['samples'][key]}")


def run_burst(tmp: Path, count: int, window: float, rounds: int) -> None:
    print(
        f"\n== answers during a burst of {count:,} due reminders: the production Application"
        f" (build_application's default limiter, HTTP) against bench/reminders.py's fake"
        f" (429 above {reminders.TELEGRAM_LIMIT} sendMessage calls in any rolling second);"
        f" answers at {BURST_RATE:g} updates/s for the first {window:g} s; the burst alone"
        f" for comparison, interleaved; {machine()}",
        flush=True,
    )
    alone: list[BurstRun] = []
    during: list[BurstRun] = []
    quiet: list[BurstRun] = []  # the same answers with no reminder due: the HTTP path's own
    for round_ in range(rounds):
        seed = SEED + round_
        run = burst_round(tmp, count, window, seed, with_answers=False, drain=False)
        print_burst_run(run, f"round {round_ + 1} · the burst alone, no answers · {machine()}")
        alone.append(run)
        run = burst_round(tmp, 0, window, seed, with_answers=True, drain=False)
        label = f"round {round_ + 1} · the same answers, no reminder due · {machine()}"
        print_burst_run(run, label)
        quiet.append(run)
        run = burst_round(tmp, count, window, seed, with_answers=True, drain=True)
        label = f"round {round_ + 1} · the burst with answers, drained · {machine()}"
        print_burst_run(run, label)
        during.append(run)
    latencies = [x for run in during for x in run.latencies]
    p99 = percentile(latencies, 0.99)
    unanswered = sum(math.isinf(x) for x in latencies)
    lost = sum(run.check["lost"] for run in during)
    doubled = sum(run.check["duplicated"] for run in during + alone)
    drain = min((run.drain_rate or 0.0) for run in during)
    alone_rate = sum(run.window_bulk_rate for run in alone) / len(alone)
    during_rate = sum(run.window_bulk_rate for run in during) / len(during)
    replies = sum(run.window_reply_rate for run in during) / len(during)
    print(
        f"  reminders a second over the first {window:g} s: {alone_rate:.1f} alone,"
        f" {during_rate:.1f} with answers (+ {replies:.1f} replies a second)"
    )
    without = [x for run in quiet for x in run.latencies]
    print(
        f"  answers p50 / p99: {fmt_s(percentile(latencies, 0.5))} / {fmt_s(p99)} during the"
        f" burst, {fmt_s(percentile(without, 0.5))} / {fmt_s(percentile(without, 0.99))}"
        f" with no reminder due (the same answers through the same HTTP fake)"
    )
    print(
        f"  target (issue 15, point 3): answers p99 {fmt_s(p99)}"
        f" (≤ 20 ms: {mark(p99 <= TARGET_BURST_P99 and unanswered == 0)});"
        f" the burst drained at {drain:.1f} msgs/s (≥ {TARGET_DRAIN:g}:"
        f" {mark(drain >= TARGET_DRAIN)}); lost {lost} (0: {mark(lost == 0)});"
        f" doubled {doubled} (0: {mark(doubled == 0)})",
        flush=True,
    )


# --------------------------------------------------------------------------- main


def run_open_loop(
    sizes: Sequence[int],
    rates: Sequence[float],
    seconds: float,
    rounds: int,
    drain: float,
    flush_tick: bool,
    tmp: Path,
    designs: Sequence[Design] = DESIGNS,
) -> dict[tuple[int, float], dict[str, Window]]:
    results: dict[tuple[int, float], dict[str, Window]] = {}
    for users in sizes:
        print(f"\n== open loop, {users:,} users stored mid-intake", flush=True)
        stores: dict[str, Path] = {}
        needed = {d.store for d in designs}
        seeded: dict[str, Path] = {}
        for design in designs:
            name = f"{design.key}-{users}"
            path = tmp / (f"{name}.pickle" if design.store == "pickle" else f"{name}.sqlite3")
            if design.store in seeded:
                shutil.copy(seeded[design.store], path)
            else:
                seeder = {"bot": seed_bot_db, "minimal": seed_minimal_db, "pickle": seed_pickle}
                took = seeder[design.store](path, users)
                seeded[design.store] = path
                size = path.stat().st_size / 1e6
                print(f"  seeded the {design.store} store: {took:.1f} s, {size:.1f} MB")
            stores[design.key] = path
        del needed
        probe = tmp / f"probe-{users}.sqlite3"
        shutil.copy(stores["bot"], probe)
        found = asyncio.run(profile_answers(probe))
        sql, calls = found["statements"], found["calls"]
        print(
            f"  this bot, one answer to each of the {len(PATH)} questions handled alone:"
            f" {min(sql)}–{max(sql)} SQL statements (mean {sum(sql) / len(sql):.1f}),"
            f" {min(calls)}–{max(calls)} Bot API calls (mean {sum(calls) / len(calls):.1f})"
            " per answer",
            flush=True,
        )
        cpu = measure_cpu(stores, users, tmp)
        handled = cpu_answers_per_round(users) * CPU_ROUNDS
        print(f"  {cpu_line(cpu)}; {handled:,} answers each, median of {CPU_ROUNDS} rounds")
        CPU_FOUND[users] = cpu
        order = list(range(1, users + 1))
        random.Random(SEED + users).shuffle(order)
        used = 0
        # users who "answered in the 60 s before" the flush tick come from the far end
        spare = order[::-1]
        for rate in rates:
            windows: dict[str, Window] = {}
            part = seconds / rounds
            print(
                f"  {rate:g} updates/s, {seconds:g} s per design"
                f"{f' in {rounds} interleaved rounds' if rounds > 1 else ''}; {machine()}",
                flush=True,
            )
            for round_ in range(rounds):
                arrivals = schedule(rate, part, order[used:], SEED + round_ + int(rate))
                used += len(arrivals)
                tick = flush_tick and round_ == rounds // 2
                taken = set(order[:used])
                for design in designs:
                    dirty: list[int] = []
                    if tick:
                        # PTB's default update_interval: the tick finds 60 s of answers
                        wanted = int(rate * 60.0)
                        dirty = [u for u in spare[:wanted] if u not in taken]
                    w = asyncio.run(
                        run_window(design, stores[design.key], arrivals, part, drain, dirty)
                    )
                    windows.setdefault(design.key, Window(design.key)).merge(w)
            print_windows(windows, seconds)
            r = ratio(windows)
            same = ratio(windows, "minimal-same")
            print(
                f"    p99 this bot / minimal bot: {fmt_ratio(r)}  (target ≤ {TARGET_RATIO}×);"
                f" / minimal with this bot's messages: {fmt_ratio(same)}"
            )
            results[(users, rate)] = windows
    return results


def print_summary(results: dict[tuple[int, float], dict[str, Window]], seconds: float) -> None:
    print("\n== summary: arrival → reply's sendMessage, p50 / p99 / max; unanswered at the end")
    rates = sorted({rate for _, rate in results})
    sizes = sorted({users for users, _ in results})
    head = "".join(f"{f'{rate:g} updates/s':>36}{'unanswered':>12}" for rate in rates)
    print(f"  {'design':42}{head}")
    for users in sizes:
        for design in DESIGNS:
            cells = []
            for rate in rates:
                w = results.get((users, rate), {}).get(design.key)
                if w is None:
                    cells.append(f"{'-':>36}{'-':>12}")
                    continue
                lat = w.latencies
                text = (
                    f"{fmt_s(percentile(lat, 0.5))} / {fmt_s(percentile(lat, 0.99))}"
                    f" / {fmt_s(max(lat))}"
                )
                cells.append(f"{text:>36}{f'{w.unanswered_at_end:,}/{w.updates:,}':>12}")
            print(f"  {f'{users // 1000}k users · {design.label}':42}" + "".join(cells))
        ratios = "".join(
            f"{fmt_ratio(ratio(results.get((users, rate), {}))):>36}{'':>12}" for rate in rates
        )
        print(f"  {f'{users // 1000}k users · p99 this bot / minimal':42}{ratios}")
        same = "".join(
            f"{fmt_ratio(ratio(results.get((users, rate), {}), 'minimal-same')):>36}{'':>12}"
            for rate in rates
        )
        print(f"  {f'{users // 1000}k users · … / minimal, same messages':42}{same}")
    for (users, rate), windows in sorted(results.items()):
        for design in DESIGNS:
            w = windows.get(design.key)
            if w is not None and w.flush_s is None and w.flush_full_s is not None:
                print(
                    f"  {users // 1000}k users · {design.label} at {rate:g} updates/s: figures"
                    f" without the flush tick, which would block the loop ≈"
                    f" {fmt_s(w.flush_full_s)} (extrapolated)"
                )
    for users, cpu in sorted(CPU_FOUND.items()):
        print(f"  {users // 1000}k users · {cpu_line(cpu)}")
    key = (TARGET_USERS, TARGET_RATE)
    if key in results:
        w = results[key]["bot"]
        p99, worst = percentile(w.latencies, 0.99), max(w.latencies)
        r = ratio(results[key])
        print(
            f"  target at {TARGET_RATE:g} updates/s with {TARGET_USERS:,} users: p99 {fmt_s(p99)}"
            f" (≤ 5 ms: {mark(p99 <= TARGET_P99)}), max {fmt_s(worst)}"
            f" (≤ 50 ms: {mark(worst <= TARGET_MAX)}), ratio {fmt_ratio(r)}"
            f" (≤ {TARGET_RATIO}×: {mark(r <= TARGET_RATIO)}),"
            f" every update answered: {mark(w.unanswered_at_end == 0)}"
        )


def fmt_ratio(value: float) -> str:
    if math.isnan(value):
        return "-"
    return "∞ (unanswered)" if math.isinf(value) else f"{value:.1f}×"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small run: about 2 minutes")
    parser.add_argument("--window", type=float, help="seconds of arrivals per design (10)")
    parser.add_argument("--sizes", help="users stored, comma-separated (1000,10000,100000)")
    parser.add_argument("--rates", help="updates/s, comma-separated (10,50)")
    parser.add_argument("--rounds", type=int, help="interleaved rounds per window (2)")
    parser.add_argument("--drain", type=float, default=3.0, help="s to wait for late replies")
    parser.add_argument(
        "--no-flush-tick",
        action="store_true",
        help="leave out PTB's persistence flush in the middle of each window",
    )
    parser.add_argument("--closed", help="closed-loop users, comma-separated (10,50,200)")
    parser.add_argument("--closed-seconds", type=float, help="s per closed-loop run (10)")
    parser.add_argument(
        "--burst",
        type=int,
        nargs="?",
        const=0,
        metavar="M",
        help="only the burst mode: answers during M due reminders (5000; 1000 with --quick)",
    )
    parser.add_argument(
        "--burst-window", type=float, help="s of answers during the burst (30; 10 with --quick)"
    )
    parser.add_argument("--burst-rounds", type=int, default=1, help="interleaved rounds (1)")
    parser.add_argument("--burst-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.burst_child:
        spec = json.loads(Path(args.burst_child).read_text(encoding="utf-8"))
        print("RESULT " + json.dumps(asyncio.run(burst_child(spec))), flush=True)
        return
    quick = args.quick
    if args.burst is not None:
        count = args.burst or (1_000 if quick else 5_000)
        window = args.burst_window or (10.0 if quick else 30.0)
        begun = time.perf_counter()
        print("answers benchmark (issue 15): answers during a burst of reminders")
        print(f"  code at {commit()}; {versions()}")
        print(f"  at start: {machine()}")
        tmp = Path(tempfile.mkdtemp(prefix="bench-answers-burst-"))
        try:
            run_burst(tmp, count, window, args.burst_rounds)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"\n  at end: {machine()}")
        print(f"  total benchmark time {time.perf_counter() - begun:.0f} s")
        return
    seconds = args.window or (3.0 if quick else 10.0)
    sizes = [
        int(x) for x in (args.sizes or ("1000,100000" if quick else "1000,10000,100000")).split(",")
    ]
    rates = [float(x) for x in (args.rates or "10,50").split(",")]
    rounds = args.rounds or (1 if quick else 2)
    closed_text = args.closed if args.closed is not None else ("10,50" if quick else "10,50,200")
    closed = [int(x) for x in closed_text.split(",") if x]
    closed_seconds = args.closed_seconds or (3.0 if quick else 10.0)

    begun = time.perf_counter()
    print("answers benchmark (issue 15): arrival of an update → the reply's sendMessage")
    print(f"  code at {commit()}; {versions()}")
    print(f"  at start: {machine()}")
    print(
        f"  open loop: {seconds:g} s of Poisson arrivals per design and rate, {rounds} round(s),"
        f" designs interleaved; a reply still missing {args.drain:g} s after the window is lost"
    )
    if not args.no_flush_tick:
        print(
            "  flush tick: PTB's persistence timer (every 60 s) is made to fire once, in the"
            " middle of each window, with the conversations answered in the 60 s before it"
            " marked changed (rate × 60 users) — what a window that contains the tick sees;"
            " the PicklePersistence bot's tick is extrapolated instead (minutes at 100k users)"
        )
    tmp = Path(tempfile.mkdtemp(prefix="bench-answers-"))
    root = logging.getLogger()
    file_handler = logging.FileHandler(tmp / "in-process.log", encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.handlers = [file_handler, ERRORS]
    root.setLevel(logging.INFO)  # as production: one INFO line per update
    quiet_libraries()
    try:
        results = run_open_loop(
            sizes, rates, seconds, rounds, args.drain, not args.no_flush_tick, tmp
        )
        if ERRORS.samples:
            print("  errors logged (first ones):")
            for sample in ERRORS.samples:
                print(f"    {sample}")
        if closed:
            closed_users = 10_000
            print(
                f"\n== closed loop: python -m bot over HTTP (tests/support/fake_bot_api.py),"
                f" {closed_users:,} users stored at the amount question; each user answers"
                f" as soon as the reply is shown, 11 answers to the summary, then a new user;"
                f" {closed_seconds:g} s each; {machine()}",
                flush=True,
            )
            template = tmp / "closed-template.sqlite3"
            seed_bot_db(template, closed_users, at_step=0)
            print(f"    {'users':>6}{'answers/s':>11}{'p50':>10}{'p99':>12}{'max':>12}  notes")
            for slots in closed:
                found = closed_loop(tmp, template, slots, closed_seconds)
                notes = f"{found['answers']:,} answers; exit {found['exit']}"
                if found["errors"]:
                    notes += (
                        f"; {len(found['errors'])} error lines, e.g. {found['errors'][0][:160]}"
                    )
                print(
                    f"    {slots:>6}{found['rate']:>11.1f}{fmt_s(found['p50']):>10}"
                    f"{fmt_s(found['p99']):>12}{fmt_s(found['max']):>12}  {notes}",
                    flush=True,
                )
        print_summary(results, seconds)
    finally:
        root.handlers = []
        file_handler.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n  at end: {machine()}")
    print(f"  total benchmark time {time.perf_counter() - begun:.0f} s")


if __name__ == "__main__":
    main()
