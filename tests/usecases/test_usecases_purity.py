"""Use cases never reach Telegram, the adapters or the words: they run without a bot."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USECASES = ROOT / "bot" / "usecases"
FORBIDDEN = (
    "telegram",
    "bot.app",
    "bot.callbacks",
    "bot.adapters",
    "bot.adapters.keyboards",
    "bot.adapters.reminder_messages",
    "bot.jobs.reminders",
    "bot.services",
    "bot.storage.persistence",
    "bot.telegram",
    "bot.texts",
    "bot.views",
)


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_no_use_case_imports_telegram_or_an_adapter() -> None:
    modules = sorted(USECASES.glob("*.py"))
    assert len(modules) > 5
    for path in modules:
        for name in _imports(path):
            assert not name.startswith(FORBIDDEN), f"bot/usecases/{path.name} imports {name}"


def test_importing_every_use_case_loads_no_telegram() -> None:
    """Also what they import in turn: the storage and the domain stay free of Telegram."""
    names = [
        f"bot.usecases.{p.stem}" for p in sorted(USECASES.glob("*.py")) if p.stem != "__init__"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('telegram', 'conversations')"
        " or m.startswith(('bot.adapters', 'bot.services', 'bot.texts'))))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
