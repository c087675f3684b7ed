"""/back, changing an answer from the summary, /cancel and /start on an existing case."""

from tests.support.chat import Bot, Chat
from tests.support.flows import agree, one_debt, up_to_summary


async def test_back_walks_to_the_previous_question_and_keeps_answers(alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "23500", "45天", None, total="3万")
    await alice.send("/back")
    assert "全部待还" in alice.last_text and "30,000 元" in alice.last_text
    await alice.send("/back")
    assert "逾期日利率" in alice.last_text
    await alice.send("/back")
    assert "花呗逾期多久了" in alice.last_text
    assert "现在填的是：从 2026年10月10日 起" in alice.last_text
    await alice.send("/back")
    assert "逾期的金额" in alice.last_text and "23,500 元" in alice.last_text
    await alice.send("24000")  # a new answer replaces the old one; the path goes on from here
    assert "花呗逾期多久了" in alice.last_text
    await alice.send("30天")
    await alice.tap("跳过")
    await alice.tap("跳过")
    assert "花呗 24,000 元，已逾期 30 天" in alice.last_text


async def test_back_from_the_second_debt_drops_it(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "100", "3天", None)
    await alice.tap("还有一笔")
    await alice.tap("借呗")
    await alice.send("/back")
    assert "第 2 笔" in alice.last_text
    await alice.send("/back")
    assert "还有别的逾期欠款吗" in alice.last_text and "花呗 100 元" in alice.last_text
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT product FROM debts") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == ["huabei"]


async def test_back_on_the_first_question_says_so(alice: Chat) -> None:
    await alice.send("/start")
    await alice.send("/back")
    assert "已经是第一步了" in alice.last_text and "同意的话" in alice.last_text


async def test_change_any_answer_from_the_summary(alice: Chat) -> None:
    await up_to_summary(alice)
    await alice.tap("修改")
    labels = alice.buttons()
    for label in (
        "第1笔：金额",
        "第1笔：逾期时间",
        "第1笔：日利率",
        "第1笔：全部待还",
        "原因",
        "收入",
        "发工资日",
        "必要开支",
    ):
        assert label in labels
    await alice.tap("第1笔：金额")
    assert "23,500 元" in alice.last_text
    await alice.send("20000")
    assert "请核对" in alice.last_text and "花呗 20,000 元" in alice.last_text

    await alice.tap("修改")
    await alice.tap("收入")
    await alice.send("7000")
    assert "<b>每月收入</b>：7,000 元" in alice.last_text

    await alice.tap("修改")
    await alice.tap("第1笔：全部待还")
    await alice.send("26000")
    assert "全部待还 26,000 元" in alice.last_text

    await alice.tap("修改")
    await alice.tap("发工资日")
    await alice.tap("不固定")
    assert "发工资</b>：不固定" in alice.last_text

    # essentials that look too low are questioned once, then it is back to the summary
    await alice.tap("修改")
    await alice.tap("必要开支")
    await alice.send("2000")
    assert "只占收入的 29%" in alice.last_text
    await alice.tap("没漏算")
    assert "请核对" in alice.last_text and "2,000 元" in alice.last_text
    await alice.tap("修改")
    await alice.tap("必要开支")
    await alice.send("1900")
    assert "请核对" in alice.last_text  # asked only once

    await alice.tap("修改")
    await alice.tap("原因")
    await alice.tap("生病")
    assert "请核对" in alice.last_text and "生病或受伤" in alice.last_text

    await alice.tap("修改")
    await alice.tap("返回核对")
    assert alice.buttons() == ["✅ 确认，生成方案", "✏️ 修改"]


async def test_add_and_delete_a_debt_from_the_summary(alice: Chat) -> None:
    await up_to_summary(alice)
    await alice.tap("修改")
    await alice.tap("再加一笔")
    await one_debt(alice, "借呗", "5000", "20天", "0.06%")
    await alice.tap("没有了")
    assert "请核对" in alice.last_text and "2. 借呗 5,000 元" in alice.last_text
    await alice.tap("修改")
    await alice.tap("删除第1笔")
    assert "已删除" in alice.last_text
    assert "花呗" not in alice.last_text and "1. 借呗 5,000 元" in alice.last_text


async def test_cancel_keeps_the_draft_and_start_resumes_it(alice: Chat) -> None:
    await agree(alice)
    await alice.tap("借呗")
    await alice.send("8000")
    await alice.send("/cancel")
    assert "保存着" in alice.last_text
    await alice.send("9000")  # no question is open now
    assert "/start" in alice.last_text
    await alice.send("/start")
    assert "上次填到一半" in alice.last_text
    await alice.tap("接着填")
    assert "借呗逾期多久了" in alice.last_text
    await alice.send("10天")
    await alice.tap("跳过")
    await alice.tap("跳过")
    assert "借呗 8,000 元，已逾期 10 天" in alice.last_text


async def test_start_again_begins_a_fresh_case(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await alice.tap("借呗")
    await alice.send("8000")
    await alice.send("/start")
    await alice.tap("重新开始")
    assert "重新开始" in alice.last_text and "哪一项逾期了" in alice.last_text
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT status FROM cases ORDER BY id") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == ["closed", "draft"]


async def test_start_after_the_plan_offers_to_show_it(alice: Chat) -> None:
    await up_to_summary(alice)
    await alice.tap("确认")
    await alice.send("/start")
    assert "已经有一份方案" in alice.last_text
    shown = await alice.tap("看我的方案")
    assert "你的方案" in shown[0].text


async def test_status_and_help(alice: Chat) -> None:
    await alice.send("/status")
    assert "发 /start" in alice.last_text
    await agree(alice)
    await alice.tap("花呗")
    await alice.send("1500")
    await alice.send("/status")  # a command mid-question answers, and the question stays open
    assert "已经填到一半" in alice.last_text and "花呗 1,500 元" in alice.last_text
    await alice.send("12天")
    assert "逾期日利率" in alice.last_text
    await alice.send("/back")
    await alice.send("/back")
    await alice.send("/back")
    await alice.tap("借呗")
    await alice.send("1500")
    await alice.send("12天")
    assert "借款详情" in alice.last_text
    await alice.send("/help")
    assert "/status" in alice.last_text and "/delete" in alice.last_text
