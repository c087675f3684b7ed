"""A document as the views hand it to a renderer: headings, paragraphs and tables of finished
text. The PDF and the plain-text file are two layouts of the same value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells under a header; ``widths`` are the columns' shares of the page (sum 1)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.widths) != len(self.header) or any(
            len(row) != len(self.header) for row in self.rows
        ):
            raise ValueError("every row needs one cell per column")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, then paragraphs, then an optional table, then paragraphs after it."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """``footer`` may hold ``{page}`` and ``{pages}``; the PDF fills them on every page."""

    title: str
    intro: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str = ""
    # the PDF's metadata (shown by readers as the document's subject)
    subject: str = ""
