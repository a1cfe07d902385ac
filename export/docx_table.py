"""The report's tables as WordprocessingML: the official merged cells from the grid's spans (gridSpan / vMerge),
a fixed layout sized to the text width, header rows repeated on every page, rows never split, and each block of a
stacked table kept on one page.

Written with python-docx's oxml helpers rather than `Table.cell().merge()`: that API looks cells up by a linear scan
and re-merges content, and the merged structure is easier to state directly from the grid's spans.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from report import grid as grid_mod

from . import layout
from . import styles as st
from .xmltext import clean

CELL_MARGIN_PT = 2.8  # left and right padding inside a table cell (1 mm)
BORDER_EIGHTHS = 4  # 0.5 pt lines


def el(tag: str, **attrs) -> object:
    """A WordprocessingML element, its attributes given without the w: prefix."""
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def _twips(pt: float) -> int:
    return int(round(pt * 20))


def table_widths(g: grid_mod.Grid) -> list[float]:
    """Column widths in points filling the text width (the layout's shared rule, measured in the table face)."""
    size = st.TABLE_PT
    return layout.column_widths(
        g, st.mm_to_pt(st.TEXT_WIDTH_MM), lambda text, role: st.text_width_em(text) * size,
        padding=2 * CELL_MARGIN_PT + 1, min_label=2 * size + 2 * CELL_MARGIN_PT,
        min_value=2 * size + 2 * CELL_MARGIN_PT, pref_value=2.6 * size + 2 * CELL_MARGIN_PT)


def write_table(word, block: layout.TableBlock, style_id: str) -> None:
    """Append the block's table to the document's body, its paragraphs in the table text style."""
    g = block.grid
    widths = [_twips(w) for w in table_widths(g)]
    tbl = el("w:tbl")
    pr = el("w:tblPr")
    pr.append(el("w:tblW", w=sum(widths), type="dxa"))
    pr.append(el("w:jc", val="center"))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", val="single", sz=BORDER_EIGHTHS, space=0, color="000000"))
    pr.append(borders)
    pr.append(el("w:tblLayout", type="fixed"))
    margins = el("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(el(f"w:{side}", w=_twips(CELL_MARGIN_PT), type="dxa"))
    pr.append(margins)
    pr.append(el("w:tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1,
                  noVBand=1))
    tbl.append(pr)
    grid_el = el("w:tblGrid")
    for w in widths:
        grid_el.append(el("w:gridCol", w=w))
    tbl.append(grid_el)

    owner = {}
    for c in g.cells:
        for r in range(c.row, c.row + c.rowspan):
            for col in range(c.col, c.col + c.colspan):
                owner[(r, col)] = c
    keep = _kept_rows(block)
    for r in range(g.rows):
        tr = el("w:tr")
        trpr = el("w:trPr")
        trpr.append(el("w:cantSplit"))
        if r < block.header_rows:
            trpr.append(el("w:tblHeader"))
        tr.append(trpr)
        col = 0
        while col < g.cols:
            cell = owner[(r, col)]
            tr.append(_cell(cell, first=cell.row == r, width=sum(widths[cell.col:cell.col + cell.colspan]),
                            keep_next=r in keep, style_id=style_id))
            col = cell.col + cell.colspan
        tbl.append(tr)
    word.element.body.sectPr.addprevious(tbl)


def _kept_rows(block: layout.TableBlock) -> set[int]:
    """Rows whose paragraphs keep with the next row: every row but the last of each block of a stacked table,
    else the header rows only (a long single table may break, its header repeated)."""
    if len(block.groups) > 1:
        return {r for first, last in block.groups for r in range(first, last)}
    return set(range(block.header_rows))


def _cell(cell: grid_mod.GridCell, *, first: bool, width: int, keep_next: bool, style_id: str):
    tc = el("w:tc")
    pr = el("w:tcPr")
    pr.append(el("w:tcW", w=width, type="dxa"))
    if cell.colspan > 1:
        pr.append(el("w:gridSpan", val=cell.colspan))
    if cell.rowspan > 1:
        pr.append(el("w:vMerge", val="restart") if first else el("w:vMerge"))
    pr.append(el("w:vAlign", val="center"))
    tc.append(pr)
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val=style_id))
    if keep_next:
        ppr.append(el("w:keepNext"))
    if layout.cell_align(cell) == "left":
        ppr.append(el("w:jc", val="left"))
    p.append(ppr)
    text = clean(cell.text) if first else ""
    if text:
        run = el("w:r")
        t = el("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        p.append(run)
    tc.append(p)
    return tc

