"""A new proposal when a deal slips, and the short script for calling about it: the words only.

"Call before a payment is missed, never after" (domain.md, the six steps). Nothing here
promises what only the lender grants: every ask is 申请/问问, and 同不同意由对方决定. Lines
in ``*_SAID`` entries are spoken (``bot.views.speech.say`` puts them in “…”): each at most
40 characters once filled, no parentheses.
"""

from __future__ import annotations

# --- the proposal: one message of at most about 300 characters
TITLE = "<b>按现在的情况重新算了一下</b>"
LEFT = "还剩 {left}没还，原来约定每月 {monthly}。按你现在的收支，每月最多能拿出 {limit}。"
LEFT_NOTHING_SPARE = "还剩 {left}没还，原来约定每月 {monthly}。按你现在的收支，每月没有余钱。"
CALL_BEFORE = "最晚在还款日 <b>{date}</b> 当天联系{lender}，最好提前两三天，别等逾期了再说。"
CALL_NOW = "这一期已经过了还款日，尽快联系{lender}，说明情况。"
CALL_TODAY = "今天就是还款日：今天就联系{lender}，说明情况，别等逾期了再说。"
ASK_INSTALLMENTS = "可以申请把剩下的改成每月 {amount}，分 {periods} 期。"
ASK_INSTALLMENTS_LAST = "可以申请把剩下的改成每月 {amount}，分 {periods} 期，最后一期 {last}。"
# several lenders: one ask each, from the same limit shared in proportion to what each is owed
ASK_EACH = "可以分别申请：{asks}。"
ASK_EACH_INSTALLMENTS = "{lender}每月 {amount}、分 {periods} 期"
ASK_EACH_AT_MOST = "{lender}每月 {amount}"
ASK_EACH_SEP = "；"
ASK_AT_MOST = "可以申请先按每月 {amount}还，问问能分多少期。"
ASK_PAUSE = "现在每月拿不出钱，可以申请暂缓 {months} 个月，到时再谈。"
# a pause with a little money left: a token payment, the rest paused
ASK_TOKEN = "每月能拿出 {amount}：可以申请先每月还 {amount}，其余暂缓 {months} 个月。"
# what a pause costs (domain.md, the order of options), and free help first
PAUSE_COST = (
    "暂缓期间罚息可能照算（除非对方同意减免），征信上的逾期也会更久。"
    "情况复杂，可以先打 12348 免费问问。"
)
ASK_PAY_NOW = "这个月能把剩下的一次还清，直接在{channel}还就好，不用再谈。"
STILL_FITS = "原来的每月 {monthly}还拿得出来，照原来的约定还就好。"
# still fits, yet this month is short: a few days' delay or a part now, asked before the date
SHORT_THIS_MONTH = "只是这个月周转不开的话，可以问问能不能晚几天或先还一部分。"
INCOME_CHANGED = "收入或开支变了，发 /update 告诉我，我按新的数重新算。"
KEEP_PAYING = "谈好之前，能还多少先按时还多少，只通过{channel}还。"
DECIDES = "<i>同不同意由{lender}决定。不借新债还旧债。</i>"
NOTHING_LEFT = "你的约定里已经没有要还的了。"
RECORD_BUTTON = "📝 谈好了，记录新约定"
SCRIPT_BUTTON = "📞 重新协商的通话稿"
LENDERS_SEP = "、"
LENDERS_LAST_SEP = "和"

# --- the re-plan script: per lender, two short messages
SCRIPT_ANT_TITLE = "<b>📞 重新协商{label}：打给 95188</b>"
SCRIPT_LENDER_TITLE = "<b>📞 重新协商{label}：联系{lender}</b>"
# " 1/2" after the label when there are several lenders
SCRIPT_NUMBER = " {number}/{count}"
SCRIPT_WHEN = "最晚在还款日 <b>{date}</b> 当天打，最好提前两三天。"
SCRIPT_WHEN_LATE = "这一期已经过了还款日，尽快打。"
SCRIPT_WHEN_TODAY = "今天就是还款日，今天就打，别等逾期了再说。"
# the voice menu leads to 花呗/借呗; 备用金 is reached through them
DEFAULT_MENU = "花呗"
STEP_OPENING = "<b>1. 开场</b>"
OPENING_KEPT = "您好，我之前和你们协商过分期，一直按约定在还。"
OPENING_AGREED = "您好，我之前和你们协商过分期，想再商量一下。"
OPENING_PART = "您好，我之前和你们协商过分期，这一期只还上了一部分。"
OPENING_LATE = "您好，我之前和你们协商过分期，这一期没能按时还上。"
# the bot's own record is a note: the agent's figure counts (domain.md)
CHECK_SAID = "麻烦先帮我核对一下，现在一共还剩多少？"
LEFT_SAID = "我的{debt}现在还剩 {left}没还。"
DEBT_UNNAMED = "借款"
STEP_REASON = "<b>2. 说明原因</b>"
REASON_CHANGED = "我这边情况有变化，原来每月 {monthly}还不上了。"
REASON_THIS_MONTH = "这个月周转不开，这一期可能没法按时还全。"
REASON_LATE = "这一期还款日已经过了，我还差 {missing}没还上。"
STEP_ASK = "<b>3. 提出新的申请</b>"
ASK_NEW_SAID = "想申请把剩下的改成每月 {amount}，分 {periods} 期。"
ASK_LAST_SAID = "最后一期是 {amount}。"
ASK_FIRST_SAID = "第一期想从 {date} 开始。"
ASK_ONCE_SAID = "想申请在 {date} 一次还清剩下的 {amount}。"
ASK_AT_MOST_SAID = "我每月最多能还 {amount}，想按这个数长期分期。"
ASK_PAUSE_SAID = "想申请先暂缓 {months} 个月，到时我主动联系你们。"
ASK_DELAY_SAID = "这一期的 {amount}，想申请晚几天还，或者先还一部分。"
ASK_CATCH_UP_SAID = "剩下的 {amount}，想申请晚几天补上。"
ASK_TOKEN_SAID = "我现在每月最多能还 {amount}，想先按这个数还。"
MOST_SAID = "这是我不借钱、不动生活费能拿出来的最多的钱。"
NOTHING_SPARE_SAID = "我现在每月没有余钱，答应了也做不到。"
PENALTY_SAID = "改了计划的话，会不会另外多收钱？"
STEP_CLOSING = "<b>4. 挂电话前</b>"
STAFF_ID_SAID = "麻烦问一下您的工号？"
IN_WRITING_SAID = "新的计划能在App里显示，或者发短信给我吗？"
# a bank: a written agreement (第70条 expects one for a card)
IN_WRITING_BANK_SAID = "能签书面协议，或者发短信确认吗？"
THANKS_SAID = "好的，谢谢您。"
SCRIPT_DECIDES = "同不同意由{lender}决定。不同意也别答应还不起的数，问问现在能怎么办，记下工号。"
SCRIPT_RECORD = "谈好了点“📝 谈好了，记录新约定”，原来还没到期的分期和提醒会换成新的。"
# PAY_NOW: nothing to negotiate
SCRIPT_PAY_NOW = (
    "<b>不用重新协商</b>\n剩下的这个月就能还清：直接在{channel}还。"
    "还清后可以打电话问问{penalty}能不能减免，同不同意由{lender}决定。"
)

# --- the deal recording: a new deal for a debt that already has one
CONFIRM_BELOW_LEFT = (
    "⚠️ 比原来约定里还没还的 {owed} 元还少。对方同意减免的话，请让对方书面确认；"
    "只谈了一部分的话，剩下的怎么还也要问清楚。"
)
REPLACED = "原来约定里还没到期的分期和提醒已经换成新的，已还的记录都留着。"
