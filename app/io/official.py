"""Official documents (.docx: 公示, letters) in the usual layout of government papers (after GB/T 9704):
A4 with 公文 margins; the title centered in bold 宋体 二号 (22 pt); the body in 仿宋 三号 (16 pt) with a
two-character first-line indent; tables in 宋体 小四 with fixed column widths, and cells that must not break
(a masked ID number) kept on one line; the 落款 — issuing unit and the date written 2026年12月3日 — at the
right. Every run is black: Word's heading styles (blue) are not used.

    doc = OfficialDocument(title)
    doc.paragraph(text)
    doc.table(headers, rows, widths_cm=(…), nowrap=(2,))
    doc.signoff(unit_name, day)
    data = doc.bytes()
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app.dates import zh_date

TITLE_FONT, BODY_FONT, TABLE_FONT = "宋体", "仿宋", "宋体"
TITLE_SIZE, BODY_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(12)  # 二号, 三号, 小四
BLACK = RGBColor(0, 0, 0)
MARGINS_CM = {"top_margin": 3.7, "bottom_margin": 3.5, "left_margin": 2.8, "right_margin": 2.6}


def set_font(run: Any, name: str, size: Any, bold: bool = False) -> None:
    """A run in `name` for Chinese and Latin letters alike, black."""
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    run.font.color.rgb = BLACK
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def no_wrap(cell: Any) -> None:
    """The cell's text stays on one line (w:noWrap)."""
    properties = cell._tc.get_or_add_tcPr()
    properties.append(OxmlElement("w:noWrap"))


class OfficialDocument:
    """One official paper being written: title first, then paragraphs, tables, the 落款."""

    def __init__(self, title: str) -> None:
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
        for name, value in MARGINS_CM.items():
            setattr(section, name, Cm(value))
        normal = self.document.styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = BODY_SIZE
        normal.font.color.rgb = BLACK
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        heading = self.document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.paragraph_format.space_after = Pt(16)
        set_font(heading.add_run(title), TITLE_FONT, TITLE_SIZE, bold=True)

    def paragraph(self, text: str, indent: bool = True, align: Any = None) -> Any:
        """A body paragraph: 仿宋 三号, first line indented by two characters unless `indent` is False."""
        paragraph = self.document.add_paragraph()
        if indent:
            paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
        if align is not None:
            paragraph.alignment = align
        set_font(paragraph.add_run(text), BODY_FONT, BODY_SIZE)
        return paragraph

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        widths_cm: Sequence[float],
        nowrap: Iterable[int] = (),
    ) -> Any:
        """A bordered table with fixed column widths; the columns in `nowrap` never break a line."""
        keep = set(nowrap)
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self.cell(cell, text, bold=True)
        for values in rows:
            cells = table.add_row().cells
            for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
                self.cell(cell, "" if value is None else str(value))
                if index in keep:
                    no_wrap(cell)
        for index, width in enumerate(widths_cm):
            table.columns[index].width = Cm(width)  # the grid, which LibreOffice and WPS read
            for cell in table.columns[index].cells:
                cell.width = Cm(width)
        return table

    @staticmethod
    def cell(cell: Any, text: str, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(paragraph.add_run(text), TABLE_FONT, TABLE_SIZE, bold=bold)

    def signoff(self, unit: str, day: date | None) -> None:
        """落款: the issuing unit, and under it the date in Chinese (2026年12月3日), at the right."""
        self.document.add_paragraph()
        for text in (unit, zh_date(day)):
            self.paragraph(text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
