"""Stored cases as the intake's answers so far: the records stop here, views get domain values."""

from __future__ import annotations

from bot.domain.answers import CaseAnswers, DebtAnswers
from bot.storage.records import CaseRecord, DebtRecord


def debt_answers(debt: DebtRecord) -> DebtAnswers:
    return DebtAnswers(
        id=debt.id,
        product=debt.product,
        amount_fen=debt.amount_fen,
        overdue_since=debt.overdue_since,
        daily_rate_ppm=debt.daily_rate_ppm,
        rate_basis=debt.rate_basis,
        total_due_fen=debt.total_due_fen,
        complete=debt.complete,
    )


def debts_of(case: CaseRecord) -> tuple[DebtAnswers, ...]:
    return tuple(debt_answers(d) for d in case.debts)


def case_answers(case: CaseRecord) -> CaseAnswers:
    return CaseAnswers(
        debts=debts_of(case),
        current_debt_id=case.current_debt_id,
        hardship_reason=case.hardship_reason,
        hardship_note=case.hardship_note,
        hardship_temporary=case.hardship_temporary,
        hardship_months=case.hardship_months,
        income_fen=case.income_fen,
        essentials_fen=case.essentials_fen,
        other_debts_fen=case.other_debts_fen,
        payday=case.payday,
        payday_answered=case.payday_answered,
        planned=case.status == "planned",
    )
