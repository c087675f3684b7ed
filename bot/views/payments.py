"""The replies to marking an installment paid, in full or in part, and to undoing it."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.domain.lenders import lender_of
from bot.domain.money import format_fen
from bot.domain.progress import Installment
from bot.texts.zh import payments as t
from bot.texts.zh import reminders as r
from bot.texts.zh.lenders import CHANNELS, HOTLINES
from bot.texts.zh.names import PRODUCT_NAMES
from bot.usecases.payments import Paid
from bot.views.fmt import cn_date, day_and_time


def _fields(item: Installment) -> dict[str, object]:
    lender = lender_of(item.product)
    return {
        "product": PRODUCT_NAMES[item.product],
        "number": item.number,
        "count": item.count,
        "due": cn_date(item.due),
        "channel": CHANNELS[lender],
        "hotline": HOTLINES[lender],
    }


def render_paid(paid: Paid, tz: ZoneInfo, today: date) -> str:
    """Paid in full, the rest of a part payment, or a part: what is missing and what next."""
    item = paid.installment
    fields = _fields(item)
    if paid.missing_fen:
        lines = [
            t.PART_PAID.format(
                paid=format_fen(paid.paid_fen), missing=format_fen(paid.missing_fen), **fields
            )
        ]
        next_step = (t.PART_LATE if paid.late else t.PART_BEFORE_DUE).format(**fields)
        if paid.follow_up_at is not None:
            when = day_and_time(paid.follow_up_at.astimezone(tz), today)
            next_step += t.FOLLOW_UP_AT.format(when=when)
        lines.append(next_step + t.PART_DONE)
        lines.append((t.PART_CANNOT_LATE if paid.late else t.PART_CANNOT).format(**fields))
        return "\n".join(lines)
    if paid.rest_paid:
        text = t.REST_PAID.format(rest=format_fen(item.outstanding_fen), **fields)
    else:
        text = r.PAID_RECORDED.format(amount=format_fen(paid.paid_fen), **fields)
    # with nothing left, the paid-off messages that follow congratulate (once, not twice)
    return text


def render_undone(item: Installment) -> str:
    """Undone: back to unpaid, or to the part payment the mark replaced."""
    fields = _fields(item)
    if item.partly_paid:
        return t.UNDONE_TO_PART.format(
            paid=format_fen(item.paid_fen or 0), missing=format_fen(item.outstanding_fen), **fields
        )
    return r.PAID_UNDONE.format(**fields)


def paid_amount_question(item: Installment) -> str:
    """金额不一样: what was paid; for one paid in part, the total so far for the installment."""
    if item.partly_paid:
        return t.ASK_TOTAL_PAID.format(
            paid=format_fen(item.paid_fen or 0), example=item.amount_fen // 100
        )
    return r.ASK_PAID_AMOUNT
