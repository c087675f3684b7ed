"""A folder of dated backups: their names, one backup at a time into the folder, and removing
the oldest beyond the number kept.

Only files named like the bot's own backups (``bot-YYYYMMDD-HHMMSSZ.sqlite3``) are ever counted
or removed; anything else in the folder is left alone."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import re
from collections.abc import Iterator
from pathlib import Path

from bot.backup.verified_copy import PARTIAL, BackupFailed, reason

# UTC, marked Z: names sort in the order the copies were made, whatever the machine's time zone
# or a change to or from summer time
NAME = re.compile(r"bot-\d{8}-\d{6}Z\.sqlite3")
NAME_FORMAT = "bot-%Y%m%d-%H%M%SZ.sqlite3"
DEFAULT_KEEP = 7  # a week of daily copies; data erased by /delete lives on in them that long


def dated_name(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime(NAME_FORMAT)


def _ours(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Regular files only: a symlink or a folder that happens to match is not a backup."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                found.append(folder / entry.name)
    return sorted(found)


def backups(folder: Path) -> list[Path]:
    """The bot's backups in ``folder``, oldest first."""
    return _ours(folder, NAME)


def rotate(folder: Path, keep: int, written: Path) -> list[Path]:
    """Removes the oldest backups so that ``keep`` remain, and returns them. ``written`` is
    always kept: with the clock set back, the copy just made must not be the first to go."""
    older = [path for path in backups(folder) if path.name != written.name]
    removed = older[: max(0, len(older) - (keep - 1))]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def remove_stale_partials(folder: Path) -> None:
    """Partial copies of ours that a killed run (SIGKILL, power cut) left: under the folder's
    lock no other run is writing one, and each holds a whole copy of the users' data."""
    for path in _ours(folder, re.compile(NAME.pattern + re.escape(PARTIAL))):
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def locked_folder(folder: Path) -> Iterator[None]:
    """Creates ``folder`` (0700) if needed and holds it for one backup: a second backup into it
    meanwhile (the timer's and a manual one) fails at once instead of racing for the names."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise BackupFailed(reason(error)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                raise BackupFailed(f"another backup into {folder} is running") from None
            raise BackupFailed(reason(error)) from None
        yield
    finally:
        os.close(fd)
