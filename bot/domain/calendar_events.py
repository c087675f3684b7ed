"""Which events the calendar file holds, under which UID and SEQUENCE, from the deals' history.

A phone calendar that imported an earlier file matches each event of a new file by its UID:
the same UID updates the event it has (when the SEQUENCE is higher, or equal with a later
DTSTAMP), a new UID adds one, and ``STATUS:CANCELLED`` under a higher SEQUENCE takes one
away (RFC 5545 §3.8.7.4, RFC 5546 §2.1.4). So the UID names the installment as the person
sees it, never a database row:

- *whose*: the user's calendar key, a random token stored for them (never their Telegram
  id, nothing personal), so two users never share a UID and nobody can tell from a UID who
  it belongs to;
- *to which lender*: the product, and which debt of that product in the case (1 for the
  first 花呗, 2 for a second credit card), counted in the order the debts were entered;
- *on which day*: the due date;
- *which time round*: 0, unless the same lender and day already has an event that this
  installment must not take over (one paid and kept, one cancelled, one of another deal
  still running), see below.

The installment's number is left out on purpose: a re-plan whose first new installment
falls on the day of an old one updates that event (amount and "第1/10期" change, SEQUENCE
goes up) rather than cancelling one and adding another on the same day.

The history is replayed deal by deal in the order they were recorded (a new deal for a debt
replaces the one before it, see ``repo.create_deal``):

- the same deal recorded again (same debt, same days) takes over the earlier deal's events:
  same UIDs, and, when nothing shown changed, the same SEQUENCE, so a re-import changes
  nothing;
- an installment of the replaced deal that was paid in full stays as it is;
- one not paid in full (its rest moved into the new deal, its reminders were cancelled) is
  taken over by a new installment on the same day, or else cancelled: SEQUENCE + 1 and
  ``STATUS:CANCELLED``, so a calendar that has it removes it;
- a cancelled UID is never used again (some calendars do not bring a cancelled event back):
  a later installment on that day gets the next round's UID.

Every UID's SEQUENCE is the number of times what it shows changed in that replay, so it
only grows as deals are added, and two exports of the same stored state are identical.
Reminder settings (the alarms) are not in the history: a file whose alarms changed differs
only under a later DTSTAMP, which RFC 5546 lets a calendar take as the newer version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.domain.models import Product
from bot.domain.progress import Installment

UID_DOMAIN = "huabei-helper-bot"


@dataclass(frozen=True, slots=True)
class DealSchedule:
    """One recorded deal as the calendar sees it; a user's deals come in the order recorded.

    ``ordinal`` tells debts of the same product apart (1 for the first of them in the case).
    """

    debt_id: int
    ordinal: int
    active: bool
    installments: tuple[Installment, ...]


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One event of the file: the installment it shows, or the one it takes away."""

    uid: str
    sequence: int
    cancelled: bool
    product: Product
    number: int
    count: int
    due: date
    amount_fen: int


def event_uid(key: str, product: Product, ordinal: int, due: date, round_: int = 0) -> str:
    """The UID of the ``round_``-th event for this lender on ``due``, under the user's key.

    A digest, so the key and the parts it was made of cannot be read back from it.
    """
    parts = (key, product.value, str(ordinal), due.isoformat(), str(round_))
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


_Day = tuple[Product, int, date]  # a lender (product, ordinal) on a due date


@dataclass(slots=True)
class _Issued:
    """A UID as the replay has issued it so far."""

    uid: str
    day: _Day
    shown: tuple[int, int, int]  # number, count, amount: what the event says
    sequence: int = 0
    cancelled: bool = False


@dataclass(slots=True)
class _Replay:
    key: str
    # every UID issued for a lender on a day, in the order issued
    by_day: dict[_Day, list[_Issued]] = field(default_factory=dict)
    # the events of the deal each debt has now, with the installment each shows
    current: dict[int, list[tuple[Installment, _Issued]]] = field(default_factory=dict)
    # debts whose current deal is no longer running (ended without a successor)
    ended: set[int] = field(default_factory=set)

    def record(self, deal: DealSchedule) -> None:
        """``deal`` replaces the debt's deal before it."""
        released = self._release(deal.debt_id)
        events = []
        for item in sorted(deal.installments, key=lambda i: i.number):
            day = (item.product, deal.ordinal, item.due)
            shown = (item.number, item.count, item.amount_fen)
            free = released.get(day)
            if free:
                issued = free.pop(0)
                if issued.shown != shown:
                    issued.shown = shown
                    issued.sequence += 1
            else:
                issued = self._issue(day, shown)
            events.append((item, issued))
        for left in released.values():
            for issued in left:
                _cancel(issued)
        self.current[deal.debt_id] = events
        if deal.active:
            self.ended.discard(deal.debt_id)
        else:
            self.ended.add(deal.debt_id)

    def finish(self) -> None:
        """A deal that stopped running with nothing after it: what it still wanted goes."""
        for debt_id in sorted(self.ended):
            for left in self._release(debt_id).values():
                for issued in left:
                    _cancel(issued)

    def _release(self, debt_id: int) -> dict[_Day, list[_Issued]]:
        """The debt's current events not paid in full, free for the next deal to take over;
        the ones paid in full stay as they are."""
        free: dict[_Day, list[_Issued]] = {}
        for item, issued in self.current.pop(debt_id, []):
            if not item.paid:
                free.setdefault(issued.day, []).append(issued)
        return free

    def _issue(self, day: _Day, shown: tuple[int, int, int]) -> _Issued:
        product, ordinal, due = day
        taken = self.by_day.setdefault(day, [])
        issued = _Issued(event_uid(self.key, product, ordinal, due, len(taken)), day, shown)
        taken.append(issued)
        return issued


def _cancel(issued: _Issued) -> None:
    if not issued.cancelled:
        issued.cancelled = True
        issued.sequence += 1


def calendar_events(key: str, deals: Sequence[DealSchedule]) -> tuple[CalendarEvent, ...]:
    """Every event the user's calendar should hold, by due date: the running deals'
    installments, the paid ones of replaced deals, and the cancelled ones in between.

    ``key`` is the user's calendar key; ``deals`` all their deals in the order recorded.
    """
    replay = _Replay(key)
    for deal in deals:
        replay.record(deal)
    replay.finish()
    issued = [uid for uids in replay.by_day.values() for uid in uids]
    return tuple(
        CalendarEvent(
            uid=i.uid,
            sequence=i.sequence,
            cancelled=i.cancelled,
            product=i.day[0],
            number=i.shown[0],
            count=i.shown[1],
            due=i.day[2],
            amount_fen=i.shown[2],
        )
        for i in sorted(issued, key=lambda i: i.day[2])  # stable: issue order within a day
    )
