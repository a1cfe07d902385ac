"""文件 → 核对已发布的版本…: a published copy (a file of any kind, or the clipboard) compared with the open report,
every difference listed, double-click or Enter going to its place; nothing stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from export import kinds
from gui.published_check import PublishedCheckDialog
from gui.table_view import TableView
from gui.text_section import TextSection
from report import exchange

from ..conftest import SHARED
from .dialogs import Recorder

SEED_TEXT = SHARED / "seeds" / "000_578647436011cd62.txt"
PARAGRAPH = "网站编辑改过的一段。"

# The dialog and the window are brought to the front, which the offscreen platform says it cannot do.
pytestmark = pytest.mark.qt_log_ignore("does not support raise")


@pytest.fixture
def window(open_window, repo, seed):
    return open_window(report_id=repo.import_report(seed))


def _dialog(window, qtbot) -> PublishedCheckDialog:
    assert window.check_published_action in window.file_menu.actions() and window.check_published_action.isEnabled()
    window.check_published_action.trigger()
    dialog = window._published_check
    assert dialog.isVisible() and dialog.focusWidget() is dialog.file_button
    return dialog


def _published(seed, tmp_path, suffix: str, *, year=None):
    """The seed as a web editor put it up: one figure and one paragraph of section 五 changed."""
    copy = exchange.loads(exchange.dumps(seed))
    copy.cells["s3.new:natural"] = seed.value("s3.new:natural") + 3
    paragraphs = seed.text("s5").split("\n")
    paragraphs[0] = PARAGRAPH
    copy.texts["s5"] = "\n".join(paragraphs)
    if year is not None:
        copy.year = year
    path = tmp_path / f"已发布{suffix}"
    kinds.write(copy, path)
    return path


def _rows(dialog):
    return [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html", ".xlsx", ".json"])
def test_every_difference_is_listed_and_nothing_stored(window, qtbot, clerk, repo, seed, tmp_path, suffix):
    before = repo.revisions(window.document.report_id)
    dialog = _dialog(window, qtbot)
    clerk.open_files.append(_published(seed, tmp_path, suffix))
    dialog.file_button.click()
    rows = [r for r in _rows(dialog) if not r[0].startswith("读取说明")]  # the spreadsheet's: read by its data
    assert "3 处不同" in dialog.head.text() and len(rows) == 3, rows
    natural = seed.value("s3.new:natural")
    assert rows[0][1:] == [str(natural), str(natural + 3)] and "自然人" in rows[0][0]
    assert rows[2][0].startswith("「五、") and PARAGRAPH in rows[2][2] and PARAGRAPH not in rows[2][1]
    assert clerk.boxes == [] and repo.revisions(window.document.report_id) == before
    assert window.document.value("s3.new:natural") == seed.value("s3.new:natural")


def test_enter_and_double_click_go_to_the_cell_and_the_paragraph(window, qtbot, clerk, seed, tmp_path):
    dialog = _dialog(window, qtbot)
    clerk.open_files.append(_published(seed, tmp_path, ".html"))
    dialog.file_button.click()
    pressed = []
    dialog.file_button.clicked.connect(lambda: pressed.append("file"))
    dialog.clipboard_button.clicked.connect(lambda: pressed.append("clipboard"))
    dialog.activateWindow()
    dialog.table.setFocus()
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    view = window.tabs.currentWidget()
    assert isinstance(view, TableView) and view.current_cell().cell == "s3.new:natural"
    assert pressed == [] and dialog.isVisible()  # Enter went to the row, not to a button

    dialog.table.setCurrentCell(2, 0)
    rect = dialog.table.visualRect(dialog.table.model().index(2, 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # QTest's double
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # click needs the first
    section = window.tabs.currentWidget()
    assert isinstance(section, TextSection) and section.section.id == "s5"
    assert section.editor.textCursor().selectedText() == seed.text("s5").split("\n")[0].strip()


def test_the_list_follows_the_report_as_it_is_put_right(window, qtbot, clerk, seed, tmp_path):
    dialog = _dialog(window, qtbot)
    clerk.open_files.append(_published(seed, tmp_path, ".docx"))
    dialog.file_button.click()
    assert dialog.table.rowCount() == 3
    window.document.set_cells({"s3.new:natural": seed.value("s3.new:natural") + 3})
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    paragraphs = seed.text("s5").split("\n")
    window.document.set_text("s5", "\n".join([PARAGRAPH, *paragraphs[1:]]))
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert "没有不同" in dialog.head.text() and not dialog.copy_button.isEnabled()
    window.close_report()
    assert "没有打开的报告" in dialog.head.text()


def test_an_identical_copy_says_so(window, qtbot, clerk, seed, tmp_path):
    dialog = _dialog(window, qtbot)
    path = tmp_path / "原样.pdf"
    kinds.write(seed, path)
    clerk.open_files.append(path)
    dialog.file_button.click()
    assert "没有不同" in dialog.head.text() and dialog.table.rowCount() == 0


def test_the_clipboards_copy_without_its_title_takes_the_open_reports(window, qtbot, seed):
    text = SEED_TEXT.read_text(encoding="utf-8")
    QGuiApplication.clipboard().setText(text[text.index("## 一、总体情况"):])
    dialog = _dialog(window, qtbot)
    dialog.clipboard_button.click()
    head = dialog.head.text()
    assert "剪贴板（其中没有标题，机关名称、年度按本报告）" in head, head
    assert not any(r[0] in ("机关名称", "年度") for r in _rows(dialog))


def test_what_cannot_be_compared_is_said_in_chinese(window, qtbot, clerk, seed, tmp_path, monkeypatch):
    said = Recorder(monkeypatch, answers=[False, True])
    dialog = _dialog(window, qtbot)
    bad = tmp_path / "损坏.pdf"
    bad.write_bytes(b"%PDF-1.7 not really")
    other_format = exchange.loads(exchange.dumps(seed))
    other_format.year, other_format.format_id = 2022, "2021"
    kinds.write(other_format, tmp_path / "新格式.json")
    clerk.open_files += [bad, tmp_path / "新格式.json", _published(seed, tmp_path, ".pdf", year=2019),
                         _published(seed, tmp_path, ".pdf", year=2019)]
    for _ in range(4):
        dialog.file_button.click()
    kinds_of = [k for k, _ in said.messages]
    assert kinds_of == ["warning", "warning", "question", "question"], said.messages
    assert "无法读取「损坏.pdf」" in said.messages[0][1] and "未作任何修改" in said.messages[0][1]
    assert "2021年版" in said.messages[1][1] and "无法逐格核对" in said.messages[1][1]
    assert "年度是 2019 年" in said.messages[2][1] and "仍要逐项核对" in said.messages[2][1]
    # Answered 仍要核对 the second time: the year leads the list, the head warns.
    assert _rows(dialog)[0] == ["年度", "2020", "2019"] and "不是同一份" in dialog.head.text()


def test_a_text_only_the_published_copy_has_points_between_paragraphs(window, qtbot, clerk, seed, tmp_path):
    copy = exchange.loads(exchange.dumps(seed))
    copy.texts["s6"] = seed.text("s6") + "\n发布时加上的一段。"
    path = tmp_path / "加了一段.json"
    kinds.write(copy, path)
    dialog = _dialog(window, qtbot)
    clerk.open_files.append(path)
    dialog.file_button.click()
    [[where, mine, theirs]] = _rows(dialog)
    assert mine == "（无）" and theirs == "发布时加上的一段。"
    dialog.chosen.emit(dialog.rows[0])
    editor = window.tabs.currentWidget().editor
    assert editor.textCursor().position() == len(seed.text("s6").rstrip()) and not editor.textCursor().hasSelection()
