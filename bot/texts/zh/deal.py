"""Texts of recording the call's outcome: the deal, or a refusal, and the call log."""

from __future__ import annotations

from bot.domain.deal import DealProblem
from conversations.deal.states import DealState

NEED_PLAN = "先发 /start 把情况填完，拿到方案和通话稿，打完电话再来记录。"
ASK_OUTCOME = "打完电话了吗？这次结果怎么样？"
AGREED_BUTTON = "✅ 谈好了"
REFUSED_BUTTON = "❌ 没谈成"

ASK_WHICH_DEBT = "这次谈的是哪一笔？每一笔可以有自己的约定。"
DEBT_BUTTON = "{product} {amount} 元"
THIS_DEBT = "这笔欠款"
ASK_KIND = "{product}：谈好的是哪一种？"
KIND_SUGGESTED = "就按建议方案"
ASK_WHICH_OPTION = "{product}：谈好的是方案里的哪一种？"
OPTION_PAY_NOW = "一次还清 {amount} 元"
OPTION_PART_NOW = "分 {count} 次：先还 {first} 元"
OPTION_MAIN = "每月 {amount} 元，分 {count} 期"
OPTION_WITH_PENALTY = "罚息一起分：每月 {amount} 元，{count} 期"
OPTION_OWN = "都不是，我自己填"
KIND_INSTALLMENTS = "分期"
KIND_PAUSE = "先暂缓，再分期"
KIND_SINGLE = "一次还清"

ASK_PERIODS = "一共分几期？比如 12 或 十二期。"
ASK_AMOUNT = "每期还多少元？\n如果对方说的是总数，就写“共”加总数，比如“共23500”，我来算出每期多少。"
ASK_FIRST_DUE = "第一期哪天还？比如 12月10日 或 下个月10号。"
ASK_DUE_DAY = "以后每月几号还？"
SAME_DAY_BUTTON = "每月 {day} 号"
ASK_PAUSE_UNTIL = "暂缓到哪天为止？比如 2027年3月1日。"
ASK_SINGLE_AMOUNT = "一次还多少元？"
ASK_SINGLE_DATE = "哪天还？比如 12月10日。"
ASK_STAFF_ID = "客服的工号是多少？以后有争议时有用。不知道就点“跳过”。"
SKIP_BUTTON = "跳过"

CONFIRM_TITLE = "<b>请核对约定</b>"
CONFIRM_DEBT = "{product}：共 {count} 期，合计 {total} 元"
CONFIRM_BELOW_DEBT = (
    "⚠️ 比这笔逾期的 {owed} 元还少。对方同意减免的话，请让对方书面确认；"
    "只谈了一部分的话，剩下的怎么还也要问清楚。"
)
CONFIRM_LINE = "  第 {number} 期 {due}：{amount} 元"
CONFIRM_MORE = "  ……（共 {count} 期）"
CONFIRM_STAFF = "客服工号：{staff}"
SAVE_BUTTON = "✅ 保存"
REDO_BUTTON = "重新填"
SAVE_ANYWAY_BUTTON = "仍然保存"
RENEGOTIATE_BUTTON = "先不存，再去谈"
OVER_OFFER = (
    "⚠️ 这样 {month} 要还 {total} 元，超过了你每月最多能拿出的 {limit} 元。"
    "约定得比能还的多，很容易再逾期。"
)
OVER_RATIO = (
    "⚠️ 这样 {month} 要还 {total} 元，加上其他固定还款，超过了收入的 36%，压力太大，很容易再逾期。"
)
OVER_CHOICES = "可以先不存，按能还的金额再去谈；如果已经签了、想试试，也可以仍然保存。"
RENEGOTIATE = (
    "好，先不保存。可以再打一次电话，如实说每月最多能还 {limit} 元，"
    "按方案申请：{ask}。对方说“只能分12期”时怎么回答，通话稿里有。"
)
RENEGOTIATE_NO_PLAN = (
    "好，先不保存。可以再打一次电话，如实说现在每月最多能还多少，别答应做不到的数额。"
)
ASK_INSTALLMENTS = "每月 {amount} 元，分 {count} 期"

SAVED = (
    "已保存。每期还款日前我都会提醒你，时间按你的提醒设置（/settings 可改）。\n"
    "发 /status 看进度，/plan 看全部分期。"
)
CALENDAR_BUTTON = "📅 导入手机日历"
NEXT_DEBT_BUTTON = "记录下一笔"

ASK_NOTE = "对方怎么说的？一句话记下来（可以跳过）。"
REFUSED_SAVED = (
    "已记下这次通话。没谈成很常见，别灰心：\n"
    "• 换个时间再打，或在App的在线客服里打字说明情况，通话稿里有打字版。\n"
    "• 能还多少先按时还多少，保留记录。\n"
    "• 如果被辱骂或威胁，先在App内投诉，没解决再打 12378。\n\n"
    "要我提醒你再打一次吗？"
)
CALL_AGAIN_BUTTONS = (
    ("明天上午", "tomorrow_morning"),
    ("明天下午", "tomorrow_afternoon"),
    ("3天后", "in_3_days"),
)
NO_THANKS_BUTTON = "不用了"
CALL_AGAIN_SET = "好，{when}提醒你。"
CALL_AGAIN_DECLINED = "好的。需要时发 /deal 再记录。"


CANCELLED = "好，先不记录了。需要时发 /deal。"
USE_BUTTONS = "请点下面的按钮选一个。"
STALE = "这个按钮已经过期了。"
NOT_TEXT = "我只能看懂文字。"
NOT_UNDERSTOOD_OUTCOME = "没看懂。谈好了，还是没谈成？点下面的按钮，或者直接写“谈好了”。"
NOT_UNDERSTOOD_DEBT = "没看懂是哪一笔，点下面的按钮，或者写名字，比如“花呗”。"
NOT_UNDERSTOOD_KIND = "没看懂，点下面的按钮选一个，或者写“分期”“一次还清”。"
NOT_UNDERSTOOD_CONFIRM = "对的话写“确认”，要改就写“重新填”，或者点下面的按钮。"
CHOOSE_OVER = "要仍然保存，还是先不存、再去谈？点下面的按钮，或写“仍然保存”“先不存”。"
STAFF_ID_PROBLEM = "没找到工号。工号一般是字母和数字，比如 A1234；不知道就点“跳过”。"
NOT_A_DATE = "没看懂这个日期，请写成 12月10日 或 下个月10号 这样。"
BAD_DATE = "这个日期对不上，请再核对一下，比如 12月10日。"
BACK_FIRST = "已经是第一个问题了。"
BACK_CALL_SAVED = "这次通话已经记下了，不能再回去改。要我提醒你再打一次吗？"

# A tapped question becomes its answer: "通话结果：谈好了 ✓" (the tick is added on screen).
ECHO = "{question}：{answer}"
ECHO_QUESTIONS: dict[DealState, str] = {
    DealState.OUTCOME: "通话结果",
    DealState.WHICH_DEBT: "这次谈的",
    DealState.KIND: "谈好的方式",
    DealState.SUGGESTED_WHICH: "谈好的方案",
    DealState.DUE_DAY: "以后每月还款日",
    DealState.STAFF_ID: "客服工号",
    DealState.NOTE: "对方怎么说",
}
# The question in brief, after a reason that does not say what to answer (a sticker …).
SHORT_QUESTIONS: dict[DealState, str] = {
    DealState.OUTCOME: "这次结果怎么样？",
    DealState.WHICH_DEBT: "这次谈的是哪一笔？",
    DealState.KIND: "谈好的是哪一种？",
    DealState.SUGGESTED_WHICH: "谈好的是方案里的哪一种？",
    DealState.PERIODS: "一共分几期？",
    DealState.AMOUNT: "每期还多少元？",
    DealState.FIRST_DUE: "第一期哪天还？",
    DealState.DUE_DAY: "以后每月几号还？",
    DealState.PAUSE_UNTIL: "暂缓到哪天为止？",
    DealState.SINGLE_AMOUNT: "一次还多少元？",
    DealState.SINGLE_DATE: "哪天还？",
    DealState.STAFF_ID: "客服的工号是多少？",
    DealState.NOTE: "对方怎么说的？",
    DealState.CONFIRM: "请核对上面的约定。",
    DealState.CALL_AGAIN: "要我提醒你再打一次吗？",
}
PERIODS_PROBLEM = "请写一共几期，1 到 120 之间的整数，比如 12。"
NOTE_TOO_LONG = "写得有点长了，请控制在 200 个字以内。"

DEAL_PROBLEMS: dict[DealProblem, str] = {
    DealProblem.TOTAL_TOO_SMALL: "总数比期数还少，请再核对一下。",
    DealProblem.FIRST_DUE_IN_PAST: "第一期的日期已经过了，请写今天以后的日期。",
    DealProblem.PAUSE_IN_PAST: "暂缓的日期已经过了，请再核对一下。",
    DealProblem.TOO_MANY_PERIODS: "期数太多了，请再核对一下（最多 120 期）。",
}
DEAL_PROBLEM_DEFAULT = "这个约定有点对不上，请再核对一下。"
