"""The call companion: the script as short cards, one step a message, and the answers to what
the agent says. ``bot.views.call_cards`` puts these together with the script's own sentences
(``script.py``, ``speech.py``); the numbers are always the person's own.

Each card stays under about 200 characters: it is read with a phone at the ear.
"""

from __future__ import annotations

from bot.domain.call_steps import AgentAnswer, CallStep

# --- the cards of the call, in order
CARD_TITLE = "<b>📞 {label} · {number}/{total} {name}</b>"
STEP_NAMES: dict[CallStep, str] = {
    CallStep.DIAL: "拨号",
    CallStep.OPENING: "开场",
    CallStep.FACTS: "核对欠款",
    CallStep.ASK: "提出申请",
    CallStep.LIMIT: "减免和底线",
    CallStep.CARD_RULE: "个性化分期",
    CallStep.SHORT: "简单说一声",
}
AT_HAND = "手边放好：{materials}、纸笔。"
DIAL_HOW = "一步一张卡。接通后照着说，说完点“下一步”。"
OWN_WORDS = "可以补一句你自己的话：<i>{note}</i>"
# what the person has in mind about the debt: their own figures, not said as the lender's
YOU_NOTED = "你记的："
DEBT_LINE = "{product} {amount}，逾期 {days} 天"
DEBT_WHOLE = "，App 显示全部待还 {amount}"
DEBT_SEP = "；"
WRITE_DOWN = "记下对方说的数，以对方说的为准。"
CARD_RULE_NOTE = (
    "第70条是银行信用卡的规定，可作参考，不适用于花呗、借呗；银行可以同意，不是必须同意。"
    "谈成后一般要承诺还清前不再办新卡。"
)

# --- the answers: what did the agent say?
ANSWERS_TITLE = "<b>📞 {label} · 对方怎么说？</b>"
ANSWERS_HOW = "点对方的回答，我告诉你怎么接。不用急，可以说“我记一下，您稍等”。"
ANSWER_BUTTONS: dict[AgentAnswer, str] = {
    AgentAnswer.AGREED: "✅ 同意了",
    AgentAnswer.TWELVE: "只能分12期",
    AgentAnswer.PART_FIRST: "要先还一部分",
    AgentAnswer.NO_WAIVER: "不能减免",
    AgentAnswer.BORROW: "让我找人借",
    AgentAnswer.PAPERS: "要材料",
    AgentAnswer.CALL_BACK: "要回电",
    AgentAnswer.REFUSED: "拒绝了",
}

# 同意了
AGREED_TITLE = "<b>“同意了”</b>"
AGREED_CHECK = "先对一下：每月不超过 {limit}，就可以答应；超过了，如实说还不起。"
# a pause agreed: no monthly figure to check
AGREED_PAUSE = "对方同意暂缓：问清到哪天为止、期间要不要还、罚息怎么算。"
AGREED_QUICK = "好。问清楚怎么还、还完后会不会再产生费用。"
# 只能分12期, when the ask is already 12 periods or fewer
TWELVE_FITS = (
    "你申请的就在 12 期以内，照原方案说。对方建议更长的，先问清每月多少、手续费和罚息再定。"
)
# 不能减免, when the debt is paid in the app
NO_WAIVER_PAID = "没关系，同不同意由对方决定。按时把钱还上最要紧。"
# 让我找人借
BORROW_NOTE = "别答应借钱来还。按你算好的数来，能还多少先按时还多少。"
# 要材料
PAPERS_TITLE = "<b>“要材料”</b>"
PAPERS_WHICH = "要准备的：{materials}。"
PAPERS_SAID = "好的，材料怎么提交？大概多久有结果？"
PAPERS_SAFE = (
    "只通过对方App里的上传入口或官方渠道提交，不发给私人微信、QQ或陌生链接。"
    "聊天里别打身份证号、卡号；密码、验证码谁都不给。"
)
# 要回电
CALL_BACK_TITLE = "<b>“要回电”</b>"
CALL_BACK_SAID = ("好的，大概什么时候回电？", "麻烦问一下您的工号？")
CALL_BACK_NOTE = "记下时间和工号。到时没接到，可以自己再打。要我提醒你再打一次吗？"
REMIND_BUTTONS = (
    ("明天上午提醒我", "tomorrow_morning"),
    ("明天下午提醒我", "tomorrow_afternoon"),
    ("3天后提醒我", "in_3_days"),
)
REMIND_SET = "✓ 好，{when}提醒你再打。"
# 拒绝了
REFUSED_CALM = "别慌，没谈成很常见。语气平静，问问还能怎么办。"

# --- before hanging up
CLOSE_TITLE = "<b>📞 {label} · 挂电话前</b>"
CLOSE_NOTE = "工号和条件记在纸上。挂了电话点下面记下结果：工号只填一次。"
CLOSE_REFUSED_SAID = ("麻烦问一下您的工号？", "能不能约个时间，再回电给我？", "好的，谢谢您。")
CLOSE_REFUSED_NOTE = "记下工号和时间。挂了电话点下面记下来，我可以提醒你再打。"

# --- buttons
NEXT_BUTTON = "▶ 下一步"
TO_ANSWERS_BUTTON = "▶ 说完了：对方怎么说？"
TO_CLOSE_BUTTON = "▶ 挂电话前"
BACK_TO_ANSWERS_BUTTON = "↩️ 换一个回答"
RECORD_AGREED_BUTTON = "✅ 谈好了，记下结果"
RECORD_REFUSED_BUTTON = "📝 没谈成，记下来"
CHAT_BUTTON = "💬 打字版（在线客服）"
START_BUTTON = "📞 开始打电话"
CHECKLIST_BUTTON = "📎 材料清单"

# --- the online chat version: short paste-able messages, each its own
CHAT_INTRO = (
    "<b>💬 {label}：打字版</b>\n打开{entry}。下面每条是一段，长按一条复制、发送，"
    "等对方回了再发下一条。"
)
CHAT_AFTER = "对方回复后，点对方的意思，我告诉你怎么回。"
CHAT_AFTER_QUICK = "对方回复后如实回答；对方提的金额或日期，先对照你的方案，别答应还不起的数。"
CHAT_REPLIED_BUTTON = "对方回复了：怎么回？"
