"""The "打了吗？" nudges: queued with the plan, replaced on a re-confirm, stopped by a call
or by the user, and each button's next nudge at the right local time."""

from datetime import date, datetime

from bot.domain.nudges import NudgeChoice
from bot.storage import repo
from bot.usecases import deals, nudges
from bot.usecases.intake import confirm_case
from bot.usecases.places import Place
from tests.usecases.world import TZ, World

USER = 1


async def _confirmed(world: World, user_id: int = USER) -> int:
    """A planned case confirmed through the intake's use case; returns the debt id."""
    debt_id = await world.planned(user_id)
    case = await repo.open_case(await world.conn(), user_id)
    assert case is not None
    await confirm_case(world, user_id, case.id, Place("intake", (user_id, user_id)))
    return debt_id


async def _nudges(world: World, user_id: int = USER) -> list[datetime]:
    return [at for _, kind, _, at in await world.waiting(user_id) if kind == "call_nudge"]


def _noon(day: int) -> datetime:
    return datetime(2025, 3, day, 12, 0, tzinfo=TZ)


async def test_a_confirmed_plan_queues_three_nudges_at_noon_on_days_1_3_and_7(
    world: World,
) -> None:
    await _confirmed(world)  # Monday 2025-03-10, 10:00
    assert await _nudges(world) == [_noon(11), _noon(13), _noon(17)]
    [row] = await (
        await (await world.conn()).execute(
            "SELECT COUNT(*) FROM reminders WHERE kind = 'call_nudge' AND installment_id IS NULL"
        )
    ).fetchall()
    assert row[0] == 3


async def test_confirming_again_replaces_the_nudges_still_waiting(world: World) -> None:
    await _confirmed(world)
    world.at(date(2025, 3, 12), 15)
    case = await repo.open_case(await world.conn(), USER)
    assert case is not None
    await confirm_case(world, USER, case.id, Place("intake", (USER, USER)))
    assert await _nudges(world) == [_noon(13), _noon(15), _noon(19)]


async def test_a_recorded_deal_or_a_refused_call_cancels_the_nudges(world: World) -> None:
    debt = await _confirmed(world)
    await world.deal(USER, debt, [100_000], date(2025, 4, 15))
    assert await _nudges(world) == []

    other = 2
    await _confirmed(world, other)
    await deals.record_refused_call(world, other, None, None)
    assert await _nudges(world, other) == []


async def test_today_asks_again_this_evening_once_however_often_it_is_tapped(
    world: World,
) -> None:
    await _confirmed(world)
    world.at(date(2025, 3, 11), 12, 5)
    first = await nudges.choose(world, USER, NudgeChoice.TODAY)
    again = await nudges.choose(world, USER, NudgeChoice.TODAY)
    evening = datetime(2025, 3, 11, 19, 0, tzinfo=TZ)
    assert first.at == again.at == evening
    # the evening question, then the series goes on (day 3 and day 7)
    assert await _nudges(world) == [evening, _noon(13), _noon(17)]


async def test_today_tapped_late_in_the_evening_asks_tomorrow_at_noon_not_in_quiet_hours(
    world: World,
) -> None:
    await _confirmed(world)
    world.at(date(2025, 3, 12), 21, 30)
    done = await nudges.choose(world, USER, NudgeChoice.TODAY)
    assert done.at == _noon(13)
    # the day-3 nudge at that same noon is not sent twice
    assert await _nudges(world) == [_noon(13), _noon(17)]


async def test_later_leaves_one_nudge_in_two_days(world: World) -> None:
    await _confirmed(world)
    world.at(date(2025, 3, 11), 12, 5)
    done = await nudges.choose(world, USER, NudgeChoice.LATER)
    assert done.at == _noon(13)
    assert await _nudges(world) == [_noon(13)]


async def test_stop_cancels_every_nudge(world: World) -> None:
    await _confirmed(world)
    done = await nudges.choose(world, USER, NudgeChoice.STOP)
    assert done.planned and done.at is None
    assert await _nudges(world) == []


async def test_an_old_nudge_button_after_a_recorded_call_queues_nothing(world: World) -> None:
    await _confirmed(world)
    await deals.record_refused_call(world, USER, None, None)
    done = await nudges.choose(world, USER, NudgeChoice.LATER)
    assert done.called and done.at is None
    assert await _nudges(world) == []


async def test_without_a_plan_nothing_is_queued(world: World) -> None:
    await world.user_with_debt(USER)  # a draft, never planned
    done = await nudges.choose(world, USER, NudgeChoice.TODAY)
    assert not done.planned and done.at is None
    assert await _nudges(world) == []
