"""导出 from the window and 设置 → 导出字体, driven as a clerk would: the dialogs answered through their buttons."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from export import kinds, layout
from export.resources import fonts_dir
from gui import settings

from ..export import pdftools as T
from .conftest import table
from .test_table_editing import cell_index

AGENCY = "某某区司法局"


@pytest.fixture
def seeded_window(open_window, repo):
    from tests.conftest import FIXTURES

    return open_window(report_id=repo.import_exchange(FIXTURES / "seed_2020_xigong.json"))


def _no_temporary_files(folder: Path) -> bool:
    return not any(p.name.endswith(".tmp") for p in folder.rglob("*"))


def test_the_menu_lists_every_document_kind_of_the_registry(open_window):
    window = open_window(AGENCY)
    window.export_menu.aboutToShow.emit()
    actions = window.export_menu.actions()
    # The exchange file is 文件 → 另存为… (tests/gui/test_toolbar_and_files.py).
    texts = [a.text() for a in actions]
    assert [re.sub(r"\(&.\)", "", t) for t in texts] == [k.label for k in kinds.KINDS if k is not kinds.EXCHANGE]
    assert texts[0] == "PDF 文件（.pdf）(&P)…"  # each with an access letter (tests/gui/test_menus.py)
    assert all(a.isEnabled() for a in actions)


def test_the_official_file_name_is_proposed_in_the_folder_last_used(open_window, clerk, tmp_path):
    window = open_window(AGENCY, 2022)
    name = layout.file_name(window.document.report)
    assert name == f"{AGENCY}2022年政府信息公开工作年度报告"
    clerk.save_as = [tmp_path / "导出" / "第一次"]  # typed without the suffix: it is added
    (tmp_path / "导出").mkdir()
    clerk.answers = ["关闭"]
    assert window.export(kinds.PDF)
    assert Path(clerk.proposed[0]).name == name + ".pdf"
    assert (tmp_path / "导出" / "第一次.pdf").read_bytes().startswith(b"%PDF")
    assert window.export(kinds.KINDS[2]) is False  # Word: the dialog cancelled, nothing written
    assert Path(clerk.proposed[1]) == tmp_path / "导出" / (name + ".docx")
    assert settings.settings().value(settings.EXPORT_FOLDER) == str(tmp_path / "导出")


def test_a_report_with_errors_asks_first(open_window, clerk, tmp_path):
    window = open_window(AGENCY, 2022)
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:commercial"), "3")  # the balance no longer holds
    errors = window.document.error_count()
    assert errors >= 1
    clerk.answers = ["取消"]
    clerk.save_as = [tmp_path / "r.pdf"]
    assert window.export(kinds.PDF) is False
    box = clerk.boxes[0]
    assert f"报告中还有 {errors} 个错误" in box["text"] and "商业企业" in box["informative"]
    assert box["buttons"] == ["仍然导出", "取消"]
    assert clerk.proposed == [] and not (tmp_path / "r.pdf").exists()  # cancelled before choosing a file

    clerk.save_as = [tmp_path / "r.xlsx"]
    clerk.answers = ["仍然导出", "关闭"]
    assert window.export(kinds.KINDS[4])  # the spreadsheet asks the same, and is written when told
    assert f"报告中还有 {errors} 个错误" in clerk.boxes[1]["text"]
    assert (tmp_path / "r.xlsx").read_bytes().startswith(b"PK")


def test_a_pdf_is_rendered_once_asked_about_and_that_rendering_written(open_window, clerk, tmp_path, monkeypatch):
    import export.pdf

    window = open_window(AGENCY, 2022)
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:commercial"), "3")  # an error: asked before writing
    drawn = []
    real = export.pdf.render
    monkeypatch.setattr(export.pdf, "render", lambda *a, **k: drawn.append(real(*a, **k)) or drawn[-1])
    clerk.save_as = [tmp_path / "r.pdf"]
    clerk.answers = ["仍然导出", "关闭"]
    assert window.export(kinds.PDF)
    assert len(drawn) == 1 and (tmp_path / "r.pdf").read_bytes() == drawn[0][0]


def test_the_exchange_file_does_not_ask_about_errors(open_window, clerk, tmp_path):
    window = open_window(AGENCY, 2022)
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:commercial"), "3")
    clerk.save_as = [tmp_path / "r.json"]
    clerk.answers = ["关闭"]
    assert window.export(kinds.EXCHANGE)
    assert [b["title"] for b in clerk.boxes] == ["导出交换文件"]
    assert "打开文件" not in clerk.boxes[0]["buttons"] and "打开所在文件夹" in clerk.boxes[0]["buttons"]


@pytest.mark.parametrize("where, why", [("missing", "不存在"), ("directory", "这是一个文件夹")])
def test_a_failed_write_shows_why_and_writes_nothing(open_window, clerk, tmp_path, where, why):
    window = open_window(AGENCY, 2022)
    if where == "missing":
        target = tmp_path / "无此目录" / "报告.pdf"
    else:
        target = tmp_path / "报告.pdf"
        target.mkdir()
    clerk.save_as = [target]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert window.export(kinds.PDF) is False
    assert [b["title"] for b in clerk.boxes] == ["导出失败"]
    assert why in clerk.boxes[0]["text"] and "没有写出任何文件" in clerk.boxes[0]["text"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == before and _no_temporary_files(tmp_path)
    assert "已导出" not in window.statusBar().currentMessage()


def test_a_failed_write_keeps_the_existing_file(open_window, clerk, tmp_path, monkeypatch):
    import errno
    import os

    window = open_window(AGENCY, 2022)
    target = tmp_path / "报告.pdf"
    target.write_bytes(b"the PDF sent last week")

    def busy(src, dst):  # Windows: the PDF is open in a reader
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", busy)
    clerk.save_as = [target]
    assert window.export(kinds.PDF) is False
    assert "文件可能正被其他程序打开" in clerk.boxes[0]["text"] and "原有的同名文件保持不变" in clerk.boxes[0]["text"]
    assert target.read_bytes() == b"the PDF sent last week" and _no_temporary_files(tmp_path)


@T.needs_poppler
def test_a_pdf_exported_through_the_window(seeded_window, clerk, tmp_path):
    window = seeded_window
    agency = window.document.report.agency
    target = tmp_path / "年报.pdf"
    clerk.save_as = [target]
    clerk.answers = ["打开文件"]
    assert window.export(kinds.PDF)
    assert agency in T.squeeze(T.text(target))
    assert T.info(target)["Author"] == agency
    assert window.statusBar().currentMessage() == f"已导出到 {target}"
    assert [b["title"] for b in clerk.boxes] == ["导出 PDF 文件"] and str(target) in clerk.boxes[0]["text"]
    assert clerk.opened == [str(target)]


def test_font_findings_are_shown_before_writing(open_window, clerk, tmp_path):
    window = open_window(AGENCY, 2022)
    window.section_widgets["s6"].editor.setPlainText("见附件\ue000。")
    target = tmp_path / "r.pdf"
    clerk.save_as = [target]
    clerk.answers = ["取消"]
    assert window.export(kinds.PDF) is False
    box = clerk.boxes[0]
    assert "将显示为空白方框" in box["text"] and "U+E000" in box["informative"] and "六、其他需要报告的事项" in box["informative"]
    assert clerk.proposed == [] and not target.exists()
    clerk.answers = ["仍然导出", "关闭"]
    assert window.export(kinds.PDF) and target.exists()


# ---------------------------------------------------------------------- 设置 → 导出字体


def _font_dialog(qtbot, window):
    from gui.font_dialog import FontDialog

    dialog = FontDialog(window)
    qtbot.addWidget(dialog)
    return dialog


def _choose(dialog, role: str, path: Path) -> None:
    combo = dialog.combos[role]
    index = combo.findData(str(path))
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_the_font_dialog_offers_automatic_and_the_bundled_fonts(open_window, qtbot):
    dialog = _font_dialog(qtbot, open_window(AGENCY))
    for role, combo in dialog.combos.items():
        items = [combo.itemText(i) for i in range(combo.count())]
        assert items[0].startswith("自动（") and items[-1] == "其他字体文件…"
        assert "思源宋体（内置）" in items and "霞鹜文楷（内置）" in items
        assert combo.currentIndex() == 0 and dialog.path(role) is None
        assert not any("/" in t or "\\" in t for t in items)  # names, not file paths
        assert dialog.notes[role].text().startswith("字体名称：")


@T.needs_poppler
def test_the_font_chosen_in_the_dialog_reaches_the_pdf(seeded_window, clerk, qtbot, tmp_path):
    window = seeded_window
    sans = fonts_dir() / "NotoSansSC-Regular.ttf"
    dialog = _font_dialog(qtbot, window)
    _choose(dialog, "body", sans)
    dialog.accept()
    assert settings.font_choice() == {"body": sans}
    again = _font_dialog(qtbot, window)  # remembered
    assert again.path("body") == sans and again.path("title") is None
    target = tmp_path / "黑体正文.pdf"
    clerk.save_as = [target]
    assert window.export(kinds.PDF)
    embedded = {f["name"].split("+")[-1] for f in T.fonts(target)}
    assert "NotoSansSCSubset-Regular" in embedded and "NotoSerifSCSubset-Regular" not in embedded

    again.reset()
    again.accept()
    assert settings.font_choice() == {}


def test_a_font_file_that_cannot_be_embedded_is_refused_with_the_reason(open_window, clerk, qtbot, tmp_path):
    dialog = _font_dialog(qtbot, open_window(AGENCY))
    combo = dialog.combos["kai"]
    not_a_font = tmp_path / "楷体.ttf"
    not_a_font.write_bytes(b"\x00" * 64)
    clerk.open_files = [not_a_font]
    combo.setCurrentIndex(combo.count() - 1)
    combo.activated.emit(combo.count() - 1)  # 其他字体文件…
    assert "不是 TrueType 字体文件" in clerk.boxes[-1]["text"]
    assert combo.currentIndex() == 0 and dialog.path("kai") is None

    cff = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")  # Debian fonts-noto-cjk: CFF outlines
    if cff.exists():
        clerk.open_files = [cff]
        combo.setCurrentIndex(combo.count() - 1)
        combo.activated.emit(combo.count() - 1)
        assert "OpenType/CFF" in clerk.boxes[-1]["text"] and dialog.path("kai") is None

    wenkai = fonts_dir() / "LXGWWenKai-Regular.ttf"
    import shutil

    shutil.copy(wenkai, tmp_path / "我的楷体.ttf")
    clerk.open_files = [tmp_path / "我的楷体.ttf"]
    combo.setCurrentIndex(combo.count() - 1)
    combo.activated.emit(combo.count() - 1)
    assert dialog.path("kai") == tmp_path / "我的楷体.ttf"
    # Named by the font's own name; where the file lies only in the tooltips.
    assert combo.currentText() == "WenKai (subset)（其他字体）"
    assert combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == str(tmp_path / "我的楷体.ttf")
    assert dialog.notes["kai"].text() == "字体名称：WenKai (subset)"
    assert dialog.notes["kai"].toolTip() == str(tmp_path / "我的楷体.ttf")


def test_a_remembered_font_that_went_missing_is_explained(open_window, clerk, qtbot, tmp_path):
    settings.set_font_choice({"body": tmp_path / "已删除.ttf"})
    dialog = _font_dialog(qtbot, open_window(AGENCY))
    assert "找不到字体文件" in dialog.notes["body"].text()
    dialog.accept()
    assert "找不到字体文件" in clerk.boxes[-1]["text"] and dialog.result() == 0


def test_an_undated_document_is_exported_with_a_reminder_of_the_date(open_window, clerk, tmp_path):
    import datetime

    window = open_window(AGENCY, 2022)
    clerk.save_as = [tmp_path / "草稿.docx", tmp_path / "定稿.docx", tmp_path / "交换.json"]
    clerk.answers = ["关闭", "关闭", "关闭"]
    assert window.export(kinds.for_path("x.docx"))
    assert "尚未填写成文日期" in clerk.boxes[-1]["informative"]
    window.document.set_date(datetime.date(2023, 1, 20))
    assert window.export(kinds.for_path("x.docx"))
    assert clerk.boxes[-1]["informative"] == ""
    window.document.set_date(None)
    assert window.export(kinds.EXCHANGE)  # not a document: nothing to remind of
    assert clerk.boxes[-1]["informative"] == ""


def test_a_long_agency_is_proposed_a_name_that_can_be_written(open_window, clerk, tmp_path):
    """A legal 66-character agency made a name the file system refused (「File name too long」): the agency is
    shortened around 「…」, the year and the kind kept, and accepting the proposal writes the file."""
    agency = "中共某某省某某市某某县委员会办公室某某县人民政府办公室某某县政务服务和大数据管理局某某县" * 2
    window = open_window(agency[:66], 2024)
    settings.set_export_folder(tmp_path)
    assert window.export(kinds.PDF) is False  # cancelled: only to see the proposal
    proposed = Path(clerk.proposed[0])
    assert proposed.parent == tmp_path and proposed.name.endswith("2024年政府信息公开工作年度报告.pdf")
    assert "…" in proposed.name and len(proposed.name.encode("utf-8")) <= 255
    clerk.save_as = [proposed]
    clerk.answers = ["关闭"]
    assert window.export(kinds.PDF)
    assert proposed.read_bytes().startswith(b"%PDF")
