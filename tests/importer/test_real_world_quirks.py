"""Structural quirks met in real published reports, each reproduced on a small synthetic report: how pages were
saved or archived, not any one report's figures."""

from __future__ import annotations

import re

import pytest

from importer import import_bytes, import_text
from importer.normalise import _TRADITIONAL
from report import exchange

from . import render, samples
from .test_sources import same


@pytest.fixture(params=[("2019", 2020), ("2021", 2022)], ids=["2019", "2021"])
def full(request):
    return samples.full(*request.param)


def _piped_rows(text: str, *, outer: bool) -> str:
    """Each tab-separated row as an archived page's text gives it: cells between bars."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            cells = " | ".join(line.split("\t"))
            line = f"| {cells} |" if outer else f"{cells} |"
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("outer", [False, True], ids=["trailing-bar", "markdown"])
def test_cells_separated_by_bars(full, outer):
    text = _piped_rows(render.web_text(full), outer=outer)
    assert "\t" not in text
    result = import_text(text)
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, full)


def test_markdown_rule_under_a_header_row_is_no_row(full):
    lines = _piped_rows(render.web_text(full), outer=True).split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    lines.insert(first + 1, "|---|:---:|---|---|")
    result = import_text("\n".join(lines))
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, full)


def _cell_a_line(text: str, style: str) -> str:
    """Each tab-separated row a cell to a line, in the three ways archived pages were met: each cell ended by a bar
    on the same line, spanned cells as more bars, the row's end as one more (「0 | |」); the same with a line of
    「|」 alone opening each row; each cell's line followed by a line of 「|」."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        cells = line.split("\t")
        if style == "bar-lines":
            for cell in cells:
                out += [cell, "|"]
            continue
        lines: list[str] = []
        for cell in cells:
            if cell or not lines:
                lines.append(f"{cell} |")
            else:
                lines[-1] += "|"
        lines[-1] += " |"
        out += (["|"] if style == "row-bars" else []) + lines
    return "\n".join(out)


@pytest.mark.parametrize("style", ["trailing-bars", "row-bars", "bar-lines"])
def test_a_cell_a_line_between_bars(full, style):
    """Saved in GBK, as pages of those sites are."""
    text = _cell_a_line(render.web_text(full), style)
    result = import_bytes(text.encode("gb18030"), ".txt")
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, full)


def test_a_bar_inside_prose_stays_prose():
    report = samples.full("2021", 2022)
    text = render.web_text(report).replace("一、总体情况\n", "一、总体情况\n网站栏目「政务公开|年报」已更新。\n", 1)
    result = import_text(text)
    assert result.clean, [str(n) for n in result.notes]
    assert result.report.texts["s1"].startswith("网站栏目「政务公开|年报」已更新。\n")
    assert exchange.to_dict(result.report)["cells"] == exchange.to_dict(report)["cells"]


def _to_traditional(text: str) -> str:
    """Every character the importer knows in traditional form written so, as a site's 繁體 view shows a page."""
    simplified = {v: chr(k) for k, v in _TRADITIONAL.items()}
    simplified.pop("于")  # 於 is also a simplified character; the view keeps 于
    return text.translate(str.maketrans(simplified))


@pytest.mark.parametrize("saved", ["web_text", "cell_lines"])
def test_page_in_traditional_characters_title_included(full, saved):
    text = _to_traditional(getattr(render, saved)(full))
    assert "報告" in text.strip().split("\n", 1)[0] and full.agency not in text
    result = import_text(text)
    assert not result.errors and not result.warnings, [str(n) for n in result.notes]
    assert (result.report.agency, result.report.year) == (_to_traditional(full.agency), full.year)  # as written
    assert exchange.to_dict(result.report)["cells"] == exchange.to_dict(full)["cells"]


def _tables_as_pictures(page: str) -> str:
    """Each of the page's tables replaced by a picture of it, as some sites post them."""
    return re.sub(r"<table.*?</table>", '<p><img src="年报_files/table.png" alt=""></p>', page, flags=re.S)


def test_tables_posted_as_pictures_are_said_to_be_pictures(full):
    page = _tables_as_pictures(render.page_html(full))
    assert "<table" not in page and page.count("<img") == 3
    result = import_bytes(page.encode(), ".html")
    assert result.report is None
    errors = [n.message for n in result.errors]
    assert len(errors) == 3 and all("是一张图片" in m and "录入" in m for m in errors), errors
    assert not any("合计行" in n.message for n in result.notes)  # a table not there has no total row to miss


def test_a_picture_beside_its_table_changes_nothing(full):
    page = render.page_html(full).replace("<table", '<p><img src="logo.png"></p><table', 1)
    result = import_bytes(page.encode(), ".html")
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, full)


def test_a_word_file_whose_table_is_a_picture():
    import io

    import docx
    from docx.shared import Inches

    report = samples.full("2021", 2022)
    document = docx.Document(io.BytesIO(render.docx_bytes(report)))
    body = document.element.body
    [table] = [t._tbl for t in document.tables if "本年新收" in "".join(c.text for c in t._cells)]
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(picture, "PNG")
    picture.seek(0)
    run = document.add_paragraph().add_run()
    run.add_picture(picture, width=Inches(1))
    table.addprevious(run._parent._p)  # the picture's paragraph where section 三's table stood
    body.remove(table)
    out = io.BytesIO()
    document.save(out)
    result = import_bytes(out.getvalue(), ".docx")
    assert result.report is None
    [error] = [n.message for n in result.errors]
    assert error.startswith("「三、收到和处理政府信息公开申请情况」的表格是一张图片"), error


def _rows_on_lines(text: str) -> str:
    """Each table row a line, its cells separated by single spaces, as a PDF's text copies; no empty cells."""
    return "\n".join(" ".join(c for c in line.split("\t") if c.strip()) if "\t" in line else line
                     for line in text.split("\n"))


def test_rows_a_line_with_cells_separated_by_spaces(full):
    text = _rows_on_lines(render.web_text(full))
    assert "\t" not in text and "规章 1 2 3" in text
    result = import_text(text)
    assert not result.errors and not result.warnings, [str(n) for n in result.notes]
    same(result.report, full)


def test_section_four_under_a_header_in_vertical_characters(full):
    """A PDF's header cells set a character a line give lines of single characters above the row of figures."""
    text = _rows_on_lines(render.web_text(full))
    lines = text.split("\n")
    four = next(i for i, line in enumerate(lines) if line.startswith("## 四、"))
    figures = next(i for i in range(four + 1, len(lines)) if re.fullmatch(r"[\d ]+", lines[i]))
    vertical = ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉", "结 结 其 尚", "结 结 其 尚 结 结 其 尚",
                "果 果 他 未", "总计 果 果 他 未 总 果 果 他 未 总", "维 纠 结 审", "维 纠 结 审 计 维 纠 结 审 计",
                "持 正 果 结", "持 正 果 结 持 正 果 结"]
    text = "\n".join(lines[:four + 1] + vertical + lines[figures:])
    result = import_text(text)
    assert not result.errors, [str(n) for n in result.notes]
    same(result.report, full)


def test_a_cell_a_line_is_not_taken_for_rows_on_lines():
    """A copy a cell to a line keeps an empty cell as a blank line: its sections stay as they are."""
    report = samples.full("2019", 2020)
    blank = {"s3.new:research", "s2.rules:published"}
    result = import_text(render.cell_lines(report, blank=blank))
    assert not result.errors, [str(n) for n in result.notes]
    cells = exchange.to_dict(result.report)["cells"]
    assert all(cells[c] == 0 for c in blank)


def test_mhtml_whose_article_is_in_a_frame():
    """Chromium's 「网页，单个文件」 of a page that shows its article in an <iframe>: the frame is a part of its own,
    after the page; the page (GBK) holds only the site and the report's title."""
    import quopri

    report = samples.full("2021", 2022)
    page = render.page_html(report)
    body = page[page.index("<body>") + len("<body>"): page.index("</body>")]
    title = render.title(report)
    outer = (f"<html><head><meta charset='gbk'><title>{title}</title></head><body><div class='nav'>首页 | 政务公开</div>"
             f"<h1>{title}</h1><iframe src='cid:frame-2F0@mhtml.blink'></iframe><div class='footer'>版权所有</div>"
             "</body></html>")
    inner = "<html><head><meta charset='utf-8'></head><body>" + body + "</body></html>"
    boundary = "----MultipartBoundary--abc----"

    def part(content: bytes, charset: str, where: str) -> str:
        payload = quopri.encodestring(content).decode("ascii").replace("\n", "\r\n")
        return (f"--{boundary}\r\nContent-Type: text/html; charset={charset}\r\nContent-ID: <{where}>\r\n"
                f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{payload}\r\n")

    data = ("From: <Saved by Blink>\r\nSubject: =?utf-8?Q?report?=\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"{boundary}\"\r\n\r\n"
            + part(outer.encode("gb18030"), "gbk", "frame-1A0@mhtml.blink")
            + part(inner.encode("utf-8"), "utf-8", "frame-2F0@mhtml.blink") + f"--{boundary}--\r\n").encode("ascii")
    result = import_bytes(data, ".mhtml")
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, report)


@pytest.mark.parametrize("row_bars", [False, True], ids=["no-row-bars", "row-bars"])
def test_empty_cells_as_bars_alone_between_figures(full, row_bars):
    """A cell a line between bars where an empty cell is a line of 「|」 alone, a row ending in 「||」 (and, on some
    pages, a 「|」 opening each row): blank cells among figures keep every figure in its column."""
    blank = {c for c in ("s3.new:research", "s3.granted:natural", "s3.new:other_org", "s2.rules:published",
                         "s4.review:other") if c in full.cells}
    out = []
    for line in render.web_text(full, blank=blank).split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        out += (["|"] if row_bars else []) + [f"{cell} |" if cell else "|" for cell in line.split("\t")] + ["||"]
    result = import_text("\n".join(out))
    assert not result.errors, [str(n) for n in result.notes]
    got, want = exchange.to_dict(result.report)["cells"], exchange.to_dict(full)["cells"]
    assert all(got[c] == 0 for c in blank)
    assert {c: got[c] for c in want if c not in blank and not c.endswith(":total")} == \
           {c: v for c, v in want.items() if c not in blank and not c.endswith(":total")}


def _with_line_after(text: str, after: str, line: str) -> str:
    lines = text.split("\n")
    at = next(i for i, x in enumerate(lines) if x.startswith(after + "\t"))
    return "\n".join(lines[:at + 1] + [line] + lines[at + 1:])


def test_a_row_the_agency_added_below_an_item_is_said_and_the_rest_imported(full):
    last = "行政规范性文件" if full.format_id == "2021" else "规范性文件"
    text = _with_line_after(render.web_text(full), last, "其他主动公开文件\t56\t45\t300")
    result = import_text(text)
    assert not result.errors, [str(n) for n in result.notes]
    [note] = [n for n in result.warnings if "其他主动公开文件" in n.message]
    assert "不是官方格式中的一行" in note.message and "56 45 300" in note.message
    same(result.report, full)


def test_an_unknown_row_before_its_items_rows_are_read_is_still_an_error(full):
    text = _with_line_after(render.web_text(full), "规章", "其他主动公开文件\t56\t45\t300")
    result = import_text(text)
    assert any("其他主动公开文件" in n.message and "无法识别" in n.message for n in result.errors)


def test_an_unknown_row_in_section_three_is_still_an_error(full):
    text = _with_line_after(render.web_text(full), "四、结转下年度继续办理", "其他情形\t1\t0\t0\t0\t0\t0\t1")
    result = import_text(text)
    assert result.report is None and any("其他情形" in n.message for n in result.errors)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_a_text_file_cut_inside_its_last_character(full, encoding):
    """Saved or downloaded cut short by a byte: the last character is lost, nothing else."""
    data = render.web_text(full).rstrip("\n").encode(encoding)
    result = import_bytes(data[:-1], ".txt")
    assert not result.errors, [str(n) for n in result.notes]
    assert exchange.to_dict(result.report)["cells"] == exchange.to_dict(full)["cells"]


def test_a_file_in_neither_encoding_is_still_refused():
    from importer import UnusableInput

    with pytest.raises(UnusableInput, match="文字编码"):
        import_bytes(bytes(range(0x80, 0x100)) * 40, ".txt")


def test_rows_on_lines_whose_long_label_wraps_below_its_numbers(full):
    """A PDF's text: the numbers stand on the label's first line, the label's end on the next."""
    text = _rows_on_lines(render.web_text(full))
    label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    line = next(x for x in text.split("\n") if x.startswith(label + " "))
    text = text.replace(line, "（二）部分公开（区分处理的，只计这一情形，不计" + line[len(label):] + "\n其他情形）")
    result = import_text(text)
    assert not result.errors and not result.warnings, [str(n) for n in result.notes]
    same(result.report, full)


def test_a_sentence_above_table_three_is_said_to_stand_above_it(full):
    text = render.web_text(full).replace("## 三、收到和处理政府信息公开申请情况\n",
                                         "## 三、收到和处理政府信息公开申请情况\n本年度共收到政府信息公开申请，均已按期答复，无逾期情况。\n", 1)
    result = import_text(text)
    assert not result.errors, [str(n) for n in result.notes]
    [note] = [n for n in result.warnings if "本年度共收到" in n.message]
    assert "表格之前" in note.message and "表格之后" not in note.message
    same(result.report, full)
