"""The statements run all the time search an index (or the primary key), never scan a table.

The reminder engine's queries run every round; the hot statements of issue 15 (point 5) run
with every answer a user gives: where they stand in each conversation, their activity,
their open case and its debts, the answer's writes, and the inbox's store and handled mark.
A scan there would make every answer slower as users grow.
"""

import re
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import aiosqlite
import pytest

from bot.domain.case_fields import CaseField, DebtField
from bot.domain.models import Product
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.records import DueReminder


class Ids(NamedTuple):
    user: int
    case: int
    debt: int


Call = Callable[[aiosqlite.Connection, Ids], Awaitable[object]]
USER, KEY = 7, (7, 7)
# the table a statement reads or writes first: its plan is the one pinned
TARGET = re.compile(r"(?:SELECT .*? FROM|UPDATE|INSERT (?:OR \w+ )?INTO|DELETE FROM) (\w+)", re.S)
P = pytest.param
CASES_BY_INDEX = r"SEARCH cases USING (?:COVERING )?(?:INDEX \w+|INTEGER PRIMARY KEY)"


def _due(installment_id: int | None, kind: str) -> DueReminder:
    now = datetime.now(UTC)
    return DueReminder(1, USER, USER, installment_id, kind, 0, now, 1)


def _update(update_id: int) -> repo.StoredUpdate:
    return repo.StoredUpdate(update_id, USER, "{}")


@pytest.mark.parametrize(
    ("call", "table", "plans"),
    [
        # one plan (a regex the steps must match) per statement on the table; None: the
        # plan says nothing of use (INSERT ... ON CONFLICT), only "no scan" is checked
        P(lambda c, i: repo.claim_due_reminders(c, datetime.now(UTC), 30), "reminders",
          [r"USING INDEX reminders_waiting\b"], id="claim_due_reminders"),
        P(lambda c, i: repo.release_claimed_reminders(c), "reminders",
          [r"USING INDEX reminders_claimed\b"], id="release_claimed_reminders"),
        # for each reminder sent: the others of its installment, or of its kind for the user
        P(lambda c, i: repo.waiting_alongside(c, _due(3, "due")), "reminders",
          [r"USING INDEX reminders_by_installment\b"], id="waiting_alongside-installment"),
        P(lambda c, i: repo.waiting_alongside(c, _due(None, "call_again")), "reminders",
          [r"USING INDEX reminders_by_user\b"], id="waiting_alongside-user"),
        # each answer: where the user stands, whether they are known, their open case
        P(lambda c, i: repo.conversation_states(c, KEY), "conversations",
          [r"SEARCH conversations USING INDEX conversations_by_key\b"], id="conversation_states"),
        P(lambda c, i: repo.activity_of(c, i.user), "users",
          [r"SEARCH users USING INTEGER PRIMARY KEY"], id="activity_of"),
        # the one open case with its debts, one statement: either index of cases by user
        P(lambda c, i: repo.open_case(c, i.user), "cases",
          [r"SEARCH c USING INDEX (?:cases_one_open_per_user|cases_by_user)\b.*"
           r"SEARCH d USING INDEX debts_by_case\b"], id="open_case"),
        # the answer's writes
        P(lambda c, i: repo.update_debt(c, i.user, i.debt, {DebtField.AMOUNT: 100}), "debts",
          [rf"SEARCH debts USING INTEGER PRIMARY KEY.*{CASES_BY_INDEX}"], id="update_debt"),
        P(lambda c, i: repo.update_case(c, i.user, i.case, datetime.now(UTC),
                                        {CaseField.INCOME: 100}), "cases",
          [r"SEARCH cases USING INTEGER PRIMARY KEY"], id="update_case"),
        P(lambda c, i: repo.save_conversation(c, "intake", KEY, 3), "conversations",
          [None], id="save_conversation"),
        # conversations is WITHOUT ROWID: its primary key is the table, no autoindex
        P(lambda c, i: repo.save_conversation(c, "intake", KEY, None), "conversations",
          [r"SEARCH conversations USING PRIMARY KEY"], id="save_conversation-ended"),
        # the inbox: each update stored (those known already are looked up), then marked
        P(lambda c, i: repo.store_updates(c, [_update(5)], datetime.now(UTC)), "inbox",
          [r"SEARCH inbox USING INTEGER PRIMARY KEY", None], id="store_updates"),
        P(lambda c, i: repo.mark_handled(c, [5], datetime.now(UTC)), "inbox",
          [None], id="mark_handled"),
        # with each getUpdates answer: the handled ids Telegram has confirmed
        P(lambda c, i: repo.forget_confirmed(c, 6), "inbox",
          [r"SEARCH inbox USING INTEGER PRIMARY KEY"], id="forget_confirmed"),
    ],
)  # fmt: skip
async def test_hot_statements_search_an_index(
    tmp_path: Path, call: Call, table: str, plans: list[str | None]
) -> None:
    database = Database(tmp_path / "bot.sqlite3")
    conn = await database.connection()
    seen: list[tuple[str, object]] = []
    original, original_many = conn.execute, conn.executemany
    original_fetchall = conn.execute_fetchall

    def spy(sql: str, args: object = ()) -> object:
        seen.append((sql, args))
        return original(sql, args)

    def spy_fetchall(sql: str, args: object = ()) -> object:
        seen.append((sql, args))
        return original_fetchall(sql, args)

    def spy_many(sql: str, rows: Iterable[object]) -> object:
        batch = list(rows)
        seen.extend([(sql, batch[0])] if batch else [])  # no row: nothing runs
        return original_many(sql, batch)

    try:
        now = datetime.now(UTC)  # a user with a case and a debt, for the calls that need them
        await repo.ensure_user(conn, USER, USER, now)
        case = await repo.start_case(conn, USER, now)
        await repo.add_debt(conn, USER, case, Product.HUABEI, now)
        async with conn.execute("SELECT id FROM debts") as cursor:
            [(debt,)] = await cursor.fetchall()
        conn.execute = spy  # type: ignore[assignment]
        conn.executemany = spy_many  # type: ignore[assignment]
        conn.execute_fetchall = spy_fetchall  # type: ignore[assignment]
        await call(conn, Ids(USER, case, debt))
        conn.execute, conn.executemany = original, original_many  # type: ignore[method-assign]
        conn.execute_fetchall = original_fetchall  # type: ignore[method-assign]
        statements = [(s, a) for s, a in seen if (m := TARGET.match(s)) and m[1] == table]
        assert len(statements) == len(plans), statements
        for (sql, args), plan in zip(statements, plans, strict=True):
            async with conn.execute(f"EXPLAIN QUERY PLAN {sql}", args) as cursor:
                steps = [row[3] for row in await cursor.fetchall()]
            assert plan is None or re.search(plan, "; ".join(steps)), (sql, steps)
            # walking a partial index holds only waiting/claimed rows; a bare SCAN reads them all
            assert not [s for s in steps if s.startswith("SCAN") and "INDEX" not in s], steps
    finally:
        conn.execute, conn.executemany = original, original_many  # type: ignore[method-assign]
        conn.execute_fetchall = original_fetchall  # type: ignore[method-assign]
        await database.close()
