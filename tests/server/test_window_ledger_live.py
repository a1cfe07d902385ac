"""A window that watches a report on the shared database shows everything a colleague saves, within its looks:
the 台账 tab's rows (the clerk's selected row and scroll kept) and the cells of table 三 that follow the ledger,
the report's tie to the ledger, 定稿, the 成文日期, the 导语 and last year's report the findings compare with. A
window whose lease was lost shows the colleague's ledger too, and keeps what was typed in it."""

from __future__ import annotations

import datetime as dt

import pytest

from gui import menu_texts
from gui.ledger_tab import LedgerTab
from report.ledger import Application, derived_cells, records_appeals
from report.model import PREAMBLE
from report.status import Status
from storage.schema import FINAL

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen Qt on dock widgets

AGENCY = "癸区住建局"
NEW, GRANTED, PARTIAL = "s3.new:natural", "s3.granted:natural", "s3.partial:natural"
CELL = "s2.procurement:projects"  # typed, not from the ledger
WAIT = 30000  # the look comes every 2 s; a loaded machine takes longer


def _answered(number: str, result: str = "s3.granted") -> Application:
    return Application(number, dt.date(2020, 3, 2), "natural", content=f"申请{number}", answered=dt.date(2020, 3, 20),
                       result=result)


def _listed(window) -> list[str]:
    tab = window.ledger_tab
    return sorted(tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount()))


def _order(window) -> list[str]:
    tab = window.ledger_tab
    return [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]


def _shown(window, cell_id: str) -> str:
    view = window.section_widgets[window.document.format.cells[cell_id].section.id]
    return view.table_model.data(view.table_model.index_of(cell_id))


@pytest.fixture
def tied(two_clerks):
    """The first clerk's report with table 三 following a ledger of two applications."""
    first, second, rid = two_clerks
    first.import_ledger(AGENCY, 2020, [_answered("A"), Application("B", dt.date(2020, 3, 5), "natural")])
    return first, second, rid


def test_a_colleagues_ledger_edits_show_in_the_rows_and_cells_of_a_watching_window(tied, window_on, qtbot):
    first, second, rid = tied
    holder = window_on(first, rid)
    watcher = window_on(second, rid)
    assert holder.live.holding and watcher.document.watching
    tab = watcher.ledger_tab
    assert _listed(watcher) == ["A", "B"] and watcher.document.value(NEW) == 2
    qtbot.waitUntil(lambda: watcher.live._mark is not None, timeout=WAIT)
    tab.view.setCurrentIndex(next(tab.proxy.index(r, 4) for r in range(2) if tab.proxy.index(r, 0).data() == "A"))
    tab.view.setColumnWidth(4, 333)  # the clerk's own width of 申请内容

    first.save_application(AGENCY, _answered("C"))
    qtbot.waitUntil(lambda: _listed(watcher) == ["A", "B", "C"], timeout=WAIT)
    qtbot.waitUntil(lambda: watcher.document.value(NEW) == 3, timeout=WAIT)
    assert watcher.document.value(GRANTED) == 2 and _shown(watcher, NEW) == "3"
    assert tab.selected().number == "A" and tab.view.currentIndex().column() == 4  # the clerk's place kept
    assert tab.view.columnWidth(4) == 333
    assert "共 3 件申请" in tab.summary.text()
    made = LedgerTab(second, AGENCY, 2020, watcher.today, report_id=rid)  # the tab made now: rows in the same order
    qtbot.addWidget(made)
    assert _order(watcher) == [made.proxy.index(r, 0).data() for r in range(made.proxy.rowCount())]

    first.save_application(AGENCY, _answered("C", "s3.partial"), replacing="C")
    qtbot.waitUntil(lambda: watcher.document.value(PARTIAL) == 1, timeout=WAIT)
    assert watcher.document.value(GRANTED) == 1 and tab.applications["C"].result == "s3.partial"

    first.delete_application(AGENCY, "B")
    qtbot.waitUntil(lambda: _listed(watcher) == ["A", "C"], timeout=WAIT)
    qtbot.waitUntil(lambda: watcher.document.value(NEW) == 2, timeout=WAIT)
    assert tab.selected().number == "A"
    assert watcher.document.undo_stack.count() == 0 and not watcher.document.has_unsaved
    # What the watcher's window shows is what is saved.
    saved = second.load(rid)
    assert all(watcher.document.value(c) == saved.value(c) for c in watcher.document.derived)


def test_tying_and_detaching_and_a_first_appeal_change_which_cells_follow_the_ledger(tied, window_on, qtbot):
    first, second, rid = tied
    holder = window_on(first, rid)
    watcher = window_on(second, rid)
    assert watcher.document.watching
    # The watcher may keep the agency's ledger, but not change the report another edits through it.
    changing = {menu_texts.plain(a.text()): a for a in watcher.ledger_tab.actions_bar.actions()}
    assert not any(changing[t].isEnabled() for t in ("从电子表格导入台账", "由台账生成表三", "改为手工填写"))
    assert changing["新增申请"].isEnabled() and "只读" in changing["由台账生成表三"].toolTip()
    assert all(a.isEnabled() for a in holder.ledger_tab.actions_bar.actions())
    fmt = watcher.document.format
    assert watcher.document.derived == derived_cells(fmt, False)
    first.save_application(AGENCY, Application("D", dt.date(2020, 4, 1), "natural", answered=dt.date(2020, 4, 9),
                                                result="s3.granted", review="维持"))
    qtbot.waitUntil(lambda: watcher.document.derived == derived_cells(fmt, True), timeout=WAIT)
    assert records_appeals(list(watcher.ledger_tab.applications.values()))
    first.detach_from_ledger(rid)
    qtbot.waitUntil(lambda: watcher.document.derived == frozenset(), timeout=WAIT)
    tab = watcher.ledger_tab
    assert not tab.from_ledger and not tab.detach_action.isEnabled() and "由台账生成" not in tab.summary.text()
    index = _section_view(watcher, NEW).table_model.index_of(NEW)
    assert "由台账生成" not in str(_section_view(watcher, NEW).table_model.data(index, 3))  # no such tooltip now


def _section_view(window, cell_id):
    return window.section_widgets[window.document.format.cells[cell_id].section.id]


def test_final_date_preamble_and_last_years_report_saved_by_a_colleague_show(two_clerks, window_on, qtbot):
    first, second, rid = two_clerks
    holder = window_on(first, rid)
    watcher = window_on(second, rid)
    doc = watcher.document
    holder.document.set_text(PREAMBLE, "根据《条例》规定，现公布本机关年度报告。", merge=False)
    holder.document.set_date(dt.date(2021, 1, 20))
    qtbot.waitUntil(lambda: doc.report.date == dt.date(2021, 1, 20), timeout=WAIT)
    qtbot.waitUntil(lambda: watcher.section_widgets[PREAMBLE].editor.toPlainText().startswith("根据"), timeout=WAIT)
    assert watcher.date_field.edit.date().toPython() == dt.date(2021, 1, 20)

    last_year = first.create_report(AGENCY, 2019)
    first.set_cell(last_year, CELL, 40)
    qtbot.waitUntil(lambda: doc.previous is not None and doc.previous.cells.get(CELL) == 40, timeout=WAIT)

    holder.close()  # the lease given back, then 定稿 by the colleague from elsewhere (the command line)
    first.set_status(rid, FINAL)
    qtbot.waitUntil(lambda: doc.final, timeout=WAIT)
    assert second.info(rid).status == Status.FINAL and "[已定稿]" in watcher.windowTitle()


def test_a_window_whose_lease_was_lost_shows_the_colleagues_ledger_and_keeps_what_was_typed(tied, window_on, qtbot,
                                                                                              cluster, database):
    first, second, rid = tied
    window = window_on(first, rid)
    doc = window.document
    tab = window.ledger_tab
    doc.set_cells({CELL: 1})
    qtbot.waitUntil(lambda: not doc.has_unsaved, timeout=WAIT)  # written by the writer's thread
    # The clerk's program could not reach the server for minutes; the lease lapsed and the colleague took it.
    cluster.admin("UPDATE edit_leases SET renewed = renewed - interval '1 hour'", database)
    assert second.take_lease(rid).mine
    doc.set_cells({CELL: 4})  # refused by the server: kept here, the window now only watches
    qtbot.waitUntil(lambda: doc.watching, timeout=WAIT)
    assert doc.unsaved_count == 1
    second.save_application(AGENCY, _answered("E"))
    qtbot.waitUntil(lambda: _listed(window) == ["A", "B", "E"], timeout=WAIT)
    qtbot.waitUntil(lambda: doc.value(NEW) == 3, timeout=WAIT)
    assert doc.value(CELL) == 4 and doc.unsaved_count == 1  # what was typed here stays, still waiting
    assert _shown(window, NEW) == "3" and "共 3 件申请" in tab.summary.text()
    second.release_lease(rid)
    qtbot.waitUntil(lambda: window.live.banner.retry_button.text() == "开始编辑", timeout=WAIT)
    assert not tab.detach_action.isEnabled()
    window.live.banner.retry_button.click()
    assert not doc.locked and tab.detach_action.isEnabled()
    qtbot.waitUntil(lambda: not doc.has_unsaved, timeout=WAIT)  # the kept edit, written now
    saved = second.load(rid)
    assert saved.cells[CELL] == 4 and saved.cells[NEW] == 3 and doc.value(NEW) == 3


def test_the_window_editing_the_report_shows_a_colleagues_ledger_edits_and_keeps_its_own(tied, window_on, qtbot):
    """The ledger is the agency's: a colleague keeps it (from a window watching this report, or another year's)
    while this clerk types the report. Table 三 follows the ledger here too; the clerk's typing and undo stay."""
    first, second, rid = tied
    holder = window_on(first, rid)
    watcher = window_on(second, rid)
    doc, tab = holder.document, holder.ledger_tab
    assert doc.set_cells({CELL: 5}) and doc.set_cells({CELL: 6}) and doc.undo_stack.count() == 2
    qtbot.waitUntil(lambda: holder.live._mark is not None, timeout=WAIT)
    second.save_application(AGENCY, _answered("F", "s3.partial"))
    qtbot.waitUntil(lambda: doc.value(PARTIAL) == 1 and doc.value(NEW) == 3, timeout=WAIT)
    qtbot.waitUntil(lambda: _listed(holder) == ["A", "B", "F"], timeout=WAIT)
    assert _shown(holder, PARTIAL) == "1" and doc.value(CELL) == 6 and doc.undo_stack.count() == 2
    doc.undo_stack.undo()  # the clerk's own step, undone as typed
    assert doc.value(CELL) == 5 and doc.value(PARTIAL) == 1
    qtbot.waitUntil(lambda: not doc.has_unsaved, timeout=WAIT)  # written by the writer's thread
    saved = first.load(rid)
    assert saved.cells[CELL] == 5 and saved.cells[PARTIAL] == 1
    assert holder.live.holding and not tab.report_locked and watcher.document.watching
