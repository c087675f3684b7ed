"""What a person types instead of tapping is understood; taps stay visible in the chat."""

from __future__ import annotations

from pathlib import Path

from tests.support.chat import Chat
from tests.support.flows import agree, deal_in_12, one_debt, planned, situation
from tests.support.sqlite import sqlite_connection


async def test_the_whole_intake_can_be_typed_in_everyday_words(alice: Chat) -> None:
    await alice.send("/start")
    assert "哪一项逾期了" in (await alice.send("好的"))[-1].text
    await alice.send("花呗")
    await alice.send("5000")
    assert "逾期日利率" in (await alice.send("8月20号开始的"))[-1].text
    assert "全部待还" in (await alice.send("不知道"))[-1].text
    assert "记下了：花呗 5,000 元" in (await alice.send("跳过"))[-1].text
    # naming the next debt adds it and skips the product question
    assert "借呗现在逾期的金额" in (await alice.send("还有借呗"))[-1].text
    await alice.send("3000")
    await alice.send("上个月底")
    await alice.send("不清楚")
    await alice.send("忘了")
    assert "什么原因" in (await alice.send("没有了"))[-1].text
    await alice.send("公司裁员，没工作了")
    await alice.send("3个月")
    await alice.send("6000")
    await alice.send("不固定")
    assert "只占收入" in (await alice.send("1000"))[-1].text
    assert "别的固定还款" in (await alice.send("没漏"))[-1].text
    summary = (await alice.send("车贷每月800"))[-1].text
    assert "请核对" in summary
    assert "花呗 5,000 元" in summary and "借呗 3,000 元" in summary
    assert "从 2026年8月20日 起" in summary and "从 2026年10月31日 起" in summary
    assert "其他每月还款</b>：800 元" in summary
    assert "收入到账" not in summary and "不固定" in summary
    menu = (await alice.send("改一下"))[-1]
    assert menu.text == "要改哪一项？" and any("收入" in label for label, _ in menu.flat_buttons)
    shown = await alice.send("确认")
    assert "你的方案" in shown[0].text


async def test_typed_skip_words_mean_the_skip_buttons(alice: Chat, database: Path) -> None:
    await agree(alice)
    await alice.tap("花呗")
    await alice.send("1000")
    await alice.send("10天")
    for word in ("跳过", "没有"):
        await alice.send(word)
    assert "还有别的逾期欠款吗" in alice.last_text
    with sqlite_connection(database) as conn:
        row = conn.execute(
            "SELECT daily_rate_ppm, rate_answered, total_due_fen, total_answered FROM debts"
        ).fetchone()
    assert row == (None, 1, None, 1)


async def test_a_tapped_answer_stays_in_the_chat_with_a_tick(alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "借呗", "3000", "20天", None)
    await alice.tap("没有了")
    await situation(alice, "失业", "约3个月", "6000", "3000", None, payday="15号")
    assert alice.echoes()[1:] == [
        "欠款种类：借呗 ✓",
        "日利率：不清楚，按常见说法估算 ✓",
        "全部待还：不清楚，先按逾期金额算 ✓",
        "还有别的欠款：没有了 ✓",
        "困难原因：失业 ✓",
        "持续多久：约3个月 ✓",
        "收入到账：15号 ✓",
        "其他每月还款：没有 ✓",
    ]
    welcome = next(m for m in alice.seen if "还款协商助手" in m.text)
    # the consent stays readable, with what was chosen under it
    latest = [m for m in alice.seen if m.message_id == welcome.message_id][-1]
    assert latest.text.endswith("好的，开始 ✓") and "协商是免费的" in latest.text


async def test_text_on_the_welcome_screen_gets_one_line_not_the_welcome_again(
    alice: Chat,
) -> None:
    await alice.send("/start")
    for text in ("你是谁", "我欠了很多钱", "？"):
        [reply] = await alice.send(text)
        assert len(reply.text) < 40 and "好的，开始" in reply.text
        assert [label for label, _ in reply.flat_buttons] == ["好的，开始"]
    welcomes = [m for m in alice.seen if "还款协商助手" in m.text and m.via == "sendMessage"]
    assert len(welcomes) == 1


async def test_back_on_the_first_question_does_not_trap_the_user(alice: Chat) -> None:
    await agree(alice)
    [reply] = await alice.send("/back")
    assert "已经是第一步了" in reply.text and "哪一项逾期了" in reply.text
    await alice.tap("花呗")
    assert "花呗现在逾期的金额" in alice.last_text


async def test_an_old_start_button_never_touches_a_planned_case_or_its_deal(
    alice: Chat, database: Path
) -> None:
    await alice.send("/start")
    welcome = alice.last.message_id
    await alice.send("随便说点什么")  # the welcome's button stays on the first message
    await alice.tap_data("intake:agree", welcome)
    await one_debt(alice, "花呗", "23500", "45天", None)
    await alice.tap("没有了")
    await situation(alice, "失业", "约3个月", "6000", "4000", None)
    await alice.tap("确认")
    await deal_in_12(alice)
    with sqlite_connection(database) as conn:
        before = conn.execute("SELECT product FROM debts").fetchall()

    shown = await alice.tap_data("intake:agree", welcome)
    assert "你已经有一份方案了" in shown[-1].text
    await alice.tap_data("intake:resume:continue", shown[-1].message_id)
    assert not any("哪一项逾期了" in m.text for m in alice.seen[-6:])
    with sqlite_connection(database) as conn:
        assert conn.execute("SELECT product FROM debts").fetchall() == before
        [(status,)] = conn.execute("SELECT status FROM cases").fetchall()
    assert status == "planned"


async def test_typed_words_on_the_resume_screen(alice: Chat) -> None:
    await agree(alice)
    await alice.tap("花呗")
    await alice.send("/start")
    assert "上次填到一半" in alice.last_text
    await alice.send("继续")
    assert "花呗现在逾期的金额" in alice.last_text
    await alice.send("/start")
    [reply] = await alice.send("重来")
    assert reply.text.startswith("好，重新开始。") and "哪一项逾期了" in reply.text


async def test_a_planned_user_can_type_to_see_the_plan_again(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/start")
    shown = await alice.send("看方案")
    assert "你的方案" in shown[0].text


async def test_debts_are_capped_with_a_clear_line(alice: Chat) -> None:
    await agree(alice)
    for number in range(8):
        await one_debt(alice, "花呗", str(100 + number), "10天", None)
        if number < 7:
            await alice.tap("还有一笔")
    assert "最多记 8 笔" in alice.last_text and alice.buttons() == ["没有了，下一步"]
    [reply] = await alice.send("还有一笔")  # typed anyway: said once more, and on we go
    assert "最多记 8 笔" in reply.text
    assert "什么原因" in reply.text


async def test_a_long_summary_comes_in_messages_that_fit_a_phone(alice: Chat) -> None:
    await agree(alice)
    for number in range(8):
        await one_debt(alice, "信用卡", str(10000 + number), "10天", "0.05%", "20000")
        await alice.tap("还有一笔" if number < 7 else "没有了")
    shown = await situation_shown(alice)
    summary = [m for m in shown if m.via == "sendMessage"]
    assert len(summary) == 2 and "请核对" in summary[0].text and "8. 信用卡" in summary[0].text
    assert all(len(m.text) <= 700 for m in summary)
    assert "每月收入" in summary[1].text and summary[1].flat_buttons
    edit_buttons = await alice.tap("修改")
    labels = [label for m in edit_buttons for label, _ in m.flat_buttons]
    assert len(labels) <= 100 and "➕ 再加一笔欠款" not in labels


async def situation_shown(chat: Chat) -> list:
    await chat.tap("失业")
    await chat.tap("约3个月")
    await chat.send("6000")
    await chat.tap("15号")
    await chat.send("3000")
    return await chat.tap("没有")


async def test_button_words_at_the_reason_question_never_become_the_reason(alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "5000", "30天", None)
    await alice.tap("没有了")
    await alice.send("没工作了，公司倒闭")
    await alice.send("/back")
    assert "现在填的是" in alice.last_text
    [reply] = await alice.send("确认")  # keeps what is there, goes on
    assert "持续多久" in reply.text or "持续比较久" in reply.text
    await alice.send("/back")
    [reply] = await alice.send("有")
    assert len(reply.text) < 40 and reply.flat_buttons  # asked again, nothing stored
    await alice.send("对")
    await alice.send("3个月")
    await alice.send("不固定，好的时候8000，差的时候2000")
    assert "保守" in alice.last_text and "加起来" not in alice.last_text
    await alice.send("2000")
    await alice.tap("不固定")
    await alice.send("1500")
    summary = (await alice.tap("没有"))[-1].text
    assert "没工作了，公司倒闭" in summary and "确认" not in summary.split("原因")[1][:20]
    assert "每月收入</b>：2,000 元" in summary


async def test_a_reason_button_typed_is_the_button_not_a_note(alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "5000", "30天", None)
    await alice.tap("没有了")
    [reply] = await alice.send("收入减少。")
    assert "持续比较久" in reply.text
    await alice.send("3个月")
    await alice.send("6000")
    await alice.tap("15号")
    await alice.send("3000")
    summary = (await alice.tap("没有"))[-1].text
    assert "收入减少（暂时的" in summary and "“收入减少”" not in summary
    # "其他" typed asks for the sentence, as the button does
    await alice.send("/back")  # at other payments
    for _ in range(5):
        if "什么原因" in alice.last_text:
            break
        await alice.send("/back")
    assert "什么原因" in alice.last_text
    [reply] = await alice.send("其他")
    assert "用一两句话说说发生了什么" in reply.text


async def test_other_typed_and_a_hardship_until_a_date(alice: Chat) -> None:
    await agree(alice)
    [reply] = await alice.send("其他")
    assert "其他借款现在逾期的金额" in reply.text
    await alice.send("3000")
    await alice.send("20天")
    await alice.send("跳过")
    await alice.send("跳过")
    await alice.send("没有了")
    await alice.tap("收入减少")
    [reply] = await alice.send("明年3月底")
    assert "收入" in reply.text
    await alice.send("/back")
    assert "约 5 个月" in alice.last_text  # 24 Nov to 31 Mar, rounded up


async def test_start_again_on_the_welcome_is_one_line(alice: Chat) -> None:
    await alice.send("/start")
    [reply] = await alice.send("/start")
    assert len(reply.text) < 40 and reply.flat_buttons


async def test_a_planned_user_typing_gets_the_next_step_with_buttons(alice: Chat) -> None:
    await planned(alice)
    [reply] = await alice.send("怎么办啊")
    assert "记录通话结果" in reply.text and reply.flat_buttons
