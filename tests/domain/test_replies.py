"""Short typed replies that stand for a button."""

import pytest

from bot.domain.replies import Reply, typed_reply


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("好的", Reply.YES),
        ("开始", Reply.YES),
        ("确认", Reply.YES),
        ("好的！", Reply.YES),
        ("👍 好的吧", Reply.YES),
        ("ＯＫ", Reply.YES),
        ("没有", Reply.NO),
        ("没有了", Reply.NO),
        ("没有了，下一步", Reply.NO),
        ("跳过", Reply.UNKNOWN),
        ("不知道。", Reply.UNKNOWN),
        ("改一下", Reply.EDIT),
        ("还有一笔", Reply.MORE),
        ("接着填", Reply.CONTINUE),
        ("重新开始", Reply.RESTART),
        ("看我的方案", Reply.SHOW),
    ],
)
def test_button_words(text: str, reply: Reply) -> None:
    assert typed_reply(text) is reply


@pytest.mark.parametrize(
    "text", ["车贷每月800", "我觉得不好说", "好的但是我没钱", "5000", "", "好" * 30, "不"]
)
def test_answers_in_own_words_are_not_buttons(text: str) -> None:
    assert typed_reply(text) is None
