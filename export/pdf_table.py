"""A table of the layout (a grid of cells with row and column spans) measured and drawn by the PDF writer itself.

The geometry is ReportLab's Table's, which the writer used before, so that the page looks the same: every cell
padded (left and right `pad`, top `pad`, bottom `pad + 1`), its content centred vertically; a row as high as its
tallest cell, a cell spanning rows given the height it lacks spread evenly over its rows; text cells as
paragraphs (lines broken by export/linebreak.py, 1.3 × the size apart, the first baseline one size below the
top), numbers as single strings (1.2 × their size, shrunk to fit rather than broken); rules 0.5 pt, round caps.

Drawn directly (text objects and one path of rules) instead of through a ReportLab Table of Paragraphs: parsing
each cell's markup, wrapping it at every measurement and building the table again for every page it is split
across were most of the time of a PDF export. A cell's lines are worked out once and shared by all the parts of
a table split across pages. Every row boundary is a possible break, except inside a block of section 二; the
header rows start each continued part, and a label spanning the break is printed again on the new page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from report import grid as G

from . import layout as L
from .linebreak import break_lines
from .pdf_text import Run, char_width

FUZZ = 1e-6  # ReportLab's slack in comparing heights
PARAGRAPH_LEADING = 1.3  # × the size, between the lines of a text cell
STRING_LEADING = 1.2  # × the size: ReportLab's leading of a cell drawn as a string (numbers, empty cells)


@dataclass(frozen=True)
class _Content:
    """What a cell holds, laid out for its width: lines of (font, text) runs."""

    lines: tuple[tuple[tuple[str, str], ...], ...]
    widths: tuple[float, ...]  # of each line
    size: float
    leading: float
    paragraph: bool  # text (first baseline one size below the top) or a number (ReportLab's string cell)

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


class Table:
    """A layout table's cells, laid out once for the PDF: font, size, column widths and each cell's lines."""

    def __init__(self, block: L.TableBlock, runs: Callable[[str, G.GridCell], list[Run]], font: str, size: float,
                 widths: list[float], pad: float, rule: float):
        self.block, self.font, self.size, self.widths, self.pad, self.rule = block, font, size, widths, pad, rule
        self.positions = [0.0]
        for w in widths:
            self.positions.append(self.positions[-1] + w)
        self.empty_height = STRING_LEADING * size + 2 * pad + 1
        self.content: dict[G.GridCell, _Content] = {}
        for c in block.grid.cells:
            if c.text:
                content = self._lay_out(c, runs(c.text, c))
                if content is not None:
                    self.content[c] = content
        self._plain_rows = {r for r in range(block.grid.rows) if self._has_plain_cell(r)}

    def span_width(self, c: G.GridCell) -> float:
        return self.positions[c.col + c.colspan] - self.positions[c.col]

    def _lay_out(self, c: G.GridCell, runs: list[Run]) -> _Content | None:
        room = self.span_width(c) - 2 * self.pad
        size = self.size
        if c.role == G.VALUE and len(runs) == 1 and runs[0].font == self.font:
            # A number: one string, shrunk rather than broken.
            natural = stringWidth(c.text, self.font, size)
            cell_size = max(size * room / natural, 4) if natural > room else size
            width = stringWidth(c.text, self.font, cell_size)
            return _Content(((((self.font, c.text),),)), (width,), cell_size, STRING_LEADING * cell_size, False)
        key = (tuple(runs), room, size)
        content = _PARAGRAPHS.get(key)
        if content is None:
            if len(_PARAGRAPHS) >= MAX_KEPT:
                _PARAGRAPHS.clear()
            content = _PARAGRAPHS[key] = _paragraph(runs, room, size)
        return content or None

    def cell_height(self, c: G.GridCell) -> float:
        content = self.content.get(c)
        if content is None:
            return self.empty_height
        return content.height + 2 * self.pad + 1

    def heights(self, rows: tuple[int, ...]) -> list[float]:
        """The height of each of `rows` drawn together as one table (spans clipped to them)."""
        local = {r: i for i, r in enumerate(rows)}
        heights = [self.empty_height if r in self._plain_rows else 0.0 for r in rows]
        spans: dict[tuple[int, int], float] = {}
        for c in self.block.grid.cells:
            mine = [local[r] for r in range(c.row, c.row + c.rowspan) if r in local]
            if not mine:
                continue
            need = self.cell_height(c)
            if len(mine) > 1:
                key = (mine[0], mine[-1])
                spans[key] = max(spans.get(key, need), need)
            elif need > heights[mine[0]]:
                heights[mine[0]] = need
        # As ReportLab's spanFixDim: the largest needs first, each spread evenly over its rows.
        extra: dict[int, float] = {}
        for need, (first, last) in sorted(((v, k) for k, v in spans.items()), reverse=True):
            have = sum(heights[i] + extra.get(i, 0.0) for i in range(first, last + 1))
            if have >= need - FUZZ:
                continue
            share = (need - have) / (last - first + 1)
            for i in range(first, last + 1):
                extra[i] = extra.get(i, 0.0) + share
        for i, more in extra.items():
            heights[i] += more
        return heights

    def _has_plain_cell(self, row: int) -> bool:
        """Whether some cell of the row counts as an empty string cell of the row's own (ReportLab gives every
        position of a row outside a row span a height; an empty one is one string line high)."""
        g = self.block.grid
        covered = 0
        for c in g.cells:
            if c.row <= row < c.row + c.rowspan:
                if c.rowspan == 1 and (c.colspan > 1 or c not in self.content):
                    return True
                covered += c.colspan
        return covered < g.cols


# The labels of a format's tables are the same at every export: their lines are kept, by text, fonts and width.
_PARAGRAPHS: dict[tuple, _Content | None] = {}
MAX_KEPT = 4096


def forget_layouts() -> None:
    """Drop the kept lines (a font file changed and was loaded again under its name)."""
    _PARAGRAPHS.clear()


def _paragraph(runs: list[Run], room: float, size: float) -> _Content | None:
    """Text laid out as a ReportLab paragraph would be: white space runs one space, the ends trimmed."""
    chars: list[tuple[str, str]] = []
    for r in runs:
        for ch in r.text:
            if ch.isspace():
                if chars and chars[-1][0] != " ":
                    chars.append((" ", r.font))
            else:
                chars.append((ch, r.font))
    while chars and chars[-1][0] == " ":
        chars.pop()
    if not chars:
        return None
    widths = [char_width(ch, font, size) for ch, font in chars]
    lines, line_widths = [], []
    for start, end in break_lines([ch for ch, _ in chars], widths, [room]):
        pieces: list[list] = []
        for ch, font in chars[start:end]:
            if pieces and pieces[-1][0] == font:
                pieces[-1][1].append(ch)
            else:
                pieces.append([font, [ch]])
        lines.append(tuple((font, "".join(text)) for font, text in pieces))
        line_widths.append(sum(widths[start:end]))
    return _Content(tuple(lines), tuple(line_widths), size, PARAGRAPH_LEADING * size, True)


class GridTable(Flowable):
    """Some rows of a laid-out table, as one flowable that splits itself between pages."""

    def __init__(self, table: Table, rows: tuple[int, ...]):
        super().__init__()
        self.table, self.rows = table, rows
        self.hAlign = "CENTER"
        self._heights: list[float] | None = None

    @property
    def row_heights(self) -> list[float]:
        if self._heights is None:
            self._heights = self.table.heights(self.rows)
        return self._heights

    def wrap(self, availWidth, availHeight):  # ReportLab's names
        self.width = self.table.positions[-1]
        self.height = sum(self.row_heights)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        block = self.block
        heights = self.row_heights
        header = min(block.header_rows, len(self.rows))
        is_header = self.rows[:header] == tuple(range(header))
        first_data = header if is_header else 0
        starts = {s for s, _ in block.groups} if len(block.groups) > 1 else None
        candidates = []
        used = sum(heights[:first_data])
        for i in range(first_data, len(self.rows)):
            used += heights[i]
            if used > availHeight:
                break
            b = i + 1  # break before local row b
            if b < len(self.rows) and (starts is None or self.rows[b] in starts):
                candidates.append(b)
        head = self.rows[:header] if is_header else ()
        for b in reversed(candidates):
            # A clipped row span may need more height than in the whole table: measure the part itself.
            first = GridTable(self.table, self.rows[:b])
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                return [first, GridTable(self.table, head + self.rows[b:])]
        return []

    @property
    def block(self) -> L.TableBlock:
        return self.table.block

    def draw(self):
        t = self.table
        canvas = self.canv
        heights = self.row_heights
        local = {r: i for i, r in enumerate(self.rows)}
        tops = [0.0] * (len(self.rows) + 1)  # distance of each row's top below the table's top
        for i, h in enumerate(heights):
            tops[i + 1] = tops[i] + h
        total = tops[-1]
        pad, bottom_pad = t.pad, t.pad + 1
        text = canvas.beginText()
        font_now: tuple[str, float] | None = None
        rules: set[tuple[float, float, float, float]] = set()
        for c in t.block.grid.cells:
            mine = [local[r] for r in range(c.row, c.row + c.rowspan) if r in local]
            if not mine:
                continue
            x0, x1 = t.positions[c.col], t.positions[c.col + c.colspan]
            y1 = total - tops[mine[0]]  # top
            y0 = total - tops[mine[-1] + 1]  # bottom
            rules.update(((x0, y1, x1, y1), (x0, y0, x1, y0), (x0, y0, x0, y1), (x1, y0, x1, y1)))
            content = t.content.get(c)
            if content is None:
                continue
            height = y1 - y0
            if content.paragraph:
                top = y0 + (height + bottom_pad - pad + content.height) / 2
                y = top - content.size
            else:
                y = y0 + (bottom_pad + height - pad + content.leading) / 2 - content.size
            room = x1 - x0 - 2 * pad
            left = L.cell_align(c) == "left" and content.paragraph
            for line, width in zip(content.lines, content.widths, strict=True):
                x = x0 + pad if left else x0 + pad + (room - width) / 2
                text.setTextOrigin(x, y)
                for font, piece in line:
                    if font_now != (font, content.size):
                        text.setFont(font, content.size)
                        font_now = (font, content.size)
                    text.textOut(piece)
                y -= content.leading
        canvas.drawText(text)
        canvas.saveState()
        canvas.setLineWidth(t.rule)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        canvas.setStrokeColorRGB(0, 0, 0)
        canvas.lines(sorted(rules))
        canvas.restoreState()
