"""The fixed toolbar, Ctrl+S, and 另存为… / 打开文件…: the report as a file a clerk can carry and open elsewhere."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from export import kinds
from report import exchange

from .conftest import table, write_prose
from .test_table_editing import cell_index, shown

AGENCY = "某某区司法局"


def _toolbar_places(window) -> dict[str, tuple[int, int]]:
    bar = window.findChild(QToolBar, "mainToolBar")
    actions = [window.undo_action, window.redo_action, window.save_action, window.export_pdf_action,
               window.final_action]
    places = {a.iconText(): (bar.widgetForAction(a).x(), bar.widgetForAction(a).width()) for a in actions}
    places["成文日期"] = (window.date_field.x(), window.date_field.width())
    return places


def test_nothing_on_the_toolbar_moves_after_an_edit_an_undo_or_final(open_window, repo, qtbot):
    window = open_window(AGENCY, 2022)
    write_prose(repo, window.document.report_id)
    before = _toolbar_places(window)
    assert set(before) == {"撤销", "重做", "保存", "导出 PDF", "定稿", "成文日期"}
    assert not window.undo_action.icon().isNull() and not window.redo_action.icon().isNull()
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:natural"), "12")
    qtbot.wait(10)
    assert _toolbar_places(window) == before
    # The description is in the tooltip, the status tip and the menu, not on the button.
    assert window.undo_action.iconText() == "撤销"
    assert "撤销：" in window.undo_action.toolTip() and "Ctrl+Z" in window.undo_action.toolTip()
    assert window.undo_action.statusTip() == window.undo_action.toolTip().split("（Ctrl")[0]
    assert window.undo_action.text().startswith("撤销(&U) ") and len(window.undo_action.text()) > 7
    window.undo_action.trigger()
    assert shown(view, "s3.new:natural") in ("", "0")
    assert window.statusBar().currentMessage().startswith("已撤销：")
    assert _toolbar_places(window) == before
    window.final_action.trigger()
    assert window.document.locked and window.final_action.text() == "取消定稿(&L)"
    qtbot.wait(10)
    assert _toolbar_places(window) == before


def test_ctrl_s_saves_at_once_and_says_when(open_window, repo, qtbot):
    window = open_window(AGENCY, 2022)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # a window's shortcuts work in the active window
    rid = window.document.report_id
    view = table(window, "s2")
    view.setCurrentIndex(cell_index(view, "s2.fees:amount"))
    qtbot.keyClicks(view, "8")  # the first key opens the editor; still being typed: Ctrl+S enters it and saves it
    editor = view.focusWidget()
    assert editor is not view
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert str(repo.load(rid).cells["s2.fees:amount"]) == "8"
    assert re.fullmatch(r"已保存 \d\d:\d\d", window.save_label.text())
    assert re.match(r"已保存 \d\d:\d\d：", window.statusBar().currentMessage())


def test_ctrl_s_with_the_database_refusing_offers_save_as(open_window, repo, qtbot, monkeypatch, clerk, tmp_path):
    from storage.errors import StorageError

    window = open_window(AGENCY, 2022)
    view = table(window, "s4")

    def full_disk(*args):
        raise StorageError("保存修改失败：磁盘空间不足", reason="full")

    monkeypatch.setattr(repo, "set_cell", full_disk)
    view.table_model.setData(cell_index(view, "s4.review:upheld"), "3")
    clerk.answers = ["另存为…"]
    clerk.save_as = [tmp_path / "备份"]
    assert window.save()
    assert "磁盘空间不足" in clerk.boxes[0]["text"] and clerk.boxes[0]["buttons"] == ["另存为…", "关闭"]
    saved = exchange.read(tmp_path / "备份.json")  # the typed figure is in the file, though not in the database
    assert saved.cells["s4.review:upheld"] == 3
    window.document.abandon()


def test_save_as_then_open_on_another_pc(open_window, repo, qtbot, clerk, tmp_path):
    from gui.main_window import MainWindow
    from storage.repository import Repository

    window = open_window(AGENCY, 2022)
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:natural"), "12")
    window.section_widgets["s5"].editor.setPlainText("一是宣传不够。")
    clerk.save_as = [tmp_path / "U盘" / "送审"]
    (tmp_path / "U盘").mkdir()
    assert window.save_as()
    proposed = clerk.proposed[0]
    assert proposed.endswith("某某区司法局2022年政府信息公开工作年度报告.json")
    path = tmp_path / "U盘" / "送审.json"
    assert str(path) in window.statusBar().currentMessage()

    leader = Repository.open(tmp_path / "领导的电脑.sqlite")
    try:
        other = MainWindow(leader)
        qtbot.addWidget(other)
        clerk.open_files = [path]
        other.open_file()
        assert other.document is not None
        assert other.document.report.cells["s3.new:natural"] == 12
        assert other.document.text("s5") == "一是宣传不够。"
        assert [(i.agency, i.year) for i in leader.reports()] == [(AGENCY, 2022)]
        rid = other.document.report_id

        # Opening it again asks before replacing; 取消 changes nothing.
        leader.set_cell(rid, "s3.new:natural", 13)
        clerk.open_files = [path]
        clerk.answers = ["取消"]
        other.open_file()
        assert "已有「某某区司法局」2022 年度的报告" in clerk.boxes[-1]["text"]
        assert leader.load(rid).cells["s3.new:natural"] == 13
        clerk.open_files = [path]
        clerk.answers = ["替换"]
        other.open_file()
        assert leader.load(rid).cells["s3.new:natural"] == 12
        other.close()
    finally:
        leader.close()


def test_a_file_that_is_not_a_report_is_refused_and_changes_nothing(open_window, repo, clerk, tmp_path):
    window = open_window(AGENCY, 2022)
    before = [(i.agency, i.year) for i in repo.reports()]
    bad = tmp_path / "照片.json"
    bad.write_text('{"agency": "某某局"', encoding="utf-8")
    clerk.open_files = [bad]
    window.open_file()
    assert clerk.boxes[0]["title"] == "打开年报文件"
    assert "无法打开「照片.json」" in clerk.boxes[0]["text"] and "数据库未作任何修改" in clerk.boxes[0]["text"]
    assert [(i.agency, i.year) for i in repo.reports()] == before
    assert window.document.report.agency == AGENCY


def test_the_file_menu_offers_save_open_and_pdf_but_no_exchange_jargon(open_window):
    window = open_window(AGENCY, 2022)
    file_menu = window.file_menu
    texts = [a.text() for a in file_menu.actions()]
    assert {"保存(&S)", "另存为(&A)…", "打开文件(&F)…"} <= set(texts)
    window.export_menu.aboutToShow.emit()
    labels = [a.text() for a in window.export_menu.actions()]
    assert [label.replace("(&P)", "") for label in labels if "PDF" in label] == [kinds.PDF.label]
    assert not any(kinds.EXCHANGE.name in label for label in labels)
    assert not any("交换文件" in t for t in texts)


def test_a_file_is_stored_the_way_an_import_is(open_window, repo, clerk, tmp_path):
    """打开文件… goes through the one store-and-open flow: totals the file got wrong are recomputed and listed, and
    a report that is 定稿 is not replaced."""
    window = open_window(AGENCY, 2022)
    report = window.document.report
    report.cells["s3.new:natural"] = 4
    report.cells["s3.new:total"] = 5  # the file's total disagrees with its addends
    path = tmp_path / "带错合计.json"
    path.write_text(exchange.dumps(report), encoding="utf-8")

    clerk.open_files = [path]
    clerk.answers = ["替换"]
    window.open_file()
    rid = window.document.report_id
    assert repo.load(rid).cells["s3.new:natural"] == 4
    assert shown(table(window, "s3"), "s3.new:total") == "4"
    listed = clerk.boxes[-1]
    assert listed["title"] == "打开年报文件" and listed["text"].startswith("已打开。合计按各项之和重新计算")
    assert "与各项之和 4 不符" in listed["text"]
    assert str(path) in window.statusBar().currentMessage()

    repo.set_status(rid, "定稿")
    report.cells["s3.new:natural"] = 9
    path.write_text(exchange.dumps(report), encoding="utf-8")
    clerk.open_files = [path]
    window.open_file()
    assert "已定稿，不能替换" in clerk.boxes[-1]["text"] and "数据库未作任何修改" in clerk.boxes[-1]["text"]
    assert repo.load(rid).cells["s3.new:natural"] == 4
