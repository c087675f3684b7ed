"""Deal outcomes: paid off, re-planned, broken (a gap over 30 days old), otherwise kept."""

from datetime import date

from bot.domain.outcomes import DealFacts, DealOutcome, count_outcomes, outcome_of
from bot.domain.progress import InstallmentState

TODAY = date(2027, 3, 1)


def deal(*paid: int | None, stored: DealOutcome | None = None) -> DealFacts:
    months = [date(2026, 12, 20), date(2027, 1, 20), date(2027, 2, 20), date(2027, 3, 20)]
    items = [
        InstallmentState(n, due, 10_000, fen)
        for n, (due, fen) in enumerate(zip(months[: len(paid)], paid, strict=True), 1)
    ]
    return DealFacts(stored, items)


def test_all_paid_is_paid_off():
    assert outcome_of(deal(10_000, 10_000), TODAY) is DealOutcome.PAID_OFF


def test_a_gap_older_than_30_days_breaks_it():
    assert outcome_of(deal(10_000, None, 10_000), TODAY) is DealOutcome.BROKEN  # Jan 20
    assert outcome_of(deal(5_000, 10_000), TODAY) is DealOutcome.BROKEN  # part of Dec 20


def test_a_recent_gap_or_future_installments_keep_it():
    assert outcome_of(deal(10_000, 10_000, None, None), TODAY) is DealOutcome.KEPT  # Feb 20


def test_a_stored_outcome_wins():
    replaced = deal(10_000, None, stored=DealOutcome.REPLANNED)
    assert outcome_of(replaced, TODAY) is DealOutcome.REPLANNED


def test_counts_name_every_outcome():
    counts = count_outcomes([deal(10_000), deal(None), deal(10_000, 10_000, None)], TODAY)
    assert list(counts) == list(DealOutcome)
    assert counts == {
        DealOutcome.KEPT: 1,
        DealOutcome.REPLANNED: 0,
        DealOutcome.BROKEN: 1,
        DealOutcome.PAID_OFF: 1,
    }
