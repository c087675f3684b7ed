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


class RateBasis(StrEnum):
    """What the daily rate a user typed is. Values are stored in the database: never rename.

    The penalty rate is what a bill charges on the overdue amount. 借呗's 借款详情 shows the
    *loan* rate instead; its penalty is commonly 1.5 times that (domain.md, confidence M).
    """

    PENALTY = "penalty"
    LOAN = "loan"


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

    ``amount_fen`` is what is overdue. ``total_due_fen`` is the app's 全部待还 (including
    what is not yet due) when the user gave it. ``daily_rate_ppm`` is the rate the user
    typed (``rate_basis`` says which rate it is), or ``None`` when they skipped it: the plan
    then uses the commonly cited rule and labels it an estimate.
    """

    product: Product
    amount_fen: int
    overdue_since: date
    daily_rate_ppm: int | None = None
    rate_basis: RateBasis = RateBasis.PENALTY
    total_due_fen: int | None = None

    @property
    def base_fen(self) -> int:
        """What a plan for this debt repays: the whole balance when known, else the overdue part."""
        if self.total_due_fen is None:
            return self.amount_fen
        return max(self.total_due_fen, self.amount_fen)

    @property
    def whole_known(self) -> bool:
        return self.total_due_fen is not None


@dataclass(frozen=True, slots=True)
class Hardship:
    """The reason, and whether it is temporary (``months`` roughly how long) or lasting."""

    reason: HardshipReason
    note: str | None = None
    temporary: bool = False
    months: int | None = None


@dataclass(frozen=True, slots=True)
class Budget:
    """Monthly figures in fen; ``payday`` is the day of month income arrives (None: irregular).

    A payday of 31 means the last day of the month.
    """

    income_fen: int
    essentials_fen: int
    other_debts_fen: int
    payday: int | None = None

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
        """What is overdue, over every debt."""
        return sum(d.amount_fen for d in self.debts)

    @property
    def base_fen(self) -> int:
        """What a plan repays, over every debt (see :attr:`Debt.base_fen`)."""
        return sum(d.base_fen for d in self.debts)
