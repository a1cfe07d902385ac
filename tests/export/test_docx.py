"""The Word document read back with python-docx: every text, every merged cell, the styles, fonts and page; and the
same file converted by LibreOffice, as a clerk without this program would print it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx as python_docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from hypothesis import given, settings

from export import docx as word
from export import layout as L
from export import styles as st
from export.xmltext import clean
from report import grid as G

from ..strategies import valid_reports
from . import pdftools as T


def read(data: bytes):
    return python_docx.Document(io.BytesIO(data))


def body_items(document) -> list:
    """Paragraphs and tables of the body, in order."""
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            out.append(Table(child, document))
    return out


def check_against_layout(document, doc: L.Document) -> None:
    """Every block of the layout is in the document, in order, with its text, style and table structure."""
    items = body_items(document)
    title = items.pop(0)
    assert title.style.name == word.TITLE
    assert title.text.replace("\n", "") == clean(doc.title.text)
    assert len(items) == sum(len(b.lines) if isinstance(b, L.Signature) else 1 for b in doc.blocks)
    i = 0
    for block in doc.blocks:
        item = items[i]
        if isinstance(block, L.Heading):
            assert isinstance(item, Paragraph) and item.style.name == word.HEADING[L.SECTION]
            assert item.text == clean(block.text)
        elif isinstance(block, L.Paragraph):
            assert isinstance(item, Paragraph)
            assert item.text == clean(block.full_text)
            if block.level == L.BODY or not block.heading:
                assert item.style.name == word.BODY
            elif not block.text:
                assert item.style.name == word.HEADING[block.level]
            else:
                assert item.style.name == word.BODY
                assert item.runs[0].text == clean(block.heading)
                assert item.runs[0].style.name == word.INLINE_HEADING[block.level]
        elif isinstance(block, L.TableBlock):
            assert isinstance(item, Table)
            check_table(item, block)
        elif isinstance(block, L.Signature):
            for line in block.lines:
                assert items[i].text == clean(line) and items[i].style.name == word.SIGNATURE
                i += 1
            continue
        i += 1


def check_table(table: Table, block: L.TableBlock) -> None:
    g = block.grid
    assert len(table.rows) == g.rows
    assert len(table.columns) == g.cols
    owners = {}
    cells = table._cells  # what table.cell(r, c) looks up, built once (each lookup rebuilds it)
    assert len(cells) == g.rows * g.cols
    for c in g.cells:
        top_left = cells[c.row * g.cols + c.col]
        assert top_left.text == clean(c.text), (c, top_left.text)
        for r in range(c.row, c.row + c.rowspan):
            for col in range(c.col, c.col + c.colspan):
                # python-docx resolves a spanned or vertically merged position to the cell that starts it
                assert cells[r * g.cols + col]._tc is top_left._tc, (c, r, col)
        owners[top_left._tc] = c
    assert len(owners) == len(g.cells)  # no two grid cells share a Word cell
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.trPr
        repeated = tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        assert repeated == (r < block.header_rows)
        assert tr_pr.find(qn("w:cantSplit")) is not None
    # fixed widths filling the text width
    widths = [int(gc.get(qn("w:w"))) for gc in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(widths) / 20 - st.mm_to_pt(st.TEXT_WIDTH_MM)) < 1
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def east_asian_font(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert not any(k.endswith("Theme") for k in fonts.attrib), "a theme font would override the name"
    return fonts.get(qn("w:eastAsia"))


def test_seed_text_tables_and_merges(seed):
    doc = L.build(seed)
    document = read(word.render(doc))
    check_against_layout(document, doc)
    texts = "".join(p.text for p in document.paragraphs)
    assert "（一）主动公开情况。" in texts
    amounts = [c for t in doc.tables() for c in t.grid.value_cells() if c.cell == "s2.procurement:amount"]
    assert amounts[0].text == "16.8950"


def test_styles_fonts_and_typography(seed):
    document = read(word.render(L.build(seed)))
    s = document.styles
    assert east_asian_font(s[word.BODY]) == "仿宋"
    assert east_asian_font(s[word.TITLE]) == st.FONT_NAMES["title"]
    assert east_asian_font(s[word.HEADING[L.SECTION]]) == "黑体"
    assert east_asian_font(s[word.HEADING[L.SUBHEADING]]) == "楷体"
    assert east_asian_font(s[word.INLINE_HEADING[L.SUBHEADING]]) == "楷体"
    assert east_asian_font(s[word.TABLE_TEXT]) == "仿宋"
    body = s[word.BODY]
    assert body.font.size.pt == 16
    assert abs(body.paragraph_format.line_spacing.pt - st.LINE_PT) < 0.1
    ind = body.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200" and ind.get(qn("w:firstLine")) == "640"
    assert s[word.TITLE].font.size.pt == 22
    assert s[word.TABLE_TEXT].font.size.pt == st.TABLE_PT
    # Chinese line breaking and language for the whole document
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    # every style in use names its East Asian font with no theme font left to override it
    for p in document.paragraphs:
        style = p.style
        while style is not None and style.element.rPr is None:
            style = style.base_style
        if style is not None:
            assert east_asian_font(style)


def test_page_footer_and_properties(seed):
    document = read(word.render(L.build(seed)))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    for got, want in ((section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28),
                      (section.right_margin, 26)):
        assert abs(got - Mm(want)) < Mm(0.1)
    assert document.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in "".join(t.text or "" for t in footer._element.iter(qn("w:instrText")))
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    props = document.core_properties
    assert props.title == L.document_title(seed)
    assert props.author == seed.agency
    assert props.language == "zh-CN"


def test_written_atomically(seed, tmp_path):
    path = tmp_path / "报告.docx"
    word.write(seed, path)
    check_against_layout(python_docx.Document(str(path)), L.build(seed))
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]  # no temporary file left behind


@settings(max_examples=20)
@given(valid_reports())
def test_random_reports_both_formats(report):
    doc = L.build(report)
    check_against_layout(read(word.render(doc)), doc)


def test_odd_characters_do_not_break_the_document(seed):
    seed.texts["s5"] = "甲\ufffe乙\U0010ffff丙\u0085丁\n（一）标题。正文"
    doc = L.build(seed)
    document = read(word.render(doc))
    texts = [p.text for p in document.paragraphs]
    assert "甲乙丙丁" in texts


# ---- LibreOffice ---------------------------------------------------------------------------------------------


def soffice_pdf(docx_path, out_dir) -> Path:
    """Convert with LibreOffice headless, in a private profile (parallel runs must not share one)."""
    profile = out_dir / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(docx_path)],
        check=True, capture_output=True, timeout=180)
    return out_dir / (docx_path.stem + ".pdf")


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (libreoffice-writer-nogui) missing")


@needs_soffice
@T.needs_poppler
def test_libreoffice_renders_the_seed(seed, tmp_path):
    path = tmp_path / "seed.docx"
    word.write(seed, path)
    pdf_path = soffice_pdf(path, tmp_path)
    info = T.info(pdf_path)
    width, height = (float(x) for x in info["Page size"].split()[0:3:2])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4
    pages = int(info["Pages"])
    assert 3 <= pages <= 8
    text = re.sub(r"—\d+—", "", T.squeeze(T.text(pdf_path)))  # page numbers would split a paragraph
    doc = L.build(seed)
    # everything in order: title, section titles, paragraphs, every table label and value of each row
    position = 0
    for needle in [doc.title.text] + [b.text for b in doc.blocks if isinstance(b, L.Heading)]:
        found = text.find(T.squeeze(needle), position)
        assert found >= 0, needle
        position = found
    for p in doc.paragraphs():
        assert T.squeeze(p.full_text) in text
    for t in doc.tables():
        for c in sorted(t.grid.cells, key=lambda c: (c.row, c.col)):
            if c.text and c.role != G.VALUE:
                assert T.find_spread(text, c.text) >= 0, c.text
    assert "16.8950" in text
    # the footer's page field is updated on every page
    for page in range(1, pages + 1):
        assert f"—{page}—" in T.squeeze(T.text(pdf_path, page=page))


@needs_soffice
@T.needs_poppler
def test_libreoffice_repeats_header_rows_and_keeps_cells_merged(seed, tmp_path):
    """A long section 三 (many rows of prose pushing it down) breaks across pages with its header repeated."""
    seed.texts["s1"] = "\n".join(["这是一段很长的总体情况说明文字，用来把后面的表格推到页面底部附近。" * 3] * 9)
    path = tmp_path / "long.docx"
    word.write(seed, path)
    pdf_path = soffice_pdf(path, tmp_path)
    grid = L.build(seed).tables()[1].grid
    header = T.squeeze(grid.at(0, 3).text)  # 申请人情况, the top header row of section 三
    first_label, last_label = T.squeeze(grid.at(grid.header_rows, 0).text), T.squeeze(grid.at(grid.rows - 1, 0).text)
    pages = [T.squeeze(T.text(pdf_path, page=p)) for p in range(1, int(T.info(pdf_path)["Pages"]) + 1)]
    first = next(i for i, t in enumerate(pages) if first_label in t)
    last = next(i for i, t in enumerate(pages) if last_label in t)
    assert last > first, "the prose was meant to push section 三 across a page break"
    for i in range(first, last + 1):
        assert header in pages[i], f"page {i + 1} lacks the repeated header"
