"""Sentences the person says to a lender, shared by the call script and the typed version.

Short, true for this person, no parentheses (they are read aloud), 您 not 你, 申请 not 请求.
The bot's own estimates are never part of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.lenders import LenderKind
from bot.domain.models import HardshipReason, Product
from bot.domain.plan import Recommendation
from bot.domain.script import DebtLine, LenderScript, ReasonSection
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.fmt import due_rule, income_arrives, month_day, payday_text, yuan

REASON_LINES: dict[HardshipReason, str] = {
    HardshipReason.UNEMPLOYED: "我最近失业了，现在没有稳定收入。",
    HardshipReason.INCOME_DROP: "我最近收入少了很多。",
    HardshipReason.ILLNESS: "我前段时间{ill}了，看病花了不少钱，收入也少了很多。",
    HardshipReason.FAMILY: "家里出了变故，收入和开销都受了很大影响。",
    HardshipReason.BUSINESS: "我做生意遇到困难，收入少了很多。",
    HardshipReason.OTHER: "我最近遇到了困难，收入和开销都受了影响。",
}
ILL_FAMILY_LINE = "家里人生病住院，看病花了不少钱，收入也少了很多。"
_INJURY_WORDS = ("受伤", "骨折", "摔", "车祸", "工伤")
_FAMILY_WORDS = ("孩子", "儿子", "女儿", "父母", "爸", "妈", "老人", "家人", "爱人", "老婆", "老公")

# What the penalty is called on each lender's bill.
PENALTY_WORD: dict[LenderKind, str] = {
    LenderKind.ANT: "罚息",
    LenderKind.MYBANK: "罚息",
    LenderKind.CARD_BANK: "违约金和罚息",
    LenderKind.OTHER: "罚息",
}
BREAKDOWN: dict[LenderKind, str] = {
    LenderKind.ANT: "本金、利息、罚息各是多少？罚息每天算多少？",
    LenderKind.MYBANK: "本金、利息、罚息各是多少？罚息每天算多少？",
    LenderKind.CARD_BANK: "本金、利息、违约金各是多少？利息怎么算？",
    LenderKind.OTHER: "本金、利息、罚息各是多少？罚息每天算多少？",
}
CHECK_TOTAL = "麻烦先帮我核对一下，我现在一共要还多少？"
NOT_REFUSING = "我不是不还，是想定一个能按时还上的方案。"
OTHER_DEBTS_TOO = "我另外还有别的欠款要还，只能按我算好的金额来。"


def say(*sentences: str) -> list[str]:
    return [f"“{s}”" for s in sentences]


def debt_words(s: LenderScript) -> str:
    """ "我的花呗", "我的花呗和借呗", or for an unnamed lender "我在你们这里的借款"."""
    named = [p for p in s.products if p is not Product.OTHER]
    if not named:
        return "我在你们这里的借款"
    names = [PRODUCT_NAMES[p] for p in named]
    joined = names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1]
    return f"我的{joined}"


def overdue_words(debts: Sequence[DebtLine]) -> str:
    """ "逾期了 45 天"; several debts: "都逾期了 35 天" or "都逾期了，最久的 72 天"."""
    days = [d.days_overdue for d in debts]
    if len(days) == 1:
        return f"逾期了 {days[0]} 天"
    if len(set(days)) == 1:
        return f"都逾期了 {days[0]} 天"
    return f"都逾期了，最久的 {max(days)} 天"


def opening(s: LenderScript) -> str:
    return f"您好，{debt_words(s)}{overdue_words(s.debts)}，想协商还款。"


def reason_sentences(r: ReasonSection, kind: Recommendation) -> list[str]:
    """Why they fell behind, and for how long, in the person's own terms."""
    note = r.note or ""
    if r.reason is HardshipReason.ILLNESS and any(w in note for w in _FAMILY_WORDS):
        first = ILL_FAMILY_LINE
    else:
        ill = "受伤" if any(w in note for w in _INJURY_WORDS) else "生病"
        first = REASON_LINES[r.reason].format(ill=ill)
    said = [first]
    if r.temporary and r.months:
        said.append(f"我预计 {r.months} 个月左右能好转。")
    elif r.temporary:
        said.append("这是暂时的，我在想办法恢复。")
    elif kind is not Recommendation.PAUSE:
        said.append("短期内收入恢复不了。")
    return said


def when_sentences(s: LenderScript) -> list[str]:
    """The first due date and the monthly day, after the day money arrives."""
    ask = s.ask
    first = ask.first_due
    assert first is not None
    rule = due_rule(ask.due_dates, ask.payday, spoken=True)
    said = [f"第一期在 {month_day(first)}，以后{rule}。"]
    if ask.payday:
        arrives = income_arrives(s.reason.reason)
        said.insert(0, f"我{payday_text(ask.payday)}左右{arrives}，还款日想定在那之后。")
    return said


def short_call(s: LenderScript) -> list[str]:
    """PAY_NOW / PART_NOW: what to say, true whether said before or after paying."""
    word = PENALTY_WORD[s.lender.kind]
    if s.ask.kind is Recommendation.PAY_NOW:
        return [
            f"您好，{debt_words(s)}之前逾期了，现在已经全部还上了。",
            f"想问一下，已经产生的{word}能不能申请减免？",
        ]
    rest = list(zip(s.ask.due_dates[1:], s.ask.amounts[1:], strict=True))
    if not rest:  # this lender is paid in one go, with the first payment
        first = s.ask.first_due
        assert first is not None
        return [
            f"您好，{debt_words(s)}{overdue_words(s.debts)}。",
            f"我会在 {month_day(first)}前把 {yuan(s.ask.amounts[0])}全部还上。",
            f"想问一下，已经产生的{word}能不能申请减免？",
        ]
    dates = "和".join(month_day(d) for d, _ in rest)
    # the last payment carries the fen: not a figure to read out
    if len(rest) == 1 and rest[0][1] % 100 == 0:
        later = f"剩下的 {yuan(rest[0][1])}，{dates}前还清。"
    elif len(rest) == 1:
        later = f"剩下的 {dates}前还清。"
    else:
        later = f"剩下的分两次，{dates}前还清。"
    return [
        f"您好，{debt_words(s)}{overdue_words(s.debts)}。",
        f"我先还 {yuan(s.ask.amounts[0])}，{later}",
        f"想问一下，已经产生的{word}能不能申请减免？",
    ]
