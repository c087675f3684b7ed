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


# A lender asked for less than this a month is paid off sooner instead (never a "1 元 a
# month for ten months" ask); a smaller debt is paid at once.
MIN_REGULAR_FEN = 50 * FEN_PER_YUAN


def split_whole_yuan(
    amount_fen: int, n: int, min_regular_fen: int = MIN_REGULAR_FEN
) -> tuple[int, ...] | None:
    """``amount_fen`` over at most ``n`` payments: one regular amount, a smaller last.

    The regular amount is ``amount / n`` rounded up to whole yuan, but at least
    ``min_regular_fen`` (50 元), so a small debt finishes in fewer payments; the unused
    periods are 0. Only the last
    payment may carry fen ("每月 1,679 元，最后一期 1,673 元"). None for nothing to pay.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if amount_fen <= 0:
        return None
    per = _ceil_div(amount_fen, n * FEN_PER_YUAN) * FEN_PER_YUAN
    whole = _ceil_div(amount_fen, FEN_PER_YUAN) * FEN_PER_YUAN
    per = max(per, min(whole, min_regular_fen))
    paying = _ceil_div(amount_fen, per)
    last = amount_fen - (paying - 1) * per
    return (per,) * (paying - 1) + (last,) + (0,) * (n - paying)


Splits = tuple[tuple[int, ...], ...]
Groups = tuple[tuple[int, ...], ...]


def _splits(
    amounts: tuple[int, ...], n: int, min_regular_fen: int = MIN_REGULAR_FEN
) -> Splits | None:
    splits = tuple(split_whole_yuan(a, n, min_regular_fen) for a in amounts)
    if any(s is None for s in splits):
        return None
    return tuple(s for s in splits if s is not None)


def period_totals(splits: Splits) -> tuple[int, ...]:
    return tuple(sum(period) for period in zip(*splits, strict=True))


def largest_period(
    amounts: tuple[int, ...], n: int, min_regular_fen: int = MIN_REGULAR_FEN
) -> int | None:
    """What the dearest month costs when each of ``amounts`` is split over ``n`` periods."""
    splits = _splits(amounts, n, min_regular_fen)
    return None if splits is None else max(period_totals(splits))


def min_regular_for(limit_fen: int, lenders: int) -> int:
    """The smallest regular payment to ask of a lender: 50 元, or less when the limit is."""
    fair = limit_fen // max(1, lenders)
    return max(FEN_PER_YUAN, min(MIN_REGULAR_FEN, fair - fair % FEN_PER_YUAN))


def fit_periods(
    amounts: tuple[int, ...],
    limit_fen: int,
    max_periods: int,
    shared: tuple[tuple[int, ...], ...] | None = None,
) -> tuple[int, int] | None:
    """The smallest n ≤ ``max_periods`` whose dearest month fits in ``limit_fen``, and the
    smallest regular payment it uses; None when nothing fits.

    ``amounts`` are the lenders' totals. ``shared``, when given, holds each lender's own
    debts: an n is taken only if every lender's payments can be shared between them. The
    usual floor (:func:`min_regular_for`) is dropped to 1 元 only when nothing fits with it.
    """
    if limit_fen <= 0 or not amounts:
        return None
    start = max(1, _ceil_div(sum(amounts), limit_fen))
    for floor in dict.fromkeys((min_regular_for(limit_fen, len(amounts)), FEN_PER_YUAN)):
        for n in range(start, max_periods + 1):
            splits = _splits(amounts, n, floor)
            if splits is None or max(period_totals(splits)) > limit_fen:
                continue
            if shared is None or all(
                _decompose(paid, own) is not None for paid, own in zip(splits, shared, strict=True)
            ):
                return n, floor
    return None


def periods_needed(
    amounts: tuple[int, ...],
    limit_fen: int,
    max_periods: int,
    shared: tuple[tuple[int, ...], ...] | None = None,
) -> int | None:
    """Smallest n ≤ ``max_periods`` that fits (see :func:`fit_periods`), else None."""
    fit = fit_periods(amounts, limit_fen, max_periods, shared)
    return None if fit is None else fit[0]


def front_loaded(
    amounts: tuple[int, ...],
    limit_fen: int,
    n: int,
    shared: tuple[tuple[int, ...], ...] | None = None,
) -> Splits | None:
    """As much as the limit allows each time and the rest at the end, pro rata.

    For a debt cleared within a few paydays, paying more sooner means less penalty. The
    limit is shared between lenders in whole yuan, exactly (largest remainders); a lender
    owed less than its part is paid at once. None when some lender would get nothing, or
    (with ``shared``) its debts cannot share its payments.
    """
    if n < 2 or sum(amounts) <= 0 or limit_fen < FEN_PER_YUAN * len(amounts):
        return None
    per = share_whole_yuan(limit_fen, amounts)
    fronts = tuple(_front(a, p, n) for p, a in zip(per, amounts, strict=True))
    splits = tuple(split for split in fronts if split is not None)
    if len(splits) != len(amounts):
        return None
    if max(period_totals(splits)) > limit_fen:
        return None
    if shared is not None and any(
        _decompose(paid, own) is None for paid, own in zip(splits, shared, strict=True)
    ):
        return None
    return splits


def _front(amount: int, per: int, n: int) -> tuple[int, ...] | None:
    """``per`` each time until ``amount`` is paid; all at once if it is less than ``per``."""
    if per <= 0:
        return None
    if amount <= per:
        return (amount,) + (0,) * (n - 1)
    last = amount - (n - 1) * per
    return (per,) * (n - 1) + (last,) if last > 0 else None


def share_whole_yuan(total_fen: int, weights: tuple[int, ...], floor_each: int = 0) -> list[int]:
    """``total_fen`` (whole yuan of it) shared in proportion to ``weights``, exactly.

    Each part is whole yuan and at least ``floor_each`` yuan when the total allows; the
    yuan left by rounding go to the largest remainders.
    """
    units = total_fen // FEN_PER_YUAN
    count = len(weights)
    base = floor_each if units >= floor_each * count else 0
    rest = units - base * count
    weight = sum(weights)
    if weight <= 0:
        return [base * FEN_PER_YUAN] * count
    exact = [rest * w for w in weights]
    parts = [e // weight for e in exact]
    order = sorted(range(count), key=lambda i: (-(exact[i] % weight), i))
    for i in order[: rest - sum(parts)]:
        parts[i] += 1
    return [(base + p) * FEN_PER_YUAN for p in parts]


def _last_paying(room: list[int] | tuple[int, ...]) -> int | None:
    return max((k for k, r in enumerate(room) if r > 0), default=None)


def _clear_first(amount: int, room: list[int]) -> tuple[int, ...] | None:
    """A small debt paid off from the earliest payments, in whole yuan.

    Its fen, if any, go with the lender's last payment, so no other debt needs fen
    before its own last one. Takes from ``room``; None when it does not fit.
    """
    last = _last_paying(room)
    if last is None:
        return None
    left = amount - amount % FEN_PER_YUAN
    split = [0] * len(room)
    for k, free in enumerate(room):
        take = min(left, free - free % FEN_PER_YUAN)
        split[k] = take
        left -= take
    fen = amount % FEN_PER_YUAN
    if left or room[last] - split[last] < fen:
        return None
    split[last] += fen
    for k, taken in enumerate(split):
        room[k] -= taken
    return tuple(split)


def _pro_rata(amount: int, pool: int, room: tuple[int, ...]) -> tuple[int, ...] | None:
    """``amount`` spread like ``room`` in whole yuan, its last part taking the rest.

    None when some part would be 0 or the last would not fit in the last payment.
    """
    paying = [k for k, r in enumerate(room) if r > 0]
    if not paying:
        return None
    split = [0] * len(room)
    for k in paying[:-1]:
        share = room[k] * amount // pool
        split[k] = share - share % FEN_PER_YUAN
    last = paying[-1]
    split[last] = amount - sum(split)
    if any(split[k] <= 0 for k in paying) or split[last] > room[last]:
        return None
    return tuple(split)


def _decompose(payments: tuple[int, ...], amounts: tuple[int, ...]) -> Splits | None:
    """One lender's payments shared between its debts, each exact to the fen.

    The lender is asked for the same amount every month even when it holds several debts.
    A small debt (at most half of the first payment) is cleared first, the way a person
    would say it: "第一期先把备用金还清"; so is any debt too small to share every
    payment. The others share pro rata, and the largest takes what is left. A debt may so
    have nothing due in later periods (0). None when the payments cannot be shared.
    """
    if len(amounts) == 1:
        return (payments,)
    absorber = amounts.index(max(amounts))
    others = [i for i in range(len(amounts)) if i != absorber]
    early = {i for i in others if amounts[i] * 2 <= payments[0]}
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
    min_regular_fen: int = MIN_REGULAR_FEN,
) -> Schedule:
    """Every debt's installments over ``len(due_dates)`` periods.

    ``groups`` are the debt indices of each lender. Each lender's total is split first
    (or ``lender_payments`` is used), then shared between its debts, so each lender hears
    one regular amount. The caller picks n with :func:`periods_needed` (or
    :func:`front_loaded`) given the same ``shared`` debts, and passes
    :func:`min_regular_for` of the same limit, so the sharing succeeds.
    """
    n = len(due_dates)
    totals = tuple(sum(amounts[i] for i in group) for group in groups)
    payments = lender_payments
    if payments is None:
        payments = _splits(totals, n, min_regular_fen)
    if payments is None:
        raise ValueError("nothing to pay for some lender")
    splits: list[tuple[int, ...]] = [()] * len(amounts)
    for group, paid in zip(groups, payments, strict=True):
        shared = _decompose(paid, tuple(amounts[i] for i in group))
        if shared is None:
            raise ValueError("a lender's payments cannot be shared between its debts")
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
