"""The operator's counts: each deal's outcome from what is stored, plus plans, calls, nudges."""

from datetime import date

from bot.domain.outcomes import DealOutcome
from bot.storage import repo
from bot.usecases import outcomes
from tests.usecases.world import World


async def test_kept_broken_paid_off_and_replanned_are_counted_from_the_deals(
    world: World,
) -> None:
    # kept: the next installment is still ahead
    kept = await world.planned(1)
    await world.deal(1, kept, [100_000, 100_000], date(2025, 4, 1))
    # broken: the first installment is unpaid 31 days after its due date
    broken = await world.planned(2)
    await world.deal(2, broken, [100_000], date(2025, 2, 1))
    # paid off: every installment paid in full
    paid = await world.planned(3)
    [only] = (await world.deal(3, paid, [50_000], date(2025, 3, 20))).installment_ids
    async with world.database.transaction() as conn:
        await repo.mark_paid(conn, 3, only, 50_000, world.now())
    # re-planned: a new deal replaced the first one for the same debt
    again = await world.planned(4)
    await world.deal(4, again, [100_000], date(2025, 2, 1))
    await world.deal(4, again, [50_000, 50_000], date(2025, 4, 1))

    report = await outcomes.outcome_report(world, today=date(2025, 3, 10))

    assert report.deals == {
        DealOutcome.KEPT: 2,  # user 1's, and user 4's new one
        DealOutcome.REPLANNED: 1,
        DealOutcome.BROKEN: 1,
        DealOutcome.PAID_OFF: 1,
    }
    assert report.plans_made == 4
    assert (report.calls_agreed, report.calls_refused) == (5, 0)


async def test_a_partly_paid_installment_is_not_paid_off(world: World) -> None:
    debt = await world.planned(1)
    [only] = (await world.deal(1, debt, [100_000], date(2025, 3, 20))).installment_ids
    async with world.database.transaction() as conn:
        await repo.mark_paid(conn, 1, only, 60_000, world.now())
    report = await outcomes.outcome_report(world, today=date(2025, 3, 21))
    assert report.deals[DealOutcome.KEPT] == 1 and report.deals[DealOutcome.PAID_OFF] == 0
    later = await outcomes.outcome_report(world, today=date(2025, 4, 30))
    assert later.deals[DealOutcome.BROKEN] == 1


async def test_an_empty_database_counts_zero_everywhere(world: World) -> None:
    report = await outcomes.outcome_report(world)
    assert set(report.deals.values()) == {0}
    assert (report.plans_made, report.calls_agreed, report.nudges_sent) == (0, 0, 0)


async def test_a_stored_outcome_wins_over_the_installments(world: World) -> None:
    debt = await world.planned(1)
    await world.deal(1, debt, [100_000], date(2025, 1, 1))  # would count as broken
    async with world.database.transaction() as conn:
        await conn.execute("UPDATE deals SET outcome = 'replanned', active = 0")
    report = await outcomes.outcome_report(world, today=date(2025, 3, 10))
    assert report.deals[DealOutcome.REPLANNED] == 1 and report.deals[DealOutcome.BROKEN] == 0
