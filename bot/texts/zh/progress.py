"""/status and /plan once there is a deal: progress at a glance, phone-width lines."""

from __future__ import annotations

from datetime import date

from bot.domain.money import format_fen
from bot.domain.progress import Installment, InstallmentStatus, Progress, progress_bar
from bot.texts.zh.names import PRODUCT_NAMES
from bot.texts.zh.settings import clock_hour
from bot.views.fmt import cn_date

ICONS = {
    InstallmentStatus.PAID: "✅",
    InstallmentStatus.DUE_TODAY: "⏰",
    InstallmentStatus.OVERDUE: "❗",
    InstallmentStatus.UPCOMING: "⏳",
}
STATUS_LIMIT = 6  # a phone screen: the next few, not all 36
RECENT_PAID = 2


def _short_date(day: date, today: date) -> str:
    return f"{day.month}月{day.day}日" if day.year == today.year else cn_date(day)


def installment_line(item: Installment, status: InstallmentStatus, today: date) -> str:
    amount = format_fen(item.paid_fen if item.paid_fen is not None else item.amount_fen)
    return (
        f"{ICONS[status]} {PRODUCT_NAMES[item.product]} {item.number}/{item.count}"
        f" · {_short_date(item.due, today)} · {amount} 元"
    )


def countdown(days: int) -> str:
    if days > 0:
        return f"还有 {days} 天"
    if days == 0:
        return "就是今天"
    return f"已过 {-days} 天"


def render_status(
    progress: Progress,
    items: list[Installment],
    statuses: list[InstallmentStatus],
    today: date,
) -> str:
    lines = [
        "<b>我的还款进度</b>",
        f"{progress_bar(progress.fraction_permille)} {progress.fraction_permille // 10}%",
        f"已还 {progress.paid_count}/{progress.total_count} 期，{format_fen(progress.paid_fen)} 元",
        f"还剩 {format_fen(progress.remaining_fen)} 元",
    ]
    upcoming = [
        (item, status)
        for item, status in zip(items, statuses, strict=True)
        if status != InstallmentStatus.PAID
    ]
    if upcoming:
        first, _ = upcoming[0]
        days = (first.due - today).days
        lines.append("")
        lines.append(
            f"<b>下一期</b>：{PRODUCT_NAMES[first.product]} {format_fen(first.amount_fen)} 元，"
            f"{_short_date(first.due, today)}（{countdown(days)}）"
        )
    else:
        lines.append("")
        lines.append("全部还完了，辛苦了！")
    if progress.overdue_count:
        lines.append(f"❗ 有 {progress.overdue_count} 期过了还款日还没标记“已还”。")
    lines.append("")
    paid = [
        (item, status)
        for item, status in zip(items, statuses, strict=True)
        if status == InstallmentStatus.PAID
    ]
    shown = paid[-RECENT_PAID:] + upcoming[:STATUS_LIMIT]
    lines.extend(installment_line(item, status, today) for item, status in shown)
    if len(upcoming) > STATUS_LIMIT:
        lines.append(f"……还有 {len(upcoming) - STATUS_LIMIT} 期，发 /plan 看全部。")
    return "\n".join(lines)


PLAN_PAGE_SIZE = 12  # a phone screen, and a year of monthly installments


def plan_pages(count: int) -> int:
    return max(1, -(-count // PLAN_PAGE_SIZE))


def render_plan_list(
    items: list[Installment],
    statuses: list[InstallmentStatus],
    today: date,
    page: int = 0,
) -> str:
    """One page of every installment (12 a page), with where the page is when there are more."""
    lines = ["<b>全部分期</b>（✅已还 ⏳未到 ⏰今天 ❗已过期未标记）"]
    pages = plan_pages(len(items))
    start = page * PLAN_PAGE_SIZE
    shown = list(zip(items, statuses, strict=True))[start : start + PLAN_PAGE_SIZE]
    lines.extend(installment_line(item, status, today) for item, status in shown)
    if pages > 1:
        lines.append(
            PLAN_PAGE.format(
                page=page + 1,
                pages=pages,
                first=start + 1,
                last=start + len(shown),
                count=len(items),
            )
        )
    return "\n".join(lines)


PLAN_PAGE = "第 {page}/{pages} 页（第 {first}–{last} 期，共 {count} 期）"
PREVIOUS_PAGE_BUTTON = "◀ 上一页"
NEXT_PAGE_BUTTON = "下一页 ▶"


NO_DEAL_PLAN = "还没有记录约定。打完电话谈好后，发 /deal 记下来，我就能按期提醒你。"
MARK_PAID_BUTTON = "✅ {product}第{number}期已还"
CALENDAR_BUTTON = "📅 导入手机日历"
CALENDAR_CAPTION = "📅 用手机打开这个文件，就能把每期还款日加到日历里，带提醒：{alarms}。"
CALENDAR_CAPTION_NO_ALARMS = (
    "📅 用手机打开这个文件，就能把每期还款日加到日历里。"
    "现在没有开启提醒，所以日历里不带闹钟；想要的话在 /settings 打开提醒，再导出一次。"
)
CALENDAR_LEADS = "提前{days}的{hour}"
CALENDAR_DUE_DAY = "还款日当天{hour}"


def calendar_caption(lead_days: list[int], evening_hour: int, due_day_hour: int | None) -> str:
    """The .ics caption, naming exactly the alarms the file holds (none: says so)."""
    parts = []
    if lead_days:
        each = [f"{d}天" for d in sorted(lead_days, reverse=True)]
        days = each[0] if len(each) == 1 else "、".join(each[:-1]) + "和" + each[-1]
        parts.append(CALENDAR_LEADS.format(days=days, hour=clock_hour(evening_hour)))
    if due_day_hour is not None:
        parts.append(CALENDAR_DUE_DAY.format(hour=clock_hour(due_day_hour)))
    if not parts:
        return CALENDAR_CAPTION_NO_ALARMS
    return CALENDAR_CAPTION.format(alarms="，".join(parts))


CALENDAR_FILENAME = "还款提醒.ics"
# inside the .ics file: the calendar's name, each event and its alarm
CALENDAR_NAME = "还款提醒"
CALENDAR_EVENT = "{name} 第{number}/{count}期 还款 {amount}"
CALENDAR_EVENT_NOTE = (
    "{name}第{number}/{count}期，应还 {amount}。只通过官方渠道还款，不要转账给任何个人或陌生账户。"
)
CALENDAR_ALARM = "还款提醒：{name}第{number}/{count}期 {amount}"
