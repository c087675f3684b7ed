"""Typed answers to the deal recording's button questions: what a tap would have meant.

Pure functions over the user's text: each returns the value the matching button carries
(its callback argument), or ``None`` when the text means none of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.domain.parsing import ParseProblem
from bot.domain.replies import Reply, typed_reply
from bot.texts.zh import deal as t
from bot.views.answers import problem_text

# punctuation, emoji and spaces around an answer change nothing: "好的！", "✅ 谈好了"
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
_FILLERS = ("吧", "啊", "呀", "了呢", "哦", "噢", "嗯")

_REFUSED = (
    "没谈成",
    "没谈好",
    "没谈妥",
    "没成",
    "没谈拢",
    "谈崩",
    "不同意",
    "拒绝",
    "被拒",
    "不行",
    "失败",
    "没同意",
    "不答应",
    "没答应",
    "没用",
)
_AGREED = (
    "谈好了",
    "谈好",
    "谈成",
    "谈妥",
    "谈拢",
    "成了",
    "成功",
    "同意了",
    "答应了",
    "同意",
    "答应",
    "可以了",
    "搞定",
)
_REDO = ("改一下", "重新填", "重填", "重新", "不对", "错了", "修改", "改", "要改", "有错")
_SAVE_ANYWAY = ("仍然保存", "还是保存", "照样保存", "保存", "就这样保存", "先保存", "已经签了")
_RENEGOTIATE = ("先不存", "不存", "再去谈", "再谈", "重新谈", "不保存")
_NO_THANKS = ("不用了", "不用", "不要", "不需要", "算了", "不必")
_SAME_DAY = ("一样", "同一天", "一样的", "对", "好的", "好", "是", "是的", "对的", "就这天", "没错")


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).lower()
    s = _NOISE.sub("", s)
    for filler in _FILLERS:
        if s.endswith(filler) and len(s) > len(filler):
            s = s.removesuffix(filler)
    return s


def plain_label(label: str) -> str:
    """A button's text without its leading emoji: "✅ 谈好了" -> "谈好了"."""
    return re.sub(r"^[^\w]+", "", label).strip() or label


def outcome(text: str) -> str | None:
    """ "agreed" / "refused" (the outcome buttons), or None."""
    s = _clean(text)
    if not s:
        return None
    if any(word in s for word in _REFUSED):  # before agreed: 没谈成 contains 谈成
        return "refused"
    if any(word in s for word in _AGREED):
        return "agreed"
    return None


def debt(text: str, debts: Sequence[tuple[int, str]]) -> int | None:
    """The debt whose product name (花呗, 信用卡 …) is in ``text``, if exactly one matches."""
    s = _clean(text)
    if not s:
        return None
    found = [debt_id for debt_id, name in debts if name in s]
    return found[0] if len(found) == 1 else None


def kind(text: str, *, suggested: bool) -> str | None:
    """The kind of deal: suggested / pause_then_installments / single / installments."""
    s = _clean(text)
    if not s:
        return None
    if suggested and any(word in s for word in ("建议", "按方案", "方案")):
        return "suggested"
    if any(word in s for word in ("暂缓", "缓", "先停", "延期", "延后")):
        return "pause_then_installments"
    if any(word in s for word in ("一次", "全部还清", "还清", "全款", "一把")):
        return "single"
    if "分期" in s or s.endswith("期") or s == "分":
        return "installments"
    return None


def option(text: str, options: Sequence[tuple[str, str]]) -> str | None:
    """One of the plan's options (by its label or a word of it), or "own"."""
    s = _clean(text)
    if not s:
        return None
    if any(word in s for word in ("都不是", "自己填", "不是", "自己")):
        return "own"
    with_penalty = [key for key, _ in options if key == "with_penalty"]
    if with_penalty and "罚息" in s:
        return with_penalty[0]
    matches = [key for key, label in options if s in _clean(label) or _clean(label) in s]
    if len(matches) == 1:
        return matches[0]
    if s in ("就按建议", "按建议", "建议", "第一个", "第一种", "就按这个", "按这个") and options:
        return options[0][0]
    return None


def confirmation(text: str, *, warned: bool) -> str | None:
    """ "save" / "redo" / "renegotiate" at the summary, or None.

    When the summary warns that the terms are more than the month carries, "好的" could
    mean either: only an explicit "仍然保存" saves, "先不存" renegotiates.
    """
    s = _clean(text)
    if not s or "?" in unicodedata.normalize("NFKC", text):
        return None  # "嗯？" "对吗？" is a question, not a yes
    if any(word in s for word in _REDO) and not s.startswith("不改"):
        return "redo"
    if warned:
        if any(word in s for word in _RENEGOTIATE):
            return "renegotiate"
        if any(word in s for word in _SAVE_ANYWAY):
            return "save"
        return None
    if typed_reply(text) is Reply.YES or any(
        s.startswith(word) for word in ("确认", "确定", "保存", "没问题")
    ):
        return "save"
    if any(word in s for word in _SAVE_ANYWAY):
        return "save"
    return None


def call_again(text: str) -> str | None:
    """When to be reminded to call again (the buttons' values), "no", or None."""
    s = _clean(text)
    if not s:
        return None
    if any(word in s for word in _NO_THANKS):
        return "no"
    if "3天" in s or "三天" in s:
        return "in_3_days"
    if "明天" in s or "明早" in s:
        if any(word in s for word in ("下午", "中午", "午后")):
            return "tomorrow_afternoon"
        return "tomorrow_morning"
    return None


def means_skip(text: str) -> bool:
    """ "跳过", "不知道", "没有" … where a skip button is offered."""
    return typed_reply(text) in (Reply.UNKNOWN, Reply.NO)


def means_same_day(text: str) -> bool:
    """ "一样" / "对" at "以后每月几号还？" under the "每月 N 号" button."""
    return _clean(text) in _SAME_DAY


def date_problem(problem: ParseProblem) -> str:
    """Why a date was refused, in words that fit what was typed."""
    if problem is ParseProblem.NOT_A_DATE:
        return t.NOT_A_DATE  # not "这个日期不存在" for text that is no date at all
    if problem is ParseProblem.BAD_DATE:
        return t.BAD_DATE
    return problem_text(problem)
