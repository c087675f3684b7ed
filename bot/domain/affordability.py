"""How much a person can offer a month without breaking their budget (domain.md, Affordability).

Surplus = income - essential spending - other fixed debt payments; about 10 % of it stays
with the person (a cap, as in the Scottish Common Financial Tool; the real protection is a
complete list of spending). What is left is offered, but never so much that all debt
payments together pass about 36 % of income (CFPB guidance): the bot never proposes what
it would itself flag. All money is integer fen.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.models import FEN_PER_YUAN, Budget

BUFFER_PERCENT = 10
HIGH_DEBT_RATIO_PERCENT = 36
# Essentials at or below this share of income are unusually low: ask to re-check them.
LOW_ESSENTIALS_PERCENT = 40
# A surplus under this share of income leaves no room for the unexpected.
THIN_SURPLUS_PERCENT = 5


def buffer_for(surplus_fen: int) -> int:
    """About 10 % of a positive surplus, rounded half up to the fen; 0 otherwise."""
    if surplus_fen <= 0:
        return 0
    return (surplus_fen * BUFFER_PERCENT + 50) // 100


def ratio_cap_fen(income_fen: int, other_debts_fen: int) -> int:
    """The most a new plan may take a month before all debt payments pass 36 % of income."""
    return income_fen * HIGH_DEBT_RATIO_PERCENT // 100 - other_debts_fen


def percent_of(part_fen: int, income_fen: int) -> int | None:
    """``part`` as a rounded percentage of income; None without income."""
    if income_fen <= 0:
        return None
    return (part_fen * 100 + income_fen // 2) // income_fen


def essentials_look_low(income_fen: int, essentials_fen: int) -> bool:
    """True when essential spending is at most 40 % of a positive income."""
    return income_fen > 0 and essentials_fen * 100 <= LOW_ESSENTIALS_PERCENT * income_fen


@dataclass(frozen=True, slots=True)
class Affordability:
    """The month's money: what is left, what stays as a buffer, and the most to offer.

    ``limit_fen`` is what a plan may take a month: the offer (surplus minus buffer), in
    whole yuan, and never above the 36 % line. It is 0 when nothing can be offered.
    """

    income_fen: int
    essentials_fen: int
    other_debts_fen: int
    surplus_fen: int
    buffer_fen: int
    offer_fen: int
    ratio_cap_fen: int
    limit_fen: int

    @property
    def capped_by_ratio(self) -> bool:
        """The 36 % line, not the surplus, sets the limit."""
        return 0 <= self.ratio_cap_fen < self.offer_fen

    @property
    def other_debts_over_ratio(self) -> bool:
        """Other fixed payments alone already reach 36 % of income."""
        return self.income_fen > 0 and self.ratio_cap_fen <= 0

    @property
    def low_essentials(self) -> bool:
        return essentials_look_low(self.income_fen, self.essentials_fen)

    @property
    def essentials_pct(self) -> int | None:
        return percent_of(self.essentials_fen, self.income_fen)

    @property
    def thin_surplus(self) -> bool:
        """A positive surplus under 5 % of income."""
        return self.surplus_fen > 0 and self.surplus_fen * 100 < THIN_SURPLUS_PERCENT * (
            self.income_fen
        )


def assess(budget: Budget) -> Affordability:
    surplus = budget.surplus_fen
    buffer = buffer_for(surplus)
    offer = max(0, surplus - buffer)
    cap = ratio_cap_fen(budget.income_fen, budget.other_debts_fen)
    limit = max(0, min(offer, cap))
    # whole yuan: the plan's amounts are whole yuan, and so is what the person is told
    limit -= limit % FEN_PER_YUAN
    return Affordability(
        income_fen=budget.income_fen,
        essentials_fen=budget.essentials_fen,
        other_debts_fen=budget.other_debts_fen,
        surplus_fen=surplus,
        buffer_fen=buffer,
        offer_fen=offer,
        ratio_cap_fen=cap,
        limit_fen=limit,
    )
