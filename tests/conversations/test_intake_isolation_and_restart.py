"""Two people at once never mix; a restart mid-conversation loses nothing acknowledged."""

from pathlib import Path

from tests.support.chat import Bot, Chat, Clock, running_bot
from tests.support.flows import agree, one_debt


async def test_two_users_interleaved_keep_their_own_answers(alice: Chat, bob: Chat) -> None:
    await agree(alice)
    await agree(bob)
    await alice.tap("花呗")
    await bob.tap("借呗")
    await alice.send("1000")
    await bob.send("2000")
    assert "花呗逾期多久了" in alice.last_text
    assert "借呗逾期多久了" in bob.last_text
    await bob.send("20天")
    await alice.send("10天")
    await alice.tap("跳过")
    await bob.tap("跳过")
    await alice.tap("跳过")
    await bob.send("3000")
    assert "花呗 1,000 元，已逾期 10 天" in alice.last_text
    assert "借呗 2,000 元，已逾期 20 天" in bob.last_text
    await alice.send("/status")
    assert "1,000" in alice.last_text and "2,000" not in alice.last_text


async def test_one_user_cannot_touch_another_users_debt(bot: Bot, alice: Chat, bob: Chat) -> None:
    await agree(alice)
    await alice.tap("花呗")
    await alice.send("1000")
    await agree(bob)
    await bob.tap("借呗")
    await bob.send("2000")
    await bob.send("5天")
    await bob.tap("跳过")
    await bob.tap("跳过")
    await bob.tap("没有了")
    await bob.tap("失业")
    await bob.tap("约1个月")
    await bob.send("1")
    await bob.tap("不固定")
    await bob.send("1")
    await bob.tap("没有")
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT id FROM debts WHERE product = 'huabei'") as cursor:
        [(alice_debt,)] = await cursor.fetchall()
    # a forged button naming alice's debt, sent by bob
    await bob.tap_data(f"intake:delete:{alice_debt}", bob.last.message_id)
    await bob.tap_data(f"intake:change:amount:{alice_debt}", bob.last.message_id)
    await bob.send("1")
    async with conn.execute("SELECT amount_fen FROM debts WHERE id = ?", (alice_debt,)) as cursor:
        assert (await cursor.fetchone())[0] == 100_000


async def test_a_crash_mid_conversation_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    clock = Clock()
    async with running_bot(database, clock, crash=True) as first:
        chat = first.chat(101)
        await agree(chat)
        await one_debt(chat, "花呗", "23500", "45天", "0.05%")
        await chat.tap("还有一笔")
        await chat.tap("借呗")
        await chat.send("5000")
        assert "借呗逾期多久了" in chat.last_text  # acknowledged: then the process dies

    async with running_bot(database, clock) as second:
        chat = second.chat(101)
        await chat.send("12天")  # no /start: the same question is still open
        assert "借款详情" in chat.last_text and "借呗" in chat.last_text
        await chat.tap("跳过")
        await chat.tap("跳过")
        assert "借呗 5,000 元，已逾期 12 天" in chat.last_text
        await chat.tap("没有了")
        await chat.send("/status")
        assert "花呗 23,500 元" in chat.last_text and "借呗 5,000 元" in chat.last_text


async def test_a_restart_keeps_people_on_different_questions(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with running_bot(database) as first:
        await agree(first.chat(1))
        await agree(first.chat(2))
        await first.chat(2).tap("网商贷")
    async with running_bot(database) as second:
        await second.chat(1).send("1000")
        assert "请点下面的按钮选一个，或者打出名字" in second.chat(1).last_text
        await second.chat(2).send("1000")
        assert "网商贷逾期多久了" in second.chat(2).last_text


async def test_group_chats_collect_nothing(bot: Bot) -> None:
    group = bot.chat(101, chat_id=-100500)
    await group.send("/start")
    assert "私聊" in group.last_text and "https://t.me/" in group.last_text
    await group.send("/status")
    assert "私聊" in group.last_text
    conn = await bot.services.database.connection()
    for table in ("users", "cases", "debts", "conversations"):
        async with conn.execute(f"SELECT COUNT(*) FROM {table}") as cursor:
            assert (await cursor.fetchone())[0] == 0, table


async def test_delete_erases_everything_and_ends_the_questions(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await alice.tap("花呗")
    await alice.send("1000")
    await alice.send("/delete")
    await alice.tap("先不删")
    assert "没有删除" in alice.last_text
    await alice.send("/delete")
    await alice.tap("确定删除")
    assert "已全部删除" in alice.last_text
    conn = await bot.services.database.connection()
    for table in ("users", "cases", "debts", "conversations"):
        async with conn.execute(f"SELECT COUNT(*) FROM {table}") as cursor:
            assert (await cursor.fetchone())[0] == 0, table
    await alice.send("10天")  # the old question is closed
    assert "发 /start" in alice.last_text
