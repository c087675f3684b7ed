"""The repayment plan in Simplified Chinese, for a phone screen (Telegram HTML).

Short lines, no tables. Every figure is the user's own; every option is something to
ASK for. Words that promise an outcome are never used (see tests/domain/test_script.py).
"""

from __future__ import annotations

from bot.domain.models import CaseFacts, Product
from bot.domain.money import format_fen
from bot.domain.penalty import PenaltyEstimate
from bot.domain.plan import CostOfWaiting, InfeasibleKind, Plan
from bot.domain.rates import format_rate
from bot.domain.schedule import Schedule
from bot.texts.zh.fmt import cn_date, yuan
from bot.texts.zh.names import PRODUCT_NAMES

# Lent through Alipay (重庆蚂蚁消费金融); 网商贷 and credit cards are banks.
ALIPAY_PRODUCTS = frozenset({Product.HUABEI, Product.JIEBEI, Product.BEIYONGJIN})

FOOTER = (
    "<i>以上是你可以提出的请求，同不同意由{lender}决定。\n"
    "协商是免费的，自己就能办，不要付钱给任何“代理协商”。\n"
    "还款只通过官方渠道（支付宝App{bank}）。</i>"
)


def _budget(facts: CaseFacts, plan: Plan) -> list[str]:
    b = facts.budget
    lines = [
        f"每月收入 {yuan(b.income_fen)}，必要开销 {yuan(b.essentials_fen)}，"
        f"其他固定还款 {yuan(b.other_debts_fen)}。",
    ]
    if plan.surplus_fen <= 0:
        short = f"（还差 {yuan(-plan.surplus_fen)}）" if plan.surplus_fen < 0 else ""
        lines.append(f"现在每月没有结余{short}。")
    else:
        lines.append(
            f"每月结余 {yuan(plan.surplus_fen)}。留 {yuan(plan.buffer_fen)}应急，"
            f"最多拿 <b>{yuan(plan.offer_fen)}</b>来还。"
        )
    return lines


def _schedule_lines(s: Schedule, lead: str = "") -> list[str]:
    regular, last = s.regular_total_fen, s.last_total_fen
    last_amount = "" if last == regular else f"（{yuan(last)}）"
    if s.periods == 1:
        lines = [f"{lead}一次还清 <b>{yuan(regular)}</b>"]
    elif last == regular:
        lines = [f"{lead}每月 <b>{yuan(regular)}</b>，共 {s.periods} 期"]
    else:
        lines = [f"{lead}每月 <b>{yuan(regular)}</b>，共 {s.periods} 期"]
    lines.append(f"第一期：{cn_date(s.first_due)}")
    if s.periods > 1:
        lines.append(f"最后一期：{cn_date(s.last_due)}{last_amount}")
    if len(s.debts) > 1:
        # Show each lender's share so the user sees no one is favoured.
        lines.append("按欠款比例分给每一笔：")
        lines += [f"· {PRODUCT_NAMES[d.product]} 每月 {yuan(d.regular_fen)}" for d in s.debts]
    return lines


def _options(plan: Plan) -> list[str]:
    assert plan.installments is not None
    blocks = [["<b>方案A：下个月开始分期</b>", *_schedule_lines(plan.installments)]]
    if plan.pause is not None:
        blocks.append(
            [
                f"<b>方案B：先暂缓 {plan.pause.months} 个月，再分期</b>",
                f"接下来 {plan.pause.months} 个月先不还（暂缓期间罚息怎么算，要问清楚）",
                *_schedule_lines(plan.pause.schedule, lead="之后"),
            ]
        )
    return ["\n".join(b) for b in blocks]


def _waiver(plan: Plan) -> str:
    w = plan.waiver
    label = "C" if plan.feasible else ""
    head = f"<b>方案{label}：请求减免罚息</b>" if label else "<b>请求减免罚息</b>"
    if w.penalty_fen <= 0:
        body = "如果已经产生罚息，可以请求减免，"
    else:
        est = "（估算）" if w.estimated else ""
        body = f"到今天的罚息约 <b>{yuan(w.penalty_fen)}</b>{est}。可以请求减免，"
    tail = "和分期一起提出。" if plan.feasible else "和暂缓请求一起提出。"
    return "\n".join([head, body + tail])


def _formula(p: PenaltyEstimate) -> str:
    est = "（估算）" if p.estimated else ""
    return (
        f"{PRODUCT_NAMES[p.product]}：{format_fen(p.amount_fen)} × {format_rate(p.rate_ppm)}"
        f" × {p.days} 天 ≈ {yuan(p.so_far_fen)}{est}"
    )


def _estimate_basis(cost: CostOfWaiting) -> str:
    """Name the rule behind each estimate; products without a common rule say so."""
    products = tuple(dict.fromkeys(i.product for i in cost.items if i.estimated))
    parts = []
    if Product.HUABEI in products:
        parts.append("花呗每天万分之五")
    if Product.JIEBEI in products:
        parts.append("借呗为合同日利率的1.5倍，按每天0.075%粗算")
    others = [PRODUCT_NAMES[p] for p in products if p not in (Product.HUABEI, Product.JIEBEI)]
    if others:
        parts.append(f"{'、'.join(others)}没有通用说法，按每天万分之五粗算")
    return f"估算依据：{'；'.join(parts)}。以App账单为准。"


def _cost(cost: CostOfWaiting) -> str:
    lines = ["<b>早点谈，少付罚息</b>"]
    lines += [_formula(i) for i in cost.items]
    if len(cost.items) > 1:
        lines.append(f"合计约 {yuan(cost.so_far_fen)}")
    lines.append(f"之后每多 30 天，约再多 {yuan(cost.per_30_days_fen)}。")
    lines.append(_estimate_basis(cost) if cost.estimated else "以App账单为准。")
    return "\n".join(lines)


def _infeasible(facts: CaseFacts, plan: Plan) -> list[str]:
    inf = plan.infeasible
    assert inf is not None
    if inf.kind is InfeasibleKind.TOO_LONG:
        head = (
            f"按每月 {yuan(plan.offer_fen)}，{plan.max_periods} 个月也还不完"
            f" {yuan(facts.total_fen)}。"
            "硬排一个还不起的计划，只会再次逾期。"
        )
    else:
        head = "现在收支不够，排不出还得起的分期。硬排一个计划，只会再次逾期。"
    ask = ["<b>可以这样提</b>"]
    if inf.good_faith_fen:
        ask.append(f"· 每月先按时还 {yuan(inf.good_faith_fen)}，表明诚意")
        ask.append("· 请求延长期限、降低每期金额")
    else:
        ask.append("· 如实说明现在收支不够，暂时拿不出钱")
    if inf.request_pause:
        ask.append("· 请求先暂缓一段时间，等收入好转再商量")
    if not inf.good_faith_fen:
        ask.append("· 哪天能挤出一点，小额按时还也能表明诚意，但别动吃饭、房租、看病的钱")
    return [head, "\n".join(ask)]


HELP = (
    "<b>可以找谁帮忙</b>\n"
    "· 生活困难：找所在社区或街道，问问低保、临时救助\n"
    "· 担心被起诉：欠款一般属于民事纠纷，可打 12348 法律援助热线咨询\n"
    "· 被骚扰、威胁：先在支付宝App内投诉，没解决再打 12378 投诉"
)


def _ratio(plan: Plan) -> str | None:
    if not plan.high_debt_ratio:
        return None
    if plan.debt_ratio_pct is None:
        return "⚠️ 没有收入时，任何还款压力都很大，先请求暂缓更稳妥。"
    return (
        f"⚠️ 每月还款加其他固定还款约占收入的 {plan.debt_ratio_pct}%，超过 36%，压力偏大。"
        "可以请求分更多期、降低每期金额。"
    )


def render_plan(facts: CaseFacts, plan: Plan) -> str:
    """The plan message: budget, options (A, B, C) or the honest no-schedule case, cost."""
    parts = ["<b>你的还款方案（草案）</b>", "\n".join(_budget(facts, plan))]
    if plan.feasible:
        parts += _options(plan)
    else:
        parts += _infeasible(facts, plan)
    parts.append(_waiver(plan))
    ratio = _ratio(plan)
    if ratio:
        parts.append(ratio)
    parts.append(_cost(plan.cost))
    if not plan.feasible:
        parts.append(HELP)
    alipay_only = all(d.product in ALIPAY_PRODUCTS for d in facts.debts)
    lender, bank = ("支付宝", "") if alipay_only else ("支付宝或银行", "或银行App")
    parts.append(FOOTER.format(lender=lender, bank=bank))
    return "\n\n".join(parts)
