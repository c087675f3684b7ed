"""The scam checker's answer: the hooks found, one line each, and what to do; or, when none
is found, why that does not make the message reliable. At most 300 characters a message."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.scams import Hook
from bot.texts.zh import scams as t

LIMIT = 300


def _visible(text: str) -> int:
    return len(text.replace("<b>", "").replace("</b>", ""))


def _pack(blocks: Sequence[str]) -> list[str]:
    """The blocks, one under the other, in as few messages of at most LIMIT as they fit."""
    messages: list[str] = []
    for block in blocks:
        if messages and _visible(f"{messages[-1]}\n{block}") <= LIMIT:
            messages[-1] = f"{messages[-1]}\n{block}"
        else:
            messages.append(block)
    return messages


def check_answer(hooks: Sequence[Hook], *, question_open: bool = False) -> list[str]:
    """What the bot answers to a checked message (the message itself is never shown back)."""
    ending = [t.NOT_KEPT, t.QUESTION_OPEN] if question_open else [t.NOT_KEPT]
    if not hooks:
        return _pack([t.NONE_FOUND, *ending])
    lines = [t.HOOK_LINES[hook] for hook in hooks]
    return _pack([t.FOUND, *lines, t.WHAT_TO_DO, "".join(ending)])
