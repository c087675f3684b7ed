"""assess: surplus, a 10 % buffer, the offer, the 36 % line and the month's limit (fen)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.affordability import (
    assess,
    buffer_for,
    essentials_look_low,
    percent_of,
    ratio_cap_fen,
)
from bot.domain.models import Budget


def yuan(y: int) -> int:
    return y * 100


def test_golden_budget():
    m = assess(Budget(yuan(6_000), yuan(4_000), 0, payday=15))
    assert (m.surplus_fen, m.buffer_fen, m.offer_fen) == (yuan(2_000), yuan(200), yuan(1_800))
    assert m.ratio_cap_fen == yuan(2_160)
    assert m.limit_fen == yuan(1_800)
    assert not m.capped_by_ratio and not m.low_essentials and not m.thin_surplus
    assert not m.other_debts_over_ratio


def test_buffer_is_ten_percent_rounded_half_up():
    assert buffer_for(5) == 1  # 0.5 fen -> 1
    assert buffer_for(4) == 0
    assert buffer_for(15) == 2  # 1.5 -> 2
    assert buffer_for(14) == 1
    assert buffer_for(yuan(110)) == yuan(11)
    assert buffer_for(0) == 0
    assert buffer_for(-100) == 0


def test_the_36_percent_line_caps_the_limit():
    # review profile (j): income 5,000, essentials 2,000: surplus 3,000, offer 2,700,
    # but 36 % of income is 1,800: propose at most 1,800
    m = assess(Budget(yuan(5_000), yuan(2_000), 0))
    assert m.offer_fen == yuan(2_700)
    assert m.ratio_cap_fen == yuan(1_800)
    assert m.limit_fen == yuan(1_800)
    assert m.capped_by_ratio
    assert m.low_essentials  # exactly 40 % of income is flagged


def test_other_fixed_payments_count_against_the_36_percent_line():
    m = assess(Budget(yuan(5_000), yuan(2_500), yuan(300)))
    assert m.ratio_cap_fen == yuan(1_500)
    assert m.offer_fen == yuan(1_980)
    assert m.limit_fen == yuan(1_500)
    assert m.capped_by_ratio


def test_other_debts_over_the_line_leave_nothing_to_offer():
    m = assess(Budget(yuan(5_000), yuan(2_500), yuan(1_800)))
    assert m.surplus_fen == yuan(700)
    assert m.ratio_cap_fen == 0
    assert m.other_debts_over_ratio
    assert m.limit_fen == 0


def test_limit_is_whole_yuan_rounded_down():
    # surplus 1,999.99: buffer 200.00 (199.999 half up), offer 1,799.99, limit 1,799
    m = assess(Budget(199_999, 0, 0))
    assert m.buffer_fen == 20_000
    assert m.offer_fen == 179_999
    assert m.ratio_cap_fen == 71_999  # 36 % of 1,999.99
    assert m.limit_fen == 71_900
    m = assess(Budget(yuan(10_000), yuan(10_000) - 199_999, 0))
    assert m.offer_fen == 179_999
    assert m.limit_fen == 179_900


def test_no_surplus_no_limit():
    m = assess(Budget(yuan(4_000), yuan(4_200), 0))
    assert m.surplus_fen == -yuan(200)
    assert (m.buffer_fen, m.offer_fen, m.limit_fen) == (0, 0, 0)
    assert not m.thin_surplus


def test_no_income():
    m = assess(Budget(0, yuan(1_500), 0))
    assert m.limit_fen == 0 and m.offer_fen == 0
    assert not m.low_essentials and not m.other_debts_over_ratio
    assert m.essentials_pct is None


def test_thin_surplus_below_five_percent():
    # review profile (i): surplus 110 of 3,000 (3.7 %)
    m = assess(Budget(yuan(3_000), yuan(2_890), 0))
    assert m.thin_surplus
    assert m.buffer_fen == yuan(11) and m.limit_fen == yuan(99)
    assert not assess(Budget(yuan(3_000), yuan(2_850), 0)).thin_surplus  # exactly 5 %


def test_low_essentials_boundary():
    assert essentials_look_low(yuan(5_000), yuan(2_000))
    assert not essentials_look_low(yuan(5_000), yuan(2_000) + 1)
    assert not essentials_look_low(0, 0)
    assert assess(Budget(yuan(5_000), yuan(1_000), 0)).essentials_pct == 20


def test_percent_of_rounds_and_needs_income():
    assert percent_of(yuan(1_679), yuan(6_000)) == 28
    assert percent_of(1, 200) == 1  # 0.5 % -> 1
    assert percent_of(100, 0) is None


def test_ratio_cap():
    assert ratio_cap_fen(yuan(6_000), 0) == yuan(2_160)
    assert ratio_cap_fen(yuan(6_000), yuan(3_000)) == -yuan(840)
    assert ratio_cap_fen(101, 0) == 36  # 36.36 fen, rounded down


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, yuan(100_000)),
    st.integers(0, yuan(120_000)),
    st.integers(0, yuan(60_000)),
    st.none() | st.integers(1, 31),
)
def test_assess_properties(income: int, essentials: int, other: int, payday: int | None):
    m = assess(Budget(income, essentials, other, payday))
    surplus = income - essentials - other
    assert m.surplus_fen == surplus
    if surplus > 0:
        assert m.buffer_fen == (surplus * 10 + 50) // 100
        assert m.offer_fen == surplus - m.buffer_fen
    else:
        assert m.buffer_fen == 0 and m.offer_fen == 0
    assert m.ratio_cap_fen == income * 36 // 100 - other
    expected = max(0, min(m.offer_fen, m.ratio_cap_fen))
    assert m.limit_fen == expected - expected % 100
    assert 0 <= m.limit_fen <= m.offer_fen
    assert m.limit_fen % 100 == 0
    # never propose what would put all debt payments above 36 % of income
    assert (m.limit_fen + other) * 100 <= 36 * income or m.limit_fen == 0
    assert m.capped_by_ratio == (0 <= m.ratio_cap_fen < m.offer_fen)
    assert m.other_debts_over_ratio == (income > 0 and other * 100 >= 36 * income - 99)
    assert m.low_essentials == (income > 0 and essentials * 100 <= 40 * income)
    assert m.thin_surplus == (surplus > 0 and surplus * 100 < 5 * income)
    ints = (m.surplus_fen, m.buffer_fen, m.offer_fen, m.ratio_cap_fen, m.limit_fen)
    assert all(type(x) is int for x in ints)
