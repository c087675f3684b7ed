"""📒 记录一次催收: logging a collector's contact answer by answer, checking it against the
rules with the rest of its day, and reading the log back (the list, and the export later)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import aiosqlite

from bot.domain.collection import Contact, Verdict, check, check_log
from bot.storage import repo
from bot.storage.repo import LoggedContact
from bot.usecases.deps import Deps
from bot.usecases.places import Place, save_place

CONVERSATION_NAME = "collector"


@dataclass(frozen=True, slots=True)
class CheckedContact:
    """A logged contact, its moment in the person's zone, and the rules it breaks."""

    id: int
    contact: Contact
    note: str | None
    verdict: Verdict


async def start(deps: Deps, user_id: int, chat_id: int, place: Place) -> int:
    """A new contact to log: an empty draft and the first question's place; returns how
    many contacts are logged already."""
    async with deps.database.transaction() as conn:
        await repo.ensure_user(conn, user_id, chat_id, deps.now())
        await repo.save_collection_draft(conn, user_id, {})
        await save_place(conn, place)
        return len(await repo.contacts_of(conn, user_id))


async def draft(deps: Deps, user_id: int) -> dict[str, object]:
    """The answers given so far."""
    return await repo.load_collection_draft(await deps.database.connection(), user_id)


async def answer(deps: Deps, user_id: int, changes: dict[str, object], place: Place) -> None:
    """One answer kept with the draft, and the next question's place."""
    async with deps.database.transaction() as conn:
        data = await repo.load_collection_draft(conn, user_id)
        data.update(changes)
        await repo.save_collection_draft(conn, user_id, data)
        await save_place(conn, place)


async def discard(deps: Deps, user_id: int, place: Place) -> None:
    """/cancel: the draft goes, nothing is logged."""
    async with deps.database.transaction() as conn:
        await repo.save_collection_draft(conn, user_id, None)
        await save_place(conn, place)


def _day_bounds(deps: Deps, day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=deps.tz)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=deps.tz)


def _local(deps: Deps, entry: LoggedContact, verdict: Verdict) -> CheckedContact:
    contact = replace(entry.contact, contacted_at=entry.contact.contacted_at.astimezone(deps.tz))
    return CheckedContact(entry.id, contact, entry.note, verdict)


async def log_contact(
    deps: Deps, user_id: int, contact: Contact, note: str | None, place: Place
) -> CheckedContact:
    """Stores the contact (the draft goes) and checks it with those before it that day."""
    day = contact.contacted_at.astimezone(deps.tz).date()
    start_, end = _day_bounds(deps, day)
    async with deps.database.transaction() as conn:
        others = await repo.contacts_between(conn, user_id, start_, end)
        entry_id = await repo.add_contact(conn, user_id, contact, note, deps.now())
        await repo.save_collection_draft(conn, user_id, None)
        await save_place(conn, place)
        (stored,) = [
            e for e in await repo.contacts_between(conn, user_id, start_, end) if e.id == entry_id
        ]
    # judged against what came before it that day, as the whole log is (check_log): a call
    # logged late for the morning does not break a limit reached only in the afternoon
    earlier = [e.contact for e in others if e.contact.contacted_at <= stored.contact.contacted_at]
    verdict = check(stored.contact, earlier, deps.tz)
    return _local(deps, stored, verdict)


async def day_entries(deps: Deps, user_id: int, day: date) -> list[CheckedContact]:
    """The contacts of one local day, each judged with those before it that day."""
    start_, end = _day_bounds(deps, day)
    entries = await repo.contacts_between(await deps.database.connection(), user_id, start_, end)
    verdicts = check_log([e.contact for e in entries], deps.tz)
    return [_local(deps, e, v) for e, v in zip(entries, verdicts, strict=True)]


async def whole_log(deps: Deps, user_id: int) -> list[CheckedContact]:
    """Every contact logged, in time order, each with the rules it breaks."""
    return await checked_log(deps, await deps.database.connection(), user_id)


async def checked_log(deps: Deps, conn: aiosqlite.Connection, user_id: int) -> list[CheckedContact]:
    """The whole log judged as one (within a transaction the caller holds, for the export)."""
    entries = await repo.contacts_of(conn, user_id)
    verdicts = check_log([e.contact for e in entries], deps.tz)
    return [_local(deps, e, v) for e, v in zip(entries, verdicts, strict=True)]
