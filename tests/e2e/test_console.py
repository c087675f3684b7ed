"""`python -m bot --console`: the same conversation in a terminal, no token needed."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ANSWERS = [
    "1",  # 好的，开始
    "1",  # 花呗
    "23500",
    "45天",
    "1",  # 跳过 (rate)
    "1",  # 跳过 (the whole balance)
    "2",  # 没有了，下一步
    "1",  # 失业
    "2",  # 约3个月
    "6000",
    "4",  # 15号
    "4000",
    "1",  # 没有
    "1",  # 确认
    "1",  # 花呗的通话稿
    "/quit",
]


def run_console(database: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env["BOT_DATABASE"] = str(database)
    return subprocess.run(
        [sys.executable, "-m", "bot", "--console"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


def test_console_runs_the_whole_intake(tmp_path: Path) -> None:
    database = tmp_path / "console.sqlite3"
    result = run_console(database, ANSWERS)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[1] 好的，开始" in out
    assert "花呗 23,500 元，已逾期 45 天" in out
    assert "请核对" in out and "<b>" not in out  # HTML is shown as plain text
    assert "向支付宝申请分期" in out and "95188" in out and "身份证" in out
    with sqlite3.connect(database) as conn:
        [(status,)] = conn.execute("SELECT status FROM cases").fetchall()
    assert status == "planned"


def test_console_continues_where_it_stopped(tmp_path: Path) -> None:
    database = tmp_path / "console.sqlite3"
    run_console(database, ["1", "2", "5000"])  # 借呗 5,000, then end of input
    result = run_console(database, ["1", "20天"])  # "接着填", then the next answer
    assert "上次填到一半" in result.stdout
    assert "借呗逾期多久了" in result.stdout
    assert "借款详情" in result.stdout
