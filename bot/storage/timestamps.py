"""One text form for every moment stored: UTC, to the second, ``2026-12-02T05:24:10+00:00``.

The same form everywhere means text order is time order, so SQL compares and sorts the
columns as they are, and a change of ``BOT_TIMEZONE`` never mixes two clocks in one column.
"""

from __future__ import annotations

from datetime import UTC, datetime


def to_text(moment: datetime) -> str:
    """``moment`` (timezone-aware) as stored."""
    if moment.tzinfo is None:
        raise ValueError("a stored moment must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(text: str) -> datetime:
    """A stored moment, in UTC (convert to the user's zone to show it)."""
    return datetime.fromisoformat(text).astimezone(UTC)
