"""Render a Report the ways agencies publish it, to feed the importer in tests: text copied from a web page
(tab-separated, or one cell per line), an HTML page (optionally with Word-pasted markup), a Word file with merged cells.

Generic over the format: tables come from report.grid.table_grid, so these renderers print what the official
template prints. Variants (traditional characters, half-width brackets, a dropped character…) are applied by
the tests to the rendered output, as the real world applies them to the template.
"""

from __future__ import annotations

import html
import io

from report.grid import BLANK, CORNER, HEADER, LABEL, TITLE, VALUE, Grid, table_grid
from report.model import Report
from report.values import show


def title(report: Report) -> str:
    return f"{report.agency}{report.year}年政府信息公开工作年度报告"


def _value(report: Report, cell_id: str | None, blank: set[str]) -> str:
    if cell_id is None or cell_id in blank:
        return ""
    if cell_id not in report.cells and cell_id in report.format.computed:
        return show(report.value(cell_id))
    return show(report.value(cell_id))


def _text(report: Report, cell, blank: set[str]) -> str:
    return _value(report, cell.cell, blank) if cell.role == VALUE else cell.text


# ------------------------------------------------------------------------------------------ web-copy text


def _preamble(report: Report) -> list[str]:
    return [p for p in report.text("preamble").split("\n") if p.strip()]


def web_text(report: Report, *, blank: set[str] = frozenset(), headings: bool = True, section_titles=None) -> str:
    """Like the seed: a browser's copy of the page, tables as tab-separated lines.

    A cell covered by a rowspan from above leaves an empty field where it starts; a colspan leaves nothing in
    place and its width as empty fields at the end of the line (as the seed shows)."""
    lines = ["", title(report), ""] + _preamble(report) + [""]
    for section in report.format.sections:
        heading = (section_titles or {}).get(section.id, section.title)
        lines += [f"## {heading}" if headings else heading, ""]
        if section.table is None:
            lines += [p for p in report.text(section.id).split("\n") if p.strip()] + [""]
            continue
        grid = table_grid(section.table)
        for r in range(grid.rows):
            fields, padding = [], 0
            for c in range(grid.cols):
                cell = grid.at(r, c)
                if cell is None:
                    continue
                if cell.row == r and cell.col == c:
                    fields.append("" if cell.role == BLANK else _text(report, cell, blank))
                elif cell.row < r and cell.col == c:
                    fields.append("")  # under a rowspan
                elif cell.row == r:
                    padding += 1  # inside a colspan
            lines.append("\t".join(fields + [""] * padding))
        lines.append("")
    return "\n".join(lines) + "\n"


def flat_text(report: Report, gap=lambda: "") -> str:
    """As a web archive renders a published page to plain text: a few lines about the page, then the whole body
    on one line, headings inline, each table's cells in reading order with nothing (or what `gap()` gives, a
    space or nothing, asked anew at every border) between them."""
    parts: list[str] = []
    for section in report.format.sections:
        parts.append(section.title)
        if section.table is None:
            parts.append(report.text(section.id).replace("\n", ""))
            continue
        grid = table_grid(section.table)
        for r in range(grid.rows):
            for c in range(grid.cols):
                cell = grid.at(r, c)
                if cell is None or (cell.row, cell.col) != (r, c) or cell.role == BLANK:
                    continue
                parts.append(_text(report, cell, set()))
    body = ""
    for part in parts:
        body += (gap() if body else "") + part
    return f"{title(report)}\n发布时间: 2021-01-20 17:39\n==================== 正文 ====================\n{body}\n"


def cell_lines(report: Report, *, blank: set[str] = frozenset(), empty_cells: bool = True, title_line: bool = True) -> str:
    """A copy some browsers and WPS make: every cell of a table on a line of its own, in reading order, merged
    cells once. `empty_cells`: an empty cell (a blank value, the padding of a short block) is an empty line;
    without, empty cells leave no line at all. No heading marks; paragraphs separated by empty lines."""
    lines = ([title(report), ""] + [x for p in _preamble(report) for x in (p, "")] if title_line else [])
    for section in report.format.sections:
        lines += [section.title, ""]
        if section.table is None:
            for p in report.text(section.id).split("\n"):
                if p.strip():
                    lines += [p, ""]
            continue
        grid = table_grid(section.table)
        for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
            text = "" if cell.role == BLANK else _text(report, cell, blank)
            if text or empty_cells:
                lines.append(text)
        lines.append("")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------- HTML


_WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<title>{title}</title><style><!-- p.MsoNormal {{mso-style-parent:""; margin:0cm; font-family:宋体}} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>"""


def page_html(report: Report, *, word: bool = False, blank: set[str] = frozenset(), section_titles=None) -> str:
    """A published web page; `word` adds the markup Word leaves when a document is pasted into a CMS."""

    def para(text: str, tag: str = "p") -> str:
        text = html.escape(text)
        if word:
            return (f"<{tag} class=MsoNormal style='text-indent:24.0pt;mso-char-indent-count:2.0'><span "
                    f"style='font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>{text}<o:p></o:p></span></{tag}>")
        return f"<{tag}>{text}</{tag}>"

    out = [_WORD_HEAD.format(title=html.escape(title(report))) if word else
           f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title(report))}</title></head><body>"]
    out.append(para(title(report), "h1"))
    out += [para(p) for p in _preamble(report)]
    for section in report.format.sections:
        out.append(para((section_titles or {}).get(section.id, section.title), "h2"))
        if section.table is None:
            out += [para(p) for p in report.text(section.id).split("\n") if p.strip()]
            continue
        out.append(_table_html(report, table_grid(section.table), word, blank))
    out.append("</div></body></html>" if word else "</body></html>")
    return "\n".join(out)


def _table_html(report: Report, grid: Grid, word: bool, blank: set[str]) -> str:
    rows = []
    style = " style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt'" if word else ""
    for r in range(grid.rows):
        cells = []
        for cell in sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col):
            span = (f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "") + (f" colspan={cell.colspan}" if cell.colspan > 1 else "")
            text = html.escape(_text(report, cell, blank)) if cell.role != BLANK else ""
            if word:
                text = f"<p class=MsoNormal align=center><span lang=EN-US>{text or '&nbsp;'}<o:p></o:p></span></p>"
            tag = "th" if cell.role in (HEADER, CORNER, TITLE) and not word else "td"
            cells.append(f"<{tag}{span}{style}>{text}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    border = " class=MsoNormalTable border=1 cellspacing=0 cellpadding=0" if word else " border='1'"
    return f"<table{border}><tbody>{''.join(rows)}</tbody></table>"


# ---------------------------------------------------------------------------------------------------- Word


def docx_bytes(report: Report, *, blank: set[str] = frozenset(), section_titles=None) -> bytes:
    """A Word file as an agency types it: headings, paragraphs, tables with merged cells."""
    import docx

    document = docx.Document()
    document.add_heading(title(report), level=1)
    if _preamble(report):  # framed, as many agencies print it: a table of one cell, a paragraph a line
        frame = document.add_table(rows=len(_preamble(report)), cols=1)
        frame.style = "Table Grid"
        for row, p in zip(frame.rows, _preamble(report), strict=True):
            row.cells[0].text = p
    for section in report.format.sections:
        document.add_heading((section_titles or {}).get(section.id, section.title), level=2)
        if section.table is None:
            for p in report.text(section.id).split("\n"):
                if p.strip():
                    document.add_paragraph(p)
            continue
        grid = table_grid(section.table)
        table = document.add_table(rows=grid.rows, cols=grid.cols)
        table.style = "Table Grid"
        for cell in grid.cells:
            target = table.cell(cell.row, cell.col)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
            if cell.role != BLANK:
                target.text = _text(report, cell, blank)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ROLES = (TITLE, CORNER, HEADER, LABEL, VALUE, BLANK)


# ------------------------------------------------------------------------------------------ ruled PDF


def ruled_pdf_bytes(report: Report, *, blank: set[str] = frozenset(), split_after: int = 14, encrypt=None) -> bytes:
    """A PDF as Word or WPS prints the Word file: prose as paragraphs, each table ruled with drawn lines, values
    right-aligned, merged cells spanned. A table taller than `split_after` value rows is broken over two pages
    with its header rows repeated, a vertical merge running on past the break printed empty (as Word does)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle
    from reportlab.platypus import Paragraph as Para

    from ..conftest import ROOT

    if "RuledCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("RuledCJK", str(ROOT / "resources" / "fonts" / "NotoSansSC-Regular.ttf")))
    body = ParagraphStyle("body", fontName="RuledCJK", fontSize=10.5, leading=16, firstLineIndent=21)
    label = ParagraphStyle("label", fontName="RuledCJK", fontSize=6.5, leading=7.5)
    story = [Para(title(report), ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1, firstLineIndent=0))]
    story += [Para(p, body) for p in _preamble(report)]
    width = A4[0] - 100
    for section in report.format.sections:
        story.append(Para(section.title, body))
        if section.table is None:
            story += [Para(p, body) for p in report.text(section.id).split("\n") if p.strip()]
            continue
        grid = table_grid(section.table)
        heads = 0
        while heads < grid.rows and all(c.role != VALUE for c in grid.cells if c.row == heads):
            heads += 1
        cut = heads + split_after if grid.rows - heads > split_after else grid.rows
        parts = [list(range(cut))] + ([list(range(heads)) + list(range(cut, grid.rows))] if cut < grid.rows else [])
        widths = [2.2 if k < 2 else 1.0 for k in range(grid.cols)]
        widths = [w * width / sum(widths) for w in widths]
        for number, rows in enumerate(parts):
            index = {r: i for i, r in enumerate(rows)}
            data: list[list] = [[""] * grid.cols for _ in rows]
            style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), "RuledCJK"),
                     ("FONTSIZE", (0, 0), (-1, -1), 7), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            for cell in grid.cells:
                covered = [index[r] for r in range(cell.row, cell.row + cell.rowspan) if r in index]
                if not covered:
                    continue
                text = _text(report, cell, blank) if cell.role != BLANK and covered[0] == index.get(cell.row) else ""
                top, bottom = covered[0], covered[-1]
                if cell.role == VALUE:
                    data[top][cell.col] = text
                    style.append(("ALIGN", (cell.col, top), (cell.col, top), "RIGHT"))
                else:
                    data[top][cell.col] = Para(text, label)
                if bottom > top or cell.colspan > 1:
                    style.append(("SPAN", (cell.col, top), (cell.col + cell.colspan - 1, bottom)))
            story.append(Table(data, colWidths=widths, style=TableStyle(style)))
            if number + 1 < len(parts):
                story.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, encrypt=encrypt).build(story)
    return buffer.getvalue()
