"""Sentences the person says to a lender, put together from ``bot.texts.zh.speech``.

Shared by the call script (``bot.views.script``) and its typed version (``bot.views.chat``).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.models import HardshipReason, Product
from bot.domain.plan import Recommendation
from bot.domain.script import DebtLine, LenderScript, ReasonSection
from bot.texts.zh import speech as t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.fmt import due_rule, income_arrives, month_day, payday_text, yuan

# An ask longer than this many months is not stated as a number of periods.
SAYABLE_PERIODS = 120


def say(*sentences: str) -> list[str]:
    """Each sentence as a line said aloud: ``“…”``."""
    return [t.SAID.format(sentence=s) for s in sentences]


def debt_words(s: LenderScript) -> str:
    """ "我的花呗", "我的花呗和借呗", or for an unnamed lender "我在你们这里的借款"."""
    named = [p for p in s.products if p is not Product.OTHER]
    if not named:
        return t.DEBT_UNNAMED
    names = [PRODUCT_NAMES[p] for p in named]
    if len(names) == 1:
        joined = names[0]
    else:
        joined = t.NAMES_SEP.join(names[:-1]) + t.NAMES_LAST_SEP + names[-1]
    return t.DEBT_NAMED.format(names=joined)


# Up to this many days a time overdue is said in days; beyond it, in months or years.
SAID_IN_DAYS = 90
DAYS_A_MONTH = 30
DAYS_A_YEAR = 365


def spoken_time(days: int) -> str:
    """ "45 天", "4 个多月", "2 年", "1 年多": how a person says how long it has been."""
    if days <= SAID_IN_DAYS:
        return t.TIME_DAYS.format(n=days)
    months, rest = divmod(days, DAYS_A_MONTH)
    if months < 12:
        return (t.TIME_MONTHS_MORE if rest else t.TIME_MONTHS).format(n=months)
    # 360 to 364 days are "1 年"; a month over a whole year is "1 年多", a few days are not
    years, rest = divmod(max(days, DAYS_A_YEAR), DAYS_A_YEAR)
    return (t.TIME_YEARS_MORE if rest >= DAYS_A_MONTH else t.TIME_YEARS).format(n=years)


def overdue_words(debts: Sequence[DebtLine]) -> str:
    """ "逾期了 45 天"; several debts: "都逾期了 35 天" or "都逾期了，最久的 4 个多月"."""
    days = [d.days_overdue for d in debts]
    if len(days) == 1:
        return t.OVERDUE_ONE.format(time=spoken_time(days[0]))
    if len(set(days)) == 1:
        return t.OVERDUE_ALL_SAME.format(time=spoken_time(days[0]))
    return t.OVERDUE_LONGEST.format(time=spoken_time(max(days)))


def opening(s: LenderScript) -> str:
    return t.OPENING.format(debt=debt_words(s), overdue=overdue_words(s.debts))


def reason_sentences(r: ReasonSection, kind: Recommendation) -> list[str]:
    """Why they fell behind, and for how long, in the person's own terms."""
    note = r.note or ""
    if r.reason is HardshipReason.ILLNESS and any(w in note for w in t.FAMILY_WORDS):
        first = t.ILL_FAMILY_LINE
    else:
        ill = t.INJURED if any(w in note for w in t.INJURY_WORDS) else t.ILL
        first = t.REASON_LINES[r.reason].format(ill=ill)
    said = [first]
    if r.temporary and r.months:
        said.append(t.BETTER_IN_MONTHS.format(months=r.months))
    elif r.temporary:
        said.append(t.TEMPORARY)
    elif kind is not Recommendation.PAUSE:
        said.append(t.NOT_SOON)
    return said


def when_sentences(s: LenderScript) -> list[str]:
    """The first due date and the monthly day, after the day money arrives."""
    ask = s.ask
    first = ask.first_due
    assert first is not None
    rule = due_rule(ask.due_dates, ask.payday, spoken=True)
    said = [t.FIRST_DUE_THEN.format(first=month_day(first), rule=rule)]
    if ask.payday:
        arrives = income_arrives(s.reason.reason)
        said.insert(0, t.AFTER_PAYDAY.format(payday=payday_text(ask.payday), arrives=arrives))
    return said


def short_call(s: LenderScript) -> list[str]:
    """PAY_NOW / PART_NOW: what to say, true whether said before or after paying."""
    waiver = t.ASK_WAIVER.format(penalty=t.PENALTY_WORD[s.lender.kind])
    if s.ask.kind is Recommendation.PAY_NOW:
        return [t.PAID_IN_FULL.format(debt=debt_words(s)), waiver]
    short_opening = t.SHORT_OPENING.format(debt=debt_words(s), overdue=overdue_words(s.debts))
    rest = list(zip(s.ask.due_dates[1:], s.ask.amounts[1:], strict=True))
    if not rest:  # this lender is paid in one go, with the first payment
        first = s.ask.first_due
        assert first is not None
        pay_all = t.PAY_ALL_BY.format(date=month_day(first), amount=yuan(s.ask.amounts[0]))
        return [short_opening, pay_all, waiver]
    dates = t.DATES_SEP.join(month_day(d) for d, _ in rest)
    # the last payment carries the fen: not a figure to read out
    if len(rest) == 1 and rest[0][1] % 100 == 0:
        later = t.REST_ROUND.format(amount=yuan(rest[0][1]), dates=dates)
    elif len(rest) == 1:
        later = t.REST_ONE.format(dates=dates)
    else:
        later = t.REST_TWO.format(dates=dates)
    pay_first = t.PAY_FIRST_THEN.format(amount=yuan(s.ask.amounts[0]), later=later)
    return [short_opening, pay_first, waiver]
