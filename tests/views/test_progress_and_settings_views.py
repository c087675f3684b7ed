"""The words /status, /plan, the calendar caption and /settings put around numbers."""

from __future__ import annotations

from datetime import date

from bot.domain.models import Product
from bot.domain.parsing import ParseProblem
from bot.domain.progress import Installment, InstallmentStatus
from bot.texts.zh import intake
from bot.views.answers import problem_text, quote
from bot.views.progress import (
    calendar_caption,
    countdown,
    installment_line,
    plan_pages,
    render_status,
)
from bot.views.settings import clock_hour


def test_an_hour_is_said_with_its_part_of_the_day() -> None:
    said = [clock_hour(h) for h in (5, 9, 11, 12, 15, 20)]
    assert said == ["凌晨5点", "早上9点", "上午11点", "中午12点", "下午3点", "晚上8点"]


def test_the_countdown_to_the_next_installment() -> None:
    assert [countdown(d) for d in (3, 0, -2)] == ["还有 3 天", "就是今天", "已过 2 天"]


def test_an_installment_line_drops_this_year_and_shows_what_was_paid() -> None:
    item = Installment(1, 1, 1, Product.HUABEI, 3, 12, date(2027, 2, 10), 100_000, 120_000, None)
    paid = installment_line(item, InstallmentStatus.PAID, date(2027, 1, 5))
    assert paid == "✅ 花呗 3/12 · 2月10日 · 1,200 元"
    later = installment_line(item, InstallmentStatus.PAID, date(2026, 12, 5))
    assert later.endswith("· 2027年2月10日 · 1,200 元")


def test_a_line_paid_in_part_shows_what_was_paid_and_what_is_missing() -> None:
    item = Installment(1, 1, 1, Product.HUABEI, 1, 12, date(2026, 12, 10), 195_834, 150_000, None)
    line = installment_line(item, InstallmentStatus.PARTIAL, date(2026, 12, 5))
    assert line == "🟡 花呗 1/12 · 12月10日 · 已还 1,500 元，还差 458.34 元"


def test_plan_pages_hold_twelve_installments() -> None:
    assert [plan_pages(n) for n in (0, 1, 12, 13, 36)] == [1, 1, 1, 2, 3]


def test_the_calendar_caption_names_each_alarm() -> None:
    assert "带提醒：提前3天和1天的晚上8点，还款日当天早上9点。" in calendar_caption([1, 3], 20, 9)
    assert "带提醒：提前7天、3天和1天的晚上6点。" in calendar_caption([3, 7, 1], 18, None)
    assert "没有开启提醒" in calendar_caption([], 20, None)


def test_the_calendar_caption_says_a_newer_file_updates_and_what_it_cancels() -> None:
    caption = calendar_caption([1, 3], 20, 9)
    assert caption.endswith("还款日当天早上9点。以后约定有变，再导出一次、重新导入即可更新。")
    assert "已取消" not in caption
    replaced = calendar_caption([1, 3], 20, 9, cancelled=11)
    assert replaced.endswith("旧约定里已换成新约定的 11 期，在文件里标为“已取消”。")
    assert calendar_caption([], 20, None, cancelled=2).endswith("标为“已取消”。")
    assert all(len(c) <= 300 for c in (caption, replaced, calendar_caption([], 20, None, 36)))


def test_an_answer_not_taken_says_why_and_user_text_is_escaped() -> None:
    assert problem_text(ParseProblem.ZERO) == intake.PROBLEMS[ParseProblem.ZERO]
    assert quote("<b>A&B</b> “x”") == "&lt;b&gt;A&amp;B&lt;/b&gt; “x”"


def _deal(*paid: int | None) -> list[Installment]:
    return [
        Installment(n, 1, 1, Product.HUABEI, n, len(paid), date(2026, n, 10), 100_000, fen, None)
        for n, fen in enumerate(paid, 1)
    ]


def _status(items: list[Installment]) -> str:
    from bot.domain.progress import InstallmentState, progress_of, status_of

    today = date(2026, 1, 5)
    states = [InstallmentState(i.number, i.due, i.amount_fen, i.paid_fen) for i in items]
    return render_status(
        progress_of(states, today), items, [status_of(s, today) for s in states], today
    )


def test_status_counts_part_payments_once_and_left_is_what_they_miss() -> None:
    # the next one paid in part is said once, on the next-installment line
    one = _status(_deal(60_000, None, None))
    assert "<b>下一期</b>：花呗 还差 400 元" in one and "只还了一部分" not in one
    assert "还剩 2,400 元" in one
    # a second part payment further on is counted under it
    two = _status(_deal(60_000, 50_000, None))
    assert "有 2 期只还了一部分，还差 900 元" in two and "还剩 1,900 元" in two
