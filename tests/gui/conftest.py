"""A real repository on a temporary file, and the main window open on a report in it."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        # Qt's offscreen platform warns about dock widgets' size hints; the xcb platform of a real desktop does not.
        # pytest-qt reads the closest marker only: a module's own patterns are kept in this one.
        own = [pattern for marker in item.iter_markers("qt_log_ignore") for pattern in marker.args]
        item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints", *own))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "年报.sqlite"


@pytest.fixture
def clerk(monkeypatch):
    """The user at every dialog (tests/gui/dialogs.py: Clerk): message boxes, file dialogs, opened files."""
    from .dialogs import Clerk

    return Clerk(monkeypatch)


@pytest.fixture
def open_window(qtbot, repo):
    """open_window(agency, year) -> the main window showing that (new, empty) report."""
    from gui.main_window import MainWindow

    def make(agency: str = "某某区司法局", year: int = 2022, report_id=None):
        window = MainWindow(repo)
        qtbot.addWidget(window)
        if report_id is None:
            report_id = repo.find_report(agency, year) or repo.create_report(agency, year)
        assert window.open_report(report_id)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def table(window, section_id: str):
    from gui.table_view import TableView

    view = window.section_widgets[section_id]
    assert isinstance(view, TableView)
    window.tabs.setCurrentWidget(view)
    return view


def write_prose(repo, report_id) -> None:
    """Texts that satisfy the quality rules (outline headings, 五 and 六 written), so that only tables are at issue."""
    fmt = repo.load(report_id).format
    repo.set_text(report_id, "s1", "\n".join(f"{h}：本年度按要求做好相关工作。" for h in fmt.section("s1").outline)
                  or "本年度按要求做好政府信息公开工作。")
    repo.set_text(report_id, "s5", "一是个别信息更新不够及时。下一步将加强审核。")
    repo.set_text(report_id, "s6", "本年度未收取信息处理费。")
    repo.set_text(report_id, "preamble", "本报告由本机关编制，统计期限自1月1日至12月31日。如有疑问请联系本机关（电话：0371-12345678）。")


def menu_of(action, window):
    """The QMenu that `action` opens, or None. Not QAction.menu(): on PySide 6.8.0 (the oldest Qt we promise) the
    wrapper it returns owns the menu and deletes it when dropped."""
    from PySide6.QtWidgets import QMenu

    return next((m for m in window.findChildren(QMenu) if m.menuAction() is action), None)
