"""查找/替换 across the sections: Ctrl+F finds in prose and tables in reading order and wraps round, Ctrl+H
replaces one occurrence or all of them (one undo step), and nothing is replaced in a 定稿 report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from gui.find_replace import python_index, text_hits
from gui.table_view import TableView
from gui.text_section import TextSection, qt_position

CTRL = Qt.KeyboardModifier.ControlModifier


def opened(open_window, repo, qtbot, texts: dict[str, str]):
    report_id = repo.create_report("某某区司法局", 2022)
    for section_id, text in texts.items():
        repo.set_text(report_id, section_id, text)
    window = open_window(report_id=report_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def selected(window) -> tuple[str, str]:
    widget = window.tabs.currentWidget()
    assert isinstance(widget, TextSection)
    return window.document.format.sections[window.tabs.currentIndex()].id, widget.editor.textCursor().selectedText()


# 专栏 is in no table's label, so that these finds stay in the prose.
TEXTS = {"s1": "（一）专栏建设\n本年度在专栏发布信息 12 条。", "s5": "一是专栏更新不及时。", "s6": "本年度未收取信息处理费。专栏渠道畅通。"}


def test_ctrl_f_finds_through_the_sections_in_order_and_wraps(open_window, repo, qtbot):
    window = opened(open_window, repo, qtbot, TEXTS)
    window.section_widgets["s1"].editor.setFocus()
    qtbot.keyClick(window.section_widgets["s1"].editor, Qt.Key.Key_F, CTRL)
    dialog = window.find_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "查找" and not dialog.replacement.isVisible()
    dialog.query.setText("专栏")
    found = []
    for _ in range(5):
        hit = dialog.find()
        found.append(selected(window) if isinstance(window.tabs.currentWidget(), TextSection) else hit.section)
    assert found == [("s1", "专栏"), ("s1", "专栏"), ("s5", "专栏"), ("s6", "专栏"), ("s1", "专栏")]
    assert dialog.status.text() == "已从头开始查找。第 1 处，共 4 处。"
    qtbot.keyClick(dialog.query, Qt.Key.Key_F3)  # F3 in the dialog finds again
    assert selected(window) == ("s1", "专栏") and dialog.status.text() == "第 2 处，共 4 处。"
    qtbot.keyClick(dialog.query, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.section_widgets["s1"].editor.textCursor().selectionStart() == len("（一）")
    dialog.find(forward=False)
    assert selected(window) == ("s6", "专栏") and dialog.status.text().startswith("已从末尾开始查找。")
    dialog.query.setText("公开")  # now only in the labels of table 三: each found once, in order, then round again
    hits = dialog.hits()
    visited = [dialog.find() for _ in range(len(hits) + 1)]
    assert len(hits) > 5 and {h.section for h in hits} == {2}
    assert visited == hits + hits[:1]


def test_find_reaches_the_tables_labels_and_figures(open_window, repo, qtbot):
    window = opened(open_window, repo, qtbot, TEXTS)
    window.document.set_cells({"s3.new:natural": 4321})
    dialog = window.find_dialog
    dialog.open_for(replacing=False)
    dialog.query.setText("4321")
    dialog.find()
    view = window.tabs.currentWidget()
    assert isinstance(view, TableView)
    assert view.table_model.cell_at(view.currentIndex().row(), view.currentIndex().column()).cell == "s3.new:natural"
    dialog.query.setText("行政复议")
    dialog.find()
    assert window.tabs.currentIndex() == 3
    dialog.query.setText("不存在的词")
    assert dialog.find() is None and dialog.status.text() == "未找到「不存在的词」。"


def test_ctrl_h_replaces_one_then_all_as_one_undo_step(open_window, repo, qtbot):
    window = opened(open_window, repo, qtbot, TEXTS)
    doc = window.document
    editor = window.section_widgets["s1"].editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_H, CTRL)
    dialog = window.find_dialog
    assert dialog.windowTitle() == "替换" and dialog.replacement.isVisible()
    dialog.query.setText("专栏")
    dialog.replacement.setText("网站")
    dialog.replace()  # nothing selected yet: finds the first
    assert selected(window) == ("s1", "专栏") and doc.text("s1") == TEXTS["s1"]
    dialog.replace()  # replaces it, shows the next
    assert doc.text("s1") == "（一）网站建设\n本年度在专栏发布信息 12 条。" and selected(window) == ("s1", "专栏")
    assert dialog.replace_all() == 3
    assert doc.text("s1") == "（一）网站建设\n本年度在网站发布信息 12 条。"
    assert doc.text("s5") == "一是网站更新不及时。" and doc.text("s6") == "本年度未收取信息处理费。网站渠道畅通。"
    assert dialog.status.text() == "已替换 3 处（位于第一、五、六节），可用撤销恢复。"
    doc.undo_stack.undo()
    assert [doc.text(s) for s in ("s5", "s6")] == [TEXTS["s5"], TEXTS["s6"]]
    assert doc.text("s1") == "（一）网站建设\n本年度在专栏发布信息 12 条。"


def test_a_final_report_is_searched_but_not_replaced(open_window, repo, qtbot):
    window = opened(open_window, repo, qtbot, TEXTS)
    window.document.set_locked(True)
    dialog = window.find_dialog
    dialog.open_for(replacing=True)
    assert not dialog.replace_button.isEnabled() and not dialog.replace_all_button.isEnabled()
    dialog.query.setText("专栏")
    assert dialog.replace_all() == 0 and window.document.text("s5") == TEXTS["s5"]
    assert dialog.find() is not None


def test_case_and_characters_outside_the_bmp():
    assert text_hits("Ab ab AB", "ab", match_case=False) == [(0, 2), (3, 5), (6, 8)]
    assert text_hits("Ab ab AB", "ab", match_case=True) == [(3, 5)]
    assert text_hits("a.b a*b", ".", match_case=True) == [(1, 2)]  # literal, not a pattern
    text = "𠀀村公开"  # a name character outside the BMP takes two positions in Qt
    assert qt_position(text, 3) == 4 and python_index(text, 4) == 3


def test_the_preamble_is_found_before_section_one_and_replaced(open_window, repo, qtbot):
    texts = {"preamble": "本报告由专栏编辑部编制。", **TEXTS}
    window = opened(open_window, repo, qtbot, texts)
    doc = window.document
    preamble = window.section_widgets["preamble"].editor
    dialog = window.find_dialog
    dialog.query.setText("专栏")
    hits = dialog.hits()
    assert len(hits) == 5 and hits[0].section == 0 and hits[0].start == len("本报告由")
    six = window.section_widgets["s6"]
    window.tabs.setCurrentWidget(six)
    six.editor.moveCursor(QTextCursor.MoveOperation.End)
    dialog.find()  # from the end of 六 round to the top: the preamble comes first, on tab 一
    assert window.tabs.currentIndex() == 0 and preamble.textCursor().selectedText() == "专栏"
    assert dialog.status.text() == "已从头开始查找。第 1 处，共 5 处。"
    dialog.find()  # then 一's own text, below it on the same tab
    assert selected(window) == ("s1", "专栏")
    dialog.find(forward=False)
    assert preamble.textCursor().selectedText() == "专栏" and not window.section_widgets["s1"].editor.hasFocus()
    dialog.replacement.setText("网站")
    dialog.replace()  # the preamble's selected occurrence, then the next one
    assert doc.text("preamble") == "本报告由网站编辑部编制。" and doc.text("s1") == TEXTS["s1"]
    assert selected(window) == ("s1", "专栏")
    doc.undo_stack.undo()
    assert doc.text("preamble") == texts["preamble"]
    assert dialog.replace_all() == 5 and "专栏" not in doc.text("preamble")
    assert dialog.status.text() == "已替换 5 处（位于导语和第一、五、六节），可用撤销恢复。"


def test_a_search_starts_in_the_preamble_when_the_clerk_is_typing_there(open_window, repo, qtbot):
    window = opened(open_window, repo, qtbot, {"preamble": "专栏。专栏。", **TEXTS})
    preamble = window.section_widgets["preamble"].editor
    preamble.setFocus()
    qtbot.waitUntil(preamble.hasFocus)
    qtbot.keyClick(preamble, Qt.Key.Key_F, CTRL)
    dialog = window.find_dialog
    dialog.query.setText("专栏")
    dialog.find()
    assert preamble.textCursor().selectionStart() == 0
    dialog.find()
    assert preamble.textCursor().selectionStart() == len("专栏。")


def test_keys_stay_in_the_dialog_while_finding_and_go_to_the_hit_after(open_window, repo, qtbot):
    window = opened(open_window, repo, qtbot, {"preamble": "本报告由专栏编辑部编制。", **TEXTS})
    dialog = window.find_dialog
    dialog.open_for(replacing=False)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.query.setText("专栏")
    dialog.find()
    dialog.find()  # 一's own text: its editor is marked for the keys, the dialog keeps them meanwhile
    assert selected(window) == ("s1", "专栏") and dialog.query.hasFocus()
    qtbot.keyClicks(dialog.query, "x")  # QTest types ASCII only
    assert dialog.query.text() in ("专栏x", "x") and window.document.text("s1") == TEXTS["s1"]
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.section_widgets["s1"].editor.hasFocus()
