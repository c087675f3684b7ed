"""Marking an installment paid (the agreed amount or another one), and undoing it.

Paid with less than due, an installment stays open with the rest missing: its reminders
keep coming (and name what is missing) until the due date; after it, the bot asks again in
a couple of days. "已还" on such an installment means the rest is paid too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import aiosqlite

from bot.domain.reminders import FOLLOWUP_USEFUL_DAYS, ReminderKind, out_of_quiet_hours
from bot.storage import repo
from bot.storage.records import InstallmentRecord
from bot.usecases.deps import Deps
from bot.usecases.planning import plan_reminders, prefs_of

# a part payment after the due date: asked again after this many days (the evening)
PART_FOLLOW_UP_DAYS = 2


@dataclass(frozen=True, slots=True)
class Paid:
    """An installment marked paid; ``installment`` is as it was before the mark."""

    installment: InstallmentRecord
    paid_fen: int
    # no unpaid installment is left in the user's active deals
    all_paid: bool
    # it had been marked before and nothing changed (a second tap on an old "已还")
    already: bool = False
    # what of the installment is still missing after this mark (0: paid in full)
    missing_fen: int = 0
    # "已还" on a part-paid installment: the rest is paid now
    rest_paid: bool = False
    # its due date has passed
    late: bool = False
    # when the bot asks again about what is missing, once no reminder of it is ahead (UTC)
    follow_up_at: datetime | None = None
    # what "撤销" brings back: the part paid before this mark (None: unpaid)
    undo_to_fen: int | None = None


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


async def undo_paid(
    deps: Deps, user_id: int, installment_id: int, to_fen: int | None = None
) -> InstallmentRecord | None:
    """The installment goes back to how it was: unpaid, or paid in part with ``to_fen``.

    Its reminders still ahead come back. With nothing ahead (undone after the due date) the
    missed-installment follow-up is queued instead. Returns the installment as it is now;
    None when it is not an installment of the user's active deals.
    """
    async with deps.database.transaction() as conn:
        item = await repo.get_installment(conn, user_id, installment_id)
        if item is None:
            return None
        now = deps.now()
        await repo.cancel_waiting_reminders(conn, user_id, installment_id=item.id)
        if to_fen is not None and 0 < to_fen < item.amount_fen:
            await repo.mark_paid(conn, user_id, item.id, to_fen, now)
            await _keep_reminding(conn, deps, user_id, item, now)
        else:
            await repo.undo_paid(conn, user_id, item.id)
            await plan_reminders(
                conn, deps.tz, user_id, item.id, item.due, now, follow_up_if_late=True
            )
        return await repo.get_installment(conn, user_id, item.id)


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
    now = deps.now()
    paid = amount_fen if amount_fen is not None else item.amount_fen
    await repo.mark_paid(conn, user_id, item.id, paid, now)
    await repo.cancel_waiting_reminders(conn, user_id, installment_id=item.id)
    missing = max(0, item.amount_fen - paid)
    follow_up_at = None
    if missing:
        follow_up_at = await _keep_reminding(conn, deps, user_id, item, now)
    remaining = [i for i in await repo.active_installments(conn, user_id) if not i.paid]
    return Paid(
        item,
        paid,
        all_paid=not remaining,
        missing_fen=missing,
        rest_paid=amount_fen is None and item.partly_paid,
        late=item.due < now.astimezone(deps.tz).date(),
        follow_up_at=follow_up_at,
        undo_to_fen=item.paid_fen if item.partly_paid else None,
    )


async def _keep_reminding(
    conn: aiosqlite.Connection,
    deps: Deps,
    user_id: int,
    item: InstallmentRecord,
    now: datetime,
) -> datetime | None:
    """A part-paid installment stays open: its reminders still ahead are queued again.

    When no follow-up is ahead (the due date has passed, or its evening has), one comes in
    a couple of days, in the evening, as long as a follow-up is still useful (a week after
    the due date). Returns when that extra follow-up comes (UTC), None without one.
    """
    today = now.astimezone(deps.tz).date()
    if item.due >= today:
        await plan_reminders(conn, deps.tz, user_id, item.id, item.due, now)
    followup = ReminderKind.FOLLOWUP.value
    if await repo.has_reminder(conn, item.id, followup, ("pending",)):
        return None
    prefs = prefs_of(await repo.get_prefs(conn, user_id))
    day = min(
        today + timedelta(days=PART_FOLLOW_UP_DAYS),
        item.due + timedelta(days=FOLLOWUP_USEFUL_DAYS),
    )
    local = datetime.combine(day, time(prefs.followup_hour), tzinfo=deps.tz)
    at = out_of_quiet_hours(local).astimezone(UTC)
    if at <= now:
        return None
    await repo.add_reminders(conn, user_id, item.id, [(followup, 0, at)])
    return at
