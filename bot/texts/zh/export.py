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
    "📄 你的还款协商和催收记录。App 内投诉时照着说明情况，能上传附件就附上；"
    "打 12378 时照着读。截图、录音的原件自己留好。下面是同样内容的文字版，方便复制。"
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
ZONE_OTHER = "当地时间，{zone}"
# a record kept outside Beijing time: the lender's logs and 12378 read Beijing time
ZONE_OFFSET_AHEAD = "表中时间都是当地时间，北京时间比它早 {hours} 小时。"
ZONE_OFFSET_BEHIND = "表中时间都是当地时间，北京时间比它晚 {hours} 小时。"
WHEN = "{date} {hour:02d}:{minute:02d}"
NOT_A_STATEMENT = (
    "内容是我在“还款协商助手”里自己填写和记下的，不是借款机构出具的账单或证明；"
    "欠款金额以对方 App 或账单显示为准。截图、录音的原件由我本人保留，可以另外提供。"
)
FOOTER = "第 {page}/{pages} 页 · 本人整理的记录，不是借款机构出具的文件"
# the sections are numbered as they come (an empty one is left out)
NUMBERED = "{number}、{heading}"
NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八", "九")
SUBJECT = "还款协商、通话和催收记录"
NONE_YET = "还没有记录。"
NOT_GIVEN = "没填"

DEBTS_HEADING = "欠款（我自己填写的）"
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
BUDGET = "每月收入约 {income} 元，必要开支约 {essentials} 元，{other}。"
BUDGET_NO_INCOME = "现在没有收入；必要开支约 {essentials} 元，{other}。"
BUDGET_OTHER = "其他固定还款约 {other} 元"
BUDGET_NO_OTHER = "没有其他固定还款"

PLAN_HEADING = "我打算提出的还款方案"
PLAN_MADE = "{date}按上面的收支算出的方案，是我向对方提出的申请，能不能同意由对方决定。"
PLAN_LIMIT = "除去必要开支并留一点余量后，每月最多能拿出 {amount} 元还款。"
PLAN_LIMIT_NONE = "除去必要开支后，现在每月拿不出钱还款。"
PLAN_KINDS: dict[Recommendation, str] = {
    Recommendation.PAY_NOW: "方案：在 App 里直接还清，不需要协商。",
    Recommendation.PART_NOW: "方案：先还一部分，剩下的在接下来几次发工资后还清。",
    Recommendation.INSTALLMENTS: "方案：申请按月分期。",
    Recommendation.LONG_INSTALLMENTS: "方案：申请按月分期；按现在的收支，{periods} 期内还不完。",
    Recommendation.PAUSE: "方案：现在先申请暂缓（能还一点就按月还一点），收入恢复后再商量分期。",
}
PLAN_LENDER = "{lender}：申请每期还 {amount} 元，分 {periods} 期，第一期 {first}{last}。"
PLAN_LENDER_LAST = "，最后一期 {amount} 元"
PLAN_LENDER_LONG = "{lender}：申请每月还 {amount} 元{periods}。"
PLAN_LONG_PERIODS = "，大约 {periods} 期还完"
PLAN_LENDER_PAUSE = "{lender}：申请先暂缓{months}，到时我主动联系{token}。"
PLAN_PAUSE_MONTHS = " {months} 个月"
PLAN_PAUSE_TOKEN = "；暂缓期间每月先还 {amount} 元"
PLAN_BASIS = "按{basis} {owed} 元算，罚息不在内。"
PLAN_BASIS_WHOLE = "填写的全部待还"
PLAN_BASIS_OVERDUE = "填写的逾期金额"
PLAN_WAIVER = "同时申请减免罚息。"

CALLS_HEADING = "我打的协商电话"
CALL_COLUMNS = ("记下的时间", "结果", "客服工号", "备注")
CALL_OUTCOMES = {"agreed": "谈好了", "refused": "没谈成"}
CALL_DEBTS = "（{debts}）"
NO_STAFF_ID = "没记"

DEALS_HEADING = "谈好的还款约定"
DEAL_COLUMNS = ("借款", "哪天谈好", "约定内容", "现在")
DEAL_SINGLE = "一次还 {amount} 元，{due}前"
DEAL_PERIODS = "分 {count} 期，共 {total} 元，{first}到{last}"
DEAL_AFTER_PAUSE = "暂缓到{until}，之后"
DEAL_AFTER_PAUSE_UNKNOWN = "先暂缓，之后"
DEAL_STATE_ACTIVE = "进行中"
DEAL_STATE_PAID_OFF = "已还清"
DEAL_STATE_REPLANNED = "{when}重新协商，由新约定代替"

PAYMENTS_HEADING = "已经还的钱"
PAYMENT_COLUMNS = ("记下的日期", "借款", "第几期", "金额（元）")
PAYMENT_NUMBER = "第 {number}/{count} 期"
PAYMENT_PART = "{paid}（这期应还 {due}）"
PAYMENT_OLD_DEAL = "（{date}的约定）"
PAYMENTS_TOTAL = "合计已还 {amount} 元。"

CONTACTS_HEADING = "催收记录"
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
CONTACT_NOTHING = "没有勾选特别情况"
CONTACT_CLEAN = "没看到"
SOURCE_SHORT: dict[Source, str] = {Source.GUIDELINE: "行业规范", Source.STANDARD: "国家标准"}
RULE_ITEM = "［{source}］{rule}"
BULLET = "• "
ITEM_SEPARATOR = "；"
LINE_BREAK = "\n"

COMPLAIN_HEADING = "怎么投诉"
COMPLAIN_STEPS = (
    "1. 先找借款机构自己的客服投诉：花呗、借呗、备用金在支付宝 App 内，网商贷在网商银行，"
    "信用卡打卡背面的银行客服电话。说清楚上面的记录，记下工单号，请对方答复，"
    "记下答复的时间和内容。",
    "2. 没有解决，再打 12378（国家金融监督管理总局）投诉，"
    "可以把这份记录读给对方听，或按要求提交；一般约 15 个工作日内会有答复，以实际为准。",
    "3. 收到自称法院的短信或文书，打 12368 核实；法律问题可以打 12348 免费咨询。",
    "4. 协商和投诉都可以自己办，不用交钱找任何人代办。",
)
