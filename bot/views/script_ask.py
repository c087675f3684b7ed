"""Step 4 of a call script: the ask, by recommendation, and the penalty waiver after it."""

from __future__ import annotations

from bot.domain.affordability import percent_of
from bot.domain.plan import Recommendation
from bot.domain.script import CARD_MAX_PERIODS, LenderScript
from bot.texts.zh import script as t
from bot.texts.zh.speech import OTHER_DEBTS_TOO, PENALTY_WORD, WAIVER
from bot.views.fmt import about_yuan, yuan
from bot.views.speech import SAYABLE_PERIODS, say, when_sentences


def _installment_ask(s: LenderScript) -> list[str]:
    ask = s.ask
    assert ask.monthly_fen is not None and ask.periods is not None
    said = [OTHER_DEBTS_TOO] if s.other_lenders else []
    said.append(t.INSTALLMENTS.format(periods=ask.periods, amount=yuan(ask.monthly_fen)))
    if ask.last_fen is not None:
        said.append(t.LAST_PAYMENT.format(amount=yuan(ask.last_fen)))
    said += when_sentences(s)
    return say(*said)


def _long_ask(s: LenderScript) -> list[str]:
    ask = s.ask
    assert ask.monthly_fen is not None
    said = [OTHER_DEBTS_TOO] if s.other_lenders else []
    five_years = s.fallbacks.five_years_monthly_fen
    if five_years is not None:
        # a bank's 个性化分期 lasts at most 5 years: ask within it, and say what is possible
        said += [
            t.FIVE_YEARS.format(periods=CARD_MAX_PERIODS, amount=yuan(five_years)),
            t.AT_MOST_THIS.format(amount=yuan(ask.monthly_fen)),
        ]
    else:
        said.append(t.AT_MOST.format(amount=yuan(ask.monthly_fen)))
        if ask.periods and ask.periods <= SAYABLE_PERIODS:
            said.append(t.LONG_PERIODS.format(periods=ask.periods))
        else:
            said.append(t.LONG)
    said.append(t.STOP_PENALTY.format(penalty=PENALTY_WORD[s.lender.kind]))
    lines = say(*said)
    if five_years is not None and ask.periods:
        lines.append(t.OVER_FIVE_YEARS.format(periods=ask.periods))
    return lines


def _why_nothing(s: LenderScript) -> list[str]:
    """Why nothing can be paid now, true to this person's numbers."""
    money = s.money
    if s.reason.no_income:
        return [t.NO_INCOME]
    if money.other_debts_over_ratio and money.surplus_fen > 0:
        pct = percent_of(money.other_debts_fen, money.income_fen)
        return [
            t.OTHER_LOANS.format(amount=yuan(money.other_debts_fen)),
            t.OTHER_LOANS_SHARE.format(pct=pct),
        ]
    if money.surplus_fen > 0:
        return [t.A_FEW_TENS]
    if money.surplus_fen == 0:
        return [t.NOTHING_LEFT]
    if money.income_fen >= money.essentials_fen:
        return [t.SHORT_BY.format(amount=yuan(-money.surplus_fen))]
    return [t.BELOW_ESSENTIALS]


def _pause_ask(s: LenderScript) -> list[str]:
    months = s.ask.pause_months
    heavy = s.money.other_debts_over_ratio and s.money.surplus_fen > 0
    if heavy:
        ask = t.PAUSE_LOWER_OTHERS.format(months=months)
    elif s.ask.token_fen:
        ask = t.PAUSE_TOKEN.format(months=months, amount=yuan(s.ask.token_fen))
    else:
        ask = t.PAUSE.format(months=months)
    return say(
        *_why_nothing(s),
        ask,
        t.PAUSE_CALL_BACK.format(months=months),
        t.PAUSE_STOP_PENALTY.format(penalty=PENALTY_WORD[s.lender.kind]),
    )


def _waiver(s: LenderScript) -> list[str]:
    lines = say(WAIVER.format(penalty=PENALTY_WORD[s.lender.kind]))
    if s.penalty_fen > 0:
        about = t.ABOUT_ESTIMATED if s.penalty_estimated else t.ABOUT
        lines.append(t.PENALTY_IN_MIND.format(about=about, amount=about_yuan(s.penalty_fen)))
    return lines


def ask_lines(s: LenderScript) -> list[str]:
    """What the person asks for, by recommendation."""
    kind = s.ask.kind
    if kind is Recommendation.LONG_INSTALLMENTS:
        return _long_ask(s)
    if kind is Recommendation.PAUSE:
        return _pause_ask(s)
    return _installment_ask(s)


def limit_lines(s: LenderScript) -> list[str]:
    """After the ask: the waiver, and the limit they keep to."""
    lines = _waiver(s)
    if s.ask.kind is not Recommendation.PAUSE:
        lines += say(t.MOST_I_CAN)
        lines.append(t.ASK_ABOUT_FEES.format(amount=yuan(s.share_limit_fen)))
    return lines


def the_ask(s: LenderScript) -> str:
    """Step 4: what the person asks for, the waiver, and the limit they keep to."""
    return "\n".join([t.STEP_ASK, *ask_lines(s), *limit_lines(s)])
