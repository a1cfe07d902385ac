"""The neutral layout of a report: the document as a list of blocks, the same for every writer.

PDF, Word, web page and spreadsheet writers draw this layout and differ only in how they draw it; none of them
spells a label or a row of the report. The layout is built from a report and its format definition:

    Document
      title            Title      「<agency><year>年政府信息公开工作年度报告」, with a suggested two-line split
      blocks, in order:
        Paragraph      the preamble (导语), if any: body paragraphs between the title and 一 (section_id "preamble"),
                       without a heading of their own, as the published reports print it
        Heading        a section title (一、总体情况 …), level 1
        Paragraph      prose of sections 一, 五, 六: one per line of the clerk's text; `level` says whether it opens
                       with a （一）-style heading (level 2) or a 1.-style one (level 3), `heading` holds that
                       heading phrase and `text` the rest of the paragraph, to be drawn in the body style
        TableBlock     a table of sections 二–四: the format's printed grid (report.grid) with every value cell's
                       text filled in as the display string, and how many leading rows to repeat on each page
        Signature      the agency and the date, right-aligned at the end (only when the report has a date)

Headings inside the prose follow the practice of official documents (党政机关公文格式 GB/T 9704 and the
published annual reports): a second-level heading 「（一）主动公开情况。」 opening a paragraph is set in 楷体 and the
running text after it continues in the body face on the same line. So only the heading phrase, up to its first
full stop (or ：？！), gets the heading style; a short line with no full stop is a heading on its own. The
bracket of the marker is normalised to full width (「(一) 」→「（一）」) because the official documents print it so;
nothing else of the clerk's text is changed.

Totals are shown as the program computes them (report.calc.with_totals): an exported report always adds up.
"""

from __future__ import annotations

import dataclasses
import decimal
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from report import exchange
from report import grid as grid_mod
from report import title as report_title
from report.about import GENERATOR
from report.calc import with_totals
from report.definition import Format, Kind
from report.grid import Grid, GridCell
from report.model import PREAMBLE, PREAMBLE_TITLE, Report
from report.values import Value, places, show

from . import file_names
from .linebreak import units

BODY = 0  # a plain paragraph
SECTION = 1  # 一、…  (section titles; Heading blocks)
SUBHEADING = 2  # （一）…  inside the prose
POINT = 3  # 1. …  inside the prose


@dataclass(frozen=True)
class Title:
    text: str
    lines: tuple[str, ...]  # a suggested split when the title does not fit on one line: agency, then the rest


@dataclass(frozen=True)
class Heading:
    text: str
    section_id: str
    level: int = SECTION


@dataclass(frozen=True)
class Paragraph:
    heading: str  # the leading heading phrase, drawn in the heading style of `level`; "" for BODY
    text: str  # the rest, drawn in the body style
    level: int
    section_id: str
    where: str  # how messages name the paragraph: 「一、总体情况」第 2 段

    @property
    def full_text(self) -> str:
        return self.heading + self.text


@dataclass(frozen=True)
class TableBlock:
    section_id: str
    grid: Grid  # every VALUE cell's `text` holds the display string
    header_rows: int  # leading rows to repeat when the table breaks across pages (0: none)
    groups: tuple[tuple[int, int], ...]  # (first row, last row) of each format block: keep each on one page
    where: str  # the section title


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...]


Block = Heading | Paragraph | TableBlock | Signature


@dataclass(frozen=True)
class Document:
    title: Title
    blocks: tuple[Block, ...]
    agency: str
    year: int
    format_name: str
    # The report's exchange document (report.exchange.dumps_embedded), which every writer embeds in the file it
    # writes so that importing the file gives the report back exactly; "" embeds nothing.
    data: str = ""

    @property
    def subject(self) -> str:
        return f"{self.year}年度{report_title.NAME}（{self.format_name}）"

    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def preamble(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph) and b.section_id == PREAMBLE]


def document_title(report: Report) -> str:
    return report_title.title(report.agency, report.year)


def file_name(report: Report, suffix: str = "", folder=None) -> str:
    """The proposed output file name (with `suffix`, if given): the title, with characters no file system takes
    replaced, its agency shortened to fit the file system (export/file_names.py) in `folder`."""
    agency = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", report.agency.strip()).strip(" .")
    _, rest = report_title.title_parts(agency, report.year)
    return file_names.fitting(agency, rest, suffix, folder)


def build(report: Report) -> Document:
    original = report
    report = with_totals(report)
    fmt = report.format
    agency = report.agency.strip()
    title_text = document_title(report)
    title = Title(title_text, report_title.title_parts(agency, report.year) if agency else (title_text,))
    # The preamble sits between the title and the first section, in plain body paragraphs: a （一） opening one
    # of its lines is the clerk's wording, not a heading of the report.
    blocks: list[Block] = [
        Paragraph("", line, BODY, PREAMBLE, f"「{PREAMBLE_TITLE}」第 {k} 段")
        for k, line in enumerate(_lines(report.text(PREAMBLE)), start=1)
    ]
    for section in fmt.sections:
        blocks.append(Heading(section.title, section.id))
        if section.table is None:
            blocks.extend(prose(report.text(section.id), section.id, section.title))
        else:
            blocks.append(table_block(report, fmt, section.id))
    if report.date is not None:
        d = report.date
        blocks.append(Signature(tuple(x for x in (agency, f"{d.year}年{d.month}月{d.day}日") if x)))
    # The report as given, not with_totals: the exchange document keeps given computed values as given.
    data = exchange.dumps_embedded(original, generator=GENERATOR)
    return Document(title, tuple(blocks), agency, report.year, fmt.name, data)


# ---- prose -------------------------------------------------------------------------------------------------

_CN_NUMERAL = "一二三四五六七八九十百零〇两"
_SUBHEADING = re.compile(rf"^[（(]\s*([{_CN_NUMERAL}]{{1,4}})\s*[）)]\s*")
_POINT = re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*")
_HEADING_END = "。！？：:!?"
MAX_HEADING = 40  # characters; a longer phrase is running text, not a heading


def clean_text(text: str) -> str:
    """Line ends unified, tabs to spaces, invisible format characters (zero-width space, BOM…) removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cf", "Cc", "Cs"))


def prose(text: str, section_id: str, section_title: str) -> list[Paragraph]:
    """One paragraph per non-empty line; the clerk's own leading spaces go (the writer indents)."""
    out = []
    for line in _lines(text):
        heading, rest, level = split_heading(line)
        out.append(Paragraph(heading, rest, level, section_id, f"「{section_title}」第 {len(out) + 1} 段"))
    return out


def _lines(text: str) -> list[str]:
    """The paragraphs of a text: its non-empty lines without their spaces around (every kind: readers of the
    output trim them too)."""
    return [line.strip() for line in clean_text(text).split("\n") if line.strip()]


def split_heading(line: str) -> tuple[str, str, int]:
    """(heading phrase, rest, level) of one paragraph; ("", line, BODY) when it opens with no heading."""
    match = _SUBHEADING.match(line)
    level = SUBHEADING
    if match:
        marker = f"（{match.group(1)}）"
    else:
        match = _POINT.match(line)
        level = POINT
        if not match:
            return "", line, BODY
        marker = line[: match.end()].rstrip()
    body = line[match.end():]
    end = next((i for i, ch in enumerate(body) if ch in _HEADING_END), None)
    if end is not None and end < MAX_HEADING:
        return marker + body[: end + 1], body[end + 1:], level
    if end is None and len(body) <= MAX_HEADING:
        return marker + body, "", level  # a heading on a line of its own
    return "", line, BODY


# ---- tables ------------------------------------------------------------------------------------------------


def display(value: Value, kind: Kind, want_places: int | None) -> str:
    """A value as printed: amounts with the places their header asks for, unless the value has more (then as
    entered: a published figure is never rounded away)."""
    if kind is Kind.AMOUNT and want_places is not None and isinstance(value, (int, Decimal)):
        value = Decimal(value)
        if places(value) <= want_places:
            with decimal.localcontext() as ctx:  # room for every digit: the default 28 would refuse 10^24
                ctx.prec = max(ctx.prec, value.adjusted() + want_places + 2)
                return show(value.quantize(Decimal(1).scaleb(-want_places)))
    return show(value)


def table_block(report: Report, fmt: Format, section_id: str) -> TableBlock:
    section = fmt.section(section_id)
    assert section.table is not None
    g = grid_mod.table_grid(section.table)
    cells = []
    for c in g.cells:
        if c.role == grid_mod.VALUE and c.cell is not None:
            cdef = fmt.cells[c.cell]
            c = dataclasses.replace(c, text=display(report.value(c.cell), cdef.kind, cdef.column.places))
        cells.append(c)
    filled = dataclasses.replace(g, cells=tuple(cells))
    return TableBlock(section_id, filled, g.header_rows, _block_rows(g), section.title)


def _block_rows(g: Grid) -> tuple[tuple[int, int], ...]:
    """Row ranges of the format's blocks: a block starts at a TITLE row, or the table is one block."""
    starts = sorted({c.row for c in g.cells if c.role == grid_mod.TITLE}) or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    ends = [s - 1 for s in starts[1:]] + [g.rows - 1]
    return tuple(zip(starts, ends, strict=True))


def column_widths(g: Grid, total: float, measure: Callable[[str, str], float], padding: float,
                  min_label: float, min_value: float, pref_value: float) -> list[float]:
    """Widths of the grid's columns summing to `total`, for writers that must fix them (PDF, Word).

    `measure(text, role)` is the writer's width of `text` on one line. Value columns are all equally wide, as in
    the official template: `pref_value` each when the labels need the room, more when they do not, never less
    than `min_value`. Label columns get what their texts need on one line if that fits, else at least their
    widest unbreakable piece (a number is never broken; Chinese breaks between any two characters) and a share
    of the rest in proportion to what they would like.
    """
    value_cols = sorted({col for c in g.cells if c.role == grid_mod.VALUE for col in range(c.col, c.col + c.colspan)})
    label_cols = [i for i in range(g.cols) if i not in value_cols]
    low = {i: min_label for i in label_cols}
    high = dict(low)
    for c in sorted(g.cells, key=lambda c: c.colspan):
        cols = range(c.col, c.col + c.colspan)
        if not c.text or any(i not in low for i in cols):
            continue  # only cells within the label columns decide their widths
        need_low = max((measure(tok, c.role) for tok in _unbreakable(c.text)), default=0) + padding
        need_high = measure(c.text, c.role) / min(c.rowspan, 2) + padding  # a tall label may wrap
        targets = ((need_low, low),) if c.role == grid_mod.CORNER else ((need_low, low), (need_high, high))
        for need, have in targets:  # the corner's note wraps as it must
            short = need - sum(have[i] for i in cols)
            if short > 0:
                for i in cols:
                    have[i] += short / c.colspan
    n = len(value_cols)
    if not n:
        return _share(label_cols, low, high, total, g.cols)
    sum_high, sum_low = sum(high.values()), sum(low.values())
    if total - sum_high >= n * pref_value:
        value_w = (total - sum_high) / n
    else:
        value_w = max(min_value, min(pref_value, (total - sum_low) / n))
    widths = _share(label_cols, low, high, total - n * value_w, g.cols)
    for i in value_cols:
        widths[i] = value_w
    if sum_low + n * value_w > total + 1e-6:  # cannot fit: scale down (the writer shrinks the text to match)
        widths = [w * total / sum(widths) for w in widths]
    return widths


def _share(cols: list[int], low: dict, high: dict, room: float, ncols: int) -> list[float]:
    widths = [0.0] * ncols
    spare = room - sum(low[i] for i in cols)
    want = sum(high[i] - low[i] for i in cols)
    for i in cols:
        if spare <= 0:
            widths[i] = low[i]
        elif want <= spare:
            widths[i] = high[i] + (spare - want) / len(cols)
        else:
            widths[i] = low[i] + (high[i] - low[i]) * spare / want
    return widths


def _unbreakable(text: str) -> list[str]:
    """The pieces of `text` a line may not break inside (export/linebreak.py: numbers, 避头尾 pairs)."""
    return units(text)


def cell_align(c: GridCell) -> str:
    """Horizontal alignment of a grid cell as the official template prints it: values, headers and row group
    labels centred; a row's own label left-aligned. Returns "center" or "left"."""
    if c.role == grid_mod.LABEL and c.rowspan == 1:
        return "left"
    if c.role == grid_mod.CORNER and len(c.text) > 12:
        return "left"
    return "center"
