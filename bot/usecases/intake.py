"""Answering the intake: one answer and the next question's place, then confirming the case.

The answer and the place are committed together before the bot replies, so an answer the
user has seen acknowledged survives a crash and the conversation resumes where it was.
"""

from __future__ import annotations

from bot.domain.case_fields import CaseChanges, CaseField, DebtChanges
from bot.domain.models import Product
from bot.storage import repo
from bot.usecases.deals import Place
from bot.usecases.deps import Deps


async def save_answer(
    deps: Deps,
    user_id: int,
    case_id: int | None,
    place: Place,
    *,
    case_fields: CaseChanges | None = None,
    debt_id: int | None = None,
    debt_fields: DebtChanges | None = None,
    new_debt: Product | None = None,
    drop_debt_id: int | None = None,
    leave_editing: bool = False,
) -> None:
    """Stores an answer and the user's next place, in one go.

    The answer may change fields of the case or of a debt, start a debt (``new_debt``: the product
    chosen) or drop one (``drop_debt_id``: deleted from the summary, or left unfinished by
    /back). The case remembers the place as its step; ``leave_editing`` ends a change made
    from the summary (the user is back at it).
    """
    async with deps.database.transaction() as conn:
        if drop_debt_id is not None:
            await repo.delete_debt(conn, user_id, drop_debt_id)
        if new_debt is not None and case_id is not None:
            await repo.add_debt(conn, user_id, case_id, new_debt, deps.now())
        if debt_id is not None and debt_fields:
            await repo.update_debt(conn, user_id, debt_id, debt_fields)
        if case_id is not None:
            fields: dict[CaseField, object] = dict(case_fields or {})
            fields[CaseField.STEP] = place.state
            if leave_editing:
                fields[CaseField.EDITING] = False
            await repo.update_case(conn, user_id, case_id, deps.now(), fields)
        await repo.save_conversation(conn, place.name, place.key, place.state)


async def confirm_case(deps: Deps, user_id: int, case_id: int, place: Place) -> None:
    """The case is planned: its answers stand, the intake conversation ends."""
    now = deps.now()
    async with deps.database.transaction() as conn:
        await repo.plan_case(conn, user_id, case_id, now)
        await repo.save_conversation(conn, place.name, place.key, None)
