"""Check-ins while a deal runs, a new income or spending figure, and the case paid off."""

from datetime import date, datetime, timedelta

from bot.storage import repo
from bot.usecases import checkins, closing, payments
from bot.usecases.checkins import Figure
from bot.usecases.places import Place, saved_state
from tests.usecases.world import TZ, World

DUE = date(2025, 3, 20)
PLACE = Place("update", (1, 1), 2)


async def _outcomes(world: World) -> list[tuple[str | None, str | None, int]]:
    async with (await world.conn()).execute(
        "SELECT outcome, ended_at, active FROM deals WHERE user_id = 1 ORDER BY id"
    ) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


async def _case(world: World) -> tuple[str, str | None, int | None, int | None]:
    async with (await world.conn()).execute(
        "SELECT status, closed_at, income_fen, essentials_fen FROM cases WHERE user_id = 1"
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return tuple(row)


async def test_a_deal_queues_one_check_in_three_months_on_in_the_evening(world: World) -> None:
    debt = await world.planned(1)
    await world.deal(1, debt, [100_000, 100_000], DUE)
    assert await world.check_ins(1) == [datetime(2025, 6, 10, 20, 0, tzinfo=TZ)]

    # a new deal a week later replaces the one waiting: still exactly one
    world.moment += timedelta(days=7)
    await world.deal(1, debt, [200_000], DUE)
    assert await world.check_ins(1) == [datetime(2025, 6, 17, 20, 0, tzinfo=TZ)]


async def test_the_check_in_keeps_to_the_evening_hour_set(world: World) -> None:
    debt = await world.planned(1)
    async with world.database.transaction() as conn:
        await repo.set_prefs(conn, 1, evening_hour=18)
    await world.deal(1, debt, [100_000], DUE)
    assert await world.check_ins(1) == [datetime(2025, 6, 10, 18, 0, tzinfo=TZ)]


async def test_no_change_queues_the_next_check_in_from_the_answer_once(world: World) -> None:
    debt = await world.planned(1)
    await world.deal(1, debt, [100_000, 100_000], DUE)
    world.at(date(2025, 6, 10), 20, 30)

    unchanged = await checkins.no_change(world, 1, Place("update", (1, 1)))

    assert unchanged is not None
    at = unchanged.next_at
    assert at == datetime(2025, 9, 10, 20, 0, tzinfo=TZ)
    assert await world.check_ins(1) == [at]
    again = await checkins.no_change(world, 1)
    assert again is not None and again.next_at == at
    assert await world.check_ins(1) == [at]
    # no income, 2,000 of spending: the 1,000 a month agreed never fitted, and still does not
    assert not unchanged.still_fits


async def test_a_new_income_is_stored_with_the_next_check_in_and_rechecked(world: World) -> None:
    debt = await world.planned(1)  # essentials 2,000 a month
    await world.deal(1, debt, [100_000, 100_000], DUE)
    assert await checkins.open_question(world, 1, PLACE)
    assert await saved_state(world, "update", (1, 1)) == 2

    result = await checkins.record_figure(
        world, 1, Figure.INCOME, 500_000, Place("update", (1, 1)), max_periods=36
    )

    assert result is not None and result.replan is not None
    # 3,000 surplus, 2,700 after the buffer, 36 % of income is 1,800: 1,000 a month fits
    assert result.replan.plan.money.limit_fen == 180_000
    assert result.still_fits and not result.tight
    assert (await _case(world))[2] == 500_000
    # there had been no income, so no payday was ever asked: it counts as irregular
    case = await repo.open_case(await world.conn(), 1)
    assert case is not None and case.payday_answered and case.payday is None
    assert await saved_state(world, "update", (1, 1)) is None
    assert await world.check_ins(1) == [datetime(2025, 6, 10, 20, 0, tzinfo=TZ)]


async def test_spending_that_leaves_too_little_does_not_fit(world: World) -> None:
    debt = await world.planned(1)
    await world.deal(1, debt, [100_000, 100_000], DUE)
    await checkins.record_figure(world, 1, Figure.INCOME, 500_000, PLACE, max_periods=36)

    tight = await checkins.record_figure(world, 1, Figure.SPENDING, 385_000, PLACE, max_periods=36)
    # 1,150 surplus, 1,035 after the buffer: 1,000 a month still fits, with little to spare
    assert tight is not None and tight.replan is not None
    assert tight.replan.plan.money.limit_fen == 103_500
    assert tight.still_fits and tight.tight

    broke = await checkins.record_figure(world, 1, Figure.SPENDING, 450_000, PLACE, max_periods=36)
    assert broke is not None and not broke.still_fits and not broke.tight
    assert (await _case(world))[3] == 450_000


async def test_no_deal_no_question(world: World) -> None:
    await world.planned(1)
    assert not await checkins.open_question(world, 1, PLACE)
    assert await saved_state(world, "update", (1, 1)) is None
    assert await checkins.no_change(world, 1) is None
    assert await world.check_ins(1) == []


async def test_the_last_payment_closes_the_case_once(world: World) -> None:
    debt = await world.planned(1)
    first, second = (await world.deal(1, debt, [100_000, 100_000], DUE)).installment_ids
    await payments.mark_paid(world, 1, first)
    assert not await closing.close_paid_off(world, 1)  # one still to pay
    assert (await _case(world))[0] == "planned"

    world.moment += timedelta(days=30)
    paid = await payments.mark_paid(world, 1, second)
    assert paid is not None and paid.all_paid
    assert await closing.close_paid_off(world, 1)
    assert not await closing.close_paid_off(world, 1)  # a second call changes nothing

    status, closed_at, *_ = await _case(world)
    assert status == "closed" and closed_at is not None
    assert [(o, a is not None, active) for o, a, active in await _outcomes(world)] == [
        ("paid_off", True, 1)
    ]
    assert await world.check_ins(1) == []
    assert await repo.open_case(await world.conn(), 1) is None


async def test_retention_runs_from_the_day_it_was_paid_off(world: World) -> None:
    debt = await world.planned(1)
    (only,) = (await world.deal(1, debt, [100_000], DUE)).installment_ids
    await payments.mark_paid(world, 1, only)
    await closing.close_paid_off(world, 1)
    closed = world.now()

    async with world.database.transaction() as conn:
        kept = await repo.purge_expired(conn, closed - timedelta(seconds=1))
        assert kept[0] == 0
        removed = await repo.purge_expired(conn, closed + timedelta(seconds=1))
    assert removed[0] == 1


async def test_an_undo_after_closing_reopens_everything(world: World) -> None:
    debt = await world.planned(1)
    first, second = (await world.deal(1, debt, [100_000, 100_000], DUE)).installment_ids
    await payments.mark_paid(world, 1, first)
    await payments.mark_paid(world, 1, second)
    await closing.close_paid_off(world, 1)
    assert not await closing.reopen_if_unpaid(world, 1)  # nothing unpaid: stays closed

    await payments.undo_paid(world, 1, second)
    assert await closing.reopen_if_unpaid(world, 1)
    assert not await closing.reopen_if_unpaid(world, 1)

    assert (await _case(world))[:2] == ("planned", None)
    assert await _outcomes(world) == [(None, None, 1)]
    assert len(await world.check_ins(1)) == 1
    # paid again: closed again
    await payments.mark_paid(world, 1, second)
    assert await closing.close_paid_off(world, 1)
    assert (await _case(world))[0] == "closed"


async def test_an_undo_after_a_new_case_was_opened_lets_the_deal_run_again(
    world: World,
) -> None:
    debt = await world.planned(1)
    (only,) = (await world.deal(1, debt, [100_000], DUE)).installment_ids
    await payments.mark_paid(world, 1, only)
    await closing.close_paid_off(world, 1)
    async with world.database.transaction() as conn:
        await repo.start_case(conn, 1, world.now())  # a new debt, a new case

    await payments.undo_paid(world, 1, only)
    assert await closing.reopen_if_unpaid(world, 1)

    assert await _outcomes(world) == [(None, None, 1)]
    async with (await world.conn()).execute(
        "SELECT status FROM cases WHERE user_id = 1 ORDER BY id"
    ) as cursor:
        assert [r[0] for r in await cursor.fetchall()] == ["closed", "draft"]
