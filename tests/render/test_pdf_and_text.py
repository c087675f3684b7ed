"""The two layouts of a document, read back: the PDF's pages hold every word (extracted as
a reader would), are not blank, number themselves; the text file keeps one line per row."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from bot.render.document import Document, Section, Table
from bot.render.pdf import as_pdf
from bot.render.text import as_text

ROWS = tuple(
    (f"2026年11月{day}日 23:{day:02d}", f"电话（没接，打了 {day} 次）\n138 0013 8000", "威胁恐吓")
    for day in range(1, 31)
)
DOCUMENT = Document(
    "还款协商和催收记录",
    ("本人整理，生成于 2026年12月2日 10:00（北京时间）。",),
    (
        Section("一、欠款", ("花呗：逾期 23,500 元。",)),
        Section(
            "六、催收记录",
            ("共记下 30 次。",),
            Table(("时间", "方式", "情况"), ROWS, (0.3, 0.4, 0.3)),
        ),
        Section("七、怎么投诉", ("先在 App 内投诉，没解决再打 12378。",)),
    ),
    footer="第 {page}/{pages} 页 · 本人整理的记录",
)


def pages_of(data: bytes) -> list[tuple[str, float]]:
    """Each page's extracted text (spaces removed) and its share of non-white pixels."""
    document = pdfium.PdfDocument(data)
    try:
        found = []
        for page in document:
            text = re.sub(r"\s+", "", page.get_textpage().get_text_range())
            image = page.render(scale=0.5).to_pil().convert("L")
            found.append((text, sum(image.histogram()[:200]) / (image.width * image.height)))
        return found
    finally:
        document.close()


def test_a_long_table_runs_over_pages_that_each_carry_words_and_a_number() -> None:
    data = as_pdf(DOCUMENT)
    pages = pages_of(data)
    assert len(pages) >= 2
    count = len(pages)
    whole = "".join(text for text, _ in pages)
    for number, (text, ink) in enumerate(pages, start=1):
        assert f"第{number}/{count}页" in text
        assert ink > 0.005, f"page {number} looks blank"
    assert "还款协商和催收记录" in whole and "12378" in whole
    for when, how, what in ROWS:
        attempts = re.sub(r"\s+", "", how.splitlines()[0])
        assert re.sub(r"\s+", "", when) in whole and attempts in whole and what in whole
    # the font travels with the file, as a subset (a small file, not the 16 MB font)
    assert b"/FontFile" in data and len(data) < 200_000


def test_the_text_layout_keeps_one_line_per_row() -> None:
    text = as_text(DOCUMENT)
    lines = text.splitlines()
    assert lines[0] == "还款协商和催收记录"
    assert "时间 | 方式 | 情况" in lines
    row = "2026年11月3日 23:03 | 电话（没接，打了 3 次） / 138 0013 8000 | 威胁恐吓"
    assert row in lines
    assert text.endswith("12378。\n")


def test_a_table_row_with_a_missing_cell_is_refused() -> None:
    with pytest.raises(ValueError, match="one cell per column"):
        Table(("a", "b"), (("only one",),), (0.5, 0.5))
