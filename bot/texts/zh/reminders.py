"""Texts of reminders, follow-ups and what the reminder buttons answer."""

from __future__ import annotations

LEAD = (
    "⏰ <b>还款提醒</b>\n"
    "{product} 第 {number}/{count} 期：<b>{amount} 元</b>\n"
    "还款日：{due}（还有 {days} 天）\n"
    "只通过{channel}还款。"
)
DUE_TODAY = (
    "⏰ <b>今天是还款日</b>\n"
    "{product} 第 {number}/{count} 期：<b>{amount} 元</b>\n"
    "还好了点“已还”，我帮你记下。"
)
FOLLOWUP = "{product} 第 {number}/{count} 期（{amount} 元）的还款日是 {due}。\n还上了吗？"
CALL_AGAIN = "📞 提醒：今天可以再打一次电话协商。\n换个时间再打一次也可以。通话稿随时可以看。"

PAID_BUTTON = "✅ 已还"
SNOOZE_BUTTON = "⏰ 稍后提醒"
CANNOT_PAY_BUTTON = "❓ 还不上怎么办"
NOT_PAID_BUTTON = "还没有"
OTHER_AMOUNT_BUTTON = "金额不一样"
UNDO_BUTTON = "↩️ 撤销"
TONIGHT_BUTTON = "今晚 {time}"
TOMORROW_BUTTON = "明天 {time}"
SCRIPT_BUTTON = "📞 看通话稿"
RECORD_CALL_BUTTON = "📝 记录通话结果"

PAID_RECORDED = (
    "已记下：{product} 第 {number}/{count} 期，已还 {amount} 元。👍\n记错了可以点“撤销”。"
)
PAID_UNDONE = "已撤销：{product} 第 {number}/{count} 期改回“未还”。"
ASK_PAID_AMOUNT = "这一期实际还了多少元？直接写数字，比如 1679。"
SNOOZE_ASK = "什么时候再提醒你？"
SNOOZE_TONIGHT_GONE = "今晚太晚了，晚上10点以后我不打扰你。明天早上再提醒你吗？"
SNOOZE_TOO_LATE = (
    "今晚太晚了，晚上10点以后我不打扰你；今天就是还款日，明天再提醒就过了。"
    "还好了点“已还”，还不上就点“还不上怎么办”。"
)
SNOOZED = "好，{when} 再提醒你。"
INSTALLMENT_GONE = "这一期已经不在你的还款计划里了。发 /plan 看最新的计划。"

NOT_PAID = (
    "先别慌，今天就处理。\n"
    "• 能还上的话，尽快还，只通过{channel}。\n"
    "• 还不上就马上联系{hotline}，别等拖久了，说明情况：\n"
    "  “我有一笔协商好的分期，这期 {amount} 元。”\n"
    "  “这个月遇到困难，能不能晚几天或先还一部分？”\n"
    "• 记下客服工号和答复。还上以后点“已还”。"
)

# --- an installment paid in part (issue 11): the reminders name what is still missing
LEAD_PARTIAL = (
    "⏰ <b>还款提醒</b>\n"
    "{product} 第 {number}/{count} 期还差 <b>{amount} 元</b>，已还 {paid} 元\n"
    "还款日：{due}（还有 {days} 天）\n"
    "只通过{channel}还款。"
)
DUE_TODAY_PARTIAL = (
    "⏰ <b>今天是还款日</b>\n"
    "{product} 第 {number}/{count} 期还差 <b>{amount} 元</b>，已还 {paid} 元。\n"
    "补上了点“已还”，我帮你记下。"
)
FOLLOWUP_PARTIAL = "{product} 第 {number}/{count} 期还差 {amount} 元，还款日是 {due}。\n补上了吗？"
REPLAN_BUTTON = "🔄 重新算一下"
