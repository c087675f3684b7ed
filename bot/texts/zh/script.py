"""One lender's call script, as a few short messages in the order of the call (Telegram HTML).

The person speaks for themselves. Lines in “…” are what they say (see speech.py);
everything else is a note for them only. Nothing here promises an outcome, and unverified
details (menu digits, entry names) say 常见/以实际为准.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.domain.affordability import percent_of
from bot.domain.checklist import Material
from bot.domain.lenders import LenderKind
from bot.domain.models import Product
from bot.domain.plan import Recommendation
from bot.domain.script import CARD_MAX_PERIODS, LenderScript
from bot.texts.zh.lenders import CHANNELS, DIAL, LENDER_NAMES
from bot.texts.zh.names import PRODUCT_NAMES
from bot.texts.zh.speech import (
    BREAKDOWN,
    CHECK_TOTAL,
    NOT_REFUSING,
    OTHER_DEBTS_TOO,
    PENALTY_WORD,
    opening,
    reason_sentences,
    say,
    short_call,
    when_sentences,
)
from bot.views.checklist import at_hand
from bot.views.fmt import about_yuan, income_arrives, month_day, yuan

# An ask longer than this many months is not stated as a number of periods.
SAYABLE_PERIODS = 120
_TAG = re.compile(r"<[^>]+>")
# About what one phone screen shows; a message is kept under it where it can be.
PHONE_SCREEN_CHARS = 280
# A penalty this small is not worth a call of its own.
SMALL_PENALTY_FEN = 1_000

CARD_RULE_NOTE = (
    "<i>《商业银行信用卡业务监督管理办法》第70条：持卡人确有困难、愿意还款的，银行可以和持卡人"
    "协商个性化分期，最长 5 年，签书面协议。这是银行信用卡的规定，可作参考，不适用于花呗、借呗；"
    "银行可以同意，不是必须同意。谈成以后，一般要承诺还清前不再申请新的信用卡。</i>"
)
CARD_RULE = "\n".join(
    [
        "<b>接着说：申请个性化分期</b>",
        *say(
            "我知道银行信用卡有个性化分期的规定，",
            "是《商业银行信用卡业务监督管理办法》第七十条。",
            "想请您帮我申请，并签一份书面协议。",
        ),
        CARD_RULE_NOTE,
    ]
)
CARD_RULE_LATER = "\n".join(
    [
        "<b>以后可以申请：个性化分期</b>",
        *say("等我收入稳定了，想申请个性化分期，并签书面协议。"),
        CARD_RULE_NOTE,
    ]
)
LONG_OVERDUE_NOTE = (
    "<b>说到催收、起诉</b>\n"
    "逾期比较久，可能已转给催收或已被起诉。别慌，记下对方是谁、说了什么。"
    "收到自称法院的短信，打 12368 核实；收到传票或起诉状，别不理，尽快打 12348 咨询。"
)
REMEMBER = (
    "<b>记住</b>：语气平静，如实说；只答应自己真能做到的金额；只通过{channel}还款，"
    "不转给任何个人账户；密码、验证码不告诉任何人。"
)


def _header(s: LenderScript, label: str) -> list[str]:
    kind = s.lender.kind
    # the voice menu leads to 花呗/借呗; 备用金 is reached through them
    menu = [PRODUCT_NAMES[p] for p in s.products if p in (Product.HUABEI, Product.JIEBEI)]
    dial = DIAL[kind].format(services="/".join(menu) or "花呗")
    if kind is LenderKind.ANT:
        title = f"<b>📞 {label}：打给 95188</b>"
    else:
        title = f"<b>📞 {label}：联系{LENDER_NAMES[kind]}</b>"
    return [title, dial]


def _opening(s: LenderScript, label: str, materials: Sequence[Material]) -> tuple[str, ...]:
    lines = [
        *_header(s, label),
        f"手边放好：{at_hand(materials)}、纸笔和账单页。",
        "",
        "<b>1. 开场</b>",
        *say(opening(s)),
        "<b>2. 先核对欠款</b>",
        *say(CHECK_TOTAL, BREAKDOWN[s.lender.kind]),
        "记下对方说的数。",
        "<b>3. 说明原因</b>",
        *say(*reason_sentences(s.reason, s.ask.kind), NOT_REFUSING),
    ]
    text = "\n".join(lines)
    note = (s.reason.note or "").strip()
    if not note:
        return (text,)
    added = f"可以补充你自己的话：<i>{html.escape(note)}</i>"
    shown = len(_TAG.sub("", text)) + len(note)
    if shown > PHONE_SCREEN_CHARS:  # a long note gets a message of its own
        return (text, added)
    return (f"{text}\n{added}",)


def _installment_ask(s: LenderScript) -> list[str]:
    ask = s.ask
    assert ask.monthly_fen is not None and ask.periods is not None
    said = [OTHER_DEBTS_TOO] if s.other_lenders else []
    said.append(f"我想申请分 {ask.periods} 期还清，每月还 {yuan(ask.monthly_fen)}。")
    if ask.last_fen is not None:
        said.append(f"最后一期是 {yuan(ask.last_fen)}。")
    said += when_sentences(s)
    return say(*said)


def _long_ask(s: LenderScript) -> list[str]:
    ask = s.ask
    assert ask.monthly_fen is not None
    said = [OTHER_DEBTS_TOO] if s.other_lenders else []
    five_years = s.fallbacks.five_years_monthly_fen
    if five_years is not None:
        # a bank's 个性化分期 lasts at most 5 years: ask within it, and say what is possible
        said += [
            f"按最长 5 年、分 {CARD_MAX_PERIODS} 期算，每月要 {yuan(five_years)}。",
            f"我每月最多能还 {yuan(ask.monthly_fen)}，能不能先按这个数还？",
        ]
    else:
        said.append(f"我每月最多能还 {yuan(ask.monthly_fen)}。")
        if ask.periods and ask.periods <= SAYABLE_PERIODS:
            said.append(f"想申请按这个金额长期分期，大约要 {ask.periods} 期。")
        else:
            said.append("想申请按这个金额长期分期。")
    said.append(f"{PENALTY_WORD[s.lender.kind]}能不能申请停止或减少？")
    lines = say(*said)
    if five_years is not None and ask.periods:
        lines.append(f"按你能拿出的钱要 {ask.periods} 期，超过 5 年，银行可能不同意。")
    return lines


def _why_nothing(s: LenderScript) -> list[str]:
    """Why nothing can be paid now, true to this person's numbers."""
    money = s.money
    if s.reason.no_income:
        return ["我现在没有收入。"]
    if money.other_debts_over_ratio and money.surplus_fen > 0:
        pct = percent_of(money.other_debts_fen, money.income_fen)
        return [
            f"我每月还要还别的贷款 {yuan(money.other_debts_fen)}。",
            f"已经占了收入的 {pct}%，再加一笔就还不上了。",
        ]
    if money.surplus_fen > 0:
        return ["我每月只剩几十块钱，现在排不了分期。"]
    if money.surplus_fen == 0:
        return ["我现在的收入只够基本开销，每月没有余钱。"]
    if money.income_fen >= money.essentials_fen:
        return [f"我的收入付完基本开销和别的贷款，每月还差 {yuan(-money.surplus_fen)}。"]
    return ["我现在每月的收入连基本开销都不够。"]


def _pause_ask(s: LenderScript) -> list[str]:
    months = s.ask.pause_months
    heavy = s.money.other_debts_over_ratio and s.money.surplus_fen > 0
    if heavy:
        ask = f"想申请先暂缓 {months} 个月，这期间我去调低别的月供。"
    elif s.ask.token_fen:
        ask = f"想申请先暂缓 {months} 个月，这期间每月先还 {yuan(s.ask.token_fen)}。"
    else:
        ask = f"想申请先暂缓 {months} 个月。"
    return say(
        *_why_nothing(s),
        ask,
        f"{months} 个月后，我会主动联系你们，商量怎么还。",
        f"暂缓期间的{PENALTY_WORD[s.lender.kind]}，能不能申请停一停？",
    )


def _waiver(s: LenderScript) -> list[str]:
    lines = say(f"已经产生的{PENALTY_WORD[s.lender.kind]}，能不能帮我申请减免？")
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
        lines += say("这是我能做到的最多了，我不想答应做不到的数额。")
        lines.append(
            f"问清楚：分期有没有利息或手续费？每月加起来超过 {yuan(s.share_limit_fen)}，"
            "就如实说还不起。"
        )
    return "\n".join(lines)


def _fallbacks(s: LenderScript) -> str:
    f = s.fallbacks
    kind = s.ask.kind
    word = PENALTY_WORD[s.lender.kind]
    lines = ["<b>5. 对方可能这样说</b>"]
    if kind is Recommendation.PAUSE:
        months = s.ask.pause_months
        lines.append("<b>“只能分期”“先还一部分”</b>")
        lines += say(
            "我现在真的拿不出这笔钱，答应了也做不到。",
            f"{months} 个月后不管情况怎样，我都会主动联系你们。",
        )
        lines.append(f"<b>“{word}不能减免”</b>")
        lines += say(
            f"好的。那暂缓期间，{word}会怎么算？", f"以后开始还款时，{word}能不能算进分期？"
        )
        return "\n".join(lines)
    if f.twelve_monthly_fen is not None:
        lines.append("<b>“只能分 12 期”</b>")
        said = [
            f"12 期的话每月要 {yuan(f.twelve_monthly_fen)}，我每月最多能拿出 "
            f"{yuan(s.share_limit_fen)}。"
        ]
        if kind is Recommendation.INSTALLMENTS and s.ask.periods:
            said.append(f"能不能分 {s.ask.periods} 期？")
        said.append(f"不行的话，能不能先按每月 {yuan(s.share_limit_fen)}还？")
        lines += say(*said)
    lines.append("<b>“要先还一部分”</b>")
    when = f"{income_arrives(s.reason.reason)}后，" if s.ask.payday else ""
    lines += say(
        f"{when}我最多能先还 {yuan(f.part_now_fen)}。", "这是不借钱、不动生活费能拿出来的。"
    )
    lines.append(f"<b>“{word}不能减免”</b>")
    lines += say(f"好的。那{word}能不能一起算进分期？", f"分期以后，还会不会继续产生{word}？")
    if f.not_waived_total_fen is not None and s.penalty_fen > 0:
        total = about_yuan(f.not_waived_total_fen)
        if f.not_waived_periods and f.not_waived_monthly_fen:
            lines.append(
                f"一起算进去的话：约 {total}，每月 {yuan(f.not_waived_monthly_fen)}，"
                f"要 {f.not_waived_periods} 期。前提是分期以后不再加{word}。"
            )
        else:
            lines.append(f"一起算进去的话约 {total}，{s.max_periods} 期也还不完。")
    return "\n".join(lines)


def _pushback(s: LenderScript) -> str:
    """The answers that protect the person: no new loans, and what to do on a refusal."""
    lines = [
        "<b>“找人借一下”“换个平台借”</b>",
        *say("我不想借新的钱还旧的钱，那样只会越欠越多。"),
        "<b>不同意</b>",
        *say("那现在能办的方案有哪些？", "能不能约个时间，再回电给我？"),
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
    return "\n".join(
        [
            "<b>6. 挂电话前</b>",
            *say(
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
    )


def _after_paying(s: LenderScript, label: str) -> tuple[str, ...]:
    """PAY_NOW / PART_NOW: no negotiation needed; an optional short call."""
    word = PENALTY_WORD[s.lender.kind]
    before: list[str] = []
    if s.ask.kind is Recommendation.PAY_NOW:
        title = f"<b>📞 {label}：还清以后，想问{word}时</b>"
        after = ["同不同意由对方决定；不同意也没关系，你已经还清了。"]
        if s.penalty_fen < SMALL_PENALTY_FEN:
            before = [f"{word}只有几块钱，还清就行，不用专门打电话。想问的话，可以这样说："]
            after = []
    else:
        title = f"<b>📞 {label}：想先说一声时</b>"
        before = ["不打也可以：按时把钱还上最要紧。想说的话："]
        after = []
    lines = [
        title,
        _header(s, label)[1],
        *before,
        *say(*short_call(s), "麻烦问一下您的工号？处理结果能发短信给我吗？", "好的，谢谢您。"),
        *after,
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
    card_rule: tuple[str, ...] = ()
    if s.is_card:
        card_rule = (CARD_RULE_LATER if s.ask.kind is Recommendation.PAUSE else CARD_RULE,)
    return (
        *_opening(s, label, materials),
        _the_ask(s),
        *card_rule,
        _fallbacks(s),
        _pushback(s),
        _closing(s),
    )
