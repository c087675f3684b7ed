"""`python -m bot --console`: the same conversation in a terminal, no token needed."""

import os
import subprocess
import sys
from pathlib import Path

from tests.support.sqlite import sqlite_connection

ROOT = Path(__file__).resolve().parents[2]

INTAKE = [
    "1",  # 好的，开始
    "1",  # 花呗
    "23500",
    "45天",
    "a",  # 跳过 (rate): lettered, since a typed number is a rate there
    "a",  # 跳过 (the whole balance)
    "2",  # 没有了，下一步
    "1",  # 失业
    "3",  # 3个月, typed as on Telegram: the buttons (约3个月 …) are lettered
    "6000",
    "15",  # the 15th, typed
    "4000",
    "a",  # 没有
    "1",  # 确认
]
ANSWERS = [*INTAKE, "1", "/quit"]  # then 花呗的通话稿


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
    assert "[1] 好的，开始" in out and "[a] 跳过，按常见说法估算" in out
    assert "[b] 约3个月" in out and "失业（暂时的，约 3 个月）" in out
    assert "每月 15 号" in out
    assert "花呗 23,500 元，已逾期 45 天" in out
    assert "请核对" in out and "<b>" not in out  # HTML is shown as plain text
    assert "向支付宝申请分期" in out and "95188" in out and "身份证" in out
    with sqlite_connection(database) as conn:
        [(status,)] = conn.execute("SELECT status FROM cases").fetchall()
    assert status == "planned"


def test_console_continues_where_it_stopped(tmp_path: Path) -> None:
    database = tmp_path / "console.sqlite3"
    run_console(database, ["1", "2", "5000"])  # 借呗 5,000, then end of input
    result = run_console(database, ["1", "20天"])  # "接着填", then the next answer
    assert "上次填到一半" in result.stdout
    assert "借呗逾期多久了" in result.stdout
    assert "借款详情" in result.stdout


def test_console_saves_the_calendar_next_to_the_database_and_prints_notices(
    tmp_path: Path,
) -> None:
    database = tmp_path / "data" / "console.sqlite3"
    deal = [
        "/deal",
        "1",  # ✅ 谈好了
        "1",  # 就按建议方案
        "a",  # the plan's own option (its label has amounts: lettered)
        "a",  # 跳过 the 工号
        "1",  # ✅ 保存
        "1",  # 📅 导入手机日历
        "/settings",
        "a",  # 早上8点
        "/quit",
    ]
    result = run_console(database, [*INTAKE, *deal])
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # a text that says which button to tap names its key in the console
    assert "不知道就点“跳过”（按 a）" in out
    saved = database.parent / "还款提醒.ics"
    assert f"📎 文件已保存到：{saved}" in out
    assert saved.read_bytes().count(b"BEGIN:VEVENT") == 14
    # the notice a tap gets (a toast on the phone) is printed
    assert "💬 已更新，之后的提醒按新设置发送。" in out


def test_console_saves_the_progress_picture_and_prints_its_caption(tmp_path: Path) -> None:
    database = tmp_path / "data" / "console.sqlite3"
    deal = ["/deal", "1", "1", "a", "a", "1", "/status", "/quit"]  # the plan's option, saved
    result = run_console(database, [*INTAKE, *deal])
    assert result.returncode == 0, result.stderr
    out = result.stdout
    saved = database.parent / "还款进度.png"
    assert f"🖼 图片已保存到：{saved}" in out
    assert saved.read_bytes().startswith(b"\x89PNG")
    # the caption is the summary, with its buttons and their keys
    caption = out[out.rindex("我的还款进度") :]
    assert "已还 0/14 期" in caption and "[a] ✅ 花呗第1期已还" in caption
