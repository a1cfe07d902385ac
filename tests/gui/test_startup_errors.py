"""Errors at start: the windowed program (which may have no console) says them in a Chinese dialog and exits 2;
the self-test prints them and never waits on a dialog."""

from __future__ import annotations

import re
import sqlite3
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from .dialogs import Driver, click
from .test_smoke import run_smoke


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own; put pytest's back


def newer_database(path):
    from storage.repository import Repository

    Repository.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")
    db.close()
    return path


def corrupt_database(path):
    path.write_bytes(bytes(range(256)) * 40)
    return path


def read_dialog(seen: list[str]):
    def handler(box):
        assert isinstance(box, QMessageBox) and box.icon() == QMessageBox.Icon.Critical
        seen.append(box.text())
        box.accept()
    return handler


def run_window(qtbot, capsys, **kwargs) -> tuple[int, str, list[str]]:
    from gui.app import run

    seen: list[str] = []
    driver = Driver(read_dialog(seen))
    status = run(**kwargs)
    driver.done()
    return status, capsys.readouterr().err, seen


@pytest.mark.parametrize("make, said", [(newer_database, "更新版本"), (corrupt_database, "不是 SQLite 数据库文件")])
def test_a_database_that_cannot_be_opened_is_said_in_a_dialog(qtbot, capsys, tmp_path, make, said):
    path = make(tmp_path / "年报.sqlite")
    before = path.read_bytes()
    status, err, seen = run_window(qtbot, capsys, db=str(path))
    assert status == 2 and len(seen) == 1 and said in seen[0]
    assert said in err  # and on stderr, for a console
    assert path.read_bytes() == before


def test_a_data_folder_that_cannot_be_made_is_said_in_a_dialog(qtbot, capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("")
    monkeypatch.setenv("GOV_REPORT_DATA_DIR", str(blocker / "数据"))
    status, err, seen = run_window(qtbot, capsys)
    assert status == 2 and "无法建立程序的数据文件夹" in seen[0] and "--db" in seen[0]


def test_an_unexpected_error_at_start_is_said_in_a_dialog(qtbot, capsys, tmp_path, monkeypatch):
    from gui.main_window import MainWindow

    def broken(self, **_options):
        raise RuntimeError("boom")

    monkeypatch.setattr(MainWindow, "open_latest", broken)
    status, err, seen = run_window(qtbot, capsys, db=str(tmp_path / "年报.sqlite"))
    assert status == 2 and "程序启动时内部出错" in seen[0] and "日志文件" in seen[0]
    assert "Traceback" not in err and "boom" not in err


def test_the_smoke_test_prints_a_database_it_cannot_open_and_exits_non_zero(tmp_path):
    result = run_smoke("--db", str(newer_database(tmp_path / "年报.sqlite")))
    assert result.returncode == 2 and "更新版本" in result.stderr.decode("utf-8")


def test_the_smoke_test_closes_a_dialog_instead_of_waiting_on_it(qtbot, capsys, tmp_path, monkeypatch):
    from gui.app import run
    from gui.main_window import MainWindow

    real = MainWindow.open_latest

    def asking(self, **options):
        QMessageBox.warning(self, "打开报告", "数据库中的报告无法读取")  # modal: would wait for ever
        return real(self, **options)

    monkeypatch.setattr(MainWindow, "open_latest", asking)
    assert run(db=str(tmp_path / "年报.sqlite"), smoke_test=True) == 1
    assert "自检失败：出现了对话框「打开报告」数据库中的报告无法读取" in capsys.readouterr().err


def test_an_error_in_the_self_test_ends_it_with_status_1(qtbot, capsys, tmp_path, monkeypatch):
    import gui.app

    def broken(window, app):
        raise RuntimeError("boom")

    monkeypatch.setattr(gui.app, "_walk_tabs", broken)
    assert gui.app.run(db=str(tmp_path / "年报.sqlite"), smoke_test=True) == 1
    assert "程序内部出错" in capsys.readouterr().err


def damaged_with_backup(path):
    """A database with a report and its automatic backup, then overwritten with noise (as a failing disk does)."""
    from storage.repository import Repository

    with Repository.open(path) as repo:
        rid = repo.create_report("某某区司法局", 2022)
        repo.set_text(rid, "s6", "备份中的文字")
        repo.set_cell(rid, "s3.new:natural", 7)
    with Repository.open(path) as repo:  # the next start backs up what changed
        repo.wait_for_backup()
        assert repo.backups()
    path.with_name(path.name + ".lock").unlink(missing_ok=True)
    damaged = bytes(range(256)) * 40
    path.write_bytes(damaged)
    return damaged


def nothing_left_over():
    """The self-test runs above may leave their window open (the one whose walk failed) and a quit posted by one
    that closed, which would end the next dialog's loop at once: both done with here, outside any loop."""
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QApplication.processEvents()


def close_main_window_when_shown(shown: list):
    """Closes the main window once it is up (ending run()), noting the report it shows."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    def poll():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible() and w.document is not None:
                timer.stop()
                shown.append((w.document.report.agency, w.document.text("s6"), w.document.value("s3.new:natural")))
                w.close()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(poll)
    timer.start()
    return timer


def test_a_damaged_database_is_restored_from_its_backup_when_the_clerk_chooses_it(qtbot, capsys, tmp_path):
    from gui.app import run

    path = tmp_path / "年报.sqlite"
    damaged = damaged_with_backup(path)
    nothing_left_over()
    offered: list[str] = []

    def restore(box):
        offered.append(box.text() + box.informativeText())
        click("用自动备份恢复")(box)

    driver = Driver(restore, click("确定"))
    shown: list = []
    timer = close_main_window_when_shown(shown)
    status = run(db=str(path))
    timer.stop()
    driver.done()
    assert status == 0
    assert "不是 SQLite 数据库文件" in offered[0] and "不会删除" in offered[0]
    assert "已用自动备份" in driver.texts[1]
    assert shown == [("某某区司法局", "备份中的文字", 7)]  # the window opened on the restored file
    kept = [p for p in tmp_path.iterdir() if re.fullmatch(re.escape(path.name) + r"\.损坏-\d{8}-\d{6}", p.name)]
    assert [p.read_bytes() for p in kept] == [damaged]  # the damaged file is kept beside it, not deleted


def test_quitting_instead_of_restoring_changes_nothing(qtbot, capsys, tmp_path):
    from gui.app import run

    path = tmp_path / "年报.sqlite"
    damaged = damaged_with_backup(path)
    nothing_left_over()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    driver = Driver(click("退出"))
    status = run(db=str(path))
    driver.done()
    assert status == 2
    assert path.read_bytes() == damaged
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert "可以改用最近的自动备份" in capsys.readouterr().err
