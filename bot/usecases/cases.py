"""Reading the user's case: the one still open (a draft being answered, or planned)."""

from __future__ import annotations

from bot.storage import repo
from bot.storage.records import CaseRecord
from bot.usecases.deps import Deps


async def open_case(deps: Deps, user_id: int) -> CaseRecord | None:
    """The case not closed, with its debts in the order they were added (None: none)."""
    return await repo.open_case(await deps.database.connection(), user_id)


async def planned_case(deps: Deps, user_id: int) -> CaseRecord | None:
    """The open case once it is planned and every answer it needs is there, else None."""
    case = await open_case(deps, user_id)
    if case is None or case.status != "planned" or case.facts() is None:
        return None
    return case
