"""Changing a reminder setting moves the reminders ahead and never repeats one already sent."""

from datetime import date, datetime

from bot.usecases import settings
from tests.usecases.world import TZ, World

DUE = date(2025, 3, 20)


async def test_a_later_evening_moves_the_reminders_ahead_and_repeats_no_sent_one(
    world: World,
) -> None:
    debt = await world.user_with_debt(1)
    await world.deal(1, debt, [150_000], DUE)
    world.at(date(2025, 3, 17), 20, 0)
    assert await world.send_due_reminders() == 1  # "3 days before" at 20:00
    world.at(date(2025, 3, 17), 20, 5)

    change = await settings.change_setting(world, 1, "evening", 21)

    assert change is not None and change.changed
    assert change.before.evening_hour == 20 and change.after.evening_hour == 21
    # "3 days before" at 21:00 tonight would be ahead, but it was sent already
    assert [(kind, lead, at) for _, kind, lead, at in await world.waiting(1)] == [
        ("lead", 1, datetime(2025, 3, 19, 21, 0, tzinfo=TZ)),
        ("due", 0, datetime(2025, 3, 20, 9, 0, tzinfo=TZ)),
        ("followup", 0, datetime(2025, 3, 20, 21, 0, tzinfo=TZ)),
    ]


async def test_a_new_lead_time_adds_its_reminder_and_muting_keeps_only_the_follow_up(
    world: World,
) -> None:
    debt = await world.user_with_debt(1)
    await world.deal(1, debt, [150_000], DUE)

    await settings.change_setting(world, 1, "lead", 7)
    with_seven = [(kind, lead) for _, kind, lead, _ in await world.waiting(1)]
    await settings.change_setting(world, 1, "mute", 0)
    muted = [(kind, lead) for _, kind, lead, _ in await world.waiting(1)]

    assert with_seven == [("lead", 7), ("lead", 3), ("lead", 1), ("due", 0), ("followup", 0)]
    assert muted == [("followup", 0)]


async def test_the_same_or_an_unoffered_choice_changes_nothing(world: World) -> None:
    debt = await world.user_with_debt(1)
    await world.deal(1, debt, [150_000], DUE)
    before = await world.waiting(1)

    same = await settings.change_setting(world, 1, "morning", 9)  # 9 is the default
    unoffered = await settings.change_setting(world, 1, "morning", 5)

    assert same is not None and not same.changed
    assert unoffered is not None and not unoffered.changed
    assert await world.waiting(1) == before
    assert await settings.reminder_settings(world, 1) == same.after


async def test_someone_never_seen_has_no_settings(world: World) -> None:
    assert await settings.change_setting(world, 99, "mute", 0) is None
    assert await settings.reminder_settings(world, 99) is None
