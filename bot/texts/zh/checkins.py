"""Check-ins while a deal runs (every three months, /update) and the end of a paid-off case."""

from __future__ import annotations

# ---- the check-in and /update ----------------------------------------------------------------

CHECK_IN = (
    "🗓 过了三个月，收入或开支有变化吗？\n"
    "有变化就告诉我新的数字，我帮你算算每月还拿不拿得出约定的钱。"
)
UPDATE_ASK = "收入或开支有变化吗？\n有变化就告诉我新的数字，我帮你算算每月还拿不拿得出约定的钱。"
SAME_BUTTON = "没变化"
INCOME_BUTTON = "收入变了"
SPENDING_BUTTON = "开支变了"
ECHO = "收入或开支有变化吗：{answer}"
# typed words that mean a button (after folding spaces and punctuation); a bare "没有" means
# 没变化 only at the question itself (at the income question it could mean "no income")
SAME_WORDS = frozenset(
    [
        "没变化",
        "没有变化",
        "没变",
        "没有变",
        "不变",
        "一样",
        "都一样",
        "还是一样",
        "跟以前一样",
        "和以前一样",
        "照旧",
        "老样子",
        "还那样",
        "没啥变化",
        "没什么变化",
        "都没变",
        "没什么变",
        "不用改",
        "不改了",
    ]
)
INCOME_WORDS = frozenset(
    [
        "收入变了",
        "收入变化",
        "收入有变化",
        "收入",
        "工资变了",
        "工资",
        "收入少了",
        "收入多了",
        "工资少了",
        "工资涨了",
        "涨工资了",
        "降薪了",
        "失业了",
        "没工作了",
        "找到工作了",
    ]
)
SPENDING_WORDS = frozenset(
    [
        "开支变了",
        "开支变化",
        "开支有变化",
        "开支",
        "支出变了",
        "支出",
        "花销变了",
        "花销",
        "开销变了",
        "开销",
        "花得多了",
        "花得少了",
        "房租涨了",
    ]
)

NO_CHANGE = "好，照原来的约定还就好。三个月后我再来问问；中间有变化，随时发 /update。"
NO_DEAL = (
    "/update 是给正在还的约定用的：你现在没有还在还的约定。\n"
    "谈好以后发 /deal 记下来，之后收入或开支有变化，随时发 /update。"
)
BUSY = "你正在回答别的问题。先答完，或者发 /cancel 停下，再发 /update。"
CANCELLED = "好，先不改。有变化随时发 /update。"
NOT_TEXT = "我只能看懂文字，请直接写数字。"
NOT_A_CHOICE = "点下面的按钮就好：没变化、收入变了，还是开支变了？"

ASK_INCOME = "现在每月到手的收入大概多少元？没有收入就写 0。"
ASK_SPENDING = (
    "现在每月<b>必须</b>花的钱一共多少元？\n"
    "房租或房贷、吃饭、水电、交通、话费、看病、养孩子或老人都算上，"
    "零散的大开销平摊到每月。"
)
# the figure, in the same words as the question, for "没变化" typed at it
FIGURE_UNCHANGED = "好，那就不改。照原来的约定还就好；有变化随时发 /update。"
INCOME_RANGE = "收入不固定的话，请写一个保守的数：收入少的那几个月，每月大概有多少。"

SAVED_INCOME = "记下了：现在每月收入 {amount}。"
SAVED_SPENDING = "记下了：现在每月必要开支 {amount}。"
STILL_FITS_INCOME = "按现在的收入，每月 {monthly}还拿得出来，照原来的约定还就好。"
STILL_FITS_SPENDING = "按现在的开支，每月 {monthly}还拿得出来，照原来的约定还就好。"
TIGHT = (
    "不过余地不大了：每月最多能拿出 {limit}。"
    "哪个月要是还不上，在还款日<b>之前</b>就联系对方说明情况，别等逾期了再说。"
)
NEXT_CHECK_IN = "三个月后我再来问问；中间有变化，随时发 /update。"
DOES_NOT_FIT = "这样的话，原来约定的每月 {monthly}就拿不太出来了。下面是按现在的情况算的新方案："
UNCHANGED_DOES_NOT_FIT = (
    "好。不过按你现在的收入和开支，原来约定的每月 {monthly}拿不太出来。"
    "三个月后我再来问问。下面是按现在的情况算的新方案："
)
NOTHING_LEFT = "你的约定里已经没有要还的了。"

# ---- paid off --------------------------------------------------------------------------------

PAID_OFF = (
    "🎉 <b>全部还清了！</b>\n"
    "一期一期坚持下来很不容易，真心为你高兴。我这边不再发还款提醒了。\n"
    "请在App里确认一下：待还是 0、显示“已结清”。还有罚息或没到期的部分，先问清楚再算还清。\n\n"
    "<b>征信会怎样</b>\n"
    "• 逾期记录从还清那天起保留 5 年，满 5 年后删除（《征信业管理条例》第16条），谁也不能提前删。\n"
    "• 想解释逾期的原因，可以申请在信用报告里加一段个人说明。\n"
    "• 个人信用报告一般每年可以免费查两次，只通过中国人民银行征信中心的官方渠道查。"
    "收钱说能“修复征信”的都别信。"
)
PAID_OFF_KEEP = (
    "<b>这些请一直留好</b>\n"
    "• 对方的结清证明（可以找客服开），或App里显示已结清的截图\n"
    "• 当初约定的确认短信或截图\n"
    "• 每一期的还款记录\n"
    "以后万一有人说你还欠钱，这些就是凭据。\n\n"
    "你在这里的资料再保存 {days} 天，然后自动删除；想现在就删，发 /delete。"
)
REOPENED = (
    "还没有全部还完，所以我把你的约定重新打开了：还款提醒照常发，"
    "三个月后照常问问收入。全部还清后我再告诉你。"
)
