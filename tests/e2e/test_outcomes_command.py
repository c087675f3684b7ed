"""``python -m bot outcomes``: counts per deal outcome from a real database, counts only."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from bot.storage.db import Database
from tests.e2e.test_process import ROOT
from tests.usecases.world import World

USER_IDS = (7_340_001, 7_340_002)


def outcomes(database: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "outcomes"],
        cwd=ROOT,
        env=env | {"BOT_DATABASE": str(database)},  # no token needed: it reads the file only
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def _fill(path: Path) -> None:
    database = Database(path)
    world = World(database)
    try:
        kept = await world.planned(USER_IDS[0])
        await world.deal(USER_IDS[0], kept, [123_456, 123_456], date(2099, 1, 1))
        broken = await world.planned(USER_IDS[1])
        await world.deal(USER_IDS[1], broken, [654_321], date(2000, 1, 1))
    finally:
        await database.close()


def test_outcomes_prints_counts_and_no_personal_data(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    asyncio.run(_fill(database))
    done = outcomes(database)
    assert done.returncode == 0, done.stdout + done.stderr
    counts = dict(line.split() for line in done.stdout.splitlines()[1:])
    assert counts == {
        "kept": "1",
        "replanned": "0",
        "broken": "1",
        "paid_off": "0",
        "deals": "2",
        "plans_made": "2",
        "calls_agreed": "2",
        "calls_refused": "0",
        "nudges_sent": "0",
    }
    for private in (*map(str, USER_IDS), "1234", "6543", "花呗", "10086"):
        assert private not in done.stdout


def test_outcomes_without_a_database_says_so(tmp_path: Path) -> None:
    done = outcomes(tmp_path / "missing.sqlite3")
    assert done.returncode == 1 and done.stdout.startswith("database: no file")
    assert not (tmp_path / "missing.sqlite3").exists()
