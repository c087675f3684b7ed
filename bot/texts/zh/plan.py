"""The repayment plan in Simplified Chinese, as a few short messages for a phone (Telegram HTML).

1. what to do: the option a debt adviser would lead with, with its amounts and dates;
2. the month's money behind that amount, and any warning about it;
3. what the plan covers, and what it becomes if the penalty is not waived;
4. what waiting costs, with the formula and the rule behind each estimate;
5. where to find free help, and the scam warning.
Every option is something to ASK for; nothing here promises an outcome.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.affordability import percent_of
from bot.domain.lenders import Lender, LenderKind
from bot.domain.models import CaseFacts, Product
from bot.domain.money import format_fen
from bot.domain.penalty import PenaltyEstimate
from bot.domain.plan import CostOfWaiting, HelpPointer, LenderPlan, Plan, Recommendation
from bot.domain.rates import format_rate
from bot.texts.zh.lenders import CHANNELS, LENDER_NAMES
from bot.texts.zh.names import DEBT_NAMES
from bot.views.fmt import (
    about_yuan,
    cn_date,
    due_rule,
    income_arrives,
    month_day,
    months_text,
    yuan,
)

# A penalty this small is not worth a call of its own.
SMALL_PENALTY_FEN = 1_000

# The scam warning is said where the person decides (the welcome, each call script, the
# "agencies" worry), not again under the plan: here only what the plan itself implies.
SAFETY = "<i>{asks}同不同意由{lender}决定。不借新债还旧债。</i>"

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


def lender_labels(facts: CaseFacts, lenders: Sequence[Lender]) -> dict[Lender, str]:
    """ "花呗、借呗", "信用卡", "第2张信用卡"…: what each lender's debts are called."""
    counts: dict[LenderKind, int] = {}
    for lender in lenders:
        counts[lender.kind] = counts.get(lender.kind, 0) + 1
    labels = {}
    for lender in lenders:
        products = dict.fromkeys(facts.debts[i].product for i in lender.debt_indices)
        name = "、".join(DEBT_NAMES[p] for p in products)
        if counts[lender.kind] > 1 and lender.kind in (LenderKind.CARD_BANK, LenderKind.OTHER):
            name = f"第{lender.number}笔{name}"
        labels[lender] = name
    return labels


def debt_labels(facts: CaseFacts) -> tuple[str, ...]:
    """Each debt's name; "第2笔信用卡" where the same product appears more than once."""
    products = [d.product for d in facts.debts]
    labels = []
    for index, product in enumerate(products):
        name = DEBT_NAMES[product]
        if products.count(product) > 1:
            name = f"第{products[: index + 1].count(product)}笔{name}"
        labels.append(name)
    return tuple(labels)


def _lender_name(plan: Plan) -> str:
    kinds = dict.fromkeys(p.lender.kind for p in plan.lenders)
    return "、".join(LENDER_NAMES[k] for k in kinds)


def _due_rule(facts: CaseFacts, plan: Plan, payday: int | None) -> str:
    assert plan.schedule is not None
    first = plan.schedule.first_due
    after = f"，都在{income_arrives(facts.hardship.reason)}后" if payday else ""
    return f"第一期 {cn_date(first)}，以后{due_rule(plan.schedule.due_dates, payday)}{after}"


def _small_first(facts: CaseFacts, plan: Plan) -> list[str]:
    """A small debt cleared in the first payment, said plainly."""
    assert plan.schedule is not None
    labels = debt_labels(facts)
    # within one lender: separate lenders paid at once are listed with their own line
    shared = {
        i
        for part in plan.lenders
        if len(part.lender.debt_indices) > 1
        for i in part.lender.debt_indices
    }
    cleared = [
        f"{labels[i]} {yuan(d.installments[0])}"
        for i, d in enumerate(plan.schedule.debts)
        if i in shared and d.periods_paying == 1 and plan.schedule.periods > 1
    ]
    return [f"第一期先把{'、'.join(cleared)}还清，其余每月照付。"] if cleared else []


def _per_lender(facts: CaseFacts, plan: Plan, amount_of: str) -> list[str]:
    labels = lender_labels(facts, [p.lender for p in plan.lenders])
    lines = []
    for part in plan.lenders:
        fen = part.installments[0] if part.installments else part.share_limit_fen
        whom = f"{labels[part.lender]}，找{LENDER_NAMES[part.lender.kind]}"
        line = f"· {whom}：{amount_of} {yuan(fen)}"
        paying = sum(1 for x in part.installments or () if x > 0)
        if plan.kind is Recommendation.INSTALLMENTS and paying == 1:
            line = f"· {whom}：第一期一次还清 {yuan(fen)}"
        elif plan.kind is Recommendation.INSTALLMENTS and 0 < paying < len(part.installments or ()):
            line += f"，{paying} 期还清"  # a small lender finishes before the others
        lines.append(line)
    return lines


def _pay_now(facts: CaseFacts, plan: Plan, payday: int | None) -> str:
    assert plan.schedule is not None
    due = plan.schedule.first_due
    arrives = income_arrives(facts.hardship.reason)
    latest = f"最晚 {month_day(due)}，{arrives}后" if payday else f"最晚 {month_day(due)}"
    lines = ["<b>你的方案：尽快一次还清</b>", "你每月能拿出的钱够一次还清，不用等协商。"]
    if len(plan.lenders) == 1:
        part = plan.lenders[0]
        lines.append(
            f"· 在{CHANNELS[part.lender.kind]}还清，约 <b>{yuan(plan.schedule.total_fen)}</b>"
        )
    else:
        lines += _per_lender(facts, plan, "还清约")
    if plan.cost.so_far_fen > 0:
        lines.append(f"· 已含估算罚息 {yuan(plan.cost.so_far_fen)}，以App显示的为准")
    lines.append(f"· 手上有钱今天就还，{latest}")
    lines.append(
        f"每多拖 30 天，罚息约多 {yuan(plan.cost.per_30_days_fen)}（估算），征信上的逾期也会更长。"
    )
    if plan.cost.so_far_fen < SMALL_PENALTY_FEN:
        lines.append("罚息只有几块钱，还清就行，不用专门打电话。")
    else:
        lines.append("还清以后，可以打电话问问已产生的罚息能不能减免，由对方决定。")
    return "\n".join(lines)


def _part_now(facts: CaseFacts, plan: Plan, payday: int | None) -> str:
    assert plan.schedule is not None
    s = plan.schedule
    arrives = income_arrives(facts.hardship.reason)
    head = f"下次{arrives}后还清" if payday and s.periods == 2 else f"分 {s.periods} 次还清"
    lines = [f"<b>你的方案：先还一部分，{head}</b>"]
    lines.append(
        f"· 先还 <b>{yuan(s.period_totals[0])}</b>：手上有钱今天就还，最晚 {month_day(s.first_due)}"
    )
    for due, fen in zip(s.due_dates[1:], s.period_totals[1:], strict=True):
        lines.append(f"· {month_day(due)} 再还 <b>{yuan(fen)}</b>")
    lines[-1] += "，就还清了"
    if plan.cost.so_far_fen > 0:
        lines.append(f"金额已含估算罚息 {yuan(plan.cost.so_far_fen)}。")
    lines.append("罚息一般按没还的金额算，早还一部分就少一些；最后一笔以App显示的为准。")
    lines.append("不打电话协商也可以；想先说一声，可以看“通话稿”里的短稿。")
    return "\n".join(lines)


def _installments(facts: CaseFacts, plan: Plan, payday: int | None) -> str:
    s = plan.schedule
    assert s is not None
    single = len(plan.lenders) == 1
    whom = LENDER_NAMES[plan.lenders[0].lender.kind] if single else "每一家"
    lines = [f"<b>你的方案：向{whom}申请分期</b>"]
    if single:
        head = f"<b>每月 {yuan(s.regular_total_fen)}，分 {s.periods} 期</b>"
        if s.last_total_fen != s.regular_total_fen:
            head += f"，最后一期 {yuan(s.last_total_fen)}"
        lines.append(head)
    else:
        lines.append(
            f"<b>每月共 {yuan(s.regular_total_fen)}，分 {s.periods} 期</b>，按欠款比例分："
        )
        lines += _per_lender(facts, plan, "每月")
    lines.append(_due_rule(facts, plan, payday))
    lines += _small_first(facts, plan)
    others = "，加上其他还款" if facts.budget.other_debts_fen else "，还款"
    ratio = f"{others}约占收入的 {plan.debt_ratio_pct}%" if plan.debt_ratio_pct else ""
    lines.append(f"在你每月最多能拿出的 {yuan(plan.limit_fen)}以内{ratio}。")
    lines.append(
        "这个月手上如果还有余钱，可以先在App里还一部分：罚息一般按没还的金额算，会少一些，以账单为准。"
    )
    return "\n".join(lines)


def _long(facts: CaseFacts, plan: Plan) -> str:
    assert plan.months_needed is not None and plan.monthly_for_max_fen is not None
    limit = plan.limit_fen
    lines = [
        "<b>你的情况：光靠分期还不完</b>",
        f"按你每月最多能拿出的 {yuan(limit)}，要大约 {months_text(plan.months_needed)}，"
        f"才能还完 {yuan(plan.base_fen)}。",
        f"要在 {plan.max_periods} 期内还清，每月要约 {yuan(plan.monthly_for_max_fen)}。",
    ]
    per_30 = plan.cost.per_30_days_fen
    est = "（估算）" if plan.cost.estimated else ""
    more = "，比你每月能还的还多" if per_30 >= limit else ""
    lines.append(f"罚息每 30 天约多 {yuan(per_30)}{est}{more}。")
    lines += [
        "<b>建议这样做</b>",
        "1. 先打 <b>12348</b> 公共法律服务热线，免费问清楚你的处境",
        f"2. 再向{_lender_name(plan)}如实说明，申请停止或减少罚息，"
        f"按每月 {yuan(limit)}长期分期，由对方决定",
        "3. 不借新债还旧债",
    ]
    return "\n".join(lines)


def _pause(plan: Plan) -> str:
    money = plan.money
    heavy = money.other_debts_over_ratio and money.surplus_fen > 0
    title = (
        "<b>你的情况：别的贷款月供已经太重</b>" if heavy else "<b>你的情况：现在拿不出钱来还</b>"
    )
    adjust = "可以先问问这些贷款能不能调低月供。"
    if money.income_fen == 0:
        why = "你现在没有收入。"
    elif heavy:
        pct = percent_of(money.other_debts_fen, money.income_fen)
        why = f"其他固定还款已占收入的 {pct}%，超过了 36% 的警戒线，再加一笔分期很容易还不上。"
        if plan.other_debts_target_fen and plan.monthly_for_max_fen:
            why += (
                f"别的贷款月供降到 {yuan(plan.other_debts_target_fen)}以下，就能按每月 "
                f"{yuan(plan.monthly_for_max_fen)}分 {plan.max_periods} 期还这笔。"
            )
        why += adjust
    elif money.surplus_fen < 0 and money.other_debts_fen > 0:
        why = f"每月收入不够必要开支和其他还款，还差 {yuan(-money.surplus_fen)}。{adjust}"
    elif money.surplus_fen < 0:
        why = f"每月收入不够必要开支，还差 {yuan(-money.surplus_fen)}。"
    elif money.surplus_fen == 0:
        why = "每月收入刚够必要开支，没有结余。"
    else:
        why = f"每月只剩 {yuan(money.surplus_fen)}，而罚息涨得比这快。"
    months = plan.pause_months
    est = "（估算）" if plan.cost.estimated else ""
    ask = [f"· 如实说明情况，申请先暂缓 {months} 个月，到时主动联系对方再商量"]
    if plan.token_fen:
        ask.append(f"· 这期间每月先还 {yuan(plan.token_fen)}，表明诚意")
    ask.append("· 申请减免罚息")
    lines = [
        title,
        f"{why}硬排一个还不起的分期，只会再次逾期。可以这样申请：",
        *ask,
        f"暂缓的代价：罚息每个月约多 {yuan(plan.cost.per_30_days_fen)}{est}，"
        "除非对方同意减免；征信上的逾期也会更长。",
    ]
    if not plan.token_fen and not heavy:
        lines.append("哪天能挤出一点，小额按时还也能表明诚意，但别动吃饭、房租、看病的钱。")
    return "\n".join(lines)


def _formula(p: PenaltyEstimate, label: str) -> str:
    est = "（估算）" if p.estimated else ""
    return (
        f"{label}：{format_fen(p.amount_fen)} × {format_rate(p.rate_ppm)}"
        f" × {p.days} 天 ≈ {yuan(p.so_far_fen)}{est}"
    )


def _estimate_basis(cost: CostOfWaiting) -> str:
    """Name the rule behind each estimate, so no guessed rate reads as a fact."""
    parts = []
    seen: set[Product] = set()
    for item in cost.items:
        if not item.estimated or item.product in seen:
            continue
        seen.add(item.product)
        if item.loan_rate_ppm is not None:
            loan = format_rate(item.loan_rate_ppm)
            parts.append(
                f"借呗罚息常见为借款日利率的 1.5 倍，这里按借款日利率 {loan} 算，"
                "你的在“借款详情”里能看到"
            )
        elif item.product is Product.HUABEI:
            parts.append("花呗按常见的每天万分之五")
        elif item.product is Product.CREDIT_CARD:
            parts.append("信用卡只按每天万分之五粗算；银行还会收透支利息和违约金，实际可能更高")
        else:
            parts.append(f"{DEBT_NAMES[item.product]}没有通用说法，按每天万分之五粗算")
    return f"估算依据：{'；'.join(parts)}。以账单为准。"


def _coverage(facts: CaseFacts, plan: Plan) -> str:
    if plan.covers_whole_debt:
        return (
            f"按你填的全部待还 {yuan(plan.base_fen)}算，含还没到期的部分。"
            "App里的全部待还可能已含部分罚息，以客服核对的为准。"
        )
    if any(plan.whole_known):
        pairs = list(zip(debt_labels(facts), plan.whole_known, strict=True))
        known = "、".join(label for label, k in pairs if k)
        rest = "、".join(label for label, k in pairs if not k)
        return (
            f"{known}按全部待还算，{rest}按逾期金额算，合计 {yuan(plan.base_fen)}。"
            f"{rest}还没到期的部分和各笔罚息不在里面，打电话时先请客服核对一共要还多少。"
        )
    if plan.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW):
        return "按你填的逾期金额算。还没到期的部分照原来的还款日还，记得留出这笔钱。"
    return (
        f"按你填的逾期金额 {yuan(plan.base_fen)}算。还没到期的部分和罚息不在里面，"
        "打电话时先请客服核对一共要还多少。"
    )


def _not_waived(plan: Plan) -> str:
    cost = plan.cost
    together = "暂缓" if plan.kind is Recommendation.PAUSE else "分期"
    if cost.so_far_fen <= 0:
        return f"如果已经产生罚息，可以和{together}一起申请减免，同不同意由对方决定。"
    lines = [f"可以和{together}一起申请，同不同意由对方决定。"]
    if plan.kind is Recommendation.INSTALLMENTS:
        total = plan.base_fen + cost.so_far_fen
        nw = plan.not_waived
        condition = "如果罚息没算在里面、也不减免" if any(plan.whole_known) else "如果不减免"
        if nw is not None:
            lines.append(
                f"{condition}：合计约 {about_yuan(total)}，每月 {yuan(nw.regular_total_fen)}，"
                f"要 {nw.periods} 期。前提是分期以后不再加罚息，打电话时问清楚。"
            )
        else:
            lines.append(
                f"{condition}：合计约 {about_yuan(total)}，{plan.max_periods} 期也还不完，"
                "要再和对方商量。"
            )
    return "\n".join(lines)


def _what_it_covers(facts: CaseFacts, plan: Plan) -> str:
    lines = ["<b>方案按什么算</b>", _coverage(facts, plan)]
    if plan.kind not in (Recommendation.PAY_NOW, Recommendation.PART_NOW):
        lines += ["", "<b>另外：申请减免罚息</b>", _not_waived(plan)]
    return "\n".join(lines)


def _cost(facts: CaseFacts, plan: Plan) -> str:
    cost = plan.cost
    labels = debt_labels(facts)
    lines = ["<b>拖得越久，罚息越多</b>"]
    lines += [_formula(i, label) for i, label in zip(cost.items, labels, strict=True)]
    if len(cost.items) > 1:
        lines.append(f"合计约 {yuan(cost.so_far_fen)}")
    lines.append(f"之后每多 30 天，约再多 {yuan(cost.per_30_days_fen)}。")
    lines.append(_estimate_basis(cost) if cost.estimated else "以账单为准。")
    return "\n".join(lines)


def _cost_messages(facts: CaseFacts, plan: Plan) -> tuple[str, ...]:
    """The cost of waiting; with more than two debts its basis goes in a message of its own."""
    text = _cost(facts, plan)
    if len(plan.cost.items) <= 2 or not plan.cost.estimated:
        return (text,)
    head, basis = text.rsplit("\n", 1)
    return (head, basis)


def _budget(facts: CaseFacts, plan: Plan) -> str:
    b = facts.budget
    money = plan.money
    lines = [
        "<b>你的收支</b>",
        f"每月收入 {yuan(b.income_fen)}，必要开支 {yuan(b.essentials_fen)}，"
        f"其他固定还款 {yuan(b.other_debts_fen)}。",
    ]
    if money.surplus_fen <= 0:
        short = f"，还差 {yuan(-money.surplus_fen)}" if money.surplus_fen < 0 else ""
        lines.append(f"现在每月没有结余{short}。")
    elif money.other_debts_over_ratio:
        lines.append(
            f"结余 {yuan(money.surplus_fen)}，但所有还款加起来不宜超过收入的 36%，"
            "其他固定还款已经超过了。"
        )
    elif money.capped_by_ratio:
        lines.append(
            f"结余 {yuan(money.surplus_fen)}。所有还款加起来不宜超过收入的 36%，"
            f"所以每月最多按 <b>{yuan(money.limit_fen)}</b>算。"
        )
    elif money.limit_fen > 0:
        kept = money.surplus_fen - money.limit_fen
        lines.append(
            f"结余 {yuan(money.surplus_fen)}，留 {yuan(kept)}应急，"
            f"最多拿 <b>{yuan(money.limit_fen)}</b>来还。"
        )
    if money.low_essentials:
        lines.append(
            f"⚠️ 你填的必要开支只占收入的 {money.essentials_pct}%，比一般人少。"
            "请再核对有没有漏算：学费、人情往来、衣物、保险、修理等，平摊到每月。"
        )
    if money.thin_surplus:
        lines.append(
            "⚠️ 结余很少，一点意外开销就会打乱计划。先确认开支没漏算；"
            "哪个月可能还不上，提前打电话说明，别等逾期了再说。"
        )
    return "\n".join(lines)


def _help(plan: Plan) -> str:
    return "\n".join(["<b>可以找谁帮忙</b>", *(HELP_LINES[h] for h in plan.help)])


def render_plan(facts: CaseFacts, plan: Plan) -> tuple[str, ...]:
    """The plan as short messages: what to do, what it covers, the money and help."""
    payday = facts.budget.payday if facts.budget.income_fen > 0 else None
    if plan.kind is Recommendation.PAY_NOW:
        first = _pay_now(facts, plan, payday)
    elif plan.kind is Recommendation.PART_NOW:
        first = _part_now(facts, plan, payday)
    elif plan.kind is Recommendation.INSTALLMENTS:
        first = _installments(facts, plan, payday)
    elif plan.kind is Recommendation.LONG_INSTALLMENTS:
        first = _long(facts, plan)
    else:
        first = _pause(plan)
    quick = plan.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW)
    asks = "减免罚息是向对方提出的申请，" if quick else "以上都是向对方提出的申请，"
    safety = SAFETY.format(asks=asks, lender=_lender_name(plan))
    return (
        first,
        _budget(facts, plan),
        _what_it_covers(facts, plan),
        *_cost_messages(facts, plan),
        _help(plan) + "\n\n" + safety,
    )


def lender_part_label(facts: CaseFacts, plan: Plan, part: LenderPlan) -> str:
    return lender_labels(facts, [p.lender for p in plan.lenders])[part.lender]
