"""A new deal for a debt that already has one: the old schedule's future goes, its history stays."""

from datetime import date

import aiosqlite

from bot.usecases import installments, payments
from tests.usecases.world import World

DUE = date(2025, 3, 20)


async def _rows(conn: aiosqlite.Connection, sql: str, *args: object) -> list[tuple[object, ...]]:
    async with conn.execute(sql, args) as cursor:
        return [tuple(r) for r in await cursor.fetchall()]


async def test_a_new_deal_replaces_the_future_and_keeps_the_history(world: World) -> None:
    debt = await world.planned(1)
    old = (await world.deal(1, debt, [100_000] * 4, DUE)).installment_ids
    await payments.mark_paid(world, 1, old[0])
    await payments.record_paid_amount(world, 1, old[1], 40_000)

    world.at(date(2025, 4, 15), 10)
    new = (await world.deal(1, debt, [80_000] * 3, date(2025, 5, 1))).installment_ids

    conn = await world.conn()
    # the old deal is still there, ended as re-planned, with its installments as they were
    deals = await _rows(conn, "SELECT active, outcome, ended_at IS NOT NULL FROM deals ORDER BY id")
    assert deals == [(0, "replanned", 1), (1, None, 0)]
    kept = await _rows(
        conn, "SELECT number, paid_fen FROM installments WHERE id IN (?, ?, ?, ?)", *old
    )
    assert kept == [(1, 100_000), (2, 40_000), (3, None), (4, None)]
    # nothing of the old schedule is waiting to be sent any more
    assert not await _rows(
        conn,
        "SELECT 1 FROM reminders WHERE status = 'pending' AND installment_id IN (?, ?, ?, ?)",
        *old,
    )
    # the plan is the new deal's, each reminder of it queued once
    assert [i.id for i in await installments.active_installments(world, 1)] == list(new)
    waiting = await world.waiting(1)
    assert {i for i, *_ in waiting} == set(new)
    assert len(waiting) == len(set(waiting)) == 3 * 4


async def test_a_deal_paid_in_full_and_then_replaced_counts_as_paid_off(world: World) -> None:
    debt = await world.planned(1)
    (only,) = (await world.deal(1, debt, [100_000], DUE)).installment_ids
    await payments.mark_paid(world, 1, only)
    await world.deal(1, debt, [50_000], date(2025, 5, 1))
    rows = await _rows(await world.conn(), "SELECT outcome FROM deals ORDER BY id")
    assert rows == [("paid_off",), (None,)]
