"""The collection log's use cases: logging a contact with its day, the day's entries, the
whole log for the export, the draft kept between answers, and /delete erasing it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.collection import Behaviour, Channel, Contact, Rule
from bot.storage import repo
from bot.usecases import collection, deletion
from bot.usecases.places import Place
from tests.usecases.world import TZ, World

NY = ZoneInfo("America/New_York")


def place(user_id: int, state: int | None) -> Place:
    return Place(collection.CONVERSATION_NAME, (user_id, user_id), state)


def answered_call(day: date, hour: int) -> Contact:
    return Contact(datetime(day.year, day.month, day.day, hour, tzinfo=TZ), Channel.CALL)


async def test_the_fourth_answered_call_of_a_day_is_said_to_break_the_standard(
    world: World,
) -> None:
    await collection.start(world, 1, 1, place(1, 1))
    day = world.today()
    for hour in (9, 11, 14):
        entry = await collection.log_contact(
            world, 1, answered_call(day, hour), None, place(1, None)
        )
        assert entry.verdict.rules == ()
    fourth = await collection.log_contact(world, 1, answered_call(day, 16), None, place(1, None))
    assert fourth.verdict.rules == (Rule.VOICE_CALLS,)
    assert fourth.verdict.answered_calls == 4
    # the next day starts again
    next_day = await collection.log_contact(
        world, 1, answered_call(date(2025, 3, 11), 9), None, place(1, None)
    )
    assert next_day.verdict.rules == ()


async def test_moments_are_stored_in_utc_and_read_back_on_the_persons_clock(world: World) -> None:
    await collection.start(world, 1, 1, place(1, 1))
    late = Contact(
        datetime(2025, 3, 9, 23, 30, tzinfo=TZ), Channel.SMS, frozenset({Behaviour.THREAT})
    )
    entry = await collection.log_contact(world, 1, late, "说要去我家", place(1, None))
    assert entry.contact.contacted_at.utcoffset() == TZ.utcoffset(late.contacted_at)
    assert entry.contact.contacted_at.hour == 23
    assert entry.verdict.rules == (Rule.QUIET_HOURS, Rule.THREAT)
    conn = await world.conn()
    async with conn.execute("SELECT contacted_at, behaviours, note FROM collection_log") as cursor:
        assert [tuple(r) for r in await cursor.fetchall()] == [
            ("2025-03-09T15:30:00+00:00", "threat", "说要去我家")
        ]
    (day_entry,) = await collection.day_entries(world, 1, date(2025, 3, 9))
    assert day_entry.verdict.rules == (Rule.QUIET_HOURS, Rule.THREAT)
    assert await collection.day_entries(world, 1, date(2025, 3, 10)) == []


async def test_the_whole_log_is_in_time_order_with_the_rules_each_entry_breaks(
    world: World,
) -> None:
    await collection.start(world, 1, 1, place(1, 1))
    family = Contact(datetime(2025, 3, 8, 10, tzinfo=TZ), Channel.THIRD_PARTY, who="张经理")
    for contact in (answered_call(date(2025, 3, 9), 9), family):
        await collection.log_contact(world, 1, contact, None, place(1, None))
    log = await collection.whole_log(world, 1)
    assert [e.contact.channel for e in log] == [Channel.THIRD_PARTY, Channel.CALL]
    assert [e.verdict.rules for e in log] == [(Rule.THIRD_PARTY,), ()]
    assert log[0].contact.who == "张经理"
    assert await collection.whole_log(world, 2) == []


async def test_a_secret_in_the_number_or_the_note_is_never_stored(world: World) -> None:
    await collection.start(world, 1, 1, place(1, 1))
    card = "6222 0212 3456 7890 128"
    contact = Contact(datetime(2025, 3, 10, 9, tzinfo=TZ), Channel.CALL, who=f"卡号 {card}")
    await collection.log_contact(world, 1, contact, f"他让我报卡号 {card}", place(1, None))
    conn = await world.conn()
    async with conn.execute("SELECT who, note FROM collection_log") as cursor:
        who, note = await cursor.fetchone()
    assert "7890" not in who and "7890" not in note
    assert "＊＊＊" in note


async def test_the_draft_keeps_each_answer_and_goes_with_the_entry(world: World) -> None:
    await collection.start(world, 1, 1, place(1, 1))
    await collection.answer(world, 1, {"channel": "call"}, place(1, 3))
    await collection.answer(world, 1, {"who": "13800138000"}, place(1, 6))
    assert await collection.draft(world, 1) == {"channel": "call", "who": "13800138000"}
    assert await repo.load_conversation_state(await world.conn(), "collector", (1, 1)) == 6
    await collection.discard(world, 1, place(1, None))
    assert await collection.draft(world, 1) == {}
    assert await repo.load_conversation_state(await world.conn(), "collector", (1, 1)) is None


async def test_deleting_a_user_erases_their_log_and_draft_only(world: World) -> None:
    for user_id in (1, 2):
        await collection.start(world, user_id, user_id, place(user_id, 1))
        await collection.log_contact(
            world, user_id, answered_call(world.today(), 9), None, place(user_id, None)
        )
        await collection.answer(world, user_id, {"channel": "sms"}, place(user_id, 3))
    await deletion.delete_user(world, 1)
    conn = await world.conn()
    for table in ("collection_log", "collection_drafts"):
        async with conn.execute(f"SELECT user_id FROM {table}") as cursor:
            assert [r[0] for r in await cursor.fetchall()] == [2], table


async def test_a_call_logged_late_is_judged_against_the_calls_before_it(world: World) -> None:
    """Four afternoon calls, then the morning's logged last: the morning one broke nothing,
    as the whole log says too."""
    await collection.start(world, 1, 1, place(1, 1))
    day = world.today()
    for hour in (10, 11, 12, 13):
        await collection.log_contact(world, 1, answered_call(day, hour), None, place(1, None))
    morning = await collection.log_contact(world, 1, answered_call(day, 9), None, place(1, None))
    assert morning.verdict.rules == ()
    flagged = [
        e.contact.contacted_at.hour for e in await collection.whole_log(world, 1) if e.verdict.rules
    ]
    assert flagged == [12, 13]
