"""Working out a new proposal when a deal slips: from what is left and today's budget."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.models import Budget
from bot.domain.plan import DEFAULT_MAX_PERIODS
from bot.domain.progress import Installment
from bot.domain.replan import DealLeft, Replan, replan
from bot.storage import repo
from bot.usecases.deps import Deps


def deals_left(installments: Sequence[Installment]) -> tuple[DealLeft, ...]:
    """Each running deal as it stands: what is missing, its next installment and date."""
    by_deal: dict[int, list[Installment]] = {}
    for item in installments:
        by_deal.setdefault(item.deal_id, []).append(item)
    deals = []
    for items in by_deal.values():
        items.sort(key=lambda i: i.number)
        following = next((i for i in items if not i.paid), None)
        deals.append(
            DealLeft(
                debt_id=items[0].debt_id,
                product=items[0].product,
                left_fen=sum(i.outstanding_fen for i in items),
                monthly_fen=0 if following is None else following.amount_fen,
                next_due=None if following is None else following.due,
                paid_fen=sum(min(i.paid_fen or 0, i.amount_fen) for i in items),
                next_number=None if following is None else following.number,
                next_missing_fen=0 if following is None else following.outstanding_fen,
            )
        )
    return tuple(deals)


async def propose_replan(
    deps: Deps,
    user_id: int,
    *,
    budget: Budget | None = None,
    max_periods: int = DEFAULT_MAX_PERIODS,
) -> Replan | None:
    """The new proposal for the user's running deals, with today's budget (or ``budget``).

    None when there is no planned case or nothing of the deals is left to pay.
    """
    async with deps.database.transaction() as conn:  # read together
        case = await repo.open_case(conn, user_id)
        items = await repo.active_installments(conn, user_id)
    facts = None if case is None else case.facts()
    if facts is None:
        return None
    return replan(
        deals_left(items),
        facts.hardship,
        budget or facts.budget,
        deps.today(),
        max_periods=max_periods,
    )
