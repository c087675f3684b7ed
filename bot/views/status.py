"""/status before a deal is recorded: the answers so far, or the case and its next step."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.domain.models import CaseFacts, Product
from bot.domain.money import format_fen
from bot.domain.overdue import days_overdue
from bot.domain.plan import Plan
from bot.texts.zh import common as c
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.fmt import listing, yuan
from bot.views.next_step import status_next_step


def draft_status(answered: Iterable[tuple[Product, int]]) -> str:
    """The intake not finished: the debts answered so far (product, fen overdue)."""
    done = [f"{PRODUCT_NAMES[product]} {yuan(fen)}" for product, fen in answered]
    return c.STATUS_DRAFT.format(done=listing(done) or c.STATUS_DRAFT_NOTHING)


def planned_status(facts: CaseFacts, plan: Plan, today: date) -> str:
    """The plan made, no deal yet: each debt, the month's offer, and the next step."""
    lines = [
        c.STATUS_DEBT_LINE.format(
            product=PRODUCT_NAMES[d.product],
            amount=format_fen(d.amount_fen),
            days=days_overdue(d.overdue_since, today),
        )
        for d in facts.debts
    ]
    offer = (
        c.STATUS_OFFER.format(amount=format_fen(plan.limit_fen))
        if plan.limit_fen > 0
        else c.STATUS_OFFER_NONE
    )
    return c.STATUS_PLANNED.format(
        debts="\n".join(lines),
        total=format_fen(facts.total_fen),
        offer=offer,
        next=status_next_step(plan.kind),
    )
