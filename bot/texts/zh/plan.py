"""The repayment plan's words, in Simplified Chinese (Telegram HTML); bot/views/plan*.py fills them.

The plan is a few short messages for a phone:
1. what to do: the option a debt adviser would lead with, with its amounts and dates;
2. the month's money behind that amount, and any warning about it;
3. what the plan covers, and what it becomes if the penalty is not waived;
4. what waiting costs, with the formula and the rule behind each estimate;
5. where to find free help, and the scam warning.
Every option is something to ASK for; nothing here promises an outcome.
"""

from __future__ import annotations

from bot.domain.plan import HelpPointer

# --- names of debts and lenders ---------------------------------------------------------
# the second card, the second loan of the same kind: "第2笔信用卡"
NTH_DEBT = "第{number}笔{name}"
# after an amount worked out from a guessed rate
ESTIMATED = "（估算）"

# --- 1. what to do ----------------------------------------------------------------------
FIRST_DUE = "第一期 {first}，以后{rule}{after}"
FIRST_DUE_AFTER_INCOME = "，都在{arrives}后"
SMALL_FIRST_ITEM = "{label} {amount}"
SMALL_FIRST = "第一期先把{cleared}还清，其余每月照付。"

# one line per lender: "· 花呗、借呗，找支付宝：每月 500 元"
LENDER_WHOM = "{label}，找{lender}"
LENDER_LINE = "· {whom}：{amount_of} {amount}"
LENDER_AMOUNT_PAY_OFF = "还清约"
LENDER_AMOUNT_MONTHLY = "每月"
LENDER_LINE_ONE_GO = "· {whom}：第一期一次还清 {amount}"
LENDER_PAID_WITHIN = "，{periods} 期还清"

PAY_NOW_TITLE = "<b>你的方案：尽快一次还清</b>"
PAY_NOW_WHY = "你每月能拿出的钱够一次还清，不用等协商。"
PAY_NOW_WHERE = "· 在{channel}还清，约 <b>{amount}</b>"
PAY_NOW_PENALTY_INCLUDED = "· 已含估算罚息 {amount}，以App显示的为准"
PAY_NOW_LATEST = "最晚 {due}"
PAY_NOW_LATEST_AFTER_INCOME = "最晚 {due}，{arrives}后"
PAY_NOW_TODAY = "· 手上有钱今天就还，{latest}"
PAY_NOW_WAITING = "每多拖 30 天，罚息约多 {amount}（估算），征信上的逾期也会更长。"
PAY_NOW_SMALL_PENALTY = "罚息只有几块钱，还清就行，不用专门打电话。"
PAY_NOW_ASK_WAIVER = "还清以后，可以打电话问问已产生的罚息能不能减免，由对方决定。"

PART_NOW_TITLE = "<b>你的方案：先还一部分，{head}</b>"
PART_NOW_HEAD_NEXT_INCOME = "下次{arrives}后还清"
PART_NOW_HEAD_TIMES = "分 {periods} 次还清"
PART_NOW_FIRST = "· 先还 <b>{amount}</b>：手上有钱今天就还，最晚 {due}"
PART_NOW_LATER = "· {due} 再还 <b>{amount}</b>"
# the last payment is an estimate: the penalty keeps running on what is still unpaid
PART_NOW_LAST = "· {due} 还清剩下的，估算约 <b>{amount}</b>"
PART_NOW_PENALTY_INCLUDED = "金额含到今天为止的估算罚息 {amount}，之后还会再涨一些。"
PART_NOW_PAY_EARLY = (
    "罚息一般按没还的金额算，早还一部分就少一些；最后一笔以App显示的待还为准，"
    "看到“已还清”才算结束。"
)
PART_NOW_NO_CALL_NEEDED = "不打电话协商也可以；想先说一声，可以看“通话稿”里的短稿。"

INSTALLMENTS_TITLE = "<b>你的方案：向{whom}申请分期</b>"
INSTALLMENTS_EACH_LENDER = "每一家"
INSTALLMENTS_MONTHLY = "<b>每月 {amount}，分 {periods} 期</b>"
INSTALLMENTS_LAST = "，最后一期 {amount}"
INSTALLMENTS_SHARED = "<b>每月共 {amount}，分 {periods} 期</b>，按欠款比例分："
INSTALLMENTS_WITHIN = "在你每月最多能拿出的 {limit}以内{ratio}。"
INSTALLMENTS_RATIO = "{repayments}约占收入的 {pct}%"
INSTALLMENTS_RATIO_WITH_OTHERS = "，加上其他还款"
INSTALLMENTS_RATIO_ALONE = "，还款"
INSTALLMENTS_PAY_EXTRA = (
    "这个月手上如果还有余钱，可以先在App里还一部分：罚息一般按没还的金额算，会少一些，以账单为准。"
)

LONG_TITLE = "<b>你的情况：光靠分期还不完</b>"
# within about five years: an ask for longer installments, not a case beyond them
LONG_TITLE_LONGER = "<b>你的情况：要分得比常见的 {periods} 期更长</b>"
LONG_MONTHS = "按你每月最多能拿出的 {limit}，要大约 {months}，才能还完 {base}。"
LONG_FOR_MAX = "要在 {periods} 期内还清，每月要约 {monthly}。"
LONG_PENALTY = "罚息每 30 天约多 {amount}{estimated}{more}。"
LONG_NOT_WAIVED = "如果已有的罚息不减免：合计约 {total}，按每月 {limit}，要大约 {months}。"
LONG_PENALTY_OVER_LIMIT = "，比你每月能还的还多"
LONG_ADVICE_TITLE = "<b>建议这样做</b>"
LONG_STEP_LEGAL_AID = "1. 先打 <b>12348</b> 公共法律服务热线，免费问清楚你的处境"
LONG_STEP_ASK = "2. 再向{lender}如实说明，申请停止或减少罚息，按每月 {limit}长期分期，由对方决定"
LONG_STEP_NO_NEW_DEBT = "3. 不借新债还旧债"

PAUSE_TITLE = "<b>你的情况：现在拿不出钱来还</b>"
PAUSE_TITLE_HEAVY = "<b>你的情况：别的贷款月供已经太重</b>"
PAUSE_NO_INCOME = "你现在没有收入。"
PAUSE_HEAVY = "其他固定还款已占收入的 {pct}%，超过了 36% 的警戒线，再加一笔分期很容易还不上。"
PAUSE_HEAVY_TARGET = "别的贷款月供降到 {target}以下，就能按每月 {monthly}分 {periods} 期还这笔。"
PAUSE_ADJUST = "可以先问问这些贷款能不能调低月供。"
PAUSE_SHORT_WITH_DEBTS = "每月收入不够必要开支和其他还款，还差 {amount}。"
PAUSE_SHORT = "每月收入不够必要开支，还差 {amount}。"
PAUSE_NOTHING_LEFT = "每月收入刚够必要开支，没有结余。"
PAUSE_TOO_LITTLE = "每月只剩 {amount}，而罚息涨得比这快。"
PAUSE_WHY = "{why}硬排一个还不起的分期，只会再次逾期。可以这样申请："
PAUSE_ASK_DEFER = "· 如实说明情况，申请先暂缓 {months} 个月，到时主动联系对方再商量"
PAUSE_ASK_TOKEN = "· 这期间每月先还 {amount}，表明诚意"
PAUSE_ASK_WAIVER = "· 申请减免罚息"
PAUSE_COST = (
    "暂缓的代价：罚息每个月约多 {amount}{estimated}，除非对方同意减免；征信上的逾期也会更长。"
)
PAUSE_TOKEN_HINT = "哪天能挤出一点，小额按时还也能表明诚意，但别动吃饭、房租、看病的钱。"

# --- 2. the month's money ---------------------------------------------------------------
BUDGET_TITLE = "<b>你的收支</b>"
BUDGET_FIGURES = "每月收入 {income}，必要开支 {essentials}，其他固定还款 {other}。"
BUDGET_NO_SURPLUS = "现在每月没有结余{short}。"
BUDGET_SHORT_BY = "，还差 {amount}"
BUDGET_OVER_RATIO = "结余 {surplus}，但所有还款加起来不宜超过收入的 36%，其他固定还款已经超过了。"
BUDGET_CAPPED = (
    "结余 {surplus}。所有还款加起来不宜超过收入的 36%，所以每月最多按 <b>{limit}</b>算。"
)
BUDGET_KEPT = "结余 {surplus}，留 {kept}应急，最多拿 <b>{limit}</b>来还。"
BUDGET_LOW_ESSENTIALS = (
    "⚠️ 你填的必要开支只占收入的 {pct}%，比一般人少。"
    "请再核对有没有漏算：学费、人情往来、衣物、保险、修理等，平摊到每月。"
)
BUDGET_THIN_SURPLUS = (
    "⚠️ 结余很少，一点意外开销就会打乱计划。先确认开支没漏算；"
    "哪个月可能还不上，提前打电话说明，别等逾期了再说。"
)

# --- 3. what the plan covers ------------------------------------------------------------
COVERS_TITLE = "<b>方案按什么算</b>"
COVERS_WHOLE = (
    "按你填的全部待还 {base}算，含还没到期的部分。"
    "App里的全部待还可能已含部分罚息，以客服核对的为准。"
)
COVERS_MIXED = (
    "{known}按全部待还算，{rest}按逾期金额算，合计 {base}。"
    "{rest}还没到期的部分和各笔罚息不在里面，打电话时先请客服核对一共要还多少。"
)
COVERS_OVERDUE_QUICK = "按你填的逾期金额算。还没到期的部分照原来的还款日还，记得留出这笔钱。"
COVERS_OVERDUE = (
    "按你填的逾期金额 {base}算。还没到期的部分和罚息不在里面，打电话时先请客服核对一共要还多少。"
)

WAIVER_TITLE = "<b>另外：申请减免罚息</b>"
WAIVER_WITH_PAUSE = "暂缓"
WAIVER_WITH_INSTALLMENTS = "分期"
WAIVER_IF_ANY = "如果已经产生罚息，可以和{together}一起申请减免，同不同意由对方决定。"
WAIVER_ASK = "可以和{together}一起申请，同不同意由对方决定。"
NOT_WAIVED_IF = "如果不减免"
NOT_WAIVED_IF_UNCOUNTED = "如果罚息没算在里面、也不减免"
NOT_WAIVED_PERIODS = (
    "{condition}：合计约 {total}，每月 {monthly}，"
    "要 {periods} 期。前提是分期以后不再加罚息，打电话时问清楚。"
)
NOT_WAIVED_TOO_LONG = "{condition}：合计约 {total}，{periods} 期也还不完，要再和对方商量。"

# --- 4. what waiting costs --------------------------------------------------------------
COST_TITLE = "<b>拖得越久，罚息越多</b>"
COST_FORMULA = "{label}：{amount} × {rate} × {days} 天 ≈ {so_far}{estimated}"
COST_TOTAL = "合计约 {amount}"
COST_PER_30_DAYS = "之后每多 30 天，约再多 {amount}。"
SEE_THE_BILL = "以账单为准。"
# the rule behind each guessed rate, so no estimate reads as a fact
BASIS = "估算依据：{parts}。以账单为准。"
BASIS_SEPARATOR = "；"
BASIS_LOAN_RATE = (
    "借呗罚息常见为借款日利率的 1.5 倍，这里按借款日利率 {rate} 算，你的在“借款详情”里能看到"
)
BASIS_HUABEI = "花呗按常见的每天万分之五"
BASIS_CREDIT_CARD = "信用卡只按每天万分之五粗算；银行还会收透支利息和违约金，实际可能更高"
BASIS_OTHER = "{debt}没有通用说法，按每天万分之五粗算"

# --- 5. help and safety -----------------------------------------------------------------
HELP_TITLE = "<b>可以找谁帮忙</b>"
HELP_LINES: dict[HelpPointer, str] = {
    HelpPointer.LEGAL_AID: "· 法律上的疑问：打 <b>12348</b> 公共法律服务热线，免费咨询",
    HelpPointer.COURT_CHECK: (
        "· 逾期比较久，可能已转给催收或已被起诉。收到自称法院的短信，打 <b>12368</b> 核实；"
        "收到传票或起诉状，别不理，尽快打 12348 咨询"
    ),
    HelpPointer.UNEMPLOYMENT: "· 失业了：问问能不能领失业保险金，找当地人社部门或打 <b>12333</b>",
    HelpPointer.COMMUNITY: "· 生活困难：找所在社区或街道，问问低保、临时救助",
    HelpPointer.COMPLAINTS: "· 被辱骂、威胁：先在App内投诉，没解决再打 <b>12378</b>",
}
# The scam warning is said where the person decides (the welcome, each call script, the
# "agencies" worry), not again under the plan: here only what the plan itself implies.
SAFETY = "<i>{asks}同不同意由{lender}决定。不借新债还旧债。</i>"
SAFETY_ASKS_WAIVER = "减免罚息是向对方提出的申请，"
SAFETY_ASKS_ALL = "以上都是向对方提出的申请，"
