"""Words live in the catalogue (bot/texts/zh), put together only in views (bot/views).

A view chooses and fills catalogue entries, so it holds no Chinese string of its own (its
docstrings may show examples); a catalogue module holds tables and templates, no functions.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_no_view_writes_chinese_of_its_own() -> None:
    # the renderers (PDF, picture) only lay out words a view gave them
    views = sorted((ROOT / "bot" / "views").rglob("*.py")) + sorted(
        (ROOT / "bot" / "render").rglob("*.py")
    )
    assert views
    found = []
    for path in views:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and id(node) not in docs and CJK.search(text):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {text[:30]!r}")
    assert not found, "\n".join(found)


def test_the_catalogue_holds_no_functions() -> None:
    found = []
    for path in sorted((ROOT / "bot" / "texts" / "zh").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{path.name}: {node.name}"
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
    assert not found, "\n".join(found)
