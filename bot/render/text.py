"""A :class:`Document` as plain text: for pasting into a complaint form or reading aloud.

Tables become one line per row, cells joined by " | ", so nothing depends on a monospace
font (CJK and Latin characters have different widths on every phone).
"""

from __future__ import annotations

from bot.render.document import Document, Section

CELL_SEPARATOR = " | "
RULE = "—" * 12
LINE_JOIN = " / "


def _one_line(cell: str) -> str:
    """A row stays one line: the lines inside a cell are joined."""
    return LINE_JOIN.join(part for part in cell.splitlines() if part)


def _section(section: Section) -> list[str]:
    lines = ["", section.heading, RULE, *section.paragraphs]
    if section.table is not None and section.table.rows:
        lines.append(CELL_SEPARATOR.join(section.table.header))
        lines += [CELL_SEPARATOR.join(_one_line(c) for c in row) for row in section.table.rows]
    lines += section.after
    return lines


def as_text(document: Document) -> str:
    """The text file's content (ends with a newline)."""
    lines = [document.title, *document.intro]
    for section in document.sections:
        lines += _section(section)
    return "\n".join(lines) + "\n"
