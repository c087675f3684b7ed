"""What being overdue costs, per debt: the penalty so far and per further 30 days.

When the user gave the rate the app shows, we use it. Otherwise we fall back to the
commonly cited rule (domain.md, confidence M) and mark the result ``estimated`` so the
texts can label it an estimate and show the formula: never present a guessed rate as a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.models import PPM, Debt, Product, RateBasis
from bot.domain.overdue import days_overdue

# 0.05 % per day, simple interest on the overdue amount: the commonly cited Huabei rule,
# also our fallback for products we know less about.
COMMON_DAILY_RATE_PPM = 500
# Jiebei: penalty commonly 1.5 x the contractual loan rate; 0.05 %/day is a common loan rate.
JIEBEI_COMMON_LOAN_RATE_PPM = 500
LOAN_TO_PENALTY = (3, 2)

DAYS_PER_MONTH = 30


@dataclass(frozen=True, slots=True)
class PenaltyEstimate:
    """One debt's penalty: ``amount_fen x rate_ppm x days / 1e6`` and the parts to show it.

    ``loan_rate_ppm`` is set when the penalty rate was derived from a loan rate (the one the
    user typed, or the common one assumed): the texts then show the conversion.
    """

    product: Product
    amount_fen: int
    rate_ppm: int
    estimated: bool
    days: int
    so_far_fen: int
    per_30_days_fen: int
    loan_rate_ppm: int | None = None


def simple_penalty_fen(amount_fen: int, rate_ppm: int, days: int) -> int:
    """Simple interest in fen, rounded half up, in integers only (no float drift)."""
    return (amount_fen * rate_ppm * days + PPM // 2) // PPM


def debt_days_overdue(debt: Debt, today: date) -> int:
    """Whole days since the debt went overdue; never negative (a future date means 0)."""
    return days_overdue(debt.overdue_since, today)


def penalty_from_loan_rate(loan_rate_ppm: int) -> int:
    """The commonly cited penalty rate for a loan rate: 1.5 times, rounded half up to 1 ppm."""
    num, den = LOAN_TO_PENALTY
    return (loan_rate_ppm * num * 2 + den) // (den * 2)


def _rate(debt: Debt) -> tuple[int, bool, int | None]:
    """The daily penalty rate, whether it is estimated, and the loan rate it came from."""
    if debt.daily_rate_ppm is None:
        if debt.product is Product.JIEBEI:
            loan = JIEBEI_COMMON_LOAN_RATE_PPM
            return penalty_from_loan_rate(loan), True, loan
        return COMMON_DAILY_RATE_PPM, True, None
    if debt.rate_basis is RateBasis.LOAN:
        # converting by the common rule is itself an estimate
        return penalty_from_loan_rate(debt.daily_rate_ppm), True, debt.daily_rate_ppm
    return debt.daily_rate_ppm, False, None


def estimate_penalty(debt: Debt, today: date) -> PenaltyEstimate:
    """The penalty for one debt as of ``today``."""
    rate, estimated, loan_rate = _rate(debt)
    days = debt_days_overdue(debt, today)
    return PenaltyEstimate(
        product=debt.product,
        amount_fen=debt.amount_fen,
        rate_ppm=rate,
        estimated=estimated,
        days=days,
        so_far_fen=simple_penalty_fen(debt.amount_fen, rate, days),
        per_30_days_fen=simple_penalty_fen(debt.amount_fen, rate, DAYS_PER_MONTH),
        loan_rate_ppm=loan_rate,
    )
