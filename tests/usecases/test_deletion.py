"""Deleting a user leaves no row about them and keeps everybody else's."""

from datetime import date

import aiosqlite

from bot.domain.collection import Channel, Contact
from bot.storage import repo
from bot.usecases import deletion
from tests.usecases.world import World


async def _count(cursor: aiosqlite.Cursor) -> int:
    row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def _rows_per_table(world: World, user_id: int) -> dict[str, int]:
    """Rows about the user in every table that has a user id, and their debts and places."""
    conn = await world.conn()
    async with conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cursor:
        tables = [row[0] for row in await cursor.fetchall()]
    counts = {}
    for table in tables:
        async with conn.execute(f"PRAGMA table_info({table})") as cursor:
            columns = {row[1] for row in await cursor.fetchall()}
        if "user_id" in columns:
            async with conn.execute(
                f"SELECT count(*) FROM {table} WHERE user_id = ?", (user_id,)
            ) as cursor:
                counts[table] = await _count(cursor)
    queries = {
        "debts": "SELECT count(*) FROM debts b JOIN cases c ON c.id = b.case_id"
        " WHERE c.user_id = ?",
        "conversations": "SELECT count(*) FROM conversations WHERE json_extract(key, '$[1]') = ?",
    }
    for name, sql in queries.items():
        async with conn.execute(sql, (user_id,)) as cursor:
            counts[name] = await _count(cursor)
    return counts


async def _user_with_everything(world: World, user_id: int) -> None:
    debt = await world.user_with_debt(user_id)
    await world.deal(user_id, debt, [150_000, 150_000], date(2025, 3, 20))
    async with world.database.transaction() as conn:
        await repo.save_deal_draft(conn, user_id, {"outcome": "agreed"})
        await repo.save_conversation(conn, "deal", (user_id, user_id), 2)
        # 📒 the collection log and the contact being logged
        contact = Contact(world.now(), Channel.CALL, who="13800138000")
        await repo.add_contact(conn, user_id, contact, "说要上门", world.now())
        await repo.save_collection_draft(conn, user_id, {"channel": "sms"})
        # the messages that carried an export (/delete takes them back out of the chat)
        await repo.add_sent_exports(conn, user_id, user_id, [7, 8], world.now())
        # a message of theirs stored in the inbox and not handled yet: what they typed
        waiting = repo.StoredUpdate(100 + user_id, user_id, '{"message": {"text": "2.35万"}}')
        await repo.store_updates(conn, [waiting], world.now())


async def test_deleting_leaves_no_row_of_that_user_and_keeps_the_others(world: World) -> None:
    await _user_with_everything(world, 1)
    await _user_with_everything(world, 2)
    kept = await _rows_per_table(world, 2)

    sent = await deletion.delete_user(world, 1)
    assert sent == [(1, 7), (1, 8)]  # the adapter deletes these from the chat

    gone = await _rows_per_table(world, 1)
    assert {"users", "cases", "deals", "installments", "reminders", "call_log"} <= set(gone)
    assert {"collection_log", "collection_drafts", "sent_exports", "inbox"} <= set(gone)
    assert set(gone.values()) == {0}, gone
    assert await _rows_per_table(world, 2) == kept
    assert all(kept.values()), kept
