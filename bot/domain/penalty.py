"""What being overdue costs, per debt: the penalty so far and per further 30 days.

When the user gave the rate the app shows, we use it. Otherwise we fall back to the
commonly cited rule (domain.md, confidence M) and mark the result ``estimated`` so the
texts can label it an estimate and show the formula: never present a guessed rate as a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.models import PPM, Debt, Product
from bot.domain.overdue import days_overdue

# 0.05 % per day, simple interest on the overdue amount: the commonly cited Huabei rule,
# also our fallback for products we know less about.
COMMON_DAILY_RATE_PPM = 500
# Jiebei: penalty commonly 1.5 x the contractual rate; 0.05 %/day is a common contract rate.
JIEBEI_COMMON_DAILY_RATE_PPM = 750

DAYS_PER_MONTH = 30


@dataclass(frozen=True, slots=True)
class PenaltyEstimate:
    """One debt's penalty: ``amount_fen x rate_ppm x days / 1e6`` and the parts to show it."""

    product: Product
    amount_fen: int
    rate_ppm: int
    estimated: bool
    days: int
    so_far_fen: int
    per_30_days_fen: int


def common_rate_ppm(product: Product) -> int:
    """The commonly cited daily penalty rate for ``product`` (an estimate, never a fact)."""
    if product is Product.JIEBEI:
        return JIEBEI_COMMON_DAILY_RATE_PPM
    return COMMON_DAILY_RATE_PPM


def simple_penalty_fen(amount_fen: int, rate_ppm: int, days: int) -> int:
    """Simple interest in fen, rounded half up, in integers only (no float drift)."""
    return (amount_fen * rate_ppm * days + PPM // 2) // PPM


def debt_days_overdue(debt: Debt, today: date) -> int:
    """Whole days since the debt went overdue; never negative (a future date means 0)."""
    return days_overdue(debt.overdue_since, today)


def estimate_penalty(debt: Debt, today: date) -> PenaltyEstimate:
    """The penalty for one debt as of ``today``."""
    estimated = debt.daily_rate_ppm is None
    rate = common_rate_ppm(debt.product) if debt.daily_rate_ppm is None else debt.daily_rate_ppm
    days = debt_days_overdue(debt, today)
    return PenaltyEstimate(
        product=debt.product,
        amount_fen=debt.amount_fen,
        rate_ppm=rate,
        estimated=estimated,
        days=days,
        so_far_fen=simple_penalty_fen(debt.amount_fen, rate, days),
        per_30_days_fen=simple_penalty_fen(debt.amount_fen, rate, DAYS_PER_MONTH),
    )
