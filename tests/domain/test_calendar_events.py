"""Which events the calendar file holds, with which UID and SEQUENCE, from the deals' history."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.calendar_events import CalendarEvent, DealSchedule, calendar_events, event_uid
from bot.domain.deal import due_dates
from bot.domain.models import Product
from bot.domain.progress import Installment

KEY = "0123456789abcdef0123456789abcdef"
_ids = iter(range(1, 1_000_000))


def deal(
    first: date,
    count: int,
    amount: int = 195_834,
    *,
    debt_id: int = 1,
    ordinal: int = 1,
    product: Product = Product.HUABEI,
    active: bool = True,
    paid: dict[int, int] | None = None,
) -> DealSchedule:
    """``count`` monthly installments from ``first``; ``paid``: number → fen paid."""
    deal_id = next(_ids)
    paid = paid or {}
    items = tuple(
        Installment(
            id=next(_ids),
            deal_id=deal_id,
            debt_id=debt_id,
            product=product,
            number=k,
            count=count,
            due=due,
            amount_fen=amount,
            paid_fen=paid.get(k),
            paid_at=None,
        )
        for k, due in enumerate(due_dates(first, first.day, count), start=1)
    )
    return DealSchedule(debt_id, ordinal, active, items)


def ended(schedule: DealSchedule) -> DealSchedule:
    return replace(schedule, active=False)


def live(events: tuple[CalendarEvent, ...]) -> list[CalendarEvent]:
    return [e for e in events if not e.cancelled]


def test_one_event_per_installment_all_new():
    events = calendar_events(KEY, [deal(date(2026, 12, 10), 12)])
    assert len(events) == 12 and len({e.uid for e in events}) == 12
    assert [e.due for e in events] == list(due_dates(date(2026, 12, 10), 10, 12))
    assert all(e.sequence == 0 and not e.cancelled for e in events)
    assert all(re.fullmatch(r"[0-9a-f]{32}@huabei-helper-bot", e.uid) for e in events)


def test_the_same_deal_recorded_again_is_the_same_file():
    first = deal(date(2026, 12, 10), 12)
    again = deal(date(2026, 12, 10), 12)  # new ids, same debt and days
    once = calendar_events(KEY, [first])
    twice = calendar_events(KEY, [ended(first), again])
    assert twice == once


def test_a_replan_on_other_days_cancels_what_is_left_and_keeps_what_was_paid():
    old = deal(date(2026, 12, 10), 12, paid={1: 195_834, 2: 100_000})
    new = deal(date(2027, 2, 17), 10, 180_000)
    before = calendar_events(KEY, [old])
    after = calendar_events(KEY, [ended(old), new])
    by_uid = {e.uid: e for e in after}
    assert {e.uid for e in before} <= set(by_uid)
    paid_in_full = by_uid[before[0].uid]
    assert paid_in_full == before[0]  # stays as it was
    for gone in before[1:]:  # the part payment too: its rest moved into the new deal
        assert by_uid[gone.uid].cancelled and by_uid[gone.uid].sequence == 1
        assert by_uid[gone.uid].amount_fen == gone.amount_fen  # says which one it was
    added = [e for e in after if e.uid not in {b.uid for b in before}]
    assert [(e.number, e.count, e.amount_fen, e.sequence) for e in added] == [
        (k, 10, 180_000, 0) for k in range(1, 11)
    ]
    assert len(live(after)) == 11


def test_a_replan_on_the_same_days_updates_those_events():
    old = deal(date(2026, 12, 10), 12, paid={1: 195_834, 2: 195_834})
    new = deal(date(2027, 2, 10), 12, 180_000)  # from the old third one's day, one longer
    before = {e.due: e for e in calendar_events(KEY, [old])}
    after = calendar_events(KEY, [ended(old), new])
    assert not any(e.cancelled for e in after)
    for e in after[2:12]:
        assert e.uid == before[e.due].uid and e.sequence == 1  # updated in place
        assert (e.number, e.count, e.amount_fen) == (e.number, 12, 180_000)
    assert after[2].number == 1
    assert after[12].sequence == 0 and after[12].uid not in {b.uid for b in before.values()}


def test_a_day_paid_in_full_is_never_taken_over():
    old = deal(date(2026, 12, 10), 3, paid={2: 195_834})  # the second paid early
    new = deal(date(2027, 1, 10), 2, 200_000)
    before = calendar_events(KEY, [old])
    after = calendar_events(KEY, [ended(old), new])
    on_jan_10 = [e for e in after if e.due == date(2027, 1, 10)]
    assert len(on_jan_10) == 2 and before[1] in on_jan_10
    assert on_jan_10[1].uid == event_uid(KEY, Product.HUABEI, 1, date(2027, 1, 10), 1)
    assert before[0].uid in {e.uid for e in after if e.cancelled}  # nothing paid on it


def test_a_cancelled_uid_is_never_brought_back():
    first = deal(date(2026, 12, 10), 6)
    second = deal(date(2026, 12, 17), 6)
    third = deal(date(2026, 12, 10), 6)  # back on the first days
    events = calendar_events(KEY, [ended(first), ended(second), third])
    first_uids = {e.uid for e in calendar_events(KEY, [first])}
    assert all(e.cancelled and e.sequence == 1 for e in events if e.uid in first_uids)
    assert len(live(events)) == 6 and not first_uids & {e.uid for e in live(events)}
    assert len(events) == 18


def test_a_deal_that_ended_without_another_takes_its_open_installments_away():
    only = deal(date(2026, 12, 10), 3, paid={1: 195_834})
    events = calendar_events(KEY, [ended(only)])
    assert [e.cancelled for e in events] == [False, True, True]


def test_users_and_debts_never_share_a_uid():
    one = calendar_events(KEY, [deal(date(2026, 12, 10), 12)])
    other_user = calendar_events("f" * 32, [deal(date(2026, 12, 10), 12)])
    second_card = calendar_events(KEY, [deal(date(2026, 12, 10), 12, debt_id=2, ordinal=2)])
    jiebei = calendar_events(KEY, [deal(date(2026, 12, 10), 12, product=Product.JIEBEI)])
    uids = [{e.uid for e in events} for events in (one, other_user, second_card, jiebei)]
    assert sum(len(u) for u in uids) == len(set().union(*uids)) == 48


def test_two_running_deals_on_the_same_days_are_two_events_each_day():
    """重新开始 leaves the first case's deal running; the same deal in the new case is a
    second debt of the same ordinal: the bot reminds of both, the calendar shows both."""
    first = deal(date(2026, 12, 10), 3, debt_id=1)
    second = deal(date(2026, 12, 10), 3, debt_id=2)
    events = calendar_events(KEY, [first, second])
    assert len(events) == 6 and len({e.uid for e in events}) == 6
    assert not any(e.cancelled for e in events)


# --- any history: UIDs unique, SEQUENCE only grows, and grows whenever an event changes ---

_DAYS = [date(2026, 12, 10), date(2026, 12, 17), date(2027, 1, 10), date(2027, 2, 10)]
_step = st.one_of(
    st.tuples(
        st.just("deal"),
        st.integers(1, 2),  # which debt
        st.sampled_from(_DAYS),
        st.integers(1, 4),  # how many
        st.sampled_from([100_000, 150_000]),
    ),
    st.tuples(st.just("pay"), st.integers(1, 2), st.integers(1, 4), st.booleans()),
)


def _history(steps: list[tuple]) -> list[list[DealSchedule]]:
    """The stored deals after each step: a new deal ends its debt's one before it; a payment
    (in full or in part) goes to an installment of a running deal."""
    deals: list[DealSchedule] = []
    states = []
    for step in steps:
        if step[0] == "deal":
            _, debt, first, count, amount = step
            deals = [ended(d) if d.debt_id == debt else d for d in deals]
            deals.append(deal(first, count, amount, debt_id=debt, ordinal=debt))
        else:
            _, debt, number, full = step
            for i, d in enumerate(deals):
                if d.active and d.debt_id == debt and number <= len(d.installments):
                    items = list(d.installments)
                    item = items[number - 1]
                    items[number - 1] = replace(
                        item, paid_fen=item.amount_fen if full else item.amount_fen // 2
                    )
                    deals[i] = replace(d, installments=tuple(items))
        states.append(list(deals))
    return states


@settings(max_examples=300, deadline=None)
@given(st.lists(_step, min_size=1, max_size=8))
def test_any_history_only_ever_moves_sequences_forward(steps: list[tuple]) -> None:
    previous: dict[str, CalendarEvent] = {}
    for deals in _history(steps):
        events = calendar_events(KEY, deals)
        assert events == calendar_events(KEY, deals)  # the same state, the same file
        by_uid = {e.uid: e for e in events}
        assert len(by_uid) == len(events)  # one event per UID
        # shown: every installment of a running deal, and those of ended deals paid in full
        running = sum(len(d.installments) for d in deals if d.active)
        kept = sum(i.paid for d in deals if not d.active for i in d.installments)
        assert len(live(events)) == running + kept
        for uid, old in previous.items():
            new = by_uid[uid]  # an issued UID is never dropped
            assert new.sequence >= old.sequence
            changed = (new.cancelled, new.number, new.count, new.amount_fen) != (
                old.cancelled,
                old.number,
                old.count,
                old.amount_fen,
            )
            assert changed == (new.sequence > old.sequence)
            assert not (old.cancelled and not new.cancelled)  # never brought back
        previous = by_uid
