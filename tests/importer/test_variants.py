"""Published reports as they really come: misprinted labels, other brackets and characters, broken lines, extra
columns, dropped cells, an old （六） row, amounts in 元; and what the importer must refuse to guess."""

from __future__ import annotations

from decimal import Decimal

import pytest

from importer import ERROR, INFO, WARNING, import_bytes, import_text
from report import exchange
from report.checks import check

from . import render, samples
from .test_sources import same

TRADITIONAL = str.maketrans("开务报总计处请数项规费复议诉讼结转续办关过请类属", "開務報總計處請數項規費復議訴訟結轉續辦關過請類屬")


def rows_with(text: str, needle: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n")) if needle in line]


@pytest.fixture(params=[("2019", 2020), ("2021", 2022)], ids=["2019", "2021"])
def full(request):
    return samples.full(*request.param)


def test_traditional_characters(full):
    text = render.web_text(full)
    body = text.split("\n", 3)
    text = "\n".join(body[:3]) + "\n" + body[3].translate(TRADITIONAL)  # the title stays, to keep the agency
    result = import_text(text)
    assert not result.errors and not result.warnings, [str(n) for n in result.notes]
    assert exchange.to_dict(result.report)["cells"] == exchange.to_dict(full)["cells"]


def test_half_width_brackets_and_commas(full):
    text = render.web_text(full).replace("（", "(").replace("）", ")").replace("、", "，")
    result = import_text(text)
    assert result.clean, [str(n) for n in result.notes]
    assert exchange.to_dict(result.report)["cells"] == exchange.to_dict(full)["cells"]


def test_labels_and_headers_broken_over_lines():
    report = samples.full("2019", 2020)
    text = render.web_text(report)
    text = text.replace("（二）部分公开（区分处理的，", "（二）部分公开（区分处理的，\n")
    text = text.replace("一、本年新收政府信息", "一、本年新收政府信息\n")  # the first part has no tab at all
    text = text.replace("采购总金额（单位：", "采购总金额（单位：\n")
    result = import_text(text)
    assert not result.errors and not result.warnings, [str(n) for n in result.notes]
    same(result.report, report)


@pytest.mark.parametrize("where", ["start", "end"])
def test_an_extra_empty_column(full, where):
    lines = render.web_text(full).split("\n")
    lines = [("\t" + line if where == "start" else line + "\t") if "\t" in line else line for line in lines]
    result = import_text("\n".join(lines))
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, full)

    page = render.page_html(full).replace("</tr>", "<td></td></tr>" if where == "end" else "</tr>")
    if where == "start":
        page = page.replace("<tr>", "<tr><td></td>")
    result = import_bytes(page.encode(), ".html")
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, full)


def test_rows_with_their_empty_cells_dropped(full):
    """Some copies drop every empty field (spans and padding): all numbers are present, so the counts agree."""
    lines = ["\t".join(f for f in line.split("\t") if f.strip()) if "\t" in line else line
             for line in render.web_text(full).split("\n")]
    result = import_text("\n".join(line for line in lines))
    assert not result.errors, [str(n) for n in result.notes]
    same(result.report, full)


def test_dropped_character_is_placed_by_position_and_said():
    report = samples.full("2019", 2020)
    text = render.web_text(report).replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    result = import_text(text)
    assert not result.errors
    same(result.report, report)
    [note] = [n for n in result.notes if "其他法律行政止公开" in n.message]
    assert note.level == WARNING and "2.其他法律行政法规禁止公开" in note.message


def test_badly_damaged_label_is_placed_by_its_position_only_with_its_number():
    report = samples.full("2019", 2020)
    text = render.web_text(report).replace("3.危及“三安全一稳定”", "3.危及稳定")
    result = import_text(text)
    assert not result.errors
    same(result.report, report)
    assert any(n.level == WARNING and "位置" in n.message for n in result.notes)


def test_known_misprints_need_no_guess():
    report = samples.full("2019", 2020)
    text = (render.web_text(report).replace("4.无正当理由大量反复申请", "4.无正当理由由大量反复申请")
            .replace("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开"))
    result = import_text(text)
    assert result.clean
    same(result.report, report)


@pytest.mark.parametrize("title", ["四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                                   "四、因政府信息公开申请行政复议、提起行政诉讼情况"])
def test_section_four_under_the_regulations_title(full, title):
    titles = {"s4": title}
    result = import_bytes(render.docx_bytes(full, section_titles=titles), ".docx")
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, full)


def test_headings_without_marks():
    report = samples.full("2021", 2022)
    result = import_text(render.web_text(report, headings=False))
    assert result.clean
    same(result.report, report)


def test_2021_report_printing_other_handling_as_one_row():
    report = samples.full("2021", 2022)
    lines = render.web_text(report).split("\n")
    first = rows_with("\n".join(lines), "1.申请人无正当理由")[0]
    rows = ("s3.other.no_correction", "s3.other.no_fee", "s3.other.others")
    columns = [c.id for c in report.format.block_of_row("s3.new").leaf_columns()]
    sums = [sum(report.value(f"{r}:{c}") for r in rows) for c in columns]
    lines[first:first + 3] = ["\t（六）其他处理\t" + "\t".join(str(v) for v in sums)]
    result = import_text("\n".join(lines))
    assert not result.errors
    cells = result.report.cells
    assert [cells[f"s3.other.others:{c}"] for c in columns] == sums
    assert all(cells.get(f"s3.other.no_correction:{c}", 0) == 0 for c in columns)
    assert any("「（六）其他处理」" in n.message and "「3.其他」" in n.message and n.level == WARNING for n in result.notes)
    assert check(result.report) == []  # the totals still add up: the numbers went to one of （六）'s rows


def test_amount_published_in_yuan_is_converted():
    report = samples.full("2021", 2022)
    report.cells["s2.fees:amount"] = Decimal("1.2345")
    text = render.web_text(report).replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）")
    text = text.replace("\t1.2345", "\t12345")
    result = import_text(text)
    assert result.report.cells["s2.fees:amount"] == Decimal("1.2345")
    assert any("以元为单位" in n.message for n in result.notes)


def test_wrong_published_total_is_kept_for_check_to_find():
    report = samples.full("2019", 2020)
    report.cells["s3.total:natural"] = report.value("s3.total:natural") + 1
    result = import_text(render.web_text(report))
    assert result.clean
    assert result.report.cells["s3.total:natural"] == report.cells["s3.total:natural"]
    assert any(f.rule == "computed.sum" and "s3.total:natural" in f.cells for f in check(result.report))


def test_blank_total_is_left_for_the_program_to_compute():
    report = samples.full("2019", 2020)
    result = import_bytes(render.page_html(report, blank={"s4.review:total"}).encode(), ".html")
    assert "s4.review:total" not in result.report.cells
    assert result.report.value("s4.review:total") == report.value("s4.review:total")
    assert any("合计" in n.message and "程序计算" in n.message for n in result.notes)


def test_format_follows_the_labels_and_disagreement_with_the_year_is_said():
    report = samples.full("2021", 2022)
    report.year = 2020  # a 2020 report published in the new format
    result = import_text(render.web_text(report))
    assert result.report.format_id == "2021" and result.report.year == 2020
    assert any("应使用2019年版" in n.message for n in result.notes)


def test_row_that_cannot_be_placed_is_an_error_not_a_partial_success():
    report = samples.full("2019", 2020)
    text = render.web_text(report).replace("行政处罚\t", "某某神秘事项\t")
    result = import_text(text)
    assert result.report is None
    assert any(n.level == ERROR and "某某神秘事项" in n.message for n in result.notes)


def test_numbers_whose_cells_were_dropped_are_not_guessed():
    report = samples.full("2019", 2020)
    lines = render.web_text(report).split("\n")
    i = rows_with("\n".join(lines), "1.属于国家秘密")[0]
    lines[i] = "\t\t1.属于国家秘密\t5\t5"  # two numbers for seven columns, positions unknown
    result = import_text("\n".join(lines))
    assert result.report is None
    [note] = [n for n in result.notes if n.level == ERROR]
    assert "1.属于国家秘密" in note.message and "无法确定" in note.message


def test_signature_date_goes_to_the_date_not_the_text():
    report = samples.full("2021", 2022)
    text = render.web_text(report) + f"{report.agency}\n2023年1月20日\n"
    result = import_text(text)
    assert result.report.date.isoformat() == "2023-01-20"
    assert result.report.text("s6") == report.text("s6")
    assert any(n.level == INFO and "成文日期" in n.message for n in result.notes)


def test_missing_title_is_an_error():
    report = samples.full("2021", 2022)
    text = render.web_text(report).replace(render.title(report), "")
    result = import_text(text)
    assert result.report is None and any("标题" in n.message for n in result.errors)
