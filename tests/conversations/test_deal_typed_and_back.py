"""Recording a deal the way people really answer: typing what the buttons say, going back,
and seeing in the chat what they chose (issue 9, points 2, 3, 5, 6, 7)."""

import aiosqlite

from tests.support.chat import Bot, Chat
from tests.support.flows import agree, deal_over_the_budget, one_debt, planned, situation


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


def now_showing(chat: Chat, message_id: int) -> str:
    """The text of one message as it is on screen now (after any edit)."""
    return [m for m in chat.seen if m.message_id == message_id][-1].text


async def test_a_whole_deal_typed_without_a_single_tap(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.send("谈好了！")
    assert "谈好的是哪一种" in alice.last_text
    await alice.send("分期")
    assert "一共分几期" in alice.last_text
    await alice.send("14期")  # 1,678.57 a month: within the 1,800 the month carries
    await alice.send("共23500")
    await alice.send("12月10日")
    assert alice.buttons() == ["每月 10 号"]
    await alice.send("一样")  # the same day as the first installment
    assert "工号" in alice.last_text
    await alice.send("客服小王，工号A1023")
    summary = alice.last_text
    assert "客服工号：A1023" in summary and "小王" not in summary
    assert "第 2 期 2027年1月10日" in summary  # 一样 kept the 10th
    await alice.send("好的")
    assert "已保存" in alice.last_text
    [(staff, count)] = await rows(
        bot, "SELECT staff_id, (SELECT COUNT(*) FROM installments) FROM call_log"
    )
    assert (staff, count) == ("A1023", 14)


async def test_a_refused_call_typed(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.send("没谈成")
    assert "工号" in alice.last_text
    await alice.send("不知道")
    assert "对方怎么说" in alice.last_text
    await alice.send("没有")  # skips the note: "没有" is not what the agent said
    assert "要我提醒你再打一次吗" in alice.last_text
    await alice.send("明天下午吧")
    assert "2026年11月25日 14:00" in alice.last_text
    [call] = await rows(bot, "SELECT outcome, staff_id, note FROM call_log")
    assert tuple(call) == ("refused", None, None)


async def test_the_debt_is_chosen_by_typing_its_name(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "12000", "30天", None)
    await alice.tap("还有一笔")
    await one_debt(alice, "借呗", "3000", "20天", None)
    await alice.tap("没有了")
    await situation(alice, "失业", "约3个月", "6000", "4000", None)
    await alice.tap("确认")
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.send("借呗那笔")
    assert alice.last_text.startswith("借呗：谈好的是哪一种")
    await alice.send("一次还清")
    await alice.send("3000")
    await alice.send("12月20日")
    await alice.send("跳过")
    assert "借呗：共 1 期，合计 3,000 元" in alice.last_text


async def test_at_a_warning_only_an_explicit_word_saves(bot: Bot, alice: Chat) -> None:
    await planned(alice)  # at most 1,800 a month
    await deal_over_the_budget(alice)
    assert "⚠️" in alice.last_text
    await alice.send("好的")  # save anyway, or renegotiate? ask, do not guess
    assert "仍然保存" in alice.last_text and len(alice.last_text) < 60
    assert alice.buttons() == ["先不存，再去谈", "仍然保存", "重新填"]
    [(count,)] = await rows(bot, "SELECT COUNT(*) FROM deals")
    assert count == 0
    await alice.send("仍然保存")
    assert "已保存" in alice.last_text


async def test_a_typed_redo_starts_over(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("一次还清")
    await alice.send("23500")
    await alice.send("12月1日")
    await alice.tap("跳过")
    await alice.send("改一下")
    assert "结果怎么样" in alice.last_text


async def test_taps_leave_the_choice_in_the_chat(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    outcome = alice.last.message_id
    await alice.tap("谈好了")
    assert now_showing(alice, outcome) == "通话结果：谈好了 ✓"
    assert alice.buttons_of(outcome) == []
    kind = alice.last.message_id
    await alice.tap("就按建议方案")
    assert now_showing(alice, kind) == "谈好的方式：就按建议方案 ✓"
    option = alice.last.message_id
    await alice.tap("每月 1,679 元")
    assert now_showing(alice, option) == "谈好的方案：每月 1,679 元，分 14 期 ✓"
    staff = alice.last.message_id
    await alice.tap("跳过")
    assert now_showing(alice, staff) == "客服工号：跳过 ✓"
    summary = alice.last.message_id
    await alice.tap("保存")
    assert "请核对约定" in now_showing(alice, summary)  # the summary itself stays readable


async def test_back_walks_the_recording_backwards_keeping_the_answers(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.send("/back")
    assert "已经是第一个问题了" in alice.last_text
    assert alice.buttons() == ["✅ 谈好了", "❌ 没谈成"]
    await alice.tap("谈好了")
    await alice.tap("分期")
    await alice.send("12")
    await alice.send("/back")
    assert "一共分几期" in alice.last_text and "没有进行中" not in alice.last_text
    await alice.send("/back")
    assert "谈好的是哪一种" in alice.last_text
    await alice.tap("分期")
    await alice.send("12")
    await alice.send("共23500")
    await alice.send("12月10日")
    await alice.tap("每月 10 号")
    await alice.tap("跳过")
    assert "合计 23,500 元" in alice.last_text
    await alice.send("/back")  # to the 工号, nothing else lost
    assert "工号" in alice.last_text
    await alice.send("A1234")
    assert "合计 23,500 元" in alice.last_text and "客服工号：A1234" in alice.last_text


async def test_recording_the_call_keeps_the_other_buttons_of_the_materials(alice: Chat) -> None:
    await planned(alice)
    materials = next(m for m in reversed(alice.seen) if "记录通话结果" in str(m.buttons))
    before = alice.buttons_of(materials.message_id)
    data = next(d for label, d in materials.flat_buttons if "记录通话结果" in label)
    await alice.tap_data(data, materials.message_id)
    assert "结果怎么样" in alice.last_text
    after = alice.buttons_of(materials.message_id)
    assert after == [label for label in before if "记录通话结果" not in label]
    assert "📎 材料清单" in after and "📋 还款方案" in after


async def test_calls_name_the_debt_of_each_agreement(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "12000", "30天", None)
    await alice.tap("还有一笔")
    await one_debt(alice, "借呗", "3000", "20天", None)
    await alice.tap("没有了")
    await situation(alice, "失业", "约3个月", "6000", "4000", None)
    await alice.tap("确认")
    for product, amount in (("花呗", "12000"), ("借呗", "3000")):
        await alice.send("/deal")
        await alice.tap("谈好了")
        await alice.tap(product)
        await alice.tap("一次还清")
        await alice.send(amount)
        await alice.send("12月20日")
        await alice.send("工号 8848")
        await alice.tap("保存")
        bot.services.clock.now = bot.services.clock.now.replace(minute=30)  # type: ignore[attr-defined]
    await alice.send("/calls")
    lines = alice.last_text.splitlines()[1:]
    assert len(lines) == 2 and lines[0] != lines[1]
    assert "谈好了（借呗） · 工号 8848" in lines[0]
    assert "谈好了（花呗） · 工号 8848" in lines[1]
