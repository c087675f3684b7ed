"""parse_amount / format_fen: every accepted and rejected form, plus round-trip laws."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.money import DEFAULT_MAX_FEN, format_fen, parse_amount
from bot.domain.parsing import ParseError, ParseProblem


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("23500", 2_350_000),
        ("23,500.50", 2_350_050),
        ("23500.50", 2_350_050),
        ("23，500", 2_350_000),
        ("¥23500", 2_350_000),
        ("￥23500元", 2_350_000),
        ("23500元", 2_350_000),
        ("23500块", 2_350_000),
        ("23500块钱", 2_350_000),
        ("2.35万", 2_350_000),
        ("1.15万", 1_150_000),
        ("1.23456万", 1_234_560),
        ("2万3", 2_300_000),
        ("2万3千", 2_300_000),
        ("两万三千五", 2_350_000),
        ("两万三", 2_300_000),
        ("3k", 300_000),
        ("3K", 300_000),
        ("3千", 300_000),
        ("1.5w", 1_500_000),
        ("1.5W", 1_500_000),
        ("八百", 80_000),
        ("五百块", 50_000),
        ("二十三点五", 2_350),
        ("２３５００", 2_350_000),
        ("  23500  ", 2_350_000),
        ("大约2万", 2_000_000),
        ("差不多3000左右", 300_000),
        ("大概 五百 块", 50_000),
        ("0.1", 10),
        ("0.01", 1),
        ("1亿", DEFAULT_MAX_FEN),
    ],
)
def test_accepts(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ParseProblem.EMPTY),
        ("   ", ParseProblem.EMPTY),
        ("不知道", ParseProblem.NOT_AN_AMOUNT),
        ("abc", ParseProblem.NOT_AN_AMOUNT),
        ("😀", ParseProblem.NOT_AN_AMOUNT),
        ("¥", ParseProblem.NOT_AN_AMOUNT),
        ("元", ParseProblem.NOT_AN_AMOUNT),
        ("1e5", ParseProblem.NOT_AN_AMOUNT),
        ("1..5", ParseProblem.NOT_AN_AMOUNT),
        ("-100", ParseProblem.NEGATIVE),
        ("负一百", ParseProblem.NEGATIVE),
        ("0", ParseProblem.ZERO),
        ("0.00", ParseProblem.ZERO),
        ("零", ParseProblem.ZERO),
        ("1.234", ParseProblem.TOO_PRECISE),
        ("0.001", ParseProblem.TOO_PRECISE),
        ("1.2345678万", ParseProblem.TOO_PRECISE),
        ("2亿", ParseProblem.TOO_LARGE),
        ("1" * 60, ParseProblem.TOO_LARGE),
    ],
)
def test_rejects(text, problem):
    with pytest.raises(ParseError) as caught:
        parse_amount(text)
    assert caught.value.problem is problem


def test_zero_allowed_when_asked():
    assert parse_amount("0", allow_zero=True) == 0
    assert parse_amount("零元", allow_zero=True) == 0


def test_custom_maximum():
    assert parse_amount("500", max_fen=50_000) == 50_000
    with pytest.raises(ParseError) as caught:
        parse_amount("500.01", max_fen=50_000)
    assert caught.value.problem is ParseProblem.TOO_LARGE


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (2_350_000, "23,500"),
        (2_350_050, "23,500.50"),
        (2_350_005, "23,500.05"),
        (0, "0"),
        (1, "0.01"),
        (-2_350_050, "-23,500.50"),
        (DEFAULT_MAX_FEN, "100,000,000"),
    ],
)
def test_format_fen(fen, text):
    assert format_fen(fen) == text


@given(st.integers(min_value=1, max_value=DEFAULT_MAX_FEN))
def test_format_parse_round_trip(fen):
    assert parse_amount(format_fen(fen)) == fen


@given(st.integers(min_value=1, max_value=DEFAULT_MAX_FEN))
def test_plain_decimal_yuan_is_exact(fen):
    yuan, cents = divmod(fen, 100)
    assert parse_amount(f"{yuan}.{cents:02d}") == fen


@given(st.text(max_size=30))
def test_any_text_gives_int_fen_or_parse_error(text):
    try:
        fen = parse_amount(text)
    except ParseError as error:
        assert isinstance(error.problem, ParseProblem)
    else:
        assert type(fen) is int
        assert 0 < fen <= DEFAULT_MAX_FEN


@given(st.text(alphabet="0123456789.,万千百十一二两三四五六七八九零kw元块¥-", max_size=12))
def test_numeral_soup_gives_int_fen_or_parse_error(text):
    try:
        fen = parse_amount(text)
    except ParseError:
        return
    assert type(fen) is int
    assert 0 < fen <= DEFAULT_MAX_FEN


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("车贷每月800", 80_000),
        ("每个月800块", 80_000),
        ("800一个月", 80_000),
        ("工资到手5000", 500_000),
        ("月供2000元", 200_000),
        ("1,234,567", 123_456_700),
    ],
)
def test_amounts_inside_a_phrase(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # not thousands separators: 23.50, 2350 or a list? Ask rather than guess.
        ("23,50", ParseProblem.UNCLEAR_COMMA),
        ("23，50", ParseProblem.UNCLEAR_COMMA),
        ("1,2,3", ParseProblem.UNCLEAR_COMMA),
        ("1,2345", ParseProblem.UNCLEAR_COMMA),
        ("800、2000", ParseProblem.SEVERAL_AMOUNTS),
        ("车贷800，房贷2000", ParseProblem.SEVERAL_AMOUNTS),
    ],
)
def test_unclear_amounts_are_asked_about(text, problem):
    with pytest.raises(ParseError) as info:
        parse_amount(text)
    assert info.value.problem is problem
