"""The domain is pure: no Telegram, no database, so it is testable and reusable on its own."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"
FORBIDDEN = ("telegram", "aiosqlite", "sqlite3", "bot.storage", "bot.texts")


def test_domain_imports_no_adapters() -> None:
    for path in DOMAIN.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
