"""Recording the call: the deal agreed (per debt) with its reminders, or the refusal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain.deal import DealKind, DealTerms, PlannedInstallment
from bot.domain.reminders import CallAgainChoice, ReminderKind, call_again_at
from bot.storage import repo
from bot.usecases import nudges
from bot.usecases.checkins import queue_check_in
from bot.usecases.deps import Deps
from bot.usecases.places import Place, save_place
from bot.usecases.planning import plan_reminders


@dataclass(frozen=True, slots=True)
class AgreedDeal:
    """What was agreed for one debt: the terms as answered and the installments they give.

    A deal taken from the plan (``DealKind.SUGGESTED``) has no terms but its installments.
    """

    debt_id: int
    terms: DealTerms
    installments: tuple[PlannedInstallment, ...]

    @property
    def kind(self) -> DealKind:
        return self.terms.kind


@dataclass(frozen=True, slots=True)
class RecordedDeals:
    installment_ids: tuple[int, ...]
    # every debt of the user that now has an active deal (the new ones and earlier ones)
    debts_with_deal: frozenset[int]


async def record_deal(
    deps: Deps,
    user_id: int,
    deals: Sequence[AgreedDeal],
    staff_id: str | None,
    place: Place | None = None,
) -> RecordedDeals:
    """Stores each deal with its installments and reminders, and the agreed call, at once.

    A deal replaces an earlier one for the same debt: its installments leave the plan and
    its reminders still waiting are cancelled. The draft is discarded. The check-in three
    months on is queued (replacing one still waiting).
    """
    now = deps.now()
    ids: list[int] = []
    async with deps.database.transaction() as conn:
        for deal in deals:
            _, new = await repo.create_deal(
                conn, user_id, deal.debt_id, deal.terms, now, deal.installments
            )
            for installment_id, item in zip(new, deal.installments, strict=True):
                await plan_reminders(conn, deps.tz, user_id, installment_id, item.due, now)
            ids.extend(new)
        await repo.record_call(conn, user_id, now, "agreed", staff_id, None)
        await nudges.stop_after_call(conn, user_id)
        await repo.save_deal_draft(conn, user_id, None)
        await save_place(conn, place)
        active = frozenset(i.debt_id for i in await repo.active_installments(conn, user_id))
        # every three months while a deal runs: did income or spending change?
        await queue_check_in(conn, deps.tz, user_id, now)
    return RecordedDeals(tuple(ids), active)


async def record_refused_call(
    deps: Deps, user_id: int, staff_id: str | None, note: str | None, place: Place | None = None
) -> None:
    """Logs a call that agreed nothing (the 工号 and note made safe to keep); the draft goes."""
    async with deps.database.transaction() as conn:
        await repo.record_call(conn, user_id, deps.now(), "refused", staff_id, note)
        await nudges.stop_after_call(conn, user_id)
        await repo.save_deal_draft(conn, user_id, None)
        await save_place(conn, place)


async def remind_to_call_again(
    deps: Deps, user_id: int, choice: CallAgainChoice, place: Place | None = None
) -> datetime:
    """Queues a reminder to call customer service again; returns when it comes (UTC)."""
    at = call_again_at(deps.now(), choice.value, deps.tz)
    async with deps.database.transaction() as conn:
        await repo.add_reminders(conn, user_id, None, [(ReminderKind.CALL_AGAIN.value, 0, at)])
        await save_place(conn, place)
    return at


async def deal_draft(deps: Deps, user_id: int) -> dict[str, Any]:
    """The answers given so far while recording the call (empty: none)."""
    return await repo.load_deal_draft(await deps.database.connection(), user_id)


async def save_draft(
    deps: Deps, user_id: int, draft: Mapping[str, Any] | None, place: Place
) -> None:
    """Stores the answers so far (None discards them) with the user's next place, at once."""
    async with deps.database.transaction() as conn:
        await repo.save_deal_draft(conn, user_id, None if draft is None else dict(draft))
        await save_place(conn, place)
