"""Texts of /settings (reminders) and /calls."""

from __future__ import annotations

SETTINGS = (
    "<b>提醒设置</b>\n"
    "提前提醒（晚上 {evening} 点）：{leads}\n"
    "还款日当天（早上 {morning} 点）：{due_day}\n"
    "{muted}\n\n"
    "晚上 10 点到早上 8 点之间不会打扰你。点下面的按钮修改。"
)
LEADS_NONE = "不提前提醒"
LEAD_ITEM = "提前 {days} 天"
ON = "开"
OFF = "关"
MUTED = "🔕 提醒已暂停（错过还款日时仍会问你一次）"
ACTIVE = "🔔 提醒已开启"
MORNING_BUTTON = "早上{hour}点"
EVENING_BUTTON = "晚上{hour}点"
LEAD_BUTTON = "提前{days}天"
DUE_DAY_BUTTON = "当天提醒"
MUTE_BUTTON = "🔕 暂停全部提醒"
UNMUTE_BUTTON = "🔔 恢复提醒"
CHECKED = "✓ "
SAVED = "已更新，之后的提醒按新设置发送。"
NEED_START = "先发 /start 开始吧。"

CALLS_NONE = "还没有通话记录。打完电话后发 /deal 记下来。"
CALLS_TITLE = "<b>通话记录</b>"
CALL_LINE = "{when} · {outcome}"
CALL_STAFF = " · 工号 {staff}"
CALL_NOTE = "\n   {note}"
OUTCOMES = {"agreed": "✅ 谈好了", "refused": "❌ 没谈成"}
