"""A new proposal for a slipping deal, from what is left and today's budget."""

from datetime import date

from bot.domain.models import Budget
from bot.domain.plan import Recommendation
from bot.usecases import payments
from bot.usecases.replanning import propose_replan
from tests.usecases.world import World

DUE = date(2025, 3, 20)


async def test_what_is_left_is_planned_again_with_the_new_budget(world: World) -> None:
    debt = await world.planned(1)
    first, *_ = (await world.deal(1, debt, [100_000] * 6, DUE)).installment_ids
    await payments.mark_paid(world, 1, first, 60_000)  # 400 missing from the first

    budget = Budget(income_fen=400_000, essentials_fen=330_000, other_debts_fen=0)
    proposal = await propose_replan(world, 1, budget=budget)

    assert proposal is not None
    assert proposal.left_fen == 40_000 + 5 * 100_000
    assert proposal.monthly_fen == 100_000  # the first is still open, so it is next
    assert proposal.call_before == DUE
    assert not proposal.still_fits
    assert proposal.plan.kind is Recommendation.INSTALLMENTS
    assert proposal.plan.schedule is not None
    assert proposal.plan.schedule.total_fen == proposal.left_fen


async def test_nothing_to_replan_without_a_deal_or_a_plan(world: World) -> None:
    await world.user_with_debt(1)  # not planned
    assert await propose_replan(world, 1) is None
    await world.planned(2)  # planned, but no deal recorded
    assert await propose_replan(world, 2) is None


async def test_the_proposal_knows_what_was_paid_and_what_the_next_one_misses(
    world: World,
) -> None:
    debt = await world.planned(1)
    first, *_ = (await world.deal(1, debt, [100_000] * 3, DUE)).installment_ids
    await payments.record_paid_amount(world, 1, first, 60_000)

    proposal = await propose_replan(world, 1)

    assert proposal is not None
    (deal,) = proposal.deals
    assert (deal.paid_fen, deal.next_number, deal.next_missing_fen) == (60_000, 1, 40_000)
