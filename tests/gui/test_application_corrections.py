"""Several 补正 in the application dialog: shown, added, removed and checked in order; all kept on save."""

from __future__ import annotations

import datetime as dt

from report.ledger import Application, Correction

TODAY = dt.date(2024, 6, 3)
TWICE = Application("B-7", dt.date(2024, 3, 1), "natural",
                    corrections=(Correction(dt.date(2024, 3, 4), dt.date(2024, 3, 11)), Correction(dt.date(2024, 3, 15))))


def _dialog(qtbot, app):
    from gui.application_dialog import ApplicationDialog

    dialog = ApplicationDialog(app, TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_every_correction_is_shown_and_kept(qtbot):
    dialog = _dialog(qtbot, TWICE)
    field = dialog.corrections
    assert [r.label.text() for r in field.rows] == ["第 1 次", "第 2 次"]
    assert not field.rows[1].received.isEnabled()  # not back yet
    app, why = dialog.record()
    assert why == [] and app.corrections == TWICE.corrections


def test_a_correction_is_added_after_the_last_and_one_removed(qtbot):
    dialog = _dialog(qtbot, TWICE)
    field = dialog.corrections
    second = field.rows[1]
    second.has_received.setChecked(True)
    second.received.setDate(second.received.date().addDays(5))  # back on 2024-03-20
    field.add_button.click()
    assert [r.label.text() for r in field.rows] == ["第 1 次", "第 2 次", "第 3 次"]
    app, why = dialog.record()
    assert why == [] and app.corrections[-1] == Correction(TODAY)  # told today, after the last came back
    field.rows[0].remove.click()
    assert [r.label.text() for r in field.rows] == ["第 1 次", "第 2 次"]
    app, _ = dialog.record()
    assert app.corrections == (Correction(dt.date(2024, 3, 15), dt.date(2024, 3, 20)), Correction(TODAY))


def test_corrections_out_of_order_are_refused_with_reasons(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    dialog = _dialog(qtbot, TWICE)
    field = dialog.corrections
    field.add_button.click()  # a third while the second is still out
    field.rows[0].asked.setDate(field.rows[0].asked.date().addDays(-10))  # told before the application came
    _app, why = dialog.record()
    assert "第 2 次补正尚未收到，不能再有第 3 次补正" in why
    assert any("早于收到日期" in w for w in why)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    dialog.accept()
    assert dialog.application is None and "第 2 次补正尚未收到" in said[0]


def test_no_correction_is_none(qtbot):
    dialog = _dialog(qtbot, None)
    assert dialog.corrections.rows == [] and dialog.corrections.none.isVisibleTo(dialog)
    dialog.number.setText("N-1")
    app, why = dialog.record()
    assert why == [] and app.corrections == ()


def test_closing_with_typed_changes_asks_before_they_are_dropped(qtbot):
    from tests.gui.dialogs import Driver, click

    untouched = _dialog(qtbot, TWICE)
    untouched.reject()  # nothing typed: closes at once, nothing asked
    assert untouched.result() == 0 and not untouched.isVisible()

    dialog = _dialog(qtbot, TWICE)
    dialog.show()
    dialog.applicant.setText("张三")
    driver = Driver(click("继续编辑"), click("放弃修改"))
    dialog.reject()  # 继续编辑: the dialog stays, the typing too
    assert dialog.isVisible() and dialog.applicant.text() == "张三"
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    driver.done()
    assert dialog.application is None
