"""🎭 先练一练 through the real Application, as the user meets it: under the script, the
agent's questions, each of the agent's responses (picked by the seed: the count of
rehearsals done), the coach's notes on good and bad answers, the score; a restart in the
middle, /cancel, a secret typed while practising, and no collision with the deal recording
or the intake. Nothing the user typed while practising is stored anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.rehearsal import ROTATION, Response
from tests.support.chat import Bot, Chat, Clock, running_bot
from tests.support.flows import planned

# the planned profile: 花呗 23,500, 14 × 1,679 元, at most 1,800 a month, 12 periods 1,959
GOOD = (
    "您好，我的花呗逾期了，想协商还款",
    "这里是练习",
    "我失业了，现在在找工作，大概三个月能找到",
    "我每个月能还1679元",
)
AGENT_SAYS = {
    Response.ONLY_TWELVE: "最多只能分 12 期，每月大约 1,959 元",
    Response.PART_FIRST: "需要您先还一部分，比如 4,700 元",
    Response.NO_WAIVER: "罚息是不能减免的",
    Response.PAPERS: "需要您提供困难证明，比如收入证明、离职证明",
    Response.REFUSES: "您的情况目前没办法办理协商",
    Response.AGREES: "分 14 期，每月 1,679 元，第一期 12月17日",
}
GOOD_ANSWER = {
    Response.ONLY_TWELVE: "12期的话每月要1959元，我每月最多能拿出1800元，能不能分14期？",
    Response.PART_FIRST: "我最多能先还1800元，这是不借钱能拿出来的。",
    Response.NO_WAIVER: "好的，那罚息能不能一起算进分期？",
    Response.PAPERS: "可以提供，请问交到哪里？",
    Response.REFUSES: "那现在能办的方案有哪些？能不能回电给我？",
    Response.AGREES: "好的，我确认一下：每月1679元，分14期，第一期12月17日，对吗？",
}
CLOSE = "麻烦问一下您的工号？这个方案能发短信给我吗？"
LIMIT = 300


async def rows(bot: Bot, sql: str) -> list[tuple[object, ...]]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


async def set_seed(bot: Bot, user_id: int, done: int) -> None:
    conn = await bot.services.database.connection()
    await conn.execute("UPDATE users SET rehearsals_done = ? WHERE user_id = ?", (done, user_id))
    await conn.commit()


async def start_rehearsal(chat: Chat) -> str:
    await chat.send("/script")
    assert "🎭 先练一练" in chat.buttons()
    (first,) = await chat.tap("先练一练")
    return first.text


async def everything_stored(bot: Bot) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        str(name)
        for (name,) in await rows(bot, "SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    return {table: await rows(bot, f"SELECT * FROM {table}") for table in tables}


async def test_the_button_is_under_the_script_and_the_rehearsal_opens_as_an_agent(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await alice.tap("花呗的通话稿")
    assert "🎭 先练一练" in alice.buttons()
    (first,) = await alice.tap("先练一练")
    assert first.text.startswith("🎭 <b>先练一练</b>")
    assert "这里是练习" in first.text and "姓名和号码都不用打真实的" in first.text
    assert first.text.endswith("🎧 客服：您好，这里是支付宝客服 95188，请问有什么可以帮您？")
    (reply,) = await alice.send(GOOD[0])
    assert reply.text.startswith("💡 教练：")
    assert "身份证后四位" in reply.text
    # said once: the practice notice is not repeated
    assert "这只是练习" not in reply.text


@pytest.mark.parametrize("response", list(ROTATION), ids=lambda r: r.name)
async def test_each_agent_response_and_a_full_score(
    bot: Bot, alice: Chat, response: Response
) -> None:
    await planned(alice)
    await set_seed(bot, alice.user_id, ROTATION.index(response))
    await start_rehearsal(alice)
    for text in GOOD[:-1]:
        await alice.send(text)
    (after_amount,) = await alice.send(GOOD[-1])
    assert "说出了具体金额 1,679 元" in after_amount.text
    assert AGENT_SAYS[response] in after_amount.text
    (after_answer,) = await alice.send(GOOD_ANSWER[response])
    assert after_answer.text.startswith("💡 教练：很好")
    assert "还有别的问题吗" in after_answer.text
    (end,) = await alice.send(CLOSE)
    assert "问了工号，也要了书面确认" in end.text
    assert "4 件事做到了 4 件" in end.text and "四件都做到了" in end.text
    assert "再练一次会顺很多" not in end.text
    assert end.buttons == [[("🎭 再练一次", "rehearse:0"), ("📞 看通话稿", "case:script:0")]]
    assert all(len(m.text) <= LIMIT for m in alice.seen if "先练一练" in m.text or "教练" in m.text)
    assert await rows(bot, "SELECT rehearsals_done FROM users") == [(ROTATION.index(response) + 1,)]
    assert await rows(bot, "SELECT name FROM conversations WHERE name = 'rehearsal'") == []


async def test_the_next_rehearsal_gets_the_next_response(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await start_rehearsal(alice)
    for text in (*GOOD[:-1],):
        await alice.send(text)
    (first,) = await alice.send(GOOD[-1])
    assert AGENT_SAYS[ROTATION[0]] in first.text
    await alice.send("我每月最多1800，12期还不上")
    await alice.send(CLOSE)
    (again,) = await alice.tap("再练一次")
    assert "🎧 客服：您好" in again.text
    for text in GOOD[:-1]:
        await alice.send(text)
    (second,) = await alice.send(GOOD[-1])
    assert AGENT_SAYS[ROTATION[1]] in second.text


async def test_mistakes_are_coached_and_scored(bot: Bot, alice: Chat) -> None:
    await planned(alice)  # seed 0: "only 12 periods"
    await start_rehearsal(alice)
    await alice.send("你好")
    (identity,) = await alice.send("张三 1234")
    assert "练习里不用打任何号码" in identity.text
    await alice.send("失业")
    (amount,) = await alice.send("我尽量多还一点")
    assert "说出具体数字" in amount.text and "我每月能还 1,679 元" in amount.text
    (agreed,) = await alice.send("好的，没问题")
    assert "⚠️ 1,959 元超过了你能拿出的 1,800 元，先别答应" in agreed.text
    (end,) = await alice.send("没有了，谢谢")
    assert "麻烦问一下您的工号？处理结果能发短信给我吗？" in end.text
    assert "4 件事做到了 0 件" in end.text and "再练一次会顺很多" in end.text
    assert "⬜ 没答应超出能力的数" in end.text
    assert "下次改进：对方的数超过你最多能拿出的 1,800 元，就如实说还不起，别答应。" in end.text


async def test_good_answers_get_no_warning(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await start_rehearsal(alice)
    notes = [await alice.send(text) for text in (*GOOD, GOOD_ANSWER[Response.ONLY_TWELVE])]
    assert not any("⚠️" in m.text for reply in notes for m in reply)
    assert not any("可以说" in m.text or "说出具体数字" in m.text for reply in notes for m in reply)


async def test_one_thing_to_do_better_when_three_are_done(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await set_seed(bot, alice.user_id, ROTATION.index(Response.AGREES))
    await start_rehearsal(alice)
    for text in GOOD:
        await alice.send(text)
    await alice.send(GOOD_ANSWER[Response.AGREES])
    (end,) = await alice.send("您的工号是多少？")
    assert "还差一句：“这个方案能发短信，或在App里显示吗？我截个图。”" in end.text
    assert "4 件事做到了 3 件" in end.text and "⬜ 要了书面确认" in end.text
    assert "下次改进：请对方把方案发短信或在App里显示，截个图。" in end.text


async def test_a_restart_in_the_middle_continues_at_the_same_question(database: Path) -> None:
    clock = Clock()
    async with running_bot(database, clock, crash=True) as bot:
        alice = bot.chat(101)
        await planned(alice)
        await start_rehearsal(alice)
        await alice.send(GOOD[0])
        await alice.send(GOOD[1])
        assert "请问是什么原因逾期的" in alice.last_text
    # killed: no persistence flush; the place was written with the reply
    async with running_bot(database, clock) as bot:
        alice = bot.chat(101)
        (reason,) = await alice.send(GOOD[2])
        assert "原因说清楚了" in reason.text and "每个月能还多少" in reason.text
        (amount,) = await alice.send(GOOD[3])
        assert "说出了具体金额 1,679 元" in amount.text
        assert AGENT_SAYS[ROTATION[0]] in amount.text


async def test_cancel_leaves_the_rehearsal_and_counts_nothing(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await start_rehearsal(alice)
    await alice.send(GOOD[0])
    (left,) = await alice.send("/cancel")
    assert "练习结束了" in left.text and "没有保存" in left.text
    (after,) = await alice.send("我每个月能还1679元")
    assert "教练" not in after.text and "客服" not in after.text
    assert await rows(bot, "SELECT rehearsals_done FROM users") == [(0,)]
    assert await rows(bot, "SELECT name FROM conversations") == []


async def test_nothing_typed_while_practising_is_stored(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    before = await everything_stored(bot)
    await start_rehearsal(alice)
    practice = (
        "您好，我的花呗逾期了，想找小橘猫客服协商",
        "这里是练习，紫色雨伞",
        "我失业了，在青蛙公司做过，现在在找工作",
        "我每个月能还1679元，蓝莓蛋糕",
        "12期我还不上，最多1800，菠萝面包",
        "麻烦问一下您的工号？能发短信给我吗？西瓜汽水",
    )
    mid = None
    for index, text in enumerate(practice):
        await alice.send(text)
        if index == 2:
            mid = await everything_stored(bot)
    after = await everything_stored(bot)
    words = ("小橘猫", "紫色雨伞", "青蛙公司", "蓝莓蛋糕", "菠萝面包", "西瓜汽水", "1679元")
    for snapshot in (mid, after):
        assert snapshot is not None
        dumped = repr(snapshot)
        assert not [w for w in words if w in dumped]
    # the only change: one more rehearsal done
    assert {t: v for t, v in after.items() if t != "users"} == {
        t: v for t, v in before.items() if t != "users"
    }
    columns = [str(row[1]) for row in await rows(bot, "PRAGMA table_info(users)")]
    done = columns.index("rehearsals_done")
    (user_before,), (user_after,) = before["users"], after["users"]
    assert user_after[done] == 1 and user_before[done] == 0
    assert [v for i, v in enumerate(user_after) if i != done] == [
        v for i, v in enumerate(user_before) if i != done
    ]


async def test_a_secret_typed_while_practising_is_deleted(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await start_rehearsal(alice)
    await alice.send(GOOD[0])
    (warning,) = await alice.send("身份证 11010519491231002X")
    assert "身份证号" in warning.text and "删掉了" in warning.text
    assert "请重新回答上面的问题" in warning.text  # the rehearsal's question is open
    assert any(method == "deleteMessage" for method, _ in bot.api.calls)
    assert "11010519491231002X" not in repr(await everything_stored(bot))
    # the rehearsal is where it was: the identity check
    (reply,) = await alice.send("这里是练习")
    assert "这样就行" in reply.text and "请问是什么原因逾期的" in reply.text


async def test_recording_the_call_ends_the_rehearsal(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await start_rehearsal(alice)
    await alice.send(GOOD[0])
    (deal,) = await alice.send("/deal")
    assert "这次结果怎么样" in deal.text and "✅ 谈好了" in alice.buttons()
    assert await rows(bot, "SELECT name FROM conversations") == [("deal",)]
    await alice.send("/cancel")  # the deal's /cancel
    (after,) = await alice.send("这里是练习")
    assert "教练" not in after.text and "客服" not in after.text


async def test_no_rehearsal_while_another_question_is_open(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    (busy,) = await start_rehearsal_while_busy(alice)
    assert "上面还有一个问题等你回答" in busy.text
    (answer,) = await alice.send("谈好了")  # the deal's question, typed
    assert "教练" not in answer.text and "客服" not in answer.text
    await alice.send("/cancel")
    # /start with a plan asks "看方案 / 重新开始": a question of the intake
    await alice.send("/start")
    (busy,) = await start_rehearsal_while_busy(alice)
    assert "上面还有一个问题等你回答" in busy.text
    assert await rows(bot, "SELECT name FROM conversations") == [("intake",)]


async def start_rehearsal_while_busy(chat: Chat) -> list[object]:
    script = [m for m in chat.seen if ("rehearse:0") in [d for row in m.buttons for _, d in row]]
    if not script:
        await chat.send("/script")
        script = [chat.last]
    return await chat.tap_data("rehearse:0", script[-1].message_id)  # type: ignore[return-value]


async def test_an_old_button_without_a_plan_says_how_to_get_one(bot: Bot, alice: Chat) -> None:
    await alice.send("/start")
    await alice.tap("开始")
    await alice.send("/cancel")  # the draft is kept, no question is open
    (reply,) = await alice.tap_data("rehearse:0", alice.last.message_id)
    assert "先做出方案" in reply.text
    assert await rows(bot, "SELECT name FROM conversations") == []
