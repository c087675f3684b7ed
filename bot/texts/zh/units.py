"""Units and date patterns: the words the formatting helpers put around numbers."""

from __future__ import annotations

from bot.domain.models import HardshipReason

YUAN = "{amount} 元"
FULL_DATE = "{year}年{month}月{day}日"
MONTH_DAY = "{month}月{day}日"
MONTHS = "{months} 个月"
MONTHS_AND_YEARS = "{months:,} 个月，也就是 {years} 年{more}"
MONTHS_AND_YEARS_MORE = "多"
# written and spoken day of the month
DAY_UNIT = "日"
DAY_UNIT_SPOKEN = "号"
DUE_MONTHLY = "每月 {day} {unit}"
DUE_AFTER_PAYDAY = "每月发工资后两天"
DUE_MONTH_END = "每月最后一天"
DUE_MONTHLY_OR_END = "每月 {day} {unit}，没有这一天的月份在月底"
PAYDAY = "每月 {day} 号"
PAYDAY_MONTH_END = "每月月底"
# how the person's money comes in: wages, or money arriving without a job or wages
INCOME_ARRIVES: dict[HardshipReason | None, str] = {
    HardshipReason.UNEMPLOYED: "有钱到账",
    HardshipReason.BUSINESS: "有钱到账",
    None: "发工资",
}
YEAR_MONTH = "{year}年{month}月"
LIST_SEPARATOR = "、"
TODAY = "今天"
TOMORROW = "明天"
DAY_AND_TIME = "{day} {time}"
