"""The report as a Word document (.docx), drawn from the neutral layout with python-docx.

What a clerk gets in Word, WPS or LibreOffice:
- A4 with the PDF's margins and 22 lines a page; the page number 「— 1 —」 in the footer as a PAGE field, odd pages
  on the right and even pages on the left as in the PDF.
- Named styles carrying all the typography, so that one change in the style list changes the whole document:
  标题 (Title), 标题 1/2/3 (Heading 1–3; the （一） and 1. heading phrases that open a paragraph use their linked
  character styles, so changing 标题 2 in Word changes both kinds), 正文 (Normal: 仿宋 3号, 29 pt fixed lines,
  two-character first-line indent), 表格文字 (table text), 落款 (signature), 页脚 (footer).
- Every font is named in all four rFonts slots, East Asian included (python-docx's `font.name` sets only the
  Latin ones and Chinese text would fall back to the default font); theme fonts are removed from the styles
  that had them.
- Real Word tables with the official merged cells, a fixed layout sized to the 156 mm text width, header rows
  repeated on every page, rows never split, and each block of a stacked table (section 二) kept on one page
  (export/docx_table.py).
"""

from __future__ import annotations

import datetime
import io

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from report import title as report_title
from report.about import GENERATOR
from report.model import Report

from . import layout, ooxml_data
from . import styles as st
from .docx_table import el, write_table
from .files import write_atomically
from .xmltext import clean

TITLE = "Title"
BODY = "Normal"
HEADING = {layout.SECTION: "Heading 1", layout.SUBHEADING: "Heading 2", layout.POINT: "Heading 3"}
INLINE_HEADING = {layout.SUBHEADING: "Heading 2 Char", layout.POINT: "Heading 3 Char"}
TABLE_TEXT = "表格文字"
SIGNATURE = "落款"
FOOTER = "Footer"



def write(report: Report, path) -> None:
    write_atomically(path, render(layout.build(report)))


def render(doc: layout.Document, *, now: datetime.datetime | None = None) -> bytes:
    word = new_document()
    _setup_page(word)
    _setup_styles(word)
    _font_table(word)
    _footer(word)
    _properties(word, doc, now or datetime.datetime.now())
    styles = _Styles(word)
    _title(styles, doc.title)
    after_table = False
    for block in doc.blocks:
        if isinstance(block, layout.Heading):
            p = styles.paragraph(clean(block.text), HEADING[layout.SECTION])
        elif isinstance(block, layout.Paragraph):
            p = _paragraph(styles, block)
        elif isinstance(block, layout.TableBlock):
            write_table(word, block, word.styles[TABLE_TEXT].style_id)
            after_table = True
            continue
        elif isinstance(block, layout.Signature):
            p = _signature(styles, block)
        else:  # a block kind this writer does not know must not vanish silently
            raise TypeError(f"unknown layout block {type(block).__name__}")
        if after_table:  # a little air between a table's last border and the next heading
            p.paragraph_format.space_before = Pt(st.LINE_PT / 2)
            after_table = False
    out = io.BytesIO()
    word.save(out)
    return ooxml_data.embed(out.getvalue(), doc.data)


# ---- page, styles, footer, properties ------------------------------------------------------------------------


def _setup_page(word) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(st.PAGE_WIDTH_MM), Mm(st.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(st.MARGIN_TOP_MM), Mm(st.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(st.MARGIN_LEFT_MM), Mm(st.MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    # The footer's bottom edge: the number line starts PAGE_NUMBER_GAP below the text area.
    number_line_mm = st.PAGE_NUMBER_PT * 1.3 * 25.4 / 72
    section.footer_distance = Mm(st.MARGIN_BOTTOM_MM - st.PAGE_NUMBER_GAP_MM - number_line_mm)


def _fonts(rpr, role: str) -> None:
    """Name the role's font in every script slot; theme fonts (which win over names) removed."""
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    name = st.FONT_NAMES[role]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")
    rpr.insert(0, fonts)


def _reset(style) -> None:
    """Drop a template style's own formatting (colours, theme fonts, borders, spacing) before ours is set."""
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in el.findall(qn(tag)):
            el.remove(old)


def _char_units(pf_element, first_line_chars: int) -> None:
    """A first-line indent counted in characters (w:firstLineChars), so it stays two characters when the clerk
    changes the font size; w:firstLine is the same in twips for programs that ignore the first."""
    ind = pf_element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
    ind.set(qn("w:firstLine"), str(int(first_line_chars * st.BODY_PT * 20)))


def _paragraph_style(style, role: str, size: float, *, bold: bool = False, line: float = st.LINE_PT,
                     align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars: int | None = None, keep_next: bool = False,
                     outline: int | None = None) -> None:
    _reset(style)
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    _fonts(style.element.get_or_add_rPr(), role)
    pf = style.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line)
    pf.keep_with_next = keep_next
    if indent_chars is not None:
        if indent_chars:
            _char_units(style.element, indent_chars)
        else:
            ind = style.element.get_or_add_pPr().get_or_add_ind()
            ind.set(qn("w:firstLineChars"), "0")
            ind.set(qn("w:firstLine"), "0")
    if outline is not None:
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(outline))
        style.element.get_or_add_pPr().append(lvl)


def _character_style(style, role: str, *, bold: bool = False) -> None:
    _reset(style)
    style.font.size = Pt(st.BODY_PT)
    style.font.bold = bold
    style.font.italic = False
    _fonts(style.element.get_or_add_rPr(), role)


def _setup_styles(word) -> None:
    # Document defaults: the body face everywhere, Chinese language (Word's line breaking rules), no spacing.
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, "body")
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    for tag, val in (("w:sz", st.BODY_PT), ("w:szCs", st.BODY_PT)):
        rpr.find(qn(tag)).set(qn("w:val"), str(int(val * 2)))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    s = word.styles
    _paragraph_style(s[BODY], "body", st.BODY_PT, indent_chars=st.INDENT_CHARS)
    # No automatic space between Chinese and digits or Latin letters (Word's default): the PDF and the
    # published reports set 「2020年」 solid.
    for ppr in (s[BODY].element.get_or_add_pPr(), defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))):
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            ppr.insert_element_before(el(tag, val=0), "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing",
                                      "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                                      "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                                      "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    _paragraph_style(s[TITLE], "title", st.TITLE_PT, line=st.TITLE_LINE_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
                     indent_chars=0, keep_next=True)
    s[TITLE].paragraph_format.space_after = Pt(st.LINE_PT)
    _paragraph_style(s[HEADING[layout.SECTION]], "heading", st.BODY_PT, indent_chars=st.INDENT_CHARS,
                     keep_next=True, outline=0)
    _paragraph_style(s[HEADING[layout.SUBHEADING]], "kai", st.BODY_PT, indent_chars=st.INDENT_CHARS,
                     keep_next=True, outline=1)
    _paragraph_style(s[HEADING[layout.POINT]], "body", st.BODY_PT, bold=True, indent_chars=st.INDENT_CHARS,
                     keep_next=True, outline=2)
    _character_style(s[INLINE_HEADING[layout.SUBHEADING]], "kai")
    _character_style(s[INLINE_HEADING[layout.POINT]], "body", bold=True)
    for name in (HEADING[layout.SECTION], HEADING[layout.SUBHEADING], HEADING[layout.POINT], TITLE):
        s[name].base_style = s[BODY]

    table = s.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = s[BODY]
    _paragraph_style(table, "body", st.TABLE_PT, line=st.TABLE_LINE_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
                     indent_chars=0)
    table.quick_style = True

    sign = s.add_style(SIGNATURE, WD_STYLE_TYPE.PARAGRAPH)
    sign.base_style = s[BODY]
    _paragraph_style(sign, "body", st.BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, indent_chars=0)
    sign.quick_style = True

    footer = s[FOOTER]
    _paragraph_style(footer, "page_number", st.PAGE_NUMBER_PT, line=st.PAGE_NUMBER_PT * 1.3,
                     align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0)
    footer.base_style = s[BODY]


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin / instruction / separate / result / end): Word, WPS and LibreOffice all update it."""
    def char(kind: str):
        run = paragraph.add_run()
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        run._r.append(fc)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(shown)
    char("end")


# How Word should substitute a face the PC lacks: its English name, the GB2312 character set (86) and its
# family, so that a missing 仿宋 becomes another Chinese serif face, never a Western one.
_FONT_ENTRIES = {
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "roman"),
    "黑体": ("SimHei", "modern"),
    "楷体": ("KaiTi", "modern"),
    "仿宋": ("FangSong", "modern"),
    "宋体": ("SimSun", "auto"),
}


def _font_table(word) -> None:
    # python-docx keeps the font table as an opaque part: parse its bytes, add our faces, put them back.
    part = next((r.target_part for r in word.part.rels.values() if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    fonts = parse_xml(part.blob)
    present = {f.get(qn("w:name")) for f in fonts.findall(qn("w:font"))}
    for name in dict.fromkeys(st.FONT_NAMES.values()):
        if name in present:
            continue
        alt, family = _FONT_ENTRIES.get(name, ("", "auto"))
        entry = el("w:font", name=name)
        if alt:
            entry.append(el("w:altName", val=alt))
        entry.append(el("w:charset", val="86"))
        entry.append(el("w:family", val=family))
        entry.append(el("w:pitch", val="variable"))
        fonts.append(entry)
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def _footer(word) -> None:
    """「— n —」: odd pages on the right, even pages on the left, one character in (GB/T 9704)."""
    word.settings.odd_and_even_pages_header_footer = True
    section = word.sections[0]
    before, after = st.page_number_text("\0").split("\0")
    one_char = Pt(st.PAGE_NUMBER_PT)
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = word.styles[FOOTER]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = one_char
        else:
            p.paragraph_format.left_indent = one_char
        p.add_run(before)
        _field(p, "PAGE", "1")
        p.add_run(after)


def _properties(word, doc: layout.Document, now: datetime.datetime) -> None:
    props = word.core_properties
    props.title = clean(doc.title.text)
    props.author = clean(doc.agency) or GENERATOR
    props.subject = clean(doc.subject)
    props.comments = f"由{GENERATOR}生成"
    props.last_modified_by = GENERATOR
    props.keywords = report_title.NAME
    props.language = "zh-CN"
    props.revision = 1
    stamp = now.replace(microsecond=0)
    props.created = stamp
    props.modified = stamp


# ---- text blocks -------------------------------------------------------------------------------------------------


class _Styles:
    """Paragraphs and runs in named styles, each name looked up once: python-docx searches all of the
    document's styles by name for every paragraph (6 ms each; a long report of 3,000 paragraphs took 19 s)."""

    def __init__(self, word):
        self.word = word
        self.ids = {s.name: s.style_id for s in word.styles}
        # as python-docx does, the default style is not named
        self.ids[word.styles.default(WD_STYLE_TYPE.PARAGRAPH).name] = None

    def paragraph(self, text: str = "", style: str | None = None):
        p = self.word.add_paragraph(text)
        if style is not None:
            p._p.style = self.ids[style]
        return p

    def run(self, p, text: str, style: str):
        r = p.add_run(text)
        r._r.style = self.ids[style]
        return r


def _title(styles: _Styles, title: layout.Title) -> None:
    p = styles.paragraph(style=TITLE)
    fits = st.text_width_em(title.text) * st.TITLE_PT <= st.mm_to_pt(st.TEXT_WIDTH_MM)
    lines = (title.text,) if fits or len(title.lines) < 2 else title.lines
    for i, line in enumerate(lines):
        run = p.add_run(clean(line))
        if i < len(lines) - 1:
            run.add_break()


def _paragraph(styles: _Styles, block: layout.Paragraph):
    if block.level == layout.BODY or not block.heading:
        return styles.paragraph(clean(block.full_text), BODY)
    if not block.text:  # a heading on a line of its own
        return styles.paragraph(clean(block.heading), HEADING[block.level])
    p = styles.paragraph(style=BODY)
    styles.run(p, clean(block.heading), INLINE_HEADING[block.level])
    p.add_run(clean(block.text))
    return p


def _signature(styles: _Styles, block: layout.Signature):
    first = None
    for line in block.lines:
        p = styles.paragraph(clean(line), SIGNATURE)
        if first is None:
            first = p
            p.paragraph_format.space_before = Pt(st.LINE_PT * 2)
            p.paragraph_format.keep_with_next = True
    return first
