"""Reading a spreadsheet ledger: messy headers, dates as clerks type them, bad rows named, nothing invented."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from export.ledger_template import write
from importer.ledger_sheet import LedgerSheetError, match_result, parse_date, read
from report.formats import get_format
from report.ledger import shape

D = dt.date


def sheet(path, rows, title="Sheet1"):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


MESSY_HEADER = ["2023年依申请公开登记表", None, None]
HEADER = ["序号", "申请编号", "收到申请日期（年/月/日）", "申请人 类别", "申请人姓名", "申请事项", "办结日期",
          "答复结果", "是否延期", "信息处理费(元)", "备注"]


@pytest.mark.parametrize("raw, day", [
    ("2025-3-1", D(2025, 3, 1)), ("2025年3月1日", D(2025, 3, 1)), ("2025/03/01", D(2025, 3, 1)),
    ("２０２５．３．１", D(2025, 3, 1)), ("20250301", D(2025, 3, 1)), (45717, D(2025, 3, 1)),
    (dt.datetime(2025, 3, 1, 9, 30), D(2025, 3, 1)), ("2025-03-01 09:30", D(2025, 3, 1)),
    ("2025-2-30", None), ("三月一日", None), ("2025-3", None), (3.5, None),
])
def test_dates_as_clerks_type_them(raw, day):
    assert parse_date(raw) == day


def test_messy_headers_and_values_are_read(tmp_path):
    path = sheet(tmp_path / "台账.xlsx", [
        MESSY_HEADER,
        HEADER,
        [1, "YS-001", "2023-1-5", "公民", "张三", "某路段规划", dt.datetime(2023, 1, 20), "（一）予以公开", "否", None, ""],
        [2, "YS-002", "2023年2月1日", "法人或其他组织-商业企业", "某公司", "…", "2023/03/30", "不予公开-属于国家秘密",
         "是", "120元", ""],
        [None, None, None, None, None, None, None, None, None, None, None],
        [3, 20230003, 44990, "律师事务所", "李四", "…", None, None, None, None, "办理中"],
    ])
    result = read(path)
    assert result.bad_rows == [] and result.sheet == "Sheet1"
    a, b, c = result.applications
    assert (a.number, a.received, a.applicant_type, a.applicant, a.answered, a.result) == (
        "YS-001", D(2023, 1, 5), "natural", "张三", D(2023, 1, 20), "s3.granted")
    assert (b.applicant_type, b.result, b.extended, b.fee) == ("commercial", "s3.withheld.state_secret", True, Decimal(120))
    assert (c.number, c.received, c.applicant_type, c.answered, c.result) == ("20230003", D(2023, 3, 5), "legal", None, None)
    assert "序号" in result.ignored_columns and "备注" in result.ignored_columns


def test_bad_rows_are_named_with_their_reason_and_none_is_kept(tmp_path):
    path = sheet(tmp_path / "台账.xlsx", [
        HEADER,
        [1, "A1", "2023-13-01", "自然人", "", "", None, None, None, None, None],
        [2, "A2", "2023-3-1", "外国人", "", "", None, None, None, None, None],
        [3, "A3", "2023-3-1", "自然人", "", "", "2023-3-9", None, None, None, None],
        [4, "A4", "2023-3-1", "自然人", "", "", None, "予以公开", None, None, None],
        [5, "A5", "2023-3-1", "自然人", "", "", "2023-2-9", "予以公开", None, None, None],
        [6, "A6", "2023-3-1", "自然人", "", "", "2023-3-9", "很满意", "也许", "一百", None],
        [7, "A6", "2023-3-1", "自然人", "", "", "2023-3-9", "予以公开", None, None, None],
        [8, "A8", "2023-3-1", "自然人", "", "", "2023-3-9", "予以公开", None, None, None],
        [9, None, None, "自然人", "", "", None, None, None, None, None],
    ])
    result = read(path)
    assert [a.number for a in result.applications] == ["A6", "A8"]  # the second A6 is kept: the first was bad
    bad = dict(line.split("：", 1) for line in result.bad_rows)
    assert "收到日期「2023-13-01」不是可识别的日期" in bad["第 2 行"]
    assert "申请人类型「外国人」无法识别" in bad["第 3 行"]
    assert "未填办理结果" in bad["第 4 行"]
    assert "未填答复日期" in bad["第 5 行"]
    assert "早于收到日期" in bad["第 6 行"]
    assert "办理结果「很满意」" in bad["第 7 行"] and "延期「也许」" in bad["第 7 行"] and "信息处理费「一百」" in bad["第 7 行"]
    assert "编号为空" in bad["第 10 行"] and "收到日期为空" in bad["第 10 行"]
    refusal = result.refusal("台账.xlsx")  # one bad row keeps the whole sheet out, each named with file and sheet
    assert refusal[:-1] == [f"台账.xlsx「Sheet1」{line}" for line in result.bad_rows]
    assert refusal[-1].startswith(f"以上 {len(result.bad_rows)} 行无法读取，台账未导入") and len(result.bad_rows) == 7


def test_a_sheet_with_nothing_under_its_header_is_refused_and_a_good_one_is_not(tmp_path):
    assert read(sheet(tmp_path / "a.xlsx", [HEADER])).refusal("a.xlsx") == ["a.xlsx「Sheet1」的表头下没有任何申请"]
    good = [HEADER, [1, "A1", "2023-3-1", "自然人", "", "", "2023-3-9", "予以公开", None, None, None]]
    assert read(sheet(tmp_path / "b.xlsx", good)).refusal("b.xlsx") == []


def test_a_sheet_without_the_required_columns_says_which(tmp_path):
    with pytest.raises(LedgerSheetError, match="缺少必需的列：办理结果、答复日期"):
        read(sheet(tmp_path / "a.xlsx", [["编号", "收到日期", "申请人类型", "申请人"]]))
    with pytest.raises(LedgerSheetError, match="找不到台账的表头行"):
        read(sheet(tmp_path / "b.xlsx", [["甲", "乙"], [1, 2]]))
    (tmp_path / "c.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(LedgerSheetError, match="不是可以读取的 Excel 工作簿"):
        read(tmp_path / "c.xlsx")


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_every_result_the_template_offers_reads_back_as_itself(format_id):
    sh = shape(get_format(format_id))
    for row in sh.result_rows:
        assert match_result(sh.result_text(row.id), sh) == row.id
        assert match_result(row.label, sh) == row.id
    assert match_result("其他", sh) in (None, "s3.other.others")


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_a_result_written_as_a_known_misprint_of_its_row(format_id):
    sh = shape(get_format(format_id))
    assert match_result("（三）不予公开-2.其他法律法规禁止公开", sh) == "s3.withheld.law_forbidden"
    assert match_result("无正当理由由大量反复申请", sh) == "s3.declined.excessive"


def test_the_template_is_read_back_with_its_drop_down_lists(tmp_path):
    out = tmp_path / "模板.xlsx"
    write(out, 2023)
    book = openpyxl.load_workbook(out)
    ws = book.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["编号", "收到日期（年-月-日）", "申请人类型"]
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["C"].startswith("=可选值!$A$2") and lists["J"].startswith("=可选值!$B$2")
    values = [c.value for c in book["可选值"]["B"][1:]]
    assert len(values) == 21 and "（三）不予公开：1.属于国家秘密" in values
    ws.append(["T-1", "2023-6-1", "科研机构", None, None, None, None, "否", "2023-6-20", values[3]])
    book.save(out)
    [app] = read(out).applications
    assert (app.applicant_type, app.result) == ("research", "s3.withheld.law_forbidden")


# ---------------------------------------------------------------------------------------------- qualified types


def test_a_type_qualified_by_its_header_group_is_read_from_the_format():
    from importer.ledger_sheet import match_applicant
    from report.ledger import shape_for_year

    sh = shape_for_year(2024)
    assert sh.applicant_groups["commercial"][-1] == "法人或其他组织" and sh.applicant_groups["natural"] == ("申请人情况",)
    assert match_applicant("法人或其他组织-商业企业", sh) == "commercial"
    assert match_applicant("法人或其他组织／其他", sh) == "other_org"
    assert match_applicant("申请人情况-自然人", sh) == "natural"
    assert match_applicant("法人或其他组织-自然人", sh) is None  # 自然人 is not under that group
    assert match_applicant("法人或其他组织", sh) is None  # the group alone names no column


def test_the_groups_are_the_formats_not_the_importers(monkeypatch):
    """A format whose group were labelled otherwise qualifies its types by that label."""
    from importer.ledger_sheet import match_applicant
    from report.ledger import shape_for_year

    sh = shape_for_year(2024)
    groups = {cid: ("单位",) if cid != "natural" else () for cid in sh.applicant_groups}
    monkeypatch.setitem(sh.__dict__, "applicant_groups", groups)  # the cached property, as another format
    assert match_applicant("单位-科研机构", sh) == "research"
    assert match_applicant("法人或其他组织-科研机构", sh) is None
