"""The 图解 (一图读懂) of one report: a single tall picture of its figures, drawn with ReportLab's graphics.

From top to bottom: the applications of the year (received, carried in, answered, carried out), their results,
the new applications by applicant type, what section 二 says was published, 行政复议 and 行政诉讼, and the last up
to five years of applications where earlier reports are known (the database). Every row and column comes from
the format (report/figures.py); nothing here spells a label of the report.

One drawing, three files: PDF (fonts embedded as subsets, as the PDF export does), SVG (its text stays text, the
fonts' used glyphs embedded as WOFF, so that it looks the same on a machine without them), PNG (the PDF's page
rasterised by pdfium, which the program already carries for printing: ReportLab 5 draws bitmaps only through
pycairo, which PyPI offers for Linux only as source to compile).
"""

from __future__ import annotations

import base64
import io
import re

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Group, Line, Rect
from reportlab.lib import colors
from reportlab.pdfgen import canvas as pdf_canvas

from report import figures
from report import title as report_title
from report.about import GENERATOR
from report.checks import Finding
from report.model import Report

from .chart_text import ChartText
from .files import write_atomically
from .pdf_fonts import FontSet, font_set

SUFFIXES = (".pdf", ".svg", ".png")
NAME = "图解"
WIDTH = 595.0  # an A4 page's width, in points
MARGIN = 30.0
PNG_SCALE = 2.0  # 1190 px wide: sharp on a screen and in a slide
HISTORY_YEARS = 5

RED = colors.HexColor("#b71c1c")
BLUE = colors.HexColor("#1f5fa8")
LIGHT = colors.HexColor("#f3f6fb")
PALE_RED = colors.HexColor("#fdf1f0")
GREY = colors.HexColor("#666666")
SERIES = (BLUE, colors.HexColor("#e08a1e"), colors.HexColor("#3c9a5f"))


def build(report: Report, history: list[Report] | None = None, fonts: FontSet | None = None) -> tuple[Drawing, ChartText]:
    """The 图解 of `report` as a ReportLab drawing; `history`: earlier reports of the agency (any order)."""
    t = ChartText(fonts or font_set())
    parts: list[tuple[float, Group]] = []  # (height, group drawn from its top at y = 0 downwards)
    parts.append(_banner(report, t))
    parts.append(_applications(report, t))
    parts.append(_results(report, t))
    parts.append(_applicants(report, t))
    parts.append(_published(report, t))
    parts.append(_review(report, t))
    parts.append(_history(report, history or [], t))
    parts.append(_footer(t))
    parts = [(h, g) for h, g in parts if h > 0]
    height = sum(h for h, _ in parts) + MARGIN
    drawing = Drawing(WIDTH, height, initialFontName=t.name("body"))  # else the page names Helvetica, never embedded
    drawing.add(Rect(0, 0, WIDTH, height, fillColor=colors.white, strokeColor=None))
    y = height
    for h, g in parts:
        g.translate(0, y)
        drawing.add(g)
        y -= h
    return drawing, t


def _heading(t: ChartText, text: str, y: float) -> Group:
    g = Group()
    g.add(Rect(MARGIN, y - 22, 5, 18, fillColor=RED, strokeColor=None))
    g.add(t.draw(MARGIN + 12, y - 18, text, "heading", 15, RED))
    g.add(Line(MARGIN, y - 27, WIDTH - MARGIN, y - 27, strokeColor=RED, strokeWidth=0.6))
    return g


def _banner(report: Report, t: ChartText) -> tuple[float, Group]:
    g = Group()
    h = 106.0
    g.add(Rect(0, -h, WIDTH, h, fillColor=RED, strokeColor=None))
    g.add(t.draw(WIDTH / 2, -48, "一图读懂", "title", 30, colors.white, "middle"))
    line = f"{report.agency}{report.year}年度{report_title.NAME}"
    size = t.fit(line, "heading", 15, WIDTH - 2 * MARGIN)
    g.add(t.draw(WIDTH / 2, -82, line, "heading", size, colors.white, "middle"))
    return h + 14, g


def _tiles(t: ChartText, items: list[tuple[str, str]], top: float, columns: int, tile_h: float = 58.0,
           fill=LIGHT, value_size: float = 22) -> tuple[float, Group]:
    """Big numbers with their labels beneath, `columns` to a row."""
    g = Group()
    gap = 10.0
    w = (WIDTH - 2 * MARGIN - gap * (columns - 1)) / columns
    for i, (label, value) in enumerate(items):
        row, col = divmod(i, columns)
        x = MARGIN + col * (w + gap)
        y = top - row * (tile_h + gap)
        g.add(Rect(x, y - tile_h, w, tile_h, fillColor=fill, strokeColor=None))
        lines = label.split("\n")
        size = t.fit(value, "heading", value_size, w - 10)
        value_base = y - tile_h + 10 + 12 * len(lines) + 4
        g.add(t.draw(x + w / 2, value_base, value, "heading", size, BLUE, "middle"))
        for n, line in enumerate(lines):
            lsize = t.fit(line, "body", 9.5, w - 8)
            g.add(t.draw(x + w / 2, y - tile_h + 8 + 12 * (len(lines) - 1 - n), line, "body", lsize, GREY, "middle"))
    rows = -(-len(items) // columns)
    return rows * (tile_h + gap), g


def _applications(report: Report, t: ChartText) -> tuple[float, Group]:
    totals = figures.application_totals(report)
    if not totals:
        return 0, Group()
    g = _heading(t, "依申请公开", 0)
    h, tiles = _tiles(t, [(f.label, f"{f.shown}件") for f in totals], -36, 4)
    g.add(tiles)
    return 36 + h + 6, g


def _bars(t: ChartText, labels: list[str], values: list[float], top: float, horizontal: bool,
          colour=BLUE) -> tuple[float, Group]:
    """One series as bars with their values printed at the ends."""
    g = Group()
    body = t.name("body")
    for label in labels:
        t.note(body, label)
    if horizontal:
        label_w = max(t.width(x, "body", 10) for x in labels) + 8
        chart = HorizontalBarChart()
        chart.height = 22.0 * len(labels)
        chart.width = WIDTH - 2 * MARGIN - label_w - 40
        chart.x, chart.y = MARGIN + label_w, top - chart.height - 4
        chart.data = [list(reversed(values))]  # the first label at the top
        chart.categoryAxis.categoryNames = list(reversed(labels))
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -6
        chart.valueAxis.visible = False
        chart.valueAxis.forceZero = True
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 4
        height = chart.height + 14
    else:
        chart = VerticalBarChart()
        chart.height = 150.0
        chart.width = WIDTH - 2 * MARGIN - 20
        chart.x, chart.y = MARGIN + 10, top - chart.height - 10
        chart.data = [values]
        chart.categoryAxis.categoryNames = labels
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.categoryAxis.labels.dy = -6
        chart.valueAxis.visible = False
        chart.valueAxis.forceZero = True
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 3
        height = chart.height + 40
    chart.valueAxis.valueMin = 0
    if not any(values):
        chart.valueAxis.valueMax = 1  # all zero: flat bars, not a division by zero
    chart.categoryAxis.labels.fontName = body
    chart.categoryAxis.labels.fontSize = 10
    chart.categoryAxis.strokeColor = GREY
    chart.bars[0].fillColor = colour
    chart.bars.strokeColor = None
    chart.barLabelFormat = _number
    chart.barLabels.fontName = t.name("heading")
    chart.barLabels.fontSize = 10
    t.note(t.name("heading"), "0123456789.,-")
    chart.barWidth = 10
    g.add(chart)
    return height, g


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _results(report: Report, t: ChartText) -> tuple[float, Group]:
    results = figures.applications_by_result(report)
    if not results:
        return 0, Group()
    g = _heading(t, "办理结果", 0)
    if not any(f.value for f in results):  # empty bars say nothing: say it in words
        g.add(t.draw(MARGIN, -56, "本年度没有办结的政府信息公开申请。", "body", 10.5, GREY))
        return 74, g
    h, bars = _bars(t, [f.label for f in results], [figures.as_number(f.value) for f in results], -40, True)
    g.add(bars)
    return 40 + h + 10, g


def _applicants(report: Report, t: ChartText) -> tuple[float, Group]:
    applicants = figures.applications_by_applicant(report)
    if not applicants:
        return 0, Group()
    g = _heading(t, "新收申请的申请人类型", 0)
    if not any(f.value for f in applicants):
        g.add(t.draw(MARGIN, -52, "本年度没有新收政府信息公开申请。", "body", 10.5, GREY))
        return 70, g
    h, bars = _bars(t, [f.label for f in applicants], [figures.as_number(f.value) for f in applicants], -36, False,
                    SERIES[1])
    g.add(bars)
    return 36 + h, g


def _published(report: Report, t: ChartText) -> tuple[float, Group]:
    rows = figures.published_figures(report)
    if not rows:
        return 0, Group()
    g = _heading(t, "主动公开", 0)
    y = -40.0
    # A row of several figures gets a line of its own; rows of one figure share tiles, named row and column.
    for row in [r for r in rows if len(r.figures) > 1]:
        items = [(f.label, f.shown) for f in row.figures]
        size = t.fit(row.label, "heading", 11.5, WIDTH - 2 * MARGIN)
        g.add(t.draw(MARGIN, y - 12, row.label, "heading", size))
        g.add(t.draw(WIDTH - MARGIN, y - 12, row.title, "body", 8.5, GREY, "end"))
        h, tiles = _tiles(t, items, y - 18, max(3, len(items)), tile_h=46, value_size=17)
        g.add(tiles)
        y -= 18 + h + 4
    single = [(f"{r.label}\n{r.figures[0].label}", r.figures[0].shown) for r in rows if len(r.figures) == 1]
    if single:
        h, tiles = _tiles(t, single, y - 4, 3, tile_h=58, value_size=17)
        g.add(tiles)
        y -= 4 + h
    return -y + 6, g


def _review(report: Report, t: ChartText) -> tuple[float, Group]:
    rows = figures.review_rows(report)
    if not rows:
        return 0, Group()
    g = _heading(t, "行政复议、行政诉讼", 0)
    # A row's total (the last column, 总计) as the number; its parts beneath.
    items = []
    for row in rows:
        items.append((row.label, f"{row.figures[-1].shown}件"))
    h, tiles = _tiles(t, items, -36, len(items), fill=PALE_RED)
    g.add(tiles)
    y = -36 - h - 2
    for row in rows:
        parts = "，".join(f"{f.label} {f.shown}" for f in row.figures[:-1])
        line = f"{row.label}：{parts}"
        g.add(t.draw(MARGIN, y - 10, line, "body", t.fit(line, "body", 9.5, WIDTH - 2 * MARGIN), GREY))
        y -= 15
    return -y + 10, g


def _history(report: Report, history: list[Report], t: ChartText) -> tuple[float, Group]:
    earlier = [r for r in history if r.year < report.year]
    series = figures.year_series([*earlier, report], HISTORY_YEARS)
    g = _heading(t, f"近{len(series)}年情况" if len(series) > 1 else "历年情况", 0)
    if len(series) < 2:
        g.add(t.draw(MARGIN, -52, "程序中没有本机关往年的报告，无法比较。", "body", 10.5, GREY))
        return 70, g
    body = t.name("body")
    chart = VerticalBarChart()
    chart.height, chart.width = 150.0, WIDTH - 2 * MARGIN - 20
    chart.x, chart.y = MARGIN + 10, -40 - 30 - chart.height
    chart.data = [[figures.as_number(p.new) for p in series], [figures.as_number(p.answered) for p in series],
                  [figures.as_number(p.review) for p in series]]
    names = [f"{p.year}年" for p in series]
    for n in names:
        t.note(body, n)
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = body
    chart.categoryAxis.labels.fontSize = 10
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -6
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    if not any(v for s in chart.data for v in s):
        chart.valueAxis.valueMax = 1
    chart.barLabelFormat = _number
    chart.barLabels.fontName = t.name("heading")
    chart.barLabels.fontSize = 8.5
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    chart.bars.strokeColor = None
    chart.groupSpacing = 12
    for i, colour in enumerate(SERIES):
        chart.bars[i].fillColor = colour
    g.add(chart)
    labels = ("收到的申请", "办结的申请", "行政复议和行政诉讼")
    legend = Legend()
    legend.x, legend.y = MARGIN + 10, -44
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = body
    legend.fontSize = 9.5
    legend.dx = legend.dy = 8
    legend.deltax = 140
    legend.colorNamePairs = list(zip(SERIES, labels, strict=True))
    for label in labels:
        t.note(body, label)
    g.add(legend)
    return 40 + 30 + chart.height + 36, g


def _footer(t: ChartText) -> tuple[float, Group]:
    g = Group()
    g.add(t.draw(WIDTH / 2, -14, f"数据来源：本机关{report_title.NAME}　　由{GENERATOR}生成", "body", 8, GREY,
                 "middle"))
    return 20, g


# ---- files --------------------------------------------------------------------------------------------------


def render(report: Report, suffix: str, history: list[Report] | None = None,
           fonts: FontSet | None = None) -> tuple[bytes, list[Finding]]:
    """The 图解 as the bytes of a .pdf, .svg or .png file, and the findings about its fonts."""
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"图解只能保存为 {'、'.join(SUFFIXES)} 文件")
    drawing, t = build(report, history, fonts)
    title = f"{report.agency}{report.year}年度{report_title.NAME}图解"
    if suffix == ".svg":
        return _svg(drawing, t, title), t.findings
    pdf = _pdf(drawing, t, title, report.agency)
    return (pdf if suffix == ".pdf" else _png(pdf)), t.findings


def write(report: Report, path, history: list[Report] | None = None, fonts: FontSet | None = None) -> list[Finding]:
    """Render as the path's suffix says, then write atomically (export.files.OutputError on failure)."""
    from pathlib import Path

    data, found = render(report, Path(path).suffix, history, fonts)
    write_atomically(path, data)
    return found


def _pdf(drawing: Drawing, t: ChartText, title: str, agency: str) -> bytes:
    buffer = io.BytesIO()
    c = pdf_canvas.Canvas(buffer, pagesize=(drawing.width, drawing.height), initialFontName=t.name("body"),
                          lang="zh-CN")
    c.setTitle(title)
    c.setAuthor(agency)
    c.setSubject(NAME)
    c.setCreator(GENERATOR)
    c.setProducer(GENERATOR)
    renderPDF.draw(drawing, c, 0, 0, showBoundary=False)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _png(pdf: bytes) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=PNG_SCALE).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _svg(drawing: Drawing, t: ChartText, title: str) -> bytes:
    text = renderSVG.drawToString(drawing, showBoundary=False)
    faces = []
    for loaded in {f for f in (*t.fonts.roles.values(), *t.fonts.fallbacks)}:
        chars = t.used.get(loaded.name)
        if not chars:
            continue
        data = _woff_subset(loaded.path, chars)
        faces.append(f'@font-face{{font-family:"{loaded.name}";src:url(data:font/woff;base64,{data}) format("woff");}}')
        # Where the embedded face is not honoured (some editors), a Chinese font of the system is used instead.
        text = re.sub(rf"font-family: ?{re.escape(loaded.name)}\b",
                      f"font-family: '{loaded.name}', 'Noto Sans CJK SC', 'Microsoft YaHei', SimSun, sans-serif", text)
    style = f"<title>{_escape(title)}</title><style>{''.join(sorted(faces))}</style>"
    text = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + style, text, count=1)
    return text.encode("utf-8")


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _woff_subset(path, chars: set[str]) -> str:
    """The glyphs of `chars` from the font file, as base64 WOFF."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=0, lazy=True)  # glyphs read as the subsetter asks: ~0.3 s, not 20
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []  # plain horizontal text: no shaping tables
    options.name_IDs = [1, 2]
    options.notdef_outline = True
    options.hinting = False  # for a screen at any size; a third of the bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars})
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out)
    return base64.b64encode(out.getvalue()).decode("ascii")
