"""Intake answers are written by field, each value checked against its column's one type."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import aiosqlite
import pytest

from bot.domain.case_fields import CaseField, DebtField
from bot.domain.models import HardshipReason, Product, RateBasis
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.repo.intake import _CASE_COLUMNS, _DEBT_COLUMNS

NOW = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)


@pytest.fixture
async def conn(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    database = Database(tmp_path / "bot.sqlite3")
    connection = await database.connection()
    await repo.ensure_user(connection, 7, 7, NOW)
    yield connection
    await database.close()


async def _case_and_debt(conn: aiosqlite.Connection) -> tuple[int, int]:
    case_id = await repo.start_case(conn, 7, NOW)
    return case_id, await repo.add_debt(conn, 7, case_id, Product.HUABEI, NOW)


def test_every_field_has_a_column() -> None:
    assert set(_CASE_COLUMNS) == set(CaseField)
    assert set(_DEBT_COLUMNS) == set(DebtField)


async def test_typed_answers_are_stored_and_read_back(conn: aiosqlite.Connection) -> None:
    case_id, debt_id = await _case_and_debt(conn)
    await repo.update_case(
        conn,
        7,
        case_id,
        NOW,
        {
            CaseField.HARDSHIP_REASON: HardshipReason.OTHER,
            CaseField.HARDSHIP_NOTE: "店关了",
            CaseField.HARDSHIP_TEMPORARY: True,
            CaseField.INCOME: 800_000,
            CaseField.PAYDAY: None,
            CaseField.PAYDAY_ANSWERED: True,
            CaseField.EDITING: False,
        },
    )
    await repo.update_debt(
        conn,
        7,
        debt_id,
        {
            DebtField.PRODUCT: Product.JIEBEI,
            DebtField.OVERDUE_SINCE: date(2025, 1, 5),
            DebtField.RATE_BASIS: RateBasis.LOAN,
            DebtField.DAILY_RATE: 500,
            DebtField.RATE_ANSWERED: True,
        },
    )
    case = await repo.open_case(conn, 7)
    assert case is not None
    assert case.hardship_reason is HardshipReason.OTHER and case.hardship_note == "店关了"
    assert case.hardship_temporary is True and case.income_fen == 800_000
    assert case.payday is None and case.payday_answered and not case.editing
    [debt] = case.debts
    assert debt.product is Product.JIEBEI and debt.overdue_since == date(2025, 1, 5)
    assert debt.rate_basis is RateBasis.LOAN and debt.daily_rate_ppm == 500 and debt.rate_answered


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (CaseField.INCOME, "8000"),  # text, not fen
        (CaseField.INCOME, True),  # a bool is no amount
        (CaseField.EDITING, 1),  # an int is no bool
        (CaseField.HARDSHIP_REASON, "other"),  # the enum, not its stored value
        (CaseField.INCOME, None),  # answered income is never "unknown"
        (CaseField.HARDSHIP_NOTE, HardshipReason.OTHER),  # an enum is no note
    ],
)
async def test_a_value_of_the_wrong_type_is_refused(
    conn: aiosqlite.Connection, field: CaseField, value: object
) -> None:
    case_id, _ = await _case_and_debt(conn)
    with pytest.raises(TypeError):
        await repo.update_case(conn, 7, case_id, NOW, {field: value})


async def test_a_moment_is_no_day(conn: aiosqlite.Connection) -> None:
    _, debt_id = await _case_and_debt(conn)
    with pytest.raises(TypeError):
        await repo.update_debt(conn, 7, debt_id, {DebtField.OVERDUE_SINCE: NOW})


async def test_planning_a_case_closes_its_questions(conn: aiosqlite.Connection) -> None:
    case_id, _ = await _case_and_debt(conn)
    await repo.update_case(conn, 7, case_id, NOW, {CaseField.STEP: 13, CaseField.EDITING: True})
    await repo.plan_case(conn, 7, case_id, NOW)
    case = await repo.open_case(conn, 7)
    assert case is not None and case.status == "planned"
    assert case.step is None and not case.editing
