"""The document owns the window: the findings are a strip, the first window fits the screen, and size, divider
and section are remembered from one start to the next."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

from gui import window_size


def _settle(qtbot) -> None:
    qtbot.wait(20)


def test_the_first_window_fits_a_1366x768_screen_and_opens_maximised_there():
    available = QRect(0, 0, 1366, 728)  # a 40-pixel taskbar at the bottom
    rect = window_size.fitted(available)
    assert rect.width() <= 1366 - window_size.FRAME.width()
    assert rect.height() <= 728 - window_size.FRAME.height()
    # With its title bar above it, the whole window (and its status bar) is on the screen.
    assert rect.top() - 32 >= available.top() and rect.bottom() < available.bottom()
    assert window_size.cramped(available)


def test_a_large_screen_gets_the_preferred_size_centred():
    available = QRect(0, 0, 1920, 1040)
    rect = window_size.fitted(available)
    assert rect.size() == window_size.PREFERRED
    assert abs(rect.center().x() - available.center().x()) <= 1
    assert not window_size.cramped(available)
    # A second screen to the right: the window is placed on it.
    assert window_size.fitted(QRect(1920, 0, 1600, 900)).left() >= 1920


def test_findings_are_a_strip_and_extra_room_goes_to_the_report(open_window, qtbot):
    window = open_window()
    window.showNormal()
    window.resize(1200, 700)
    _settle(qtbot)
    strip = window.findings.height()
    assert strip == window.findings.compact_height()
    assert window.page.height() > 4 * strip
    window.resize(1200, 1000)  # as maximising does
    _settle(qtbot)
    assert window.findings.height() == strip
    assert window.page is window.tabs and window.tabs.height() > 7 * strip


def test_the_status_bar_counts_the_findings_and_enlarges_them(open_window, qtbot):
    window = open_window()
    window.showNormal()
    window.resize(1200, 800)
    _settle(qtbot)
    assert window.findings_button.text() == window.findings.windowTitle()
    assert window.findings_button.text().startswith("检查结果")
    assert window.findings.title.text() == window.findings.windowTitle()
    assert window.findings.enlarge_button.text() == "放大"
    strip = window.findings.height()
    window.findings_button.click()
    _settle(qtbot)
    total = sum(window.body.sizes())
    assert window.findings.height() >= total * 40 // 100
    assert window.findings.enlarge_button.text() == "缩小"
    window.findings.enlarge_button.click()  # and back to the strip
    _settle(qtbot)
    assert window.findings.height() == strip
    assert window.findings.enlarge_button.text() == "放大"


def test_opening_another_report_keeps_the_strip(open_window, repo, qtbot):
    window = open_window("某某区司法局", 2022)
    window.showNormal()
    window.resize(1200, 760)
    _settle(qtbot)
    strip = window.findings.height()
    for year in (2021, 2020, 2022):
        assert window.open_report(repo.find_report("某某区司法局", year) or repo.create_report("某某区司法局", year))
        _settle(qtbot)
        assert window.findings.height() == strip
        assert window.body.widget(0) is window.tabs


def test_size_divider_and_section_are_remembered(open_window, repo, qtbot):
    from gui.main_window import MainWindow

    window = open_window()
    window.showNormal()
    window.resize(760, 560)  # within the offscreen screen (800×800): restoring clamps to the screen
    _settle(qtbot)
    window.toggle_findings()
    window.tabs.setCurrentIndex(2)
    _settle(qtbot)
    sizes = window.body.sizes()
    assert window.close()

    again = MainWindow(repo)
    qtbot.addWidget(again)
    assert again.open_report(repo.find_report("某某区司法局", 2022))
    again.show()
    qtbot.waitExposed(again)
    _settle(qtbot)
    assert again.size() == QSize(760, 560)
    assert again.body.sizes() == sizes
    assert again.findings.enlarge_button.text() == "缩小"
    assert again.tabs.currentIndex() == 2


def test_a_remembered_maximised_window_opens_maximised(open_window, repo, qtbot):
    from gui.main_window import MainWindow

    window = open_window()
    window.showMaximized()
    _settle(qtbot)
    assert window.isMaximized()
    window.close()
    again = MainWindow(repo)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.isMaximized()


def test_in_a_small_window_the_strip_takes_at_most_a_quarter(repo, qtbot):
    """200 % scaling on a 1366×768 screen leaves a window of about 667×344 points."""
    from gui.main_window import MainWindow

    window = MainWindow(repo)
    qtbot.addWidget(window)
    assert window.open_report(repo.create_report("某某区司法局", 2022))
    window.setWindowState(window.windowState() & ~window.windowState().WindowMaximized)
    window.resize(667, 344)
    window.show()
    qtbot.waitExposed(window)
    _settle(qtbot)
    total = sum(window.body.sizes())
    assert window.findings.height() <= total // 4 + 1
    assert window.page.height() >= total * 3 // 4 - 8


# 200 % scaling on a 1366×768 screen: 683×384 points, less the title bar and borders the window manager adds.
SMALL = QSize(1366 // 2 - window_size.FRAME.width(), 768 // 2 - window_size.FRAME.height())


def test_no_tab_makes_the_window_larger_than_a_200_percent_1366x768_screen(open_window, qtbot):
    """Each tab's parts (tab 一: the preamble's box above 一's editor; 台账: summary, filter and buttons above its
    list) scroll within the tab rather than set a minimum size the screen cannot hold."""
    window = open_window()
    window.showNormal()
    assert window.ledger_tab is not None  # the real ledger tab, not the light page holding its place
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _settle(qtbot)
        least = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert least.width() <= SMALL.width() and least.height() <= SMALL.height(), window.tabs.tabText(index)
    window.resize(SMALL)
    _settle(qtbot)
    assert window.size() == SMALL
    assert window.statusBar().geometry().bottom() < window.height()


def test_in_a_small_window_the_page_scrolls_to_where_the_clerk_types(open_window, qtbot):
    window = open_window()
    window.showNormal()
    window.resize(SMALL)
    window.go_to_section(0)  # Ctrl+1: into 一's editor, below the preamble's box
    _settle(qtbot)
    page = window.tabs.currentWidget()
    area = page.scroll_area
    assert area.verticalScrollBar().maximum() > 0  # the page is taller than its room: it scrolls
    editor = page.editor
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "abc")  # QTest types ASCII only
    _settle(qtbot)
    caret = editor.cursorRect()
    top_left = editor.viewport().mapTo(area.viewport(), caret.topLeft())
    bottom = editor.viewport().mapTo(area.viewport(), caret.bottomLeft())
    assert top_left.y() >= 0 and bottom.y() <= area.viewport().height()
    window.section_widgets["preamble"].editor.setFocus()  # back up to the preamble: shown again
    _settle(qtbot)
    preamble = window.section_widgets["preamble"].editor
    assert preamble.viewport().mapTo(area.viewport(), preamble.cursorRect().topLeft()).y() >= 0


def test_the_larger_dialogs_fit_a_200_percent_1366x768_screen(open_window, repo, qtbot):
    """Their fields scroll and their buttons stay in view; none asks for more than the screen has, and none opens
    larger than the screen it is on (the offscreen one here: 800×800)."""
    import datetime

    from gui.aggregate_dialog import AggregateDialog
    from gui.application_dialog import ApplicationDialog
    from gui.font_dialog import FontDialog
    from gui.history_dialog import HistoryDialog
    from gui.published_check import PublishedCheckDialog
    from gui.review_dialog import ReviewDialog

    window = open_window()
    doc = window.document
    dialogs = {"批量审核": ReviewDialog(repo, window), "汇总": AggregateDialog(repo, window),
               "核对已发布的版本": PublishedCheckDialog(window),
               "台账的申请": ApplicationDialog(None, datetime.date(2023, 3, 1), window),
               "修改记录": HistoryDialog(repo, doc.report_id, "某某区司法局 2022 年度", False, window),
               "导出字体": FontDialog(window)}
    room = window.screen().availableGeometry()
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert least.width() <= SMALL.width() and least.height() <= SMALL.height(), name
        assert dialog.width() <= room.width() - window_size.FRAME.width(), name
        assert dialog.height() <= room.height() - window_size.FRAME.height(), name


def test_tab_and_shift_tab_go_from_field_to_field_down_the_page(open_window, qtbot):
    """On tab 一, Tab goes from the 导语 box to 一's editor and Shift+Tab back (the box, made after the editor,
    used to come after the whole page); the scroll area around a page's parts is no stop of its own (it took
    the keys and showed nothing focused)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    window = open_window()
    window.activateWindow()  # keys move the application's focus: the window must have it
    qtbot.waitUntil(window.isActiveWindow)
    window.go_to_section(0)
    preamble = window.section_widgets["preamble"].editor
    preamble.setFocus()
    page = window.section_widgets["s1"]
    qtbot.keyClick(preamble, Qt.Key.Key_Tab)  # from the 导语 box down to 一's editor, then to its 插入提纲
    assert window.focusWidget() is page.editor
    qtbot.keyClick(page.editor, Qt.Key.Key_Tab)
    assert window.focusWidget() is page.outline_button
    page.editor.setFocus()
    qtbot.keyClick(page.editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # and back up
    assert window.focusWidget() is preamble
    qtbot.keyClick(preamble, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not isinstance(window.focusWidget(), QScrollArea)
    window.go_to_section(window.tabs.count() - 1)  # the 台账: from its list back past the tab's scroll area
    view = window.ledger_tab.view
    for _ in range(8):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert not isinstance(window.focusWidget(), QScrollArea)
    assert view is not None


def test_alt_and_a_label_s_letter_scrolls_its_field_into_view(open_window, qtbot):
    """导出字体 at 200 % on 1366×768: Alt+4 puts the keyboard in 正文字体, the last font, below the fold; the page
    scrolls to it as it does for Tab (before, the field took the keys out of sight)."""
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtWidgets import QScrollArea

    from gui.font_dialog import FontDialog

    window = open_window()
    dialog = FontDialog(window)
    qtbot.addWidget(dialog)
    dialog.resize(SMALL)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    area = dialog.findChild(QScrollArea)
    last = list(dialog.combos.values())[-1]
    port = area.viewport()

    def in_view() -> bool:
        return port.rect().contains(QRect(last.mapTo(port, QPoint(0, 0)), last.size()))

    assert not in_view() and area.verticalScrollBar().value() == 0
    qtbot.keyClick(dialog, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is last
    qtbot.waitUntil(in_view)


def test_a_status_message_is_not_cut_off_in_a_narrow_window(open_window, qtbot):
    """At 200 % on 1366×768 (683 points wide) 已导出到 and its path were cut off by the count and the deadline
    beside it; while a message shows they step aside (they are in the findings strip too), then come back."""
    window = open_window()
    window.resize(SMALL.width(), SMALL.height())
    qtbot.wait(20)
    bar = window.statusBar()
    message = "已导出到 /home/办公室/文档/某某区司法局2022年政府信息公开工作年度报告.pdf"
    bar.showMessage(message, 15000)
    qtbot.wait(20)
    beside = sum(w.width() for w in (window.findings_button, window.deadline_label, window.save_label) if w.isVisible())
    assert bar.width() - beside >= bar.fontMetrics().horizontalAdvance(message)
    bar.clearMessage()
    assert window.findings_button.isVisible() and window.deadline_label.isVisible()


def test_the_application_dialog_does_not_scroll_sideways_on_a_small_screen(qtbot):
    """Its fields scroll down where the screen is short, never sideways: the longest 办理结果 made the form wider
    than 1366×768 at 200 % (683 points), cutting off the right of every field."""
    import datetime

    from PySide6.QtWidgets import QScrollArea

    from gui.application_dialog import ApplicationDialog

    dialog = ApplicationDialog(None, datetime.date(2023, 3, 1))
    qtbot.addWidget(dialog)
    dialog.resize(SMALL)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = dialog.findChild(QScrollArea)
    assert area.widget().minimumSizeHint().width() <= area.viewport().width()
    longest = max((dialog.result_box.itemText(i) for i in range(dialog.result_box.count())), key=len)
    assert len(longest) > 16  # the list still holds the long results, whole
    dialog.result_box.setCurrentText(longest)
    assert dialog.result_box.toolTip() == longest
