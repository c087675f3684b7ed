"""Saving an intake answer with the next place, and confirming the case, without Telegram."""

from __future__ import annotations

from datetime import date

from bot.domain.case_fields import CaseField, DebtField
from bot.domain.models import Product
from bot.storage import repo
from bot.usecases import intake
from bot.usecases.intake import confirm_case, save_answer
from bot.usecases.places import Place
from tests.usecases.world import World

KEY = (7, 7)


async def test_an_answer_and_the_next_question_are_stored_together(world: World) -> None:
    debt_id = await world.user_with_debt(7)
    conn = await world.conn()
    case = await repo.open_case(conn, 7)
    assert case is not None
    place = Place("intake", KEY, 4)
    await save_answer(world, 7, case, place, debt_id=debt_id, debt_fields={DebtField.AMOUNT: 99})
    case = await repo.open_case(conn, 7)
    assert case is not None and case.step == 4 and case.debts[0].amount_fen == 99
    assert await repo.load_conversation_state(conn, "intake", KEY) == 4


async def test_an_answer_to_another_users_case_changes_nothing(world: World) -> None:
    await world.user_with_debt(7)
    await world.user_with_debt(8)
    conn = await world.conn()
    mine = await repo.open_case(conn, 7)
    assert mine is not None
    stored = await save_answer(
        world, 8, mine, Place("intake", (8, 8), 10), case_fields={CaseField.INCOME: 1}
    )
    assert stored is None
    mine = await repo.open_case(conn, 7)
    assert mine is not None and mine.income_fen is None


async def test_confirming_plans_the_case_and_ends_the_conversation(world: World) -> None:
    await world.user_with_debt(7)
    conn = await world.conn()
    case = await repo.open_case(conn, 7)
    assert case is not None
    await save_answer(
        world, 7, case, Place("intake", KEY, 13), case_fields={CaseField.EDITING: True}
    )
    await confirm_case(world, 7, case.id, Place("intake", KEY, None))
    case = await repo.open_case(conn, 7)
    assert case is not None and case.status == "planned" and case.step is None
    assert not case.editing
    assert await repo.load_conversation_state(conn, "intake", KEY) is None


async def test_a_new_debt_and_a_dropped_one_are_saved_with_the_place(world: World) -> None:
    first = await world.user_with_debt(7)
    conn = await world.conn()
    case = await repo.open_case(conn, 7)
    assert case is not None
    await save_answer(world, 7, case, Place("intake", KEY, 3), new_debt=Product.JIEBEI)
    case = await repo.open_case(conn, 7)
    assert case is not None and [d.product for d in case.debts] == [Product.HUABEI, Product.JIEBEI]
    await save_answer(world, 7, case, Place("intake", KEY, 13), drop_debt_id=first)
    case = await repo.open_case(conn, 7)
    assert case is not None and [d.product for d in case.debts] == [Product.JIEBEI]
    assert case.step == 13 and await repo.load_conversation_state(conn, "intake", KEY) == 13


async def test_a_first_start_knows_the_user_who_has_not_agreed_yet(world: World) -> None:
    started = await intake.start(world, 7, 70)
    assert not started.consented and started.case is None
    prefs = await repo.get_prefs(await world.conn(), 7)
    assert prefs is not None and prefs.chat_id == 70


async def test_a_start_drops_an_amount_question_and_returns_the_open_case(world: World) -> None:
    await world.user_with_debt(7)
    async with world.database.transaction() as conn:
        await repo.record_consent(conn, 7, world.now())
        await repo.set_amount_question(conn, 7, 1)
    started = await intake.start(world, 7, 7)
    assert started.consented and started.case is not None
    assert await repo.amount_question(await world.conn(), 7) is None


async def test_agreeing_opens_a_case_once(world: World) -> None:
    await intake.start(world, 7, 7)
    case = await intake.agree(world, 7)
    assert case is not None and case.status == "draft" and case.debts == ()
    again = await intake.agree(world, 7)
    assert again is not None and again.id == case.id
    assert await repo.has_consented(await world.conn(), 7)


async def test_agreeing_again_keeps_a_planned_case(world: World) -> None:
    await world.planned(7)
    case = await intake.agree(world, 7)
    assert case is not None and case.status == "planned"


async def test_a_new_case_replaces_the_open_one(world: World) -> None:
    await world.user_with_debt(7)
    case = await intake.begin_case(world, 7)
    assert case is not None and case.debts == ()


async def test_a_restart_says_whether_a_deal_stays(world: World) -> None:
    debt = await world.planned(7)
    restarted = await intake.restart(world, 7)
    assert restarted.case is not None and restarted.case.debts == ()
    assert not restarted.has_deal
    await world.deal(7, debt, [600_000], date(2025, 3, 20))
    assert (await intake.restart(world, 7)).has_deal


async def test_the_case_returned_with_each_answer_is_the_case_as_stored(world: World) -> None:
    """The next question is asked from the returned case, not from a second read: for every
    kind of answer it must be exactly what reading the case again would give."""
    first = await world.user_with_debt(7)
    theirs = await world.user_with_debt(8)
    conn = await world.conn()
    held = await repo.open_case(conn, 7)
    answers: list[dict[str, object]] = [
        {"debt_id": first, "debt_fields": {DebtField.OVERDUE_SINCE: date(2026, 10, 19)}},
        {"debt_id": first, "debt_fields": {DebtField.RATE_ANSWERED: True}},
        {"debt_id": first, "debt_fields": {DebtField.TOTAL_ANSWERED: True}},
        {"case_fields": {CaseField.CURRENT_DEBT: None}},
        {"new_debt": Product.JIEBEI},
        {"case_fields": {CaseField.EDITING: True, CaseField.CURRENT_DEBT: first}},
        # the note as stored: the hidden character and the card number are gone
        {"case_fields": {CaseField.HARDSHIP_NOTE: "失业\u200b了 卡号6222021234567890123"}},
        {"case_fields": {CaseField.INCOME: 600_000}, "leave_editing": True},
        # another user's debt: nothing of theirs changes, nor of this case's debts
        {"debt_id": theirs, "debt_fields": {DebtField.AMOUNT: 1}},
        # the 借呗 added above deleted from the summary
        {"case_fields": {CaseField.CURRENT_DEBT: first}, "drop_debt_id": None},
    ]
    for step, answer in enumerate(answers, start=3):
        assert held is not None
        if "drop_debt_id" in answer:
            answer["drop_debt_id"] = held.debts[-1].id
        stored = await save_answer(world, 7, held, Place("intake", KEY, step), **answer)  # type: ignore[arg-type]
        held = await repo.open_case(conn, 7)
        assert stored == held, answer
    assert held is not None and [d.id for d in held.debts] == [first]
    assert held.hardship_note is not None and "6222" not in held.hardship_note
    assert not held.editing and held.income_fen == 600_000
    other = await repo.open_case(conn, 8)
    assert other is not None and other.debts[0].amount_fen == 600_000
