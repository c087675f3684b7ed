"""Backups as an operator meets them: `python -m bot backup --dir DIR [--keep N]` leaves dated,
verified, private copies and removes only the bot's own oldest ones; a copy that fails the
check, or a run that is interrupted, leaves nothing new and removes nothing; `backup FILE`
still writes one verified copy."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import re
import signal
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import SecretStr

from bot.__main__ import parse_args
from bot.backup import verified_copy
from bot.backup.rotation import DEFAULT_KEEP, NAME, dated_name, locked_folder
from bot.config import Settings
from bot.operations import backup, backup_into
from bot.storage.db import Database, migration_scripts

SCHEMA = len(migration_scripts())
NOW = dt.datetime(2027, 1, 10, 19, 0, 0, tzinfo=dt.UTC)
WRITTEN = "bot-20270110-190000Z.sqlite3"


async def _create(path: Path) -> None:
    database = Database(path)  # created and migrated as the bot does
    try:
        async with database.transaction() as conn:
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, created_at) VALUES (1, 1, 'x')"
            )
    finally:
        await database.close()


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Path]:
    """The bot's database with a writer still open and its last commit only in the -wal, as
    while the bot runs."""
    path = tmp_path / "state" / "bot.sqlite3"
    asyncio.run(_create(path))
    writer = sqlite3.connect(path)
    writer.execute("INSERT INTO users (user_id, chat_id, created_at) VALUES (2, 2, 'y')")
    writer.commit()
    assert Path(f"{path}-wal").stat().st_size > 0
    yield path
    writer.close()


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    before = os.umask(0o022)  # Debian's default: files would be readable by every local user
    yield
    os.umask(before)


def settings_for(path: Path) -> Settings:
    return Settings(token=SecretStr("1:abc"), database=path)  # type: ignore[call-arg]


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.err == ""  # no traceback, no warning
    [line] = captured.out.splitlines()
    return line


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def damage(path: Path, table: str = "users") -> None:
    """Overwrites the header of a table's root page, as a bad disk sector would."""
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        [root] = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,))
    with path.open("r+b") as file:
        file.seek((root[0] - 1) * page_size)
        file.write(b"\xff" * 16)


def test_a_dated_backup_is_a_private_verified_copy_named_in_one_line(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "backups"
    assert backup_into(settings_for(live), folder, now=NOW) == 0
    line = one_line(capsys)
    written = folder / WRITTEN
    size = written.stat().st_size
    assert line == (
        f"backup written: {written} ({size} bytes, schema {SCHEMA}, integrity ok); "
        "0 older removed, 1 kept"
    )
    assert names(folder) == {WRITTEN}  # no .partial, no -wal or -shm beside it
    assert mode(written) == 0o600 and mode(folder) == 0o700
    with contextlib.closing(sqlite3.connect(f"{written.as_uri()}?mode=ro", uri=True)) as copy:
        # the commit that was still in the live -wal is in the copy
        assert copy.execute("SELECT user_id FROM users ORDER BY 1").fetchall() == [(1,), (2,)]
        # one self-contained file: restoring from it needs nothing beside it
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert names(folder) == {WRITTEN}


def test_names_are_utc_whatever_the_zone_of_the_clock(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shanghai_morning = dt.datetime(2027, 1, 11, 3, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert backup_into(settings_for(live), tmp_path / "b", now=shanghai_morning) == 0
    assert names(tmp_path / "b") == {WRITTEN}  # 03:00 in Shanghai is 19:00 UTC the day before
    capsys.readouterr()


def test_rotation_keeps_the_newest_and_never_touches_anything_else(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    old = [f"bot-2027010{day}-190000Z.sqlite3" for day in range(1, 6)]
    for name in old:
        (folder / name).write_bytes(b"an older backup")
    elsewhere = tmp_path / "kept-elsewhere.sqlite3"
    elsewhere.write_bytes(b"not in the folder")
    foreign = {
        "notes.txt",  # the operator's
        "bot.sqlite3",  # a database, not a dated backup
        "bot-20200101-000000.sqlite3",  # no Z: not a name the bot writes
        "bot-20200101-000000Z.sqlite3.bak",
        "bot-20200101-000000Z.sqlite3-wal",
        "before-upgrade.partial",
    }
    for name in foreign:
        (folder / name).write_bytes(b"someone else's")
    (folder / "bot-20190101-000000Z.sqlite3").mkdir()  # a folder named like a backup
    (folder / "bot-20180101-000000Z.sqlite3").symlink_to(elsewhere)  # a link, not a backup

    assert backup_into(settings_for(live), folder, keep=3, now=NOW) == 0

    assert one_line(capsys).endswith("; 3 older removed, 3 kept")
    ours = sorted(name for name in names(folder) if name.startswith("bot-2027"))
    assert ours == [old[3], old[4], WRITTEN]
    assert foreign <= names(folder)
    assert (folder / "bot-20190101-000000Z.sqlite3").is_dir()
    assert (folder / "bot-20180101-000000Z.sqlite3").is_symlink() and elsewhere.exists()


def test_the_copy_just_made_is_kept_even_when_the_clock_was_set_back(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "bot-20300101-000000Z.sqlite3").write_bytes(b"made while the clock was ahead")
    assert backup_into(settings_for(live), folder, keep=1, now=NOW) == 0
    assert names(folder) == {WRITTEN}
    assert one_line(capsys).endswith("; 1 older removed, 1 kept")


def test_the_default_keeps_a_week_of_daily_backups(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "backups"
    for day in range(1, 11):
        assert backup_into(settings_for(live), folder, now=NOW.replace(day=day)) == 0
    assert DEFAULT_KEEP == 7
    assert sorted(names(folder)) == [f"bot-202701{day:02}-190000Z.sqlite3" for day in range(4, 11)]
    assert capsys.readouterr().out.splitlines()[-1].endswith("; 1 older removed, 7 kept")


@pytest.fixture
def old_backups(tmp_path: Path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o700)
    for day in (1, 2):
        (folder / f"bot-2027010{day}-190000Z.sqlite3").write_bytes(b"an older backup")
    return folder


def test_a_copy_that_fails_the_check_is_not_kept_and_nothing_is_rotated(
    live: Path,
    old_backups: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The copy is damaged on its way to the disk: the live database is fine."""
    real_copy = verified_copy._copy

    def copy_then_damage(source: Path, partial: Path) -> None:
        real_copy(source, partial)
        damage(partial)

    monkeypatch.setattr(verified_copy, "_copy", copy_then_damage)
    before = names(old_backups)
    assert backup_into(settings_for(live), old_backups, keep=1, now=NOW) == 1
    line = one_line(capsys)
    assert line.startswith("backup failed: the copy fails SQLite's integrity check (")
    assert line.endswith(f"the live database may be damaged ({live} -> {old_backups})")
    assert names(old_backups) == before  # no new file, no .partial, the old ones all kept


def test_a_damaged_live_database_is_caught_by_the_check_of_its_copy(
    live: Path, old_backups: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The online backup copies pages as they are: only the check finds that one is broken."""
    with contextlib.closing(sqlite3.connect(live)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the page is then in the file itself
    damage(live)
    before = names(old_backups)
    assert backup_into(settings_for(live), old_backups, keep=1, now=NOW) == 1
    assert "integrity check" in one_line(capsys)
    assert names(old_backups) == before


def test_a_database_that_is_not_the_bots_is_not_taken_for_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite3"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert backup_into(settings_for(other), tmp_path / "b", now=NOW) == 1
    assert "not the bot's database" in one_line(capsys)
    assert names(tmp_path / "b") == set()


def test_no_database_creates_no_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing.sqlite3"
    assert backup_into(settings_for(missing), tmp_path / "b", now=NOW) == 1
    assert (
        one_line(capsys)
        == f"backup failed: no database at {missing} ({missing} -> {tmp_path / 'b'})"
    )
    assert not (tmp_path / "b").exists() and not missing.exists()


def _interrupt_by(monkeypatch: pytest.MonkeyPatch, interrupt: Callable[[], None]) -> None:
    real_copy = verified_copy._copy

    def copy_then_interrupt(source: Path, partial: Path) -> None:
        real_copy(source, partial)
        assert partial.stat().st_size > 0  # a partial copy is there to be cleaned up
        interrupt()

    monkeypatch.setattr(verified_copy, "_copy", copy_then_interrupt)


def _ctrl_c() -> None:
    raise KeyboardInterrupt


def _sigterm() -> None:
    # without the backup's own handler this would end the test run itself
    assert callable(signal.getsignal(signal.SIGTERM))
    os.kill(os.getpid(), signal.SIGTERM)  # as systemd stops a run past TimeoutStartSec


@pytest.mark.parametrize("interrupt", [_ctrl_c, _sigterm], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_backup_leaves_nothing_and_ends_in_one_line(
    live: Path,
    old_backups: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    interrupt: Callable[[], None],
) -> None:
    _interrupt_by(monkeypatch, interrupt)
    before = names(old_backups)
    handler = signal.getsignal(signal.SIGTERM)
    assert backup_into(settings_for(live), old_backups, keep=1, now=NOW) == 1
    assert one_line(capsys) == (
        f"backup failed: interrupted, nothing was written ({live} -> {old_backups})"
    )
    assert names(old_backups) == before
    assert signal.getsignal(signal.SIGTERM) == handler  # put back as it was


def test_a_partial_copy_left_by_a_killed_run_is_removed_by_the_next(
    live: Path, old_backups: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    killed = old_backups / "bot-20270109-190000Z.sqlite3.partial"
    killed.write_bytes(b"half a copy of the users' data")
    assert backup_into(settings_for(live), old_backups, now=NOW) == 0
    assert not killed.exists()
    capsys.readouterr()


def test_a_second_backup_into_the_same_folder_meanwhile_fails_at_once(
    live: Path, old_backups: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = names(old_backups)
    with locked_folder(old_backups):  # the timer's run, still copying
        assert backup_into(settings_for(live), old_backups, keep=1, now=NOW) == 1
    assert one_line(capsys).startswith(
        f"backup failed: another backup into {old_backups} is running"
    )
    assert names(old_backups) == before


def test_backup_file_still_writes_one_verified_copy(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "by-hand" / "before-upgrade.sqlite3"
    assert backup(settings_for(live), target) == 0
    size = target.stat().st_size
    assert one_line(capsys) == (
        f"backup written: {target} ({size} bytes, schema {SCHEMA}, integrity ok)"
    )
    assert names(target.parent) == {target.name}
    assert mode(target) == 0o600 and mode(target.parent) == 0o700


def test_backup_file_refuses_to_replace_a_folder_or_a_database_in_use(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(live)
    folder = tmp_path / "backups"
    folder.mkdir()
    assert backup(settings, folder) == 1
    assert f"{folder} is a folder: use --dir {folder}" in one_line(capsys)
    assert backup(settings, live) == 1
    assert f"{live} is the live database" in one_line(capsys)
    in_use = tmp_path / "other" / "bot.sqlite3"
    in_use.parent.mkdir()
    in_use.write_bytes(b"another bot's database")
    Path(f"{in_use}-wal").write_bytes(b"its journal")
    assert backup(settings, in_use) == 1
    assert "may be in use" in one_line(capsys)
    assert in_use.read_bytes() == b"another bot's database"


def test_a_backup_restores_by_copying_it_back_verified(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """deploy/README's restore: BOT_DATABASE=the backup, backup FILE=the live path."""
    assert backup_into(settings_for(live), tmp_path / "b", now=NOW) == 0
    restored = tmp_path / "restored" / "bot.sqlite3"
    assert backup(settings_for(tmp_path / "b" / WRITTEN), restored) == 0
    assert "integrity ok" in capsys.readouterr().out
    with contextlib.closing(sqlite3.connect(restored)) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 2
    assert names(tmp_path / "b") == {WRITTEN}  # the backup itself was only read


@pytest.mark.parametrize(
    ("argv", "folder", "keep", "file"),
    [
        (["backup", "--dir", "/b"], Path("/b"), None, None),
        (["backup", "--dir", "/b", "--keep", "3"], Path("/b"), 3, None),
        (["backup", "--keep", "3", "--dir", "/b"], Path("/b"), 3, None),
        (["backup", "/b/one.sqlite3"], None, None, Path("/b/one.sqlite3")),
    ],
)
def test_backup_takes_a_file_or_a_folder(
    argv: list[str], folder: Path | None, keep: int | None, file: Path | None
) -> None:
    args = parse_args(argv)
    assert (args.command, args.folder, args.keep, args.file) == ("backup", folder, keep, file)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["backup"], "backup needs a FILE or --dir DIR"),
        (["backup", "/b/one.sqlite3", "--dir", "/b"], "backup needs a FILE or --dir DIR"),
        (["backup", "--keep", "3", "/b/one.sqlite3"], "--keep goes with --dir"),
        (["backup", "--dir", "/b", "--keep", "0"], "at least 1"),
        (["backup", "--dir", "/b", "--keep", "all"], "at least 1"),
        (["check", "--dir", "/b"], "--dir and --keep go with backup"),
    ],
)
def test_a_wrong_backup_command_says_what_is_wrong(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(argv)
    assert exited.value.code == 2
    assert says in capsys.readouterr().err


def test_backup_names_match_the_pattern_rotation_looks_for() -> None:
    assert re.fullmatch(NAME, dated_name(NOW)) and dated_name(NOW) == WRITTEN
