"""Checks shared by the domain tests: what a finished case says, and when it falls due."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date, timedelta

from bot.domain.paydays import payday_in
from bot.views.documents import CaseDocuments

PROMISES = ("保证", "一定", "百分百", "肯定能", "必定", "包过")
ALLOWED_TAG = re.compile(r"</?(?:b|i|code)>")
QUOTE = re.compile(r"“([^“”]*)”")
PARENS = re.compile(r"[()（）]")
MAX_SPOKEN = 40
MAX_MESSAGE = 330


def all_messages(docs: CaseDocuments) -> list[str]:
    out = list(docs.plan)
    for lender in docs.lenders:
        out += [*lender.script, lender.chat_intro, lender.chat_text]
    out.append(docs.checklist)
    return out


def spoken(messages: Sequence[str]) -> list[str]:
    return [q for m in messages for q in QUOTE.findall(m)]


def plain(message: str) -> str:
    """What the phone shows: tags dropped, entities (&lt; &#x27;) as one character each."""
    return html.unescape(ALLOWED_TAG.sub("", message))


def opening(script: tuple[str, ...]) -> str:
    """The first thing said to the agent: the first spoken line after the title and the
    dialling note (which may quote what to say to the voice menu)."""
    lines = script[0].split("\n")[2:]
    first = next(line for line in lines if line.startswith("“"))
    return QUOTE.findall(first)[0]


def assert_safe_and_sayable(docs: CaseDocuments) -> list[str]:
    """No promise, no scam warning repeated in the plan, 您好 and 申请 in every script, short
    spoken lines without parentheses, and only b/i/code tags. Returns the messages."""
    messages = all_messages(docs)
    text = "\n".join(messages)
    for word in PROMISES:
        assert word not in text
    assert "早点谈" not in text
    plan = "\n".join(docs.plan)
    # the scam warning is in the welcome, each script and the worries, not again here
    assert "停息挂账" not in plan and "不借新债还旧债" in plan
    for lender in docs.lenders:
        script = "\n".join((*lender.script, lender.chat_text))
        assert "请求" not in script
        assert "申请" in script
        assert opening(lender.script).startswith("您好")
        assert lender.chat_text.startswith("您好")
        for line in spoken(lender.script):
            assert len(line) <= MAX_SPOKEN, line
            assert not PARENS.search(line), line
    for m in messages:
        stripped = ALLOWED_TAG.sub("", m)  # only b, i, code; the rest escaped
        assert "<" not in stripped and ">" not in stripped.replace("→", "")
    return messages


def assert_soon_after_late_payday(dates: Sequence[date], payday: int) -> None:
    """A payday from the 27th on: a fixed day an agent can enter, 1-4 days after payday."""
    for due in dates:
        before = due - timedelta(days=4)
        pays = [payday_in(d.year, d.month, payday) for d in (before, due)]
        assert any(before <= p < due for p in pays), (payday, due)
