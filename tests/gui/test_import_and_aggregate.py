"""文件 → 导入已发布的年报 and 文件 → 汇总多份报告, driven as a clerk would through the window's dialogs."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtGui import QGuiApplication

from gui import file_dialogs
from gui.aggregate_dialog import AggregateDialog
from gui.import_published import ImportResultDialog
from report import exchange

from ..conftest import SHARED
from ..importer import render, samples
from .dialogs import Driver, Recorder, click

SEED_TEXT = SHARED / "seeds" / "000_578647436011cd62.txt"
SEED_AGENCY = "西工区退役军人事务局"


@pytest.fixture
def window(qtbot, repo):
    from gui.main_window import MainWindow

    w = MainWindow(repo)
    w.today = lambda: datetime.date(2021, 6, 1)  # the 2021 report is the one being written
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(file_dialogs, "ask", lambda *a, **k: ([str(path)], ""))


def accept_import(seen: list):
    """Handler for the import result dialog: remember what it showed, press 导入到数据库."""

    def handler(dialog) -> None:
        assert isinstance(dialog, ImportResultDialog)
        seen.append([dialog.notes.item(i).text() for i in range(dialog.notes.count())])
        dialog.import_button.click()

    return handler


def test_the_seed_text_is_imported_stored_opened_and_next_year_started_from_it(window, repo, qtbot, monkeypatch):
    choose_file(monkeypatch, SEED_TEXT)
    asked = Recorder(monkeypatch, answers=[True])  # 以上年报告为基础: yes
    shown: list = []
    driver = Driver(accept_import(shown))
    window.import_published_action.trigger()
    driver.done()
    # Every note, errors first then warnings then hints; the seed has blank cells (warnings) and misprints (hints).
    notes = shown[0]
    assert notes and all(n.startswith(("错误：", "警告：", "提示：")) for n in notes)
    order = [("错误：", "警告：", "提示：").index(n[:3]) for n in notes]
    assert order == sorted(order) and "警告：" in {n[:3] for n in notes}
    stored = repo.find_report(SEED_AGENCY, 2020)
    assert stored is not None
    assert exchange.to_dict(repo.load(stored)) == exchange.to_dict(samples.seed())
    # The offer to start 2021 from it was made and taken: the new report is open, carrying last year's figures.
    assert "2021 年度" in asked.messages[-1][1]
    new = repo.find_report(SEED_AGENCY, 2021)
    assert new is not None and window.document.report_id == new
    seed = samples.seed()
    carried = window.document.report.value("s3.carried_in:total")
    assert carried == seed.value("s3.carried_out:total")


def test_no_offer_of_next_year_when_it_is_not_the_year_being_written(window, repo, monkeypatch):
    window.today = lambda: datetime.date(2024, 6, 1)
    choose_file(monkeypatch, SEED_TEXT)
    Recorder(monkeypatch, answers=[])  # a question would fail the test
    driver = Driver(accept_import([]))
    window.import_published()
    driver.done()
    assert window.document.report.year == 2020 and repo.find_report(SEED_AGENCY, 2021) is None


def test_replacing_an_existing_report_asks_and_says_it_can_be_restored(window, repo, seed_path, monkeypatch):
    existing = repo.import_exchange(seed_path)
    repo.set_cell(existing, "s3.new:natural", 99)
    choose_file(monkeypatch, SEED_TEXT)
    Recorder(monkeypatch, answers=[False])  # after the replacement: not now, thanks, to next year's report
    driver = Driver(accept_import([]), click("取消"))
    window.import_published()
    driver.done()
    assert "修改记录" in driver.texts[0] and "替换" in driver.texts[0]
    assert repo.load(existing).cells["s3.new:natural"] == 99  # cancelled: nothing changed
    driver = Driver(accept_import([]), click("替换"))
    window.import_published()
    driver.done()
    assert repo.find_report(SEED_AGENCY, 2020) == existing
    assert repo.load(existing).cells["s3.new:natural"] == samples.seed().cells["s3.new:natural"]
    assert any("导入" in r.detail for r in repo.revisions(existing) if r.detail)
    assert window.document.report_id == existing


def test_a_report_already_final_is_not_replaced(window, repo, seed_path, monkeypatch):
    existing = repo.import_exchange(seed_path)
    repo.set_cell(existing, "s3.new:natural", 99)
    repo.set_status(existing, "定稿")
    choose_file(monkeypatch, SEED_TEXT)
    said = Recorder(monkeypatch)
    driver = Driver(accept_import([]))
    window.import_published()
    driver.done()
    assert said.messages and "已定稿" in said.messages[0][1] and "未作任何修改" in said.messages[0][1]
    assert repo.load(existing).cells["s3.new:natural"] == 99


def test_an_unusable_file_changes_nothing(window, repo, tmp_path, monkeypatch):
    fake = tmp_path / "年报.pdf"
    fake.write_text("这不是 PDF", encoding="utf-8")
    choose_file(monkeypatch, fake)
    said = Recorder(monkeypatch)
    driver = Driver()  # no dialog but the message
    window.import_published()
    driver.done()
    assert said.messages[0][0] == "warning"
    assert "不是 PDF" in said.messages[0][1] and "数据库未作任何修改" in said.messages[0][1]
    assert repo.reports() == []


def test_numbers_that_cannot_be_placed_are_listed_and_nothing_is_stored(window, repo, tmp_path, monkeypatch):
    source = tmp_path / "年报.txt"
    source.write_text(render.web_text(samples.full("2019", 2020)).replace("行政处罚\t", "某某神秘事项\t"), encoding="utf-8")
    choose_file(monkeypatch, source)
    Recorder(monkeypatch)
    seen = []

    def close(dialog) -> None:
        assert isinstance(dialog, ImportResultDialog) and dialog.import_button is None
        seen.extend(dialog.notes.item(i).text() for i in range(dialog.notes.count()))
        dialog.reject()

    driver = Driver(close)
    window.import_published()
    driver.done()
    assert seen[0].startswith("错误：") and any("某某神秘事项" in n for n in seen)
    assert repo.reports() == []


def test_text_copied_from_a_web_page_is_imported_from_the_clipboard(window, repo, monkeypatch):
    report = samples.full("2021", 2022)
    QGuiApplication.clipboard().setText(render.web_text(report))
    Recorder(monkeypatch)
    driver = Driver(accept_import([]))
    window.import_clipboard_action.trigger()
    driver.done()
    rid = repo.find_report(report.agency, 2022)
    assert rid is not None and window.document.report_id == rid
    assert repo.load(rid).cells == {c: v for c, v in report.cells.items() if c not in report.format.computed}


def test_the_agency_name_can_be_corrected_before_storing(window, repo, monkeypatch):
    choose_file(monkeypatch, SEED_TEXT)
    Recorder(monkeypatch, answers=[False])

    def rename(dialog) -> None:
        dialog.agency.setCurrentText("洛阳市西工区退役军人事务局")
        dialog.import_button.click()

    driver = Driver(rename)
    window.import_published()
    driver.done()
    assert repo.find_report("洛阳市西工区退役军人事务局", 2020) is not None
    assert repo.find_report(SEED_AGENCY, 2020) is None


# ---------------------------------------------------------------------------------------------------- 汇总


def two_reports(repo, year: int = 2022) -> tuple[int, int]:
    a = repo.create_report("某某区司法局", year)
    b = repo.create_report("某某区财政局", year)
    repo.set_cell(a, "s3.new:natural", 3)
    repo.set_cell(a, "s3.granted:natural", 3)
    repo.set_cell(a, "s2.fees:amount", exchange_amount("1.25"))
    repo.set_cell(b, "s3.new:natural", 4)
    repo.set_cell(b, "s3.granted:natural", 2)  # 4 received, 2 answered, none carried: a balance error
    repo.set_cell(b, "s2.fees:amount", exchange_amount("0.005"))
    return a, b


def exchange_amount(text: str):
    from decimal import Decimal

    return Decimal(text)


def test_two_reports_are_summed_through_the_dialog_after_asking_about_errors(window, repo, monkeypatch):
    two_reports(repo)
    other_year = repo.create_report("某某区教育局", 2021)
    repo.set_cell(other_year, "s3.new:natural", 100)
    Recorder(monkeypatch)
    listed = []

    def fill(dialog) -> None:
        assert isinstance(dialog, AggregateDialog)
        dialog.pair.setCurrentIndex(dialog.pair.findData("2022|2021"))
        dialog.agency.setCurrentText("某某区人民政府")
        for row in range(dialog.table.rowCount()):
            listed.append(tuple(dialog.table.item(row, c).text() for c in range(3)))
        dialog.ok.click()

    driver = Driver(fill, click("仍然计入"))
    window.aggregate_action.trigger()
    driver.done()
    # Only the chosen year's reports are listed, each with its error count; the one with errors was named.
    assert [r[0] for r in listed] == ["某某区司法局", "某某区财政局"] or [r[0] for r in listed] == ["某某区财政局", "某某区司法局"]
    assert dict((r[0], r[2]) for r in listed)["某某区司法局"] == "无错误"
    assert "个错误" in dict((r[0], r[2]) for r in listed)["某某区财政局"]
    assert "某某区财政局" in driver.texts[0]
    rid = repo.find_report("某某区人民政府", 2022)
    assert rid is not None and window.document.report_id == rid
    total = repo.load(rid)
    assert total.cells["s3.new:natural"] == 7 and total.cells["s3.granted:natural"] == 5
    assert str(total.cells["s2.fees:amount"]) == "1.255"
    assert "某某区司法局" in total.text("s6") and "某某区教育局" not in total.text("s6")


def test_leaving_out_reports_with_errors_and_replacing_the_previous_sum(window, repo, monkeypatch):
    two_reports(repo)
    repo.create_report("某某区人民政府", 2022)  # an earlier 汇总 (or the office's own report): asked before replacing
    Recorder(monkeypatch)

    def fill(dialog) -> None:
        dialog.agency.setCurrentText("某某区人民政府")
        own = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        assert "某某区人民政府（汇总机关本身）" in own  # listed, but it cannot be one of the addends
        assert all(e.report.agency != "某某区人民政府" for e in dialog.checked_entries())
        dialog.ok.click()

    driver = Driver(fill, click("不计入这些报告"), click("替换"))
    window.aggregate_reports()
    driver.done()
    assert "恢复" in driver.texts[1]
    total = repo.load(repo.find_report("某某区人民政府", 2022))
    assert total.cells["s3.new:natural"] == 3  # only the report without errors


def test_a_file_of_another_year_or_format_cannot_be_mixed_in(qtbot, repo, tmp_path, monkeypatch):
    two_reports(repo)
    other = tmp_path / "教育局2020.json"
    from export import exchange_file

    exchange_file.write(samples.full("2019", 2020), other)
    said = Recorder(monkeypatch)
    dialog = AggregateDialog(repo)
    qtbot.addWidget(dialog)
    assert dialog.pair.currentData() == "2022|2021" and len(dialog.checked_entries()) == 2
    dialog.add_paths([str(other)])
    assert said.messages and "不能一起汇总" in said.messages[0][1] and "2020 年度" in said.messages[0][1]
    assert len(dialog.entries) == 2 and dialog.pair.count() == 1
    # With nothing chosen, a file decides the year instead (and then 2022's reports are not mixed in).
    dialog.set_checked(set())
    dialog.add_paths([str(other)])
    assert dialog.pair.currentData() == "2020|2019" and [e.source for e in dialog.checked_entries()] == [other.name]


def test_a_page_saved_as_mht_by_the_browser_is_imported_whole(window, repo, tmp_path, monkeypatch):
    """A clerk's first step: last year's report page saved with Ctrl+S (「网页，单个文件」), site and all."""
    from ..importer import saved_pages

    real = exchange.read(next((SHARED / "real").glob("04_*.json")))
    path = tmp_path / "年度报告.mht"
    path.write_bytes(saved_pages.mhtml(saved_pages.saved_page(real)))
    choose_file(monkeypatch, path)
    Recorder(monkeypatch, answers=[False])  # 以上年报告为基础新建: not now
    shown: list = []
    driver = Driver(accept_import(shown))
    window.import_published()
    driver.done()
    stored = repo.find_report(real.agency, real.year)
    assert stored is not None
    report = repo.load(stored)
    assert {c: report.value(c) for c in real.format.input_cells} == {c: real.value(c) for c in real.format.input_cells}
    assert all(report.text(sid) for sid in ("s1", "s5", "s6"))
    assert not any(n.startswith(("错误：", "警告：")) for n in shown[0])


def test_the_result_says_how_many_cells_the_text_left_open(qtbot):
    from gui.import_published import Outcome
    from importer import import_text

    from ..importer.test_flat_text import _FLAT_2021

    dialog = ImportResultDialog(Outcome("年报.txt", result=import_text(_FLAT_2021)), [])
    qtbot.addWidget(dialog)
    # 行政规范性文件1024 reads two ways: its three cells are not written, and the head says so before the notes.
    assert dialog.import_button is not None
    assert "有 3 个单元格无法从原文确定" in dialog.head.text() and "已读出全部" not in dialog.head.text()
