"""Small Chinese formatting helpers shared by the plan and script texts."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.models import HardshipReason
from bot.domain.money import format_fen


def yuan(fen: int) -> str:
    """``2350000`` -> ``"23,500 元"``."""
    return f"{format_fen(fen)} 元"


def cn_date(d: date) -> str:
    """``date(2026, 12, 24)`` -> ``"2026年12月24日"``."""
    return f"{d.year}年{d.month}月{d.day}日"


def month_day(d: date) -> str:
    """``date(2026, 12, 24)`` -> ``"12月24日"``: for dates within the coming months."""
    return f"{d.month}月{d.day}日"


def months_text(months: int) -> str:
    """``20`` -> ``"20 个月"``; ``62`` -> ``"62 个月，也就是 5 年多"``."""
    if months < 24:
        return f"{months} 个月"
    years, rest = divmod(months, 12)
    more = "多" if rest else ""
    return f"{months:,} 个月，也就是 {years} 年{more}"


def about_yuan(fen: int) -> str:
    """An estimate, rounded half up to whole yuan: ``52875`` -> ``"529 元"``."""
    return yuan((fen + 50) // 100 * 100)


def due_rule(due_dates: tuple[date, ...], payday: int | None, *, spoken: bool = False) -> str:
    """How later payments fall: ``"每月 17 日"``, or after payday when the day moves."""
    days = {d.day for d in due_dates}
    unit = "号" if spoken else "日"
    if len(days) == 1:
        return f"每月 {due_dates[0].day} {unit}"
    if payday:
        return "每月发工资后两天"
    if all((d + timedelta(days=1)).day == 1 for d in due_dates):
        return "每月最后一天"
    return f"每月 {max(days)} {unit}，没有这一天的月份在月底"


def payday_text(payday: int) -> str:
    """``15`` -> ``"每月 15 号"``; 31 (the last day) -> ``"每月月底"``."""
    return "每月月底" if payday >= 31 else f"每月 {payday} 号"


def income_arrives(reason: HardshipReason) -> str:
    """How the person's money comes in: "发工资", or "有钱到账" without a job or wages."""
    if reason in (HardshipReason.UNEMPLOYED, HardshipReason.BUSINESS):
        return "有钱到账"
    return "发工资"
