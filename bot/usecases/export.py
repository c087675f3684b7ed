"""/export: everything the person recorded, read together for a complaint-ready file, and
the chat messages that carried it (so /delete can take them back). The file is never stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.progress import Installment
from bot.storage import repo
from bot.storage.records import CaseRecord, DealRecord
from bot.usecases.calls import LoggedCall, logged_calls
from bot.usecases.collection import CheckedContact, checked_log
from bot.usecases.deps import Deps


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """The person's own record, times in UTC as stored (the view shows them in their zone)."""

    case: CaseRecord | None  # the open case, else the last one with a deal
    calls: tuple[LoggedCall, ...]  # oldest first
    deals: tuple[DealRecord, ...]  # in the order agreed
    installments: tuple[Installment, ...]  # of every deal, ended ones too, by due date
    contacts: tuple[CheckedContact, ...]  # the collection log, in time order, each judged

    @property
    def empty(self) -> bool:
        debts = self.case.debts if self.case is not None else ()
        return not (debts or self.calls or self.deals or self.contacts)


async def gather(deps: Deps, user_id: int) -> ExportRecord:
    """One read of everything, so the parts of the file agree with each other."""
    async with deps.database.transaction() as conn:  # read together, no write between
        case = await repo.latest_case(conn, user_id)
        calls = await logged_calls(conn, user_id, limit=None)
        deals = await repo.deal_history(conn, user_id)
        installments = await repo.all_installments(conn, user_id)
        contacts = await checked_log(deps, conn, user_id)
    return ExportRecord(
        case, tuple(reversed(calls)), tuple(deals), tuple(installments), tuple(contacts)
    )


async def remember_sent(deps: Deps, user_id: int, chat_id: int, message_ids: Sequence[int]) -> None:
    """The messages that carried the files, for /delete to remove from the chat."""
    async with deps.database.transaction() as conn:
        await repo.add_sent_exports(conn, user_id, chat_id, message_ids, deps.now())
