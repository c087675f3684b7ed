"""Recording the call: the deal with its reminders, a refusal, a reminder to call again."""

from datetime import date, datetime

from bot.domain.deal import DealKind, DealTerms, PlannedInstallment
from bot.domain.reminders import CallAgainChoice
from bot.storage import deal_terms, repo
from bot.usecases import deals, installments
from bot.usecases.places import Place
from tests.usecases.world import TZ, World


async def _statuses(world: World, installment_ids: tuple[int, ...]) -> set[str]:
    marks = ", ".join("?" for _ in installment_ids)
    async with (await world.conn()).execute(
        f"SELECT DISTINCT status FROM reminders WHERE installment_id IN ({marks})",
        installment_ids,
    ) as cursor:
        return {row[0] for row in await cursor.fetchall()}


async def test_a_new_deal_for_the_same_debt_replaces_the_old_ones_installments_and_reminders(
    world: World,
) -> None:
    debt = await world.user_with_debt(1)
    old = await world.deal(1, debt, [100_000, 100_000, 100_000], date(2025, 3, 20))

    new = await world.deal(1, debt, [300_000], date(2025, 4, 1))

    items = await installments.active_installments(world, 1)
    assert [(i.id, i.due, i.amount_fen) for i in items] == [
        (new.installment_ids[0], date(2025, 4, 1), 300_000)
    ]
    assert {installment for installment, *_ in await world.waiting(1)} == set(new.installment_ids)
    assert await _statuses(world, old.installment_ids) == {"cancelled"}
    assert new.debts_with_deal == frozenset({debt})


async def test_a_deal_plans_only_reminders_ahead_and_ends_the_recording(world: World) -> None:
    debt = await world.user_with_debt(1)
    async with world.database.transaction() as conn:
        await repo.save_deal_draft(conn, 1, {"outcome": "agreed"})
        await repo.save_conversation(conn, "deal", (1, 1), 5)
    world.at(date(2025, 3, 19), 21)  # the evening before the first due date, after 20:00
    agreed = deals.AgreedDeal(
        debt,
        DealTerms(DealKind.SINGLE, first_due=date(2025, 3, 20)),
        (PlannedInstallment(1, date(2025, 3, 20), 600_000),),
    )

    recorded = await deals.record_deal(
        world, 1, [agreed], staff_id="10086", place=Place("deal", (1, 1))
    )

    assert [(kind, at) for _, kind, _, at in await world.waiting(1)] == [
        ("due", datetime(2025, 3, 20, 9, 0, tzinfo=TZ)),
        ("followup", datetime(2025, 3, 20, 20, 0, tzinfo=TZ)),
    ]
    assert recorded.debts_with_deal == frozenset({debt})
    conn = await world.conn()
    (call,) = await repo.list_calls(conn, 1)
    assert (call.outcome, call.staff_id) == ("agreed", "10086")
    assert await repo.load_deal_draft(conn, 1) == {}
    assert await repo.load_conversation_state(conn, "deal", (1, 1)) is None


async def test_a_refused_call_is_logged_with_its_note_and_nothing_is_planned(
    world: World,
) -> None:
    await world.user_with_debt(1)
    async with world.database.transaction() as conn:
        await repo.save_deal_draft(conn, 1, {"outcome": "refused"})

    await deals.record_refused_call(
        world, 1, "10086", "说要等下个月", place=Place("deal", (1, 1), 7)
    )

    conn = await world.conn()
    (call,) = await repo.list_calls(conn, 1)
    assert (call.outcome, call.staff_id, call.note) == ("refused", "10086", "说要等下个月")
    assert await repo.load_deal_draft(conn, 1) == {}
    assert await repo.load_conversation_state(conn, "deal", (1, 1)) == 7  # asks "call again?"
    assert await installments.active_installments(world, 1) == []
    assert await world.waiting(1) == []


async def test_call_again_tomorrow_morning_is_queued_and_the_recording_ends(world: World) -> None:
    await world.user_with_debt(1)
    async with world.database.transaction() as conn:
        await repo.save_conversation(conn, "deal", (1, 1), 7)
    world.at(date(2025, 3, 10), 15)

    at = await deals.remind_to_call_again(
        world, 1, CallAgainChoice.TOMORROW_MORNING, place=Place("deal", (1, 1))
    )

    local = at.astimezone(TZ)
    assert local.date() == date(2025, 3, 11) and 8 <= local.hour < 12
    assert await world.waiting(1) == [(None, "call_again", 0, local)]
    assert await repo.load_conversation_state(await world.conn(), "deal", (1, 1)) is None


async def test_the_terms_are_stored_as_reported_and_read_back(world: World) -> None:
    debt = await world.user_with_debt(1)
    terms = DealTerms(DealKind.INSTALLMENTS, periods=2, amount_fen=300_000, due_day=15)
    items = (
        PlannedInstallment(1, date(2025, 3, 15), 300_000),
        PlannedInstallment(2, date(2025, 4, 15), 300_000),
    )
    await deals.record_deal(world, 1, [deals.AgreedDeal(debt, terms, items)], staff_id=None)
    async with (await world.conn()).execute("SELECT kind, terms FROM deals") as cursor:
        [(kind, text)] = await cursor.fetchall()
    assert kind == "installments"
    assert deal_terms.from_json(DealKind(kind), text) == terms


async def test_a_draft_is_saved_with_the_place_and_discarded_with_none(world: World) -> None:
    await world.user_with_debt(1)
    place = Place("deal", (1, 1), 3)
    await deals.save_draft(world, 1, {"outcome": "agreed", "debt_ids": [1]}, place)
    assert await deals.deal_draft(world, 1) == {"outcome": "agreed", "debt_ids": [1]}
    assert await repo.load_conversation_state(await world.conn(), "deal", (1, 1)) == 3
    await deals.save_draft(world, 1, None, Place("deal", (1, 1)))
    assert await deals.deal_draft(world, 1) == {}
    assert await repo.load_conversation_state(await world.conn(), "deal", (1, 1)) is None
