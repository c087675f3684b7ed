"""What typed words mean at the deal recording's button questions (pure, no bot)."""

from datetime import date

import pytest

from bot.adapters.deal import typed
from bot.domain.deal import parse_due_date
from bot.domain.parsing import ParseError, ParseProblem


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("谈好了", "agreed"),
        ("✅ 谈好了", "agreed"),
        ("谈成了！", "agreed"),
        ("同意了", "agreed"),
        ("没谈成", "refused"),
        ("对方不同意", "refused"),
        ("被拒了", "refused"),
        ("好了", None),  # done calling, but how did it go?
        ("", None),
    ],
)
def test_outcome(text: str, meant: str | None) -> None:
    assert typed.outcome(text) == meant


@pytest.mark.parametrize(
    ("text", "warned", "meant"),
    [
        ("确认", False, "save"),
        ("好的", False, "save"),
        ("对", False, "save"),
        ("没问题，保存吧", False, "save"),
        ("改一下", False, "redo"),
        ("重新填", False, "redo"),
        ("嗯？", False, None),  # a question is not a yes
        ("好的", True, None),  # save anyway or renegotiate? ask
        ("仍然保存", True, "save"),
        ("先不存", True, "renegotiate"),
    ],
)
def test_confirmation(text: str, warned: bool, meant: str | None) -> None:
    assert typed.confirmation(text, warned=warned) == meant


def test_kind_debt_option_and_call_again() -> None:
    assert typed.kind("先暂缓再分期", suggested=True) == "pause_then_installments"
    assert typed.kind("分期", suggested=True) == "installments"
    assert typed.kind("一次还清", suggested=False) == "single"
    assert typed.kind("按建议方案", suggested=True) == "suggested"
    assert typed.kind("按建议方案", suggested=False) is None
    debts = [(7, "花呗"), (8, "借呗")]
    assert typed.debt("借呗那笔", debts) == 8
    assert typed.debt("两笔都谈了", debts) is None
    options = [("main", "每月 1,679 元，分 14 期"), ("with_penalty", "罚息一起分：每月 1,717 元")]
    assert typed.option("罚息一起分", options) == "with_penalty"
    assert typed.option("都不是", options) == "own"
    assert typed.call_again("明天下午吧") == "tomorrow_afternoon"
    assert typed.call_again("三天后") == "in_3_days"
    assert typed.call_again("不用了") == "no"


def test_skip_words_and_date_reasons() -> None:
    assert all(typed.means_skip(w) for w in ("跳过", "不知道", "没有", "没有了"))
    assert not typed.means_skip("客服说只能先还最低")
    assert "没看懂这个日期" in typed.date_problem(_problem_of("随便"))
    assert "不存在" not in typed.date_problem(_problem_of("2月30日"))


def _problem_of(text: str) -> ParseProblem:
    try:
        parse_due_date(text, date(2026, 12, 2))
    except ParseError as error:
        return error.problem
    raise AssertionError(f"{text!r} was read as a date")
