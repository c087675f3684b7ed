"""Texts outside the intake: commands, status, help, errors."""

from __future__ import annotations

SHOW_SCRIPT_BUTTON = "📞 通话稿"
SCRIPT_FOR_BUTTON = "📞 {label}的通话稿"
CHAT_VERSION_BUTTON = "💬 不想打电话：打字版"
WHICH_SCRIPT = "要看哪一家的通话稿？每一家单独打、单独谈。"
SHOW_PLAN_BUTTON = "📋 还款方案"
PREVIOUS_PAGE = "◀ 上一页"
NEXT_PAGE = "下一页 ▶ {page}/{pages}"
PLAN_PAGE = "{text}\n\n<i>方案第 {page}/{pages} 页</i>"
SHOW_CHECKLIST_BUTTON = "📎 材料清单"
RECORD_CALL_BUTTON = "📝 记录通话结果"

NEXT_PAY_NOW = (
    "<b>下一步</b>：尽快在官方渠道还清。还清后想问罚息能不能减免，点下面的通话稿，有一段短稿。"
    "还了以后点“记录通话结果”记下来。"
)
NEXT_PART_NOW = (
    "<b>下一步</b>：按上面的日期还。想先跟对方说一声，点下面的通话稿。"
    "每还一笔，点“记录通话结果”记下约定，我会按期提醒你。"
)
NEXT_CALL = (
    "<b>下一步</b>：准备好材料，照通话稿打电话申请。"
    "打完点“记录通话结果”，谈好的约定我会按期提醒你。"
)
NEXT_CALL_EACH = (
    "<b>下一步</b>：准备好材料，照通话稿给每一家分别打电话，每一家只谈它自己那一份。"
    "打完点“记录通话结果”，谈好的约定我会按期提醒你。"
)

HELP = (
    "<b>可以用的命令</b>\n"
    "/start 开始或接着填\n"
    "/status 我的情况和进度\n"
    "/deal 记录通话结果\n"
    "/script 看通话稿\n"
    "/plan 全部分期\n"
    "/calls 通话记录\n"
    "/settings 改提醒时间\n"
    "/update 收入或开支变了\n"
    "/back 上一个问题\n"
    "/cancel 先停下，填的会保存\n"
    "/scam 查可疑消息\n"
    "/collector 记一次催收\n"
    "/export 导出记录，投诉用\n"
    "/privacy 保存什么、多久\n"
    "/delete 删除全部资料\n\n"
    # the call companion (issue 12) and the nudges (issue 11), in one short paragraph
    "通话稿下面：📞 开始打电话、🎭 先练一练、💬 打字版。"
    "做好方案后第 1、3、7 天中午我问你打了没，点“不想打了”就不问了。\n\n"
    "常见的担心点下面："
)

# the bot's profile: shown in an empty chat before /start (≤ 512) and when it is shared (≤ 120)
BOT_DESCRIPTION = (
    "花呗、借呗、备用金、网商贷或信用卡逾期了？先别慌。\n\n"
    "我问你几个问题，按你的收支算一个还得起的还款方案，"
    "写好给客服打电话时照着说的通话稿和要准备的材料，"
    "谈好以后按期提醒你，直到还完。\n\n"
    "我不是支付宝，也不是银行或律师。不收费、不代办、不借钱；"
    "协商是免费的，你自己就能办。不会问身份证号、银行卡号、密码或验证码。"
)
BOT_SHORT_DESCRIPTION = (
    "逾期了先别慌：算还款方案、写协商通话稿、按期提醒。免费，不是支付宝官方，不代办。"
)

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "开始或接着填"),
    ("status", "我的情况和还款进度"),
    ("deal", "记录通话结果"),
    ("script", "通话稿"),
    ("plan", "全部分期"),
    ("calls", "通话记录"),
    ("settings", "提醒设置"),
    ("update", "收入或开支变了"),
    ("back", "回到上一个问题"),
    ("cancel", "先停下，已填的会保存"),
    ("help", "命令说明"),
    ("scam", "查一条可疑的消息"),
    ("privacy", "我的资料怎么保存"),
    ("delete", "删除我的全部资料"),
    # 📒 记录一次催收 (issue 13)
    ("collector", "记录一次催收"),
    ("export", "导出记录（PDF），投诉时用"),
)

STATUS_NONE = "还没有开始。发 /start，我一步一步问你，几分钟就能得到方案。"
STATUS_DRAFT = "<b>我的情况</b>\n已经填到一半：{done}\n\n<b>下一步</b>：发 /start 接着填。"
STATUS_DRAFT_NOTHING = "还没填内容"
STATUS_PLANNED = "<b>我的情况</b>\n{debts}\n合计 {total} 元\n每月最多可拿出：{offer}\n\n{next}"
STATUS_NEXT_PAY = "<b>下一步</b>：尽快在官方渠道还清。还了以后发 /deal 记下来。"
STATUS_NEXT_CALL = (
    "<b>下一步</b>：准备好材料，照通话稿打电话申请（每一家单独打）。打完后发 /deal 记录结果。"
)
STATUS_DEBT_LINE = "• {product} {amount} 元，已逾期 {days} 天"
STATUS_OFFER_NONE = "暂时没有结余"
STATUS_OFFER = "{amount} 元"

NOTHING_TO_CANCEL = "现在没有进行中的填写。发 /start 开始。"
NO_PLAN_YET = "还没有方案。发 /start 先把情况填完。"
UNKNOWN_COMMAND = "没有这个命令。发 /help 看看能用哪些。"
NOT_IN_CONVERSATION = "想开始或接着填，发 /start；看进度发 /status；命令说明发 /help。"
NOT_IN_CONVERSATION_DEAL = (
    "还款约定已经记下了。看进度发 /status，全部分期发 /plan，要改约定发 /deal。"
)
NOT_IN_CONVERSATION_PLANNED = "方案已经做好了。下一步可以看通话稿、打电话，打完点“记录通话结果”。"
STALE_BUTTON = "这个按钮已经过期了。"

GROUP_ONLY_PRIVATE = "为了保护隐私，我不在群里收集任何信息。请点这里私聊我：{link}"

DELETE_ASK = (
    "确定要删除你的全部资料吗？欠款、收支、原因、填写进度，"
    "还有记下的还款约定、提醒、通话和催收记录，都会删掉，无法恢复。"
    "投诉还没处理完的话，可以先发 /export 留一份。"
)
DELETE_YES = "确定删除"
DELETE_NO = "先不删"
DELETE_DONE = "已全部删除。如果需要，随时发 /start 重新开始。"
DELETE_DONE_EXPORTS = (
    "已全部删除，导出的记录文件也从聊天里删掉了。如果需要，随时发 /start 重新开始。"
)
DELETE_DONE_EXPORTS_LEFT = (
    "已全部删除。有 {left} 个导出的记录文件超过 48 小时，我删不掉，请长按那个文件，选“删除”。"
    "如果需要，随时发 /start 重新开始。"
)
DELETE_KEPT = "好的，没有删除。"

ERROR = "抱歉，我这边出了点问题，你的资料没有丢。请稍后再试一次，或发 /start 接着来。"


# An edited message: its new text is not taken as an answer (it may belong to any question).
EDITED_MESSAGE = (
    "改过的消息我不会当成新答案。要改之前的答案：发 /back 回到上一题，或在核对页点“修改”。"
)
