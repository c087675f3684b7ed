"""The scam checker's answers on their own: every combination of up to three hooks, and all
of them at once, fits a phone screen a message and at most two messages; each hook has its
line; a clean message is never called safe."""

from __future__ import annotations

import itertools
import re

import pytest

from bot.domain.scams import Hook
from bot.texts.zh import scams as t
from bot.views.scams import check_answer

_TAG = re.compile(r"<[^>]+>")
LIMIT = 300
SETS = [combo for size in (1, 2, 3) for combo in itertools.combinations(Hook, size)] + [tuple(Hook)]


def shown(text: str) -> str:
    return _TAG.sub("", text)


@pytest.mark.parametrize("question_open", [False, True])
@pytest.mark.parametrize("hooks", SETS, ids=lambda hooks: "+".join(hooks))
def test_each_answer_fits_two_phone_screens(hooks: tuple[Hook, ...], question_open: bool):
    messages = check_answer(hooks, question_open=question_open)
    assert 1 <= len(messages) <= 2
    assert all(len(shown(m)) <= LIMIT for m in messages), [len(shown(m)) for m in messages]
    text = "\n".join(messages)
    assert text.startswith(t.FOUND)
    assert [line for line in text.split("\n") if line in t.HOOK_LINES.values()] == [
        t.HOOK_LINES[hook] for hook in hooks
    ]
    assert t.WHAT_TO_DO in text and t.NOT_KEPT in text
    assert (t.QUESTION_OPEN in text) is question_open


def test_every_hook_has_one_short_line() -> None:
    assert set(t.HOOK_LINES) == set(Hook)
    assert all(line.startswith("• ") and len(line) <= 50 for line in t.HOOK_LINES.values())


@pytest.mark.parametrize("question_open", [False, True])
def test_no_hook_found_is_not_called_safe(question_open: bool) -> None:
    (message,) = check_answer((), question_open=question_open)
    assert message.startswith("没看到常见的骗局特征，但这不代表它就可靠。")
    assert "安全" not in message and "免费" in message and t.NOT_KEPT in message
    assert len(shown(message)) <= LIMIT
