"""What the bot says when a payment is marked: in full, in part, the rest, and undone.

Paid in part, an installment is still open: the reply says what is missing and the next
step (the rest by the due date, or soon when it has passed), and offers the re-plan.
"""

from __future__ import annotations

# "✅ 已还" on an installment paid in part: the rest is paid now
REST_PAID = (
    "已记下：{product} 第 {number}/{count} 期剩下的 {rest} 元也还上了，这一期还清了。👍\n"
    "记错了可以点“撤销”。"
)
# paid with less than due
PART_PAID = "已记下：{product} 第 {number}/{count} 期已还 {paid} 元，还差 <b>{missing} 元</b>。"
PART_BEFORE_DUE = (
    "剩下的最晚在还款日 <b>{due}</b> 当天补上，只通过{channel}还。"
    "我照常提醒你，提醒里写的是还差的钱。"
)
PART_LATE = "还款日 {due} 已经过了，剩下的能补就尽快补上，只通过{channel}还。"
FOLLOW_UP_AT = "{when} 我再问你一次。"
PART_DONE = "补上了点“✅ 补上了”。"
PART_CANNOT = "补不上也别去借钱硬凑：点“补不上，重新算一下”，最晚在还款日当天联系{hotline}。"
PART_CANNOT_LATE = "补不上的话，点“补不上，重新算一下”，尽快联系{hotline}，说明情况。"
REST_BUTTON = "✅ 补上了"
REPLAN_BUTTON = "补不上，重新算一下"
# "撤销" back to the part payment it replaced
UNDONE_TO_PART = "已撤销：{product} 第 {number}/{count} 期改回“已还 {paid} 元，还差 {missing} 元”。"
# "金额不一样" on one already paid in part: the total for the installment, not one more payment
ASK_TOTAL_PAID = "这一期一共还了多少元？之前记下的是 {paid} 元。直接写数字，比如 {example}。"
