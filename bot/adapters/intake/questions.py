"""What each intake question looks like: text and buttons, built from the answers so far."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.adapters import keyboards
from bot.domain.affordability import percent_of
from bot.domain.answers import CaseAnswers, DebtAnswers
from bot.domain.models import Product, RateBasis
from bot.domain.money import format_fen
from bot.domain.overdue import days_overdue
from bot.domain.rates import format_rate
from bot.texts.zh import intake as t
from bot.texts.zh.names import DEBT_NAMES, REASON_NAMES
from bot.views.answers import quote
from bot.views.fmt import cn_date, payday_text, yuan
from conversations.intake.states import MAX_DEBTS, IntakeState

S = IntakeState
Question = tuple[str, InlineKeyboardMarkup | None]
# Where a question is sent as two messages (the buttons go under the last one).
MESSAGE_BREAK = "\f"
SUMMARY_SPLIT_CHARS = 300


def _current(answer: str | None) -> str:
    return t.CURRENT_ANSWER.format(answer=answer) if answer else ""


def _debt_for(case: CaseAnswers) -> DebtAnswers | None:
    return case.current_debt or (case.debts[-1] if case.debts else None)


def _product(debt: DebtAnswers | None) -> str:
    """The debt's name inside a sentence ("其他借款", not the button's "其他")."""
    return DEBT_NAMES[debt.product] if debt else ""


def _duration_text(case: CaseAnswers) -> str | None:
    if case.hardship_temporary is None:
        return None
    if case.hardship_temporary and case.hardship_months:
        return t.SUMMARY_TEMPORARY.format(months=case.hardship_months)
    return t.SUMMARY_LASTING


def _reason_text(case: CaseAnswers) -> str | None:
    if case.hardship_reason is None:
        return None
    name = REASON_NAMES[case.hardship_reason]
    if not case.hardship_note:
        return name
    return t.REASON_WITH_NOTE.format(reason=name, note=quote(case.hardship_note))


def _rate_question(debt: DebtAnswers | None) -> str:
    if debt is not None and debt.product is Product.JIEBEI:
        return t.ASK_RATE_JIEBEI
    if debt is not None and debt.product is Product.CREDIT_CARD:
        return t.ASK_RATE_CARD
    return t.ASK_RATE.format(product=_product(debt))


def _payday_text(case: CaseAnswers) -> str | None:
    if not case.payday_answered or case.income_fen in (None, 0):
        return None
    return payday_text(case.payday) if case.payday else t.SUMMARY_PAYDAY_IRREGULAR


def _rate_summary(debt: DebtAnswers) -> str:
    if not debt.daily_rate_ppm:
        return t.SUMMARY_RATE_ESTIMATED
    if debt.rate_basis is RateBasis.LOAN:
        return t.SUMMARY_RATE_LOAN.format(rate=format_rate(debt.daily_rate_ppm))
    return t.SUMMARY_RATE_GIVEN.format(rate=format_rate(debt.daily_rate_ppm))


def _money(fen: int | None) -> str | None:
    return None if fen is None else yuan(fen)


def question(state: IntakeState, case: CaseAnswers | None, today: date) -> Question:
    """The question for ``state``, showing the current answer when there is one."""
    debt = _debt_for(case) if case else None
    product = _product(debt)
    if state == S.WELCOME or case is None:
        return t.WELCOME, keyboards.agree()
    if state == S.ASK_PRODUCT:
        complete = sum(1 for d in case.debts if d.complete and d.id != case.current_debt_id)
        if complete == 0:
            text = t.ASK_FIRST_PRODUCT
        else:
            text = t.ASK_NEXT_PRODUCT.format(number=complete + 1)
        current = product if case.current_debt else None
        return text + _current(current), keyboards.products()
    if state == S.ASK_AMOUNT:
        answer = _money(debt.amount_fen) if debt else None
        return t.ASK_AMOUNT.format(product=product) + _current(answer), None
    if state == S.ASK_OVERDUE:
        since = debt.overdue_since if debt else None
        answer = t.OVERDUE_SINCE.format(since=cn_date(since)) if since else None
        return t.ASK_OVERDUE.format(product=product) + _current(answer), None
    if state == S.ASK_RATE:
        rate = debt.daily_rate_ppm if debt else None
        return (
            _rate_question(debt) + _current(format_rate(rate) if rate else None),
            keyboards.skip_rate(),
        )
    if state == S.ASK_TOTAL:
        card = debt is not None and debt.product is Product.CREDIT_CARD
        text = t.ASK_TOTAL_CARD if card else t.ASK_TOTAL.format(product=product)
        answer = _money(debt.total_due_fen) if debt else None
        return text + _current(answer), keyboards.skip_total()
    if state == S.ASK_MORE_DEBTS:
        amount = format_fen(debt.amount_fen) if debt and debt.amount_fen else "?"
        days = days_overdue(debt.overdue_since, today) if debt and debt.overdue_since else "?"
        text = t.DEBT_RECORDED.format(product=product, amount=amount, days=days)
        can_add = sum(1 for d in case.debts if d.complete) < MAX_DEBTS
        if not can_add:
            text = f"{text}\n{t.TOO_MANY_DEBTS.format(limit=MAX_DEBTS)}"
        return text, keyboards.more_debts(can_add)
    if state == S.ASK_REASON:
        return t.ASK_REASON + _current(_reason_text(case)), keyboards.reasons()
    if state == S.ASK_REASON_TEXT:
        return t.ASK_REASON_TEXT + _current(quote(case.hardship_note or "") or None), None
    if state == S.ASK_DURATION:
        return t.ASK_DURATION + _current(_duration_text(case)), keyboards.durations()
    if state == S.ASK_INCOME:
        return t.ASK_INCOME + _current(_money(case.income_fen)), None
    if state == S.ASK_PAYDAY:
        return t.ASK_PAYDAY + _current(_payday_text(case)), keyboards.paydays()
    if state == S.CHECK_ESSENTIALS:
        pct = percent_of(case.essentials_fen or 0, case.income_fen or 0) or 0
        amount = format_fen(case.essentials_fen or 0)
        return t.CHECK_ESSENTIALS.format(amount=amount, pct=pct), keyboards.essentials_ok()
    if state == S.ASK_ESSENTIALS:
        return t.ASK_ESSENTIALS + _current(_money(case.essentials_fen)), None
    if state == S.ASK_OTHER_DEBTS:
        return t.ASK_OTHER_DEBTS + _current(
            _money(case.other_debts_fen)
        ), keyboards.no_other_debts()
    if state == S.CONFIRM:
        return summary(case, today), keyboards.confirm()
    planned = case.planned
    return (t.RESUME_PLANNED if planned else t.RESUME_DRAFT), keyboards.resume(planned)


_SHORT_KEYS: dict[IntakeState, str] = {
    S.WELCOME: "welcome",
    S.ASK_PRODUCT: "product",
    S.ASK_AMOUNT: "amount",
    S.ASK_OVERDUE: "overdue",
    S.ASK_RATE: "rate",
    S.ASK_TOTAL: "total",
    S.ASK_MORE_DEBTS: "more",
    S.ASK_REASON: "reason",
    S.ASK_REASON_TEXT: "reason_text",
    S.ASK_DURATION: "duration",
    S.ASK_INCOME: "income",
    S.ASK_PAYDAY: "payday",
    S.ASK_ESSENTIALS: "essentials",
    S.CHECK_ESSENTIALS: "check_essentials",
    S.ASK_OTHER_DEBTS: "other",
    S.CONFIRM: "confirm",
}


def short_question(state: IntakeState, case: CaseAnswers | None, today: date) -> Question:
    """The question in one line, with its buttons: what a re-prompt shows."""
    _, markup = question(state, case, today)
    if case is None:
        return t.SHORT_QUESTIONS["welcome"], markup
    if state == S.RESUME:
        key = "resume_planned" if case.planned else "resume"
    else:
        key = _SHORT_KEYS[state]
    return t.SHORT_QUESTIONS[key].format(product=_product(_debt_for(case))), markup


def summary(case: CaseAnswers, today: date) -> str:
    """Every answer on one screen, for the user to confirm or change."""
    lines = [t.SUMMARY_TITLE, "", t.SUMMARY_DEBTS]
    for number, debt in enumerate(case.debts, start=1):
        if not debt.complete or debt.amount_fen is None or debt.overdue_since is None:
            continue
        total = (
            t.SUMMARY_TOTAL.format(total=format_fen(debt.total_due_fen))
            if debt.total_due_fen
            else ""
        )
        lines.append(
            t.SUMMARY_DEBT_LINE.format(
                number=number,
                product=DEBT_NAMES[debt.product],
                amount=format_fen(debt.amount_fen),
                days=days_overdue(debt.overdue_since, today),
                since=cn_date(debt.overdue_since),
                rate=_rate_summary(debt),
                total=total,
            )
        )
    reason = _reason_text(case) or t.SUMMARY_NO_REASON
    duration = _duration_text(case)
    if duration:
        reason = t.REASON_WITH_DURATION.format(reason=reason, duration=duration)
    # many debts: the list is its own message, so each message fits one phone screen
    lines.append(MESSAGE_BREAK if len("\n".join(lines)) > SUMMARY_SPLIT_CHARS else "")
    lines.append(t.SUMMARY_REASON.format(reason=reason))
    lines.append(t.SUMMARY_INCOME.format(amount=format_fen(case.income_fen or 0)))
    payday = _payday_text(case)
    if payday:
        lines.append(t.SUMMARY_PAYDAY.format(payday=payday))
    lines.append(t.SUMMARY_ESSENTIALS.format(amount=format_fen(case.essentials_fen or 0)))
    lines.append(t.SUMMARY_OTHER.format(amount=format_fen(case.other_debts_fen or 0)))
    lines.append(t.SUMMARY_FOOTER)
    return "\n".join(lines)
