"""The call script and the materials checklist in Simplified Chinese (Telegram HTML).

The person speaks for themselves; lines in quotes are what they can say. Nothing here
promises an outcome, and unverified details (menu digits, feature names) say 以实际为准.
"""

from __future__ import annotations

import html

from bot.domain.checklist import Material, materials_for
from bot.domain.models import HardshipReason, Product
from bot.domain.script import CallScript, DebtLine, Proposal, ReasonSection
from bot.texts.zh.fmt import cn_date, yuan
from bot.texts.zh.names import PRODUCT_NAMES
from bot.texts.zh.plan import ALIPAY_PRODUCTS

MATERIAL_NAMES: dict[Material, str] = {
    Material.ID_CARD: "身份证",
    Material.INCOME_PROOF: "收入证明：工资条，或近 3–6 个月银行流水",
    Material.UNEMPLOYMENT_PROOF: "失业或离职证明",
    Material.MEDICAL_PROOF: "诊断证明、病历或医疗费用清单",
    Material.HARDSHIP_CERT: "低保、困难证明（如有）",
    Material.UNPAID_WAGES_PROOF: "欠薪证明（如工资被拖欠）",
    Material.BUSINESS_PROOF: "经营困难的材料：停业、亏损等",
    Material.FAMILY_PROOF: "家庭变故的相关证明",
    Material.OWN_SUMMARY: "自己写的小结：每笔欠款、金额、逾期天数，每月最多能还多少",
}

# Short forms for the one-line reminder inside the script.
_MATERIAL_SHORT: dict[Material, str] = {
    Material.ID_CARD: "身份证",
    Material.INCOME_PROOF: "收入证明",
    Material.UNEMPLOYMENT_PROOF: "失业/离职证明",
    Material.MEDICAL_PROOF: "诊断证明或病历",
    Material.HARDSHIP_CERT: "困难证明（如有）",
    Material.UNPAID_WAGES_PROOF: "欠薪证明（如有）",
    Material.BUSINESS_PROOF: "停业/亏损材料",
    Material.FAMILY_PROOF: "相关证明",
    Material.OWN_SUMMARY: "你的小结",
}

_REASON_LINES: dict[HardshipReason, str] = {
    HardshipReason.UNEMPLOYED: "我最近失业了，没有了稳定收入。",
    HardshipReason.INCOME_DROP: "我最近收入减少了很多。",
    HardshipReason.ILLNESS: "我因为生病（受伤），看病花了不少钱，收入也受了影响。",
    HardshipReason.FAMILY: "家里出了变故，收入和开销都受了很大影响。",
    HardshipReason.BUSINESS: "我做生意遇到困难，收入大幅减少。",
    HardshipReason.OTHER: "我最近遇到了困难，一时还不上。",
}


def _names(products: tuple[Product, ...]) -> str:
    return "、".join(PRODUCT_NAMES[p] for p in products)


def _reach(script: CallScript) -> str:
    alipay = [p for p in script.products if p in ALIPAY_PRODUCTS]
    # The "press 2" menu is for 花呗/借呗; for other products just ask for a person.
    menu = (
        f"按语音提示进入{'/'.join(PRODUCT_NAMES[p] for p in alipay)}服务（常见为按 2），"
        if alipay
        else "按语音提示转人工，"
    )
    lines = [
        "<b>1. 怎么找到人工客服</b>",
        f"· 拨打 <b>95188</b>，{menu}或直接说“还款困难”“协商还款”。",
        "· 或在支付宝App：我的 → 我的客服，搜“协商还款”。",
        "菜单和功能名称会变，以实际为准。",
    ]
    if Product.WANGSHANGDAI in script.products:
        lines.append("网商贷是网商银行的贷款，客服入口以网商贷页面显示为准。")
    if Product.CREDIT_CARD in script.products:
        lines.append("信用卡要找发卡银行，电话在卡背面或银行App里。")
    return "\n".join(lines)


def _at_hand(script: CallScript) -> str:
    items = "、".join(_MATERIAL_SHORT[m] for m in script.materials)
    return "\n".join(
        [
            "<b>2. 手边准备</b>",
            f"· 材料：{items}（清单见下）",
            "· 这份稿子、纸笔，App里的账单页面",
            "对方要材料时再提供，只走官方渠道。",
        ]
    )


def _opening(script: CallScript) -> str:
    names = _names(script.products)
    return "\n".join(
        [
            "<b>3. 开场</b>",
            f"“你好，我的{names}逾期了。我想还，但现在一次还不上，想协商一个能做到的还款方案。”",
        ]
    )


def _debt(d: DebtLine) -> str:
    return f"{PRODUCT_NAMES[d.product]}欠 {yuan(d.amount_fen)}，逾期 {d.days_overdue} 天"


def _facts(script: CallScript) -> str:
    if len(script.debts) == 1:
        said = f"“我的{_debt(script.debts[0])}。”"
    else:
        each = "；".join(_debt(d) for d in script.debts)
        said = f"“我有 {len(script.debts)} 笔逾期：{each}。一共 {yuan(script.total_fen)}。”"
    return "\n".join(["<b>4. 说清欠款</b>", said])


def _reason(r: ReasonSection) -> str:
    said = _REASON_LINES[r.reason]
    if r.temporary and r.months:
        said += f"预计 {r.months} 个月左右能好转。"
    elif r.temporary:
        said += "这是暂时的，我在想办法恢复。"
    else:
        said += "短期内收入恢复不了。"
    said += "我不是不还，是想定一个能按时还上的方案。"
    lines = ["<b>5. 说明原因</b>", f"“{said}”"]
    if r.note and r.note.strip():
        lines.append(f"可以补充你自己的话：<i>{html.escape(r.note.strip())}</i>")
    return "\n".join(lines)


def _installments(p: Proposal, first_due_text: str) -> str:
    assert p.monthly_fen is not None and p.periods is not None
    if p.periods == 1:
        return f"在{first_due_text}一次还清 {yuan(p.monthly_fen)}"
    text = f"从{first_due_text}起每月还 {yuan(p.monthly_fen)}，分 {p.periods} 期还清"
    if p.last_fen is not None:
        text += f"（最后一期 {yuan(p.last_fen)}）"
    return text


def _waiver_line(p: Proposal) -> str:
    if p.waiver_fen <= 0:
        return "“如果已经产生罚息，也想请求减免。”"
    est = "我估算" if p.waiver_estimated else ""
    return f"“另外，想请求减免已产生的罚息（{est}约 {yuan(p.waiver_fen)}）。”"


def _proposal(p: Proposal) -> str:
    lines = ["<b>6. 提出请求</b>"]
    if p.first_due is not None and p.pause_months and p.pause_first_due is not None:
        plan = _installments(p, cn_date(p.pause_first_due))
        lines.append(f"“我想请求先暂缓 {p.pause_months} 个月，{plan}。”")
        lines.append(f"如果暂缓不行：“{_installments(p, cn_date(p.first_due))}。”")
    elif p.first_due is not None:
        lines.append(f"“我想请求{_installments(p, cn_date(p.first_due))}。”")
    if p.first_due is not None and len(p.shares) > 1:
        each = "，".join(f"{PRODUCT_NAMES[prod]}每月 {yuan(fen)}" for prod, fen in p.shares)
        lines.append(f"按欠款比例分到每一笔：{each}。")
    if p.infeasible is not None and p.good_faith_fen:
        lines.append(
            f"“我现在每月最多能还 {yuan(p.good_faith_fen)}。想请求按这个金额分期，"
            "把期限拉长；或者先暂缓一段时间。”"
        )
    elif p.infeasible is not None:
        pause = f" {p.pause_months} 个月" if p.pause_months else "一段时间"
        lines.append(
            f"“我现在每月收入不够基本开销，暂时拿不出钱。想请求先暂缓{pause}，"
            "等收入恢复再商量分期。”"
        )
    lines.append(_waiver_line(p))
    if p.max_monthly_fen is None:
        lines.append("“情况一有好转，我会主动联系你们商量还款。”")
    else:
        lines.append("“这是我能做到的最多了，我不想答应做不到的数额。”")
    if p.max_monthly_fen is not None:
        lines.append(
            "问清楚：分期有没有利息或手续费，每月实际还多少？"
            f"超过 {yuan(p.max_monthly_fen)}，就如实说还不起。"
        )
    return "\n".join(lines)


REFUSED = "\n".join(
    [
        "<b>7. 如果对方不同意</b>",
        "· 问：“那现在能办的方案有哪些？”",
        "· 可以退一步：暂缓时间短一点，或约个回电时间。",
        "· 请对方在App或短信里写明能给的方案。",
        "· 不要为了尽快挂电话，答应还不起的数额。",
        "· 能还多少先按时还多少，保留还款记录。",
        "· 如被辱骂、威胁：先在App内投诉，没解决再打 12378（国家金融监督管理总局）。",
    ]
)

CLOSING = "\n".join(
    [
        "<b>8. 挂电话前</b>",
        "· 复述一遍：“我确认一下，我们说好的是……对吗？”",
        "· 请对方把方案发到App或短信里，截图保存。",
        "· 记下日期、时间、客服工号、工单号和约定内容。",
    ]
)

DOS_DONTS = "\n".join(
    [
        "<b>9. 记住</b>",
        "· 语气平静，如实说。",
        "· 只答应自己真能做到的金额。",
        "· 只通过官方渠道还款（支付宝App{bank}），不转给任何个人账户。",
        "· 密码、验证码不告诉任何人。",
        "· 协商免费，自己就能办。不找、不付钱给“代理协商”“征信修复”。",
    ]
)

CREDIT_CARD_NOTE = (
    "<i>信用卡：《商业银行信用卡业务监督管理办法》第70条规定，银行可与持卡人协商个性化分期，"
    "最长不超过 5 年。这是银行信用卡的规定，可作参考，不适用于花呗、借呗。</i>"
)


def _bank_channel(products: tuple[Product, ...]) -> str:
    return "" if all(p in ALIPAY_PRODUCTS for p in products) else "或银行App"


def render_call_script(script: CallScript) -> str:
    """The script, section by section, with the user's own numbers."""
    parts = [
        "<b>协商电话稿</b>",
        _reach(script),
        _at_hand(script),
        _opening(script),
        _facts(script),
        _reason(script.reason),
        _proposal(script.proposal),
        REFUSED,
        CLOSING,
        DOS_DONTS.format(bank=_bank_channel(script.products)),
    ]
    if script.has_credit_card:
        parts.append(CREDIT_CARD_NOTE)
    return "\n\n".join(parts)


def render_checklist(reason: HardshipReason) -> str:
    """What to have ready for ``reason``."""
    lines = ["<b>材料清单</b>", "提前备好，对方要时再给："]
    lines += [f"· {MATERIAL_NAMES[m]}" for m in materials_for(reason)]
    lines.append("材料只通过官方渠道提交，不要发给自称能帮你协商的人。")
    return "\n".join(lines)
