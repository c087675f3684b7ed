"""progress_of and progress_bar: what /status shows."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.progress import (
    InstallmentState,
    InstallmentStatus,
    progress_bar,
    progress_of,
)

TODAY = date(2026, 12, 10)


def _items() -> list[InstallmentState]:
    return [
        InstallmentState(1, date(2026, 10, 10), 10_000, 10_000, date(2026, 10, 9)),
        InstallmentState(2, date(2026, 11, 10), 10_000),  # missed
        InstallmentState(3, date(2026, 12, 10), 10_000),
        InstallmentState(4, date(2027, 1, 10), 10_000),
    ]


def test_mixed_progress():
    p = progress_of(_items(), TODAY)
    assert (p.total_count, p.paid_count, p.overdue_count) == (4, 1, 1)
    assert (p.total_fen, p.paid_fen, p.remaining_fen) == (40_000, 10_000, 30_000)
    assert p.next_due is not None and p.next_due.number == 2
    assert p.days_to_next == -30
    assert p.fraction_permille == 250
    assert [s for _, s in p.statuses] == [
        InstallmentStatus.PAID,
        InstallmentStatus.OVERDUE,
        InstallmentStatus.DUE_TODAY,
        InstallmentStatus.UPCOMING,
    ]


def test_order_of_input_does_not_matter():
    assert progress_of(list(reversed(_items())), TODAY) == progress_of(_items(), TODAY)


def test_next_due_upcoming():
    items = [
        InstallmentState(1, date(2026, 12, 1), 500, None, date(2026, 12, 1)),
        InstallmentState(2, date(2027, 1, 1), 500),
    ]
    p = progress_of(items, TODAY)
    assert p.next_due == items[1]
    assert p.days_to_next == 22
    assert p.overdue_count == 0


def test_paid_without_amount_counts_the_amount_due():
    items = [InstallmentState(1, TODAY, 1_679, None, TODAY)]
    p = progress_of(items, TODAY)
    assert (p.paid_fen, p.remaining_fen, p.fraction_permille) == (1_679, 0, 1000)
    assert p.next_due is None and p.days_to_next is None


def test_different_amount_paid():
    items = [
        InstallmentState(1, date(2026, 11, 10), 10_000, 8_000, date(2026, 11, 10)),
        InstallmentState(2, date(2026, 12, 10), 10_000, 15_000, TODAY),
    ]
    p = progress_of(items, TODAY)
    # the first is paid in part: 2,000 are still missing; paying more on the second does
    # not fill that gap (the lender's bill says where the extra went)
    assert p.paid_count == 1
    assert (p.paid_fen, p.remaining_fen) == (23_000, 2_000)
    assert [s for _, s in p.statuses] == [InstallmentStatus.PARTIAL, InstallmentStatus.PAID]
    assert p.next_due == items[0] and p.overdue_count == 1
    assert p.fraction_permille == 900


def test_partial_payment_leaves_the_rest_open():
    """1,500 of 1,958.34 paid: not ✅; 458.34 still missing, and that is what is left."""
    items = [
        InstallmentState(1, date(2026, 12, 20), 195_834, 150_000, TODAY),
        InstallmentState(2, date(2027, 1, 20), 195_834),
    ]
    p = progress_of(items, TODAY)
    assert p.paid_count == 0
    assert p.remaining_fen == 45_834 + 195_834
    assert p.next_due == items[0] and p.days_to_next == 10
    assert items[0].outstanding_fen == 45_834
    assert [s for _, s in p.statuses] == [InstallmentStatus.PARTIAL, InstallmentStatus.UPCOMING]


def test_underpaid_all_marked_paid_is_not_a_full_bar():
    items = [InstallmentState(1, TODAY, 10_000, 9_999, TODAY)]
    p = progress_of(items, TODAY)
    assert p.remaining_fen == 1
    assert p.fraction_permille == 999
    assert progress_bar(p.fraction_permille) != progress_bar(1000)


def test_paid_amount_without_date_counts_as_paid():
    # Storage records a payment as paid_fen (+ a timestamp the handler may not pass on).
    items = [
        InstallmentState(1, date(2026, 11, 10), 10_000, 10_000),
        InstallmentState(2, date(2026, 12, 10), 10_000, 0),  # marked, but nothing paid
        InstallmentState(3, date(2027, 1, 10), 10_000),
    ]
    p = progress_of(items, TODAY)
    assert p.paid_count == 1
    assert (p.paid_fen, p.remaining_fen) == (10_000, 20_000)
    assert p.next_due == items[1]
    assert [s for _, s in p.statuses][:2] == [InstallmentStatus.PAID, InstallmentStatus.PARTIAL]


def test_empty():
    p = progress_of([], TODAY)
    assert (p.total_count, p.total_fen, p.fraction_permille) == (0, 0, 0)
    assert p.next_due is None and p.statuses == ()


@pytest.mark.parametrize(
    ("permille", "bar"),
    [
        (0, "░░░░░░░░░░"),
        (99, "░░░░░░░░░░"),
        (100, "▓░░░░░░░░░"),
        (400, "▓▓▓▓░░░░░░"),
        (999, "▓▓▓▓▓▓▓▓▓░"),
        (1000, "▓▓▓▓▓▓▓▓▓▓"),
        (-5, "░░░░░░░░░░"),
        (1500, "▓▓▓▓▓▓▓▓▓▓"),
    ],
)
def test_progress_bar(permille, bar):
    assert progress_bar(permille) == bar


def test_progress_bar_width():
    assert progress_bar(500, width=4) == "▓▓░░"
    with pytest.raises(ValueError):
        progress_bar(500, width=0)


@given(permille=st.integers(-100, 1100), width=st.integers(1, 40))
def test_progress_bar_laws(permille, width):
    bar = progress_bar(permille, width)
    assert len(bar) == width
    assert (bar == "▓" * width) == (permille >= 1000)


_STATE = st.builds(
    InstallmentState,
    number=st.integers(1, 120),
    due=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 1, 1)),
    amount_fen=st.integers(1, 10**8),
    paid_fen=st.none() | st.integers(0, 10**8),
    paid_on=st.none() | st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 1, 1)),
)


@given(items=st.lists(_STATE, max_size=20), today=st.dates(min_value=date(2026, 1, 1)))
def test_progress_laws(items, today):
    p = progress_of(items, today)
    assert p.total_count == len(items)
    # what is left is what the listed installments still miss, never less than the gap
    assert p.remaining_fen == sum(i.outstanding_fen for i in items)
    assert p.remaining_fen >= max(0, p.total_fen - p.paid_fen)
    assert (p.remaining_fen == 0) == (p.paid_count == p.total_count)
    assert 0 <= p.fraction_permille <= 1000
    counts = [s for _, s in p.statuses]
    assert counts.count(InstallmentStatus.PAID) == p.paid_count
    assert counts.count(InstallmentStatus.OVERDUE) <= p.overdue_count
    assert p.overdue_count == sum(1 for i in items if not i.is_paid and i.due < today)
    if p.next_due is not None:
        assert p.days_to_next == (p.next_due.due - today).days
        assert not p.next_due.is_paid
    else:
        assert p.paid_count == p.total_count
    for item, status in p.statuses:
        if status is InstallmentStatus.OVERDUE:
            assert item.due < today and not item.is_paid
