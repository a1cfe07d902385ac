"""工具 → 审查单… and 图解… on the open report: the file is asked for, written, and offered to open."""

from __future__ import annotations

import struct

from PySide6.QtWidgets import QMessageBox

from gui import exports, file_dialogs
from report import exchange

from ..export.pdftools import needs_poppler, text


def _dialogs(monkeypatch, answer):
    asked, done = [], []

    def save_dialog(parent, title, proposed, filters, mode, save=False):
        asked.append((title, str(proposed), filters))
        chosen, picked = answer(filters)
        return [chosen] if chosen else [], picked

    monkeypatch.setattr(file_dialogs, "ask", save_dialog)
    monkeypatch.setattr(exports, "done", lambda parent, path, kind, undated=False: done.append((path, kind.name)))
    return asked, done


@needs_poppler
def test_the_signoff_sheet_of_the_open_report_compares_it_with_last_years(open_window, repo, seed, tmp_path,
                                                                          monkeypatch):
    last = exchange.loads(exchange.dumps(seed))
    last.year = 2019
    repo.import_report(last)
    window = open_window(report_id=repo.import_report(seed))
    out = tmp_path / "签字"
    asked, done = _dialogs(monkeypatch, lambda filters: (str(out), filters))
    assert window.signoff_action in window.tools_menu.actions() and window.signoff_action.isEnabled()
    window.signoff_action.trigger()
    (title, proposed, _), = asked
    assert proposed.endswith("西工区退役军人事务局2020年度政府信息公开工作年度报告审查单.pdf")
    assert done == [(tmp_path / "签字.pdf", "审查单")]  # the suffix the clerk left off is added
    flat = "".join(text(tmp_path / "签字.pdf").split())
    assert "已与2019年度报告对照" in flat and "分管负责人（签字）" in flat


def test_the_chart_draws_the_stored_earlier_years_in_the_kind_chosen(open_window, repo, seed, tmp_path, monkeypatch):
    for year in (2018, 2019):
        r = exchange.loads(exchange.dumps(seed))
        r.year, r.cells = year, {"s3.new:natural": year - 2000}
        repo.import_report(r)
    window = open_window(report_id=repo.import_report(seed))
    out = tmp_path / "图"
    asked, done = _dialogs(monkeypatch, lambda filters: (str(out), next(f for f in filters.split(";;") if "PNG" in f)))
    rendered = []
    from export import chart

    real = chart.render
    monkeypatch.setattr(chart, "render", lambda report, suffix, history, fonts: rendered.append(
        sorted(r.year for r in history)) or real(report, suffix, history, fonts))
    assert window.chart_action.isEnabled()
    window.chart_action.trigger()
    assert rendered == [[2018, 2019]]
    assert done == [(tmp_path / "图.png", "图解（PNG 图片）")]
    data = (tmp_path / "图.png").read_bytes()
    assert data[:4] == b"\x89PNG" and struct.unpack(">I", data[16:20])[0] == round(chart.WIDTH * chart.PNG_SCALE)


def test_a_file_that_cannot_be_written_is_said_and_nothing_is_left(open_window, repo, seed, tmp_path, monkeypatch):
    window = open_window(report_id=repo.import_report(seed))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, message: said.append(message))
    _dialogs(monkeypatch, lambda filters: (str(tmp_path / "无此文件夹" / "审查单.pdf"), filters))
    assert window.make_signoff() is None
    assert "不存在" in said[0] and "没有写出任何文件" in said[0]
    assert list(tmp_path.glob("*.pdf")) == []


def test_without_a_report_the_entries_are_disabled(qtbot, repo):
    from gui.main_window import MainWindow

    window = MainWindow(repo)
    qtbot.addWidget(window)
    assert not window.signoff_action.isEnabled() and not window.chart_action.isEnabled()
    assert window.make_signoff() is None and window.make_chart() is None
