"""Worries answered from /help and after the plan; group chats told once, nothing kept."""

from tests.support.chat import Bot, Chat
from tests.support.flows import planned


async def test_help_offers_every_worry_and_each_answers(alice: Chat) -> None:
    await alice.send("/help")
    labels = alice.buttons()
    assert labels == [
        "征信会怎样",
        "会找我家人朋友吗",
        "会被起诉、坐牢吗",
        "支付宝不同意怎么办",
        "谈好后还不上一期",
        "还能用花呗吗",
        "怎么投诉",
        "有机构说能帮我协商",
    ]
    expected = {
        "征信会怎样": "还清之日起保存 5 年",
        "会找我家人朋友吗": "12378",
        "会被起诉、坐牢吗": "12348",
        "支付宝不同意怎么办": "/deal",
        "谈好后还不上一期": "之前",
        "还能用花呗吗": "以实际为准",
        "怎么投诉": "12378",
        "有机构说能帮我协商": "免费",
    }
    for label, phrase in expected.items():
        await alice.send("/help")
        await alice.tap(label)
        assert phrase in alice.last_text, label
        # the "agencies" worry leads to the scam checker (/scam); 📒 记录一次催收 where
        # collectors are the worry (family, complaints, a refusal)
        scam = ["🔍 把对方的话发给我看看"] if label == "有机构说能帮我协商" else []
        logs = label in ("会找我家人朋友吗", "怎么投诉", "支付宝不同意怎么办")
        assert alice.buttons() == [*scam, *(["📒 记录一次催收"] if logs else []), "看其他问题"]
    await alice.tap("看其他问题")
    assert len(alice.buttons()) == 8


async def test_worries_are_offered_after_the_plan(alice: Chat) -> None:
    await planned(alice)
    await alice.tap("常见担心")
    await alice.tap("会被起诉")
    assert "一般属于民事纠纷" in alice.last_text


async def test_a_group_is_told_once_and_nothing_is_kept(bot: Bot) -> None:
    group = bot.chat(101, chat_id=-100777)
    await group.send("/start")
    await group.send("/help")
    await group.send("/start")
    assert len(group.seen) == 1 and "私聊" in group.last_text
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT COUNT(*) FROM users") as cursor:
        assert (await cursor.fetchone())[0] == 0
