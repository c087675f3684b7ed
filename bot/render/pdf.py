"""A :class:`Document` as an A4 PDF, with the CJK font embedded (as a subset of the glyphs
used), so any phone or office that opens it shows the same characters.

fpdf2 lays it out. A paragraph breaks between any two characters, as Chinese typesetting
does; table cells break at spaces first. There is one weight of the font: headings stand
out by size and a rule, not by bold. Making one takes
about a second of CPU (the font is read each time): run it in a worker thread.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from bot.render.document import Document, Section, Table
from bot.render.fonts import cjk_font

FAMILY = "cjk"
BODY_PT = 10.5
HEADING_PT = 13
TITLE_PT = 17
LINE_MM = 6.0
MARGIN_MM = 16
GREY = (110, 110, 110)
HEADER_FILL = (232, 236, 241)
RULE_COLOUR = (160, 170, 180)


class _Pdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._footer_text = footer_text

    def footer(self) -> None:
        if not self._footer_text:
            return
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        # {nb} is fpdf2's alias for the page count, filled in when the file is written
        text = self._footer_text.format(page=self.page_no(), pages="{nb}")
        self.cell(0, 5, text, align="C")
        self.set_text_color(0, 0, 0)


def _paragraph(pdf: FPDF, text: str, size: float = BODY_PT) -> None:
    pdf.set_font(FAMILY, size=size)
    pdf.multi_cell(
        0, LINE_MM, text, align="L", wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font(FAMILY, size=BODY_PT - 1)
    with pdf.table(
        col_widths=tuple(w * 100 for w in table.widths),
        text_align="LEFT",
        # in narrow cells a break at a space keeps a date or an amount whole
        wrapmode=WrapMode.WORD,
        line_height=LINE_MM - 0.6,
        padding=1.2,
        headings_style=FontFace(emphasis=None, fill_color=HEADER_FILL),
        borders_layout="HORIZONTAL_LINES",
    ) as grid:
        for cells in (table.header, *table.rows):
            row = grid.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(2)


def _section(pdf: FPDF, section: Section) -> None:
    pdf.ln(3)
    pdf.set_font(FAMILY, size=HEADING_PT)
    pdf.multi_cell(0, LINE_MM + 1, section.heading, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN)
    pdf.set_draw_color(*RULE_COLOUR)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.5)
    for text in section.paragraphs:
        _paragraph(pdf, text)
    if section.table is not None and section.table.rows:
        _table(pdf, section.table)
    for text in section.after:
        _paragraph(pdf, text)


def as_pdf(document: Document) -> bytes:
    """The PDF file's bytes."""
    pdf = _Pdf(document.footer)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font(FAMILY, fname=str(cjk_font()))
    pdf.set_lang("zh-CN")
    pdf.set_title(document.title)
    if document.subject:
        pdf.set_subject(document.subject)
    pdf.add_page()
    pdf.set_font(FAMILY, size=TITLE_PT)
    pdf.multi_cell(0, 10, document.title, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN)
    pdf.set_text_color(*GREY)
    for text in document.intro:
        _paragraph(pdf, text, size=BODY_PT - 1)
    pdf.set_text_color(0, 0, 0)
    for section in document.sections:
        _section(pdf, section)
    return bytes(pdf.output())
