"""/status and /plan once there is a deal: progress at a glance, phone-width lines."""

from __future__ import annotations

from bot.domain.progress import InstallmentStatus

ICONS = {
    InstallmentStatus.PAID: "✅",
    InstallmentStatus.PARTIAL: "🟡",
    InstallmentStatus.DUE_TODAY: "⏰",
    InstallmentStatus.OVERDUE: "❗",
    InstallmentStatus.UPCOMING: "⏳",
}
# one installment: "⏳ 花呗 3/12 · 2月10日 · 1,000.00 元" (the amount paid once it is paid)
INSTALLMENT_LINE = "{icon} {product} {number}/{count} · {due} · {amount} 元"
# paid in part: "🟡 花呗 1/12 · 12月10日 · 已还 1,500 元，还差 458.34 元"
INSTALLMENT_LINE_PARTIAL = (
    "{icon} {product} {number}/{count} · {due} · 已还 {paid} 元，还差 {missing} 元"
)
# how far the next due day is
DAYS_AHEAD = "还有 {days} 天"
DUE_TODAY = "就是今天"
DAYS_PAST = "已过 {days} 天"

# /status
STATUS_TITLE = "<b>我的还款进度</b>"
STATUS_BAR = "{bar} {percent}%"
STATUS_PAID = "已还 {paid}/{total} 期，{amount} 元"
STATUS_REMAINING = "还剩 {amount} 元"
STATUS_NEXT = "<b>下一期</b>：{product} {amount} 元，{due}（{countdown}）"
STATUS_NEXT_PARTIAL = "<b>下一期</b>：{product} 还差 {amount} 元，{due}（{countdown}）"
STATUS_ALL_PAID = "全部还完了，辛苦了！"
STATUS_OVERDUE = "❗ 有 {count} 期过了还款日还没标记“已还”。"
STATUS_PARTIAL = "🟡 有 {count} 期只还了一部分，还差 {amount} 元。"
# the ones not listed, with what they still need, so the lines add up to "还剩"
STATUS_MORE = "……还有 {count} 期共 {amount} 元，发 /plan 看全部。"

# the picture on /status: one bar a month, the next payment marked (a file, not HTML)
PICTURE_TITLE = "我的还款进度"
PICTURE_SUMMARY = "已还 {paid} 元 · 还剩 {remaining} 元"
PICTURE_SUMMARY_DONE = "已还 {paid} 元 · 约定的都还完了"
PICTURE_PAID = "已还"
PICTURE_REMAINING = "待还"
PICTURE_UNIT = "单位：元"
# the month of the next payment: "下一期 12月10日 · 1,958.34 元"
PICTURE_NEXT = "下一期 {due} · {amount} 元"
PICTURE_NEXT_PARTIAL = "下一期 {due} · 还差 {amount} 元"
# below the bars; a year on a second line where it changes: "12月", "1月\n2027年"
PICTURE_MONTH = "{month}月"
PICTURE_MONTH_AND_YEAR = "{month}月\n{year}年"
PICTURE_FILENAME = "还款进度.png"

# /plan
PLAN_TITLE = "<b>全部分期</b>（✅已还 🟡还差一部分 ⏳未到 ⏰今天 ❗已过期未标记）"
PLAN_PAGE = "第 {page}/{pages} 页（第 {first}–{last} 期，共 {count} 期）"
PREVIOUS_PAGE_BUTTON = "◀ 上一页"
NEXT_PAGE_BUTTON = "下一页 ▶"


NO_DEAL_PLAN = "还没有记录约定。打完电话谈好后，发 /deal 记下来，我就能按期提醒你。"
MARK_PAID_BUTTON = "✅ {product}第{number}期已还"
CALENDAR_BUTTON = "📅 导入手机日历"
CALENDAR_CAPTION = "📅 用手机打开这个文件，就能把每期还款日加到日历里，带提醒：{alarms}。"
CALENDAR_CAPTION_NO_ALARMS = (
    "📅 用手机打开这个文件，就能把每期还款日加到日历里。"
    "现在没有开启提醒，所以日历里不带闹钟；想要的话在 /settings 打开提醒，再导出一次。"
)
# the alarms the file holds: "提前3天和1天的晚上8点，还款日当天早上9点"
CALENDAR_LEADS = "提前{days}的{hour}"
CALENDAR_LEAD_DAYS = "{days}天"
CALENDAR_LEAD_DAYS_SEPARATOR = "、"
CALENDAR_LEAD_DAYS_LAST = "和"
CALENDAR_DUE_DAY = "还款日当天{hour}"
CALENDAR_ALARMS_SEPARATOR = "，"
# after the alarms: a newer file updates the one imported (the same events keep their UIDs)
CALENDAR_CAPTION_UPDATE = "以后约定有变，再导出一次、重新导入即可更新。"
# a new deal replaced installments of an old one: the file takes them away
CALENDAR_CAPTION_CANCELLED = "旧约定里已换成新约定的 {count} 期，在文件里标为“已取消”。"


CALENDAR_FILENAME = "还款提醒.ics"
# inside the .ics file: the calendar's name, each event and its alarm
CALENDAR_NAME = "还款提醒"
CALENDAR_EVENT = "{name} 第{number}/{count}期 还款 {amount}"
CALENDAR_EVENT_NOTE = (
    "{name}第{number}/{count}期，应还 {amount}。只通过官方渠道还款，不要转账给任何个人或陌生账户。"
)
CALENDAR_ALARM = "还款提醒：{name}第{number}/{count}期 {amount}"
# an installment a new deal replaced: sent cancelled, so a calendar that has it removes it
CALENDAR_EVENT_CANCELLED = "已取消：{name} 第{number}/{count}期 {amount}"
CALENDAR_EVENT_CANCELLED_NOTE = (
    "原来约定的{name}第{number}/{count}期已经换成新的约定，这一天不用再按它还款，以新约定为准。"
)
# every event's organizer (RFC 5546 asks for one): the bot, under an address nobody reads
CALENDAR_ORGANIZER = "还款协商助手"
