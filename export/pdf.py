"""The PDF writer: draws the neutral layout (export/layout.py) as an official document with ReportLab.

Page (GB/T 9704 practice): A4 portrait, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm
text area); title 22 pt (2号) 小标宋, centred; section headings 16 pt (3号) 黑体; （一）-level headings 16 pt 楷体;
body 16 pt 仿宋 with 29 pt leading (22 lines a page) and a two-character first-line indent; page numbers 「— 1 —」
in 14 pt (4号) 7 mm below the text area, odd pages on the right and even pages on the left, one character in.
Tables fill the text width, repeat their header rows on every page and keep each block of section 二 whole.

Fonts come from export/pdf_fonts.py: only embedded TrueType subsets. Lines are broken by export/pdf_text.py
(避头尾). Findings about the fonts (a character no chosen font has) are returned before anything is written.
The report's exchange document is attached to the file (export/pdf_attachment.py), for an exact import.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer
from reportlab.platypus.flowables import CondPageBreak

from report import exchange
from report import grid as G
from report.about import GENERATOR
from report.checks import WARNING, Finding
from report.model import Report

from . import layout as L
from . import styles as st
from .files import write_atomically
from .pdf_attachment import attach
from .pdf_fonts import ROLE_NAMES, FontError, FontSet, font_set
from .pdf_table import GridTable, Table
from .pdf_text import ProseText, Run
from .ttf_face import ChangedFontFile

# The page and type figures every paged writer shares live in export/styles.py; here in ReportLab's units.
PAGE = A4
MARGIN_TOP, MARGIN_BOTTOM = st.MARGIN_TOP_MM * mm, st.MARGIN_BOTTOM_MM * mm
MARGIN_LEFT, MARGIN_RIGHT = st.MARGIN_LEFT_MM * mm, st.MARGIN_RIGHT_MM * mm
TEXT_WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
TEXT_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm
BODY_SIZE = st.BODY_PT
TITLE_SIZE = st.TITLE_PT
PAGE_NUMBER_SIZE = st.PAGE_NUMBER_PT
LEADING = TEXT_HEIGHT / 22 - 0.01  # 22 lines a page, as GB/T 9704 asks (≈ 29 pt)
TABLE_SIZES = (st.TABLE_PT, 10, 9.5, 9, 8.5, 8)  # 五号 first; smaller only if the columns cannot fit
CELL_PAD = 2.5
RULE = 0.5  # table rule width, pt


@dataclass
class _Context:
    fonts: FontSet
    findings: list[Finding] = field(default_factory=list)
    _seen: set = field(default_factory=set)

    def runs(self, text: str, role: str, where: str, cell: str | None = None) -> list[Run]:
        """`text` cut into runs, each in the font that has its characters: the role's font, else a fallback.
        A character the role's font lacks is reported once per place."""
        main = self.fonts.roles[role]
        if all(ch.isspace() or main.has(ch) for ch in set(text)):
            return [Run(text, main.name)] if text else []  # the common case, without a look at every character
        pieces: list[tuple[str, list[str]]] = []  # joined at the end: adding to a string each time is quadratic
        for ch in text:
            font = self.fonts.font_for(role, ch) if not ch.isspace() else main
            if font is not main:
                self._missing(ch, role, font, where, cell)
                font = font or main
            if pieces and pieces[-1][0] == font.name:
                pieces[-1][1].append(ch)
            else:
                pieces.append((font.name, [ch]))
        return [Run("".join(chars), name) for name, chars in pieces]

    def _missing(self, ch, role, font, where, cell):
        key = (ch, role, where)
        if key in self._seen:
            return
        self._seen.add(key)
        main = self.fonts.roles[role]
        name = f"「{ch}」（U+{ord(ch):04X}）"
        if font is None:
            rule = "font.missing"
            message = f"{where}中的字符{name}在所有可用字体中都没有，PDF 中将显示为空白方框，请改用其他字或换用字体"
        else:
            rule = "font.fallback"
            message = f"{where}中的字符{name}在{ROLE_NAMES[role]}「{main.label}」中没有，已改用「{font.label}」显示"
        self.findings.append(Finding(WARNING, rule, (cell,) if cell else (), message))


def findings(report: Report, fonts: FontSet | None = None) -> list[Finding]:
    """What the user should know before exporting: characters the chosen fonts lack, fonts that failed."""
    return render(report, fonts)[1]


def render(report: Report, fonts: FontSet | None = None) -> tuple[bytes, list[Finding]]:
    """The PDF of `report` and the findings about its fonts."""
    fonts = fonts or font_set()
    doc = L.build(report)
    ctx = _Context(fonts)
    story = _story(doc, ctx)  # loads the fonts of the roles the report uses
    buffer = io.BytesIO()
    template = _Template(buffer, doc, fonts)
    try:
        template.build(story)
    except ChangedFontFile as e:
        raise FontError(f"字体文件在导出过程中被更改或删除，请重新导出（{e.filename}）") from None
    unusable = [Finding(WARNING, "font.unusable", (), problem) for problem in fonts.problems]
    return buffer.getvalue(), unusable + ctx.findings


def prepare(report: Report, fonts: FontSet | None = None):
    """The findings, and a function writing this very rendering to a path (export/kinds.py)."""
    data, found = render(report, fonts)
    return found, lambda path: write_atomically(path, data)


def write(report: Report, path, fonts: FontSet | None = None) -> list[Finding]:
    """Render, then write `path` atomically (export.files.OutputError on failure). Returns the findings."""
    data, found = render(report, fonts)
    write_atomically(path, data)
    return found


class _Template(BaseDocTemplate):
    def __init__(self, buffer, doc: L.Document, fonts: FontSet):
        super().__init__(
            buffer,
            pagesize=PAGE,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=doc.title.text,
            author=doc.agency,
            subject=doc.subject,
            creator=GENERATOR,
            producer=GENERATOR,
            keywords=["政府信息公开", "年度报告", str(doc.year)],
            lang="zh-CN",
            initialFontName=fonts.roles["body"].name,  # else every page names Helvetica, never embedded
        )
        self._page_font = fonts.roles["body"].name
        self._data = doc.data
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, TEXT_HEIGHT, 0, 0, 0, 0, id="text")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._page_number)])

    def beforeDocument(self):
        if self._data:  # the report's own data, for an import that gives it back exactly
            attach(self.canv, exchange.EMBEDDED_FILE, self._data.encode("utf-8"), "application/json",
                   "本报告的数据（政府信息公开年报交换文件）")

    def _page_number(self, canvas, _doc):
        number = canvas.getPageNumber()
        text = st.page_number_text(number)
        width = stringWidth(text, self._page_font, PAGE_NUMBER_SIZE)
        # GB/T 9704: the rule above the number 7 mm below the text area; odd pages right, even pages left,
        # one character in from the edge of the text area.
        y = MARGIN_BOTTOM - st.PAGE_NUMBER_GAP_MM * mm - PAGE_NUMBER_SIZE * 0.8
        if number % 2:
            x = MARGIN_LEFT + TEXT_WIDTH - PAGE_NUMBER_SIZE - width
        else:
            x = MARGIN_LEFT + PAGE_NUMBER_SIZE
        canvas.saveState()
        canvas.setFont(self._page_font, PAGE_NUMBER_SIZE)
        canvas.drawString(x, y, text)
        canvas.restoreState()


def _story(doc: L.Document, ctx: _Context) -> list:
    indent = 2 * BODY_SIZE  # two characters
    story: list = [_title(doc.title, ctx), Spacer(1, LEADING)]
    for block in doc.blocks:
        if isinstance(block, L.Heading):
            runs = ctx.runs(block.text, "heading", f"「{block.text}」标题")
            story.append(ProseText(runs, BODY_SIZE, LEADING, indent, keep_with_next=True))
        elif isinstance(block, L.Paragraph):
            role = "kai" if block.level == L.SUBHEADING else "body"
            runs = ctx.runs(block.heading, role, block.where) + ctx.runs(block.text, "body", block.where)
            story.append(ProseText(runs, BODY_SIZE, LEADING, indent))
        elif isinstance(block, L.TableBlock):
            story.append(CondPageBreak(LEADING * 3))
            story.append(_table(block, ctx))
            story.append(Spacer(1, LEADING * 0.5))
        elif isinstance(block, L.Signature):
            story.append(Spacer(1, LEADING))
            for line in block.lines:
                story.append(ProseText(ctx.runs(line, "body", "落款"), BODY_SIZE, LEADING, align="right",
                                       right_indent=indent))
    return story


def _title(title: L.Title, ctx: _Context) -> ProseText:
    font = ctx.fonts.roles["title"].name
    text = title.text
    if stringWidth(text, font, TITLE_SIZE) > TEXT_WIDTH and len(title.lines) > 1:
        # Too long for one line: break where the words allow (agency / year and title), as GB/T 9704 asks.
        text = "\n".join(title.lines)
    return ProseText(ctx.runs(text, "title", "标题"), TITLE_SIZE, TITLE_SIZE * 1.5, align="center")


# ---- tables ------------------------------------------------------------------------------------------------


def _table(block: L.TableBlock, ctx: _Context) -> GridTable:
    font = ctx.fonts.roles["body"].name
    size, widths = _fit_columns(block.grid, font)
    where = f"「{block.where}」表格"
    table = Table(block, lambda text, c: ctx.runs(text, "body", where, c.cell), font, size, widths, CELL_PAD, RULE)
    return GridTable(table, tuple(range(block.grid.rows)))


def _fit_columns(g: G.Grid, font: str) -> tuple[float, list[float]]:
    """The largest table font size at which every column keeps its unbreakable contents, and the widths."""
    for size in TABLE_SIZES:
        def measure(text: str, role: str, size=size) -> float:
            w = stringWidth(text, font, size)
            return min(w, stringWidth("0000", font, size)) if role == G.VALUE else w

        widths = L.column_widths(g, TEXT_WIDTH, measure, 2 * CELL_PAD, min_label=2 * size + 2 * CELL_PAD,
                                 min_value=2 * size + 2 * CELL_PAD, pref_value=2.6 * size + 2 * CELL_PAD)
        if _fits(g, widths, measure):
            return size, widths
    return TABLE_SIZES[-1], widths


def _fits(g: G.Grid, widths: list[float], measure) -> bool:
    for c in g.cells:
        if not c.text or c.role == G.VALUE:
            continue
        have = sum(widths[c.col:c.col + c.colspan]) - 2 * CELL_PAD
        if any(measure(tok, c.role) > have + 0.01 for tok in L._unbreakable(c.text)):
            return False
    return True
