"""What to do next, under the plan and in /status: pay, or call each lender."""

from __future__ import annotations

from bot.domain.plan import Recommendation
from bot.texts.zh import common as c


def next_step_text(kind: Recommendation, lenders: int) -> str:
    """What to do after reading the plan."""
    if kind is Recommendation.PAY_NOW:
        return c.NEXT_PAY_NOW
    if kind is Recommendation.PART_NOW:
        return c.NEXT_PART_NOW
    return c.NEXT_CALL_EACH if lenders > 1 else c.NEXT_CALL


def status_next_step(kind: Recommendation) -> str:
    """The next step in /status, which points to commands rather than buttons."""
    if kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW):
        return c.STATUS_NEXT_PAY
    return c.STATUS_NEXT_CALL
