"""The PDF as a reader's tools see it: text, fonts, page size and margins, line breaks, repeated headers."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import Phase, given, settings

from export import layout as L
from export import pdf
from export.linebreak import CANNOT_START
from export.pdf_fonts import font_set
from report import exchange
from report import grid as G
from report.formats import FORMATS
from report.model import Report

from ..strategies import valid_reports
from . import pdftools as T

pytestmark = T.needs_poppler

MM = 72 / 25.4


@pytest.fixture(scope="module")
def fonts():
    return font_set(use_system=False)  # the bundled fonts: the same PDF on every machine


def export(report, tmp_path, fonts, name="out.pdf"):
    path = tmp_path / name
    found = pdf.write(report, path, fonts)
    return path, found


def full_report(format_id: str, prose_repeat: int = 1) -> Report:
    """Every input cell distinct and non-zero, so that each value can be found in its row."""
    fmt = FORMATS[format_id]
    cells = {}
    for i, cid in enumerate(fmt.input_cells):
        kind = fmt.cells[cid].kind.value
        cells[cid] = Decimal("1234.567891") if kind == "amount" else (i * 37) % 900 + 10
    prose = "（一）主动公开情况。本机关全年主动公开政府信息1234条，其中“重点领域”信息567条，同比增长12.5%。\n" * prose_repeat
    return Report(agency="某某市某某区人民政府办公室", year=2019 if format_id == "2019" else 2023,
                  format_id=format_id, texts={"s1": prose, "s5": "无。", "s6": "无"}, cells=cells)


def _check_text_holds_the_tables(path, report):
    raw = T.squeeze(T.text(path))
    layout = T.text(path, layout=True)
    layout_lines = [line.split() for line in layout.splitlines()]
    flat = T.squeeze(layout)  # top to bottom, page by page: the order of the rows
    for section in report.format.sections:
        assert section.title in raw
    doc = L.build(report)
    for table in doc.tables():
        g = table.grid
        # Every header and label is there; the row labels in the order of the rows.
        pos = 0
        for c in sorted(g.cells, key=lambda c: (c.row, c.col)):
            if not c.text or c.role == G.VALUE:
                continue
            row_label = c.role == G.LABEL and c.rowspan == 1  # a group label sits mid-way down its rows
            # A tall cell's lines are interleaved with those of the rows beside it.
            found = T.find_spread(flat, c.text, pos if row_label else 0, slack=80 * c.rowspan)
            assert found >= 0, f"{c.text!r} missing or out of order"
            if row_label:
                pos = found
        # Every value in its row: one printed line holds the row's values, in order.
        for row in range(g.rows):
            values = [c.text for c in sorted(g.value_cells(), key=lambda c: c.col) if c.row == row]
            if values:
                assert any(_subsequence(values, tokens) for tokens in layout_lines), f"row {row}: {values}"


def _subsequence(values, tokens):
    it = iter(tokens)
    return all(any(v == t for t in it) for v in values)


def _check_fonts_embedded(path):
    rows = T.fonts(path)
    assert rows
    for row in rows:
        assert row["type"] == "TrueType" and row["emb"] == "yes" and row["sub"] == "yes", row
        assert "Helvetica" not in row["name"]


def _check_page_and_margins(path):
    lines, (width, height) = T.lines(path)
    assert (round(width, 1), round(height, 1)) == (595.3, 841.9)  # A4
    assert T.info(path)["Page size"].endswith("(A4)")
    for line in lines:
        if line.text.startswith("—") and line.text.endswith("—"):  # the page number, below the text area
            assert height - 35 * MM < line.y0 and line.y1 < height - 20 * MM
            continue
        assert line.x0 >= 28 * MM - 0.5 and line.x1 <= width - 26 * MM + 0.5, line
        assert line.y0 >= 37 * MM - 0.5 and line.y1 <= height - 35 * MM + 0.5, line


def _check_no_line_starts_with_closing_punctuation(path, report=None):
    """Wrapped lines only: a clerk's paragraph may itself begin with a comma."""
    lines, _ = T.lines(path)
    starts = [T.squeeze(p.full_text) for p in L.build(report).paragraphs()] if report else []
    page_number = re.compile(r"^—\d+—$")

    def continues(line):  # pdftotext may cut a printed line in two (at a glyph no font has, say)
        if line.x0 > 28 * MM + 1:  # a wrapped line starts at the margin: this is a piece after unread glyphs
            return True
        return any(o.page == line.page and abs(o.y0 - line.y0) < 1 and o.x1 <= line.x0 + 0.5 for o in lines)

    bad = [line.text for line in lines if line.text and line.text[0] in CANNOT_START
           and not page_number.match(line.text) and not continues(line)
           and not any(p.startswith(T.squeeze(line.text)[:8]) for p in starts)]
    assert not bad


def test_seed(seed, tmp_path, fonts):
    path, found = export(seed, tmp_path, fonts)
    assert found == []
    _check_text_holds_the_tables(path, seed)
    _check_fonts_embedded(path)
    _check_page_and_margins(path)
    _check_no_line_starts_with_closing_punctuation(path)
    raw = T.squeeze(T.text(path))
    assert "—1—" in raw and "—5—" in raw  # page numbers
    raw = re.sub(r"—\d+—", "", raw)  # a paragraph may run on over a page break
    for paragraph in L.build(seed).paragraphs():
        assert T.squeeze(paragraph.full_text) in raw
    meta = T.info(path)
    assert meta["Title"] == "西工区退役军人事务局2020年政府信息公开工作年度报告"
    assert meta["Author"] == "西工区退役军人事务局"
    assert meta["Creator"].startswith("政府信息公开年报编制工具")
    assert "2020" in meta["Subject"]
    assert T.info(path)["Pages"] == "5"
    assert "16.8950" in raw


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_full_tables_of_both_formats(format_id, tmp_path, fonts):
    report = full_report(format_id)
    path, found = export(report, tmp_path, fonts)
    assert found == []
    _check_text_holds_the_tables(path, report)
    _check_fonts_embedded(path)
    _check_page_and_margins(path)


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_section_3_breaks_across_pages_with_its_header_repeated(format_id, tmp_path, fonts):
    # Enough prose before the tables to push section 三 across a page break, whatever the format.
    for repeat in range(3, 15):
        report = full_report(format_id, prose_repeat=repeat)
        path, _ = export(report, tmp_path, fonts)
        pages = [T.squeeze(T.text(path, page=p)) for p in range(1, int(T.info(path)["Pages"]) + 1)]
        with_rows = [p for p in pages if "（一）予以公开" in p or "（七）总计" in p]
        if len([p for p in pages if "予以公开" in p]) == 1 and "（一）予以公开" in "".join(with_rows) and \
                not any("予以公开" in p and "总计" in p and "四、结转下年度继续办理" in p for p in pages):
            break
    else:
        pytest.fail("could not make section 三 break across pages")
    spread = [p for p in pages if "一、本年新收" in p or "（七）总计" in p or "（一）予以公开" in p
              or "四、结转下年度继续办理" in p]
    assert len(spread) >= 2
    for page in spread:
        assert "本列数据的勾稽关系为" in page and "申请人情况" in page  # the header on each page
    _check_text_holds_the_tables(path, report)
    _check_page_and_margins(path)


def test_ten_pages_of_prose_wrap_and_paginate(tmp_path, fonts):
    sentence = "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开（“五公开”）。"
    report = full_report("2021")
    report.texts["s5"] = "\n".join(sentence * 8 for _ in range(40))
    path, _ = export(report, tmp_path, fonts)
    pages = int(T.info(path)["Pages"])
    assert pages >= 10
    raw = T.squeeze(T.text(path))
    assert f"—{pages}—" in raw
    raw = re.sub(r"—\d+—", "", raw)  # a sentence may run on over a page break
    assert raw.count(T.squeeze(sentence)) == 8 * 40
    _check_page_and_margins(path)
    _check_no_line_starts_with_closing_punctuation(path)


def test_one_paragraph_over_many_pages_is_split_without_copying_it(tmp_path, fonts):
    """A 200,000-character paragraph took 17 s: each page's part built the whole paragraph again. The parts now
    share its characters and lines, and together draw every character once, in order."""
    from export.pdf_text import ProseText

    sentence = "本机关坚持以公开为常态、不公开为例外，全年主动公开政府信息2020条。"
    text = sentence * 300
    font = fonts.roles["body"].name
    ctx = pdf._Context(fonts)
    runs = ctx.runs(text, "body", "正文")
    assert "".join(r.text for r in runs) == text and all(r.font == font for r in runs)
    part = ProseText(runs, pdf.BODY_SIZE, pdf.LEADING, 2 * pdf.BODY_SIZE)
    chars, parts = part._chars, []
    while True:
        pieces = part.split(pdf.TEXT_WIDTH, pdf.TEXT_HEIGHT)
        if len(pieces) == 1:
            parts.append(part)
            break
        head, part = pieces
        parts.append(head)
    assert len(parts) > 10 and all(p._chars is chars for p in parts)
    for p in parts:
        p.wrap(pdf.TEXT_WIDTH, pdf.TEXT_HEIGHT)
    lines = [line for p in parts for line in p._lines]
    assert lines[0][0] == 0 and lines[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(lines))  # no character lost or drawn twice

    report = full_report("2021")
    report.texts["s1"] = text
    path, _ = export(report, tmp_path, fonts)
    raw = re.sub(r"—\d+—", "", T.squeeze(T.text(path)))
    assert raw.count(T.squeeze(sentence)) == 300


def test_a_character_outside_the_fonts_is_reported(tmp_path, fonts, seed):
    seed.texts["s6"] = "见附件\ue000。生僻字𠀀。"
    found = pdf.findings(seed, fonts)
    messages = [f.message for f in found]
    assert len(found) == 2 and all(f.rule == "font.missing" for f in found)
    assert any("U+E000" in m and "「六、其他需要报告的事项」第 1 段" in m and "空白方框" in m for m in messages)
    assert any("U+20000" in m for m in messages)


def test_a_rare_character_of_a_title_is_drawn_in_the_body_font(tmp_path, fonts, seed):
    # The bundled title font has GB2312 only; 鄠 (西安市鄠邑区) is GBK: drawn from the body font, and said.
    seed.agency = "西安市鄠邑区人民政府办公室"
    path, found = export(seed, tmp_path, fonts)
    assert "西安市鄠邑区人民政府办公室" in T.squeeze(T.text(path))
    messages = [f.message for f in found if f.rule == "font.fallback"]
    assert len(found) == len(messages) == 1 and "「鄠」" in messages[0] and "标题字体" in messages[0]
    assert "思源宋体（内置）" in messages[0] and "空白方框" not in messages[0]


def test_an_unusable_chosen_font_falls_back_to_the_bundled_one(tmp_path, seed):
    broken = tmp_path / "simfang.ttf"
    broken.write_bytes(b"not a font")
    fonts = font_set({"body": broken}, use_system=False)
    assert fonts.roles["body"].bundled and "正文字体" in fonts.problems[0]
    path, found = export(seed, tmp_path, fonts)
    assert [f.rule for f in found] == ["font.unusable"]
    _check_fonts_embedded(path)


def test_failed_write_leaves_no_file(tmp_path, seed, fonts):
    from export.files import OutputError

    target = tmp_path / "无此目录" / "报告.pdf"
    with pytest.raises(OutputError, match="不存在"):
        pdf.write(seed, target, fonts)
    assert not target.parent.exists()


def test_command_line_exports_and_warns(tmp_path, seed, capsys):
    import main

    seed.cells["s3.new:legal"] = 2  # breaks the printed balance rule: an error, exported anyway
    source = tmp_path / "report.json"
    source.write_text(exchange.dumps(seed), encoding="utf-8")
    out = tmp_path / "报告.pdf"
    code = main.main(["export", str(source), "--to", str(out)])
    captured = capsys.readouterr()
    assert code == 0 and "已导出" in captured.out
    assert "警告 [s3.balance]" in captured.err
    assert T.info(out)["Pages"] == "5"
    assert [p.name for p in tmp_path.iterdir()] == sorted([p.name for p in tmp_path.iterdir()], key=lambda n: n) \
        and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


@settings(max_examples=8, phases=[Phase.explicit, Phase.generate])  # each example is a PDF: no shrinking
@given(valid_reports())
def test_random_reports(tmp_path_factory, report):
    fonts = font_set(use_system=False)
    path = tmp_path_factory.mktemp("pdf") / "r.pdf"
    found = pdf.write(report, path, fonts)
    _check_fonts_embedded(path)
    _check_page_and_margins(path)
    _check_no_line_starts_with_closing_punctuation(path, report)
    _check_text_holds_the_tables(path, report)
    missing = {f.message for f in found if f.rule in ("font.missing", "font.fallback")}
    for p in L.build(report).paragraphs():
        for ch in p.full_text:
            if not ch.isspace() and not fonts.roles["body"].has(ch) and not fonts.roles["kai"].has(ch):
                assert any(f"U+{ord(ch):04X}" in m for m in missing)
