"""The report as one self-contained web page (.html), drawn from the neutral layout.

For the website editor who pastes it into the 政府信息公开年报 column, and for anyone reading it on a phone:
- one file: the CSS is inline in <style>, no scripts (the report's data rides in a JSON data block, which
  nothing executes), no links to anything, no web fonts (the official faces are
  named in font stacks and fall back to what the reader's device has);
- semantic HTML5: <h1> title, a <section> with an <h2> per report section, <h3>/<h4> for heading lines of their
  own, <p> per paragraph with the （一）/1. heading phrase in <strong>;
- real tables with the grid's rowspan/colspan, <th> for every header and label cell (scope row/col, plus
  `headers` on every value cell naming all its header cells, for the nested headers of sections 三 and 四), a
  <caption>, <thead> repeated on printed pages;
- a phone sees the text at full width and each table scrolls sideways inside its own box; the print style sheet
  sets A4 with the PDF's margins and the official type sizes.
"""

from __future__ import annotations

import html

from report import exchange
from report import grid as grid_mod
from report.about import GENERATOR
from report.model import Report

from . import layout
from . import styles as st
from .files import write_atomically
from .xmltext import clean


def write(report: Report, path) -> None:
    write_atomically(path, render(layout.build(report)).encode("utf-8"))


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def render(doc: layout.Document) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title.text)}</title>",
        f'<meta name="author" content="{_e(doc.agency)}">',
        f'<meta name="description" content="{_e(doc.subject)}">',
        f'<meta name="generator" content="{_e(GENERATOR)}">',
        f"<style>{CSS}</style>",
        *_data_block(doc.data),
        "</head>",
        "<body>",
        '<article class="report">',
        f"<h1>{'<br>'.join(_e(line) for line in doc.title.lines) if len(doc.title.lines) > 1 else _e(doc.title.text)}</h1>",
    ]
    open_section = False
    for block in doc.blocks:
        if isinstance(block, layout.Heading):
            if open_section:
                out.append("</section>")
            out.append(f'<section id="{block.section_id}" aria-labelledby="{block.section_id}-title">')
            out.append(f'<h2 id="{block.section_id}-title">{_e(block.text)}</h2>')
            open_section = True
        elif isinstance(block, layout.Paragraph):
            out.append(_paragraph(block))
        elif isinstance(block, layout.TableBlock):
            out.append(_table(block))
        elif isinstance(block, layout.Signature):
            if open_section:
                out.append("</section>")
                open_section = False
            out.append('<footer class="signature">' + "".join(f"<p>{_e(line)}</p>" for line in block.lines)
                       + "</footer>")
        else:  # a block kind this writer does not know must not vanish silently
            raise TypeError(f"unknown layout block {type(block).__name__}")
    if open_section:
        out.append("</section>")
    out += ["</article>", "</body>", "</html>", ""]
    return "\n".join(out)


def _data_block(data: str) -> list[str]:
    """The report's exchange document as a data block: a browser neither runs nor shows it. `data` has every 「<」
    escaped (report.exchange.dumps_embedded), so nothing in it can close the element or open another."""
    if not data:
        return []
    assert "<" not in data
    return [f'<script type="application/json" id="{exchange.EMBEDDED_SCRIPT_ID}">{data}</script>']


_HEADING_TAG = {layout.SUBHEADING: "h3", layout.POINT: "h4"}


def _paragraph(block: layout.Paragraph) -> str:
    if block.level == layout.BODY or not block.heading:
        return f"<p>{_e(block.full_text)}</p>"
    if not block.text:  # a heading on a line of its own
        tag = _HEADING_TAG[block.level]
        return f"<{tag}>{_e(block.heading)}</{tag}>"
    return f'<p><strong class="l{block.level}">{_e(block.heading)}</strong>{_e(block.text)}</p>'


# ---- tables ------------------------------------------------------------------------------------------------------

_HEADER_ROLES = (grid_mod.TITLE, grid_mod.CORNER, grid_mod.HEADER)


def _table(block: layout.TableBlock) -> str:
    g = block.grid
    prefix = block.section_id
    ids = {id(c): f"{prefix}-r{c.row}c{c.col}" for c in g.cells if c.role in _HEADER_ROLES + (grid_mod.LABEL,)}
    group_of = {}
    for first, last in block.groups:
        for r in range(first, last + 1):
            group_of[r] = (first, last)
    by_row: dict[int, list[grid_mod.GridCell]] = {}
    for c in g.cells:
        by_row.setdefault(c.row, []).append(c)

    def headers_of(cell: grid_mod.GridCell) -> list[str]:
        """Ids of every header cell over the value cell (its block's title and column headers) and every label
        cell beside it."""
        first, _ = group_of.get(cell.row, (0, g.rows - 1))
        cols = set(range(cell.col, cell.col + cell.colspan))
        rows = set(range(cell.row, cell.row + cell.rowspan))
        out = []
        for h in g.cells:
            above = h.role in (grid_mod.TITLE, grid_mod.HEADER) and first <= h.row < cell.row \
                and bool(cols & set(range(h.col, h.col + h.colspan)))
            beside = h.role == grid_mod.LABEL and h.col < cell.col and bool(rows & set(range(h.row, h.row + h.rowspan)))
            if above or beside:
                out.append((h.row, h.col, ids[id(h)]))
        return [i for _, _, i in sorted(out)]

    def cell_html(c: grid_mod.GridCell) -> str:
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        cls = [c.role]
        if layout.cell_align(c) == "left":
            cls.append("left")
        attrs = f'{span} class="{" ".join(cls)}"'
        text = _e(c.text)
        if c.role == grid_mod.VALUE:
            heads = headers_of(c)
            return f'<td{attrs} headers="{" ".join(heads)}">{text}</td>' if heads else f"<td{attrs}>{text}</td>"
        if c.role == grid_mod.BLANK:
            return f"<td{attrs}></td>"
        # The table model applies a spanning row (column) header to every row (column) it covers; the value
        # cells' `headers` lists state the nesting exactly.
        scope = "row" if c.role == grid_mod.LABEL else "col"
        return f'<th{attrs} id="{ids[id(c)]}" scope="{scope}">{text}</th>'

    out = [f'<div class="table-wrap" role="region" aria-labelledby="{prefix}-caption" tabindex="0">',
           f'<table id="{prefix}-table">', f'<caption id="{prefix}-caption">{_e(block.where)}</caption>']
    head = block.header_rows if len(block.groups) <= 1 else 0
    if head:
        out.append("<thead>")
        for r in range(head):
            out.append("<tr>" + "".join(cell_html(c) for c in sorted(by_row.get(r, ()), key=lambda c: c.col)) + "</tr>")
        out.append("</thead>")
    for first, last in block.groups or ((0, g.rows - 1),):
        out.append("<tbody>")
        for r in range(max(first, head), last + 1):
            out.append("<tr>" + "".join(cell_html(c) for c in sorted(by_row.get(r, ()), key=lambda c: c.col)) + "</tr>")
        out.append("</tbody>")
    out.append("</table></div>")
    return "\n".join(out)


# ---- style -------------------------------------------------------------------------------------------------------

CSS = f"""
:root {{ color-scheme: light; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; background: #fff; color: #000; font-family: {st.CSS_FONTS["body"]}; font-size: 18px;
  line-height: 1.8; }}
.report {{ max-width: 50em; margin: 0 auto; padding: 1.5em 1em 3em; }}
h1 {{ font-family: {st.CSS_FONTS["title"]}; font-size: 1.6em; font-weight: bold; text-align: center;
  line-height: 1.5; margin: 0.5em 0 1em; }}
h2 {{ font-family: {st.CSS_FONTS["heading"]}; font-size: 1em; font-weight: normal; margin: 1em 0 0;
  text-indent: 2em; }}
h3 {{ font-family: {st.CSS_FONTS["kai"]}; font-size: 1em; font-weight: normal; margin: 0; text-indent: 2em; }}
h4 {{ font-size: 1em; font-weight: bold; margin: 0; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; line-break: strict; overflow-wrap: anywhere; }}
strong.l{layout.SUBHEADING} {{ font-family: {st.CSS_FONTS["kai"]}; font-weight: normal; }}
strong.l{layout.POINT} {{ font-weight: bold; }}
.signature {{ margin-top: 2em; text-align: right; }}
.signature p {{ text-indent: 0; text-align: right; }}
.table-wrap {{ overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.5em 0 1em; max-width: 100%; }}
.table-wrap:focus {{ outline: 2px solid #1a73e8; outline-offset: 2px; }}
table {{ border-collapse: collapse; margin: 0 auto; font-size: 14px; line-height: 1.4; min-width: 36em;
  width: 100%; }}
caption {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; }}
th, td {{ border: 1px solid #000; padding: 0.25em 0.35em; text-align: center; vertical-align: middle;
  font-weight: normal; }}
td.value {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}
th.left {{ text-align: left; }}
th.corner.left {{ font-size: 0.9em; }}
@media (max-width: 40em) {{
  body {{ font-size: 17px; }}
  .report {{ padding: 1em 0.75em 2em; }}
  h1 {{ font-size: 1.35em; }}
}}
@media print {{
  @page {{ size: A4 portrait; margin: {st.MARGIN_TOP_MM:g}mm {st.MARGIN_RIGHT_MM:g}mm {st.MARGIN_BOTTOM_MM:g}mm {st.MARGIN_LEFT_MM:g}mm;
    @bottom-center {{ content: "— " counter(page) " —"; font-size: {st.PAGE_NUMBER_PT:g}pt; }} }}
  body {{ font-size: {st.BODY_PT:g}pt; line-height: {st.LINE_PT:g}pt; }}
  .report {{ max-width: none; margin: 0; padding: 0; }}
  h1 {{ font-size: {st.TITLE_PT:g}pt; line-height: {st.TITLE_LINE_PT:g}pt; margin: 0 0 {st.LINE_PT:g}pt; }}
  h2, h3, h4 {{ break-after: avoid; page-break-after: avoid; }}
  p {{ orphans: 2; widows: 2; }}
  .table-wrap {{ overflow: visible; margin: 0 0 {st.LINE_PT / 2:g}pt; }}
  .table-wrap:focus {{ outline: none; }}
  table {{ font-size: {st.TABLE_PT:g}pt; line-height: {st.TABLE_LINE_PT:g}pt; min-width: 0; }}
  thead {{ display: table-header-group; }}
  tr, th, td {{ break-inside: avoid; page-break-inside: avoid; }}
  tbody {{ break-inside: avoid; page-break-inside: avoid; }}
}}
""".strip()
