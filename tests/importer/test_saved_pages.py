"""Whole pages as browsers on office PCs save them: the real reports' expected values rendered into a government
site's page (menus, information box, share bar, 上一篇/下一篇, footer) with the table markup sites really publish,
as HTML (UTF-8 or GBK under a lying charset) and as MHTML. Every cell must come back exactly, with the agency,
the year, every section's text and nothing of the site's."""

from __future__ import annotations

import datetime
import json

import pytest

from importer import INFO, WARNING, UnusableInput, import_bytes, import_file
from report import exchange

from ..conftest import SHARED
from . import saved_pages

REAL = sorted((SHARED / "real").glob("*.json"))
REAL_2019 = next(p for p in REAL if json.loads(p.read_text(encoding="utf-8"))["format"] == "2019")
REAL_2021 = next(p for p in REAL if json.loads(p.read_text(encoding="utf-8"))["format"] == "2021")


def expected(path):
    return exchange.read(path)


def zeros(report) -> set[str]:
    """The cells a site that prints nothing for 0 leaves empty."""
    return {c for c in report.format.input_cells if report.value(c) == 0}


def check_whole(result, report, *, blanks: bool = False) -> None:
    assert result.report is not None, [str(n) for n in result.notes]
    assert not result.errors, [str(n) for n in result.errors]
    got = result.report
    assert (got.agency, got.year, got.format_id) == (report.agency, report.year, report.format_id)
    wrong = {c: (got.value(c), report.value(c)) for c in report.format.input_cells if got.value(c) != report.value(c)}
    assert wrong == {}
    prose = saved_pages.default_prose(report)
    assert {sid: got.text(sid).split("\n") for sid in prose} == prose  # every section, nothing of the site's
    assert got.date == datetime.date(report.year + 1, 1, 19)
    if not blanks:
        assert not result.warnings, [str(n) for n in result.warnings]


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name[:2])
def test_saved_page_of_every_real_report(path):
    report = expected(path)
    result = import_bytes(saved_pages.saved_page(report).encode("utf-8"), ".html")
    check_whole(result, report)
    assert not any("未导入" in n.message or "已忽略" in n.message for n in result.notes), [str(n) for n in result.notes]


@pytest.mark.parametrize("empty", sorted(saved_pages.EMPTY_CELLS))
@pytest.mark.parametrize("path", [REAL_2019, REAL_2021], ids=("2019", "2021"))
def test_empty_cells_keep_their_column(path, empty):
    """`<td><p>&nbsp;</p></td>`, `<br>`, spaces…: an empty cell, wherever it stands in its row (last included)."""
    report = expected(path)
    blank = zeros(report)
    page = saved_pages.saved_page(report, empty=empty, blank=blank)
    result = import_bytes(page.encode("utf-8"), ".html")
    check_whole(result, report, blanks=True)
    assert any("空白，按 0 导入" in n.message for n in result.warnings)
    assert not any("空白格已丢失" in n.message for n in result.notes)


@pytest.mark.parametrize("path", [REAL_2019, REAL_2021], ids=("2019", "2021"))
def test_dashes_for_none(path):
    report = expected(path)
    page = saved_pages.saved_page(report, blank=zeros(report), dash_blank=True)
    check_whole(import_bytes(page.encode("utf-8"), ".html"), report)


@pytest.mark.parametrize(
    "pattern",
    [
        {"layout_table": True},  # the whole article inside layout tables
        {"split_tables": True},  # one table per block, the header apart from the rows
        {"s4_rows": True},  # section 四 as three labelled rows of five
        {"flat_labels": True},  # group labels on rows of their own, each label across all label columns
        {"info_box": True},  # 索引号/发布机构/名称 box above the title
        {"layout_table": True, "split_tables": True, "flat_labels": True, "empty": "br"},
        {"s4_rows": True, "empty": "p-nbsp"},
        {"split_tables": True, "empty": "spaces"},
    ],
    ids=lambda p: "+".join(p),
)
@pytest.mark.parametrize("path", [REAL_2019, REAL_2021], ids=("2019", "2021"))
def test_table_and_page_layouts(path, pattern):
    report = expected(path)
    blank = zeros(report) if "empty" in pattern else frozenset()
    page = saved_pages.saved_page(report, blank=blank, **pattern)
    check_whole(import_bytes(page.encode("utf-8"), ".html"), report, blanks=bool(blank))


@pytest.mark.parametrize("path", [REAL_2019, REAL_2021], ids=("2019", "2021"))
def test_label_spans_written_as_empty_cells_leave_every_value_in_its_column(path):
    """An empty cell after the label and blank cells at the row's end: only the table's geometry says where
    each number stands, and it is read from the markup, not guessed."""
    import dataclasses

    report = expected(path)
    if report.format_id == "2019":  # 行政事业性收费 leaves the grid's last column empty: a blank, then a number
        report = dataclasses.replace(report, cells={**report.cells, "s2.fees:prev_count": 0, "s2.fees:change": 3})
    blank = zeros(report) | set(report.format.computed)  # totals left to the reader, as some sites do
    page = saved_pages.saved_page(report, unmerged_labels=True, blank=blank, empty="p-nbsp")
    result = import_bytes(page.encode("utf-8"), ".html")
    check_whole(result, report, blanks=True)
    assert not any("对不齐" in n.message for n in result.notes)


def test_section_four_in_one_row_of_fifteen_with_blank_cells_at_its_end():
    report = expected(REAL_2019)
    blank = {c for c in report.format.input_cells if c.startswith("s4.suit_after_review")}
    result = import_bytes(saved_pages.saved_page(report, blank=blank).encode("utf-8"), ".html")
    check_whole(result, report, blanks=True)


@pytest.mark.parametrize("empty", ["p-nbsp", "nothing"])
def test_section_four_published_all_blank(empty):
    import dataclasses

    report = expected(REAL_2021)
    blank = {c for c in report.format.input_cells if c.startswith("s4.")}
    report = dataclasses.replace(report, cells={**report.cells, **{c: 0 for c in blank}})  # nothing to report
    result = import_bytes(saved_pages.saved_page(report, blank=blank, empty=empty).encode("utf-8"), ".html")
    check_whole(result, report, blanks=True)
    assert any("四" in n.message or "行政复议" in n.message for n in result.warnings)


def test_title_broken_over_lines():
    report = expected(REAL_2021)
    lines = (report.agency, f"{report.year}年政府信息公开工作", "年度报告")
    check_whole(import_bytes(saved_pages.saved_page(report, heading_lines=lines).encode("utf-8"), ".html"), report)


def test_field_label_before_the_title_is_not_the_agency():
    report = expected(REAL_2021)
    page = saved_pages.saved_page(report, heading_prefix="标题：", head_title="", meta_title="")
    check_whole(import_bytes(page.encode("utf-8"), ".html"), report)


def test_page_without_a_printed_title_takes_the_title_element():
    report = expected(REAL_2019)
    page = saved_pages.saved_page(report, heading="政府信息公开年度报告", meta_title="")
    result = import_bytes(page.encode("utf-8"), ".html")
    check_whole(result, report)
    assert any(n.level == INFO and "网页标题" in n.where and "正文中找不到报告标题" in n.message for n in result.notes)


def test_the_documents_own_heading_wins_over_a_wrong_title_element():
    report = expected(REAL_2021)
    wrong = f"{report.agency}{report.year - 1}年政府信息公开工作年度报告_某某区人民政府"
    result = import_bytes(saved_pages.saved_page(report, head_title=wrong).encode("utf-8"), ".html")
    assert result.report is not None and result.report.year == report.year
    said = [n for n in result.notes if n.level == WARNING and "按正文标题导入" in n.message]
    assert said and f"{report.year - 1} 年度" in said[0].message


@pytest.mark.parametrize("declared", ["utf-8", "gb2312", "iso-8859-1"])
def test_gbk_page_whatever_its_meta_charset_says(declared):
    report = expected(REAL_2021)
    page = saved_pages.saved_page(report, charset=declared).encode("gb18030")
    check_whole(import_bytes(page, ".htm"), report)


def test_utf8_page_that_says_gb2312():
    report = expected(REAL_2019)
    page = saved_pages.saved_page(report, charset="gb2312").encode("utf-8")
    check_whole(import_bytes(page, ".html"), report)


@pytest.mark.parametrize(
    "encoding,transfer,ie",
    [("gb2312", "quoted-printable", True), ("gbk", "base64", True), ("utf-8", "quoted-printable", False),
     ("utf-8", "base64", False)],
)
@pytest.mark.parametrize("path", [REAL_2019, REAL_2021], ids=("2019", "2021"))
def test_mhtml(tmp_path, path, encoding, transfer, ie):
    """What IE mode and 360 安全浏览器 (and Chromium's 「网页，单个文件」) save: the page and its files in one."""
    report = expected(path)
    data = saved_pages.mhtml(saved_pages.saved_page(report, empty="p-nbsp", blank=zeros(report)),
                             encoding=encoding, transfer=transfer, ie=ie)
    file = tmp_path / "年报.mht"
    file.write_bytes(data)
    check_whole(import_file(file), report, blanks=True)


def test_mhtml_under_another_name_is_still_read():
    """Sites serve saved pages as 「.doc」 downloads; a clerk renames files."""
    report = expected(REAL_2021)
    data = saved_pages.mhtml(saved_pages.saved_page(report))
    check_whole(import_bytes(data, ".doc"), report)
    check_whole(import_bytes(data, ""), report)


def test_mhtml_without_a_page():
    data = (b"From: <Saved by Windows Internet Explorer 11>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n")
    with pytest.raises(UnusableInput, match="没有网页内容"):
        import_bytes(data, ".mht")


@pytest.mark.parametrize("suffix,which", [(".doc", "旧版 Word 文件"), (".wps", "WPS 文字文件")])
def test_word_and_wps_files_say_how_to_save_as_docx(suffix, which):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(UnusableInput) as caught:
        import_bytes(ole, suffix)
    assert which in str(caught.value) and "另存为" in str(caught.value) and "Word 文档（*.docx）" in str(caught.value)


@pytest.mark.parametrize(
    "titles",
    [
        {"s5": "五、存在的主要问题及整改措施"},
        {"s5": "五、政府信息公开工作存在的主要问题及改进情况"},
        {"s1": "一、政府信息公开工作总体情况", "s4": "四、政府信息公开行政法复议、行政诉讼情况"},
        {"s5": "五、工作中存在的不足及下一步打算", "s6": "六、其他事项"},
        {"s2": "二、主动公开政府信息", "s3": "三、依申请公开政府信息办理情况", "s4": "四、因政府信息公开申请行政复议、行政诉讼情况"},
    ],
    ids=lambda t: "+".join(t),
)
@pytest.mark.parametrize("path", [REAL_2019, REAL_2021], ids=("2019", "2021"))
def test_sections_under_the_wordings_agencies_use(path, titles):
    """A heading is its number and its meaning: every section is found, its text kept."""
    report = expected(path)
    result = import_bytes(saved_pages.saved_page(report, section_titles=titles).encode("utf-8"), ".html")
    check_whole(result, report)


def test_numbered_sub_headings_inside_a_section_stay_its_text():
    import dataclasses

    report = expected(REAL_2021)
    texts = {"s5": "一、存在的主要问题\n信息公开的及时性有待提高。\n二、改进措施\n加强业务培训。",
             "s6": "一、收取信息处理费情况\n本年度未收取信息处理费。"}
    report = dataclasses.replace(report, texts=texts)
    check_whole(import_bytes(saved_pages.saved_page(report).encode("utf-8"), ".html"), report)


def test_a_section_heading_no_one_can_read_is_an_error_not_a_silent_loss():
    report = expected(REAL_2021)
    page = saved_pages.saved_page(report, section_titles={"s5": "五、下一步工作安排"})
    result = import_bytes(page.encode("utf-8"), ".html")
    assert result.report is None
    [error] = result.errors
    assert "五、下一步工作安排" in error.message and "五、存在的主要问题及改进情况" in error.message
    assert sum("未导入" in n.message for n in result.warnings) == len(saved_pages.default_prose(report)["s5"])


def test_a_title_without_year_offers_the_year_of_the_statistical_period():
    import dataclasses

    report = expected(REAL_2021)
    y = report.year
    # Section 一 speaks more of other years; the statistical period says which year the report is on.
    report = dataclasses.replace(report, texts={"s1": f"{y - 1}年以来，我局持续推进公开工作。\n{y + 1}年、{y + 1}年以后将继续努力。"})
    page = saved_pages.saved_page(
        report, heading=f"{report.agency}政府信息公开工作年度报告", head_title="", meta_title="",
        preamble=(f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",))
    result = import_bytes(page.encode("utf-8"), ".html")
    assert result.report is None and result.missing == ("year",) and result.title_only
    assert result.year_hint == y
    assert any(f"正文提到 {y} 年" in n.message for n in result.errors)
    again = import_bytes(page.encode("utf-8"), ".html", year=y)
    assert again.report is not None and (again.report.agency, again.report.year) == (report.agency, y)


def test_page_saved_with_its_files_folder_and_the_article_in_a_frame(tmp_path):
    """「网页，全部」: the page and a 「…_files」 folder; a site showing the article in an <iframe> leaves it there."""
    report = expected(REAL_2019)
    outer, inner = saved_pages.framed(report, folder="年度报告_files")
    folder = tmp_path / "年度报告_files"
    folder.mkdir()
    (folder / "content.htm").write_bytes(inner.encode("gb18030"))
    (folder / "style.css").write_text(".nav li{float:left}", encoding="utf-8")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "年度报告.htm").write_text(outer, encoding="utf-8")
    check_whole(import_file(tmp_path / "年度报告.htm"), report)
    # Without the folder the page itself holds no report, and says so.
    (folder / "content.htm").unlink()
    with pytest.raises(UnusableInput, match="找不到年度报告的各节标题"):
        import_file(tmp_path / "年度报告.htm")


def test_a_frame_outside_the_pages_folder_is_not_read(tmp_path):
    report = expected(REAL_2021)
    outer, inner = saved_pages.framed(report, folder="../elsewhere")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "content.htm").write_text(inner, encoding="utf-8")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "年度报告.htm").write_text(outer, encoding="utf-8")
    with pytest.raises(UnusableInput):
        import_file(tmp_path / "page" / "年度报告.htm")


def test_a_heading_that_links_to_its_own_page_is_the_title():
    report = expected(REAL_2021)
    title = saved_pages.title_of(report)
    page = saved_pages.saved_page(report, head_title="", meta_title="").replace(
        f"<h1 class='article-title'>{title}</h1>", f"<h1 class='article-title'><a href='#'>{title}</a></h1>")
    result = import_bytes(page.encode("utf-8"), ".html")
    check_whole(result, report)
    assert not any("网页标题" in n.where for n in result.notes)
