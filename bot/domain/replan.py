"""A new proposal when a deal slips: from what is left and what the person can pay now.

"Call before a payment is missed, never after" (domain.md, the six steps): when a payment
cannot be made, or income falls, the bot works out again what to ask for, from the current
situation (what is still missing of each deal, today's income and spending), with the same
adviser's rules as the first plan (order of options, the 36 % line, the buffer, sharing
between lenders), and says by when to call: before the next installment falls due.
Only amounts and dates live here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.lenders import Lender
from bot.domain.models import Budget, CaseFacts, Debt, Hardship, Product
from bot.domain.plan import LenderPlan, Plan, build_plan


@dataclass(frozen=True, slots=True)
class DealLeft:
    """One running deal as it stands: its debt, what is missing, what each month asks."""

    debt_id: int
    product: Product
    left_fen: int
    # what the deal asks in its next unpaid installment (the regular monthly amount)
    monthly_fen: int
    # the next unpaid installment's due date; None when nothing is left
    next_due: date | None
    # what of the deal is already paid (a part-paid installment counts with what it got)
    paid_fen: int = 0
    # the next unpaid installment: its number and what it still misses (0: none left)
    next_number: int | None = None
    next_missing_fen: int = 0


class _DealsLeft:
    """What a group of running deals adds up to (the whole proposal, or one lender's part)."""

    __slots__ = ()

    deals: tuple[DealLeft, ...]

    @property
    def left_fen(self) -> int:
        return sum(d.left_fen for d in self.deals)

    @property
    def monthly_fen(self) -> int:
        """What the running deals ask a month now, together."""
        return sum(d.monthly_fen for d in self.deals)

    @property
    def paid_fen(self) -> int:
        return sum(d.paid_fen for d in self.deals)

    @property
    def next_missing_fen(self) -> int:
        return sum(d.next_missing_fen for d in self.deals)


@dataclass(frozen=True, slots=True)
class Replan(_DealsLeft):
    """The new proposal, and the facts it answers."""

    deals: tuple[DealLeft, ...]
    plan: Plan
    # before this date the call should be made (the earliest next due date still ahead);
    # None when a payment is already late: then as soon as possible
    call_before: date | None

    @property
    def still_fits(self) -> bool:
        """The running deals fit what can be offered a month today."""
        return 0 < self.monthly_fen <= self.plan.money.limit_fen

    @property
    def late(self) -> bool:
        return self.call_before is None


def replan(
    deals: Sequence[DealLeft],
    hardship: Hardship,
    budget: Budget,
    today: date,
    max_periods: int,
) -> Replan | None:
    """The proposal for what is left; None when nothing is left to plan."""
    open_deals = tuple(d for d in deals if d.left_fen > 0)
    if not open_deals:
        return None
    # What is left is counted from today: the deal's own terms decide any penalty, which the
    # script asks about rather than the bot estimating it again.
    facts = CaseFacts(
        debts=tuple(Debt(d.product, d.left_fen, overdue_since=today) for d in open_deals),
        hardship=hardship,
        budget=budget,
    )
    plan = build_plan(facts, today, max_periods=max_periods)
    ahead = [d.next_due for d in open_deals if d.next_due is not None and d.next_due >= today]
    late = any(d.next_due is not None and d.next_due < today for d in open_deals)
    call_before = None if late or not ahead else min(ahead)
    return Replan(deals=open_deals, plan=plan, call_before=call_before)


@dataclass(frozen=True, slots=True)
class LenderPart(_DealsLeft):
    """One lender's running deals and its part of the new proposal."""

    lender: Lender
    plan: LenderPlan
    deals: tuple[DealLeft, ...]


def lender_parts(proposal: Replan) -> tuple[LenderPart, ...]:
    """The proposal lender by lender: the plan's lenders index the proposal's deals."""
    return tuple(
        LenderPart(lp.lender, lp, tuple(proposal.deals[i] for i in lp.lender.debt_indices))
        for lp in proposal.plan.lenders
    )
