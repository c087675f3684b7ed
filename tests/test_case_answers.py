"""A stored case reaches the question views as its answers so far, nothing lost on the way."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from bot.adapters.answers import case_answers
from bot.domain.answers import CaseAnswers, DebtAnswers
from bot.domain.models import HardshipReason, Product, RateBasis
from bot.storage.repo import CaseRecord, DebtRecord


def test_every_answer_and_the_debt_being_asked_about_carry_over() -> None:
    done = DebtRecord(7, Product.HUABEI, 2_350_000, date(2026, 10, 15), 500, True)
    asking = DebtRecord(8, Product.JIEBEI, 100_000, None, None, False, RateBasis.LOAN, None, False)
    record = CaseRecord(
        1, 2, "planned", None, False, 8, HardshipReason.ILLNESS, "住院", True, 3,
        500_000, 300_000, 0, (done, asking), payday=15,
    )  # fmt: skip
    answers = case_answers(record)
    assert answers.planned and answers.current_debt is not None
    assert answers.current_debt.id == 8 and answers.current_debt.rate_basis is RateBasis.LOAN
    assert [d.complete for d in answers.debts] == [True, False]
    for name in {f.name for f in fields(CaseAnswers)} - {"debts", "planned"}:
        assert getattr(answers, name) == getattr(record, name), name
    for name in {f.name for f in fields(DebtAnswers)} - {"complete"}:
        assert getattr(answers.debts[0], name) == getattr(done, name), name
    assert not case_answers(replace(record, status="draft")).planned
