"""The 审查单: one A4 page a reviewer signs before a report is published (国办公开办函〔2021〕30号 makes the leader in
charge of disclosure answerable for it): the checklist's verdicts item by item, the figures that matter, room
for the reviewer's opinion, and lines for 经办人, 审核人 and 分管负责人 with dates.

Drawn with ReportLab in the fonts the PDF export uses (export/pdf_fonts.py), embedded as subsets; a character
no font has is reported as the PDF export reports it. The page always stays one page: its body shrinks to fit.
"""

from __future__ import annotations

import datetime
import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepInFrame, PageTemplate, Spacer, Table, TableStyle

from report import checklist, figures
from report import title as report_title
from report.about import GENERATOR
from report.checks import WARNING, Finding
from report.model import Report

from .files import write_atomically
from .pdf_fonts import ROLE_NAMES, FontSet, font_set
from .pdf_text import KinsokuParagraph

SUFFIX = ".pdf"
NAME = "审查单"
MARGIN = 18 * mm
TEXT_WIDTH = A4[0] - 2 * MARGIN
SIZE = 10.5  # 五号
SMALL = 8
SOURCE = 6.5  # the item's source under its title: there for whoever asks, small
MESSAGES_PER_ITEM = 2  # findings quoted under an item; the rest counted
MESSAGE_CHARS = 90
SIGNERS = ("经办人", "审核人", "分管负责人")
VERDICTS = {checklist.PASS: "通过", checklist.FAIL: "未通过", checklist.NOT_APPLICABLE: "不适用"}
FAIL_COLOUR = colors.HexColor("#b00000")
GREY = colors.HexColor("#555555")


class _Fonts:
    """Markup in the role's font, a character it lacks in another loaded font that has it (and said once)."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._found: list[Finding] = []
        self._seen: set[str] = set()

    @property
    def findings(self) -> list[Finding]:
        """A chosen font that could not be used (known once its role was drawn), then the characters lacking."""
        return [Finding(WARNING, "font.unusable", (), p) for p in self.fonts.problems] + self._found

    def name(self, role: str) -> str:
        return self.fonts.roles[role].name

    def markup(self, text: str, role: str = "body") -> str:
        main = self.fonts.roles[role]
        out = []
        for ch in text:
            font = main if ch.isspace() or ch == "\n" else self.fonts.font_for(role, ch)
            if font is None and ch not in self._seen:
                self._seen.add(ch)
                self._found.append(Finding(WARNING, "font.missing", (),
                                             f"审查单中的字符「{ch}」（U+{ord(ch):04X}）在所有可用字体中都没有，"
                                             f"将显示为空白方框（{ROLE_NAMES[role]}）"))
            piece = "<br/>" if ch == "\n" else escape(ch)
            out.append(piece if font in (None, main) else f'<font name="{font.name}">{piece}</font>')
        return "".join(out)


def render(report: Report, previous: Report | None = None, fonts: FontSet | None = None,
           today: datetime.date | None = None) -> tuple[bytes, list[Finding]]:
    """The 审查单 of `report` (checked against last year's when given) as PDF bytes, and font findings."""
    f = _Fonts(fonts or font_set())
    found = checklist.review(report, previous)
    verdicts = checklist.judge(found, previous is not None)
    today = today or datetime.date.today()
    title = f"{report.agency}{report.year}年度{report_title.NAME}审查单"
    body = _body(report, previous, found, verdicts, f)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=title, author=report.agency, subject=NAME, creator=GENERATOR,
                          producer=GENERATOR, lang="zh-CN", initialFontName=f.name("body"))
    frame = Frame(MARGIN, MARGIN + 6 * mm, TEXT_WIDTH, A4[1] - 2 * MARGIN - 6 * mm, 0, 0, 0, 0)

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont(f.name("body"), SMALL)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN, f"由{GENERATOR}于{today.year}年{today.month}月{today.day}日生成")
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate("sheet", [frame], onPage=footer)])
    heading = _style("title", f, 16, align=TA_CENTER, font_role="title")
    story = [KinsokuParagraph(f.markup(title, "title"), heading), Spacer(1, 4 * mm),
             # One page whatever the findings: the body shrinks rather than flowing onto a second page.
             KeepInFrame(TEXT_WIDTH, frame._aH - 12 * mm, body, mode="shrink", hAlign="CENTER")]
    doc.build(story)
    return buffer.getvalue(), f.findings


def write(report: Report, path, previous: Report | None = None, fonts: FontSet | None = None) -> list[Finding]:
    """Render, then write `path` atomically (export.files.OutputError on failure). Returns font findings."""
    data, found = render(report, previous, fonts)
    write_atomically(path, data)
    return found


def _style(name: str, f: _Fonts, size: float = SIZE, align=TA_LEFT, font_role: str = "body",
           colour=colors.black) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=f.name(font_role), fontSize=size, leading=size * 1.35, alignment=align,
                          textColor=colour, wordWrap="CJK")


def _grid(f: _Fonts, data, widths, extra=()) -> Table:
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3), *extra]
    # Empty cells too: ReportLab's default would name an unembedded Helvetica in the file.
    style.append(("FONT", (0, 0), (-1, -1), f.name("body"), SIZE))
    return Table(data, colWidths=widths, style=TableStyle(style), hAlign="LEFT")


def _body(report: Report, previous: Report | None, found: list[Finding], verdicts, f: _Fonts) -> list:
    text = _style("text", f)
    centre = _style("centre", f, align=TA_CENTER)
    head = _style("head", f, 12, font_role="heading")

    def p(s: str, style=text, role: str = "body") -> KinsokuParagraph:
        return KinsokuParagraph(f.markup(s, role), style)

    errors = sum(x.is_error for x in found)
    warnings = len(found) - errors
    date = f"{report.date.year}年{report.date.month}月{report.date.day}日" if report.date else "未填写"
    last = (f"已与{previous.year}年度报告对照" if previous is not None
            else "未找到，「与上年衔接」「未照搬上年」两项不适用")
    w = TEXT_WIDTH
    info = _grid(f, [[p("报送机关", centre), p(report.agency), p("报告年度", centre), p(f"{report.year}年度")],
                  [p("报告格式", centre), p(report.format.name), p("成文日期", centre), p(date)],
                  [p("上年报告", centre), p(last), p("检查结果", centre), p(f"{errors} 个错误、{warnings} 个警告")]],
                 [w * 0.13, w * 0.45, w * 0.13, w * 0.29])
    story: list = [info, Spacer(1, 3 * mm), p("一、审核清单", head, "heading"), Spacer(1, 1.5 * mm)]

    rows = [[p("序号", centre), p("审核项", centre), p("结果", centre), p("发现的问题", centre)]]
    extra = []
    note = _style("note", f, 9)
    for n, item in enumerate(checklist.ITEMS, 1):
        verdict, hits = verdicts[item.id]
        mine = [x for x in found if checklist.matches(item, x.rule)]
        said = [_clip(x.message) for x in mine[:MESSAGES_PER_ITEM]]
        if len(mine) > MESSAGES_PER_ITEM:
            said.append(f"等共 {len(mine)} 条")
        colour = FAIL_COLOUR if verdict == checklist.FAIL else colors.black
        rows.append([p(str(n), centre), p(item.title), p(VERDICTS[verdict], _style(f"v{n}", f, align=TA_CENTER,
                                                                                 colour=colour)),
                     p("\n".join(said) if said else "—", note)])
        if verdict == checklist.FAIL:
            extra.append(("BACKGROUND", (2, n), (2, n), colors.HexColor("#fbeaea")))
    story += [_grid(f, rows, [w * 0.06, w * 0.17, w * 0.09, w * 0.68], extra), Spacer(1, 3 * mm),
              p("二、主要数据", head, "heading"), Spacer(1, 1.5 * mm)]
    story += _figures(report, p, f, w)
    story += [Spacer(1, 3 * mm), p("三、审核意见", head, "heading"), Spacer(1, 1.5 * mm),
              _grid(f, [[p("")]], [w], [("BOTTOMPADDING", (0, 0), (-1, -1), 16 * mm)]), Spacer(1, 4 * mm)]
    # Plain strings, not paragraphs: a paragraph would fold the spaces left for the date.
    story.append(_grid(f, [[f"{who}（签字）：", "", "日期：        年      月      日"] for who in SIGNERS],
                       [w * 0.22, w * 0.38, w * 0.40],
                       [("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return story


def _figures(report: Report, p, f: _Fonts, w: float) -> list:
    """The figures of the report that a reviewer weighs: the part of the report, the row, its figures."""
    small = _style("figures", f, 9)
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    totals = figures.application_totals(report)
    results = figures.applications_by_result(report)
    applicants = figures.applications_by_applicant(report)
    if totals:
        applications = [("总体", "；".join(f"{x.label} {x.shown} 件" for x in totals))]
        if results:
            applications.append(("办理结果", "，".join(f"{x.label} {x.shown}" for x in results)))
        if applicants:
            applications.append(("新收申请的申请人", "，".join(f"{x.label} {x.shown}" for x in applicants)))
        groups.append(("依申请公开", applications))
    published: dict[str, list[tuple[str, str]]] = {}
    for row in figures.published_figures(report):
        published.setdefault(row.title, []).append((row.label, "，".join(f"{x.label} {x.shown}" for x in row.figures)))
    groups += [(f"主动公开 {title}", lines) for title, lines in published.items()]
    review = [(row.label, "，".join(f"{x.label} {x.shown}" for x in row.figures)) for row in figures.review_rows(report)]
    if review:
        groups.append(("复议、诉讼", review))
    data, spans = [], []
    for title, lines in groups:
        top = len(data)
        data += [[p(title, small) if i == 0 else "", p(label, small), p(text, small)] for i, (label, text) in enumerate(lines)]
        if len(lines) > 1:
            spans.append(("SPAN", (0, top), (0, len(data) - 1)))
    if not data:
        return []
    return [_grid(f, data, [w * 0.2, w * 0.2, w * 0.6], spans)]


def _clip(message: str) -> str:
    return message if len(message) <= MESSAGE_CHARS else message[: MESSAGE_CHARS - 1] + "…"
