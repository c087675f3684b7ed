"""The words of the progress picture: its totals, the next payment, and the month names."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.progress_months import MonthFigures, MonthlyProgress
from bot.views.progress_picture import month_labels, naming_step, progress_picture

TODAY = date(2026, 11, 24)


def months_from(first: date, count: int) -> list[date]:
    start = first.year * 12 + first.month - 1
    return [date((start + k) // 12, (start + k) % 12 + 1, 1) for k in range(count)]


def test_twelve_months_are_named_every_other_month_with_the_new_year_under_it() -> None:
    labels = month_labels(months_from(date(2026, 12, 1), 12), TODAY)
    assert labels == [
        "12月", "", "2月\n2027年", "", "4月", "", "6月", "", "8月", "", "10月", "",
    ]  # fmt: skip


def test_a_deal_begun_in_another_year_says_which_on_its_first_name() -> None:
    labels = month_labels(months_from(date(2025, 6, 1), 3), TODAY)
    assert labels == ["6月\n2025年", "7月", "8月"]


def test_thirty_six_months_name_six_of_them_each_year_once() -> None:
    labels = [x for x in month_labels(months_from(date(2026, 12, 1), 36), TODAY) if x]
    assert labels == [
        "12月", "6月\n2027年", "12月", "6月\n2028年", "12月", "6月\n2029年",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("count", "step"),
    [(1, 1), (7, 1), (8, 2), (14, 2), (15, 3), (21, 3), (22, 6), (42, 6), (43, 12), (84, 12),
     (120, 24), (168, 24), (169, 25)],
)  # fmt: skip
def test_no_more_months_are_named_than_fit_a_phone(count: int, step: int) -> None:
    assert naming_step(count) == step
    assert len([x for x in month_labels(months_from(TODAY, count), TODAY) if x]) <= 7


def _progress(next_fen: int = 195_834, *, partly: bool = False) -> MonthlyProgress:
    return MonthlyProgress(
        months=(
            MonthFigures(date(2026, 12, 1), 195_834, 0),
            MonthFigures(date(2027, 1, 1), 150_000 if partly else 0, next_fen),
        ),
        next_index=1,
        next_due=date(2027, 1, 10),
        next_fen=next_fen,
        next_partly_paid=partly,
    )


def test_the_picture_says_the_totals_and_the_next_payment() -> None:
    picture = progress_picture(_progress(), TODAY)
    assert picture.title == "我的还款进度"
    assert picture.summary == "已还 1,958.34 元 · 还剩 1,958.34 元"
    assert (picture.paid_legend, picture.remaining_legend) == ("已还", "待还")
    assert picture.marked == 1
    assert picture.mark == "下一期 2027年1月10日 · 1,958.34 元"
    assert list(picture.paid_fen) == [195_834, 0]
    assert list(picture.remaining_fen) == [0, 195_834]
    assert list(picture.labels) == ["12月", "1月\n2027年"]


def test_a_part_payment_says_what_is_still_missing() -> None:
    picture = progress_picture(_progress(45_834, partly=True), TODAY)
    assert picture.mark == "下一期 2027年1月10日 · 还差 458.34 元"
    assert picture.summary == "已还 3,458.34 元 · 还剩 458.34 元"


def test_this_years_next_payment_goes_without_the_year() -> None:
    progress = MonthlyProgress(
        months=(MonthFigures(date(2026, 12, 1), 0, 195_834),),
        next_index=0,
        next_due=date(2026, 12, 10),
        next_fen=195_834,
    )
    assert progress_picture(progress, TODAY).mark == "下一期 12月10日 · 1,958.34 元"


def test_all_paid_marks_no_month_and_says_so() -> None:
    done = MonthlyProgress(
        months=(MonthFigures(date(2026, 12, 1), 2_350_000, 0),),
        next_index=None,
        next_due=None,
        next_fen=0,
    )
    picture = progress_picture(done, TODAY)
    assert picture.marked is None and picture.mark == ""
    assert picture.summary == "已还 23,500 元 · 约定的都还完了"
