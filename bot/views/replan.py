"""The new proposal when a deal slips, as one short message."""

from __future__ import annotations

from bot.domain.lenders import group_by_lender, lender_of
from bot.domain.plan import Recommendation
from bot.domain.replan import Replan
from bot.texts.zh import replan as t
from bot.texts.zh.lenders import CHANNELS, HOTLINES, LENDER_NAMES
from bot.views.fmt import cn_date, yuan


def render_proposal(proposal: Replan) -> str:
    plan = proposal.plan
    lenders = group_by_lender(tuple(d.product for d in proposal.deals))
    first = lender_of(proposal.deals[0].product)
    hotline = HOTLINES[first] if len(lenders) == 1 else LENDER_NAMES[first]
    lines = [
        t.TITLE,
        t.LEFT.format(
            left=yuan(proposal.left_fen),
            limit=yuan(plan.money.limit_fen),
            monthly=yuan(proposal.monthly_fen),
        ),
    ]
    if proposal.still_fits:
        lines.append(t.STILL_FITS.format(monthly=yuan(proposal.monthly_fen)))
        return "\n".join(lines)
    schedule = plan.schedule
    if plan.kind is Recommendation.PAY_NOW:
        lines.append(t.ASK_PAY_NOW.format(channel=CHANNELS[first]))
    elif plan.kind is Recommendation.PAUSE:
        lines.append(t.ASK_PAUSE.format(months=plan.pause_months))
    elif schedule is not None:
        lines.append(
            t.ASK_INSTALLMENTS.format(
                amount=yuan(schedule.max_period_fen), periods=schedule.periods
            )
        )
    else:
        lines.append(t.ASK_AT_MOST.format(amount=yuan(plan.money.limit_fen)))
    if proposal.call_before is None:
        lines.append(t.CALL_NOW.format(lender=hotline))
    else:
        lines.append(t.CALL_BEFORE.format(date=cn_date(proposal.call_before), lender=hotline))
    lines.append(t.DECIDES.format(lender=LENDER_NAMES[first]))
    return "\n".join(lines)
