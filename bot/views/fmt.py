"""Numbers, dates and periods as the person reads them; the words come from the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from bot.domain.models import HardshipReason
from bot.domain.money import format_fen
from bot.texts.zh import units as u


def yuan(fen: int) -> str:
    """``2350000`` -> ``"23,500 元"``."""
    return u.YUAN.format(amount=format_fen(fen))


def cn_date(d: date) -> str:
    """``date(2026, 12, 24)`` -> ``"2026年12月24日"``."""
    return u.FULL_DATE.format(year=d.year, month=d.month, day=d.day)


def month_day(d: date) -> str:
    """``date(2026, 12, 24)`` -> ``"12月24日"``: for dates within the coming months."""
    return u.MONTH_DAY.format(month=d.month, day=d.day)


def months_text(months: int) -> str:
    """``20`` -> ``"20 个月"``; ``62`` -> ``"62 个月，也就是 5 年多"``."""
    if months < 24:
        return u.MONTHS.format(months=months)
    years, rest = divmod(months, 12)
    more = u.MONTHS_AND_YEARS_MORE if rest else ""
    return u.MONTHS_AND_YEARS.format(months=months, years=years, more=more)


def about_yuan(fen: int) -> str:
    """An estimate, rounded half up to whole yuan: ``52875`` -> ``"529 元"``."""
    return yuan((fen + 50) // 100 * 100)


def due_rule(due_dates: tuple[date, ...], payday: int | None, *, spoken: bool = False) -> str:
    """How later payments fall: ``"每月 17 日"``, or after payday when the day moves."""
    days = {d.day for d in due_dates}
    unit = u.DAY_UNIT_SPOKEN if spoken else u.DAY_UNIT
    if len(days) == 1:
        return u.DUE_MONTHLY.format(day=due_dates[0].day, unit=unit)
    if payday:
        return u.DUE_AFTER_PAYDAY
    if all((d + timedelta(days=1)).day == 1 for d in due_dates):
        return u.DUE_MONTH_END
    return u.DUE_MONTHLY_OR_END.format(day=max(days), unit=unit)


def payday_text(payday: int) -> str:
    """``15`` -> ``"每月 15 号"``; 31 (the last day) -> ``"每月月底"``."""
    return u.PAYDAY_MONTH_END if payday >= 31 else u.PAYDAY.format(day=payday)


def income_arrives(reason: HardshipReason) -> str:
    """How the person's money comes in: "发工资", or "有钱到账" without a job or wages."""
    return u.INCOME_ARRIVES.get(reason, u.INCOME_ARRIVES[None])


def year_month(d: date) -> str:
    """``date(2027, 3, 1)`` -> ``"2027年3月"``."""
    return u.YEAR_MONTH.format(year=d.year, month=d.month)


def listing(names: Iterable[str]) -> str:
    """``["花呗", "借呗"]`` -> ``"花呗、借呗"``."""
    return u.LIST_SEPARATOR.join(names)


def day_and_time(moment: datetime, today: date) -> str:
    """A local moment as "今天 19:00", "明天 09:00", or with its date further ahead."""
    if moment.date() == today:
        day = u.TODAY
    elif moment.date() == today + timedelta(days=1):
        day = u.TOMORROW
    else:
        day = cn_date(moment.date())
    return u.DAY_AND_TIME.format(day=day, time=f"{moment:%H:%M}")
