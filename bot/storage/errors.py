"""Errors the storage layer reports to handlers, and how to tell them apart."""

from __future__ import annotations

import sqlite3

# what the database raises (aiosqlite raises sqlite3's errors): handlers catch this name
DatabaseError = sqlite3.Error


class CaseMissing(Exception):
    """The user's case is gone (deleted meanwhile): the open question cannot be answered."""


def is_user_gone(error: object) -> bool:
    """A write for a user whose rows were deleted meanwhile (/delete, retention)."""
    return isinstance(error, sqlite3.IntegrityError) and "FOREIGN KEY" in str(error)
