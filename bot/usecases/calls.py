"""Reading the call log (/calls): every call recorded, newest first, with its debts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.domain.models import Product
from bot.storage import repo
from bot.usecases.deps import Deps


@dataclass(frozen=True, slots=True)
class LoggedCall:
    called_at: datetime  # UTC
    outcome: str  # "agreed" or "refused"
    staff_id: str | None
    note: str | None
    # the debts an agreed call settled (one call may settle several, each its own deal)
    products: tuple[Product, ...]


async def call_log(deps: Deps, user_id: int) -> list[LoggedCall]:
    """The user's latest calls, newest first (empty: none recorded)."""
    async with deps.database.transaction() as conn:  # read together, no write between
        return await logged_calls(conn, user_id)


async def logged_calls(
    conn: aiosqlite.Connection, user_id: int, limit: int | None = 20
) -> list[LoggedCall]:
    """The calls, newest first, each with the debts it settled (``limit=None``: all)."""
    calls = await repo.list_calls(conn, user_id, limit)
    # a saved deal and its call share one moment: that is how a call names its debts
    agreed = await repo.products_by_agreement(conn, user_id) if calls else {}
    return [
        LoggedCall(
            call.called_at,
            call.outcome,
            call.staff_id,
            call.note,
            tuple(agreed.get(call.called_at, ())) if call.outcome == "agreed" else (),
        )
        for call in calls
    ]
