"""The export's words outside Beijing time: the record says how far Beijing time is, since
the lender's logs and 12378 read Beijing time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.render.text import as_text
from bot.usecases.export import ExportRecord
from bot.views.export import export_document

EMPTY = ExportRecord(None, (), (), (), ())


def test_beijing_time_says_no_offset() -> None:
    tz = ZoneInfo("Asia/Shanghai")
    text = as_text(export_document(EMPTY, None, None, tz, datetime(2026, 12, 2, 10, 0, tzinfo=tz)))
    assert "（北京时间）" in text and "北京时间比它" not in text


def test_another_zone_is_named_with_its_distance_from_beijing() -> None:
    tz = ZoneInfo("America/New_York")
    text = as_text(export_document(EMPTY, None, None, tz, datetime(2026, 12, 2, 10, 0, tzinfo=tz)))
    assert "（当地时间，America/New_York）" in text
    assert "表中时间都是当地时间，北京时间比它早 13 小时。" in text  # EST, winter
    summer = datetime(2026, 7, 2, 10, 0, tzinfo=tz)
    assert "早 12 小时" in as_text(export_document(EMPTY, None, None, tz, summer))
    india = ZoneInfo("Asia/Kolkata")
    late = as_text(export_document(EMPTY, None, None, india, datetime(2026, 12, 2, tzinfo=india)))
    assert "北京时间比它早 2.5 小时" in late
    berlin = ZoneInfo("Europe/Berlin")
    assert "早 7 小时" in as_text(
        export_document(EMPTY, None, None, berlin, datetime(2026, 12, 2, tzinfo=berlin))
    )
