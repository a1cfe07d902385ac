"""Errors at start: the windowed program (which may have no console) says them in a Chinese dialog and exits 2;
the self-test prints them and never waits on a dialog."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from .dialogs import Driver
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
