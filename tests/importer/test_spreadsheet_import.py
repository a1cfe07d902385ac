"""Our own spreadsheet edited after export, as clerks do it in Excel or WPS: the figures its sheets show are read
and checked against the data it carries, the shown figures winning and every difference named; the texts still
come from the data. Hostile workbooks are refused with a Chinese reason."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from openpyxl.formula.translate import Translator

from export import ooxml_data, xlsx
from importer import INFO, WARNING, UnusableInput, import_bytes
from importer.readers import xlsx as xlsx_reader
from report import exchange

NEW = "s3.new:natural"  # the first figure of table 三's first row


def _edited(report, change) -> bytes:
    """The report's spreadsheet changed by `change(workbook)` and saved by openpyxl (which keeps no formula's
    value and drops the data part), the data part then put back as Excel and WPS keep it."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(report)))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return ooxml_data.embed(out.getvalue(), exchange.dumps_embedded(report))


def _row(book, section_start: str, label: str):
    """The sheet whose heading starts with `section_start`, and the figures (numbers and formulas) of its row
    labelled `label`."""
    sheet = next(ws for ws in book.worksheets if str(ws["A1"].value or "").startswith(section_start))
    for row in sheet.iter_rows():
        if any(c.value == label for c in row):
            figures = [c for c in row if isinstance(c.value, (int, float))
                       or isinstance(c.value, str) and c.value.startswith("=")]
            return sheet, figures
    raise AssertionError(label)


def _first_figure(book, report, cid=NEW):
    cell = report.format.cells[cid]
    _, cells = _row(book, "三、", cell.row.label)
    return cells[0]


def _warnings(result) -> list[str]:
    return [n.message for n in result.notes if n.level == WARNING]


def _texts_kept(result, report) -> None:
    assert result.report.texts == report.texts and result.report.date == report.date


def test_a_figure_changed_after_export_is_caught_named_and_wins(seed):
    before = seed.value(NEW)
    data = _edited(seed, lambda book: setattr(_first_figure(book, seed), "value", before + 7))
    result = import_bytes(data, ".xlsx")
    assert result.report.value(NEW) == before + 7  # what the sheet shows wins
    named = [n for n in result.notes if n.level == WARNING and n.cells == (NEW,)]
    assert len(named) == 1 and f"「{before}」" in named[0].message and f"「{before + 7}」" in named[0].message
    # The row's total is a formula without a saved value (openpyxl wrote it): worked out, it differs too.
    assert any(n.cells == ("s3.new:total",) for n in result.notes)
    assert "处不同" in result.notes[0].message
    _texts_kept(result, seed)
    assert not any("未能" in m for m in _warnings(result))


def test_figures_typed_as_text_are_read_as_the_numbers_they_show(seed):
    def change(book):
        _first_figure(book, seed).value = "12"
        _first_figure(book, seed, "s3.carried_in:natural").value = "1,234"
    result = import_bytes(_edited(seed, change), ".xlsx")
    assert result.report.value(NEW) == 12 and result.report.value("s3.carried_in:natural") == 1234
    assert {c for n in result.notes for c in n.cells} >= {NEW, "s3.carried_in:natural"}


def test_a_formula_without_its_value_is_not_claimed_to_differ(seed):
    data = _edited(seed, lambda book: setattr(_first_figure(book, seed), "value", "=ROUND(41.6,0)"))
    result = import_bytes(data, ".xlsx")
    assert result.report.value(NEW) == seed.value(NEW)  # the data's, unchecked, and said so
    unread = [n for n in result.notes if n.cells == (NEW,)]
    assert len(unread) == 1 and unread[0].level == WARNING and "未能与附带的报告数据核对" in unread[0].message
    assert not any("处不同" in m for m in _warnings(result))


def test_a_formula_shows_the_value_the_spreadsheet_program_saved(seed):
    """Excel and WPS save each formula's value with it: that is what the sheet shows, and what is checked."""
    marker = "=ROUND(41.6,0)"
    data = _edited(seed, lambda book: setattr(_first_figure(book, seed), "value", marker))
    data = _with_saved_value(data, "ROUND(41.6,0)", "42")
    result = import_bytes(data, ".xlsx")
    assert result.report.value(NEW) == 42
    assert any(n.cells == (NEW,) and "「42」" in n.message for n in result.notes)


def _with_saved_value(data: bytes, formula: str, value: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    done = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                text = part.decode("utf-8")
                pattern = re.compile(r"<f>" + re.escape(formula) + r"</f>(?:<v\s*/>|<v></v>)?")
                text, n = pattern.subn(f"<f>{formula}</f><v>{value}</v>", text)
                done += n
                part = text.encode("utf-8")
            target.writestr(info, part)
    assert done == 1
    return out.getvalue()


def test_a_worked_out_total_is_what_excel_would_show(seed):
    """A figure typed as text is passed over by SUM, as in Excel: the total the sheet shows leaves it out."""
    from decimal import Decimal

    from importer.readers.sheet_formula import evaluate

    cells = {(0, 0): Decimal(3), (0, 1): "12", (0, 2): None, (0, 3): Decimal("1.25")}
    assert evaluate("=SUM(A1:D1)", cells.get) == Decimal("4.25")
    assert evaluate("=A1+B1-D1", cells.get) == Decimal("13.75")
    assert evaluate("=SUM($A$1,B1)+2", cells.get) == Decimal(5)
    assert evaluate("=ROUND(A1,0)", cells.get) is None
    assert evaluate("=Sheet2!A1", cells.get) is None


def test_merged_cells_an_inserted_blank_row_and_renamed_reordered_sheets_change_nothing(seed):
    def change(book):
        # A blank row inserted in table 四 above its figures, the formulas moved with them as Excel moves them.
        sheet, _ = _row(book, "四、", "行政复议")
        figures = next(r for r in range(1, sheet.max_row + 1)
                       if any(isinstance(sheet.cell(r, c).value, int) for c in range(1, sheet.max_column + 1)))
        sheet.insert_rows(figures)
        for cell in sheet[figures + 1]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                origin = f"{cell.column_letter}{figures}"
                cell.value = Translator(cell.value, origin=origin).translate_formula(cell.coordinate)
        for i, ws in enumerate(book.worksheets):
            ws.title = f"表{i + 1}"
        book.move_sheet(book.worksheets[0], offset=len(book.worksheets) - 1)  # the information sheet last
        book.move_sheet(book.worksheets[2], offset=-2)
    result = import_bytes(_edited(seed, change), ".xlsx")
    assert [n.level for n in result.notes] == [INFO], [str(n) for n in result.notes]
    assert exchange.dumps(result.report) == exchange.dumps(seed)


def test_a_changed_title_is_a_difference_and_a_removed_one_takes_the_datas(seed):
    info = lambda book: next(ws for ws in book.worksheets if ws.max_column <= 2)  # noqa: E731
    renamed = _edited(seed, lambda book: setattr(info(book)["A1"], "value",
                                                 info(book)["A1"].value.replace(str(seed.year), str(seed.year + 1))))
    result = import_bytes(renamed, ".xlsx")
    assert result.report.year == seed.year + 1
    assert any("年度" in m and f"「{seed.year + 1}」" in m for m in _warnings(result))

    removed = _edited(seed, lambda book: setattr(info(book)["A1"], "value", None))
    result = import_bytes(removed, ".xlsx")
    assert (result.report.agency, result.report.year) == (seed.agency, seed.year)
    assert exchange.dumps(result.report) == exchange.dumps(seed)


def test_a_workbook_whose_tables_were_deleted_imports_the_data_and_says_so(seed):
    def change(book):
        for ws in list(book.worksheets)[1:]:
            book.remove(ws)
    result = import_bytes(_edited(seed, change), ".xlsx")
    assert exchange.dumps(result.report) == exchange.dumps(seed)
    assert "未能与显示的内容核对" in result.notes[0].message


# ---- hostile workbooks ---------------------------------------------------------------------------------------


def _with_part(data: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            target.writestr(info, change(part) if info.filename == name else part)
    return out.getvalue()


SHEET = "xl/worksheets/sheet2.xml"


def test_a_sheet_declaring_huge_dimensions_is_refused(seed):
    data = _with_part(xlsx.render(seed), SHEET,
                      lambda part: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', part))
    with pytest.raises(UnusableInput, match="超过本程序的上限"):
        import_bytes(data, ".xlsx")


def test_a_sheet_holding_a_cell_far_beyond_a_report_is_refused(seed):
    far = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    data = _with_part(xlsx.render(seed), SHEET,
                      lambda part: re.sub(rb'<dimension ref="[^"]*"/>', b"", part).replace(b"</sheetData>", far))
    data = _with_part(data, SHEET, lambda part: part.replace(b'<row r="1048576">', b'<row r="5000">')
                      .replace(b"XFD1048576", b"B5000"))
    with pytest.raises(UnusableInput, match="超出"):
        import_bytes(data, ".xlsx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(seed):
    bomb = b"<sheetData>" + b" " * (40 * 1024 * 1024)
    data = _with_part(xlsx.render(seed), SHEET, lambda part: part.replace(b"<sheetData>", bomb, 1))
    with pytest.raises(UnusableInput, match="解压后"):
        import_bytes(data, ".xlsx")


def test_too_many_filled_cells_are_refused(seed, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 50)
    with pytest.raises(UnusableInput, match="单元格超过 50 个"):
        import_bytes(xlsx.render(seed), ".xlsx")


def test_a_damaged_sheet_is_named(seed):
    data = _with_part(xlsx.render(seed), SHEET, lambda part: part[: len(part) // 2])
    with pytest.raises(UnusableInput, match="电子表格已损坏"):
        import_bytes(data, ".xlsx")


def test_tables_of_the_other_format_are_imported_as_shown_with_the_datas_texts(seed, monkeypatch):
    """The sheets show the 2021 tables while the data is a 2019 report: nothing of the data's grid fits them, so
    the figures are the sheets'; the prose, which no sheet shows, is still the data's."""
    from report.model import Report

    shown = Report(agency=seed.agency, year=2021, format_id="2021", cells={})
    carried = exchange.dumps_embedded(seed)
    monkeypatch.setattr(exchange, "dumps_embedded", lambda *a, **k: carried)
    data = xlsx.render(shown)
    monkeypatch.undo()
    result = import_bytes(data, ".xlsx")
    assert (result.report.format_id, result.report.year) == ("2021", 2021)
    assert result.report.texts == seed.texts
    assert any("格式" in m for m in _warnings(result))
