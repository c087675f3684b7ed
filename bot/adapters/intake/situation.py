"""The hardship and budget questions: why, for how long, income, spending, other payments."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import callbacks as cb
from bot.adapters.conversation import message_text
from bot.adapters.intake import store
from bot.adapters.intake.entry import reask
from bot.adapters.taps import acknowledge
from bot.domain.affordability import essentials_look_low
from bot.domain.case_fields import CaseChanges, CaseField
from bot.domain.hardship import (
    MAX_NOTE_CHARS,
    clean_note,
    guess_reason,
    hardship_months_until,
    parse_hardship_months,
)
from bot.domain.models import HardshipReason
from bot.domain.money import parse_amount
from bot.domain.parsing import ParseError, ParseProblem
from bot.domain.paydays import parse_payday
from bot.domain.replies import Reply, typed_reply
from bot.services import services
from bot.storage.records import CaseRecord
from bot.texts.zh import intake as t
from bot.texts.zh.names import REASON_NAMES
from bot.views.answers import problem_text
from conversations.intake.states import Answers, IntakeState, next_state

S = IntakeState
# Sanity bound for monthly figures typed by a person: 100万元 a month.
MAX_MONTHLY_FEN = 1_000_000 * 100


def _answers(case: CaseRecord, fields: CaseChanges) -> Answers:
    """What decides the next budget question, with this answer applied."""
    income = fields.get(CaseField.INCOME, case.income_fen)
    essentials = fields.get(CaseField.ESSENTIALS, case.essentials_fen)
    has_income = isinstance(income, int) and income > 0
    return Answers(
        has_income=has_income,
        payday_answered=bool(fields.get(CaseField.PAYDAY_ANSWERED, case.payday_answered)),
        essentials_low=has_income
        and isinstance(essentials, int)
        and isinstance(income, int)
        and essentials_look_low(income, essentials),
        essentials_checked=bool(fields.get(CaseField.ESSENTIALS_CHECKED, case.essentials_checked)),
    )


async def _save_case(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    answered: IntakeState,
    fields: CaseChanges | None = None,
    *,
    target: IntakeState | None = None,
    case: CaseRecord | None = None,
) -> IntakeState:
    """Stores ``fields`` of ``case`` (read here unless the caller has it), asks what is next."""
    fields = fields or {}
    case = case or await store.require_case(update, context)
    answers = _answers(case, fields)
    target = target or next_state(answered, editing=case.editing, answers=answers)
    # no fields when an answer already given is kept ("确认"): only the place moves on
    return await store.answer(update, context, case, target, case_fields=fields)


async def choose_reason(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores the tapped reason; "其他" asks for a sentence, the rest ask how long it lasts."""
    query = update.callback_query
    assert query is not None and query.data is not None
    reason = cb.REASON.read(update)
    await acknowledge(update, echo=t.ECHO_REASON.format(reason=REASON_NAMES[reason]))
    return await _save_reason(update, context, reason)


async def _save_reason(
    update: Update, context: ContextTypes.DEFAULT_TYPE, reason: HardshipReason
) -> IntakeState:
    if reason == HardshipReason.OTHER:
        return await _save_case(
            update,
            context,
            S.ASK_REASON,
            {CaseField.HARDSHIP_REASON: reason},
            target=S.ASK_REASON_TEXT,
        )
    fields = {CaseField.HARDSHIP_REASON: reason, CaseField.HARDSHIP_NOTE: None}
    return await _save_case(update, context, S.ASK_REASON, fields)


async def _button_word_at_reason(
    update: Update, context: ContextTypes.DEFAULT_TYPE, answered: IntakeState
) -> IntakeState | None:
    """ "确认", "对", "有" typed at a reason question are no reason: they keep the answer
    already given (after /back or from the summary), or the question is asked again."""
    reply = typed_reply(message_text(update))
    if reply is None:
        return None
    case = await store.require_case(update, context)
    has_answer = case.hardship_reason is not None and (
        answered == S.ASK_REASON or case.hardship_note
    )
    if reply is Reply.YES and has_answer:
        return await _save_case(update, context, answered, case=case)
    return await reask(update, context, None)


async def type_reason(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores a reason written in the user's own words and asks how long it lasts."""
    if (asked := await _button_word_at_reason(update, context, S.ASK_REASON)) is not None:
        return asked
    if (named := _reason_named(message_text(update))) is not None:
        return await _save_reason(update, context, named)  # "收入减少" typed: the button
    try:
        note = clean_note(message_text(update))
    except ParseError as error:
        return await reask(update, context, _note_problem(error))
    fields = {CaseField.HARDSHIP_REASON: guess_reason(note), CaseField.HARDSHIP_NOTE: note}
    return await _save_case(update, context, S.ASK_REASON, fields)


async def receive_reason_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores the user's sentence about what happened and asks how long it lasts."""
    if (asked := await _button_word_at_reason(update, context, S.ASK_REASON_TEXT)) is not None:
        return asked
    try:
        note = clean_note(message_text(update))
    except ParseError as error:
        return await reask(update, context, _note_problem(error))
    return await _save_case(update, context, S.ASK_REASON_TEXT, {CaseField.HARDSHIP_NOTE: note})


def _reason_named(text: str) -> HardshipReason | None:
    """The reason whose button's words are all that was typed ("失业。"), or None."""
    said = text.strip().strip("。.!！，, ")
    return next((reason for reason, name in REASON_NAMES.items() if name == said), None)


def _note_problem(error: ParseError) -> str:
    if error.problem == ParseProblem.TOO_LARGE:
        return t.REASON_TOO_LONG.format(limit=MAX_NOTE_CHARS)
    return problem_text(error.problem)


async def choose_duration(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores a tapped duration (months, or lasting) and asks for the income."""
    query = update.callback_query
    assert query is not None and query.data is not None
    months = cb.DURATION.read(update)
    label = next((text for text, value in t.DURATION_BUTTONS if value == months), None)
    await acknowledge(update, echo=t.ECHO_DURATION.format(duration=label) if label else None)
    return await _save_duration(update, context, months)


async def type_duration(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores a typed duration ("3个月", "半年", "长期") and asks for the income."""
    text = message_text(update)
    try:
        months = parse_hardship_months(text)
    except ParseError:
        try:
            # "到明年3月底": the date the hardship should end by
            months = hardship_months_until(text, services(context).today())
        except ParseError:
            return await reask(update, context, t.NOT_A_DURATION_MONTHS)
    return await _save_duration(update, context, months)


async def _save_duration(
    update: Update, context: ContextTypes.DEFAULT_TYPE, months: int | None
) -> IntakeState:
    fields = {CaseField.HARDSHIP_TEMPORARY: months is not None, CaseField.HARDSHIP_MONTHS: months}
    return await _save_case(update, context, S.ASK_DURATION, fields)


async def receive_income(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores the monthly net income and asks on which day it arrives (none: essentials)."""
    if typed_reply(message_text(update)) is Reply.NO:  # "没有": no income
        return await _save_case(update, context, S.ASK_INCOME, {CaseField.INCOME: 0})
    return await _receive_money(update, context, S.ASK_INCOME, CaseField.INCOME)


async def choose_payday(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores a tapped payday (or irregular income) and asks for essential spending."""
    query = update.callback_query
    assert query is not None and query.data is not None
    payday = cb.PAYDAY.read(update)
    label = next((text for text, value in t.PAYDAY_BUTTONS if value == payday), None)
    await acknowledge(update, echo=t.ECHO_PAYDAY.format(payday=label) if label else None)
    fields = {CaseField.PAYDAY: payday, CaseField.PAYDAY_ANSWERED: True}
    return await _save_case(update, context, S.ASK_PAYDAY, fields)


async def type_payday(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores a typed payday ("15号", "月底", "不固定") and asks for essential spending."""
    try:
        payday = parse_payday(message_text(update))
    except ParseError:
        return await reask(update, context, t.NOT_A_PAYDAY)
    fields = {CaseField.PAYDAY: payday, CaseField.PAYDAY_ANSWERED: True}
    return await _save_case(update, context, S.ASK_PAYDAY, fields)


async def receive_essentials(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores essential spending; asks once to re-check it if low, else other payments."""
    return await _receive_money(update, context, S.ASK_ESSENTIALS, CaseField.ESSENTIALS)


async def essentials_confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """The low essentials were checked and stand; asks for other fixed payments."""
    if update.callback_query is not None:
        await acknowledge(update, echo=t.ECHO_ESSENTIALS_OK)
    return await _save_case(
        update, context, S.CHECK_ESSENTIALS, {CaseField.ESSENTIALS_CHECKED: True}
    )


async def recheck_essentials(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """A new essentials total typed after the check; asks for other fixed payments.

    "没漏", "对", "好的" typed mean the button: the total stands.
    """
    if typed_reply(message_text(update)) in (Reply.YES, Reply.NO):
        return await essentials_confirmed(update, context)
    try:
        fen = parse_amount(message_text(update), max_fen=MAX_MONTHLY_FEN, allow_zero=True)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    fields = {CaseField.ESSENTIALS: fen, CaseField.ESSENTIALS_CHECKED: True}
    return await _save_case(update, context, S.CHECK_ESSENTIALS, fields)


async def receive_other_debts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores other fixed monthly debt payments ("车贷每月800") and shows the summary."""
    if typed_reply(message_text(update)) is Reply.NO:
        return await no_other_debts(update, context)
    return await _receive_money(update, context, S.ASK_OTHER_DEBTS, CaseField.OTHER_DEBTS)


async def no_other_debts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Records that there are no other monthly payments and shows the summary."""
    if update.callback_query is not None:
        await acknowledge(update, echo=t.ECHO_NO_OTHER)
    return await _save_case(update, context, S.ASK_OTHER_DEBTS, {CaseField.OTHER_DEBTS: 0})


async def _receive_money(
    update: Update, context: ContextTypes.DEFAULT_TYPE, answered: IntakeState, field: CaseField
) -> IntakeState:
    try:
        fen = parse_amount(message_text(update), max_fen=MAX_MONTHLY_FEN, allow_zero=True)
    except ParseError as error:
        if error.problem is ParseProblem.SEVERAL_AMOUNTS and answered == S.ASK_INCOME:
            # "好的时候8000，差的时候2000" is a range: a plan must fit the lean months
            return await reask(update, context, t.INCOME_RANGE)
        return await reask(update, context, problem_text(error.problem))
    return await _save_case(update, context, answered, {field: fen})
