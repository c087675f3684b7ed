"""Monthly installments in whole yuan that add up to each debt exactly, to the fen.

Every debt gets the same number of periods, so each creditor receives about
``amount / n`` a month: the surplus is shared in proportion to what each is owed.
Amounts are whole yuan, because a person has to say and remember them; only the last
installment may carry the fen left over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.models import FEN_PER_YUAN, Product


@dataclass(frozen=True, slots=True)
class DebtSchedule:
    """One debt's installments, period by period (0 once a small debt is cleared)."""

    product: Product
    amount_fen: int
    installments: tuple[int, ...]

    @property
    def regular_fen(self) -> int:
        """The usual installment (the first)."""
        return self.installments[0]

    @property
    def last_fen(self) -> int:
        return self.installments[-1]

    @property
    def periods_paying(self) -> int:
        """How many periods have something due for this debt."""
        return sum(1 for x in self.installments if x > 0)


@dataclass(frozen=True, slots=True)
class Schedule:
    """Due dates, each debt's installments, and what is due in each period in total."""

    due_dates: tuple[date, ...]
    debts: tuple[DebtSchedule, ...]
    period_totals: tuple[int, ...]

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
    def total_fen(self) -> int:
        return sum(self.period_totals)

    @property
    def regular_total_fen(self) -> int:
        """What a usual month costs in total (the first period)."""
        return self.period_totals[0]

    @property
    def last_total_fen(self) -> int:
        return self.period_totals[-1]


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def split_whole_yuan(amount_fen: int, n: int) -> tuple[int, ...] | None:
    """``amount_fen`` in ``n`` installments of whole yuan (the last may carry the fen).

    First choice: n-1 equal amounts rounded up and a smaller last one ("每月 1,679 元，
    最后一期 1,673 元"), the easiest to say. When that leaves nothing for the last one
    (500 元 in 26), the yuan are spread instead: 500 = 20 x 6 + 19 x 20. None when ``n``
    is more than the whole yuan to share (some installment would be 0).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if n == 1:
        return (amount_fen,) if amount_fen > 0 else None
    per = _ceil_div(amount_fen, n * FEN_PER_YUAN) * FEN_PER_YUAN
    last = amount_fen - (n - 1) * per
    if last > 0:
        return (per,) * (n - 1) + (last,)
    yuan, fen = divmod(amount_fen, FEN_PER_YUAN)
    q, r = divmod(yuan, n)
    if q == 0:
        return None
    spread = [(q + 1) * FEN_PER_YUAN] * r + [q * FEN_PER_YUAN] * (n - r)
    spread[-1] += fen
    return tuple(spread)


Splits = tuple[tuple[int, ...], ...]
Groups = tuple[tuple[int, ...], ...]


def _splits(amounts: tuple[int, ...], n: int) -> Splits | None:
    splits = tuple(split_whole_yuan(a, n) for a in amounts)
    if any(s is None for s in splits):
        return None
    return tuple(s for s in splits if s is not None)


def period_totals(splits: Splits) -> tuple[int, ...]:
    return tuple(sum(period) for period in zip(*splits, strict=True))


def largest_period(amounts: tuple[int, ...], n: int) -> int | None:
    """What the dearest month costs when each of ``amounts`` is split over ``n`` periods."""
    splits = _splits(amounts, n)
    return None if splits is None else max(period_totals(splits))


def periods_needed(amounts: tuple[int, ...], limit_fen: int, max_periods: int) -> int | None:
    """Smallest n ≤ ``max_periods`` whose dearest month fits in ``limit_fen``, else None."""
    if limit_fen <= 0 or not amounts:
        return None
    start = max(1, _ceil_div(sum(amounts), limit_fen))
    for n in range(start, max_periods + 1):
        largest = largest_period(amounts, n)
        if largest is not None and largest <= limit_fen:
            return n
    return None


def front_loaded(amounts: tuple[int, ...], limit_fen: int, n: int) -> Splits | None:
    """As much as the limit allows each time and the rest at the end, pro rata.

    For a debt cleared within a few paydays, paying more sooner means less penalty. None
    when some payment would be nothing, or the last would be larger than the others.
    """
    total = sum(amounts)
    if n < 2 or total <= 0:
        return None
    per = [limit_fen * a // total for a in amounts]
    per = [p - p % FEN_PER_YUAN for p in per]
    splits = tuple((p,) * (n - 1) + (a - (n - 1) * p,) for p, a in zip(per, amounts, strict=True))
    if any(split[0] <= 0 or not 0 < split[-1] <= split[0] for split in splits):
        return None
    return splits


def _clear_first(amount: int, room: list[int]) -> tuple[int, ...] | None:
    """A small debt paid off from the earliest payments: whole yuan but for the last piece.

    Takes from ``room`` (what is left of each payment). None when it does not fit.
    """
    left = amount
    split = []
    for k, free in enumerate(room):
        take = min(left, free)
        if take < left:
            take -= take % FEN_PER_YUAN
        split.append(take)
        room[k] -= take
        left -= take
    return tuple(split) if left == 0 else None


def _pro_rata(amount: int, pool: int, room: tuple[int, ...]) -> tuple[int, ...] | None:
    """``amount`` spread like ``room`` in whole yuan, the last taking the rest.

    None when some part would be 0 or the last would not fit in the last payment.
    """
    early = [r * amount // pool for r in room[:-1]]
    early = [e - e % FEN_PER_YUAN for e in early]
    split = (*early, amount - sum(early))
    fits = all(x > 0 for x in split) and split[-1] <= room[-1]
    return split if fits else None


def _decompose(payments: tuple[int, ...], amounts: tuple[int, ...]) -> Splits | None:
    """One lender's payments shared between its debts, each exact to the fen.

    The lender is asked for the same amount every month even when it holds several debts.
    A small debt in whole yuan (at most half of the first payment) is cleared first, the
    way a person would say it: "第一期先把备用金还清"; so is any debt too small to share
    every payment. The others share pro rata, and the largest takes what is left. A debt
    may so have nothing due in later periods (0). None when the payments cannot be shared.
    """
    if len(amounts) == 1:
        return (payments,)
    absorber = amounts.index(max(amounts))
    others = [i for i in range(len(amounts)) if i != absorber]
    early = {i for i in others if amounts[i] % FEN_PER_YUAN == 0 and amounts[i] * 2 <= payments[0]}
    while True:
        room = list(payments)
        shares: dict[int, tuple[int, ...]] = {}
        for i in sorted(early, key=lambda i: amounts[i]):
            cleared = _clear_first(amounts[i], room)
            if cleared is None:
                return None
            shares[i] = cleared
        rest = [i for i in others if i not in early]
        pool = sum(amounts[i] for i in rest) + amounts[absorber]
        failed = None
        for i in rest:
            split = _pro_rata(amounts[i], pool, tuple(room))
            if split is None:
                failed = i
                break
            shares[i] = split
        if failed is None:
            break
        early.add(failed)  # too small to share every payment: clear it first instead
    shares[absorber] = tuple(p - sum(shares[i][k] for i in others) for k, p in enumerate(payments))
    if any(x < 0 for split in shares.values() for x in split):
        return None
    return tuple(shares[i] for i in range(len(amounts)))


def build_schedule(
    products: tuple[Product, ...],
    amounts: tuple[int, ...],
    groups: Groups,
    due_dates: tuple[date, ...],
    lender_payments: Splits | None = None,
) -> Schedule:
    """Every debt's installments over ``len(due_dates)`` periods.

    ``groups`` are the debt indices of each lender. Each lender's total is split first
    (whole yuan, or ``lender_payments`` when given), then shared between its debts, so
    each lender hears one regular amount. Falls back to splitting each debt on its own
    when a lender's debts cannot share its payments.
    """
    n = len(due_dates)
    totals = tuple(sum(amounts[i] for i in group) for group in groups)
    payments = lender_payments if lender_payments is not None else _splits(totals, n)
    if payments is None:
        raise ValueError("some installment would be zero: use fewer periods")
    splits: list[tuple[int, ...]] = [()] * len(amounts)
    for group, paid in zip(groups, payments, strict=True):
        own = tuple(amounts[i] for i in group)
        shared = _decompose(paid, own) or _splits(own, n)
        if shared is None:
            raise ValueError("some installment would be zero: use fewer periods")
        for i, split in zip(group, shared, strict=True):
            splits[i] = split
    debts = tuple(
        DebtSchedule(product=p, amount_fen=a, installments=s)
        for p, a, s in zip(products, amounts, splits, strict=True)
    )
    return Schedule(due_dates=due_dates, debts=debts, period_totals=period_totals(tuple(splits)))


def split_to_fen(amount_fen: int, n: int) -> tuple[int, ...]:
    """n installments differing by at most one fen; the first ones carry the extra fen.

    Used for a deal the lender set ("共 23,500 元，分 12 期"), whose split is theirs to choose.
    """
    q, r = divmod(amount_fen, n)
    return (q + 1,) * r + (q,) * (n - r)
