"""Checking in while a deal runs: every three months (and on /update), did income or spending
change, and does the deal still fit?

One check-in waits at a time (a ``check_in`` reminder without an installment). It is queued
when a deal is recorded, three months after each check-in sent, and again three months after
each answer (replacing the one waiting, so there is never more than one). A changed figure is
stored in the case, and affordability is worked out again from it (``propose_replan``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

import aiosqlite

from bot.domain.case_fields import CaseField
from bot.domain.nudges import check_in_at
from bot.domain.plan import DEFAULT_MAX_PERIODS
from bot.domain.reminders import ReminderKind
from bot.domain.replan import Replan
from bot.storage import repo
from bot.usecases.deps import Deps
from bot.usecases.places import Place, save_place
from bot.usecases.planning import prefs_of
from bot.usecases.replanning import propose_replan

# still fits, but asks more than this share of what can be offered a month: "tight"
TIGHT_PERMILLE = 900


class Figure(StrEnum):
    """What changed; values double as callback data."""

    INCOME = "income"
    SPENDING = "spending"


FIELDS = {Figure.INCOME: CaseField.INCOME, Figure.SPENDING: CaseField.ESSENTIALS}


async def queue_check_in(
    conn: aiosqlite.Connection, tz: ZoneInfo, user_id: int, since: datetime
) -> datetime:
    """Inside the caller's transaction: the one check-in waiting, three months after ``since``.

    A check-in still waiting is replaced. Returns when the new one comes (UTC).
    """
    prefs = prefs_of(await repo.get_prefs(conn, user_id))
    at = check_in_at(since, prefs, tz)
    await repo.cancel_waiting_reminders(conn, user_id, kinds=[ReminderKind.CHECK_IN.value])
    await repo.add_reminders(conn, user_id, None, [(ReminderKind.CHECK_IN.value, 0, at)])
    return at


async def deal_running(deps: Deps, user_id: int) -> bool:
    """Whether the user has a deal running with something left to pay (what /update is for)."""
    return await repo.check_in_wanted(await deps.database.connection(), user_id)


@dataclass(frozen=True, slots=True)
class Unchanged:
    """ "没变化": when the next check-in comes, and the deals against today's figures."""

    next_at: datetime
    replan: Replan | None

    @property
    def still_fits(self) -> bool:
        """True unless the deals are known to ask more than can be offered a month."""
        return self.replan is None or self.replan.still_fits


async def no_change(
    deps: Deps, user_id: int, place: Place | None = None, *, max_periods: int = DEFAULT_MAX_PERIODS
) -> Unchanged | None:
    """ "没变化": the next check-in comes three months from now; None when no deal runs.

    The deals are checked against the figures stored: one saved above what the month can
    carry (after a warning) still does not fit, and the person hears so.
    """
    async with deps.database.transaction() as conn:
        await save_place(conn, place)
        if not await repo.check_in_wanted(conn, user_id):
            return None
        at = await queue_check_in(conn, deps.tz, user_id, deps.now())
    return Unchanged(at, await propose_replan(deps, user_id, max_periods=max_periods))


async def open_question(deps: Deps, user_id: int, place: Place) -> bool:
    """The question (or the figure asked after it) is open: ``place`` is saved; False, and
    nothing open, when no deal runs.

    A paid-amount question still open is dropped: this one is asked after it.
    """
    async with deps.database.transaction() as conn:
        if not await repo.check_in_wanted(conn, user_id):
            await save_place(conn, Place(place.name, place.key, None))
            return False
        await repo.set_amount_question(conn, user_id, None)
        await save_place(conn, place)
    return True


@dataclass(frozen=True, slots=True)
class Rechecked:
    """A new figure stored, and what it means for the running deals."""

    figure: Figure
    fen: int
    # None: no planned case any more, or nothing left to pay
    replan: Replan | None

    @property
    def still_fits(self) -> bool:
        return self.replan is not None and self.replan.still_fits

    @property
    def tight(self) -> bool:
        """Still fits, with little to spare (more than 90 % of what can be offered)."""
        if self.replan is None or not self.still_fits:
            return False
        limit = self.replan.plan.money.limit_fen
        return self.replan.monthly_fen * 1000 > limit * TIGHT_PERMILLE


async def record_figure(
    deps: Deps,
    user_id: int,
    figure: Figure,
    fen: int,
    place: Place,
    *,
    max_periods: int,
) -> Rechecked | None:
    """Stores the new monthly figure in the case, with the next check-in and the user's place
    (one transaction), then works out whether the running deals still fit.

    None when there is no case to store it in (deleted, or closed meanwhile).
    """
    async with deps.database.transaction() as conn:
        case = await repo.open_case(conn, user_id)
        await save_place(conn, Place(place.name, place.key, None))
        if case is None or case.status != "planned":
            return None
        changes: dict[CaseField, object] = {FIELDS[figure]: fen}
        if figure is Figure.INCOME and fen > 0 and not case.payday_answered:
            # income again after none: its day was never asked, so it counts as irregular
            # (the plan then keeps due dates away from any one payday)
            changes |= {CaseField.PAYDAY: None, CaseField.PAYDAY_ANSWERED: True}
        await repo.update_case(conn, user_id, case.id, deps.now(), changes)
        if await repo.check_in_wanted(conn, user_id):
            await queue_check_in(conn, deps.tz, user_id, deps.now())
    proposal = await propose_replan(deps, user_id, max_periods=max_periods)
    return Rechecked(figure, fen, proposal)


async def end_question(deps: Deps, place: Place) -> None:
    """/cancel while a figure was asked: nothing changes, the question closes."""
    async with deps.database.transaction() as conn:
        await save_place(conn, Place(place.name, place.key, None))
