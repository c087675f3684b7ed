"""The call scripts (one per lender), the chat version and the checklist (Telegram HTML).

The person speaks for themselves. Lines in “…” are what they say: short sentences, no
parentheses, 您 not 你, 申请 not 请求. Everything else is a note for them only (the bot's own
estimates are never quoted to the agent). Nothing here promises an outcome, and
unverified details (menu digits, entry names) say 常见/以实际为准.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.domain.checklist import Material
from bot.domain.lenders import LenderKind
from bot.domain.models import HardshipReason, Product
from bot.domain.plan import Recommendation
from bot.domain.script import DebtLine, LenderScript, ReasonSection
from bot.texts.zh.fmt import about_yuan, due_rule, month_day, payday_text, yuan
from bot.texts.zh.lenders import CHANNELS, CHAT_ENTRY, DIAL, LENDER_NAMES
from bot.texts.zh.names import PRODUCT_NAMES

MATERIAL_NAMES: dict[Material, str] = {
    Material.ID_CARD: "身份证",
    Material.INCOME_PROOF: "收入证明：工资条，或近 3–6 个月银行流水",
    Material.NO_INCOME_PROOF: "没有收入的说明：近 3 个月银行流水",
    Material.UNEMPLOYMENT_PROOF: "失业或离职证明",
    Material.MEDICAL_PROOF: "诊断证明、病历或医疗费用清单",
    Material.HARDSHIP_CERT: "低保、困难证明，如果有",
    Material.UNPAID_WAGES_PROOF: "欠薪证明，如果工资被拖欠",
    Material.BUSINESS_PROOF: "经营困难的材料：停业、亏损等",
    Material.FAMILY_PROOF: "家庭变故的相关证明",
    Material.OWN_SUMMARY: "自己写的小结：每笔欠款、金额、逾期天数，每月最多能还多少",
}

# Short forms for the line "手边放好" inside a script.
_MATERIAL_SHORT: dict[Material, str] = {
    Material.ID_CARD: "身份证",
    Material.INCOME_PROOF: "收入证明",
    Material.NO_INCOME_PROOF: "银行流水",
    Material.UNEMPLOYMENT_PROOF: "失业或离职证明",
    Material.MEDICAL_PROOF: "诊断证明或病历",
    Material.HARDSHIP_CERT: "困难证明",
    Material.UNPAID_WAGES_PROOF: "欠薪证明",
    Material.BUSINESS_PROOF: "停业或亏损材料",
    Material.FAMILY_PROOF: "相关证明",
    Material.OWN_SUMMARY: "你的小结",
}

# Papers that only some people have stay in the checklist, not in the line above the call.
_IF_ANY = frozenset({Material.HARDSHIP_CERT, Material.UNPAID_WAGES_PROOF})
# An ask longer than this many months is not stated as a number of periods.
_SAYABLE_PERIODS = 120

_REASON_LINES: dict[HardshipReason, str] = {
    HardshipReason.UNEMPLOYED: "我最近失业了，现在没有稳定收入。",
    HardshipReason.INCOME_DROP: "我最近收入少了很多。",
    HardshipReason.ILLNESS: "我前段时间{ill}了，看病花了不少钱，收入也少了很多。",
    HardshipReason.FAMILY: "家里出了变故，收入和开销都受了很大影响。",
    HardshipReason.BUSINESS: "我做生意遇到困难，收入少了很多。",
    HardshipReason.OTHER: "我最近遇到了困难，收入和开销都受了影响。",
}
_INJURY_WORDS = ("受伤", "骨折", "摔", "车祸", "工伤")

# What the penalty is called on each lender's bill.
_PENALTY_WORD: dict[LenderKind, str] = {
    LenderKind.ANT: "罚息",
    LenderKind.MYBANK: "罚息",
    LenderKind.CARD_BANK: "违约金和罚息",
    LenderKind.OTHER: "罚息",
}
_BREAKDOWN: dict[LenderKind, str] = {
    LenderKind.ANT: "本金、利息、罚息各是多少？罚息每天算多少？",
    LenderKind.MYBANK: "本金、利息、罚息各是多少？罚息每天算多少？",
    LenderKind.CARD_BANK: "本金、利息、违约金各是多少？利息怎么算？",
    LenderKind.OTHER: "本金、利息、罚息各是多少？罚息每天算多少？",
}

CARD_RULE = (
    "<b>接着说：申请个性化分期</b>\n"
    "“我知道银行信用卡有个性化分期的规定，”\n"
    "“是《商业银行信用卡业务监督管理办法》第七十条。”\n"
    "“想请您帮我申请，并签一份书面协议。”\n"
    "<i>《商业银行信用卡业务监督管理办法》第70条：持卡人确有困难、愿意还款的，银行可以和持卡人"
    "协商个性化分期，最长 5 年，签书面协议。这是银行信用卡的规定，可作参考，不适用于花呗、借呗；"
    "银行可以同意，不是必须同意。谈成以后，一般要承诺还清前不再申请新的信用卡。</i>"
)

CARD_CHAT = "想申请按《商业银行信用卡业务监督管理办法》第七十条的个性化分期，并签书面协议。"

REMEMBER = (
    "<b>记住</b>：语气平静，如实说；只答应自己真能做到的金额；只通过{channel}还款，"
    "不转给任何个人账户；密码、验证码不告诉任何人。"
)


def _say(*sentences: str) -> list[str]:
    return [f"“{s}”" for s in sentences]


def _names(products: Sequence[Product]) -> str:
    return "、".join(PRODUCT_NAMES[p] for p in products)


def _days(debts: Sequence[DebtLine]) -> int:
    return max(d.days_overdue for d in debts)


def _header(s: LenderScript, label: str) -> list[str]:
    kind = s.lender.kind
    # the voice menu leads to 花呗/借呗; 备用金 is reached through them
    menu: list[Product] = [p for p in s.products if p is not Product.BEIYONGJIN]
    dial = DIAL[kind].format(services="/".join(PRODUCT_NAMES[p] for p in menu or s.products))
    who = " 95188" if kind is LenderKind.ANT else LENDER_NAMES[kind]
    return [f"<b>📞 {label}：打给{who}</b>", dial]


def _reason_lines(r: ReasonSection, kind: Recommendation) -> list[str]:
    ill = "受伤" if r.note and any(w in r.note for w in _INJURY_WORDS) else "生病"
    said = [_REASON_LINES[r.reason].format(ill=ill)]
    if r.temporary and r.months:
        said.append(f"我预计 {r.months} 个月左右能好转。")
    elif r.temporary:
        said.append("这是暂时的，我在想办法恢复。")
    elif kind is not Recommendation.PAUSE:
        said.append("短期内收入恢复不了。")
    said.append("我不是不还，是想定一个能按时还上的方案。")
    lines = _say(*said)
    if r.note and r.note.strip():
        lines.append(f"可以补充你自己的话：<i>{html.escape(r.note.strip())}</i>")
    return lines


def _opening(s: LenderScript, label: str, materials: Sequence[Material]) -> str:
    kind = s.lender.kind
    at_hand = "、".join(_MATERIAL_SHORT[m] for m in materials if m not in _IF_ANY)
    return "\n".join(
        [
            *_header(s, label),
            f"手边放好：{at_hand}、纸笔和App里的账单页。",
            "",
            "<b>1. 开场</b>",
            *_say(f"您好，我的{_names(s.products)}逾期了 {_days(s.debts)} 天，想协商还款。"),
            "<b>2. 先核对欠款</b>",
            *_say("麻烦先帮我核对一下，我现在一共要还多少？", _BREAKDOWN[kind]),
            "记下对方说的数。",
            "<b>3. 说明原因</b>",
            *_reason_lines(s.reason, s.ask.kind),
        ]
    )


def _when(s: LenderScript) -> list[str]:
    ask = s.ask
    first = ask.first_due
    assert first is not None
    rule = due_rule(ask.due_dates, ask.payday, spoken=True)
    said = [f"第一期在 {month_day(first)}，以后{rule}。"]
    if ask.payday:
        said.insert(0, f"我{payday_text(ask.payday)}左右发工资，还款日想定在发工资后。")
    return said


def _installment_ask(s: LenderScript) -> list[str]:
    ask = s.ask
    assert ask.monthly_fen is not None and ask.periods is not None
    said = []
    if s.other_lenders:
        said.append("我另外还有别的欠款要还，只能按我算好的金额来。")
    said.append(f"我想申请分 {ask.periods} 期还清，每月还 {yuan(ask.monthly_fen)}。")
    if ask.last_fen is not None:
        said.append(f"最后一期是 {yuan(ask.last_fen)}。")
    said += _when(s)
    return _say(*said)


def _long_ask(s: LenderScript) -> list[str]:
    ask = s.ask
    assert ask.monthly_fen is not None
    said = []
    if s.other_lenders:
        said.append("我另外还有别的欠款要还，只能按我算好的金额来。")
    said.append(f"我每月最多能还 {yuan(ask.monthly_fen)}。")
    if ask.periods and ask.periods <= _SAYABLE_PERIODS:
        said.append(f"想申请按这个金额长期分期，大约要 {ask.periods} 期。")
    else:
        said.append("想申请按这个金额长期分期。")
    word = _PENALTY_WORD[s.lender.kind]
    said.append(f"{word}能不能申请停止或减少？")
    return _say(*said)


def _pause_ask(s: LenderScript) -> list[str]:
    months = s.ask.pause_months
    now = "我现在没有收入。" if s.reason.no_income else "我现在每月的收入连基本开销都不够。"
    return _say(
        now,
        f"想申请先暂缓 {months} 个月。",
        f"{months} 个月后，我会主动联系你们，商量怎么还。",
        f"暂缓期间的{_PENALTY_WORD[s.lender.kind]}，能不能申请停一停？",
    )


def _waiver(s: LenderScript) -> list[str]:
    word = _PENALTY_WORD[s.lender.kind]
    lines = _say(f"已经产生的{word}，能不能帮我申请减免？")
    if s.penalty_fen > 0:
        est = "估算约" if s.penalty_estimated else "约"
        lines.append(
            f"你心里有个数：{est} {about_yuan(s.penalty_fen)}，以客服说的为准，不用报给对方。"
        )
    return lines


def _the_ask(s: LenderScript) -> str:
    kind = s.ask.kind
    lines = ["<b>4. 提出申请</b>"]
    if kind is Recommendation.LONG_INSTALLMENTS:
        lines += _long_ask(s)
    elif kind is Recommendation.PAUSE:
        lines += _pause_ask(s)
    else:
        lines += _installment_ask(s)
    lines += _waiver(s)
    if kind is not Recommendation.PAUSE:
        lines += _say("这是我能做到的最多了，我不想答应做不到的数额。")
        lines.append(
            f"问清楚：分期有没有利息或手续费？每月加起来超过 {yuan(s.share_limit_fen)}，"
            "就如实说还不起。"
        )
    return "\n".join(lines)


def _fallbacks(s: LenderScript) -> str:
    f = s.fallbacks
    kind = s.ask.kind
    word = _PENALTY_WORD[s.lender.kind]
    lines = ["<b>5. 对方可能这样说</b>"]
    if kind is Recommendation.PAUSE:
        lines += ["<b>“只能分期”“先还一部分”</b>"]
        lines += _say("我现在真的拿不出钱，答应了也做不到。", "等收入恢复，我马上联系你们。")
    else:
        if f.twelve_monthly_fen is not None:
            lines.append("<b>“只能分 12 期”</b>")
            said = [
                f"12 期的话每月要 {yuan(f.twelve_monthly_fen)}，我每月最多能拿出 "
                f"{yuan(s.share_limit_fen)}。"
            ]
            if kind is Recommendation.INSTALLMENTS and s.ask.periods:
                said.append(f"能不能分 {s.ask.periods} 期？")
            said.append(f"不行的话，能不能先按每月 {yuan(s.share_limit_fen)}还？")
            lines += _say(*said)
        lines.append("<b>“要先还一部分”</b>")
        lines += _say(
            f"我现在最多能先还 {yuan(f.part_now_fen)}。",
            "这是不借钱、不动生活费能拿出来的。",
        )
    lines.append(f"<b>“{word}不能减免”</b>")
    if kind is Recommendation.PAUSE:
        lines += _say(
            f"好的。那暂缓期间，{word}会怎么算？", f"以后开始还款时，{word}能不能算进分期？"
        )
    else:
        lines += _say(f"好的。那{word}能不能一起算进分期？", f"分期以后，还会不会继续产生{word}？")
    if f.not_waived_total_fen is not None and s.penalty_fen > 0:
        if f.not_waived_periods and f.not_waived_monthly_fen:
            lines.append(
                f"一起算进去的话：约 {about_yuan(f.not_waived_total_fen)}，每月 "
                f"{yuan(f.not_waived_monthly_fen)}，要 {f.not_waived_periods} 期。"
            )
        else:
            total = about_yuan(f.not_waived_total_fen)
            lines.append(f"一起算进去的话约 {total}，{s.max_periods} 期也还不完。")
    return "\n".join(lines)


LONG_OVERDUE_NOTE = (
    "<b>说到催收、起诉</b>\n"
    "逾期比较久，可能已转给催收或已被起诉。别慌，记下对方是谁、说了什么。"
    "收到自称法院的短信，打 12368 核实；收到传票或起诉状，别不理，尽快打 12348 咨询。"
)


def _pushback(s: LenderScript) -> str:
    """The answers that protect the person: no new loans, and what to do on a refusal."""
    lines = [
        "<b>“找人借一下”“换个平台借”</b>",
        *_say("我不想借新的钱还旧的钱，那样只会越欠越多。"),
        "<b>不同意</b>",
        *_say("那现在能办的方案有哪些？", "能不能约个时间，再回电给我？"),
        "别为了挂电话答应还不起的数额。能还多少先按时还多少，保留记录。",
        "被辱骂、威胁：先在App内投诉，没解决再打 12378。",
    ]
    if s.long_overdue:
        lines.append(LONG_OVERDUE_NOTE)
    return "\n".join(lines)


def _recap(s: LenderScript) -> str:
    ask = s.ask
    if ask.kind is Recommendation.PAUSE:
        return f"我确认一下：先暂缓 {ask.pause_months} 个月，对吗？"
    if ask.kind is Recommendation.LONG_INSTALLMENTS or ask.first_due is None:
        return "我确认一下：每月还多少、分几期、哪天开始，是这样吗？"
    return (
        f"我确认一下：每月 {yuan(ask.monthly_fen or 0)}，分 {ask.periods} 期，"
        f"第一期 {month_day(ask.first_due)}，对吗？"
    )


def _closing(s: LenderScript) -> str:
    if s.ask.kind is Recommendation.PAUSE:
        when = "暂缓到哪天为止？到时我怎么联系你们？"
    else:
        when = "第一期是哪天？怎么还？会自动扣款吗？"
    lines = [
        "<b>6. 挂电话前</b>",
        *_say(
            "麻烦问一下您的工号？",
            when,
            "协商以后，征信上会怎么显示？",
            "这个方案能发短信，或在App里显示吗？我截个图。",
            _recap(s),
            "好的，谢谢您，辛苦了。",
        ),
        "打完发 /deal 记下结果，我按期提醒你。",
        "",
        REMEMBER.format(channel=CHANNELS[s.lender.kind]),
    ]
    return "\n".join(lines)


def _short_call(s: LenderScript) -> list[str]:
    """PAY_NOW / PART_NOW: what to say, all of it true whether or not they call."""
    word = _PENALTY_WORD[s.lender.kind]
    days = _days(s.debts)
    if s.ask.kind is Recommendation.PAY_NOW:
        return [
            f"您好，我的{_names(s.products)}逾期了 {days} 天，今天已经全部还上了。",
            f"想问一下，已经产生的{word}能不能申请减免？",
        ]
    rest = list(zip(s.ask.due_dates[1:], s.ask.amounts[1:], strict=True))
    if len(rest) == 1:
        later = f"剩下的 {yuan(rest[0][1])}，{month_day(rest[0][0])}还清。"
    else:
        dates = "和".join(month_day(d) for d, _ in rest)
        later = f"剩下的 {yuan(sum(a for _, a in rest))}，分两次在 {dates}还清。"
    return [
        f"您好，我的{_names(s.products)}逾期了 {days} 天。",
        f"我先还 {yuan(s.ask.amounts[0])}，{later}",
        f"想问一下，已经产生的{word}能不能申请减免？",
    ]


def _after_paying(s: LenderScript, label: str) -> tuple[str, ...]:
    """PAY_NOW / PART_NOW: no negotiation needed; an optional short call."""
    word = _PENALTY_WORD[s.lender.kind]
    if s.ask.kind is Recommendation.PAY_NOW:
        title = f"<b>📞 {label}：还清以后，想问{word}时</b>"
        tail = "同不同意由对方决定；不同意也没关系，你已经还清了。"
    else:
        title = f"<b>📞 {label}：想先说一声时</b>"
        tail = "不打也可以：按时把钱还上最要紧。"
    dial = _header(s, label)[1]
    lines = [
        title,
        dial,
        *_say(*_short_call(s), "麻烦问一下您的工号？处理结果能发短信给我吗？", "好的，谢谢您。"),
        tail,
        "",
        REMEMBER.format(channel=CHANNELS[s.lender.kind]),
    ]
    return ("\n".join(lines),)


def render_call_script(
    s: LenderScript, label: str, materials: Sequence[Material]
) -> tuple[str, ...]:
    """One lender's script as a few short messages, in the order of the call."""
    if s.ask.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW):
        return _after_paying(s, label)
    card_rule = (CARD_RULE,) if s.is_card else ()
    return (
        _opening(s, label, materials),
        _the_ask(s),
        *card_rule,
        _fallbacks(s),
        _pushback(s),
        _closing(s),
    )


def _chat_ask(s: LenderScript) -> str:
    ask = s.ask
    if ask.kind is Recommendation.PAUSE:
        return f"我想申请先暂缓 {ask.pause_months} 个月，到时我会主动联系你们商量怎么还。"
    if ask.kind is Recommendation.LONG_INSTALLMENTS:
        sayable = ask.periods and ask.periods <= _SAYABLE_PERIODS
        periods = f"，大约要 {ask.periods} 期" if sayable else ""
        return f"我每月最多能还 {yuan(ask.monthly_fen or 0)}，想申请按这个金额长期分期{periods}。"
    last = f"，最后一期 {yuan(ask.last_fen)}" if ask.last_fen is not None else ""
    first = ask.first_due
    assert first is not None
    return (
        f"我想申请分 {ask.periods} 期还清，每月还 {yuan(ask.monthly_fen or 0)}{last}，"
        f"第一期在 {month_day(first)}。"
    )


def render_chat_text(s: LenderScript) -> str:
    """The same request as one message to paste into the lender's online chat."""
    if s.ask.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW):
        return "".join(_short_call(s)) + "谢谢。"
    r = s.reason
    reason = _REASON_LINES[r.reason].format(ill="生病")
    word = _PENALTY_WORD[s.lender.kind]
    parts = [
        f"您好，我的{_names(s.products)}逾期了 {_days(s.debts)} 天，想协商还款。",
        reason,
        "我不是不还，是想定一个能按时还上的方案。",
        f"麻烦先帮我核对一下：我现在一共要还多少？{_BREAKDOWN[s.lender.kind]}",
        _chat_ask(s),
        f"已经产生的{word}，能不能帮我申请减免？",
    ]
    if s.is_card:
        parts.insert(
            5, "想申请按《商业银行信用卡业务监督管理办法》第七十条的个性化分期，并签书面协议。"
        )
    parts.append("谢谢。")
    return "".join(parts)


def chat_intro(s: LenderScript, label: str) -> str:
    """The line above the paste-able text: where to send it."""
    return (
        f"<b>💬 {label}：不想打电话，可以打字</b>\n"
        f"打开{CHAT_ENTRY[s.lender.kind]}，把下一条消息复制过去发送。"
        "对方回复后，照通话稿里“对方可能这样说”回答。"
    )


def render_checklist(materials: Sequence[Material]) -> str:
    """What to have ready."""
    lines = ["<b>材料清单</b>", "提前备好，对方要时再给："]
    lines += [f"· {MATERIAL_NAMES[m]}" for m in materials]
    lines.append("材料只通过官方渠道提交，不要发给自称能帮你协商的人。伪造证明材料可能违法。")
    return "\n".join(lines)
