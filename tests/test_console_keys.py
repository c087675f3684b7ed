"""Console keys: numbers tap buttons only where a typed number cannot be the answer."""

from bot.console import button_for, keys, render
from bot.offline import SentMessage


def message(text: str, *labels: str) -> SentMessage:
    return SentMessage(1, 7, text, [[(label, f"x:{k}")] for k, label in enumerate(labels)])


def test_buttons_without_numbers_are_numbered() -> None:
    products = message("哪一项逾期了？", "花呗", "借呗", "其他")
    assert keys(products) == ["1", "2", "3"]
    assert button_for("2", [products]) == (products, "x:1")
    assert button_for("4", [products]) is None  # out of range: sent as text


def test_where_a_number_is_an_answer_the_buttons_get_letters() -> None:
    durations = message("持续多久？", "暂时的，约1个月", "约3个月", "约6个月")
    assert keys(durations) == ["a", "b", "c"]
    assert button_for("3", [durations]) is None  # "3" is 3个月, as on Telegram
    assert button_for("B", [durations]) == (durations, "x:1")
    skip = message("日利率是多少？不清楚就点“跳过”。", "跳过，按常见说法估算")
    assert keys(skip) == ["a"] and button_for("1", [skip]) is None
    assert keys(message("开始吗？", "好的，开始")) == ["1"]


def test_a_text_naming_a_button_says_its_key() -> None:
    skip = message("客服的工号是多少？不知道就点“跳过”。", "跳过")
    assert "不知道就点“跳过”（按 a）。" in render(skip)
    menu = message("打完点“记录通话结果”。", "📞 通话稿", "📝 记录通话结果")
    assert "点“记录通话结果”（按 2）" in render(menu)
    assert "点“已还”" in render(message("还好了点“已还”。", "⏰ 稍后提醒"))  # no such button
