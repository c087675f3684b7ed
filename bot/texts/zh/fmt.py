"""Small Chinese formatting helpers shared by the plan and script texts."""

from __future__ import annotations

from datetime import date

from bot.domain.money import format_fen


def yuan(fen: int) -> str:
    """``2350000`` -> ``"23,500 元"``."""
    return f"{format_fen(fen)} 元"


def cn_date(d: date) -> str:
    """``date(2026, 12, 24)`` -> ``"2026年12月24日"``."""
    return f"{d.year}年{d.month}月{d.day}日"
