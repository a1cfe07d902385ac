"""The window on a shared database: `main.py --db postgresql://…` asks a missing password in a masked dialog
(again after a wrong one), names the database in the title (never the password), offers the reports the login may
see, and saves edits through the server, each revision naming the login."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from storage.errors import StorageError
from storage.server import ServerRepository, init_database, with_owner
from storage.server_logins import add_login
from tests.gui.dialogs import Driver
from tests.server.writes import wait_saved

A, B = "甲区财政局", "乙区教育局"
# Qt's offscreen platform warns about dock widgets' size hints (as in tests/gui/conftest.py).
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def office(cluster, database):
    """A database with a clerk of A and one report each of A and B (made by the owner)."""
    owner = cluster.url(database)
    init_database(owner)
    clerk = f"clerk_{database}"
    with_owner(owner, "添加登录名", lambda conn: add_login(conn, clerk, "pw-甲", [A], reviewer=False,
                                                           now=datetime.datetime.now()))
    with ServerRepository.connect(owner) as repo:
        ra = repo.create_report(A, 2022)
        rb = repo.create_report(B, 2022)
    return cluster, database, clerk, ra, rb


def type_password(password: str):
    def handler(dialog) -> None:
        from gui.shared_database import PasswordDialog

        assert isinstance(dialog, PasswordDialog)
        assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
        dialog.password.setText(password)
        dialog.accept()

    return handler


def test_the_window_opens_on_the_server_as_a_clerk(qtbot, office):
    from gui import app
    from gui.picker import ReportPicker

    cluster, database, clerk, ra, _rb = office
    url = cluster.url(database, user=clerk, password=None)
    asked_again = []

    def wrong_then_right(dialog) -> None:
        asked_again.append(dialog.problem.text())
        type_password("pw-甲")(dialog)

    shown_reports = []

    def pick(picker) -> None:
        assert isinstance(picker, ReportPicker)
        shown_reports.extend((info.agency, info.year) for info in picker.infos)
        picker.accept()

    driver = Driver(type_password("not-the-password"), wrong_then_right, pick)
    repository = app.open_repository(url)
    window = None
    try:
        assert asked_again == ["登录名或密码不正确，请重新输入。"]
        assert repository.login == clerk
        window = app._open_window(repository, smoke_test=False)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.document is not None, timeout=30_000)  # a loaded machine may take seconds
        driver.done()
        assert shown_reports == [(A, 2022)]  # B's report is not the clerk's: the server does not return it
        assert window.repository is repository
        title = window.windowTitle()
        assert f"postgresql://{clerk}@127.0.0.1:{cluster.port}/{database}" in title and A in title
        assert "pw-" not in title
        assert window.document.set_cells({"s2.license:decisions": 4})
        wait_saved(qtbot, window.document)
    finally:
        driver.timer.stop()
        if window is not None:
            if window.document is not None:
                window.document.abandon()  # a failed assertion must not leave 有修改未能保存 waiting for a click
            window.close()
        repository.close()
    with ServerRepository.connect(cluster.url(database)) as owner:
        assert owner.load(ra).cells["s2.license:decisions"] == 4
    logins = cluster.admin("SELECT DISTINCT login FROM revisions WHERE kind = 'cell'", database)
    assert logins == [(clerk,)]


def test_cancelling_the_password_connects_nothing(qtbot, office):
    from gui import app

    cluster, database, clerk, _ra, _rb = office
    driver = Driver(lambda dialog: dialog.reject())
    try:
        with pytest.raises(StorageError) as cancelled:
            app.open_repository(cluster.url(database, user=clerk, password=None))
    finally:
        driver.timer.stop()
    assert cancelled.value.reason == "cancelled" and "未连接" in cancelled.value.message


@pytest.mark.parametrize("change, expected", [
    (lambda c, d: c.url(d, password="wrong"), "登录名或密码不正确"),
    (lambda c, d: c.url("no_such_db"), "没有名为「no_such_db」的数据库"),
    (lambda c, d: c.url(d, host="no-such-host.invalid"), "找不到数据库服务器「no-such-host.invalid」"),
])
def test_each_connection_failure_is_said_in_chinese_and_the_window_does_not_start(qtbot, office, capsys,
                                                                                   monkeypatch, change, expected):
    from PySide6.QtWidgets import QMessageBox

    from gui import app

    cluster, database, *_ = office
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: said.append((title, text)))
    assert app.run(change(cluster, database)) == 2
    [(title, text)] = said
    assert "无法启动" in title and expected in text and "wrong" not in text
    assert expected in capsys.readouterr().err


def test_refused_connection(qtbot, cluster, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui import app

    from .cluster import free_port

    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: said.append(text))
    assert app.run(f"postgresql://someone:pw@127.0.0.1:{free_port()}/office") == 2
    assert "拒绝连接" in said[0]


def test_no_dialog_is_left_when_the_password_is_in_the_url(qtbot, office):
    from gui import app

    cluster, database, clerk, _ra, _rb = office
    repository = app.open_repository(cluster.url(database, user=clerk, password="pw-甲"))
    try:
        assert repository.login == clerk
        assert not [w for w in qtbot_top_dialogs() if w.isVisible()]
    finally:
        repository.close()


def qtbot_top_dialogs():
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
