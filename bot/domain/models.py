"""The facts a user gives us, as plain values.

Money is always integer fen (1 元 = 100 fen). A daily penalty rate is an integer in
parts per million per day (万分之五 = 0.05 % = 500 ppm), so penalty arithmetic stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

FEN_PER_YUAN = 100
PPM = 1_000_000


class Product(StrEnum):
    """Which credit line is overdue. Values are stored in the database: never rename."""

    HUABEI = "huabei"
    JIEBEI = "jiebei"
    BEIYONGJIN = "beiyongjin"
    WANGSHANGDAI = "wangshangdai"
    CREDIT_CARD = "credit_card"
    OTHER = "other"


class HardshipReason(StrEnum):
    """Why the person fell behind. Values are stored in the database: never rename."""

    UNEMPLOYED = "unemployed"
    INCOME_DROP = "income_drop"
    ILLNESS = "illness"
    FAMILY = "family"
    BUSINESS = "business"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Debt:
    """One overdue credit line.

    ``daily_rate_ppm`` is the penalty rate the app shows, or ``None`` when the user
    skipped it (the plan then uses the commonly cited rule and labels it an estimate).
    """

    product: Product
    amount_fen: int
    overdue_since: date
    daily_rate_ppm: int | None = None


@dataclass(frozen=True, slots=True)
class Hardship:
    """The reason, and whether it is temporary (``months`` roughly how long) or lasting."""

    reason: HardshipReason
    note: str | None = None
    temporary: bool = False
    months: int | None = None


@dataclass(frozen=True, slots=True)
class Budget:
    """Monthly figures in fen."""

    income_fen: int
    essentials_fen: int
    other_debts_fen: int

    @property
    def surplus_fen(self) -> int:
        return self.income_fen - self.essentials_fen - self.other_debts_fen


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """Everything the intake collected, complete and validated."""

    debts: tuple[Debt, ...]
    hardship: Hardship
    budget: Budget

    @property
    def total_fen(self) -> int:
        return sum(d.amount_fen for d in self.debts)
