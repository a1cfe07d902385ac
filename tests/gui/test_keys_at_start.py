"""What the clerk types as soon as a report is shown (the program just started, a report opened) goes into the
section on show, not to a toolbar button that happened to be first in the window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from gui import settings

from .conftest import menu_of
from .test_typing import post_keys


def _window_with_keys(open_window, qtbot, agency: str, year: int):
    window = open_window(agency, year)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def test_typing_at_once_goes_into_the_text_last_worked_on(open_window, repo, qtbot):
    settings.set_last_section("某某区司法局", 2022, "s6")
    window = _window_with_keys(open_window, qtbot, "某某区司法局", 2022)
    assert window.tabs.currentWidget() is window.section_widgets["s6"]
    post_keys(window, "abc")
    report_id = repo.find_report("某某区司法局", 2022)
    qtbot.waitUntil(lambda: repo.load(report_id).text("s6") == "abc")
    assert window.document.text("s6") == "abc"


def test_typing_at_once_goes_into_the_table_last_worked_on(open_window, repo, qtbot):
    settings.set_last_section("某某区司法局", 2022, "s4")
    window = _window_with_keys(open_window, qtbot, "某某区司法局", 2022)
    view = window.section_widgets["s4"]
    assert window.tabs.currentWidget() is view
    first = view.table_model.cell_id(view.currentIndex())
    assert first is not None
    post_keys(window, "37\r")
    report_id = repo.find_report("某某区司法局", 2022)
    qtbot.waitUntil(lambda: repo.load(report_id).value(first) == 37)


def test_a_new_report_takes_the_keys_in_its_first_section(open_window, repo, qtbot):
    window = _window_with_keys(open_window, qtbot, "某某区财政局", 2023)
    assert window.tabs.currentIndex() == 0
    post_keys(window, "xy")
    qtbot.waitUntil(lambda: window.document.text("s1") == "xy")


def test_after_a_menu_opened_from_a_cell_being_typed_in_the_keys_go_back_to_the_table(open_window, qtbot):
    """Alt and a menu's letter while typing in a cell: the cell's editor closes as the menu bar takes the keys,
    and the menu bar kept them after the menu (and its dialog, 关于) closed; what the clerk typed next went
    nowhere. Now the section on show takes them back."""
    from PySide6.QtCore import Qt

    window = _window_with_keys(open_window, qtbot, "某某区司法局", 2022)
    window.go_to_section(1)
    view = window.section_widgets["s2"]
    view.edit(view.currentIndex())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not view)  # the cell's editor has the keys
    bar = window.menuBar()
    bar.setFocus(Qt.FocusReason.MenuBarFocusReason)  # what Alt does: the editor closes
    assert QApplication.focusWidget() is bar
    menu = menu_of(bar.actions()[-1], window)  # 帮助, closed after 关于 was chosen
    menu.aboutToHide.emit()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    bar.setFocus(Qt.FocusReason.MenuBarFocusReason)
    window._keys_back()  # and as the window becomes active again after a dialog
    assert QApplication.focusWidget() is view
