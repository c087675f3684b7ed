"""/export: the person's own record as a PDF and a text file, to attach to a complaint in the
app or read out to 12378 (shared/domain.md: in-app customer service first, then 12378).

Plain text only: no HTML and no emoji inside the files (the embedded font has no emoji;
captions, shown by Telegram, may have them). It says whose record it is and that it is
not a statement from the lender; sources are named as domain.md states them.
"""

from __future__ import annotations

from bot.domain.collection import Source
from bot.domain.plan import Recommendation

BUTTON = "📄 导出投诉用的记录"

NOTHING = "还没有可以导出的记录。先发 /start 填写欠款，或被催收时发 /collector 记下来。"
CAPTION_PDF = (
    "📄 你的还款协商和催收记录。可以附在 App 内的投诉里，也可以打 12378 时照着读。"
    "下面是同样内容的文字版，方便复制。"
)
CAPTION_TEXT = (
    "文件我不保存。里面有你的个人和财务信息，只发给处理投诉的人。"
    "发 /delete 时，48 小时内发出的这两个文件会一起从聊天里删掉。"
)
PDF_FAILED = "PDF 这次没生成出来，先发文字版给你，内容一样。稍后可以再发 /export 试试。"
FILE_NAME = "还款协商记录_{day:%Y%m%d}.{ext}"

# ---- the document -----------------------------------------------------------------------

TITLE = "还款协商和催收记录"
MADE = "本人整理，生成于 {when}（{zone}）。"
ZONE_NAMES: dict[str, str] = {"Asia/Shanghai": "北京时间"}
ZONE_OTHER = "{zone} 时间"
WHEN = "{date} {hour:02d}:{minute:02d}"
NOT_A_STATEMENT = (
    "内容是我在“还款协商助手”里自己填写和记下的，不是平台出具的账单或证明；"
    "欠款金额以平台 App 显示为准。截图、录音和通话记录请另外保留原件。"
)
FOOTER = "第 {page}/{pages} 页 · 本人整理的记录，不是平台出具的文件"
SUBJECT = "还款协商、通话和催收记录"
NONE_YET = "还没有记录。"
NOT_GIVEN = "没填"

DEBTS_HEADING = "一、欠款（我自己填写的）"
DEBT_COLUMNS = ("借款", "逾期金额（元）", "从哪天开始逾期", "全部待还（元）", "日利率")
RATE = "{rate}（{basis}）"
RATE_BASIS_PENALTY = "罚息"
RATE_BASIS_LOAN = "借款利率"
RATE_ESTIMATED = "没填"
REASON = "逾期原因：{reason}{how_long}。"
REASON_NOTE = "（{note}）"
REASON_TEMPORARY = "，暂时的，预计约 {months} 个月"
REASON_TEMPORARY_UNKNOWN = "，暂时的"
REASON_LASTING = "，短期内不会好转"
BUDGET = "每月收入约 {income} 元，必要开支约 {essentials} 元，其他固定还款约 {other} 元。"
BUDGET_NO_INCOME = "现在没有收入；必要开支约 {essentials} 元，其他固定还款约 {other} 元。"

PLAN_HEADING = "二、我打算提出的还款方案"
PLAN_MADE = "{date}按上面的收支算出的方案，是我向平台提出的申请，能不能同意由平台决定。"
PLAN_LIMIT = "除去必要开支并留一点余量后，每月最多能拿出 {amount} 元还款。"
PLAN_LIMIT_NONE = "除去必要开支后，现在每月拿不出钱还款。"
PLAN_KINDS: dict[Recommendation, str] = {
    Recommendation.PAY_NOW: "方案：在 App 里直接还清，不需要协商。",
    Recommendation.PART_NOW: "方案：先还一部分，剩下的在接下来几次发工资后还清。",
    Recommendation.INSTALLMENTS: "方案：申请按月分期。",
    Recommendation.LONG_INSTALLMENTS: "方案：申请按月分期；按现在的收支，{periods} 期内还不完。",
    Recommendation.PAUSE: "方案：现在先申请暂缓（能还一点就按月还一点），收入恢复后再商量分期。",
}
PLAN_LENDER = "{lender}：欠 {owed} 元，每月最多 {share} 元"
PLAN_LENDER_PERIODS = "，{periods} 期，第一期 {first}"
PLAN_LENDER_PAUSE = "{lender}：欠 {owed} 元，申请暂缓"
PLAN_LENDER_END = "。"

CALLS_HEADING = "三、我给平台打的电话"
CALL_COLUMNS = ("时间", "结果", "客服工号", "备注")
CALL_OUTCOMES = {"agreed": "谈好了", "refused": "没谈成"}
CALL_DEBTS = "（{debts}）"
NO_STAFF_ID = "没记"

DEALS_HEADING = "四、谈好的还款约定"
DEAL_COLUMNS = ("借款", "哪天谈好", "约定内容", "现在")
DEAL_SINGLE = "一次还 {amount} 元，{due}前"
DEAL_PERIODS = "分 {count} 期，共 {total} 元，{first}到{last}"
DEAL_AFTER_PAUSE = "先暂停，再"
DEAL_STATE_ACTIVE = "进行中"
DEAL_STATE_PAID_OFF = "已还清"
DEAL_STATE_REPLANNED = "{when}重新协商，由新约定代替"

PAYMENTS_HEADING = "五、已经还的钱"
PAYMENT_COLUMNS = ("记下的日期", "借款", "第几期", "金额（元）")
PAYMENT_NUMBER = "第 {number}/{count} 期"
PAYMENT_PART = "{paid}（这期应还 {due}）"
PAYMENTS_TOTAL = "合计已还 {amount} 元。"

CONTACTS_HEADING = "六、催收记录"
CONTACTS_COUNT = "共记下 {total} 次，其中 {broken} 次可能违反催收规范。"
CONTACTS_SOURCES = (
    "“可能违反”一栏的依据：行业规范指中国银行业协会《金融机构个人消费类贷款催收工作指引"
    "(试行)》（2026年1月30日发布）；国家标准指贷后催收国家标准（中国互联网金融协会"
    "2025年3月13日公布）。"
)
CONTACT_COLUMNS = ("时间", "方式", "对方做了什么", "可能违反")
CONTACT_CALL = "{channel}（{answered}）"
CONTACT_ANSWERED = "接了"
CONTACT_UNANSWERED = "没接，打了 {attempts} 次"
CONTACT_WHO = "\n{who}"
CONTACT_NOTE = "备注：{note}"
CONTACT_NOTHING = "没选"
CONTACT_CLEAN = "没看到"
SOURCE_SHORT: dict[Source, str] = {Source.GUIDELINE: "行业规范", Source.STANDARD: "国家标准"}
RULE_ITEM = "［{source}］{rule}"
BULLET = "• "
ITEM_SEPARATOR = "；"
LINE_BREAK = "\n"

COMPLAIN_HEADING = "七、怎么投诉"
COMPLAIN_STEPS = (
    "1. 先在平台 App 内找客服投诉（花呗、借呗、备用金在支付宝，网商贷在网商银行，"
    "信用卡在发卡银行），说清楚上面的记录，记下工单号，请对方书面答复。",
    "2. App 内没有解决，再打 12378（国家金融监督管理总局）投诉，"
    "可以把这份记录读给对方听，或按要求提交；一般约 15 个工作日内会有答复。",
    "3. 收到自称法院的短信或文书，打 12368 核实；法律问题可以打 12348 免费咨询。",
    "4. 协商和投诉都可以自己办，不用交钱找任何人代办。",
)
