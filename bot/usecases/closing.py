"""The end of a case: the last installment paid, and a payment undone after that.

Paid off, each running deal ends with ``outcome = 'paid_off'`` and ``ended_at``, the case is
closed (the retention period runs from ``closed_at``), and the check-ins and call nudges still
waiting are cancelled. A payment undone afterwards opens it all again: the deals run, the case
is planned again, and a check-in is queued, so nothing is left half closed.
"""

from __future__ import annotations

from bot.domain.reminders import ReminderKind
from bot.storage import repo
from bot.usecases.checkins import queue_check_in
from bot.usecases.deps import Deps

# what a closed case has no use for (installment reminders stop with their payments)
ENDED_KINDS = (ReminderKind.CHECK_IN.value, ReminderKind.CALL_NUDGE.value)


async def close_paid_off(deps: Deps, user_id: int) -> bool:
    """Closes the case once nothing of the active deals is left to pay.

    False (nothing changed) when something is still missing, there is no deal, or it was
    closed already: calling it twice congratulates once.
    """
    async with deps.database.transaction() as conn:
        items = await repo.active_installments(conn, user_id)
        if not items or any(not i.paid for i in items):
            return False
        closed = await repo.close_paid_off_case(conn, user_id, deps.now())
        if closed:
            await repo.cancel_waiting_reminders(conn, user_id, kinds=ENDED_KINDS)
    return closed


async def reopen_if_unpaid(deps: Deps, user_id: int) -> bool:
    """After an undo: a paid-off case with something unpaid again runs again.

    True when it was reopened (the deals run, the case is planned, a check-in is queued).
    """
    async with deps.database.transaction() as conn:
        items = await repo.active_installments(conn, user_id)
        if all(i.paid for i in items):
            return False
        if not await repo.reopen_paid_off_case(conn, user_id, deps.now()):
            return False
        if await repo.check_in_wanted(conn, user_id):
            await queue_check_in(conn, deps.tz, user_id, deps.now())
    return True
