"""Where the user stands, for /status and for a message no conversation takes."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.progress import Installment
from bot.storage import repo
from bot.storage.records import CaseRecord
from bot.usecases.deps import Deps


@dataclass(frozen=True, slots=True)
class Status:
    # the open case (None: none, or deleted)
    case: CaseRecord | None
    # the installments of the active deals, by due date (empty: no deal recorded)
    installments: tuple[Installment, ...]
    # the installment whose paid amount the next text is ("金额不一样"), if one was asked
    amount_asked_for: int | None

    @property
    def planned(self) -> bool:
        return self.case is not None and self.case.status == "planned"


async def status_of(deps: Deps, user_id: int) -> Status:
    """The case, the deal's installments and any open amount question, read together."""
    async with deps.database.transaction() as conn:  # read together, no write between
        case = await repo.open_case(conn, user_id)
        items = await repo.active_installments(conn, user_id)
        asked = await repo.amount_question(conn, user_id)
    return Status(case, tuple(items), asked)
