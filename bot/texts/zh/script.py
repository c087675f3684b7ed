"""One lender's call script, as a few short messages in the order of the call (Telegram HTML).

The person speaks for themselves. Sentences in the ``*_SAID`` entries and the plain
sentences below are what they say (``bot.views.speech.say`` puts them in “…”); the ``<b>``
headings and notes are for them only. Nothing here promises an outcome, and unverified
details (menu digits, entry names) say 常见/以实际为准. ``bot.views.script`` and its
sibling modules choose and fill these.
"""

from __future__ import annotations

# --- the title and what to have at hand
ANT_TITLE = "<b>📞 {label}：打给 95188</b>"
LENDER_TITLE = "<b>📞 {label}：联系{lender}</b>"
# the voice menu leads to 花呗/借呗; 备用金 is reached through them
DEFAULT_MENU = "花呗"
AT_HAND = "手边放好：{materials}、纸笔和账单页。"

# --- 1-3: opening, checking the debt, the reason
STEP_OPENING = "<b>1. 开场</b>"
STEP_CHECK = "<b>2. 先核对欠款</b>"
WRITE_DOWN = "记下对方说的数。"
STEP_REASON = "<b>3. 说明原因</b>"
OWN_WORDS = "可以补充你自己的话：<i>{note}</i>"

# --- 4: the ask
STEP_ASK = "<b>4. 提出申请</b>"
INSTALLMENTS = "我想申请分 {periods} 期还清，每月还 {amount}。"
LAST_PAYMENT = "最后一期是 {amount}。"
# long installments: a bank's 个性化分期 lasts at most 5 years
FIVE_YEARS = "按最长 5 年、分 {periods} 期算，每月要 {amount}。"
AT_MOST_THIS = "我每月最多能还 {amount}，能不能先按这个数还？"
AT_MOST = "我每月最多能还 {amount}。"
LONG_PERIODS = "想申请按这个金额长期分期，大约要 {periods} 期。"
LONG = "想申请按这个金额长期分期。"
STOP_PENALTY = "{penalty}能不能申请停止或减少？"
OVER_FIVE_YEARS = "按你能拿出的钱要 {periods} 期，超过 5 年，银行可能不同意。"
# a pause: why nothing can be paid now, true to this person's numbers
NO_INCOME = "我现在没有收入。"
OTHER_LOANS = "我每月还要还别的贷款 {amount}。"
OTHER_LOANS_SHARE = "已经占了收入的 {pct}%，再加一笔就还不上了。"
A_FEW_TENS = "我每月只剩几十块钱，现在排不了分期。"
NOTHING_LEFT = "我现在的收入只够基本开销，每月没有余钱。"
SHORT_BY = "我的收入付完基本开销和别的贷款，每月还差 {amount}。"
BELOW_ESSENTIALS = "我现在每月的收入连基本开销都不够。"
PAUSE_LOWER_OTHERS = "想申请先暂缓 {months} 个月，这期间我去调低别的月供。"
PAUSE_TOKEN = "想申请先暂缓 {months} 个月，这期间每月先还 {amount}。"
PAUSE = "想申请先暂缓 {months} 个月。"
PAUSE_CALL_BACK = "{months} 个月后，我会主动联系你们，商量怎么还。"
PAUSE_STOP_PENALTY = "暂缓期间的{penalty}，能不能申请停一停？"
# the penalty the bot estimates: for the person only, never said
PENALTY_IN_MIND = "你心里有个数：{about} {amount}，以客服说的为准，不用报给对方。"
ABOUT_ESTIMATED = "估算约"
ABOUT = "约"
MOST_I_CAN = "这是我能做到的最多了，我不想答应做不到的数额。"
ASK_ABOUT_FEES = "问清楚：分期有没有利息或手续费？每月加起来超过 {amount}，就如实说还不起。"

# --- a bank card: 个性化分期
CARD_RULE_NOTE = (
    "<i>《商业银行信用卡业务监督管理办法》第70条：持卡人确有困难、愿意还款的，银行可以和持卡人"
    "协商个性化分期，最长 5 年，签书面协议。这是银行信用卡的规定，可作参考，不适用于花呗、借呗；"
    "银行可以同意，不是必须同意。谈成以后，一般要承诺还清前不再申请新的信用卡。</i>"
)
CARD_RULE_TITLE = "<b>接着说：申请个性化分期</b>"
CARD_RULE_SAID: tuple[str, ...] = (
    "我知道银行信用卡有个性化分期的规定，",
    "是《商业银行信用卡业务监督管理办法》第七十条。",
    "想请您帮我申请，并签一份书面协议。",
)
CARD_RULE_LATER_TITLE = "<b>以后可以申请：个性化分期</b>"
CARD_RULE_LATER_SAID: tuple[str, ...] = ("等我收入稳定了，想申请个性化分期，并签书面协议。",)

# --- 5: what the lender may say
STEP_FALLBACKS = "<b>5. 对方可能这样说</b>"
IF_NO_WAIVER = "<b>“{penalty}不能减免”</b>"
# to a pause
IF_PAY_SOMETHING = "<b>“只能分期”“先还一部分”</b>"
CANNOT_PAY_NOW = "我现在真的拿不出这笔钱，答应了也做不到。"
CALL_AFTER_PAUSE = "{months} 个月后不管情况怎样，我都会主动联系你们。"
PAUSE_PENALTY_HOW = "好的。那暂缓期间，{penalty}会怎么算？"
PAUSE_PENALTY_LATER = "以后开始还款时，{penalty}能不能算进分期？"
# to installments
IF_TWELVE = "<b>“只能分 12 期”</b>"
TWELVE = "12 期的话每月要 {twelve}，我每月最多能拿出 {limit}。"
OWN_PERIODS = "能不能分 {periods} 期？"
OR_AT_LIMIT = "不行的话，能不能先按每月 {limit}还？"
IF_PART_FIRST = "<b>“要先还一部分”</b>"
AFTER_MONEY_ARRIVES = "{arrives}后，"
PART_FIRST = "{when}我最多能先还 {amount}。"
PART_FIRST_WHY = "这是不借钱、不动生活费能拿出来的。"
# paid up front, it is that month's money: the installments start a month later, not on top
PART_FIRST_COUNTS = "先还的这笔算作第一期，剩下的从下个月起按月还。"
PENALTY_INTO_INSTALLMENTS = "好的。那{penalty}能不能一起算进分期？"
PENALTY_AFTER_INSTALLMENTS = "分期以后，还会不会继续产生{penalty}？"
NOT_WAIVED = (
    "一起算进去的话：约 {total}，每月 {monthly}，要 {periods} 期。前提是分期以后不再加{penalty}。"
)
NOT_WAIVED_TOO_LONG = "一起算进去的话约 {total}，{max_periods} 期也还不完。"

# --- the answers that protect the person: no new loans, and what to do on a refusal
IF_BORROW = "<b>“找人借一下”“换个平台借”</b>"
NO_NEW_LOANS_SAID = ("我不想借新的钱还旧的钱，那样只会越欠越多。",)
IF_REFUSED = "<b>不同意</b>"
IF_REFUSED_SAID = ("那现在能办的方案有哪些？", "能不能约个时间，再回电给我？")
DONT_AGREE_TO_TOO_MUCH = "别为了挂电话答应还不起的数额。能还多少先按时还多少，保留记录。"
IF_ABUSED = "被辱骂、威胁：先在App内投诉，没解决再打 12378。"
LONG_OVERDUE_NOTE = (
    "<b>说到催收、起诉</b>\n"
    "逾期比较久，可能已转给催收或已被起诉。别慌，记下对方是谁、说了什么。"
    "收到自称法院的短信，打 12368 核实；收到传票或起诉状，别不理，尽快打 12348 咨询。"
)

# --- 6: before hanging up
STEP_CLOSING = "<b>6. 挂电话前</b>"
ASK_STAFF_ID = "麻烦问一下您的工号？"
ASK_PAUSE_END = "暂缓到哪天为止？到时我怎么联系你们？"
ASK_FIRST_DUE = "第一期是哪天？怎么还？会自动扣款吗？"
ASK_CREDIT_RECORD = "协商以后，征信上会怎么显示？"
ASK_IN_WRITING = "这个方案能发短信，或在App里显示吗？我截个图。"
RECAP_PAUSE = "我确认一下：先暂缓 {months} 个月，对吗？"
RECAP_OPEN = "我确认一下：每月还多少、分几期、哪天开始，是这样吗？"
RECAP = "我确认一下：每月 {amount}，分 {periods} 期，第一期 {first}，对吗？"
GOODBYE = "好的，谢谢您，辛苦了。"
RECORD_THE_DEAL = "打完发 /deal 记下结果，我按期提醒你。"
REMEMBER = (
    "<b>记住</b>：语气平静，如实说；只答应自己真能做到的金额；只通过{channel}还款，"
    "不转给任何个人账户；密码、验证码不告诉任何人。"
)

# --- PAY_NOW / PART_NOW: no negotiation needed; an optional short call
PAID_TITLE = "<b>📞 {label}：还清以后，想问{penalty}时</b>"
PAID_AFTER = "同不同意由对方决定；不同意也没关系，你已经还清了。"
SMALL_PENALTY = "{penalty}只有几块钱，还清就行，不用专门打电话。想问的话，可以这样说："
PART_TITLE = "<b>📞 {label}：想先说一声时</b>"
PART_BEFORE = "不打也可以：按时把钱还上最要紧。想说的话："
ASK_ID_AND_SMS = "麻烦问一下您的工号？处理结果能发短信给我吗？"
THANKS = "好的，谢谢您。"
