"""What the check-in answers say: a new figure and whether the deal still fits; paid off."""

from __future__ import annotations

from bot.texts.zh import checkins as t
from bot.usecases.checkins import Figure, Rechecked, Unchanged
from bot.views.fmt import yuan


def figure_saved(result: Rechecked) -> str:
    """ "记下了：现在每月收入 5,000 元。" """
    template = t.SAVED_INCOME if result.figure is Figure.INCOME else t.SAVED_SPENDING
    return template.format(amount=yuan(result.fen))


def rechecked(result: Rechecked) -> str:
    """The figure stored and, when the deals still fit, that they do (and if it got tight).

    When they no longer fit, the line that leads into the new proposal (sent after it).
    """
    lines = [figure_saved(result)]
    proposal = result.replan
    if proposal is None:
        lines.append(t.NOTHING_LEFT)
        return "\n".join(lines)
    monthly = yuan(proposal.monthly_fen)
    if not result.still_fits:
        lines.append(t.DOES_NOT_FIT.format(monthly=monthly))
        return "\n".join(lines)
    fits = t.STILL_FITS_INCOME if result.figure is Figure.INCOME else t.STILL_FITS_SPENDING
    lines.append(fits.format(monthly=monthly))
    if result.tight:
        lines.append(t.TIGHT.format(limit=yuan(proposal.plan.money.limit_fen)))
    lines.append(t.NEXT_CHECK_IN)
    return "\n".join(lines)


def unchanged_does_not_fit(unchanged: Unchanged) -> str:
    """ "没变化", but the deal asks more a month than the figures stored leave."""
    assert unchanged.replan is not None
    return t.UNCHANGED_DOES_NOT_FIT.format(monthly=yuan(unchanged.replan.monthly_fen))


def paid_off(retention_days: int) -> tuple[str, str]:
    """The congratulation with the credit report, then what to keep (two short messages)."""
    return t.PAID_OFF, t.PAID_OFF_KEEP.format(days=retention_days)
