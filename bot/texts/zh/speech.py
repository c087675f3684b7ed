"""Sentences the person says to a lender, shared by the call script and the typed version.

Short, true for this person, no parentheses (they are read aloud), 您 not 你, 申请 not 请求.
The bot's own estimates are never part of them. ``bot.views.speech`` chooses and fills them.
"""

from __future__ import annotations

from bot.domain.lenders import LenderKind
from bot.domain.models import HardshipReason

# a line the person says aloud, as the script shows it
SAID = "“{sentence}”"

# what is owed: "我的花呗", "我的花呗和借呗", or an unnamed lender's loan
DEBT_NAMED = "我的{names}"
DEBT_UNNAMED = "我在你们这里的借款"
NAMES_SEP = "、"
NAMES_LAST_SEP = "和"

# how long overdue: one debt, several as long, several of different lengths
OVERDUE_ONE = "逾期了 {time}"
OVERDUE_ALL_SAME = "都逾期了 {time}"
OVERDUE_LONGEST = "都逾期了，最久的 {time}"
# said aloud, a long time is months or years, not "730 天"
TIME_DAYS = "{n} 天"
TIME_MONTHS = "{n} 个月"
TIME_MONTHS_MORE = "{n} 个多月"
TIME_YEARS = "{n} 年"
TIME_YEARS_MORE = "{n} 年多"

OPENING = "您好，{debt}{overdue}，想协商还款。"

REASON_LINES: dict[HardshipReason, str] = {
    HardshipReason.UNEMPLOYED: "我最近失业了，现在没有稳定收入。",
    HardshipReason.INCOME_DROP: "我最近收入少了很多。",
    HardshipReason.ILLNESS: "我前段时间{ill}了，看病花了不少钱，收入也少了很多。",
    HardshipReason.FAMILY: "家里出了变故，收入和开销都受了很大影响。",
    HardshipReason.BUSINESS: "我做生意遇到困难，收入少了很多。",
    HardshipReason.OTHER: "我最近遇到了困难，收入和开销都受了影响。",
}
ILL_FAMILY_LINE = "家里人生病住院，看病花了不少钱，收入也少了很多。"
# the illness line says 受伤 when the person's note mentions an injury, and speaks of the
# family when the note names someone else
ILL = "生病"
INJURED = "受伤"
INJURY_WORDS = ("受伤", "骨折", "摔", "车祸", "工伤")
FAMILY_WORDS = ("孩子", "儿子", "女儿", "父母", "爸", "妈", "老人", "家人", "爱人", "老婆", "老公")

# how long the hardship lasts
BETTER_IN_MONTHS = "我预计 {months} 个月左右能好转。"
TEMPORARY = "这是暂时的，我在想办法恢复。"
NOT_SOON = "短期内收入恢复不了。"

# when the payments fall
FIRST_DUE_THEN = "第一期在 {first}，以后{rule}。"
AFTER_PAYDAY = "我{payday}左右{arrives}，还款日想定在那之后。"

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
# the waiver asked for at the end of a call or chat
WAIVER = "已经产生的{penalty}，能不能帮我申请减免？"

# The short call for PAY_NOW / PART_NOW, true whether said before or after paying.
PAID_IN_FULL = "您好，{debt}之前逾期了，现在已经全部还上了。"
ASK_WAIVER = "想问一下，已经产生的{penalty}能不能申请减免？"
SHORT_OPENING = "您好，{debt}{overdue}。"
PAY_ALL_BY = "我会在 {date}前把 {amount}全部还上。"
PAY_FIRST_THEN = "我先还 {amount}，{later}"
# the rest of a part payment: one round last payment, one with fen, or two payments
REST_ROUND = "剩下的 {amount}，{dates}前还清。"
REST_ONE = "剩下的 {dates}前还清。"
REST_TWO = "剩下的分两次，{dates}前还清。"
DATES_SEP = "和"
