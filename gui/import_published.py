"""文件 → 导入已发布的年报: a published report (web-page text, HTML, Word, PDF, or the clipboard) read by the importer,
its findings shown before anything is stored; a document without its title asks for the agency and year.

The window stores the result (gui.storing) and opens it; this module only reads and shows. The importer (about
0.1 s to load) is imported in the functions that use it, when the clerk first imports.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from report.formats import FIRST_YEAR, LAST_YEAR
from report.model import Report, agency_problem

log = logging.getLogger(__name__)

TITLE = "导入已发布的年报"


def file_filter() -> str:
    from importer import KINDS

    patterns = " ".join(f"*{s}" for s in KINDS)
    return (f"已发布的年报 ({patterns});;网页 (*.html *.htm *.mht *.mhtml);;Word 文档 (*.docx);;PDF 文件 (*.pdf);;"
            "文本 (*.txt);;所有文件 (*)")


@dataclass
class Outcome:
    """What reading a source gave: a result of the importer, or the reason it could not be used at all."""

    source: str  # for messages and the revision log: a file name, or 「剪贴板」
    result: object | None = None  # importer.ImportResult
    unusable: str = ""
    completed: tuple[str, ...] = ()  # "agency", "year": missing from the document's title, taken as given


def _busy(run):
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return run()
    finally:
        QApplication.restoreOverrideCursor()


def read_file(path: str, parent: QWidget | None = None, title: dict | None = None) -> Outcome:
    """`title`: the agency and year a document without its title is taken to have (核对已发布的版本: the open
    report's), instead of asking the clerk."""
    from importer import UnusableInput, import_file

    name = Path(path).name

    def read(**given) -> Outcome:
        try:
            return Outcome(name, result=_busy(lambda: import_file(path, **given)))
        except UnusableInput as e:
            return Outcome(name, unusable=str(e))
        except Exception as e:  # a reader's bug on a strange file must not take the window with it
            log.exception("import of %s failed", path)
            return Outcome(name, unusable=f"读取时出错（{type(e).__name__}），无法导入")

    return _complete_title(read, parent, title)


def _complete_title(read, parent: QWidget | None, title: dict | None = None) -> Outcome:
    """Read; when only the title's agency and/or year are missing (a copy of the body alone, a title that is an
    image), ask the clerk for them (or take them from `title`) and read again with them. Declined: the first
    reading, whose notes say why."""
    outcome = read()
    result = outcome.result
    if result is None or result.report is not None or not result.missing or not result.title_only:
        return outcome
    if title is not None:
        completed = read(**{m: title[m] for m in result.missing})
        completed.completed = result.missing
        return completed
    parent = parent or QApplication.activeWindow()
    dialog = TitleDialog(result, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return outcome
    return read(**dialog.values())


def read_clipboard(parent: QWidget | None = None, title: dict | None = None) -> Outcome:
    """The clipboard as copied from a published page: its HTML (tables keep their cells) when that imports
    better than its plain text, else the text. `title` as for read_file."""
    from importer import UnusableInput, import_bytes, import_text

    mime = QGuiApplication.clipboard().mimeData()
    html = mime.html() if mime is not None and mime.hasHtml() else ""
    text = mime.text() if mime is not None and mime.hasText() else ""
    if not html.strip() and not text.strip():
        return Outcome("剪贴板", unusable="剪贴板中没有文字。请先在网页或文档中选中年报全文（Ctrl+A），复制（Ctrl+C）后再导入")

    def run(**given) -> Outcome:
        candidates: list[Outcome] = []
        for kind, read in (("html", lambda: import_bytes(html.encode("utf-8"), ".html", **given)),
                           ("text", lambda: import_text(text, **given))):
            if not (html if kind == "html" else text).strip():
                continue
            try:
                candidates.append(Outcome("剪贴板", result=read()))
            except UnusableInput as e:
                candidates.append(Outcome("剪贴板", unusable=str(e)))
            except Exception as e:  # as for files: say it, keep the window
                candidates.append(Outcome("剪贴板", unusable=f"读取时出错（{type(e).__name__}），无法导入"))
        return min(candidates, key=_badness)

    return _complete_title(lambda **given: _busy(lambda: run(**given)), parent, title)


def _badness(o: Outcome) -> tuple:
    r = o.result
    if r is None:
        return (3,)
    return (r.report is None, len(r.errors), len(r.warnings))


class TitleDialog(QDialog):
    """The agency and/or year a document without its title does not give. The year is preset to the one the
    document names (its statistical period, or the year section 一 speaks of), to be checked; a document that
    names none presets nothing: the clerk picks it (today's year would store last year's report wrongly)."""

    def __init__(self, result, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        self.setWindowTitle(f"{TITLE} — 报告标题")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        which = "、".join({"agency": "机关名称", "year": "报告年度"}[m] for m in result.missing)
        why = ("报告标题中没有年度" if result.missing == ("year",)
               else "文件中找不到报告标题（可能只复制了正文，或标题是图片）")
        layout.addWidget(_wrapped(f"{why}，无法确定{which}。请填写{which}后继续导入："))
        form = QFormLayout()
        self.agency: QLineEdit | None = None
        self.year: QSpinBox | None = None
        self.use_agency_hint: QPushButton | None = None
        self.year_hint: QLabel | None = None
        if "agency" in result.missing:
            self.agency = QLineEdit()
            self.agency.setMinimumWidth(320)
            self.agency.setPlaceholderText("如：××市××区××局")
            form.addRow("机关名称(&A)：", self.agency)
            if result.agency_hint:
                self.use_agency_hint = QPushButton(f"采用文末落款「{result.agency_hint}」(&U)")
                self.use_agency_hint.clicked.connect(lambda: self.agency.setText(result.agency_hint))
                form.addRow("", self.use_agency_hint)
        if "year" in result.missing:
            self.year = QSpinBox()
            # One below the range stands for 「not chosen」, shown as such; the arrows start from the latest years.
            self.year.setRange(FIRST_YEAR - 1, LAST_YEAR)
            self.year.setSpecialValueText("请选择")
            self.year.setSuffix(" 年度")
            self.year.setValue(result.year_hint if result.year_hint else FIRST_YEAR - 1)
            form.addRow("报告年度(&Y)：", self.year)
            if result.year_hint:
                self.year_hint = _wrapped(f"已按正文提到的 {result.year_hint} 年预填，请核对")
            else:
                self.year_hint = _wrapped("正文中也找不到年度，请选择报告所属的年度")
            form.addRow("", self.year_hint)
            self.year.valueChanged.connect(self._update)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("继续导入(&I)", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.agency is not None:
            self.agency.textChanged.connect(self._update)
            self.agency.setFocus()
        elif self.year is not None:
            self.year.setFocus()
            self.year.selectAll()
        self._update()

    def _update(self) -> None:
        problem = agency_problem(self.agency.text().strip()) if self.agency is not None else None
        year_missing = self.year is not None and self.year.value() == self.year.minimum()
        self.ok.setEnabled(problem is None and not year_missing)
        self.problem.setText(problem if problem and self.agency.text() else "")

    def values(self) -> dict:
        """For the importer: only what was asked."""
        out: dict = {}
        if self.agency is not None:
            out["agency"] = self.agency.text().strip()
        if self.year is not None:
            out["year"] = self.year.value()
        return out


class ImportResultDialog(QDialog):
    """Agency, year and format found, every note (errors, then warnings, then hints), and 导入到数据库."""

    def __init__(self, outcome: Outcome, agencies: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from importer import ERROR, INFO, WARNING

        self.setWindowTitle(f"{TITLE} — {outcome.source}")
        result = outcome.result
        report: Report | None = result.report
        self.report = report
        layout = QVBoxLayout(self)
        head = self.head = QLabel()
        head.setWordWrap(True)
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        errors, warnings = result.errors, result.warnings
        hints = [n for n in result.notes if n.level == INFO]
        counts = f"{len(errors)} 个错误、{len(warnings)} 个警告、{len(hints)} 条提示"
        form = QFormLayout()
        self.agency: QComboBox | None = None
        if report is not None:
            self.agency = QComboBox()
            self.agency.setEditable(True)
            self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.agency.addItems(agencies)
            self.agency.setCurrentText(report.agency)
            self.agency.setMinimumContentsLength(24)
            self.agency.setToolTip("报告标题中的机关名称；如数据库中同一机关用的是别的写法，可在此改正")
            form.addRow("机关名称(&A)：", self.agency)
            form.addRow("报告年度：", QLabel(f"{report.year} 年度"))
            form.addRow("格式：", QLabel(report.format.name))
            if result.format_reason:
                form.addRow("判断依据：", _wrapped(result.format_reason))
            wrong = result.published_errors
            # Input cells a warning names that the reading left out (digits with several readings, a row not
            # found): they show as 0 once imported, so the clerk is told how many to fill in.
            unread = {c for n in warnings for c in n.cells
                      if c not in report.cells and c in report.format.cells and c not in report.format.computed}
            complete = not errors and not unread
            text = f"已读出全部表格和文字：{counts}。" if complete else f"已读出报告：{counts}。"
            if unread:
                text += f"<br>有 {len(unread)} 个单元格无法从原文确定，导入后显示为 0，请按下列警告对照原件填写。"
            if wrong:
                text += (f"<br>发布的报告本身有 {len(wrong)} 处计算错误（如合计不等于各项之和），"
                         "导入后按各项之和重新计算合计，并在检查结果中列出其他问题。")
            text += "<br>请看过下列各条后，点击「导入到数据库」。" if result.notes else ""
            head.setText(text)
        else:
            head.setText(f"<b>未能导入</b>：有 {len(errors)} 处无法确定（{counts}），数据库未作任何修改。"
                         "<br>请根据下列说明修改原文件（或复制的文字）后重新导入。")
        layout.addWidget(head)
        if form.rowCount():
            layout.addLayout(form)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.setAlternatingRowColors(True)
        self.notes.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        style = self.style()
        icons = {ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                 INFO: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)}
        for note in [*errors, *warnings, *hints]:
            item = QListWidgetItem(icons[note.level], str(note))
            item.setToolTip(str(note))
            self.notes.addItem(item)
        if not result.notes:
            self.notes.addItem("全部内容都已读出，没有需要注意的地方。")
        layout.addWidget(self.notes, 1)

        self.buttons = QDialogButtonBox()
        copy = QPushButton("复制全部说明(&C)")
        copy.clicked.connect(self.copy_notes)
        self.buttons.addButton(copy, QDialogButtonBox.ButtonRole.HelpRole)
        if report is not None:
            self.import_button = self.buttons.addButton("导入到数据库(&I)", QDialogButtonBox.ButtonRole.AcceptRole)
            self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
            self.import_button.setDefault(True)
            self.agency.currentTextChanged.connect(
                lambda t: self.import_button.setEnabled(bool(t.strip())))
        else:
            self.import_button = None
            self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(860, 520)

    def copy_notes(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.notes.item(i).text() for i in range(self.notes.count())))

    def chosen_report(self) -> Report | None:
        """The report to store, under the agency name as (possibly) corrected by the clerk."""
        if self.report is None or self.agency is None:
            return None
        return dataclasses.replace(self.report, agency=self.agency.currentText().strip())


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
