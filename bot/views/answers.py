"""The person's own answers as they come back: why one was not taken, their words quoted."""

from __future__ import annotations

from html import escape

from bot.domain.parsing import ParseProblem
from bot.texts.zh import intake as t


def problem_text(problem: ParseProblem) -> str:
    """Why a typed answer was not taken, in one friendly line."""
    return t.PROBLEMS.get(problem, t.UNKNOWN_PROBLEM)


def quote(text: str) -> str:
    """User text inside our HTML messages."""
    return escape(text, quote=False)
