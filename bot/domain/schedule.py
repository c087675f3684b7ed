"""Equal monthly installments that add up to each debt exactly, to the fen.

Every debt gets the same number of periods, so each creditor receives about
``amount / n`` a month: the surplus is shared in proportion to what each is owed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.models import FEN_PER_YUAN, Product


@dataclass(frozen=True, slots=True)
class DebtSchedule:
    """One debt's installments, period by period."""

    product: Product
    amount_fen: int
    installments: tuple[int, ...]

    @property
    def regular_fen(self) -> int:
        """The usual installment (the first; only the last may differ)."""
        return self.installments[0]

    @property
    def last_fen(self) -> int:
        return self.installments[-1]


@dataclass(frozen=True, slots=True)
class Schedule:
    """Due dates, each debt's installments, and what is due in each period in total."""

    due_dates: tuple[date, ...]
    debts: tuple[DebtSchedule, ...]
    period_totals: tuple[int, ...]
    whole_yuan: bool

    @property
    def periods(self) -> int:
        return len(self.due_dates)

    @property
    def first_due(self) -> date:
        return self.due_dates[0]

    @property
    def last_due(self) -> date:
        return self.due_dates[-1]

    @property
    def max_period_fen(self) -> int:
        return max(self.period_totals)

    @property
    def regular_total_fen(self) -> int:
        """What a usual month costs in total (the first period)."""
        return self.period_totals[0]

    @property
    def last_total_fen(self) -> int:
        return self.period_totals[-1]


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def periods_needed(amounts: tuple[int, ...], offer_fen: int, max_periods: int) -> int | None:
    """Smallest n ≤ ``max_periods`` whose largest period fits in ``offer_fen``, else None.

    With a to-the-fen split the largest period is the sum of ceil(amount / n), which only
    falls as n grows, so the first n that fits is the answer.
    """
    if offer_fen <= 0:
        return None
    start = max(1, _ceil_div(sum(amounts), offer_fen))
    for n in range(start, max_periods + 1):
        if sum(_ceil_div(a, n) for a in amounts) <= offer_fen:
            return n
    return None


def split_whole_yuan(amount_fen: int, n: int) -> tuple[int, ...] | None:
    """n-1 equal whole-yuan installments rounded up, the last one taking what is left.

    Rounding up keeps the last installment the smallest, which is easier to keep to.
    None when the last would be zero or less.
    """
    per = _ceil_div(amount_fen, n * FEN_PER_YUAN) * FEN_PER_YUAN
    last = amount_fen - (n - 1) * per
    if last <= 0:
        return None
    return (per,) * (n - 1) + (last,)


def split_to_fen(amount_fen: int, n: int) -> tuple[int, ...]:
    """n installments differing by at most one fen; the first ones carry the extra fen."""
    q, r = divmod(amount_fen, n)
    return (q + 1,) * r + (q,) * (n - r)


def build_schedule(
    products: tuple[Product, ...],
    amounts: tuple[int, ...],
    n: int,
    offer_fen: int,
    due_dates: tuple[date, ...],
) -> Schedule:
    """Whole-yuan installments when they fit in ``offer_fen`` every period, else to the fen."""
    whole = tuple(split_whole_yuan(a, n) for a in amounts)
    if all(w is not None for w in whole):
        splits = tuple(w for w in whole if w is not None)
        totals = _period_totals(splits)
        if max(totals) <= offer_fen:
            return _schedule(products, amounts, splits, due_dates, whole_yuan=True)
    splits = tuple(split_to_fen(a, n) for a in amounts)
    return _schedule(products, amounts, splits, due_dates, whole_yuan=False)


def _period_totals(splits: tuple[tuple[int, ...], ...]) -> tuple[int, ...]:
    return tuple(sum(period) for period in zip(*splits, strict=True))


def _schedule(
    products: tuple[Product, ...],
    amounts: tuple[int, ...],
    splits: tuple[tuple[int, ...], ...],
    due_dates: tuple[date, ...],
    *,
    whole_yuan: bool,
) -> Schedule:
    debts = tuple(
        DebtSchedule(product=p, amount_fen=a, installments=s)
        for p, a, s in zip(products, amounts, splits, strict=True)
    )
    return Schedule(
        due_dates=due_dates,
        debts=debts,
        period_totals=_period_totals(splits),
        whole_yuan=whole_yuan,
    )
