from datetime import date

import pytest

from bot.domain.hardship import (
    clean_note,
    guess_reason,
    hardship_months_until,
    parse_hardship_months,
)
from bot.domain.models import HardshipReason
from bot.domain.parsing import ParseError


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("3个月", 3),
        ("三个月", 3),
        ("半年", 6),
        ("一年", 12),
        ("一年半", 18),
        ("一个半月", 2),
        ("6", 6),
        ("大概3个月", 3),
        ("长期", None),
        ("说不准", None),
        ("不清楚", None),  # as 不知道: no end known
        ("不好说", None),
        ("不晓得", None),
        ("说不清", None),
    ],
)
def test_hardship_months(text: str, months: int | None) -> None:
    assert parse_hardship_months(text) == months


@pytest.mark.parametrize("text", ["", "abc", "0个月", "100个月", "1.5个月"])
def test_hardship_months_rejected(text: str) -> None:
    with pytest.raises(ParseError):
        parse_hardship_months(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("公司裁员了", HardshipReason.UNEMPLOYED),
        ("生病住院没法上班", HardshipReason.ILLNESS),
        ("做生意亏了，店关了", HardshipReason.BUSINESS),
        ("工资降了一半", HardshipReason.INCOME_DROP),
        ("家里老人去世", HardshipReason.FAMILY),
        ("说不清", HardshipReason.OTHER),
    ],
)
def test_reason_from_own_words(text: str, reason: HardshipReason) -> None:
    assert guess_reason(text) == reason


def test_note_is_trimmed_and_bounded() -> None:
    assert clean_note("  老板  跑路了 \n") == "老板 跑路了"
    with pytest.raises(ParseError):
        clean_note("   ")
    with pytest.raises(ParseError):
        clean_note("字" * 201)


@pytest.mark.parametrize(
    ("text", "months"),
    [("明年3月底", 4), ("到明年3月底", 4), ("大概到下个月底", 2), ("两周后", 1)],
)
def test_a_hardship_until_a_date_counts_the_months_to_it(text, months):
    assert hardship_months_until(text, date(2026, 12, 2)) == months
