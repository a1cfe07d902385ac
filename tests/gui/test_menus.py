"""Every entry of the main window's menus has an access letter, unique within its menu (Alt+F then O opens a
report without the mouse); the shortcuts stay as they were."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from gui import menu_texts

from .conftest import menu_of, table
from .test_table_editing import cell_index


def _walk(window, menu: QMenu, path: str, found: dict[str, list[str]]) -> None:
    menu.aboutToShow.emit()  # 导出 is filled when opened
    texts = found.setdefault(path, [])
    for action in menu.actions():
        if action.isSeparator():
            continue
        texts.append(action.text())
        sub = menu_of(action, window)
        if sub is not None:
            _walk(window, sub, f"{path} → {menu_texts.plain(action.text())}", found)


def _menus(window) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"菜单栏": [a.text() for a in window.menuBar().actions()]}
    for action in window.menuBar().actions():
        _walk(window, menu_of(action, window), menu_texts.plain(action.text()), found)
    return found


def _check(found: dict[str, list[str]]) -> list[str]:
    problems = []
    for menu, texts in found.items():
        letters = [menu_texts.access_letter(t) for t in texts]
        problems += [f"{menu}：「{t}」没有访问键" for t, letter in zip(texts, letters, strict=True) if not letter]
        problems += [f"{menu}：访问键 {x} 用了 {letters.count(x)} 次" for x in sorted(set(letters)) if x and letters.count(x) > 1]
    return problems


def test_every_menu_entry_has_its_own_access_letter(open_window, monkeypatch):
    window = open_window()
    found = _menus(window)
    assert set(found) == {"菜单栏", "文件", "文件 → 导出", "编辑", "工具", "设置", "帮助"}
    assert sum(len(texts) for texts in found.values()) > 30  # the walk reached the entries
    assert _check(found) == []
    # After an edit and with the report 定稿, the entries named by the state keep their letters.
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:natural"), "12")
    assert window.undo_action.text().startswith(menu_texts.UNDO + " ")  # 撤销(&U) and what it would undo
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)  # 仍要定稿
    window.final_action.trigger()
    assert window.final_action.text() == menu_texts.NOT_FINAL
    assert _check(_menus(window)) == []


def test_the_check_catches_a_missing_or_repeated_letter():
    assert _check({"文件": ["保存(&S)", "另存为…", "设置(&S)"]}) == ["文件：「另存为…」没有访问键", "文件：访问键 S 用了 2 次"]


def test_the_shortcuts_stay_and_the_toolbar_shows_the_words_alone(open_window):
    window = open_window()
    keys = {a.text(): a.shortcut().toString() for a in window.file_menu.actions() if not a.shortcut().isEmpty()}
    assert keys == {menu_texts.NEW: "Ctrl+N", menu_texts.OPEN: "Ctrl+O", menu_texts.OPEN_FILE: "Ctrl+Shift+O",
                    menu_texts.SAVE: "Ctrl+S", menu_texts.SAVE_AS: "Ctrl+Shift+S", menu_texts.PRINT: "Ctrl+P"} | (
                        {menu_texts.QUIT: "Ctrl+Q"} if menu_texts.QUIT in keys else {})  # the platform's Quit key, if any
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert [k.toString() for k in window.redo_action.shortcuts()] == ["Ctrl+Y", "Ctrl+Shift+Z"]
    bar = window.findChild(QToolBar, "mainToolBar")
    words = [a.iconText() for a in bar.actions() if a.iconText()]
    assert "保存" in words and "打开报告" in words and not any("&" in w or "(" in w or "…" in w for w in words)
    assert window.save_action.toolTip() == "保存"


def test_plain_and_lettered():
    assert menu_texts.plain("打开报告(&O)…") == "打开报告" and menu_texts.plain("A && B(&C)") == "A & B"
    assert menu_texts.with_letter("图解…", "C") == "图解(&C)…"
    assert menu_texts.lettered(["PDF 文件（.pdf）…", "网页（.html）…", "Word 文档（.docx）…"], ["pdf", "html", "pdf"],
                               taken="P") == ["PDF 文件（.pdf）(&D)…", "网页（.html）(&H)…", "Word 文档（.docx）(&F)…"]
