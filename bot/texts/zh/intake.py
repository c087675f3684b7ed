"""Texts of the intake conversation: questions, reasons for rejecting an answer, the summary."""

from __future__ import annotations

from bot.domain.parsing import ParseProblem

WELCOME = (
    "你好，我是<b>还款协商助手</b>。逾期了先别慌，我们一步一步来。\n\n"
    "我会问你几个问题：欠了多少、逾期多久、遇到了什么困难、每月收支。然后给你：\n"
    "• 一个按你收入算出来、还得起的还款方案\n"
    "• 打电话协商时可以照着说的通话稿：支付宝打 95188，信用卡找发卡银行\n"
    "• 要提前准备的材料清单\n\n"
    "先说清楚几件事：\n"
    "• 我不是支付宝，也不是律师。方案是你向对方<b>申请</b>的，同不同意由支付宝决定。\n"
    "• 协商是免费的，你自己就能办。不要付钱给任何“代理协商”，"
    "密码、验证码不要告诉任何人。\n"
    "• 我会保存你填的欠款、日期、原因和收支，只用来算方案和提醒你。"
    "不会问身份证号、银行卡号、密码或验证码。发 /delete 可以随时全部删除。\n\n"
    "同意的话，点下面的按钮开始。"
)
AGREE_BUTTON = "好的，开始"

ASK_FIRST_PRODUCT = "先说欠款，一笔一笔来。\n哪一项逾期了？"
ASK_NEXT_PRODUCT = "第 {number} 笔：哪一项逾期了？"
ASK_AMOUNT = "{product}现在逾期的金额是多少元？\n直接写数字就行，比如 23500、2.35万、两万三千五。"
ASK_OVERDUE = "{product}逾期多久了？\n比如：45天、一个半月，或者开始逾期的日期，如 10月15日。"
ASK_RATE = (
    "{product}的逾期日利率（罚息）是多少？在 App 的账单或借款详情里能看到，"
    "比如 0.05% 或 万分之五。\n"
    "不清楚就点“跳过”，我按常见说法估算，并标明是估算。"
)
ASK_RATE_JIEBEI = (
    "借呗“借款详情”里写的日利率是多少？比如 0.05%。\n"
    "罚息一般按它的 1.5 倍算，我来换算，并标明是估算。"
    "如果你看到的就是罚息的日利率，写“罚息 0.075%”这样。不清楚就点“跳过”。"
)
ASK_RATE_CARD = (
    "信用卡逾期的日利率是多少？账单或银行App里能看到，比如 0.05% 或 万分之五。\n"
    "不清楚就点“跳过”，我按常见说法估算，并标明是估算。"
)
SKIP_RATE_BUTTON = "跳过，按常见说法估算"
ASK_TOTAL = (
    "{product}在App里显示的<b>全部待还</b>一共多少元？包括还没到期的部分。\n"
    "这样方案能算上整笔欠款。不清楚就点“跳过”，先按逾期金额算。"
)
ASK_TOTAL_CARD = (
    "信用卡现在<b>一共</b>欠多少元？账单上的全部欠款，包括还没到期的分期。\n"
    "不清楚就点“跳过”，先按逾期金额算。"
)
SKIP_TOTAL_BUTTON = "跳过，先按逾期金额算"
TOTAL_BELOW_OVERDUE = "全部待还一般不会比逾期的 {amount} 元少，请再核对一下。"
DEBT_RECORDED = "记下了：{product} {amount} 元，已逾期 {days} 天。\n还有别的逾期欠款吗？"
ADD_DEBT_BUTTON = "➕ 还有一笔"
NO_MORE_DEBTS_BUTTON = "没有了，下一步"
ASK_REASON = "是什么原因让你没能按时还款？\n选一个最接近的，也可以直接打字说。"
ASK_REASON_TEXT = "用一两句话说说发生了什么。\n这句话会写进通话稿，你可以照着跟客服说。"
ASK_DURATION = "这个困难是暂时的，还是会持续比较久？\n也可以直接写，比如“3个月”“半年”。"
DURATION_BUTTONS: tuple[tuple[str, int | None], ...] = (
    ("暂时的，约1个月", 1),
    ("约3个月", 3),
    ("约6个月", 6),
    ("约12个月", 12),
    ("长期的，说不准", None),
)
ASK_INCOME = "接下来算一算每月能拿出多少钱。\n你现在每月到手的收入大概多少元？没有收入就写 0。"
ASK_PAYDAY = "每月几号发工资，或者收入到账？\n还款日我会排在发工资后一两天。"
PAYDAY_BUTTONS: tuple[tuple[str, int | None], ...] = (
    ("1号", 1),
    ("5号", 5),
    ("10号", 10),
    ("15号", 15),
    ("20号", 20),
    ("25号", 25),
    ("月底", 31),
    ("不固定", None),
)
NOT_A_PAYDAY = "没看懂，请写几号，比如“15号”，或点下面的按钮；不固定就点“不固定”。"
ASK_ESSENTIALS = (
    "每月<b>必须</b>花的钱一共多少元？\n"
    "包括房租或房贷、吃饭、水电燃气、交通、话费、看病吃药、养孩子或老人，"
    "还有一年里零散的大开销：学费、人情往来、衣物、保险、修理，平摊到每月算进去。\n"
    "写一个总数就行，宁可多写一点。"
)
CHECK_ESSENTIALS = (
    "你填的必要开支是 {amount} 元，只占收入的 {pct}%，比一般人少。\n"
    "很多人会漏算零散的大开销：学费、人情往来、衣物、保险、修理。算少了，方案就容易还不上。\n"
    "没漏就点下面的按钮；漏了就直接写新的总数。"
)
ESSENTIALS_OK_BUTTON = "没漏算，就是这么多"
ASK_OTHER_DEBTS = (
    "除了这些逾期欠款，每月还有别的固定还款吗？比如车贷、其他贷款的月供。\n"
    "有就写每月总数，没有就点“没有”。"
)
NO_OTHER_DEBTS_BUTTON = "没有"

CURRENT_ANSWER = "\n（现在填的是：{answer}）"
OVERDUE_SINCE = "从 {since} 起"

SUMMARY_TITLE = "请核对一下："
SUMMARY_DEBTS = "<b>欠款</b>"
SUMMARY_DEBT_LINE = (
    "{number}. {product} {amount} 元，逾期 {days} 天（从 {since} 起），{rate}{total}"
)
SUMMARY_TOTAL = "，全部待还 {total} 元"
SUMMARY_RATE_GIVEN = "日利率 {rate}"
SUMMARY_RATE_LOAN = "借款日利率 {rate}（罚息按 1.5 倍估算）"
SUMMARY_RATE_ESTIMATED = "日利率未填（按常见说法估算）"
SUMMARY_REASON = "<b>原因</b>：{reason}"
SUMMARY_NO_REASON = "—"
REASON_WITH_DURATION = "{reason}（{duration}）"
REASON_WITH_NOTE = "{reason}，“{note}”"
SUMMARY_TEMPORARY = "暂时的，约 {months} 个月"
SUMMARY_LASTING = "会持续较久"
SUMMARY_INCOME = "<b>每月收入</b>：{amount} 元"
SUMMARY_PAYDAY = "<b>发工资</b>：{payday}"
SUMMARY_PAYDAY_IRREGULAR = "不固定"
SUMMARY_ESSENTIALS = "<b>每月必要开支</b>：{amount} 元"
SUMMARY_OTHER = "<b>其他每月还款</b>：{amount} 元"
SUMMARY_FOOTER = "\n没问题就点“确认”；哪里不对，点“修改”。"
CONFIRM_BUTTON = "✅ 确认，生成方案"
EDIT_BUTTON = "✏️ 修改"
EDIT_MENU = "要改哪一项？"
EDIT_DEBT_PRODUCT = "第{number}笔：种类"
EDIT_DEBT_AMOUNT = "第{number}笔：金额"
EDIT_DEBT_OVERDUE = "第{number}笔：逾期时间"
EDIT_DEBT_RATE = "第{number}笔：日利率"
EDIT_DEBT_TOTAL = "第{number}笔：全部待还"
EDIT_PAYDAY = "发工资日"
EDIT_DEBT_DELETE = "删除第{number}笔"
EDIT_ADD_DEBT = "➕ 再加一笔欠款"
EDIT_REASON = "原因"
EDIT_DURATION = "持续多久"
EDIT_INCOME = "收入"
EDIT_ESSENTIALS = "必要开支"
EDIT_OTHER = "其他还款"
EDIT_BACK = "↩️ 返回核对"
DEBT_DELETED = "已删除这一笔。"
TOO_MANY_DEBTS = "最多记 {limit} 笔。先按这些算，更多的可以打电话时一起说。"

RESUME_DRAFT = "你上次填到一半，内容都还在。要接着填，还是重新开始？"
RESUME_PLANNED = "你已经有一份方案了。要再看一遍，还是重新填一份？"
RESUME_CONTINUE_BUTTON = "接着填"
RESUME_SHOW_BUTTON = "看我的方案"
RESUME_RESTART_BUTTON = "重新开始"
RESTARTED = "好，重新开始。之前填的不再使用。"
RESTARTED_WITH_DEAL = "好，重新填一份。已经记录的还款约定和提醒照常进行。"

CANCELLED = "好，先停在这里。已经填的都保存着，想继续时发 /start。"
NOTHING_TO_GO_BACK_TO = "已经是第一步了。"

# A question asked again after an answer that was not taken: one short line, with the
# question's buttons under it. Each says how to answer by typing too.
SHORT_QUESTIONS = {
    "welcome": "同意的话，点“好的，开始”，或者回复“好的”。",
    "product": "哪一项逾期了？点一个，或打出名字，比如“花呗”。",
    "amount": "{product}逾期的金额是多少元？比如 23500。",
    "overdue": "{product}逾期多久了？比如 45天，或 10月15日。",
    "rate": "逾期日利率是多少？比如 0.05%。不清楚就回“跳过”。",
    "total": "全部待还一共多少元？不清楚就回“跳过”。",
    "more": "还有别的逾期欠款吗？回“有”或“没有了”。",
    "reason": "是什么原因没能按时还？点一个，或直接打字说。",
    "reason_text": "用一两句话说说发生了什么。",
    "duration": "这个困难大概会持续多久？比如“3个月”，说不准就回“长期”。",
    "income": "每月到手的收入大概多少元？没有收入就写 0。",
    "payday": "每月几号有收入到账？比如“15号”，不固定就回“不固定”。",
    "essentials": "每月必须花的钱一共多少元？写一个总数。",
    "check_essentials": "没漏算就回“没漏”；漏了就写新的总数。",
    "other": "每月还有别的固定还款吗？有就写总数，没有就回“没有”。",
    "confirm": "核对没问题就回“确认”，要改就回“改一下”。",
    "resume": "回“接着填”继续，或回“重新开始”。",
    "resume_planned": "回“看方案”再看一遍，或回“重新开始”。",
}

# What a tap chose, left in the chat in place of the question ("困难原因：失业 ✓").
ECHO_PRODUCT = "欠款种类：{product}"
ECHO_RATE_SKIPPED = "日利率：不清楚，按常见说法估算"
ECHO_TOTAL_SKIPPED = "全部待还：不清楚，先按逾期金额算"
ECHO_MORE = "还有别的欠款：有"
ECHO_NO_MORE = "还有别的欠款：没有了"
ECHO_REASON = "困难原因：{reason}"
ECHO_DURATION = "持续多久：{duration}"
ECHO_PAYDAY = "收入到账：{payday}"
ECHO_ESSENTIALS_OK = "必要开支：没漏算"
ECHO_NO_OTHER = "其他每月还款：没有"
ECHO_AGREED = "好的，开始"
ECHO_CONFIRMED = "已确认"
ECHO_RESUME = {"continue": "接着填", "show": "看我的方案", "restart": "重新开始"}

# Why an answer was not accepted: one friendly line, then the question comes again.
NOT_TEXT = "我只能看懂文字哦，请打字回答。"
# typed at "哪一项逾期了？": the 其他 button
OTHER_PRODUCT_WORDS = frozenset({"其他", "其它", "别的", "其他借款", "其他贷款", "别的贷款"})
USE_PRODUCT_BUTTONS = "请点下面的按钮选一个，或者打出名字，比如“花呗”。"
STALE_BUTTON = "这个按钮已经过期了，请看最新的问题。"
PROBLEMS: dict[ParseProblem, str] = {
    ParseProblem.EMPTY: "好像什么都没写。",
    ParseProblem.NOT_AN_AMOUNT: "没看懂这个金额，请只写数字，比如 23500 或 2.35万。",
    ParseProblem.NEGATIVE: "金额不能是负数，请写一个正数，比如 23500。",
    ParseProblem.ZERO: "金额要大于 0，比如 23500。",
    ParseProblem.TOO_LARGE: "这个数字太大了，请再核对一下，比如 23500。",
    ParseProblem.TOO_PRECISE: "金额最多到“分”（小数点后两位），比如 23500.50。",
    ParseProblem.NOT_A_DURATION: "没看懂逾期多久，可以写 45天、一个半月，或日期 10月15日。",
    ParseProblem.AMBIGUOUS_DATE: "这个日期可以有几种理解，请写成 2026-10-15 这样。",
    ParseProblem.BAD_DATE: "这个日期不存在，请再核对一下，比如 10月15日。",
    ParseProblem.NOT_OVERDUE_YET: "如果还没逾期，更好办：在到期前就联系客服。"
    "这里请写已经逾期的天数，比如 3天。",
    ParseProblem.IN_FUTURE: "这个日期还没到，请写已经开始逾期的那天，比如 10月15日。",
    ParseProblem.TOO_OLD: "时间太久远了，请再核对一下，比如 45天 或 2026-10-15。",
    ParseProblem.NOT_A_RATE: "没看懂这个利率，请写成 0.05% 或 万分之五；不清楚就点“跳过”。",
    ParseProblem.AMBIGUOUS_RATE: "这个利率看不出单位，请写成 0.05% 或 万分之五。",
    ParseProblem.NOT_DAILY_RATE: "这里要的是<b>日</b>利率，请写成 0.05% 或 万分之五。",
    ParseProblem.RATE_TOO_HIGH: "日利率一般很小（比如 0.05%），这个数太大了，请再核对一下。",
    ParseProblem.IN_PAST: "这个日期已经过了，请写今天以后的日期，比如 12月10日。",
    ParseProblem.BAD_DAY_OF_MONTH: "请写 1 到 31 之间的日子，比如 10号。",
    ParseProblem.NOT_A_STAFF_ID: "工号一般是字母或数字，比如 A1234；不知道就点“跳过”。",
    ParseProblem.NOT_A_DATE: "没看懂这个日期，请写几月几号，比如 12月10日、下个月10号。",
    ParseProblem.UNCLEAR_COMMA: "看不出逗号是小数点还是分隔，请不带逗号再写，比如 23.50 或 2350。",
    ParseProblem.SEVERAL_AMOUNTS: "好像写了不止一个数，请写一个总数，比如 2800。",
}
UNKNOWN_PROBLEM = "没看懂，请换个写法再试一次。"
NOT_A_DURATION_MONTHS = "没看懂，请写大概几个月，比如“3个月”，或点按钮选。"
REASON_TOO_LONG = "写得有点长了，请控制在 {limit} 个字以内。"
INCOME_RANGE = "收入不固定的话，请写一个保守的数：收入少的那几个月，每月大概有多少。"
ABSURD_AMOUNT = "这个数字好像太大了（{amount} 元），请再核对一下。"
