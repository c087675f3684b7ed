"""Short typed replies that mean a button: "好的", "跳过", "没有了", "改一下".

People type what they would have tapped. Each question decides which meanings it takes
(a "没有" is "no other debts" at one question and "no rate known" at another); this module
only says what a short reply means, never what to do with it.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Reply(StrEnum):
    YES = "yes"  # agree, confirm, it is right
    NO = "no"  # none, nothing more
    UNKNOWN = "unknown"  # skip, do not know
    EDIT = "edit"  # change something
    MORE = "more"  # there is another one
    CONTINUE = "continue"
    RESTART = "restart"
    SHOW = "show"  # show me (the plan)
    BACK = "back"


# Longer texts are answers in their own words, never a button.
MAX_REPLY_CHARS = 12
_PARTICLES = re.compile(r"[吧啊呀哦呢啦嘛哈咯喔噢]+$")
_PUNCTUATION = re.compile(r"[\s,.!?;:~、，。！？；：～…\"'“”‘’()（）\[\]【】]+")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_WORDS: dict[Reply, frozenset[str]] = {
    Reply.YES: _words(
        "好 好的 好滴 行 可以 同意 我同意 开始 好的开始 开始吧 确认 确定 对 对的 是 是的 "
        "嗯 嗯嗯 没问题 没错 正确 ok okay yes y 好了 就这样 确认生成方案 生成方案 知道了 保存"
    ),
    Reply.NO: _words(
        "没有 没有了 没了 没 无 木有 没有别的 没别的 就这些 就这么多 就这样吧 不用 不用了 "
        "没有其他 没有其他的 没其他 没有了下一步 下一步 no n 没漏 没漏算 没有漏 没漏掉 没什么"
    ),
    Reply.UNKNOWN: _words(
        "跳过 不知道 不清楚 不记得 忘了 忘记了 看不到 找不到 没看到 不确定 不晓得 不懂 "
        "不会看 算了 skip 跳 不知 不太清楚 不太确定 说不清 说不准 没说 没问"
    ),
    Reply.EDIT: _words("改 改一下 修改 我要改 要改 改改 改一改 不对 有错 错了 写错了"),
    Reply.MORE: _words("有 还有 还有一笔 有的 还有的 加一笔 再加一笔 还有别的 有别的"),
    Reply.CONTINUE: _words("接着填 继续 接着 继续填 接着来 继续吧"),
    Reply.RESTART: _words("重新开始 重来 重新填 从头开始 重新来 再来一次"),
    Reply.SHOW: _words("看方案 看我的方案 方案 我的方案 看看方案 再看一遍"),
    Reply.BACK: _words("返回 返回核对 回去 上一步 返回上一步"),
}


def _folded(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    folded = _PUNCTUATION.sub("", folded)
    folded = _PARTICLES.sub("", folded)
    return folded.removesuffix("吧") if len(folded) > 1 else folded


def typed_reply(text: str) -> Reply | None:
    """What a short typed reply means, or None when it is not one of these words.

    Emoji and punctuation around the words are ignored ("好的！", "👍 好的吧").
    """
    if len(text) > MAX_REPLY_CHARS * 2:
        return None
    folded = "".join(ch for ch in _folded(text) if not unicodedata.category(ch).startswith("S"))
    if not folded or len(folded) > MAX_REPLY_CHARS:
        return None
    for reply, words in _WORDS.items():
        if folded in words:
            return reply
    return None
