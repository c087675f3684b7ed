"""📒 记录一次催收: the questions, the buttons, and what each entry breaks.

The rules and their sources as shared/domain.md states them ("Debt collection"): the
industry guideline of 中国银行业协会 and the national standard on post-loan collection.
Never "法律规定": neither is a law.
"""

from __future__ import annotations

from bot.domain.collection import Behaviour, Channel, Note, Rule, Source
from bot.domain.collection_time import TimeProblem

START_BUTTON = "📒 记录一次催收"
LIST_BUTTON = "📋 看我的催收记录（{count} 条）"

ASK_WHEN = (
    "📒 <b>记录一次催收</b>\n"
    "记下来的内容只用来帮你核对规范、准备投诉，发 /delete 可随时删除。\n\n"
    "是什么时候联系你的？"
)
WHEN_NOW = "刚才"
WHEN_TODAY = "今天早些时候"
WHEN_TYPE = "写个时间"
ASK_TIME_TODAY = "今天几点左右？直接写，比如“上午10点”“晚上9点半”“21:30”。"
ASK_TIME = "什么时候？直接写，比如“昨晚11点”“今天上午10点”“11月20日 21:30”。"
TIME_PROBLEMS: dict[TimeProblem, str] = {
    TimeProblem.NOT_A_TIME: "没看懂这个时间。",
    TimeProblem.NO_HOUR: "还差几点。",
    TimeProblem.BAD_TIME: "这个时间不存在。",
    TimeProblem.IN_FUTURE: "这个时间还没到。",
    TimeProblem.TOO_OLD: "只能记一年以内的。",
}

ASK_CHANNEL = "怎么联系你的？"
CHANNELS: dict[Channel, str] = {
    Channel.CALL: "电话",
    Channel.SMS: "短信",
    Channel.APP: "App消息",
    Channel.VISIT: "上门",
    Channel.THIRD_PARTY: "联系了我的家人或朋友",
}
# typed words that mean a channel (after NFKC, lower case, no spaces or punctuation)
CHANNEL_WORDS: dict[Channel, frozenset[str]] = {
    Channel.CALL: frozenset({"电话", "打电话", "来电", "打来电话", "电话催收", "call"}),
    Channel.SMS: frozenset({"短信", "发短信", "信息", "sms"}),
    Channel.APP: frozenset({"app", "app消息", "消息", "微信", "支付宝消息", "站内信"}),
    Channel.VISIT: frozenset({"上门", "上门了", "来家里", "到家里"}),
    Channel.THIRD_PARTY: frozenset(
        {"家人", "朋友", "联系了我的家人或朋友", "联系家人", "找家人", "找我家人", "亲戚"}
    ),
}
NOT_A_CHANNEL = "点一个按钮，或写“电话”“短信”“上门”这样的词。"

ASK_ANSWERED = "这通电话你接了吗？"
ANSWERED_YES = "接了"
ANSWERED_NO = "没接"
ANSWERED_WORDS = frozenset({"接了", "接了的", "接通", "接通了", "接", "是", "对", "嗯"})
UNANSWERED_WORDS = frozenset({"没接", "没有接", "没接通", "未接", "不接", "没", "没有", "否"})
NOT_ANSWERED_CHOICE = "点“接了”或“没接”。"
ASK_ATTEMPTS = "没接通的，这一阵一共打了几次？点一个，或直接写数字。"
ATTEMPT_BUTTONS: tuple[tuple[str, int], ...] = (
    ("1次", 1),
    ("2次", 2),
    ("3次", 3),
    ("4次", 4),
    ("5次", 5),
    ("6次", 6),
    ("7次", 7),
    ("10次", 10),
)
NOT_ATTEMPTS = "写一个 1 到 99 的次数，比如“8”或“8次”。"

ASK_WHO = "知道号码或对方名字吗？知道就写下来（手机号可以记），不知道点“跳过”。"
SKIP = "跳过"
SKIP_WORDS = frozenset({"跳过", "不知道", "没有", "不清楚", "忘了", "无", "skip", "略"})
WHO_TOO_LONG = "太长了，写号码或名字就好（40 个字以内）。"

ASK_WHAT = "对方做了什么？可以多选，选好点“完成”。都没有就直接点“完成”。"
BEHAVIOURS: dict[Behaviour, str] = {
    Behaviour.THREAT: "威胁恐吓",
    Behaviour.LAWSUIT: "说要起诉或报警",
    Behaviour.FAMILY: "联系了家人朋友",
    Behaviour.NIGHT: "夜里打来",
    Behaviour.INSULT: "辱骂",
    Behaviour.NEW_LOAN: "让我借新贷还",
    Behaviour.IMPERSONATION: "冒充法院或公安",
}
# typed words that mean a behaviour ("联系了我的家人", "半夜打来骂人"): a part of the answer
# that holds one of them ticks that button (several may be ticked at once)
BEHAVIOUR_WORDS: dict[Behaviour, frozenset[str]] = {
    Behaviour.THREAT: frozenset({"威胁", "恐吓", "吓唬", "恐嚇"}),
    Behaviour.LAWSUIT: frozenset({"起诉", "报警", "告我", "坐牢", "抓我"}),
    Behaviour.FAMILY: frozenset({"家人", "朋友", "亲戚", "父母", "爸妈", "同事", "单位", "通讯录"}),
    Behaviour.NIGHT: frozenset({"夜里", "半夜", "深夜", "凌晨", "晚上打"}),
    Behaviour.INSULT: frozenset({"辱骂", "骂", "脏话"}),
    Behaviour.NEW_LOAN: frozenset({"借新", "新贷", "以贷养贷", "借钱还", "再借"}),
    Behaviour.IMPERSONATION: frozenset({"冒充", "假装", "自称法院", "自称公安", "自称警察"}),
}
CHOSEN_MARK = "✅ "
DONE = "完成"
DONE_WORDS = frozenset({"完成", "好了", "没了", "没有了", "就这些", "都没有", "没有", "done"})
NOT_A_BEHAVIOUR = "点按钮选，选好点“完成”。"

ASK_NOTE = "还想补充一句吗？比如对方说了什么。不要写身份证号、卡号、验证码。不补充点“跳过”。"
NOTE_TOO_LONG = "太长了，200 个字以内就好。"

NOT_TEXT = "我只看得懂文字或按钮。"
CANCELLED = "好的，这次没有记录。想记的时候发 /collector。"
BUSY = "你还有一个问题没答完。先答完，或发 /cancel 先停下，再发 /collector。"

# ---- the verdict ------------------------------------------------------------------------

SAVED = "📒 已记下：{when} {channel}{who}"
WHO = "（{who}）"
WHEN = "{month}月{day}日 {hour:02d}:{minute:02d}"
CLEAN = (
    "按你填的内容，这次没看到明显违反催收规范的地方"
    "（夜间、次数、联系第三方、威胁、冒充、诱导借新还旧）。记录会留着，需要时可用。"
)
BREAKS = "这次可能违反了："
SOURCE_HEAD: dict[Source, str] = {
    Source.GUIDELINE: (
        "行业规范要求（中国银行业协会《金融机构个人消费类贷款催收工作指引(试行)》）："
    ),
    Source.STANDARD: "国家标准要求（贷后催收国家标准）：",
}
RULE_LINES: dict[Rule, str] = {
    Rule.QUIET_HOURS: "• 未经本人同意，晚上10点到早上8点不得催收（国家标准也这样要求）",
    Rule.UNANSWERED_ATTEMPTS: "• 没接通时，同一号码一天最多打6次（当天已记 {attempts} 次）",
    Rule.VOICE_CALLS: "• 每天有效通话最多3次（当天已记 {calls} 次接通）",
    Rule.THIRD_PARTY: "• 原则上不联系与欠款无关的人（国家标准要求只向本人催收）",
    Rule.THREAT: "• 不得威胁恐吓",
    Rule.IMPERSONATION: "• 不得冒充法院、公安",
    Rule.NEW_LOAN: "• 不得诱导借新贷还旧贷",
}
NOTE_LINES: dict[Note, str] = {
    Note.LAWSUIT: "说要起诉或报警：欠款一般属于民事纠纷。",
    Note.INSULT: "被辱骂：留好录音或截图，可以投诉。",
    Note.NIGHT_NOT_AT_NIGHT: "你选了“夜里打来”，但记的时间是 {time}。时间不对的话，重新记一次。",
}
WHAT_TO_DO = "怎么做：留好截图、录音和通话记录；先在App内投诉，没解决再打 12378。"
COURT_CHECK = "收到自称法院的短信或文书，打 12368 核实。"
NEXT = "发 /collector 记下一次，/collector list 看全部记录。"

# ---- the list ---------------------------------------------------------------------------

LIST_HEAD = "<b>催收记录</b>（最近 {shown} 条，共 {total} 条）"
LIST_EMPTY = "还没有催收记录。被催收时发 /collector，一步一步记下来。"
LIST_LINE = "• {when} {channel}{who}{flags}"
LIST_FLAGS = "：{flags}"
LIST_SEP = "、"
LIST_CLEAN = ""
LIST_FOOT = "⚠️ 是可能违反规范的地方。投诉时可以把这些时间、号码讲清楚：先App内投诉，再打 12378。"
RULE_SHORT: dict[Rule, str] = {
    Rule.QUIET_HOURS: "⚠️夜间催收",
    Rule.UNANSWERED_ATTEMPTS: "⚠️没接通仍打超过6次",
    Rule.VOICE_CALLS: "⚠️当天接通超过3次",
    Rule.THIRD_PARTY: "⚠️联系第三方",
    Rule.THREAT: "⚠️威胁",
    Rule.IMPERSONATION: "⚠️冒充公检法",
    Rule.NEW_LOAN: "⚠️诱导借新还旧",
}
LIST_WORDS = frozenset({"list", "记录", "看记录", "列表", "全部"})

# ---- what a tapped question turns into (the chat history shows the choice) -------------------

ECHO_WHEN = "时间：{answer}"
ECHO_CHANNEL = "方式：{answer}"
ECHO_ANSWERED = "接了吗：{answer}"
ECHO_ATTEMPTS = "没接通的次数：{answer}"
ECHO_WHO = "号码或名字：{answer}"
ECHO_WHAT = "对方做了：{answer}"
ECHO_NOTE = "补充：{answer}"
NOTHING = "都没有"
CHOSEN = "已选：{chosen}。还有就继续点，选好点“完成”。"
