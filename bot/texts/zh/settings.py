"""Texts of /settings (reminders) and /calls."""

from __future__ import annotations

SETTINGS = (
    "<b>提醒设置</b>\n"
    "提前提醒：{leads}\n"
    "还款日当天（{morning}）：{due_day}\n"
    "{muted}\n\n"
    "晚上10点到早上8点之间不会打扰你。点下面的按钮修改。"
)
LEADS_NONE = "不提前提醒"
LEAD_ITEM = "提前 {days} 天"
LEADS_AT = "{leads}（{evening}）"
ON = "开"
OFF = "关"
MUTED = "🔕 提醒已暂停（错过还款日时仍会问你一次）"
ACTIVE = "🔔 提醒已开启"
# every reminder switched off one by one: say so, not "已开启"
NONE_ON = "🔕 现在没有开启任何提醒（错过还款日时仍会问你一次）"
LEAD_BUTTON = "提前{days}天"
DUE_DAY_BUTTON = "当天提醒"
MUTE_BUTTON = "🔕 暂停全部提醒"
UNMUTE_BUTTON = "🔔 恢复提醒"
CHECKED = "✓ "
SAVED = "已更新，之后的提醒按新设置发送。"
UNCHANGED = "已经是这个设置了。"
NEED_START = "先发 /start 开始吧。"

# a whole hour as people say it (bot/views/settings.py picks the part of the day)
HOUR_BEFORE_DAWN = "凌晨{hour}点"
HOUR_MORNING = "早上{hour}点"
HOUR_FORENOON = "上午{hour}点"
HOUR_NOON = "中午12点"
HOUR_AFTERNOON = "下午{hour}点"
HOUR_EVENING = "晚上{hour}点"


CALLS_NONE = "还没有通话记录。打完电话后发 /deal 记下来。"
CALLS_TITLE = "<b>通话记录</b>"
CALL_LINE = "{when} · {outcome}"
CALL_DEBTS = "（{debts}）"
CALL_STAFF = " · 工号 {staff}"
CALL_NOTE = "\n   {note}"
OUTCOMES = {"agreed": "✅ 谈好了", "refused": "❌ 没谈成"}
