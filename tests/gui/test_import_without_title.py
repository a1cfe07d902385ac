"""文件 → 导入已发布的年报 of a document without its title (only the body copied, or the title an image): the
window asks for the agency and year instead of refusing, with the year the text names preset (and said so)."""

from __future__ import annotations

import datetime
import re

import pytest
from PySide6.QtGui import QGuiApplication

from gui.import_published import ImportResultDialog, TitleDialog
from report import exchange

from ..importer import render, samples
from .dialogs import Driver, Recorder
from .test_import_and_aggregate import SEED_AGENCY, SEED_TEXT, accept_import, choose_file


@pytest.fixture
def window(qtbot, repo):
    from gui.main_window import MainWindow

    w = MainWindow(repo)
    w.today = lambda: datetime.date(2021, 2, 10)  # January–March: the report due is last year's
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def body_only(tmp_path):
    """The seed from 一、总体情况 down, as a clerk copies the body of the page."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    path = tmp_path / "正文.txt"
    path.write_text(text[text.index("## 一、总体情况"):], encoding="utf-8")
    return path


def test_agency_and_year_are_asked_with_the_year_the_prose_names(window, repo, tmp_path, monkeypatch):
    choose_file(monkeypatch, body_only(tmp_path))
    Recorder(monkeypatch)
    seen: dict = {}

    def fill(dialog) -> None:
        assert isinstance(dialog, TitleDialog)
        seen["default"] = dialog.year.value()
        seen["said"] = dialog.year_hint.text()
        assert not dialog.ok.isEnabled()  # no agency yet
        dialog.agency.setText(SEED_AGENCY)
        assert dialog.ok.isEnabled()
        dialog.ok.click()

    shown: list = []
    driver = Driver(fill, accept_import(shown))
    window.import_published()
    driver.done()
    # Preset to the year the text names (「2020年，…」 in 一), not the year due nor today's, and said so.
    assert seen["default"] == 2020 and "2020" in seen["said"] and "核对" in seen["said"]
    assert any("没有报告标题" in n and SEED_AGENCY in n for n in shown[0])
    stored = repo.find_report(SEED_AGENCY, 2020)
    assert stored is not None
    assert exchange.to_dict(repo.load(stored)) == exchange.to_dict(samples.seed())


@pytest.mark.parametrize("today", [datetime.date(2021, 2, 10), datetime.date(2021, 6, 1), datetime.date(2026, 12, 3)])
def test_the_year_preset_never_follows_the_calendar(window, repo, tmp_path, monkeypatch, today):
    window.today = lambda: today
    choose_file(monkeypatch, body_only(tmp_path))
    Recorder(monkeypatch, answers=[])

    def fill(dialog) -> None:
        assert isinstance(dialog, TitleDialog) and dialog.year.value() == 2020
        dialog.agency.setText(SEED_AGENCY)
        dialog.year.setValue(2018)  # the clerk knows better: taken as chosen
        dialog.ok.click()

    driver = Driver(fill, accept_import([]))
    window.import_published()
    driver.done()
    assert repo.find_report(SEED_AGENCY, 2018) is not None
    assert repo.find_report(SEED_AGENCY, 2020) is None


def test_a_text_naming_no_year_presets_none_and_waits_for_the_clerk(window, repo, tmp_path, monkeypatch):
    text = body_only(tmp_path).read_text(encoding="utf-8")
    path = tmp_path / "无年份.txt"
    path.write_text(re.sub(r"20\d\d\s*年", "本年", text), encoding="utf-8")
    choose_file(monkeypatch, path)
    Recorder(monkeypatch, answers=[])

    def fill(dialog) -> None:
        assert isinstance(dialog, TitleDialog)
        assert dialog.year.text() == "请选择" and "找不到年度" in dialog.year_hint.text()
        dialog.agency.setText(SEED_AGENCY)
        assert not dialog.ok.isEnabled()  # a year must be chosen
        dialog.year.setValue(2020)
        assert dialog.ok.isEnabled()
        dialog.ok.click()

    driver = Driver(fill, accept_import([]))
    window.import_published()
    driver.done()
    assert repo.find_report(SEED_AGENCY, 2020) is not None


def test_declining_shows_why_nothing_is_imported(window, repo, tmp_path, monkeypatch):
    choose_file(monkeypatch, body_only(tmp_path))
    Recorder(monkeypatch)
    seen: list = []

    def close(dialog) -> None:
        assert isinstance(dialog, ImportResultDialog) and dialog.import_button is None
        seen.extend(dialog.notes.item(i).text() for i in range(dialog.notes.count()))
        dialog.reject()

    driver = Driver(lambda d: d.reject(), close)
    window.import_published()
    driver.done()
    assert any("找不到报告标题中的年度" in n and "2020" in n for n in seen)
    assert repo.reports() == []


def test_clipboard_copied_one_cell_per_line_without_title_and_signature_offered(window, repo, monkeypatch):
    report = samples.full("2021", 2022)
    text = render.cell_lines(report, empty_cells=False, title_line=False) + f"{report.agency}\n2023年1月20日\n"
    QGuiApplication.clipboard().setText(text)
    Recorder(monkeypatch)

    def fill(dialog) -> None:
        assert isinstance(dialog, TitleDialog)
        assert dialog.agency.text() == ""  # offered, not filled in
        dialog.use_agency_hint.click()
        dialog.year.setValue(2022)
        dialog.ok.click()

    driver = Driver(fill, accept_import([]))
    window.import_from_clipboard()
    driver.done()
    rid = repo.find_report(report.agency, 2022)
    assert rid is not None and window.document.report_id == rid
    assert repo.load(rid).cells == {c: v for c, v in report.cells.items() if c not in report.format.computed}
