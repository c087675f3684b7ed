"""Marking an installment paid, with the agreed or another amount, and undoing it."""

from datetime import date, datetime

from bot.domain.reminders import SnoozeChoice
from bot.storage import repo
from bot.usecases import installments, payments, snooze
from tests.usecases.world import TZ, World

DUE = date(2025, 3, 20)


async def test_paid_records_the_agreed_amount_and_stops_that_installments_reminders(
    world: World,
) -> None:
    debt = await world.user_with_debt(1)
    first, second = (await world.deal(1, debt, [150_000, 150_000], DUE)).installment_ids

    paid = await payments.mark_paid(world, 1, first)

    assert paid is not None and paid.paid_fen == 150_000
    assert not paid.all_paid and not paid.already
    items = await installments.active_installments(world, 1)
    assert [(i.id, i.paid_fen) for i in items] == [(first, 150_000), (second, None)]
    assert {installment for installment, *_ in await world.waiting(1)} == {second}


async def test_a_smaller_amount_leaves_the_rest_open_and_already_paid_pays_it(
    world: World,
) -> None:
    debt = await world.user_with_debt(1)
    (only,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids

    asked = await payments.ask_paid_amount(world, 1, only)
    assert asked is not None and asked.id == only
    assert await repo.amount_question(await world.conn(), 1) == only
    paid = await payments.record_paid_amount(world, 1, only, 120_000)

    assert paid is not None and paid.paid_fen == 120_000 and not paid.all_paid
    assert await repo.amount_question(await world.conn(), 1) is None
    (item,) = await installments.active_installments(world, 1)
    assert item.partly_paid and item.outstanding_fen == 30_000

    rest = await payments.mark_paid(world, 1, only)  # "已还" once the rest is paid too
    assert rest is not None and rest.paid_fen == 150_000 and rest.all_paid
    again = await payments.mark_paid(world, 1, only)  # an old "已还" tapped later
    assert again is not None and again.already and again.paid_fen == 150_000


async def test_nobody_marks_undoes_or_snoozes_another_users_installment(world: World) -> None:
    debt = await world.user_with_debt(1)
    (theirs,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids
    await world.user_with_debt(2)
    before = await world.waiting(1)

    assert await payments.mark_paid(world, 2, theirs) is None
    assert await payments.record_paid_amount(world, 2, theirs, 1) is None
    assert await payments.undo_paid(world, 2, theirs) is None
    assert await snooze.snooze(world, 2, theirs, SnoozeChoice.TONIGHT) is None

    (item,) = await installments.active_installments(world, 1)
    assert item.paid_fen is None
    assert await world.waiting(1) == before
    assert await world.waiting(2) == []


async def test_undo_brings_back_the_reminders_still_ahead(world: World) -> None:
    debt = await world.user_with_debt(1)
    (only,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids
    await payments.mark_paid(world, 1, only)
    assert await world.waiting(1) == []

    world.at(date(2025, 3, 18), 12)  # the 3-days-before evening has passed
    item = await payments.undo_paid(world, 1, only)

    assert item is not None and item.id == only
    (back,) = await installments.active_installments(world, 1)
    assert back.paid_fen is None
    assert [(kind, lead, at) for _, kind, lead, at in await world.waiting(1)] == [
        ("lead", 1, datetime(2025, 3, 19, 20, 0, tzinfo=TZ)),
        ("due", 0, datetime(2025, 3, 20, 9, 0, tzinfo=TZ)),
        ("followup", 0, datetime(2025, 3, 20, 20, 0, tzinfo=TZ)),
    ]


async def test_undo_after_the_due_date_asks_again_in_the_morning(world: World) -> None:
    debt = await world.user_with_debt(1)
    (only,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids
    await payments.mark_paid(world, 1, only)

    world.at(date(2025, 3, 25), 23)  # late at night, days after the due date
    await payments.undo_paid(world, 1, only)

    assert [(kind, at) for _, kind, _, at in await world.waiting(1)] == [
        ("followup", datetime(2025, 3, 26, 8, 0, tzinfo=TZ))  # not in the quiet hours
    ]


# ---- paid in part (issue 11): still open, its reminders keep coming, undo goes back --------


async def test_paid_in_part_before_the_due_date_keeps_its_reminders(world: World) -> None:
    debt = await world.user_with_debt(1)
    (only,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids
    before = [(kind, lead, at) for _, kind, lead, at in await world.waiting(1)]

    paid = await payments.record_paid_amount(world, 1, only, 100_000)

    assert paid is not None and paid.missing_fen == 50_000 and not paid.late
    assert paid.follow_up_at is None and paid.undo_to_fen is None and not paid.rest_paid
    # the same reminders, once each: 3 and 1 days before, the due day, the follow-up
    assert [(kind, lead, at) for _, kind, lead, at in await world.waiting(1)] == before
    assert len(before) == 4


async def test_paid_then_corrected_to_less_brings_the_reminders_back_without_repeats(
    world: World,
) -> None:
    debt = await world.user_with_debt(1)
    (only,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids
    world.at(date(2025, 3, 17), 20)
    assert await world.send_due_reminders() == 1  # 3 days before, sent
    await payments.mark_paid(world, 1, only)
    assert await world.waiting(1) == []

    await payments.record_paid_amount(world, 1, only, 120_000)  # "金额不一样": 1,200

    assert [(kind, lead) for _, kind, lead, _ in await world.waiting(1)] == [
        ("lead", 1),
        ("due", 0),
        ("followup", 0),
    ]


async def test_paid_in_part_after_the_due_date_is_asked_about_in_two_days(world: World) -> None:
    debt = await world.user_with_debt(1)
    (only,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids
    world.at(date(2025, 3, 22), 12)

    paid = await payments.record_paid_amount(world, 1, only, 100_000)

    assert paid is not None and paid.late and paid.missing_fen == 50_000
    assert paid.follow_up_at == datetime(2025, 3, 24, 20, 0, tzinfo=TZ)
    assert [(kind, at) for _, kind, _, at in await world.waiting(1)] == [
        ("followup", datetime(2025, 3, 24, 20, 0, tzinfo=TZ))
    ]


async def test_a_late_part_payment_is_followed_up_only_while_that_still_helps(
    world: World,
) -> None:
    debt = await world.user_with_debt(1)
    first, second = (await world.deal(1, debt, [150_000, 150_000], DUE)).installment_ids
    world.at(date(2025, 3, 26), 12)  # two days on is past the follow-up's week: the 27th
    paid = await payments.record_paid_amount(world, 1, first, 100_000)
    assert paid is not None and paid.follow_up_at == datetime(2025, 3, 27, 20, 0, tzinfo=TZ)

    world.at(date(2025, 3, 28), 12)  # more than a week late: no follow-up is promised
    again = await payments.record_paid_amount(world, 1, first, 110_000)
    assert again is not None and again.follow_up_at is None
    assert {i for i, *_ in await world.waiting(1)} == {second}


async def test_paid_on_a_part_paid_one_pays_the_rest_and_undo_goes_back_to_the_part(
    world: World,
) -> None:
    debt = await world.user_with_debt(1)
    (only,) = (await world.deal(1, debt, [150_000], DUE)).installment_ids
    await payments.record_paid_amount(world, 1, only, 100_000)

    rest = await payments.mark_paid(world, 1, only)

    assert rest is not None and rest.rest_paid and rest.paid_fen == 150_000
    assert rest.installment.outstanding_fen == 50_000  # what this tap paid
    assert rest.undo_to_fen == 100_000 and rest.all_paid
    assert await world.waiting(1) == []

    back = await payments.undo_paid(world, 1, only, rest.undo_to_fen)

    assert back is not None and back.partly_paid and back.outstanding_fen == 50_000
    assert len(await world.waiting(1)) == 4  # its reminders are back, once each
    gone = await payments.undo_paid(world, 1, only)  # a plain undo: unpaid
    assert gone is not None and gone.paid_fen is None
    assert len(await world.waiting(1)) == 4
