"""Marking an installment paid (the agreed amount or another one), and undoing it."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.storage import repo
from bot.storage.records import InstallmentRecord
from bot.usecases.deps import Deps
from bot.usecases.planning import plan_reminders


@dataclass(frozen=True, slots=True)
class Paid:
    """An installment marked paid; ``installment`` is as it was before the mark."""

    installment: InstallmentRecord
    paid_fen: int
    # no unpaid installment is left in the user's active deals
    all_paid: bool
    # it had been marked before and nothing changed (a second tap on an old "已还")
    already: bool = False


async def mark_paid(
    deps: Deps, user_id: int, installment_id: int, amount_fen: int | None = None
) -> Paid | None:
    """Marks it paid (the agreed amount unless another is given); its reminders stop.

    None when it is not an installment of the user's active deals. Tapped again without an
    amount, it keeps what was recorded (maybe a corrected amount).
    """
    async with deps.database.transaction() as conn:
        return await _mark(conn, deps, user_id, installment_id, amount_fen)


async def record_paid_amount(
    deps: Deps, user_id: int, installment_id: int, amount_fen: int
) -> Paid | None:
    """The amount typed after "金额不一样": the question closes and that amount is paid."""
    async with deps.database.transaction() as conn:
        await repo.set_amount_question(conn, user_id, None)
        return await _mark(conn, deps, user_id, installment_id, amount_fen)


async def ask_paid_amount(
    deps: Deps, user_id: int, installment_id: int
) -> InstallmentRecord | None:
    """Remembers that the next text is the amount paid for this installment (None: gone)."""
    async with deps.database.transaction() as conn:
        item = await repo.get_installment(conn, user_id, installment_id)
        if item is not None:
            await repo.set_amount_question(conn, user_id, item.id)
    return item


async def drop_amount_question(deps: Deps, user_id: int) -> None:
    """/cancel while an amount was asked: the next text is no amount any more."""
    async with deps.database.transaction() as conn:
        await repo.set_amount_question(conn, user_id, None)


async def undo_paid(deps: Deps, user_id: int, installment_id: int) -> InstallmentRecord | None:
    """The installment is unpaid again and its reminders still ahead come back.

    With nothing ahead (undone after the due date) the missed-installment follow-up is
    queued instead. None when it is not an installment of the user's active deals.
    """
    async with deps.database.transaction() as conn:
        item = await repo.get_installment(conn, user_id, installment_id)
        if item is None:
            return None
        now = deps.now()
        await repo.undo_paid(conn, user_id, item.id)
        await repo.cancel_waiting_reminders(conn, user_id, installment_id=item.id)
        await plan_reminders(conn, deps.tz, user_id, item.id, item.due, now, follow_up_if_late=True)
    return item


async def _mark(
    conn: aiosqlite.Connection,
    deps: Deps,
    user_id: int,
    installment_id: int,
    amount_fen: int | None,
) -> Paid | None:
    item = await repo.get_installment(conn, user_id, installment_id)
    if item is None:
        return None
    if item.paid and amount_fen is None:
        return Paid(item, item.paid_fen or 0, all_paid=False, already=True)
    paid = amount_fen if amount_fen is not None else item.amount_fen
    await repo.mark_paid(conn, user_id, item.id, paid, deps.now())
    await repo.cancel_waiting_reminders(conn, user_id, installment_id=item.id)
    remaining = [i for i in await repo.active_installments(conn, user_id) if not i.paid]
    return Paid(item, paid, all_paid=not remaining)
