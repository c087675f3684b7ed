"""How long overdue, as the person says it on the call: days, then months, then years."""

import pytest

from bot.views.speech import spoken_time


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (5, "5 天"),
        (45, "45 天"),
        (90, "90 天"),
        (91, "3 个多月"),
        (120, "4 个月"),
        (207, "6 个多月"),
        (359, "11 个多月"),
        (364, "1 年"),
        (365, "1 年"),
        (380, "1 年"),  # a few days over a year are not "一年多"
        (400, "1 年多"),
        (730, "2 年"),
        (800, "2 年多"),
    ],
)
def test_a_long_time_is_said_in_months_or_years(days: int, said: str) -> None:
    assert spoken_time(days) == said
