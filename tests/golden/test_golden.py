"""Golden renderings of every profile in profiles.py: plan, each lender's script, the chat
version and the checklist, message by message, as the user receives them.

Run with UPDATE_GOLDEN=1 to rewrite the files after a deliberate text change, then read
the diff as a user on a phone (and a debt adviser) would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.views.documents import CaseDocuments, documents_for
from tests.golden.profiles import PROFILES

HERE = Path(__file__).parent
SEPARATOR = "\n\n" + "─" * 12 + "\n\n"


def messages(docs: CaseDocuments) -> list[str]:
    out = list(docs.plan)
    for lender in docs.lenders:
        out += [*lender.script, lender.chat_intro, lender.chat_text]
    out.append(docs.checklist)
    return out


def render_all(name: str) -> str:
    profile = PROFILES[name]
    docs = documents_for(profile.facts, profile.today, 36)
    return SEPARATOR.join(messages(docs)) + "\n"


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_golden(name: str) -> None:
    path = HERE / f"{name}.txt"
    got = render_all(name)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"missing {path.name}: run with UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8")


def test_every_golden_file_has_a_profile() -> None:
    files = {p.stem for p in HERE.glob("*.txt")}
    assert files == set(PROFILES)
