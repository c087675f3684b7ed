"""One verified copy of the database: SQLite's online backup into ``NAME.partial`` (created
0600), checked read-only, and only then renamed to ``NAME``. A file under the final name is
therefore always a complete copy that passed the check; a failed or interrupted copy leaves
nothing behind."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.storage.db import create_private, migration_scripts

PARTIAL = ".partial"


class BackupFailed(Exception):
    """No backup was made; ``str()`` is the reason, one line for the operator."""


@dataclass(frozen=True)
class Copy:
    path: Path
    size: int  # bytes
    schema: int  # PRAGMA user_version: how many migrations the copy has


def partial_of(target: Path) -> Path:
    return target.with_name(target.name + PARTIAL)


def reason(error: OSError | sqlite3.Error) -> str:
    """``Permission denied: /var/backups/x``, ``file is not a database``: one line."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return " ".join(str(error).split())


def _read_only(path: Path) -> sqlite3.Connection:
    # a URI from the absolute path: a '?' or '#' in a folder name stays part of the name
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)


def write_verified(source: Path, target: Path) -> Copy:
    """Copies ``source`` to ``target`` while the bot may be writing it; BackupFailed when the
    copy cannot be made or fails the check. The source is only ever read."""
    if not source.is_file():
        raise BackupFailed(f"no database at {source}")
    partial = partial_of(target)
    try:
        partial.unlink(missing_ok=True)
        create_private(partial)  # a copy of the data is as private as the data
        _copy(source, partial)
        schema = verify(partial)
        partial.replace(target)
        _sync_folder(target.parent)
        size = target.stat().st_size
    except (OSError, sqlite3.Error) as error:
        _remove(partial)
        raise BackupFailed(reason(error)) from None
    except BaseException:  # BackupFailed, Ctrl-C, SIGTERM (see operations), anything else
        _remove(partial)
        raise
    return Copy(target, size, schema)


def _copy(source: Path, partial: Path) -> None:
    # read-only: a backup never writes the live database, not even a checkpoint of its WAL
    live = _read_only(source)
    try:
        copy = sqlite3.connect(partial)
        try:
            live.backup(copy)
            # one self-contained file: reading it (to check it, or to restore from read-only
            # media) then never needs a -wal or -shm beside it
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    finally:
        live.close()


def verify(path: Path) -> int:
    """The copy's schema, when every page checks out (``integrity_check``, not only the quick
    one) and the schema is one this program knows; BackupFailed otherwise."""
    try:
        conn = _read_only(path)
        try:
            problems = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
            schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        problems = [reason(error)]
    if problems != ["ok"]:
        # the copy has the live database's pages: the damage is most likely there
        raise BackupFailed(
            f"the copy fails SQLite's integrity check ({_first(problems)}): "
            "the live database may be damaged"
        )
    known = len(migration_scripts())
    if schema == 0:
        raise BackupFailed("the copy has no schema (user_version 0): not the bot's database")
    if schema > known:
        raise BackupFailed(f"the copy has schema {schema}, newer than this program ({known})")
    return schema


def _first(problems: list[str]) -> str:
    """integrity_check's first finding, and how many there are (it lists up to 100)."""
    lines = [
        line.strip()
        for problem in problems
        for line in problem.splitlines()
        if line.strip() and not line.startswith("***")
    ] or ["no answer"]
    return lines[0] if len(lines) == 1 else f"{lines[0]}; {len(lines)} findings"


def _sync_folder(folder: Path) -> None:
    """The rename into place survives a power cut only once the folder itself is synced."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)
