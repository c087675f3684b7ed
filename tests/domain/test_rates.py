"""parse_daily_rate / format_rate: accepted and rejected forms, plus the round-trip law."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.parsing import ParseError, ParseProblem
from bot.domain.rates import MAX_DAILY_RATE_PPM, format_rate, parse_daily_rate


@pytest.mark.parametrize(
    ("text", "ppm"),
    [
        ("0.05%", 500),
        ("0.05％", 500),
        ("0.05", 500),
        ("万分之五", 500),
        ("万分之5", 500),
        ("万5", 500),
        ("万五", 500),
        ("0.0005", 500),
        ("日利率0.05%", 500),
        ("日利率：0.05%", 500),
        ("每天万分之五", 500),
        ("0.075%", 750),
        ("万分之七点五", 750),
        ("万分之7.5", 750),
        ("千分之0.5", 500),
        ("百分之0.05", 500),
        ("0.01", 100),  # bare 0.01..0.1 is a percent
        ("0.1", 1_000),
        ("0.001", 1_000),  # bare up to 0.001 is a fraction
        ("1%", 10_000),
        ("0.0001%", 1),
    ],
)
def test_accepts(text, ppm):
    assert parse_daily_rate(text) == ppm


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ParseProblem.EMPTY),
        ("abc", ParseProblem.NOT_A_RATE),
        ("不知道", ParseProblem.NOT_A_RATE),
        ("%", ParseProblem.NOT_A_RATE),
        ("万分之", ParseProblem.NOT_A_RATE),
        ("年化18%", ParseProblem.NOT_DAILY_RATE),
        ("月利率1%", ParseProblem.NOT_DAILY_RATE),
        ("2", ParseProblem.AMBIGUOUS_RATE),
        # 1 % a day would be twenty times a usual penalty: 万分之1, or 1 %?
        ("1", ParseProblem.AMBIGUOUS_RATE),
        ("0.5", ParseProblem.AMBIGUOUS_RATE),
        ("0.11", ParseProblem.AMBIGUOUS_RATE),
        ("0.005", ParseProblem.AMBIGUOUS_RATE),  # 0.5 % a day as a fraction: asked again
        ("0.0099", ParseProblem.AMBIGUOUS_RATE),
        ("0", ParseProblem.ZERO),
        ("0%", ParseProblem.ZERO),
        ("-0.05%", ParseProblem.NEGATIVE),
        ("负万分之五", ParseProblem.NEGATIVE),
        ("1.5%", ParseProblem.RATE_TOO_HIGH),
        ("百分之二", ParseProblem.RATE_TOO_HIGH),
        ("0.00005%", ParseProblem.TOO_PRECISE),
    ],
)
def test_rejects(text, problem):
    with pytest.raises(ParseError) as caught:
        parse_daily_rate(text)
    assert caught.value.problem is problem


@pytest.mark.parametrize(
    ("ppm", "text"),
    [(500, "0.05%"), (750, "0.075%"), (1, "0.0001%"), (100, "0.01%"), (10_000, "1%")],
)
def test_format_rate(ppm, text):
    assert format_rate(ppm) == text


@given(st.integers(min_value=1, max_value=MAX_DAILY_RATE_PPM))
def test_format_parse_round_trip(ppm):
    assert parse_daily_rate(format_rate(ppm)) == ppm


@given(st.text(max_size=20))
def test_any_text_gives_bounded_int_or_parse_error(text):
    try:
        ppm = parse_daily_rate(text)
    except ParseError as error:
        assert isinstance(error.problem, ParseProblem)
    else:
        assert type(ppm) is int
        assert 0 < ppm <= MAX_DAILY_RATE_PPM
