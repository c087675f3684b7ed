"""The one stored form of a moment: UTC text that sorts as time does."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.storage.timestamps import from_text, to_text

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


def test_the_same_moment_in_any_zone_is_stored_the_same() -> None:
    moment = datetime(2026, 12, 2, 13, 24, 10, 999, tzinfo=SHANGHAI)
    assert to_text(moment) == "2026-12-02T05:24:10+00:00"
    assert to_text(moment.astimezone(NEW_YORK)) == to_text(moment)
    assert from_text(to_text(moment)) == moment.replace(microsecond=0)
    assert from_text(to_text(moment)).tzinfo is UTC


def test_text_order_is_time_order_across_zones() -> None:
    early = datetime(2026, 12, 2, 23, 0, tzinfo=NEW_YORK)  # 04:00 UTC on the 3rd
    late = datetime(2026, 12, 3, 13, 0, tzinfo=SHANGHAI)  # 05:00 UTC on the 3rd
    assert to_text(early) < to_text(late)


def test_a_moment_without_a_zone_is_refused() -> None:
    with pytest.raises(ValueError):
        to_text(datetime(2026, 12, 2, 13, 0))
