"""The intake: starting it, one answer and the next question's place, confirming the case.

The answer and the place are committed together before the bot replies, so an answer the
user has seen acknowledged survives a crash and the conversation resumes where it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.case_fields import CaseChanges, CaseField, DebtChanges
from bot.domain.models import Product
from bot.storage import repo
from bot.storage.records import CaseRecord
from bot.usecases import nudges
from bot.usecases.deps import Deps
from bot.usecases.places import Place


async def save_answer(
    deps: Deps,
    user_id: int,
    case: CaseRecord | None,
    place: Place,
    *,
    case_fields: CaseChanges | None = None,
    debt_id: int | None = None,
    debt_fields: DebtChanges | None = None,
    new_debt: Product | None = None,
    drop_debt_id: int | None = None,
    leave_editing: bool = False,
) -> CaseRecord | None:
    """Stores an answer to ``case`` (as the caller read it) and the user's next place, in
    one go, and returns the case as now stored.

    The answer may change fields of the case or of a debt, start a debt (``new_debt``: the product
    chosen, which becomes the current debt) or drop one (``drop_debt_id``: deleted from the
    summary, or left unfinished by /back). The case remembers the place as its step;
    ``leave_editing`` ends a change made from the summary (the user is back at it).

    The next question is asked from the returned case: the writes return the rows they
    change, and the debts they leave alone are the caller's, so nothing is read again.
    Within one person's updates nothing else writes their draft case in between (their
    updates are handled one at a time, ``bot/adapters/update_log.py``).
    """
    now = deps.now()
    async with deps.database.transaction() as conn:
        debts = list(case.debts) if case is not None else []
        fields: dict[CaseField, object] = dict(case_fields or {})
        if drop_debt_id is not None:
            await repo.delete_debt(conn, user_id, drop_debt_id)
            debts = [debt for debt in debts if debt.id != drop_debt_id]
        if new_debt is not None and case is not None:
            added = await repo.insert_debt(conn, user_id, case.id, new_debt, now)
            debts.append(added)
            fields[CaseField.CURRENT_DEBT] = added.id
        if debt_id is not None and debt_fields:
            changed = await repo.update_debt(conn, user_id, debt_id, debt_fields)
            debts = [changed if changed and debt.id == changed.id else debt for debt in debts]
        stored = None
        if case is not None:
            fields[CaseField.STEP] = place.state
            if leave_editing:
                fields[CaseField.EDITING] = False
            stored = await repo.update_case_holding(
                conn, user_id, case.id, now, fields, tuple(debts)
            )
        await repo.save_conversation(conn, place.name, place.key, place.state)
    return stored


async def confirm_case(
    deps: Deps, user_id: int, case_id: int, place: Place, *, call_needed: bool = True
) -> None:
    """The case is planned: its answers stand, the intake conversation ends, and, when the
    plan asks for a call, the "打了吗？" nudges are queued (replacing any still waiting)."""
    now = deps.now()
    async with deps.database.transaction() as conn:
        await repo.plan_case(conn, user_id, case_id, now)
        await repo.save_conversation(conn, place.name, place.key, None)
        if call_needed:
            await nudges.queue_after_plan(conn, deps.tz, user_id, now)
        else:  # a plan to pay in the app: an earlier plan's nudges no longer apply
            await nudges.stop_after_call(conn, user_id)


@dataclass(frozen=True, slots=True)
class Started:
    """A /start: whether the user has agreed to the terms, and their open case (if any)."""

    consented: bool
    case: CaseRecord | None


async def start(deps: Deps, user_id: int, chat_id: int) -> Started:
    """/start: the user is known (by this chat); a paid-amount question still open is dropped."""
    async with deps.database.transaction() as conn:
        await repo.ensure_user(conn, user_id, chat_id, deps.now())
        await repo.set_amount_question(conn, user_id, None)
        consented = await repo.has_consented(conn, user_id)
        case = await repo.open_case(conn, user_id)
    return Started(consented, case)


async def begin_case(deps: Deps, user_id: int) -> CaseRecord | None:
    """An empty case, now the one open (an open one is closed first)."""
    async with deps.database.transaction() as conn:
        await repo.start_case(conn, user_id, deps.now())
        return await repo.open_case(conn, user_id)


async def agree(deps: Deps, user_id: int) -> CaseRecord | None:
    """The user agreed to the terms: consent is recorded and a case is open (a new one only
    when none is: a planned case stays as it is)."""
    async with deps.database.transaction() as conn:
        await repo.record_consent(conn, user_id, deps.now())
        if await repo.open_case(conn, user_id) is None:
            await repo.start_case(conn, user_id, deps.now())
        return await repo.open_case(conn, user_id)


@dataclass(frozen=True, slots=True)
class Restarted:
    case: CaseRecord | None
    # a recorded deal stays as it is: the new case does not replace it
    has_deal: bool


async def restart(deps: Deps, user_id: int) -> Restarted:
    """ "重新开始": the open case is closed and an empty one opened."""
    async with deps.database.transaction() as conn:
        await repo.start_case(conn, user_id, deps.now())
        has_deal = bool(await repo.active_installments(conn, user_id))
        case = await repo.open_case(conn, user_id)
    return Restarted(case, has_deal)
