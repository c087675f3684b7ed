"""The call companion as the user meets it, through the real Application: "📞 开始打电话" under
the script, one short card a step, a button for each thing the agent says (the answer edited
into the same card), the close card feeding the deal recording, the typed version as
paste-able messages, a restart in the middle of a call, and no card over the length limit."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from bot.offline import SentMessage
from bot.views.call_cards import CARD_LIMIT
from tests.support.chat import Bot, Chat, Clock, running_bot
from tests.support.flows import agree, one_debt, planned, situation

ANSWERS = [
    "同意了",
    "只能分12期",
    "要先还一部分",
    "不能减免",
    "让我找人借",
    "要材料",
    "要回电",
    "拒绝了",
]


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


def shown_since(chat: Chat, before: int) -> list[SentMessage]:
    return [m for m in chat.seen[before:] if m.via in ("sendMessage", "editMessageText")]


async def to_the_answers(chat: Chat) -> list[SentMessage]:
    """From the script to the answers menu; returns every card the call showed."""
    await chat.send("/script")
    before = len(chat.seen)
    await chat.tap("开始打电话")
    for _ in range(4):
        await chat.tap("下一步")
    await chat.tap("说完了")
    return shown_since(chat, before)


async def test_the_call_one_card_a_step(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/script")
    script_id = alice.last.message_id
    replies = await alice.tap("开始打电话")
    [dial] = replies
    assert "1/5 拨号" in dial.text and "95188" in dial.text and "身份证" in dial.text
    assert alice.buttons() == ["▶ 下一步", "💬 打字版（在线客服）"]
    assert "📞 开始打电话" in alice.buttons_of(script_id)  # the script keeps its buttons

    [opening] = await alice.tap("下一步")
    assert "2/5 开场" in opening.text and "逾期了 45 天" in opening.text
    assert alice.buttons_of(dial.message_id) == []  # the card before keeps only its words
    [facts] = await alice.tap("下一步")
    assert "花呗 23,500 元，逾期 45 天" in facts.text and "一共要还多少" in facts.text
    [ask] = await alice.tap("下一步")
    assert "分 14 期" in ask.text and "每月还 1,679 元" in ask.text
    [limit] = await alice.tap("下一步")
    assert "减免" in limit.text and "1,800 元" in limit.text
    assert alice.buttons() == ["▶ 说完了：对方怎么说？"]
    [menu] = await alice.tap("说完了")
    assert "对方怎么说" in menu.text
    assert [b.lstrip("✅ ") for b in alice.buttons()] == ANSWERS


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("同意了", ["每月 1,679 元，分 14 期，第一期 12月17日，对吗", "不超过 1,800 元"]),
        ("只能分12期", ["12 期的话每月要 1,959 元", "最多能拿出 1,800 元", "能不能分 14 期"]),
        ("要先还一部分", ["最多能先还 1,800 元", "不借钱、不动生活费"]),
        ("不能减免", ["罚息能不能一起算进分期", "约 24,029 元，每月 1,717 元，要 14 期"]),
        ("让我找人借", ["不想借新的钱还旧的钱"]),
        ("要材料", ["身份证、收入证明、离职证明", "官方渠道", "别打身份证号、卡号"]),
        ("要回电", ["什么时候回电", "工号", "提醒你再打"]),
        ("拒绝了", ["别慌", "能办的方案有哪些", "12378", "辱骂"]),
    ],
)
async def test_each_agent_answer_is_worked_out_on_the_same_card(
    bot: Bot, alice: Chat, said: str, expected: list[str]
) -> None:
    await planned(alice)
    await to_the_answers(alice)
    menu_id = alice.last.message_id
    [shown] = await alice.tap(said)
    assert shown.via == "editMessageText" and shown.message_id == menu_id
    for words in expected:
        assert words in shown.text, words
    assert len(shown.text) <= CARD_LIMIT
    assert "▶ 挂电话前" in alice.buttons() and "↩️ 换一个回答" in alice.buttons()
    # back to the answers, in place again
    [back] = await alice.tap("换一个回答")
    assert back.message_id == menu_id and "对方怎么说" in back.text
    assert len(alice.buttons()) == len(ANSWERS)


async def test_agreed_goes_from_the_close_card_into_the_deal_recording(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await to_the_answers(alice)
    await alice.tap("同意了")
    [close] = await alice.tap("挂电话前")
    assert "挂电话前" in close.text and "工号" in close.text and "短信" in close.text
    assert alice.buttons() == ["✅ 谈好了，记下结果", "↩️ 换一个回答"]
    replies = await alice.tap("谈好了")
    # the deal recording's 谈好了 path, without /deal or its first question
    assert "通话结果：谈好了 ✓" in alice.echoes()
    assert "谈好的是哪一种" in replies[-1].text
    await alice.tap("就按建议方案")
    await alice.tap("每月 1,679 元")
    await alice.send("8848")
    assert "8848" in alice.last_text  # the summary shows the 工号
    await alice.tap("保存")
    [(count,)] = await rows(bot, "SELECT COUNT(*) FROM installments")
    assert count == 14
    [call] = await rows(bot, "SELECT outcome, staff_id FROM call_log")
    assert tuple(call) == ("agreed", "8848")


async def test_refused_goes_from_the_close_card_into_the_refused_recording(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await to_the_answers(alice)
    await alice.tap("拒绝了")
    [close] = await alice.tap("挂电话前")
    assert "工号" in close.text and "回电" in close.text
    assert alice.buttons() == ["📝 没谈成，记下来", "↩️ 换一个回答"]
    await alice.tap("没谈成")
    assert "通话结果：没谈成 ✓" in alice.echoes()
    assert "工号" in alice.last_text  # the recording asks the 工号 once, nothing twice
    await alice.send("8848")
    await alice.tap("跳过")
    [call] = await rows(bot, "SELECT outcome, staff_id FROM call_log")
    assert tuple(call) == ("refused", "8848")
    # the nudges stop once the refused call is recorded
    assert (
        await rows(bot, "SELECT 1 FROM reminders WHERE kind = 'call_nudge' AND status = 'pending'")
        == []
    )


async def test_another_answer_offers_both_outcomes(alice: Chat) -> None:
    await planned(alice)
    await to_the_answers(alice)
    await alice.tap("只能分12期")
    await alice.tap("挂电话前")
    assert alice.buttons() == ["✅ 谈好了，记下结果", "📝 没谈成，记下来", "↩️ 换一个回答"]
    close_id = alice.last.message_id
    [back] = await alice.tap("换一个回答")
    assert back.message_id == close_id and "对方怎么说" in back.text


async def test_call_back_queues_the_call_again_reminder_once(bot: Bot, alice: Chat) -> None:
    await planned(alice)  # 2026-11-24 10:00
    await to_the_answers(alice)
    await alice.tap("要回电")
    assert alice.buttons()[:3] == ["明天上午提醒我", "明天下午提醒我", "3天后提醒我"]
    [shown] = await alice.tap("明天上午提醒我")
    assert "明天 10:00提醒你再打" in shown.text and "什么时候回电" in shown.text
    assert alice.buttons() == ["▶ 挂电话前", "↩️ 换一个回答"]  # no second reminder
    [reminder] = await rows(
        bot, "SELECT kind, due_at FROM reminders WHERE kind = 'call_again' AND status = 'pending'"
    )
    assert tuple(reminder) == ("call_again", "2026-11-25T02:00:00+00:00")


async def test_the_typed_version_comes_as_paste_able_pieces(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/script")
    replies = await alice.tap("打字版")
    intro, *pieces, after = replies
    assert "点对方的意思" in after.text
    assert "打字版" in intro.text and "我的客服" in intro.text and "长按" in intro.text
    assert len(pieces) == 4 and all(not p.buttons for p in pieces)
    assert pieces[0].text.startswith("您好，我的花呗逾期了 45 天")
    assert "一共要还多少" in pieces[1].text
    assert "我想申请分 14 期还清，每月还 1,679 元" in pieces[2].text
    assert "减免" in pieces[3].text
    assert all(len(m.text) <= CARD_LIMIT for m in replies)
    assert alice.buttons() == ["对方回复了：怎么回？", "📎 材料清单", "📝 记录通话结果"]
    [menu] = await alice.tap("对方回复了")
    assert "对方怎么说" in menu.text
    # the same from the first card of the call
    await alice.send("/script")
    await alice.tap("开始打电话")
    again = await alice.tap("打字版（在线客服）")
    assert [m.text for m in again] == [m.text for m in replies]


async def test_a_restart_in_the_middle_of_a_call_loses_nothing(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    clock = Clock()
    async with running_bot(database, clock, crash=True) as first:
        chat = first.chat(101)
        await planned(chat)
        await chat.send("/script")
        await chat.tap("开始打电话")
        await chat.tap("下一步")
        [facts] = await chat.tap("下一步")
        assert "核对欠款" in facts.text
        ((_, next_data),) = facts.flat_buttons
        facts_id = facts.message_id  # the process dies with this card on the screen

    async with running_bot(database, clock) as second:
        chat = second.chat(101)
        # the old card's button, tapped after the restart
        [ask] = await chat.tap_data(next_data, facts_id)
        assert "4/5 提出申请" in ask.text and "1,679 元" in ask.text
        await chat.tap("下一步")
        await chat.tap("说完了")
        [shown] = await chat.tap("只能分12期")
        assert "1,959 元" in shown.text


async def test_no_message_of_the_call_over_the_limit(alice: Chat) -> None:
    await planned(alice)
    cards = await to_the_answers(alice)
    before = len(alice.seen)
    for said in ANSWERS:
        await alice.tap(said)
        await alice.tap("换一个回答")
    await alice.tap("要回电")
    await alice.tap("明天下午")
    await alice.tap("挂电话前")
    shown = cards + shown_since(alice, before)
    assert len(shown) > 20
    assert [m.text for m in shown if len(m.text) > CARD_LIMIT] == []


async def test_a_bank_card_call_has_the_card_rule_step(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "信用卡", "30000", "60天", None)
    await alice.tap("没有了")
    await situation(alice, "收入减少", "约6个月", "8000", "5000", None)
    await alice.tap("确认")
    await alice.send("/script")
    await alice.tap("开始打电话")
    steps = [alice.last_text]
    while "▶ 下一步" in alice.buttons():
        await alice.tap("下一步")
        steps.append(alice.last_text)
    assert any("个性化分期" in s and "第七十条" in s for s in steps)
    assert "发卡银行" in steps[0] and "6/6" in steps[-1]
    assert all(len(s) <= CARD_LIMIT for s in steps)


async def test_a_tap_without_a_plan_says_so(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    [reply] = await alice.tap_data("call:0:ask", 1)
    assert "/start" in reply.text
