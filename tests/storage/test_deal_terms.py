"""A deal's terms in their stored text: the fields reported, or the plan's installments."""

from __future__ import annotations

from datetime import date

from bot.domain.deal import DealKind, DealTerms, PlannedInstallment
from bot.storage.deal_terms import from_json, to_json


def test_reported_terms_keep_the_fields_given_and_read_back() -> None:
    terms = DealTerms(
        DealKind.PAUSE_THEN_INSTALLMENTS,
        periods=6,
        total_fen=90_000,
        due_day=10,
        pause_until=date(2025, 6, 1),
    )
    text = to_json(terms, ())
    assert text == (
        '{"kind": "pause_then_installments", "periods": 6, "total_fen": 90000,'
        ' "due_day": 10, "pause_until": "2025-06-01"}'
    )
    assert from_json(terms.kind, text) == terms


def test_a_deal_from_the_plan_keeps_its_dates_and_amounts() -> None:
    items = (
        PlannedInstallment(1, date(2025, 4, 10), 50_000),
        PlannedInstallment(2, date(2025, 5, 10), 40_000),
    )
    text = to_json(DealTerms(DealKind.SUGGESTED), items)
    assert text == '{"due_dates": ["2025-04-10", "2025-05-10"], "amounts": [50000, 40000]}'
    assert from_json(DealKind.SUGGESTED, text) == DealTerms(DealKind.SUGGESTED)


def test_terms_stored_by_earlier_versions_still_read() -> None:
    # the whole draft was kept once, with the recording's own keys beside the terms
    text = '{"kind": "single", "amount_fen": 5000, "first_due": "2025-04-01", "fixing": false}'
    assert from_json(DealKind.SINGLE, text) == DealTerms(
        DealKind.SINGLE, amount_fen=5000, first_due=date(2025, 4, 1)
    )
