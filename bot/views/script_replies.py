"""Step 5 of a call script: what the lender may say, and the person's answers."""

from __future__ import annotations

from bot.domain.plan import Recommendation
from bot.domain.script import LenderScript
from bot.texts.zh import script as t
from bot.texts.zh.speech import PENALTY_WORD
from bot.views.fmt import about_yuan, income_arrives, yuan
from bot.views.speech import say


def pause_pay_something(s: LenderScript) -> list[str]:
    """To a pause: the lender wants installments or something paid now."""
    return [
        t.IF_PAY_SOMETHING,
        *say(t.CANNOT_PAY_NOW, t.CALL_AFTER_PAUSE.format(months=s.ask.pause_months)),
    ]


def pause_no_waiver(s: LenderScript) -> list[str]:
    """To a pause: the lender will not waive the penalty."""
    word = PENALTY_WORD[s.lender.kind]
    return [
        t.IF_NO_WAIVER.format(penalty=word),
        *say(
            t.PAUSE_PENALTY_HOW.format(penalty=word),
            t.PAUSE_PENALTY_LATER.format(penalty=word),
        ),
    ]


def twelve_periods(s: LenderScript, twelve_monthly_fen: int) -> list[str]:
    """To "only 12 periods": what 12 would cost against what the person can pay."""
    limit = yuan(s.share_limit_fen)
    said = [t.TWELVE.format(twelve=yuan(twelve_monthly_fen), limit=limit)]
    if s.ask.kind is Recommendation.INSTALLMENTS and s.ask.periods:
        said.append(t.OWN_PERIODS.format(periods=s.ask.periods))
    said.append(t.OR_AT_LIMIT.format(limit=limit))
    return [t.IF_TWELVE, *say(*said)]


def part_first(s: LenderScript) -> list[str]:
    """To "pay part first": the most that can be paid now, and why no more."""
    arrives = income_arrives(s.reason.reason)
    when = t.AFTER_MONEY_ARRIVES.format(arrives=arrives) if s.ask.payday else ""
    said = [t.PART_FIRST.format(when=when, amount=yuan(s.fallbacks.part_now_fen)), t.PART_FIRST_WHY]
    if s.ask.kind in (Recommendation.INSTALLMENTS, Recommendation.LONG_INSTALLMENTS):
        said.append(t.PART_FIRST_COUNTS)  # never a down payment on top of the first month's
    return [t.IF_PART_FIRST, *say(*said)]


def no_waiver(s: LenderScript) -> list[str]:
    """To "no waiver": fold the penalty into the installments, and what that would cost."""
    f = s.fallbacks
    word = PENALTY_WORD[s.lender.kind]
    lines = [t.IF_NO_WAIVER.format(penalty=word)]
    lines += say(
        t.PENALTY_INTO_INSTALLMENTS.format(penalty=word),
        t.PENALTY_AFTER_INSTALLMENTS.format(penalty=word),
    )
    if f.not_waived_total_fen is not None and s.penalty_fen > 0:
        total = about_yuan(f.not_waived_total_fen)
        if f.not_waived_periods and f.not_waived_monthly_fen:
            lines.append(
                t.NOT_WAIVED.format(
                    total=total,
                    monthly=yuan(f.not_waived_monthly_fen),
                    periods=f.not_waived_periods,
                    penalty=word,
                )
            )
        else:
            lines.append(t.NOT_WAIVED_TOO_LONG.format(total=total, max_periods=s.max_periods))
    return lines


def fallbacks(s: LenderScript) -> str:
    """Step 5: the lender's likely replies, each with what to say back."""
    f = s.fallbacks
    lines = [t.STEP_FALLBACKS]
    if s.ask.kind is Recommendation.PAUSE:
        return "\n".join(lines + pause_pay_something(s) + pause_no_waiver(s))
    if f.twelve_monthly_fen is not None:
        lines += twelve_periods(s, f.twelve_monthly_fen)
    lines += part_first(s)
    lines += no_waiver(s)
    return "\n".join(lines)


def no_new_loans() -> list[str]:
    """To "borrow from someone": no new loans to repay old ones."""
    return [t.IF_BORROW, *say(*t.NO_NEW_LOANS_SAID)]


def refused() -> list[str]:
    """To a refusal: what to ask instead, no promises beyond the means, 12378 only for abuse."""
    return [t.IF_REFUSED, *say(*t.IF_REFUSED_SAID), t.DONT_AGREE_TO_TOO_MUCH, t.IF_ABUSED]


def pushback(s: LenderScript) -> str:
    """The answers that protect the person: no new loans, and what to do on a refusal."""
    lines = [*no_new_loans(), *refused()]
    if s.long_overdue:
        lines.append(t.LONG_OVERDUE_NOTE)
    return "\n".join(lines)
