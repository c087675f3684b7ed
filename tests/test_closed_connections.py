"""Every plain sqlite3 connection is closed where it is opened, on every Python we run.

``with sqlite3.connect(path) as conn:`` reads as if it closed the connection, but it only
commits: the connection lives until it is collected. Python 3.13 then warns
(ResourceWarning), which the suite turns into an error in whatever test is running at that
moment; 3.11 says nothing. So the pattern is refused here, on 3.11 too:
tests use tests/support/sqlite.py's ``sqlite_connection``, the bot closes in ``finally``."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _is_sqlite3_connect(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "connect"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "sqlite3"
    )


def test_no_sqlite3_connection_is_left_to_the_garbage_collector() -> None:
    found = []
    for folder in ("bot", "conversations", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.With | ast.AsyncWith) and any(
                    _is_sqlite3_connect(item.context_expr) for item in node.items
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found


def test_the_check_sees_the_pattern() -> None:
    tree = ast.parse("with sqlite3.connect(p) as conn, open(f) as g:\n    pass\n")
    [statement] = tree.body
    assert isinstance(statement, ast.With)
    assert _is_sqlite3_connect(statement.items[0].context_expr)
