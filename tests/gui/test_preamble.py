"""The preamble (导语) on tab 一: edited above section 一's text, saved, undoable, and named by its finding."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.preamble_field import PreambleField

PREAMBLE = "本报告由某某区司法局编制。统计期限自2022年1月1日至2022年12月31日。如有疑问请与本局联系（电话：0371-1234567）。"


def test_preamble_is_edited_on_tab_one_above_its_text_saved_and_undone(open_window, qtbot, repo):
    rid = repo.create_report("某某区司法局", 2022)
    repo.set_text(rid, "s6", "本年度未收取信息处理费。")  # a report begun: its missing preamble is said
    window = open_window(report_id=rid)
    field = window.section_widgets["preamble"]
    first = window.section_widgets["s1"]
    assert isinstance(field, PreambleField)
    assert window.tabs.indexOf(first) == 0 and first.isAncestorOf(field)
    assert field.mapTo(first, field.rect().topLeft()).y() < first.editor.mapTo(first, first.editor.rect().topLeft()).y()
    # With no preamble the report is warned about, and the warning counts on tab 一.
    assert any(f.rule == "quality.preamble" for f in window.document.findings)
    assert "（" in window.tabs.tabText(0)
    window.tabs.setCurrentIndex(2)
    window.go_to_cell("preamble")  # double-clicking the finding
    assert window.tabs.currentIndex() == 0 and window.focusWidget() is field.editor
    for ch in PREAMBLE:  # what an input method commits
        field.editor.insertPlainText(ch)
    assert window.document.text("preamble") == PREAMBLE
    assert not any(f.rule == "quality.preamble" for f in window.document.findings)
    window.document.flush()
    assert repo.load(window.document.report_id).text("preamble") == PREAMBLE
    # A burst of typing is one undo step, apart from 一's text; Ctrl+Z in the box reaches the report's stack.
    first.editor.insertPlainText("总体情况")
    window.undo_action.trigger()
    assert window.document.text("s1") == "" and field.editor.toPlainText() == PREAMBLE
    qtbot.keyClick(field.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.editor.toPlainText() == "" and window.document.text("preamble") == ""
    window.redo_action.trigger()
    assert field.editor.toPlainText() == PREAMBLE


def test_preamble_is_read_only_in_a_final_report(open_window, repo):
    rid = repo.create_report("某某区司法局", 2022)
    repo.set_text(rid, "preamble", PREAMBLE)
    repo.set_status(rid, "定稿")
    window = open_window(report_id=rid)
    field = window.section_widgets["preamble"]
    assert field.editor.toPlainText() == PREAMBLE and field.editor.isReadOnly()
