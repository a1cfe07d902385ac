"""A real repository on a temporary file, and the main window open on a report in it."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        # Qt's offscreen platform warns about dock widgets' size hints; the xcb platform of a real desktop does not.
        item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "年报.sqlite"


@pytest.fixture
def repo(db_path):
    from storage.repository import Repository

    repository = Repository.open(db_path)
    yield repository
    repository.close()


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
