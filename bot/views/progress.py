"""/status and /plan once there is a deal: progress at a glance, phone-width lines."""

from __future__ import annotations

from datetime import date

from bot.domain.money import format_fen
from bot.domain.progress import Installment, InstallmentStatus, Progress, progress_bar
from bot.texts.zh import progress as t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.views.fmt import cn_date, month_day
from bot.views.settings import clock_hour

STATUS_LIMIT = 3  # a phone screen (about 300 characters): the next few, not all 36
RECENT_PAID = 2
PLAN_PAGE_SIZE = 12  # a phone screen, and a year of monthly installments


def short_date(day: date, today: date) -> str:
    """This year's dates without the year; others in full."""
    return month_day(day) if day.year == today.year else cn_date(day)


def installment_line(item: Installment, status: InstallmentStatus, today: date) -> str:
    """One installment on one line: what was paid once it is paid, else what is due; paid
    in part, both what was paid and what is still missing."""
    fields = {
        "icon": t.ICONS[status],
        "product": PRODUCT_NAMES[item.product],
        "number": item.number,
        "count": item.count,
        "due": short_date(item.due, today),
    }
    if item.partly_paid:
        return t.INSTALLMENT_LINE_PARTIAL.format(
            paid=format_fen(item.paid_fen or 0), missing=format_fen(item.outstanding_fen), **fields
        )
    amount = format_fen(item.paid_fen if item.paid_fen is not None else item.amount_fen)
    return t.INSTALLMENT_LINE.format(amount=amount, **fields)


def countdown(days: int) -> str:
    """``3`` -> ``"还有 3 天"``, ``0`` -> ``"就是今天"``, ``-2`` -> ``"已过 2 天"``."""
    if days > 0:
        return t.DAYS_AHEAD.format(days=days)
    if days == 0:
        return t.DUE_TODAY
    return t.DAYS_PAST.format(days=-days)


def render_status(
    progress: Progress,
    items: list[Installment],
    statuses: list[InstallmentStatus],
    today: date,
) -> str:
    """/status: the totals, the next installment, the last paid and the next few."""
    lines = [
        t.STATUS_TITLE,
        t.STATUS_BAR.format(
            bar=progress_bar(progress.fraction_permille), percent=progress.fraction_permille // 10
        ),
        t.STATUS_PAID.format(
            paid=progress.paid_count,
            total=progress.total_count,
            amount=format_fen(progress.paid_fen),
        ),
        t.STATUS_REMAINING.format(amount=format_fen(progress.remaining_fen)),
    ]
    upcoming = [
        (item, status)
        for item, status in zip(items, statuses, strict=True)
        if status != InstallmentStatus.PAID
    ]
    lines.append("")
    if upcoming:
        first, _ = upcoming[0]
        # what the next one still needs: all of it, or the rest of a part payment
        template = t.STATUS_NEXT_PARTIAL if first.partly_paid else t.STATUS_NEXT
        lines.append(
            template.format(
                product=PRODUCT_NAMES[first.product],
                amount=format_fen(first.outstanding_fen),
                due=short_date(first.due, today),
                countdown=countdown((first.due - today).days),
            )
        )
    else:
        lines.append(t.STATUS_ALL_PAID)
    # past due and not marked at all; one paid in part is counted with the part payments
    overdue = sum(1 for status in statuses if status == InstallmentStatus.OVERDUE)
    if overdue:
        lines.append(t.STATUS_OVERDUE.format(count=overdue))
    # the next one paid in part is said on its own line above; others are counted here
    partial = [item for item in items if item.partly_paid]
    if partial and not (len(partial) == 1 and upcoming and upcoming[0][0] is partial[0]):
        lines.append(
            t.STATUS_PARTIAL.format(
                count=len(partial), amount=format_fen(sum(i.outstanding_fen for i in partial))
            )
        )
    lines.append("")
    paid = [
        (item, status)
        for item, status in zip(items, statuses, strict=True)
        if status == InstallmentStatus.PAID
    ]
    shown = paid[-RECENT_PAID:] + upcoming[:STATUS_LIMIT]
    lines.extend(installment_line(item, status, today) for item, status in shown)
    if len(upcoming) > STATUS_LIMIT:
        more = upcoming[STATUS_LIMIT:]
        lines.append(
            t.STATUS_MORE.format(
                count=len(more), amount=format_fen(sum(i.outstanding_fen for i, _ in more))
            )
        )
    return "\n".join(lines)


def plan_pages(count: int) -> int:
    """How many /plan pages ``count`` installments take (at least one)."""
    return max(1, -(-count // PLAN_PAGE_SIZE))


def render_plan_list(
    items: list[Installment],
    statuses: list[InstallmentStatus],
    today: date,
    page: int = 0,
) -> str:
    """One page of every installment (12 a page), with where the page is when there are more."""
    lines = [t.PLAN_TITLE]
    pages = plan_pages(len(items))
    start = page * PLAN_PAGE_SIZE
    shown = list(zip(items, statuses, strict=True))[start : start + PLAN_PAGE_SIZE]
    lines.extend(installment_line(item, status, today) for item, status in shown)
    if pages > 1:
        lines.append(
            t.PLAN_PAGE.format(
                page=page + 1,
                pages=pages,
                first=start + 1,
                last=start + len(shown),
                count=len(items),
            )
        )
    return "\n".join(lines)


def calendar_caption(
    lead_days: list[int], evening_hour: int, due_day_hour: int | None, cancelled: int = 0
) -> str:
    """The .ics caption, naming exactly the alarms the file holds (none: says so), that a
    newer file updates it, and how many replaced installments it takes away (if any)."""
    tail = t.CALENDAR_CAPTION_UPDATE
    if cancelled:
        tail += t.CALENDAR_CAPTION_CANCELLED.format(count=cancelled)
    return _calendar_alarms(lead_days, evening_hour, due_day_hour) + tail


def _calendar_alarms(lead_days: list[int], evening_hour: int, due_day_hour: int | None) -> str:
    parts = []
    if lead_days:
        each = [t.CALENDAR_LEAD_DAYS.format(days=d) for d in sorted(lead_days, reverse=True)]
        days = (
            each[0]
            if len(each) == 1
            else t.CALENDAR_LEAD_DAYS_SEPARATOR.join(each[:-1])
            + t.CALENDAR_LEAD_DAYS_LAST
            + each[-1]
        )
        parts.append(t.CALENDAR_LEADS.format(days=days, hour=clock_hour(evening_hour)))
    if due_day_hour is not None:
        parts.append(t.CALENDAR_DUE_DAY.format(hour=clock_hour(due_day_hour)))
    if not parts:
        return t.CALENDAR_CAPTION_NO_ALARMS
    return t.CALENDAR_CAPTION.format(alarms=t.CALENDAR_ALARMS_SEPARATOR.join(parts))
