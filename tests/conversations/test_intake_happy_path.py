"""A first-time user walks the whole intake and gets a plan, a script and a checklist."""

import aiosqlite

from tests.support.chat import Bot, Chat
from tests.support.flows import agree, one_debt, planned, situation


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
    assert "发工资</b>：每月 15 号" in summary

    shown = await alice.tap("确认")
    texts = "\n".join(m.text for m in shown)
    # affordable installments lead; a temporary hardship does not put a pause first
    assert "向支付宝申请分期" in texts and "每月 1,679 元，分 14 期" in texts
    assert "暂缓" not in texts
    # the first payment follows the payday (15th): 17 December, not a month from today
    assert "第一期 2026年12月17日" in texts
    assert "停息挂账" not in texts and "不借新债还旧债" in texts  # the warning is not repeated
    assert all(len(m.text) <= 600 for m in shown)
    assert shown[-1].flat_buttons[0] == ("📞 花呗的通话稿", "case:script:0")

    script = await alice.tap("花呗的通话稿")
    said = "\n".join(m.text for m in script)
    assert "95188" in said and "工号" in said and "您好" in said
    assert "“我想申请分 14 期还清，每月还 1,679 元。”" in said
    assert "12 期的话每月要 1,959 元" in said  # the fallback from the user's own numbers
    chat = await alice.tap("打字版")
    assert chat[1].text.startswith("您好，我的花呗逾期了 45 天")  # one piece a message
    checklist = await alice.tap("材料清单")
    assert "身份证" in checklist[0].text and "失业" in checklist[0].text

    [case] = await rows(bot, "SELECT * FROM cases WHERE user_id = 101")
    assert case["status"] == "planned"
    assert (case["income_fen"], case["essentials_fen"], case["other_debts_fen"]) == (
        600_000,
        400_000,
        0,
    )
    assert (case["payday"], case["payday_answered"]) == (15, 1)
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
    assert debt["total_due_fen"] is None and debt["total_answered"] == 1


async def test_two_debts_typed_in_everyday_forms(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await one_debt(alice, "花呗", "2.35万", "一个半月", "万分之五", total="2.35万")
    await alice.tap("还有一笔")
    assert "第 2 笔" in alice.last_text
    await one_debt(alice, "网商贷", "¥30,000.50", "上个月15号", "0.05%")
    await alice.tap("没有了")
    await alice.send("做生意亏了，店关了")  # typed instead of tapped
    assert "暂时的" in alice.last_text
    await alice.send("半年")
    await alice.send("8千")
    await alice.send("月底")
    await alice.send("3k")
    # 3,000 of 8,000 is low: asked once to re-check, and a new total typed is taken
    assert "只占收入的 38%" in alice.last_text and "人情往来" in alice.last_text
    await alice.send("4千")
    await alice.send("500")

    summary = alice.last_text
    assert "1. 花呗 23,500 元" in summary and "日利率 0.05%" in summary
    assert "全部待还 23,500 元" in summary
    assert "2. 网商贷 30,000.50 元" in summary and "从 2026年10月15日 起" in summary
    assert "经营困难，“做生意亏了，店关了”（暂时的，约 6 个月）" in summary
    assert "发工资</b>：每月月底" in summary and "必要开支</b>：4,000 元" in summary

    shown = await alice.tap("确认")
    plan = "\n".join(m.text for m in shown)
    assert "按欠款比例分" in plan and "找网商银行" in plan and "找支付宝" in plan
    buttons = shown[-1].flat_buttons
    assert ("📞 花呗的通话稿", "case:script:0") in buttons
    assert ("📞 网商贷的通话稿", "case:script:1") in buttons
    bank = "\n".join(m.text for m in await alice.tap("网商贷的通话稿"))
    assert "网商银行" in bank and "95188" not in bank

    debts = await rows(
        bot, "SELECT product, amount_fen, daily_rate_ppm, total_due_fen FROM debts ORDER BY id"
    )
    assert [tuple(d) for d in debts] == [
        ("huabei", 2_350_000, 500, 2_350_000),
        ("wangshangdai", 3_000_050, 500, None),
    ]
    [case] = await rows(bot, "SELECT * FROM cases")
    assert (case["income_fen"], case["essentials_fen"], case["other_debts_fen"]) == (
        800_000,
        400_000,
        50_000,
    )
    assert (case["payday"], case["essentials_checked"]) == (31, 1)
    assert case["hardship_reason"] == "business"


async def test_jiebei_loan_rate_is_converted_and_buttons_shown_again(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await alice.tap("借呗")
    await alice.send("50000")
    await alice.send("60天")
    assert "借款详情" in alice.last_text and "1.5 倍" in alice.last_text
    await alice.send("0.05%")
    await alice.tap("跳过")
    await alice.tap("没有了")
    await situation(alice, "生病", "长期", "5000", "3800", "300")
    assert "借款日利率 0.05%（罚息按 1.5 倍估算）" in alice.last_text
    shown = await alice.tap("确认")
    plan = "\n".join(m.text for m in shown)
    assert "50,000 × 0.075% × 60 天 ≈ 2,250 元（估算）" in plan
    assert "12348" in plan  # installments cannot finish: free legal help first
    [debt] = await rows(bot, "SELECT rate_basis, daily_rate_ppm FROM debts")
    assert tuple(debt) == ("loan", 500)

    shown = await alice.tap("借呗的通话稿")
    assert "95188" in shown[0].text
    shown = await alice.tap("材料清单")
    assert "诊断证明" in shown[0].text
    shown = await alice.tap("还款方案")
    assert "光靠分期还不完" in shown[0].text


async def test_the_plan_shown_again_is_one_message_turned_in_place(alice: Chat) -> None:
    await planned(alice)
    first_plan = [m for m in alice.seen if m.via == "sendMessage"]
    [page] = await alice.tap("还款方案")
    assert page.text.endswith("方案第 1/5 页</i>") and "你的方案" in page.text
    assert len(page.text) <= 700
    labels = [label for label, _ in page.flat_buttons]
    assert "下一页 ▶ 2/5" in labels and "📝 记录通话结果" in labels
    turned = await alice.tap("下一页")
    assert [m.via for m in turned] == ["editMessageText"]
    assert turned[0].message_id == page.message_id and "你的收支" in turned[0].text
    await alice.tap("下一页")
    await alice.tap("上一页")
    assert "你的收支" in alice.last_text
    # nothing was sent again: one new message for all that paging
    assert len([m for m in alice.seen if m.via == "sendMessage"]) == len(first_plan) + 1
