"""Making a PDF logs nothing of what the person wrote: fontTools lists the glyphs it keeps at
INFO and fpdf2 names characters it cannot draw; both are held to errors."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.logging_setup import quiet_libraries
from bot.render.document import Document, Section
from bot.render.pdf import as_pdf

NOISY = ("fontTools", "fpdf", "httpx", "httpcore", "apscheduler")


@pytest.fixture
def quiet() -> Iterator[None]:
    before = {name: logging.getLogger(name).level for name in NOISY}
    quiet_libraries()
    yield
    for name, level in before.items():
        logging.getLogger(name).setLevel(level)


def test_a_pdf_with_typed_words_and_emoji_logs_nothing_at_info(
    quiet: None, caplog: pytest.LogCaptureFixture
) -> None:
    document = Document("记录", (), (Section("备注", ("他说要上门 😡 张三 13800138000",)),))
    with caplog.at_level(logging.DEBUG):
        as_pdf(document)
    assert [r for r in caplog.records if r.levelno >= logging.DEBUG] == []
