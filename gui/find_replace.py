"""查找 and 替换 (Ctrl+F, Ctrl+H; F3 / Shift+F3 find again) across every section of the open report.

Find walks the preamble (导语), the prose sections and the tables (labels, headers and the values as shown) in
printed order, from the caret or the current cell onwards, and wraps round. Replace works on the texts only: the
tables' figures are typed, not replaced. Each replacement is one undo step; 全部替换 is one step for all texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from report import grid as g
from report.model import PREAMBLE, PREAMBLE_TITLE, text_ids
from report.readiness import section_numbers

from .table_view import TableView
from .text_section import TextSection, select_in

# Where on a section's page a hit is: the preamble's box above section 一's text, or the section itself.
IN_PREAMBLE, IN_SECTION = 0, 1


@dataclass(frozen=True)
class Hit:
    section: int  # index of the section in the format (the preamble's is 0: it is on tab 一)
    start: int  # prose: Python index of the first character; table: grid row
    end: int  # prose: index after the last character; table: grid column
    part: int = IN_SECTION  # IN_PREAMBLE for a hit in the preamble

    def key(self) -> tuple[int, int, int, int]:
        return (self.section, self.part, self.start, self.end)


def pattern(query: str, match_case: bool) -> re.Pattern[str]:
    return re.compile(re.escape(query), 0 if match_case else re.IGNORECASE)


def text_hits(text: str, query: str, match_case: bool) -> list[tuple[int, int]]:
    """Where `query` occurs in `text`, left to right, without overlaps (as a replace would take them)."""
    if not query:
        return []
    return [(m.start(), m.end()) for m in pattern(query, match_case).finditer(text)]


class FindReplaceDialog(QDialog):
    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("查找")
        self.setModal(False)
        self.query = QLineEdit()
        self.query.setPlaceholderText("要查找的文字")
        self.replacement = QLineEdit()
        self.replacement.setPlaceholderText("替换成的文字（可为空）")
        for field in (self.query, self.replacement):
            field.setMinimumWidth(self.fontMetrics().horizontalAdvance("替换成的文字（可为空）") + 24)
        self.match_case = QCheckBox("区分大小写(&C)")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setMinimumWidth(self.fontMetrics().horizontalAdvance("已从头开始查找。" * 3))
        self.next_button = QPushButton("查找下一个(&N)")
        self.previous_button = QPushButton("查找上一个(&P)")
        self.replace_button = QPushButton("替换(&R)")
        self.replace_all_button = QPushButton("全部替换(&A)")
        close = QPushButton("关闭")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(lambda: self.find(forward=True))
        self.previous_button.clicked.connect(lambda: self.find(forward=False))
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close)
        self.query.textChanged.connect(lambda _t: self.status.clear())
        # F3 / Shift+F3 find again from the dialog too, as from the window.
        for key, forward in ((QKeySequence.StandardKey.FindNext, True), (QKeySequence.StandardKey.FindPrevious, False)):
            QShortcut(QKeySequence(key), self, activated=lambda f=forward: self.find(forward=f))

        form = QGridLayout()
        form.addWidget(QLabel("查找内容(&F)："), 0, 0)
        form.addWidget(self.query, 0, 1)
        self.replace_label = QLabel("替换为(&E)：")
        form.addWidget(self.replace_label, 1, 0)
        form.addWidget(self.replacement, 1, 1)
        form.itemAtPosition(0, 0).widget().setBuddy(self.query)
        self.replace_label.setBuddy(self.replacement)
        form.addWidget(self.match_case, 2, 1)
        buttons = QVBoxLayout()
        for b in (self.next_button, self.previous_button, self.replace_button, self.replace_all_button, close):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)

    # ------------------------------------------------------------------ showing

    def open_for(self, replacing: bool) -> None:
        """Show as 查找 or 替换, taking the words selected in a prose editor as the query."""
        self.setWindowTitle("替换" if replacing else "查找")
        for w in (self.replace_label, self.replacement, self.replace_button, self.replace_all_button):
            w.setVisible(replacing)
        editor = self._current_editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        if selected and "\u2029" not in selected:
            self.query.setText(selected)
        self._update_enabled()
        self.status.clear()
        self.show()  # a child dialog: it stays above the window
        self.activateWindow()
        self.query.setFocus()
        self.query.selectAll()

    def _update_enabled(self) -> None:
        doc = self.window_.document
        editable = doc is not None and not doc.locked
        self.replace_button.setEnabled(editable)
        self.replace_all_button.setEnabled(editable)

    @property
    def in_preamble(self) -> bool:
        """Tab 一 holds two editors (导语 above 一's text): the one last in use is where a search starts. The
        window keeps track (MainWindow._focus_moved), from before this dialog is first made."""
        return self.window_.preamble_in_use

    @in_preamble.setter
    def in_preamble(self, value: bool) -> None:
        self.window_.preamble_in_use = value

    def _current_text(self) -> tuple[str, TextSection] | None:
        """The text being edited, as its id and its editor's widget; None on a table's page."""
        widget, doc = self.window_.current_view(), self.window_.document
        if not isinstance(widget, TextSection) or doc is None:
            return None
        preamble = self.window_.section_widgets.get(PREAMBLE)
        if self.in_preamble and isinstance(preamble, TextSection) and widget.isAncestorOf(preamble):
            return PREAMBLE, preamble
        return widget.section.id, widget

    def _current_editor(self):
        current = self._current_text()
        return current[1].editor if current is not None else None

    # ------------------------------------------------------------------ finding

    def hits(self) -> list[Hit]:
        """Every occurrence in the open report, in reading order: section by section, prose by position, tables
        row by row."""
        window, doc = self.window_, self.window_.document
        query, case = self.query.text(), self.match_case.isChecked()
        if doc is None or not query:
            return []
        needle = pattern(query, case)
        out: list[Hit] = []
        for i, section in enumerate(doc.format.sections):
            widget = window.section_widgets.get(section.id)
            if i == 0 and isinstance(window.section_widgets.get(PREAMBLE), TextSection):  # printed before 一
                out += [Hit(i, s, e, IN_PREAMBLE) for s, e in text_hits(doc.text(PREAMBLE), query, case)]
            if isinstance(widget, TextSection):
                out += [Hit(i, s, e) for s, e in text_hits(doc.text(section.id), query, case)]
            elif isinstance(widget, TableView):
                model = widget.table_model
                for c in sorted(model.grid.cells, key=lambda c: (c.row, c.col)):
                    if c.role == g.BLANK:
                        continue
                    shown = c.text if c.role != g.VALUE else str(model.data(model.index(c.row, c.col)) or "")
                    if shown and needle.search(shown):
                        out.append(Hit(i, c.row, c.col))
        return out

    def _here(self) -> tuple[tuple[int, int], int, int, bool]:
        """Where the search starts: ((section, part), selection start, selection end, True) in a text,
        ((section, part), row, column, False) in a table."""
        window = self.window_
        index = window.tabs.currentIndex()
        current = self._current_text()
        if current is not None:
            text_id, widget = current
            cursor = widget.editor.textCursor()
            text = widget.editor.toPlainText()
            place = (index, IN_PREAMBLE if text_id == PREAMBLE else IN_SECTION)
            return (place, python_index(text, cursor.selectionStart()), python_index(text, cursor.selectionEnd()), True)
        widget = window.current_view()
        if isinstance(widget, TableView) and widget.currentIndex().isValid():
            return ((index, IN_SECTION), widget.currentIndex().row(), widget.currentIndex().column(), False)
        return ((index, IN_SECTION), -1, -1, False)

    @staticmethod
    def _after(hit: Hit, here) -> bool:
        place, a, b, prose = here
        if (hit.section, hit.part) != place:
            return (hit.section, hit.part) > place
        return hit.start >= b if prose else (hit.start, hit.end) > (a, b)

    @staticmethod
    def _before(hit: Hit, here) -> bool:
        place, a, b, prose = here
        if (hit.section, hit.part) != place:
            return (hit.section, hit.part) < place
        return hit.start < a if prose else (hit.start, hit.end) < (a, b)

    def find(self, forward: bool = True, prose_only: bool = False) -> Hit | None:
        """Show the next (or previous) occurrence, wrapping round; None when there is none."""
        hits = [h for h in self.hits() if not prose_only or self._is_prose(h)]
        if not hits:
            query = self.query.text()
            self.status.setText(f"未找到「{query}」。" if query else "请输入要查找的文字。")
            return None
        here = self._here()
        if forward:
            ahead = [h for h in hits if self._after(h, here)]
            hit, wrapped = (ahead[0], False) if ahead else (hits[0], True)
        else:
            behind = [h for h in hits if self._before(h, here)]
            hit, wrapped = (behind[-1], False) if behind else (hits[-1], True)
        self.show_hit(hit)
        again = ("已从头开始查找。" if forward else "已从末尾开始查找。") if wrapped else ""
        self.status.setText(f"{again}第 {hits.index(hit) + 1} 处，共 {len(hits)} 处。")
        return hit

    def _text_id(self, hit: Hit) -> str:
        return PREAMBLE if hit.part == IN_PREAMBLE else self.window_.document.format.sections[hit.section].id

    def _is_prose(self, hit: Hit) -> bool:
        return isinstance(self.window_.section_widgets.get(self._text_id(hit)), TextSection)

    def show_hit(self, hit: Hit) -> None:
        window = self.window_
        window.tabs.setCurrentWidget(window.section_widgets[window.document.format.sections[hit.section].id])
        widget = window.section_widgets[self._text_id(hit)]
        if isinstance(widget, TextSection):
            self.in_preamble = hit.part == IN_PREAMBLE
            select_in(widget.editor, hit.start, hit.end)
            # The window's keys go where the hit is, for when the clerk closes this dialog and types on; while
            # the dialog is the active window, setFocus only marks the editor to receive them then.
            widget.editor.setFocus()
        else:
            index = widget.table_model.index(hit.start, hit.end)
            widget.setCurrentIndex(index)
            widget.scrollTo(index)
            widget.setFocus()

    # ------------------------------------------------------------------ replacing

    def replace(self) -> None:
        """Replace the selected occurrence (when the selection is one), then show the next in the prose."""
        doc = self.window_.document
        if doc is None or doc.locked:
            return
        current = self._current_text()
        _place, a, b, prose = self._here()
        if current is not None and prose and a != b:
            text_id, widget = current
            text = doc.text(text_id)
            if (a, b) in text_hits(text, self.query.text(), self.match_case.isChecked()):
                done = a + len(self.replacement.text())
                doc.set_text(text_id, text[:a] + self.replacement.text() + text[b:], done)
                select_in(widget.editor, done, done)
        self.find(forward=True, prose_only=True)

    def replace_all(self) -> int:
        """Every occurrence in the preamble and every prose section, as one undo step; the count is said."""
        doc = self.window_.document
        query = self.query.text()
        if doc is None or doc.locked or not query:
            return 0
        needle = pattern(query, self.match_case.isChecked())
        replacement = self.replacement.text()
        changes = {}
        total = 0
        for text_id in text_ids(doc.format):
            new, n = needle.subn(lambda _m: replacement, doc.text(text_id))
            if n:
                changes[text_id] = new
                total += n
        if not changes:
            self.status.setText(f"正文中未找到「{query}」，没有替换。")
            return 0
        stack = doc.undo_stack
        stack.beginMacro(f"全部替换「{query}」")
        for section_id, new in changes.items():
            doc.set_text(section_id, new)
        stack.endMacro()
        self.status.setText(f"已替换 {total} 处（位于{places(doc.format, changes)}），可用撤销恢复。")
        return total


def places(fmt, text_ids: dict[str, str]) -> str:
    """「导语和第一、五节」: where replacements were made, as a clerk names the parts of a report."""
    sections = [t for t in text_ids if t != PREAMBLE]
    named = [PREAMBLE_TITLE] if PREAMBLE in text_ids else []
    named += [f"第{section_numbers(fmt, sections)}节"] if sections else []
    return "和".join(named)


def python_index(text: str, qt_pos: int) -> int:
    """The Python index of a position Qt counts in UTF-16 units (characters outside the BMP take two)."""
    units = 0
    for i, ch in enumerate(text):
        if units >= qt_pos:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
