"""Callback data, built and read in one place.

Every button's data is ``area:action[:argument]`` (at most 64 bytes, Telegram's limit). Each
kind of button below has the ``pattern`` its handler is registered with, ``data(...)`` to build
the button and ``read(update)`` / ``parse(data)`` to get typed values back. A pattern accepts
only what a button of ours could have sent: ids of ASCII digits that fit SQLite's INTEGER,
enum values from the enum, choices from what the keyboard offers. Anything else falls through
to the stale-button answer (the conversations' ``reject_stale`` handlers, then
``commands.stale_button``). The formats never change, so buttons still on users' screens keep
working after an upgrade.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from telegram import Update

from bot.domain.call_steps import AgentAnswer, CallStep
from bot.domain.collection import Behaviour, Channel
from bot.domain.deal import DealKind
from bot.domain.models import HardshipReason, Product
from bot.domain.nudges import NudgeChoice
from bot.domain.reminders import (
    EVENING_HOURS,
    LEAD_CHOICES,
    MORNING_HOURS,
    CallAgainChoice,
    SnoozeChoice,
)
from bot.texts.zh import collection as collection_texts
from bot.texts.zh import faq as faq_texts
from bot.texts.zh import intake as intake_texts

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

# A row id: ASCII digits (``\d`` would take ٣ too), no leading zero, at most 18 digits. So it
# always fits SQLite's INTEGER (2**63 - 1 has 19 digits); row ids count up from 1.
MAX_ID = 10**18 - 1
_ID = "[1-9][0-9]{0,17}"


class StaleCallback(ValueError):
    """Callback data that no button of ours could have sent (forged, or from an old version)."""


def _compile(body: str) -> re.Pattern[str]:
    # \Z, not $: "$" also matches before a trailing newline
    return re.compile(rf"\A{body}\Z")


def _one_of(arguments: Iterable[str]) -> str:
    return "(" + "|".join(re.escape(a) for a in arguments) + ")"


def _data_of(update: Update) -> str:
    query = update.callback_query
    assert query is not None
    return query.data or ""


def _id(text: str) -> int:
    number = int(text)
    if not 0 < number <= MAX_ID:
        raise StaleCallback(text)
    return number


class Fixed:
    """A button without an argument: ``intake:agree``."""

    def __init__(self, data: str) -> None:
        self.data = data
        self.pattern = _compile(re.escape(data))


class Choice(Generic[T]):
    """``<prefix><argument>`` where the argument is one of the offered values."""

    def __init__(self, prefix: str, values: Mapping[str, T]) -> None:
        self.prefix = prefix
        self._values = dict(values)
        self._arguments = {value: argument for argument, value in self._values.items()}
        self.pattern = _compile(re.escape(prefix) + _one_of(self._values))

    @classmethod
    def of_enum(cls, prefix: str, enum: type[E]) -> Choice[E]:
        return Choice(prefix, {member.value: member for member in enum})

    @property
    def values(self) -> tuple[T, ...]:
        return tuple(self._values.values())

    def data(self, value: T) -> str:
        return self.prefix + self._arguments[value]

    def parse(self, data: str) -> T:
        found = self.pattern.match(data)
        if found is None:
            raise StaleCallback(data)
        return self._values[found[1]]

    def read(self, update: Update) -> T:
        return self.parse(_data_of(update))


class Numbered:
    """``<prefix><id>``: a row id (an installment, a debt)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.pattern = _compile(re.escape(prefix) + f"({_ID})")

    def data(self, number: int) -> str:
        assert 0 < number <= MAX_ID
        return f"{self.prefix}{number}"

    def parse(self, data: str) -> int:
        found = self.pattern.match(data)
        if found is None:
            raise StaleCallback(data)
        return _id(found[1])

    def read(self, update: Update) -> int:
        return self.parse(_data_of(update))


class NumberedChoice(Generic[T]):
    """``<prefix><id>:<argument>``: a row id and one of the offered values."""

    def __init__(self, prefix: str, values: Mapping[str, T]) -> None:
        self.prefix = prefix
        self._values = dict(values)
        self._arguments = {value: argument for argument, value in self._values.items()}
        self.pattern = _compile(re.escape(prefix) + f"({_ID}):" + _one_of(self._values))

    def data(self, number: int, value: T) -> str:
        return f"{self.prefix}{number}:{self._arguments[value]}"

    def parse(self, data: str) -> tuple[int, T]:
        found = self.pattern.match(data)
        if found is None:
            raise StaleCallback(data)
        return _id(found[1]), self._values[found[2]]

    def read(self, update: Update) -> tuple[int, T]:
        return self.parse(_data_of(update))


def argument(data: str) -> str:
    """The last ``:`` part (``intake:product:huabei`` → ``huabei``), for handlers whose
    pattern already fixed what it can be."""
    return data.rsplit(":", 1)[-1]


# ---- the intake -----------------------------------------------------------------------------

AGREE = Fixed("intake:agree")
PRODUCT = Choice.of_enum("intake:product:", Product)
SKIP_RATE = Fixed("intake:rate:skip")
SKIP_TOTAL = Fixed("intake:total:skip")
MORE_DEBTS = Choice("intake:more:", {"add": True, "done": False})
REASON = Choice.of_enum("intake:reason:", HardshipReason)
DURATION: Choice[int | None] = Choice(
    "intake:duration:",
    {str(months) if months else "lasting": months for _, months in intake_texts.DURATION_BUTTONS},
)
PAYDAY: Choice[int | None] = Choice(
    "intake:payday:",
    {str(day) if day else "irregular": day for _, day in intake_texts.PAYDAY_BUTTONS},
)
ESSENTIALS_OK = Fixed("intake:essentials:ok")
NO_OTHER_DEBTS = Fixed("intake:other:none")
CONFIRM = Fixed("intake:confirm")
EDIT = Fixed("intake:edit")
SUMMARY = Fixed("intake:summary")
DELETE_DEBT = Numbered("intake:delete:")
RESUME = Choice("intake:resume:", {v: v for v in ("continue", "show", "restart")})

# "change X" under the summary: one of the debt's answers (with the debt's id), or the case's
DEBT_FIELDS = ("product", "amount", "overdue", "rate", "total")
CASE_FIELDS = ("reason", "duration", "income", "payday", "essentials", "other")
ADD_DEBT = "add"
_CHANGE = "intake:change:"
CHANGE_PATTERN = _compile(
    re.escape(_CHANGE)
    + f"(?:{_one_of((ADD_DEBT, *DEBT_FIELDS, *CASE_FIELDS))}|{_one_of(DEBT_FIELDS)}:({_ID}))"
)


def change_data(what: str, debt_id: int | None = None) -> str:
    assert what in (ADD_DEBT, *DEBT_FIELDS, *CASE_FIELDS)
    return f"{_CHANGE}{what}" if debt_id is None else f"{_CHANGE}{what}:{debt_id}"


def parse_change(data: str) -> tuple[str, int | None]:
    """``intake:change:amount:12`` → ("amount", 12); ``intake:change:income`` → ("income", None)."""
    found = CHANGE_PATTERN.match(data)
    if found is None:
        raise StaleCallback(data)
    if found[1] is not None:
        return found[1], None
    return found[2], _id(found[3])


def read_change(update: Update) -> tuple[str, int | None]:
    return parse_change(_data_of(update))


# ---- recording the call ---------------------------------------------------------------------

DEAL_START = Fixed("deal:start")
OUTCOME = Choice("deal:outcome:", {"agreed": True, "refused": False})
DEAL_DEBT = Numbered("deal:debt:")
DEAL_KIND = Choice.of_enum("deal:kind:", DealKind)
# the plan's options (bot.adapters.deal.store.MAIN_OPTION, WITH_PENALTY_OPTION) and "my own"
DEAL_OPTION = Choice("deal:option:", {v: v for v in ("main", "with_penalty", "own")})
DUE_DAY = Choice("deal:dueday:", {str(day): day for day in range(1, 32)})
SKIP_STAFF = Fixed("deal:staff:skip")
SKIP_NOTE = Fixed("deal:note:skip")
SAVE = Fixed("deal:save")
REDO = Fixed("deal:redo")
RENEGOTIATE = Fixed("deal:renegotiate")
CALL_AGAIN: Choice[CallAgainChoice | None] = Choice(
    "deal:again:", {**{c.value: c for c in CallAgainChoice}, "no": None}
)

# ---- the plan, the worries, /delete, /settings ------------------------------------------------

CASE_DOCUMENTS = ("plan", "checklist", "script", "chat")
CASE_PATTERN = _compile(r"case:" + _one_of(CASE_DOCUMENTS) + r"(?::([0-9]{1,2}))?")


def case_data(what: str, lender: int | None = None) -> str:
    assert what in CASE_DOCUMENTS
    return f"case:{what}" if lender is None else f"case:{what}:{lender}"


def read_case(update: Update) -> tuple[str, int | None]:
    """``case:script:1`` → ("script", 1): which document, for which lender."""
    data = _data_of(update)
    found = CASE_PATTERN.match(data)
    if found is None:
        raise StaleCallback(data)
    return found[1], None if found[2] is None else int(found[2])


FAQ_MENU = Fixed("faq:menu")
FAQ = Choice("faq:", {key: key for key, _, _ in faq_texts.TOPICS})
# the scam checker (issue 13), under the "agencies" worry: "faq:" like the worries, so it
# works before /start (it writes nothing)
SCAM_CHECK = Fixed("faq:scam")
DELETE = Choice("delete:", {"yes": True, "no": False})
CALENDAR = Fixed("plan:ics")
# /plan's pages (0 is the first); 120 periods at 12 a page make at most 10
PLAN_PAGE = Choice("plan:page:", {str(page): page for page in range(100)})

SETTING: Choice[tuple[str, int]] = Choice(
    "set:",
    {
        f"{what}:{number}": (what, number)
        for what, numbers in (
            ("morning", MORNING_HOURS),
            ("evening", EVENING_HOURS),
            ("lead", LEAD_CHOICES),
            ("due", (0,)),
            ("mute", (0,)),
        )
        for number in numbers
    },
)

# ---- the buttons under reminders ------------------------------------------------------------

PAID = Numbered("rem:paid:")
UNDO = Numbered("rem:undo:")
SNOOZE = Numbered("rem:snooze:")
CANNOT_PAY = Numbered("rem:cannot:")
NOT_PAID = Numbered("rem:notpaid:")
OTHER_AMOUNT = Numbered("rem:amount:")
SNOOZE_AT = NumberedChoice("rem:snoozeat:", {c.value: c for c in SnoozeChoice})
_INSTALLMENT = _compile(r"rem:[a-z]+:(" + _ID + r")(?::[a-z_]+)?")

# ---- the "打了吗？" nudge after a plan (打了，记录结果 is DEAL_START: it records the call) ----

NUDGE: Choice[NudgeChoice] = Choice(
    "nudge:", {c.value: c for c in NudgeChoice if c is not NudgeChoice.CALLED}
)


# ---- check-ins while a deal runs (every three months, and /update) ---------------------------

# 没变化 / 收入变了 / 开支变了
CHECK_IN_ANSWER = Choice("checkin:", {v: v for v in ("same", "income", "spending")})


def installment_id(update: Update) -> int:
    """The installment a reminder button is about (``rem:<action>:<id>[:<choice>]``)."""
    data = _data_of(update)
    found = _INSTALLMENT.match(data)
    if found is None:
        raise StaleCallback(data)
    return _id(found[1])


# ---- a payment that slips: part payments and the re-plan (issue 11) -------------------------

# "↩️ 撤销" after a mark that replaced a part payment: back to that part, ``<id>:<fen>``
_FEN = "[1-9][0-9]{0,11}"


class NumberedAmount:
    """``<prefix><id>:<fen>``: a row id and an amount in fen (both positive)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.pattern = _compile(re.escape(prefix) + f"({_ID}):({_FEN})")

    def data(self, number: int, fen: int) -> str:
        assert 0 < number <= MAX_ID and 0 < fen < 10**12
        return f"{self.prefix}{number}:{fen}"

    def parse(self, data: str) -> tuple[int, int]:
        found = self.pattern.match(data)
        if found is None:
            raise StaleCallback(data)
        return _id(found[1]), int(found[2])

    def read(self, update: Update) -> tuple[int, int]:
        return self.parse(_data_of(update))


UNDO_TO = NumberedAmount("rem:undoto:")
# "补不上，重新算一下" and the like: the new proposal for what is left
REPLAN = Fixed("replan:propose")
# the short script for calling about the new proposal
REPLAN_SCRIPT = Fixed("replan:script")


# ---- the call companion (issue 12): one card per step, the agent's answers -------------------

# ``call:<k>:<step>`` a card, ``call:<k>:close:<answer>`` the close card after an answer,
# ``call:<k>:said:<answer>`` what the agent said, ``call:<k>:remind:<choice>`` a reminder to
# call again (k = the lender's index). The button carries the place in the call: a restart in
# the middle of a call loses nothing.
_CALL_CARD_STEPS = tuple(s.value for s in CallStep)
_CALL_ANSWERS = tuple(a.value for a in AgentAnswer)
_CALL_REMIND = tuple(c.value for c in CallAgainChoice)
CALL_PATTERN = _compile(
    r"call:([0-9]{1,2}):(?:"
    + _one_of(_CALL_CARD_STEPS)
    + r"(?::"
    + _one_of(_CALL_ANSWERS)
    + r")?|said:"
    + _one_of(_CALL_ANSWERS)
    + r"|remind:"
    + _one_of(_CALL_REMIND)
    + r")"
)


@dataclass(frozen=True, slots=True)
class CallTap:
    """A tap in the call companion: the lender's index and one of a card, an answer, a reminder.

    ``answer`` with ``step``: the answer that led to that card (the close card).
    """

    lender: int
    step: CallStep | None = None
    answer: AgentAnswer | None = None
    remind: CallAgainChoice | None = None


def call_card_data(lender: int, step: CallStep, after: AgentAnswer | None = None) -> str:
    assert 0 <= lender <= 99
    return f"call:{lender}:{step.value}" + (f":{after.value}" if after is not None else "")


def call_answer_data(lender: int, answer: AgentAnswer) -> str:
    assert 0 <= lender <= 99
    return f"call:{lender}:said:{answer.value}"


def call_remind_data(lender: int, choice: CallAgainChoice) -> str:
    assert 0 <= lender <= 99
    return f"call:{lender}:remind:{choice.value}"


def parse_call(data: str) -> CallTap:
    """``call:0:ask`` → CallTap(0, CallStep.ASK); ``call:1:said:twelve`` → an answer."""
    found = CALL_PATTERN.match(data)
    if found is None:
        raise StaleCallback(data)
    lender = int(found[1])
    if found[2] is not None:
        after = AgentAnswer(found[3]) if found[3] is not None else None
        return CallTap(lender, step=CallStep(found[2]), answer=after)
    if found[4] is not None:
        return CallTap(lender, answer=AgentAnswer(found[4]))
    return CallTap(lender, remind=CallAgainChoice(found[5]))


def read_call(update: Update) -> CallTap:
    return parse_call(_data_of(update))


# ---- 🎭 先练一练: a rehearsal of the call with lender number k (its index in the case) --------

REHEARSE = Choice("rehearse:", {str(k): k for k in range(8)})


ALL_PATTERNS: tuple[re.Pattern[str], ...] = (
    *(
        kind.pattern
        for kind in (
            AGREE,
            PRODUCT,
            SKIP_RATE,
            SKIP_TOTAL,
            MORE_DEBTS,
            REASON,
            DURATION,
            PAYDAY,
            ESSENTIALS_OK,
            NO_OTHER_DEBTS,
            CONFIRM,
            EDIT,
            SUMMARY,
            DELETE_DEBT,
            RESUME,
            DEAL_START,
            OUTCOME,
            DEAL_DEBT,
            DEAL_KIND,
            DEAL_OPTION,
            DUE_DAY,
            SKIP_STAFF,
            SKIP_NOTE,
            SAVE,
            REDO,
            RENEGOTIATE,
            CALL_AGAIN,
            FAQ_MENU,
            FAQ,
            DELETE,
            CALENDAR,
            PLAN_PAGE,
            SETTING,
            PAID,
            UNDO,
            SNOOZE,
            CANNOT_PAY,
            NOT_PAID,
            OTHER_AMOUNT,
            SNOOZE_AT,
            UNDO_TO,
            REPLAN,
            REPLAN_SCRIPT,
            CHECK_IN_ANSWER,
            NUDGE,
            REHEARSE,
            SCAM_CHECK,
        )
    ),
    CHANGE_PATTERN,
    CASE_PATTERN,
    CALL_PATTERN,
)


# ---- 📒 记录一次催收 (issue 13): logging a collector's contact -------------------------------

COLLECTOR_START = Fixed("collect:start")
COLLECTOR_LIST = Fixed("collect:list")
COLLECTOR_WHEN = Choice("collect:when:", {v: v for v in ("now", "today", "type")})
COLLECTOR_CHANNEL = Choice.of_enum("collect:how:", Channel)
COLLECTOR_ANSWERED = Choice("collect:answered:", {"yes": True, "no": False})
COLLECTOR_ATTEMPTS = Choice(
    "collect:times:", {str(times): times for _, times in collection_texts.ATTEMPT_BUTTONS}
)
COLLECTOR_SKIP = Fixed("collect:skip")
COLLECTOR_BEHAVIOUR = Choice.of_enum("collect:did:", Behaviour)
COLLECTOR_DONE = Fixed("collect:done")
# 📄 导出投诉用的记录: the same as /export
EXPORT = Fixed("export")
ALL_PATTERNS = (
    *ALL_PATTERNS,
    *(
        kind.pattern
        for kind in (
            COLLECTOR_START,
            COLLECTOR_LIST,
            COLLECTOR_WHEN,
            COLLECTOR_CHANNEL,
            COLLECTOR_ANSWERED,
            COLLECTOR_ATTEMPTS,
            COLLECTOR_SKIP,
            COLLECTOR_BEHAVIOUR,
            COLLECTOR_DONE,
            EXPORT,
        )
    ),
)


def is_known(data: str) -> bool:
    """Whether a button of ours could carry ``data`` (the tests check every button sent)."""
    return len(data.encode()) <= 64 and any(p.match(data) for p in ALL_PATTERNS)
