import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.free_text import (
    MAX_FREE_TEXT_CHARS,
    storable_staff_id,
    storable_text,
    strip_hidden,
)
from bot.domain.sensitive import find_secrets


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("老板跑路了\x1b[2J\x07", "老板跑路了[2J"),  # ESC and BEL go, the visible rest stays
        ("工资\x00被\x7f扣\x9b了", "工资被扣了"),  # NUL, DEL and the C1 CSI
        ("没钱\u202e了", "没钱了"),  # RIGHT-TO-LEFT OVERRIDE
        ("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c生病", "生病"),
        ("住院\u200b\ufeff\u2060\u00ad了", "住院了"),  # zero-width space, BOM, word joiner
        ("😭😭 真的没办法了🙏🏻", "😭😭 真的没办法了🙏🏻"),
        ("👨\u200d👩\u200d👧 一家三口", "👨\u200d👩\u200d👧 一家三口"),  # the joiner in an emoji
        ("❤\ufe0f 家人", "❤\ufe0f 家人"),  # a variation selector
        ("客服说：“再等等”。（真的吗？）", "客服说：“再等等”。（真的吗？）"),
        ("第一行\r\n第二行\u2028第三行", "第一行\n第二行\n第三行"),
        ("A\tB", "A B"),
        ("\ud800孤", "孤"),  # a lone surrogate could not even be written to SQLite
    ],
)
def test_hidden_characters_go_and_ordinary_text_stays(text: str, kept: str) -> None:
    assert strip_hidden(text) == kept


def test_a_zero_width_joiner_between_digits_goes() -> None:
    assert strip_hidden("12\u200d34") == "1234"


def test_storable_text_tidies_spaces_and_keeps_line_breaks() -> None:
    text = "  老板  跑路了 \n\n\n\n 工资  没发  \u3000"
    assert storable_text(text) == "老板 跑路了\n\n工资 没发"


@pytest.mark.parametrize("text", [None, "", "   ", "\u202e\u200b", "\x1b\x07"])
def test_nothing_visible_is_stored_as_nothing(text: str | None) -> None:
    assert storable_text(text) is None


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("工资卡 6222 0212 3456 7894 被冻结了", "工资卡 ＊＊＊ 被冻结了"),
        ("卡号 6222\x1b0212\x073456 7894", "卡号 ＊＊＊"),  # controls read as spaces
        ("卡号 6222\u200b0212\u200b3456\u200b7890", "卡号 ＊＊＊"),  # zero-width joins them
        ("身份证\u202e11010519491231002x", "身份证＊＊＊"),
        ("密码 是 abc123", "密码 是 ＊＊＊"),
    ],
)
def test_secrets_are_never_stored(text: str, stored: str) -> None:
    assert storable_text(text) == stored


def test_a_card_at_the_end_of_a_long_note_is_found_before_the_note_is_cut() -> None:
    text = "字" * (MAX_FREE_TEXT_CHARS - 10) + " 6222 0212 3456 7894"
    stored = storable_text(text)
    assert stored is not None and len(stored) <= MAX_FREE_TEXT_CHARS
    assert "6222" not in stored and "0212" not in stored


@pytest.mark.parametrize(
    ("staff_id", "stored"),
    [
        ("A1023", "A1023"),
        (" A10\u202e23 ", "A1023"),
        ("6222021234567890123", None),  # a card number is no 工号
        ("11010519491231002X", None),
        ("\u200b", None),
        (None, None),
    ],
)
def test_a_staff_id_that_is_a_secret_is_dropped(staff_id: str | None, stored: str | None) -> None:
    assert storable_staff_id(staff_id) == stored


_PIECES = st.one_of(
    st.text(
        st.sampled_from(list("0123456789０１２３ -.X卡号证码驗證碼密是：\u200b\u00a0\u202e\x1b\n")),
        max_size=30,
    ),
    st.text(max_size=20),
    st.sampled_from(["6222 0212 3456 7894", "11010519491231002X", "卡号 ", "验证码 ", "密码 是 "]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=6).map("".join))
def test_what_is_stored_has_no_secret_and_no_hidden_character_left(text: str) -> None:
    stored = storable_text(text)
    if stored is not None:
        assert not find_secrets(stored)
        assert not any(unicodedata.category(c) in ("Cc", "Cs") and c != "\n" for c in stored)
        assert not any(
            c in stored for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
