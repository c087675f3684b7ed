"""A first-time user walks the whole intake and gets a plan, a script and a checklist."""

import aiosqlite

from tests.support.chat import Bot, Chat
from tests.support.flows import agree, one_debt, situation


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


async def test_welcome_says_what_the_bot_is_and_is_not(alice: Chat) -> None:
    await alice.send("/start")
    text = alice.last_text
    assert "不是支付宝" in text and "不是律师" in text
    assert "/delete" in text
    assert "免费" in text
    assert alice.buttons() == ["好的，开始"]


async def test_one_debt_from_start_to_plan(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    assert "哪一项逾期了" in alice.last_text
    assert alice.buttons() == ["花呗", "借呗", "备用金", "网商贷", "信用卡", "其他"]
    await one_debt(alice, "花呗", "23500", "45天", None)
    assert "花呗 23,500 元，已逾期 45 天" in alice.last_text
    await alice.tap("没有了")
    await situation(alice, "失业", "约3个月", "6000", "4000", None)

    summary = alice.last_text
    assert "请核对" in summary
    assert "花呗 23,500 元，逾期 45 天（从 2026年10月10日 起）" in summary
    assert "失业（暂时的，约 3 个月）" in summary
    assert "6,000 元" in summary and "4,000 元" in summary

    shown = await alice.tap("确认")
    texts = "\n".join(m.text for m in shown)
    assert "方案A" in texts and "每月 <b>1,679 元</b>，共 14 期" in texts
    assert "方案B" in texts  # temporary hardship: a pause first
    assert "95188" in texts and "工号" in texts
    assert "身份证" in texts and "失业" in texts
    assert shown[-1].flat_buttons and "通话稿" in shown[-1].flat_buttons[0][0]

    [case] = await rows(bot, "SELECT * FROM cases WHERE user_id = 101")
    assert case["status"] == "planned"
    assert (case["income_fen"], case["essentials_fen"], case["other_debts_fen"]) == (
        600_000,
        400_000,
        0,
    )
    assert (case["hardship_reason"], case["hardship_temporary"], case["hardship_months"]) == (
        "unemployed",
        1,
        3,
    )
    [debt] = await rows(bot, "SELECT * FROM debts WHERE case_id = ?", case["id"])
    assert (debt["product"], debt["amount_fen"], debt["overdue_since"]) == (
        "huabei",
        2_350_000,
        "2026-10-10",
    )
    assert debt["daily_rate_ppm"] is None and debt["rate_answered"] == 1


async def test_two_debts_typed_in_everyday_forms(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "2.35万", "一个半月", "万分之五")
    await alice.tap("还有一笔")
    assert "第 2 笔" in alice.last_text
    await one_debt(alice, "网商贷", "¥30,000.50", "上个月15号", "0.05%")
    await alice.tap("没有了")
    await alice.send("做生意亏了，店关了")  # typed instead of tapped
    assert "暂时的" in alice.last_text
    await alice.send("半年")
    await alice.send("8千")
    await alice.send("3k")
    await alice.send("500")

    summary = alice.last_text
    assert "1. 花呗 23,500 元" in summary and "日利率 0.05%" in summary
    assert "2. 网商贷 30,000.50 元" in summary and "从 2026年10月15日 起" in summary
    assert "经营困难：做生意亏了，店关了（暂时的，约 6 个月）" in summary

    shown = await alice.tap("确认")
    plan = shown[1].text
    assert "花呗" in plan and "网商贷" in plan
    script = "\n".join(m.text for m in shown)
    assert "按欠款比例分到每一笔" in script

    debts = await rows(bot, "SELECT product, amount_fen, daily_rate_ppm FROM debts ORDER BY id")
    assert [tuple(d) for d in debts] == [
        ("huabei", 2_350_000, 500),
        ("wangshangdai", 3_000_050, 500),
    ]
    [case] = await rows(bot, "SELECT * FROM cases")
    assert (case["income_fen"], case["essentials_fen"], case["other_debts_fen"]) == (
        800_000,
        300_000,
        50_000,
    )
    assert case["hardship_reason"] == "business"


async def test_buttons_shown_again_after_the_plan(alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "借呗", "50000", "60天", "0.05%")
    await alice.tap("没有了")
    await situation(alice, "生病", "长期", "5000", "3800", "300")
    await alice.tap("确认")

    shown = await alice.tap("通话稿")
    assert "95188" in shown[0].text
    shown = await alice.tap("还款方案")
    assert "你的还款方案" in shown[0].text
    shown = await alice.tap("材料清单")
    assert "诊断证明" in shown[0].text
