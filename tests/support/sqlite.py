"""A plain sqlite3 connection for tests that read or change a database file directly."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def sqlite_connection(path: Path | str) -> Iterator[sqlite3.Connection]:
    """Commits when the block succeeds (rolls back when it raises) and always closes.

    ``with sqlite3.connect(path) as conn:`` only ends the transaction: the connection stays
    open until it is collected, and from Python 3.13 on that is a ResourceWarning, an error
    under the suite's ``filterwarnings = error`` in whichever test happens to collect it."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            yield conn
    finally:
        conn.close()
