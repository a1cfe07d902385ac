"""导出 from the window, for every kind in export/kinds.py.

In order: what the clerk should know first (the report's errors, for a document; the PDF's font findings),
one question for all of it; then where (the official file name, in the folder last used); then the write,
atomic, with a clear message if it fails; then where it went, with 打开文件.
Synchronous with a busy cursor: a seed-sized report takes about 0.1-0.3 s.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from export import kinds
from export.kinds import Kind
from export.pdf_fonts import font_set
from report.checks import Finding
from report.errors import UserFacingError

from . import file_dialogs, freed_memory, settings
from .two_choices import Icon, choose

log = logging.getLogger(__name__)

SHOWN = 5  # messages of each kind listed in the question; all of them are under 显示详细信息


class _Busy:
    def __enter__(self):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QApplication.restoreOverrideCursor()


def proposed_path(report, kind: Kind) -> Path:
    from export.layout import file_name  # deferred: the layout is loaded with a writer, not at start

    folder = settings.export_folder()
    return folder / file_name(report, kind.suffix, folder)


def writer_options(kind: Kind) -> dict:
    """The options the window gives a writer: the fonts chosen in 设置 → 导出字体 (the PDF)."""
    if "fonts" not in kind.options:
        return {}
    return {"fonts": font_set(settings.font_choice())}


def export(parent: QWidget, report, errors: list[Finding], kind: Kind) -> Path | None:
    """Export `report` as `kind`, asking the user what is needed; the path written, or None."""
    try:
        return _export(parent, report, errors, kind)
    finally:
        freed_memory.give_back()  # what the writer freed (its rendering, a document's XML) goes back to the system


def _export(parent: QWidget, report, errors: list[Finding], kind: Kind) -> Path | None:
    try:
        with _Busy():
            prepared = kinds.prepare(report, kind, **writer_options(kind))  # rendered once: asked, then written
            notes = prepared.findings
    except UserFacingError as e:
        QMessageBox.warning(parent, "导出失败", str(e))
        return None
    except Exception as e:  # a writer's bug must not take the clerk's window (and typing) with it
        log.exception("preparing the %s export failed", kind.suffix)
        QMessageBox.warning(parent, "导出失败", f"{_join('导出', kind.name)}时程序内部出错：{e}\n详细信息已写入日志文件。")
        return None
    errors = errors if kind.document else []
    if (errors or notes) and not ask_anyway(parent, kind, errors, notes):
        return None
    path = choose_path(parent, report, kind)
    if path is None:
        return None
    if not write(parent, prepared, path):
        return None
    done(parent, path, kind, undated=kind.document and report.date is None)
    return path


def ask_anyway(parent: QWidget, kind: Kind, errors: list[Finding], notes: list[Finding]) -> bool:
    """One question listing the report's errors and the writer's findings: 仍然导出 or 取消."""
    heads, parts, details = [], [], []
    if errors:
        heads.append(f"报告中还有 {len(errors)} 个错误，{_join('导出的', kind.name)}将带有这些错误。")
        parts.append(_listed("错误", errors))
        details += [f"错误：{f.message}" for f in errors]
    if notes:
        blank = sum("空白方框" in f.message for f in notes)
        heads.append(f"{kind.name}的字体有 {len(notes)} 处需要注意"
                     + (f"，其中 {blank} 处将显示为空白方框。" if blank else "。"))
        parts.append(_listed("字体", notes))
        details += [f"字体：{f.message}" for f in notes]
    return go_on_anyway(parent, _join("导出", kind.name), "\n".join(heads), "\n\n".join(parts), "导出",
                        details if len(details) > SHOWN else None)


def go_on_anyway(parent: QWidget, title: str, heads: str, listed: str, verb: str,
                 details: list[str] | None = None) -> bool:
    """The warning box that asks before a report with errors leaves the program: 仍然<verb> or 取消 (the default)."""
    return choose(parent, Icon.Warning, title, heads, f"仍然{verb}(&G)", "取消", enter_first=False,
                  informative=f"{listed}\n\n仍然{verb}吗？", details="\n".join(details or ()))


def _listed(what: str, found: list[Finding]) -> str:
    lines = [f"• {f.message}" for f in found[:SHOWN]]
    if len(found) > SHOWN:
        lines.append(f"……另有 {len(found) - SHOWN} 处{what}问题，见「显示详细信息」")
    return "\n".join(lines)


def choose_path(parent: QWidget, report, kind: Kind) -> Path | None:
    proposed = proposed_path(report, kind)
    path = file_dialogs.save_file(parent, _join("导出", kind.name), proposed, kind.filter)
    if path is None:
        return None
    settings.set_export_folder(path.parent)
    return path


def write(parent: QWidget, prepared: kinds.Prepared, path: Path) -> bool:
    kind = prepared.kind
    existed = path.is_file()
    try:
        with _Busy():
            prepared.write(path)
    except UserFacingError as e:
        keep = "原有的同名文件保持不变。" if existed else "没有写出任何文件。"
        QMessageBox.warning(parent, "导出失败", f"{e}\n\n{keep}")
        return False
    except Exception as e:  # a writer's bug must not take the clerk's window (and typing) with it
        log.exception("export to %s failed", path)
        QMessageBox.warning(parent, "导出失败",
                            f"{_join('导出', kind.name)}时程序内部出错，没有写出文件：{e}\n详细信息已写入日志文件。")
        return False
    return True


def done(parent: QWidget, path: Path, kind: Kind, undated: bool = False) -> None:
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(f"已导出到 {path}", 15000)
    box = QMessageBox(QMessageBox.Icon.Information, _join("导出", kind.name), f"已导出到：\n{path}", parent=parent)
    if undated:  # a published report ends with the agency and the date (落款); a draft may well have none yet
        box.setInformativeText("报告尚未填写成文日期，文件末尾没有落款（机关名称和日期）。"
                               "公布前请在工具栏勾选“成文日期”并填写，再重新导出。")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_file = box.addButton("打开文件(&O)", QMessageBox.ButtonRole.AcceptRole) if kind.document else None
    open_folder = box.addButton("打开所在文件夹(&F)", QMessageBox.ButtonRole.ActionRole)
    close = box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file or close)
    box.setEscapeButton(close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is not None and clicked in (open_file, open_folder):
        target = path if clicked is open_file else path.parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            QMessageBox.information(parent, _join("导出", kind.name), f"无法打开 {target}：系统中没有能打开它的程序。")


def _join(chinese: str, name: str) -> str:
    """「导出」+「PDF 文件」 with the space Chinese typesetting puts before Latin letters: 导出 PDF 文件."""
    return f"{chinese} {name}" if name[:1].isascii() else chinese + name


def errors_of(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]
