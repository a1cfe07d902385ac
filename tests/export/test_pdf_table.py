"""The PDF writer's own tables keep the geometry of the ReportLab Table of paragraphs they replaced."""

from __future__ import annotations

import pytest
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from export import layout as L
from export import pdf
from export.pdf_fonts import font_set
from export.pdf_table import GridTable, Table
from export.pdf_text import KinsokuParagraph
from report import grid as G

from .test_pdf import full_report


@pytest.fixture(scope="module")
def fonts():
    return font_set(use_system=False)


def reportlab_table(table: Table, rows: tuple[int, ...]) -> RLTable:
    """The same rows as the writer built them before: a ReportLab Table, text cells as paragraphs."""
    block, size, pad = table.block, table.size, table.pad
    local = {r: i for i, r in enumerate(rows)}
    text_style = ParagraphStyle("cell", fontName=table.font, fontSize=size, leading=size * 1.3, wordWrap="CJK")
    data: list[list] = [["" for _ in range(block.grid.cols)] for _ in rows]
    commands: list = [("GRID", (0, 0), (-1, -1), table.rule, "black"), ("FONT", (0, 0), (-1, -1), table.font, size),
                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), pad),
                      ("RIGHTPADDING", (0, 0), (-1, -1), pad), ("TOPPADDING", (0, 0), (-1, -1), pad),
                      ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1)]
    for c in block.grid.cells:
        mine = [local[r] for r in range(c.row, c.row + c.rowspan) if r in local]
        if not mine:
            continue
        top, bottom = mine[0], mine[-1]
        if bottom > top or c.colspan > 1:
            commands.append(("SPAN", (c.col, top), (c.col + c.colspan - 1, bottom)))
        if not c.text:
            continue
        if c.role == G.VALUE:
            room = table.span_width(c) - 2 * pad
            natural = stringWidth(c.text, table.font, size)
            data[top][c.col] = c.text
            commands.append(("FONT", (c.col, top), (c.col, top), table.font,
                             max(size * room / natural, 4) if natural > room else size))
            continue
        style = ParagraphStyle("c", parent=text_style, alignment=TA_LEFT if L.cell_align(c) == "left" else TA_CENTER)
        data[top][c.col] = KinsokuParagraph(c.text, style)
    return RLTable(data, colWidths=table.widths, style=TableStyle(commands))


def tables_of(report, fonts) -> list[Table]:
    doc = L.build(report)
    ctx = pdf._Context(fonts)
    return [pdf._table(block, ctx).table for block in doc.blocks if isinstance(block, L.TableBlock)]


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_row_heights_are_reportlabs_whole_and_in_parts(format_id, fonts):
    for table in tables_of(full_report(format_id), fonts):
        n = table.block.grid.rows
        # The whole table, and parts cut where a page might cut them (row spans clipped, headers repeated).
        header = tuple(range(table.block.header_rows))
        parts = [tuple(range(n)), tuple(range(n // 2)), header + tuple(range(max(n // 2, len(header)), n)),
                 tuple(range(1, n - 1))]
        for rows in parts:
            if not rows:
                continue
            theirs = reportlab_table(table, rows)
            theirs.wrap(table.positions[-1], 10 ** 6)
            assert table.heights(rows) == pytest.approx(theirs._rowHeights, abs=1e-6), (table.block.where, rows)
            part = GridTable(table, rows)
            assert part.wrap(table.positions[-1], 10 ** 6) == pytest.approx((theirs._width, theirs._height))


def test_a_cell_in_a_font_it_lacks_keeps_its_runs(fonts, seed):
    # A character the body font lacks is drawn in the font that has it, on the same line as the rest.
    table = tables_of(seed, fonts)[0]
    cell = next(c for c in table.block.grid.cells if c.role == G.LABEL)
    other = fonts.roles["kai"].name
    runs = [pdf.Run(cell.text[:1], other), pdf.Run(cell.text[1:], table.font)]
    content = table._lay_out(cell, runs)
    assert content.paragraph and content.lines[0][0] == (other, cell.text[:1])
