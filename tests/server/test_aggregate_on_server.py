"""汇总 in the window on a shared database: a reviewer's dialog offers every agency's report of the year and sums
them; the reviewer may not store the sum, so it is shown unsaved (to export, print or 另存为) with the reason, and
the server is unchanged. A clerk's dialog offers only their own agency's reports."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from storage.server import ServerRepository, init_database, with_owner
from storage.server_logins import add_login
from tests.gui.dialogs import Driver

A, B, COLLECTOR = "甲区财政局", "乙区教育局", "某区人民政府"
CELL = "s2.license:decisions"
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def office(cluster, database):
    owner = cluster.url(database)
    init_database(owner)
    logins = {"a": f"clerk_a_{database}", "r": f"reviewer_{database}"}
    now = datetime.datetime.now()
    with_owner(owner, "添加登录名", lambda conn: add_login(conn, logins["a"], "pw-a", [A], reviewer=False, now=now))
    with_owner(owner, "添加登录名", lambda conn: add_login(conn, logins["r"], "pw-r", [], reviewer=True, now=now))
    with ServerRepository.connect(owner) as repo:
        for agency, value in ((A, 3), (B, 7)):
            rid = repo.create_report(agency, 2022)
            repo.set_cell(rid, CELL, value)
        repo.create_report(B, 2021)  # another year: not offered beside 2022's
    urls = {"a": cluster.url(database, user=logins["a"], password="pw-a"),
            "r": cluster.url(database, user=logins["r"], password="pw-r")}
    return cluster, database, urls


def test_a_reviewer_sums_every_agency_and_gets_the_sum_unsaved(qtbot, office, window_on):
    from gui.aggregate_dialog import AggregateDialog

    cluster, database, urls = office
    window = window_on(ServerRepository.connect(urls["r"]), owned=True)
    offered = []

    def choose(dialog) -> None:
        assert isinstance(dialog, AggregateDialog)
        offered.extend(sorted(e.report.agency for e in dialog.shown))
        dialog.agency.setCurrentText(COLLECTOR)
        dialog.accept()

    told = []

    def read(box) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text())
        box.accept()

    driver = Driver(choose, read)
    try:
        window.aggregate_reports()
        qtbot.waitUntil(lambda: not driver.handlers, timeout=30_000)  # a loaded machine may take seconds
    finally:
        driver.timer.stop()
    driver.done()
    assert offered == sorted([A, B])  # 2022's reports of both agencies
    assert "已汇总 2 个机关的 2022 年度报告" in told[0] and "没有保存" in told[0] and "另存为" in told[0] and "权限" in told[0]
    doc = window.document
    assert doc is not None and doc.report_id is None and doc.report.agency == COLLECTOR
    assert doc.report.cells[CELL] == 10
    assert "[未保存到数据库]" in window.windowTitle() and window.save_action.isEnabled()
    assert cluster.admin(f"SELECT count(*) FROM reports r JOIN agencies a ON a.id = r.agency_id "
                         f"WHERE a.name = '{COLLECTOR}'", database) == [(0,)]


def test_a_clerk_is_offered_only_their_agency(qtbot, office, window_on):
    from gui.aggregate_dialog import AggregateDialog

    _cluster, _database, urls = office
    window = window_on(ServerRepository.connect(urls["a"]), owned=True)
    dialog = AggregateDialog(window.repository, window)
    qtbot.addWidget(dialog)
    assert {e.report.agency for e in dialog.entries} == {A}
