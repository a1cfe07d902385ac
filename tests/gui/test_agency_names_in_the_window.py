"""An agency's name typed (or pasted) in the window with an invisible control character is refused there, with
the character named, and nothing is created."""

from __future__ import annotations

import datetime

from gui.picker import NewReportDialog


def test_a_new_report_for_a_name_with_a_right_to_left_override_is_refused(repo, qtbot):
    dialog = NewReportDialog(repo, today=datetime.date(2025, 2, 1))
    qtbot.addWidget(dialog)
    dialog.agency.setCurrentText("某某区\u202e局法司")
    dialog.accept()
    assert dialog.created_id is None and dialog.result() == 0  # still open, for the name to be mended
    assert "U+202E" in dialog.note.text() and "不可见的控制字符" in dialog.note.text()
    assert repo.reports() == []
