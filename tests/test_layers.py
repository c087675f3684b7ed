"""Dependencies run one way: adapters → views → usecases → flows, storage → domain.

The catalogue (bot/texts) sits below the views; jobs and adapters meet only in app.py.

Each layer lists what it must never import. The few edges that still run the wrong way are
named in KNOWN, so no new one can creep in while they are being removed (issue 10).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ADAPTERS = ("telegram", "bot.adapters", "bot.app", "bot.console")
JOBS = ("bot.jobs",)
STORAGE = ("aiosqlite", "sqlite3", "bot.storage")
FORBIDDEN: dict[str, tuple[str, ...]] = {
    # pure: no I/O, no words, no Telegram
    "bot/domain": (*ADAPTERS, *JOBS, *STORAGE, "bot.texts", "bot.usecases", "conversations"),
    # flows: the intake's and the deal's states and transitions, pure tables
    "conversations": (*ADAPTERS, *JOBS, "bot.storage", "bot.texts", "bot.usecases", "aiosqlite"),
    # the catalogue: words only, below the views that put them together
    "bot/texts": (*ADAPTERS, *JOBS, *STORAGE, "bot.usecases", "bot.views"),
    # views: words put together from domain and use-case values, never from stored rows
    "bot/views": (*ADAPTERS, *JOBS, *STORAGE),
    # use cases: one thing a user does, one transaction; no Telegram and no words
    "bot/usecases": (*ADAPTERS, *JOBS, "bot.texts"),
    # storage: tables, never Telegram or words
    "bot/storage": (*ADAPTERS, *JOBS, "bot.texts", "bot.usecases", "conversations"),
    # jobs and adapters are wired together only by app.py
    "bot/jobs": ADAPTERS[1:],  # the job queue and Bot API errors, never the adapters
    # files drawn from finished words and numbers: layout only, knows nothing of the bot
    "bot/render": (
        *ADAPTERS,
        *JOBS,
        *STORAGE,
        "bot.domain",
        "bot.texts",
        "bot.usecases",
        "bot.views",
        "conversations",
    ),
    # adapters reach storage through use cases only (row types: bot.storage.records)
    "bot/adapters": (*JOBS, "bot.storage.repo", "aiosqlite", "sqlite3"),
}
# (file, imported module) pairs that still break the rule, to be removed
KNOWN = {
    ("bot/texts/zh/deal.py", "conversations.deal.states"),  # echo labels keyed by state
    ("bot/storage/persistence.py", "telegram.ext"),  # PTB's persistence interface itself
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from bot.storage import repo" reaches bot.storage.repo as much as an import of it
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _files(layer: str) -> list[Path]:
    target = ROOT / layer
    return [target] if target.suffix == ".py" else sorted(target.rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    wrong = []
    for path in _files(layer):
        relative = path.relative_to(ROOT).as_posix()
        for name in _imports(path):
            hit = any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer])
            known = any(f == relative and (name == k or name.startswith(k + ".")) for f, k in KNOWN)
            if hit and not known:
                wrong.append(f"{relative} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_every_known_exception_still_exists() -> None:
    """An exception that is gone is taken off the list, so the rule tightens."""
    for relative, name in KNOWN:
        assert name in _imports(ROOT / relative), f"{relative} no longer imports {name}"
