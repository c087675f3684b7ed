"""The words of the progress picture on /status: title, totals, legend, month names and the
next payment, around the monthly figures the domain summed."""

from __future__ import annotations

from datetime import date

from bot.domain.money import format_fen
from bot.domain.progress_months import MonthlyProgress
from bot.render.chart import ProgressPicture
from bot.texts.zh import progress as t
from bot.views.progress import short_date

# One bar for every month, however long the deal: the person pays and thinks month by
# month, and a bar per quarter would hide the month they are in. What a long deal thins
# out is the names below the bars: at most this many fit a phone's width at a readable
# size, so every 2nd, 3rd, 6th … month is named, counting from the first (when it began).
MAX_NAMED_MONTHS = 7
NAMING_STEPS = (1, 2, 3, 6, 12, 24)


def naming_step(count: int) -> int:
    """Name every n-th month: the smallest step that names no more than fit."""
    for step in NAMING_STEPS:
        if -(-count // step) <= MAX_NAMED_MONTHS:
            return step
    return -(-count // MAX_NAMED_MONTHS)


def month_labels(months: list[date], today: date) -> list[str]:
    """``12月``, ``""`` (unnamed), ``2月\\n2027年`` …: the year under a name where it changes
    from the name before (the first: from this year's)."""
    step = naming_step(len(months))
    labels = []
    year = today.year
    for index, month in enumerate(months):
        if index % step:
            labels.append("")
            continue
        template = t.PICTURE_MONTH if month.year == year else t.PICTURE_MONTH_AND_YEAR
        labels.append(template.format(month=month.month, year=month.year))
        year = month.year
    return labels


def progress_picture(progress: MonthlyProgress, today: date) -> ProgressPicture:
    """The picture's words and figures; the deal must have at least one installment."""
    if progress.next_due is None:
        summary = t.PICTURE_SUMMARY_DONE.format(paid=format_fen(progress.paid_fen))
        mark = ""
    else:
        summary = t.PICTURE_SUMMARY.format(
            paid=format_fen(progress.paid_fen), remaining=format_fen(progress.remaining_fen)
        )
        template = t.PICTURE_NEXT_PARTIAL if progress.next_partly_paid else t.PICTURE_NEXT
        mark = template.format(
            due=short_date(progress.next_due, today), amount=format_fen(progress.next_fen)
        )
    return ProgressPicture(
        title=t.PICTURE_TITLE,
        summary=summary,
        paid_legend=t.PICTURE_PAID,
        remaining_legend=t.PICTURE_REMAINING,
        unit=t.PICTURE_UNIT,
        labels=month_labels([m.month for m in progress.months], today),
        paid_fen=[m.paid_fen for m in progress.months],
        remaining_fen=[m.remaining_fen for m in progress.months],
        marked=progress.next_index,
        mark=mark,
    )
