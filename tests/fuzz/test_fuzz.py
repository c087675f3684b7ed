"""Hostile input in every state, through the real Application and the offline Bot API.

A user is walked once into every intake question and every deal question (and past a recorded
deal); the database is copied at each stop. Each test then starts the bot on one copy, as after
a restart, and throws seeded random input at that user: random Unicode, huge and odd numbers,
injections, media, forged and stale buttons, edits, group messages, /delete half-way, and
Telegram refusing edits and answers the way it does. It asserts what a user and the operator
would notice:

- no exception reaches the error handler (so nobody reads "出了点问题");
- every private message and every tap gets an answer (a tap: always answerCallbackQuery);
- every button the bot sends carries callback data its own patterns accept;
- nothing outside the allowed bounds is stored (amounts, months, dates, hours, states);
- after /delete, nothing of the user reappears, even after PTB's persistence flush.

Money parsing rules ("23,50", "1,2,3") and typed equivalents of buttons are not asserted here,
only bounds: what is stored must be a value the bot could legitimately have accepted.
Seeded: a failure names the state, the input number and the input; rerunning repeats it.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import ContextTypes

from bot import callbacks as cb
from bot.domain.deal import MAX_PERIODS
from bot.domain.hardship import MAX_HARDSHIP_MONTHS, MAX_NOTE_CHARS
from bot.domain.models import HardshipReason, Product
from bot.domain.money import DEFAULT_MAX_FEN, MAX_DEBT_FEN
from bot.domain.rates import MAX_DAILY_RATE_PPM
from bot.domain.rehearsal import Rehearsal
from bot.domain.rehearsal import all_codes as rehearsal_codes
from bot.offline_updates import callback_update, message_update
from bot.texts.zh import deal as deal_texts
from bot.texts.zh import intake as intake_texts
from conversations.deal.states import DealState
from conversations.intake.states import IntakeState
from tests.support.chat import TODAY, Bot, Chat, running_bot
from tests.support.flows import agree, deal_in_12, one_debt, planned, situation
from tests.support.sqlite import sqlite_connection

# 🎭 先练一练: every integer a rehearsal's place can be
REHEARSAL_STATES = {s for s in rehearsal_codes() if Rehearsal.from_code(s) is not None}

# a longer campaign: FUZZ_SEED=7 FUZZ_INPUTS_PER_STATE=300 pytest tests/fuzz
SEED = int(os.environ.get("FUZZ_SEED", "9804"))
INPUTS_PER_STATE = int(os.environ.get("FUZZ_INPUTS_PER_STATE", "30"))
DELETING_INPUTS = 8  # the last inputs may confirm /delete (after it, every tap is stale)

USER = 4242
GROUP = -1001234
REPLIES = {"sendMessage", "editMessageText", "sendDocument", "sendPhoto", "answerCallbackQuery"}
TOO_OLD = "Bad Request: query is too old and response timeout expired or query id is invalid"
REFUSALS = {
    "answerCallbackQuery": TOO_OLD,
    "editMessageReplyMarkup": "Bad Request: message can't be edited",
    "editMessageText": "Bad Request: message to edit not found",
}

# ---- the walk: one copy of the database at each stop ----------------------------------------


@dataclass
class Stop:
    name: str
    user_id: int
    conversation: str | None  # "intake", "deal" or None (no question open)
    state: int | None


STOPS: list[Stop] = []
Step = Callable[[Chat], Awaitable[object]]


def _walks() -> list[tuple[int, list[tuple[Step, Stop | None]]]]:
    """For each user: the steps, and after which one the database is copied (and as what)."""

    def tap(label: str) -> Step:
        return lambda chat: chat.tap(label)

    def send(text: str) -> Step:
        return lambda chat: chat.send(text)

    def intake(name: str, state: IntakeState, user: int) -> Stop:
        return Stop(name, user, "intake", int(state))

    def deal(name: str, state: DealState, user: int) -> Stop:
        return Stop(name, user, "deal", int(state))

    a, b, c, d = 1001, 1002, 1003, 1004
    low_essentials = "1000"  # under 40 % of 6000: the bot asks to check them once
    walk_a: list[tuple[Step, Stop | None]] = [
        (send("/start"), intake("welcome", IntakeState.WELCOME, a)),
        (tap("开始"), intake("product", IntakeState.ASK_PRODUCT, a)),
        (tap("花呗"), intake("amount", IntakeState.ASK_AMOUNT, a)),
        (send("23500"), intake("overdue", IntakeState.ASK_OVERDUE, a)),
        (send("45天"), intake("rate", IntakeState.ASK_RATE, a)),
        (tap("跳过"), intake("total", IntakeState.ASK_TOTAL, a)),
        (tap("跳过"), intake("more_debts", IntakeState.ASK_MORE_DEBTS, a)),
        (tap("没有了"), intake("reason", IntakeState.ASK_REASON, a)),
        (tap("失业"), intake("duration", IntakeState.ASK_DURATION, a)),
        (tap("约3个月"), intake("income", IntakeState.ASK_INCOME, a)),
        (send("6000"), intake("payday", IntakeState.ASK_PAYDAY, a)),
        (tap("15号"), intake("essentials", IntakeState.ASK_ESSENTIALS, a)),
        (send(low_essentials), intake("check_essentials", IntakeState.CHECK_ESSENTIALS, a)),
        (tap(intake_texts.ESSENTIALS_OK_BUTTON), intake("other", IntakeState.ASK_OTHER_DEBTS, a)),
        (tap(intake_texts.NO_OTHER_DEBTS_BUTTON), intake("confirm", IntakeState.CONFIRM, a)),
        (tap(intake_texts.EDIT_BUTTON), intake("edit_menu", IntakeState.CONFIRM, a)),
        (tap(intake_texts.EDIT_BACK), None),
        (tap(intake_texts.CONFIRM_BUTTON), Stop("planned", a, None, None)),
        (send("/start"), intake("resume_planned", IntakeState.RESUME, a)),
    ]

    async def to_reason(chat: Chat) -> None:
        await agree(chat)
        await one_debt(chat, "借呗", "8000", "2026年10月1日", "万分之五")
        await chat.tap("没有了")

    async def two_debts(chat: Chat) -> None:
        await agree(chat)
        await one_debt(chat, "花呗", "23500", "45天", None)
        await chat.tap("还有一笔")
        await one_debt(chat, "信用卡", "12000", "20天", None)
        await chat.tap("没有了")
        await situation(chat, "失业", "约3个月", "6000", "4000", None)
        await chat.tap("确认")

    walk_b: list[tuple[Step, Stop | None]] = [
        (to_reason, None),
        (tap("其他"), intake("reason_text", IntakeState.ASK_REASON_TEXT, b)),
        (send("/cancel"), None),
        (send("/start"), intake("resume_draft", IntakeState.RESUME, b)),
    ]
    walk_c: list[tuple[Step, Stop | None]] = [
        (planned, None),
        (send("/deal"), deal("deal_outcome", DealState.OUTCOME, c)),
        (tap("谈好了"), deal("deal_kind", DealState.KIND, c)),
        (tap(deal_texts.KIND_SUGGESTED), deal("deal_option", DealState.SUGGESTED_WHICH, c)),
        (send("/deal"), None),
        (tap("谈好了"), None),
        (tap(deal_texts.KIND_INSTALLMENTS), deal("deal_periods", DealState.PERIODS, c)),
        (send("12期"), deal("deal_amount", DealState.AMOUNT, c)),
        (send("共23500"), deal("deal_first_due", DealState.FIRST_DUE, c)),
        (send("12月10日"), deal("deal_due_day", DealState.DUE_DAY, c)),
        (tap("每月 10 号"), deal("deal_staff", DealState.STAFF_ID, c)),
        (tap("跳过"), deal("deal_confirm", DealState.CONFIRM, c)),
        (send("/deal"), None),
        (tap("谈好了"), None),
        (tap(deal_texts.KIND_PAUSE), deal("deal_pause_until", DealState.PAUSE_UNTIL, c)),
        (send("/deal"), None),
        (tap("谈好了"), None),
        (tap(deal_texts.KIND_SINGLE), deal("deal_single_amount", DealState.SINGLE_AMOUNT, c)),
        (send("23500"), deal("deal_single_date", DealState.SINGLE_DATE, c)),
        (send("/deal"), None),
        (tap("没谈成"), None),
        (tap("跳过"), deal("deal_note", DealState.NOTE, c)),
        (tap("跳过"), deal("deal_call_again", DealState.CALL_AGAIN, c)),
        (tap("不用了"), None),
        (deal_in_12, Stop("deal_recorded", c, None, None)),
        (send("/settings"), Stop("settings", c, None, None)),
    ]
    walk_d: list[tuple[Step, Stop | None]] = [
        (two_debts, None),
        (send("/deal"), None),
        (tap("谈好了"), deal("deal_which_debt", DealState.WHICH_DEBT, d)),
    ]
    return [(a, walk_a), (b, walk_b), (c, walk_c), (d, walk_d)]


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of the live database (WAL included), as `python -m bot backup`."""
    with sqlite_connection(source) as live, sqlite_connection(target) as copy:
        live.backup(copy)


async def _build_stops(folder: Path) -> dict[str, tuple[Stop, list[str]]]:
    built: dict[str, tuple[Stop, list[str]]] = {}
    database = folder / "walk.sqlite3"
    async with running_bot(database) as bot:
        for user_id, steps in _walks():
            chat = bot.chat(user_id)
            for step, stop in steps:
                await step(chat)
                if stop is None:
                    continue
                conn = await bot.services.database.connection()
                for name in ("intake", "deal"):
                    async with conn.execute(
                        "SELECT state FROM conversations WHERE name = ? AND key = ?",
                        (name, json.dumps([user_id, user_id])),
                    ) as cursor:
                        row = await cursor.fetchone()
                    state = None if row is None else int(row[0])
                    expected = stop.state if stop.conversation == name else None
                    assert state == expected, (stop.name, name, state, expected)
                seen = [data for m in chat.seen for _, data in m.flat_buttons if data]
                _copy(database, folder / f"{stop.name}.sqlite3")
                built[stop.name] = (stop, seen)
    return built


STOP_NAMES = [
    "welcome",
    "product",
    "amount",
    "overdue",
    "rate",
    "total",
    "more_debts",
    "reason",
    "reason_text",
    "duration",
    "income",
    "payday",
    "essentials",
    "check_essentials",
    "other",
    "confirm",
    "edit_menu",
    "planned",
    "resume_planned",
    "resume_draft",
    "deal_outcome",
    "deal_which_debt",
    "deal_kind",
    "deal_option",
    "deal_periods",
    "deal_amount",
    "deal_first_due",
    "deal_due_day",
    "deal_pause_until",
    "deal_single_amount",
    "deal_single_date",
    "deal_staff",
    "deal_note",
    "deal_confirm",
    "deal_call_again",
    "deal_recorded",
    "settings",
]


@pytest.fixture(scope="module")
def stops(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, tuple[Stop, list[str]]]]:
    folder = tmp_path_factory.mktemp("fuzz-stops")
    built = asyncio.run(_build_stops(folder))
    assert sorted(built) == sorted(STOP_NAMES)  # every intake and deal question is covered
    covered = {s.state for s, _ in built.values() if s.conversation == "intake"}
    assert covered == {int(s) for s in IntakeState}
    covered = {s.state for s, _ in built.values() if s.conversation == "deal"}
    assert covered == {int(s) for s in DealState}
    return folder, built


# ---- hostile input --------------------------------------------------------------------------

NUMBERS = [
    "1e308", "-5", "23,50", "1,2,3", "٣٠٠٠", "３０００", "0", "-0", "0.001", "00012",
    "9" * 30, str(2**63), "-" + str(2**63), "NaN", "inf", "1/0", "½", "Ⅻ", "十万亿",
    "一千万亿元", "两百五", "2.35万", "1e-9", "0x1F", "1_000", "12期", "0期", "999期", "-12期",
    "32号", "0号", "-1号", "月底", "2月30日", "13月1日", "9999年1月1日", "10360年1月1日",
    "0000-00-00", "2026-02-29", "1900年1月1日", "明年3月底", "昨天", "100年后", "0个月",
    "999个月", "-3个月", "万分之九十九万", "日息100%", "共0", "共-5", "共1e308",
]  # fmt: skip
INJECTIONS = [
    "'; DROP TABLE users; --", '" OR 1=1 --', "<b>粗体</b>", "<script>alert(1)</script>",
    "</b>", "<a href='x'>链接", "&lt;&amp;", "{amount}", "{0}{1}", "%s%n%d", "${jndi:x}",
    "\x00", "\u202e反转\u202c", "a\u200b1\u200b2", "\x1b[31m红\x07", "🙂" * 60, "A" * 4096,
    "\n\n", " ", "\t", "null", "None", "undefined", "[]", "{}", "\\", "`rm -rf /`",
]  # fmt: skip
PLAUSIBLE = [
    "23500", "45天", "6000", "15号", "1000", "12期", "共23500", "12月10日", "10号", "A1023",
    "没有", "跳过", "不知道", "失业了", "3个月", "好的", "开始", "确认", "8000", "0",
]  # fmt: skip
COMMANDS = [
    "/start", "/back", "/cancel", "/deal", "/status", "/plan", "/calls", "/settings", "/help",
    "/privacy", "/delete", "/nonsense", "/start@huankuan_helper_bot", "/start 12345",
]  # fmt: skip
PREFIXES = [
    "intake:agree", "intake:product:", "intake:rate:", "intake:total:", "intake:more:",
    "intake:reason:", "intake:duration:", "intake:payday:", "intake:essentials:",
    "intake:other:", "intake:confirm", "intake:edit", "intake:summary", "intake:change:",
    "intake:change:amount:", "intake:change:product:", "intake:delete:", "intake:resume:",
    "deal:start", "deal:outcome:", "deal:debt:", "deal:kind:", "deal:option:", "deal:dueday:",
    "deal:staff:", "deal:note:", "deal:save", "deal:redo", "deal:renegotiate", "deal:again:",
    "case:", "case:script:", "case:chat:", "faq:", "faq:menu", "delete:", "set:morning:",
    "set:evening:", "set:lead:", "set:due:", "set:mute:", "set:", "plan:ics", "rem:paid:",
    "rem:undo:", "rem:snooze:", "rem:snoozeat:", "rem:cannot:", "rem:notpaid:", "rem:amount:",
    "xyz:", "",
]  # fmt: skip
ARGUMENTS = [
    "", "0", "1", "2", "-1", "999", "1e308", str(2**63 - 1), str(2**63), "9" * 30, "٣", "xyz",
    "lasting", "irregular", "huabei", "tonight", "tomorrow", "yes", "no", "skip", "add", "done",
    "none", "ok", "1:2", ":", "\n", "' OR 1=1", "main", "own", "restart", "show", "continue",
    "installments", "single", "agreed", "refused", "31", "32", "8", "9", "21", "7",
]  # fmt: skip
_RANGES = [
    (0x20, 0x7E), (0x4E00, 0x9FFF), (0x1F300, 0x1F6FF), (0x0600, 0x06FF), (0x0300, 0x036F),
    (0xFF01, 0xFF5E), (0x00, 0x1F), (0x202A, 0x202E), (0x200B, 0x200F), (0x3000, 0x303F),
    (0xE000, 0xE0FF), (0x10000, 0x1FFFF),
]  # fmt: skip


def random_text(rng: random.Random) -> str:
    length = rng.choice([1, 2, 3, 5, 8, 20, 61, 300])
    chars = []
    for _ in range(length):
        low, high = rng.choice(_RANGES)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars) or "?"


@dataclass
class Fuzzer:
    bot: Bot
    rng: random.Random
    user_id: int
    stale: list[str]
    errors: list[tuple[str, BaseException]] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    deleted: bool = False  # /delete confirmed and no /start since

    @property
    def chat(self) -> Chat:
        return self.bot.chat(self.user_id)

    async def process(self, raw: dict[str, Any], label: str) -> list[tuple[str, dict[str, Any]]]:
        before = len(self.bot.api.calls)
        self.log.append(label)
        await self.bot.application.process_update(Update.de_json(raw, self.bot.application.bot))
        return self.bot.api.calls[before:]

    def current_buttons(self) -> tuple[int, list[str]]:
        """The buttons under the latest message that still shows any, as the user sees them."""
        found = self.chat._latest_keyboard()
        if found is None:
            return 1, []
        return found[0], [data for _, data in found[1] if data]

    async def ids(self) -> list[str]:
        """Row ids that exist (this user's and others'): forged data may name real rows."""
        conn = await self.bot.services.database.connection()
        found: list[str] = []
        for table in ("installments", "debts"):
            async with conn.execute(f"SELECT id FROM {table} LIMIT 5") as cursor:
                found += [str(row[0]) for row in await cursor.fetchall()]
        return found

    async def forged_data(self) -> str:
        """Mostly a button on screen (or an old one) with its argument swapped."""
        _, offered = self.current_buttons()
        pick = self.rng.random()
        if pick < 0.5 and offered:
            prefix = self.rng.choice(offered).rpartition(":")[0] + ":"
        elif pick < 0.75 and self.stale:
            prefix = self.rng.choice(self.stale).rpartition(":")[0] + ":"
        else:
            prefix = self.rng.choice(PREFIXES)
        argument = self.rng.choice([*ARGUMENTS, *(await self.ids())])
        if prefix == "rem:snoozeat:":
            argument = f"{self.rng.choice([*ARGUMENTS, *(await self.ids())])}:{argument}"
        if self.rng.random() < 0.1:
            argument += f":{self.rng.choice(ARGUMENTS)}"
        return (prefix + argument).encode()[:64].decode(errors="ignore")

    async def one(self, number: int) -> None:
        """One hostile input; the user's data may be deleted only in the last inputs."""
        rng = self.rng
        may_delete = number >= INPUTS_PER_STATE - DELETING_INPUTS
        kind = rng.choices(
            ["text", "media", "forged", "tap", "stale", "edit", "group", "delete", "refuse"],
            weights=[30, 6, 18, 16, 10, 5, 4, 4 if may_delete else 0, 6],
        )[0]
        private = True
        needs_answer = True
        tap = False
        if kind == "text":
            pool = rng.choice([NUMBERS, INJECTIONS, PLAUSIBLE, COMMANDS, None])
            text = rng.choice(pool) if pool else random_text(rng)
            if text.startswith("/start"):
                self.deleted = False
            raw = message_update(self.user_id, text=text)
            label = f"text {text[:40]!r}"
        elif kind == "media":
            content = rng.choice(
                [
                    {"sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular",
                                 "width": 1, "height": 1, "is_animated": False,
                                 "is_video": False}},
                    {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 9,
                                "height": 9}], "caption": random_text(rng)},
                    {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
                    {"document": {"file_id": "d", "file_unique_id": "d",
                                  "file_name": "账单.pdf"}},
                    {"location": {"latitude": 31.2, "longitude": 121.5}},
                    {"contact": {"phone_number": "+8613800138000", "first_name": "妈"}},
                ]
            )  # fmt: skip
            raw = message_update(self.user_id, **content)
            label = f"media {next(iter(content))}"
        elif kind in ("forged", "tap", "stale"):
            message_id, offered = self.current_buttons()
            if kind == "forged" or (kind == "tap" and not offered) or not self.stale:
                data = await self.forged_data()
            elif kind == "tap":
                data = rng.choice(offered)
            else:
                data = rng.choice(self.stale)
                message_id = rng.randint(1, max(message_id, 1))
            if data == cb.DELETE.data(True) and not may_delete:
                data = cb.DELETE.data(False)
            raw = callback_update(self.user_id, data, message_id=message_id)
            label = f"{kind} {data!r}"
            tap = True
            self.deleted = self.deleted or data == cb.DELETE.data(True)
        elif kind == "edit":
            text = rng.choice([*PLAUSIBLE, *NUMBERS, random_text(rng)])
            raw = message_update(self.user_id, text=text, edited=True)
            label = f"edit {text[:40]!r}"
        elif kind == "group":
            private = False
            if rng.random() < 0.5:
                text = rng.choice([*COMMANDS, *PLAUSIBLE, random_text(rng)])
                raw = message_update(self.user_id, text=text, chat_id=GROUP)
                label = f"group {text[:40]!r}"
            else:
                data = rng.choice([*self.stale, await self.forged_data()])
                raw = callback_update(self.user_id, data, message_id=7, chat_id=GROUP)
                label = f"group tap {data!r}"
                tap = True
        elif kind == "delete":
            await self.process(message_update(self.user_id, text="/delete"), "text '/delete'")
            message_id, _ = self.current_buttons()
            raw = callback_update(self.user_id, cb.DELETE.data(True), message_id=message_id)
            label = "tap 确定删除"
            tap = True
        else:  # Telegram refuses the answer or an edit, as it does for old messages
            method = rng.choice(sorted(REFUSALS))
            self.bot.api.fail_next(method, 400, REFUSALS[method])
            message_id, offered = self.current_buttons()
            data = rng.choice(offered or self.stale or ["intake:agree"])
            if data == cb.DELETE.data(True) and not may_delete:
                data = cb.DELETE.data(False)
            self.deleted = self.deleted or data == cb.DELETE.data(True)
            raw = callback_update(self.user_id, data, message_id=message_id)
            label = f"refused {method} {data!r}"
            tap = True

        calls = await self.process(raw, f"#{number} {label}")
        if kind == "refuse":
            self.bot.api._failures.clear()  # a refusal the update did not use is dropped
        if kind == "delete":
            self.deleted = True
        methods = [method for method, _ in calls]
        where = f"input #{number} ({label})"
        assert not self.errors, f"{where}: {self.errors[-1][1]!r}"
        if private and needs_answer:
            assert REPLIES & set(methods), f"{where}: no answer, only {methods}"
            if tap:
                assert "answerCallbackQuery" in methods, f"{where}: the tap was not answered"
        for _, params in calls:
            markup = params.get("reply_markup")
            if markup:
                markup = json.loads(markup) if isinstance(markup, str) else markup
                for row in markup.get("inline_keyboard", []):
                    for button in row:
                        data = button.get("callback_data", "")
                        assert cb.is_known(data), f"{where}: the bot sent a button {data!r}"
                        self.stale.append(data)
        await check_stored(self.bot, where)
        if self.deleted:
            await check_gone(self.bot, self.user_id, where)


# ---- what may be stored ---------------------------------------------------------------------

EARLIEST = TODAY.date() - timedelta(days=366 * 11)
LATEST = TODAY.date() + timedelta(days=366 * 12)


def _within(value: object, low: int, high: int) -> bool:
    return value is None or (isinstance(value, int) and low <= value <= high)


def _a_date(value: object) -> bool:
    if value is None:
        return True
    text = str(value)
    day = datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)
    return EARLIEST <= day <= LATEST


async def _rows(bot: Bot, sql: str, *args: object) -> list[Any]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


async def check_stored(bot: Bot, where: str) -> None:
    """Every stored value is one the bot could have accepted from a real user."""
    reasons = {r.value for r in HardshipReason}
    for row in await _rows(bot, "SELECT * FROM cases"):
        case = dict(row)
        assert _within(case["hardship_months"], 1, MAX_HARDSHIP_MONTHS), (where, case)
        assert case["hardship_reason"] in (None, *reasons), (where, case)
        assert case["hardship_note"] is None or len(case["hardship_note"]) <= MAX_NOTE_CHARS
        for money in ("income_fen", "essentials_fen", "other_debts_fen"):
            assert _within(case[money], 0, DEFAULT_MAX_FEN), (where, money, case)
        assert _within(case["payday"], 1, 31), (where, case)
        assert case["step"] is None or case["step"] in {int(s) for s in IntakeState}, where
    products = {p.value for p in Product}
    for row in await _rows(bot, "SELECT * FROM debts"):
        debt = dict(row)
        assert debt["product"] in products, (where, debt)
        assert _within(debt["amount_fen"], 1, MAX_DEBT_FEN), (where, debt)
        assert _within(debt["total_due_fen"], 1, DEFAULT_MAX_FEN), (where, debt)
        assert _within(debt["daily_rate_ppm"], 1, MAX_DAILY_RATE_PPM), (where, debt)
        assert _a_date(debt["overdue_since"]), (where, debt)
        if debt["overdue_since"]:
            assert date.fromisoformat(debt["overdue_since"]) <= TODAY.date(), (where, debt)
    for row in await _rows(bot, "SELECT data FROM deal_drafts"):
        draft = json.loads(row[0])
        assert _within(draft.get("periods"), 1, MAX_PERIODS), (where, draft)
        assert _within(draft.get("due_day"), 1, 31), (where, draft)
        for money in ("amount_fen", "total_fen"):
            assert _within(draft.get(money), 1, MAX_DEBT_FEN), (where, draft)
        for day in ("first_due", "pause_until"):
            assert _a_date(draft.get(day)), (where, draft)
    for row in await _rows(bot, "SELECT * FROM installments"):
        item = dict(row)
        assert 1 <= item["amount_fen"] <= MAX_DEBT_FEN, (where, item)
        assert _within(item["paid_fen"], 1, MAX_DEBT_FEN), (where, item)
        assert item["count"] <= MAX_PERIODS + 1 and _a_date(item["due_date"]), (where, item)
    for row in await _rows(bot, "SELECT due_at FROM reminders"):
        assert _a_date(row[0]), (where, row[0])
    for row in await _rows(bot, "SELECT morning_hour, evening_hour, lead_days FROM users"):
        assert row[0] in cb.MORNING_HOURS and row[1] in cb.EVENING_HOURS, (where, tuple(row))
        leads = {int(d) for d in row[2].split(",") if d}
        assert leads <= set(cb.LEAD_CHOICES), (where, row[2])
    for row in await _rows(bot, "SELECT staff_id, note FROM call_log"):
        assert row[0] is None or len(row[0]) <= 40, (where, row[0])
        assert row[1] is None or len(row[1]) <= MAX_NOTE_CHARS, (where, row[1])
    states = {"intake": {int(s) for s in IntakeState}, "deal": {int(s) for s in DealState}}
    states["rehearsal"] = REHEARSAL_STATES
    for row in await _rows(bot, "SELECT name, key, state FROM conversations"):
        assert int(row[2]) in states[row[0]], (where, tuple(row))
        user = json.loads(row[1])[-1]
        assert await _rows(bot, "SELECT 1 FROM users WHERE user_id = ?", user), (where, row[1])


async def check_gone(bot: Bot, user_id: int, where: str) -> None:
    """After /delete (and no /start since): not one row of the user, even after a flush."""
    await bot.application.update_persistence()
    for table in ("users", "cases", "deals", "installments", "reminders", "call_log"):
        column = "user_id"
        found = await _rows(bot, f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", user_id)
        assert found[0][0] == 0, (where, table)
    keys = [row[0] for row in await _rows(bot, "SELECT key FROM conversations")]
    assert all(json.loads(key)[-1] != user_id for key in keys), (where, keys)


# ---- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("stop_name", STOP_NAMES)
async def test_hostile_input(
    stops: tuple[Path, dict[str, tuple[Stop, list[str]]]], tmp_path: Path, stop_name: str
) -> None:
    folder, built = stops
    stop, seen = built[stop_name]
    database = tmp_path / "bot.sqlite3"
    shutil.copy(folder / f"{stop_name}.sqlite3", database)
    async with running_bot(database) as bot:
        fuzzer = Fuzzer(bot, random.Random(f"{SEED}:{stop_name}"), stop.user_id, list(seen))

        async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert context.error is not None
            fuzzer.errors.append((fuzzer.log[-1] if fuzzer.log else "?", context.error))

        bot.application.add_error_handler(record)
        for number in range(INPUTS_PER_STATE):
            await fuzzer.one(number)
        await bot.application.update_persistence()
        assert not fuzzer.errors, fuzzer.errors
        await check_stored(bot, f"{stop_name}: after the flush")
