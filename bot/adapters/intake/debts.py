"""The debt questions: which product, how much, since when, at what penalty rate."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import callbacks as cb
from bot.adapters.conversation import message_text
from bot.adapters.intake import store
from bot.adapters.intake.entry import reask
from bot.adapters.taps import acknowledge
from bot.domain.case_fields import CaseField, DebtChanges, DebtField
from bot.domain.models import Product, RateBasis
from bot.domain.money import MAX_DEBT_FEN, format_fen, parse_amount
from bot.domain.overdue import parse_overdue_since
from bot.domain.parsing import ParseError
from bot.domain.rates import parse_daily_rate
from bot.domain.replies import Reply, typed_reply
from bot.services import services
from bot.storage.records import CaseRecord
from bot.texts.zh import intake as t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.answers import problem_text
from conversations.intake.states import MAX_DEBTS, IntakeState, next_state

S = IntakeState


async def receive_product(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores which product is overdue (button or its name typed) and asks the amount."""
    query = update.callback_query
    if query is not None:
        assert query.data is not None
        product = cb.PRODUCT.read(update)
        await acknowledge(update, echo=t.ECHO_PRODUCT.format(product=PRODUCT_NAMES[product]))
    else:
        found = typed_product(message_text(update))
        if found is None:
            return await reask(update, context, t.USE_PRODUCT_BUTTONS)
        product = found
    return await _save_product(update, context, product)


def typed_product(text: str) -> Product | None:
    """The one product named in ``text`` ("花呗", "还有借呗", "其他"), or None."""
    found = [p for p, name in PRODUCT_NAMES.items() if name in text and p != Product.OTHER]
    if not found and text.strip().strip("。.!！") in t.OTHER_PRODUCT_WORDS:
        return Product.OTHER
    return found[0] if len(found) == 1 else None


async def _save_product(
    update: Update, context: ContextTypes.DEFAULT_TYPE, product: Product
) -> IntakeState:
    case = await store.require_case(update, context)
    target = next_state(S.ASK_PRODUCT, editing=case.editing)
    debt = case.current_debt
    if debt is None:
        return await store.answer(update, context, case, target, new_debt=product)
    # a loan rate only makes sense for 借呗: anything else was a penalty rate
    basis = debt.rate_basis if product is Product.JIEBEI else RateBasis.PENALTY
    fields = {DebtField.PRODUCT: product, DebtField.RATE_BASIS: basis}
    return await store.answer(update, context, case, target, debt_id=debt.id, debt_fields=fields)


async def receive_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores the overdue amount and asks how long it has been overdue."""
    try:
        fen = parse_amount(message_text(update), max_fen=MAX_DEBT_FEN)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    return await _save_debt(update, context, S.ASK_AMOUNT, {DebtField.AMOUNT: fen})


async def receive_overdue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores since when the debt is overdue and asks for the penalty rate."""
    try:
        since = parse_overdue_since(message_text(update), services(context).today())
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    return await _save_debt(update, context, S.ASK_OVERDUE, {DebtField.OVERDUE_SINCE: since})


async def receive_rate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores the daily rate the app shows and asks for the whole balance.

    For 借呗 the question asks for the 借款详情 rate, a loan rate, unless the user says it
    is the penalty rate ("罚息 0.075%").
    """
    text = message_text(update)
    if typed_reply(text) in (Reply.UNKNOWN, Reply.NO):
        return await skip_rate(update, context)
    try:
        ppm = parse_daily_rate(text)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    case = await store.require_case(update, context)
    jiebei = case.current_debt is not None and case.current_debt.product is Product.JIEBEI
    basis = RateBasis.LOAN if jiebei and "罚息" not in text else RateBasis.PENALTY
    fields = {DebtField.DAILY_RATE: ppm, DebtField.RATE_BASIS: basis, DebtField.RATE_ANSWERED: True}
    return await _save_debt(update, context, S.ASK_RATE, fields, case)


async def skip_rate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Records that the rate is unknown (the plan estimates it) and asks for the balance."""
    if update.callback_query is not None:
        await acknowledge(update, echo=t.ECHO_RATE_SKIPPED)
    fields = {
        DebtField.DAILY_RATE: None,
        DebtField.RATE_BASIS: RateBasis.PENALTY,
        DebtField.RATE_ANSWERED: True,
    }
    return await _save_debt(update, context, S.ASK_RATE, fields)


async def receive_total(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Stores the whole balance (全部待还) and asks about further debts."""
    if typed_reply(message_text(update)) in (Reply.UNKNOWN, Reply.NO):
        return await skip_total(update, context)
    try:
        fen = parse_amount(message_text(update), max_fen=MAX_DEBT_FEN)
    except ParseError as error:
        return await reask(update, context, problem_text(error.problem))
    case = await store.require_case(update, context)
    debt = case.current_debt
    if debt is not None and debt.amount_fen is not None and fen < debt.amount_fen:
        return await reask(
            update, context, t.TOTAL_BELOW_OVERDUE.format(amount=format_fen(debt.amount_fen))
        )
    fields = {DebtField.TOTAL_DUE: fen, DebtField.TOTAL_ANSWERED: True}
    return await _save_debt(update, context, S.ASK_TOTAL, fields, case)


async def skip_total(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Records that the whole balance is unknown and asks about further debts."""
    if update.callback_query is not None:
        await acknowledge(update, echo=t.ECHO_TOTAL_SKIPPED)
    fields = {DebtField.TOTAL_DUE: None, DebtField.TOTAL_ANSWERED: True}
    return await _save_debt(update, context, S.ASK_TOTAL, fields)


async def _save_debt(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    answered: IntakeState,
    fields: DebtChanges,
    case: CaseRecord | None = None,
) -> IntakeState:
    """Stores ``fields`` of the current debt of ``case`` (read here unless the caller has it)."""
    case = case or await store.require_case(update, context)
    debt = case.current_debt
    if debt is None:
        return await store.move_to(update, context, case, S.ASK_PRODUCT)
    target = next_state(answered, editing=case.editing)
    return await store.answer(update, context, case, target, debt_id=debt.id, debt_fields=fields)


async def more_debts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """Starts another debt, or moves on to the hardship (or the summary if all is known)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    add = query.data.endswith(":add")
    await acknowledge(update, echo=t.ECHO_MORE if add else t.ECHO_NO_MORE)
    return await _more_debts(update, context, add=add)


async def type_more_debts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> IntakeState:
    """ "有"/"没有了" typed, or the next product's name ("还有借呗") to add it straight away."""
    text = message_text(update)
    reply = typed_reply(text)
    if reply is Reply.NO:
        return await _more_debts(update, context, add=False)
    if reply in (Reply.MORE, Reply.YES):  # "有", "对", "是的": there is another one
        return await _more_debts(update, context, add=True)
    product = typed_product(text)
    if product is not None:
        case = await store.require_case(update, context)
        if _room_for_another(case):
            # the next debt named at once: it is started, and its amount asked, in one go
            target = next_state(S.ASK_PRODUCT, editing=case.editing)
            return await store.answer(update, context, case, target, new_debt=product)
    return await reask(update, context, None)


def _room_for_another(case: CaseRecord) -> bool:
    return len([d for d in case.debts if d.complete]) < MAX_DEBTS


async def _more_debts(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, add: bool
) -> IntakeState:
    case = await store.require_case(update, context)
    if add and not _room_for_another(case):
        target = S.CONFIRM if case.facts() is not None else S.ASK_REASON
        limit = t.TOO_MANY_DEBTS.format(limit=MAX_DEBTS)
        return await store.move_to(update, context, case, target, before=limit)
    if add:
        no_debt = {CaseField.CURRENT_DEBT: None}
        return await store.answer(update, context, case, S.ASK_PRODUCT, case_fields=no_debt)
    target = S.CONFIRM if case.facts() is not None else S.ASK_REASON
    return await store.move_to(update, context, case, target)
