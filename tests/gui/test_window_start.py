"""What starting the window loads before the report is shown: the report and what edits it, not the rest.

Each module left out here is loaded when its entry is first used (their imports say why); one that crept back
into the start would cost every start its import time, so the start is checked in a process of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ..conftest import ROOT

START = """
import json, sys
from PySide6.QtWidgets import QApplication
from gui.app import application, open_repository
app = application()
repository = open_repository(sys.argv[1])
from gui.main_window import MainWindow
window = MainWindow(repository)
assert window.open_latest(review_later=True)
window.show()
loaded = sorted(sys.modules)
reviewed = window.document.reviewed
repository.close()
print(json.dumps([loaded, reviewed]))
"""

# Loaded only when used: SQLAlchemy (in a thread once the window is up), the writers and their fonts, every
# dialog behind a menu entry, the find dialog.
NOT_AT_START = ["sqlalchemy", "storage.repository", "filelock", "reportlab", "export.pdf_fonts", "export.layout",
                "gui.exports", "gui.history_dialog", "gui.picker", "gui.report_file", "gui.find_replace",
                "gui.font_dialog", "gui.printing", "gui.review_dialog", "gui.import_published", "gui.aggregate_dialog",
                "gui.ledger_tab", "gui.published_check", "gui.connect_dialog"]


def test_the_window_is_shown_without_what_it_does_not_need_yet(tmp_path, seed_path):
    from storage.repository import Repository

    db = tmp_path / "年报.sqlite"
    with Repository.open(db) as repo:
        repo.import_exchange(seed_path)
        repo.wait_for_backup()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "GOV_REPORT_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", START, str(db)], env=env, cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    loaded, reviewed = json.loads(done.stdout.decode("utf-8").splitlines()[-1])
    assert [m for m in loaded if m in NOT_AT_START or m.split(".")[0] in NOT_AT_START] == []
    assert "gui.table_view" in loaded and "gui.document" in loaded  # what shows the report is there
    assert not reviewed  # the first review waits for the window to be painted
