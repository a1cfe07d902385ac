"""Two windows on one report of the shared database, and a window while the server goes away: the second opener
reads only, told who edits and since when; a watcher sees saved edits within seconds without losing its place;
edits typed while the server is down wait, are counted, and are written once it is back; a lost lease stops the
editing and keeps what was typed."""

from __future__ import annotations

import io

import pytest

import main
from storage.server import ServerRepository, init_database
from tests.server.writes import wait_saved

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen Qt on dock widgets

AGENCY = "壬区市场监管局"
CELL = "s2.procurement:projects"
OTHER = "s2.procurement:amount"


@pytest.fixture
def office(cluster, database, monkeypatch, capsys):
    """Two clerks of the agency and a reviewer, each connected; the report's id."""
    owner = cluster.url(database)
    init_database(owner)
    repos = {}
    for who, role in (("clerk", ["--agency", AGENCY]), ("other", ["--agency", AGENCY]), ("reviewer", ["--reviewer"])):
        login = f"{who}_{database}"
        monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
        assert main.main(["db", "user", "add", login, *role, "--password-stdin", "--db", owner]) == 0
        repos[who] = ServerRepository.connect(cluster.url(database, user=login, password="pw"))
    capsys.readouterr()
    repos["report"] = repos["clerk"].create_report(AGENCY, 2020)
    yield repos
    for repo in repos.values():
        if isinstance(repo, ServerRepository):
            repo.close()


def _section_of(window, cell_id):
    return window.section_widgets[window.document.format.cells[cell_id].section.id]


def test_the_second_window_reads_only_and_says_who_and_since_when(office, window_on, qtbot):
    first = window_on(office["clerk"], office["report"])
    second = window_on(office["other"], office["report"])
    assert first.document.watching is None and first.live.holding and not first.live.banner.isVisible()
    doc = second.document
    assert doc.locked and not doc.final
    banner = second.live.banner
    assert banner.isVisible() and banner.retry_button.isVisible()
    assert f"「{office['clerk'].login}」" in banner.label.text() and "起" in banner.label.text()
    assert "[只读]" in second.windowTitle() and second.save_label.text() == "只读"
    assert not doc.set_cells({CELL: 3})  # refused here, and nothing written
    view = _section_of(second, CELL)
    index = view.table_model.index_of(CELL)
    assert not view.table_model.setData(index, "3")
    assert office["other"].load(office["report"]).cells.get(CELL, 0) == 0
    # Retrying while the first still edits says so again; once it closes, the second may edit.
    banner.retry_button.click()
    assert doc.locked and banner.isVisible()
    first.close()  # its lease given back: the watcher learns it at its next look
    qtbot.waitUntil(lambda: banner.retry_button.text() == "开始编辑", timeout=10000)
    assert "现在可以编辑" in banner.label.text()
    banner.retry_button.click()
    assert second.save_label.text() == "已保存"
    assert not doc.locked and not banner.isVisible() and second.live.holding
    assert doc.set_cells({CELL: 3})
    wait_saved(qtbot, doc)
    assert office["clerk"].load(office["report"]).cells[CELL] == 3


def test_the_same_login_in_another_window_is_said_as_such(office, window_on):
    first = window_on(office["clerk"], office["report"])
    again = ServerRepository.connect(office["clerk"].url.render_as_string(hide_password=False))
    try:
        second = window_on(again, office["report"])
        text = second.live.banner.label.text()
        assert f"同一登录名「{office['clerk'].login}」在另一个程序窗口" in text and "异常退出" in text
        assert first.document.watching is None and second.document.watching
        second.close()
    finally:
        again.close()


def test_a_watcher_sees_saved_edits_within_seconds_and_keeps_its_place(office, window_on, qtbot):
    editor = window_on(office["clerk"], office["report"])
    watcher = window_on(office["reviewer"], office["report"])
    assert "审核人" in watcher.live.banner.label.text() and not watcher.live.banner.retry_button.isVisible()
    view = _section_of(watcher, OTHER)
    watcher.tabs.setCurrentWidget(view)
    view.setCurrentIndex(view.table_model.index_of(OTHER))
    prose = watcher.section_widgets["s6"]
    editor.document.set_text("s6", "本年度未收取信息处理费。", merge=False)
    qtbot.waitUntil(lambda: prose.editor.toPlainText() == "本年度未收取信息处理费。", timeout=10000)
    caret = prose.editor.textCursor()
    caret.setPosition(2)
    prose.editor.setTextCursor(caret)
    editor.document.set_cells({CELL: 7})
    editor.document.set_text("s6", "本年度未收取信息处理费。另有说明。", merge=False)
    qtbot.waitUntil(lambda: watcher.document.value(CELL) == 7, timeout=10000)
    qtbot.waitUntil(lambda: prose.editor.toPlainText().endswith("另有说明。"), timeout=10000)
    assert view.table_model.data(view.table_model.index_of(CELL)) == "7"
    assert view.currentIndex() == view.table_model.index_of(OTHER)  # the reader's place in the table stays
    assert prose.editor.textCursor().position() == 2  # and in the text
    assert watcher.document.undo_stack.count() == 0


def test_a_watched_report_replaced_in_another_format_is_shown_anew_and_its_deletion_said(office, window_on, qtbot):
    from report.model import Report

    watcher = window_on(office["reviewer"], office["report"])
    assert watcher.document.format.id == "2019"
    replacing = Report(AGENCY, 2020, "2021", cells={"s3.new:natural": 2})
    office["clerk"].import_report(replacing, replace=True, source="测试")
    qtbot.waitUntil(lambda: watcher.document.format.id == "2021", timeout=10000)
    assert watcher.document.value("s3.new:natural") == 2 and watcher.document.watching
    assert watcher.live is not None and watcher.live.banner.isVisible()
    office["clerk"].delete_report(office["report"])
    qtbot.waitUntil(lambda: "已被别人删除" in watcher.live.banner.label.text(), timeout=10000)


def test_edits_typed_while_the_server_is_down_are_written_once_it_is_back(office, window_on, qtbot, cluster,
                                                                        monkeypatch):
    monkeypatch.setattr("gui.edit_saving.RETRY_MS", 300)
    window = window_on(office["clerk"], office["report"])
    doc = window.document
    doc.set_cells({CELL: 1})
    wait_saved(qtbot, doc)
    assert window.save_label.text().startswith("已保存")
    cluster.stop("immediate")
    try:
        doc.set_cells({CELL: 2})  # to the writer's thread, which finds the server gone
        qtbot.waitUntil(lambda: doc.is_offline, timeout=30000)
        doc.set_cells({OTHER: 5})
        doc.set_text("s6", "本年度未收取信息处理费。", merge=False)
        doc.set_cells({CELL: 3})  # the same cell again: one waiting write, its latest value
        assert doc.is_offline and doc.unsaved_count == 3
        assert window.save_label.text() == "正在重新连接…（3 处修改未保存）"
        assert doc.value(CELL) == 3  # the window shows what was typed
    finally:
        cluster.launch()
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已保存"), timeout=15000)
    assert not doc.has_unsaved and "已重新连接共享数据库，3 处修改已保存" in window.statusBar().currentMessage()
    saved = office["other"].load(office["report"])
    assert saved.cells[CELL] == 3 and saved.cells[OTHER] == 5 and saved.texts["s6"] == "本年度未收取信息处理费。"
    cells = [r.new for r in office["clerk"].revisions(office["report"]) if r.kind == "cell" and r.target == CELL]
    assert cells == ["3", "1"]  # each acknowledged or waiting edit once, in order


def test_a_killed_connection_is_replaced_without_the_clerk_noticing(office, window_on, cluster, database, qtbot):
    window = window_on(office["clerk"], office["report"])
    doc = window.document
    told: list[object] = []
    doc.offline.connect(told.append)
    doc.saveFailed.connect(told.append)
    doc.set_cells({CELL: 1})
    wait_saved(qtbot, doc)
    killed = cluster.admin("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                           f"WHERE datname = '{database}' AND usename = '{office['clerk'].login}'")
    assert killed[0][0] >= 1
    doc.set_cells({CELL: 2})
    wait_saved(qtbot, doc)
    assert told == [] and window.save_label.text().startswith("已保存")
    assert office["other"].load(office["report"]).cells[CELL] == 2


def test_a_lost_lease_stops_the_editing_and_keeps_what_was_typed(office, window_on, cluster, database, qtbot):
    window = window_on(office["clerk"], office["report"])
    doc = window.document
    doc.set_cells({CELL: 1})
    wait_saved(qtbot, doc)
    # The clerk's program could not reach the server for minutes; the lease lapsed and the other took it.
    cluster.admin("UPDATE edit_leases SET renewed = renewed - interval '1 hour'", database)
    assert office["other"].take_lease(office["report"]).mine
    office["other"].set_cell(office["report"], OTHER, 9)
    doc.set_cells({CELL: 4})
    qtbot.waitUntil(lambda: doc.locked, timeout=30000)  # the writer's answer: the lease is another's
    assert doc.locked and doc.watching and doc.unsaved_count == 1 and doc.value(CELL) == 4
    banner = window.live.banner
    assert banner.isVisible() and "编辑权已失效" in banner.label.text() and "1 处修改" in banner.label.text()
    assert f"「{office['other'].login}」" in banner.label.text()
    assert office["other"].load(office["report"]).cells[CELL] == 1  # nothing written over the other's report
    office["other"].release_lease(office["report"])
    qtbot.waitUntil(lambda: banner.retry_button.text() == "开始编辑", timeout=10000)
    assert "1 处修改" in banner.label.text()
    banner.retry_button.click()
    assert not doc.locked
    wait_saved(qtbot, doc)
    saved = office["other"].load(office["report"])
    assert saved.cells[CELL] == 4 and saved.cells[OTHER] == 9  # the kept edit written, the other's edit kept
    assert doc.value(OTHER) == 9
