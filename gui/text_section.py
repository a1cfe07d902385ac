"""A prose section (一, 五, 六): a paragraph editor with the format's outline and hint, and a character count.

The editor's own undo is switched off: every change goes to the document's undo stack, so 撤销 in the menu
undoes text and table edits in the order they were made.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextBlockFormat, QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QScrollArea, QTextEdit, QVBoxLayout, QWidget

from report.definition import Section

from .document import Document
from .scroll_page import scrolling_layout


class _Editor(QTextEdit):
    """Plain text shown with space between paragraphs (a QPlainTextEdit cannot show block margins).

    Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z reach the document's stack instead of the editor's (disabled) one.
    """

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document_ = document
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)

    def setPlainText(self, text: str) -> None:
        super().setPlainText(text)
        self.space_paragraphs()

    def space_paragraphs(self) -> None:
        """Room below each paragraph and a little between lines; new paragraphs inherit it as they are typed."""
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(self.fontMetrics().height() * 0.6)
        spacing.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(spacing)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.document_.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or is_redo_key(event):
            self.document_.undo_stack.redo()
            return
        super().keyPressEvent(event)

    def context_menu(self, pos) -> QMenu:
        """Qt's menu for the editor, its 撤消 and 重做 working on the document's stack (the editor's own is off)."""
        menu = self.createStandardContextMenu(pos)
        stack = self.document_.undo_stack
        for name, possible, do in (("edit-undo", stack.canUndo(), stack.undo), ("edit-redo", stack.canRedo(), stack.redo)):
            action = menu.findChild(QAction, name)
            if action is not None:
                action.triggered.disconnect()
                action.triggered.connect(do)
                action.setEnabled(possible and not self.isReadOnly())
        return menu

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste as plain text with its paragraphs: every kind of line break becomes a paragraph, and a copy whose
        plain text lost the breaks its HTML has (or that offers HTML only) is read from the HTML."""
        text = source.text() if source.hasText() else ""
        if source.hasHtml():
            from_html = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
            if from_html.strip() and _paragraphs(from_html) > _paragraphs(text):
                text = from_html
        text = pasted_text(text)
        if text:
            self.textCursor().insertText(text)
            self.ensureCursorVisible()


_BREAKS = re.compile(r"\r\n|[\r\v\f\u2028\u2029\x85]")


def pasted_text(text: str) -> str:
    """Line breaks of Windows, old Macs, Word (manual break: vertical tab) and Unicode as plain paragraphs;
    non-breaking spaces as spaces (web pages use them for indentation)."""
    return _BREAKS.sub("\n", text).replace("\u00a0", " ")


def _paragraphs(text: str) -> int:
    return sum(1 for p in _BREAKS.sub("\n", text).split("\n") if p.strip())


def is_redo_key(event) -> bool:
    """Ctrl+Y redoes on every system, as in WPS and Word (Qt's standard redo on Linux is Ctrl+Shift+Z only)."""
    return (event.key() == Qt.Key.Key_Y
            and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.ControlModifier)


class TextSection(QWidget):
    revisited = Signal()  # undo or redo changed this section's text: the window shows it

    def __init__(self, document: Document, section: Section, parent: QWidget | None = None,
                 scrolls: bool = True) -> None:
        """`scrolls`: the page scrolls when the window is too small for it (tab 一 holds the preamble's box and
        一's editor: at 200 % scaling on a 1366×768 screen they would otherwise make the window taller than the
        screen); a box nested in another page's (the preamble's) leaves scrolling to that page."""
        super().__init__(parent)
        self.document = document
        self.section = section
        self.scroll_area: QScrollArea | None = None
        if scrolls:
            self.scroll_area, layout = scrolling_layout(self)
        else:
            layout = QVBoxLayout(self)
        self.content_layout = layout  # what the page's parts are laid out in (add_to puts the preamble there)
        if section.hint:
            hint = QLabel(f"提示：{section.hint}")
            hint.setWordWrap(True)
            hint.setObjectName("sectionHint")
            hint.setStyleSheet("QLabel#sectionHint { background: #fff7dd; border: 1px solid #e8d48a;"
                               " border-radius: 3px; padding: 6px; }")
            layout.addWidget(hint)
        self.editor = _Editor(document)
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(
            "按提纲分段填写：\n" + "\n".join(section.outline) if section.outline else f"请在此填写「{section.title}」的内容，每段一行。"
        )
        self.editor.setPlainText(document.text(section.id))
        self.editor.document().setModified(False)
        layout.addWidget(self.editor, 1)

        bottom = QHBoxLayout()
        self.outline_button: QPushButton | None = None
        if section.outline:
            self.outline_button = QPushButton("插入提纲")
            self.outline_button.setToolTip("在开头插入官方格式要求的各部分标题：" + "、".join(section.outline))
            self.outline_button.clicked.connect(self.insert_outline)
            bottom.addWidget(self.outline_button)
        bottom.addStretch(1)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.count)
        layout.addLayout(bottom)

        self.editor.textChanged.connect(self._typed)
        self.follow_caret(self.editor)
        document.textChanged.connect(self._document_changed)
        document.textRevisited.connect(self._revisited)
        document.lockedChanged.connect(self._locked)
        self._locked(document.locked)
        self._update_count()

    def follow_caret(self, editor: QTextEdit) -> None:
        """Keep `editor`'s caret in view when the page scrolls (a small window): as the clerk types or moves, and
        when the keyboard comes to it."""
        if self.scroll_area is not None:
            editor.cursorPositionChanged.connect(lambda: self._show_caret(editor))
            editor.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QTextEdit):
            self._show_caret(watched)
        return super().eventFilter(watched, event)

    def _show_caret(self, editor: QTextEdit) -> None:
        area = self.scroll_area
        if area is None or area.widget() is None or not editor.hasFocus():
            return
        caret = editor.cursorRect()
        centre = editor.viewport().mapTo(area.widget(), caret.center())
        margin = caret.height()
        area.ensureVisible(centre.x(), centre.y(), margin, margin)

    def insert_outline(self) -> None:
        """The official headings, one paragraph each, ahead of whatever is already written (one undo step)."""
        missing = [h for h in self.section.outline if h not in self.editor.toPlainText()]
        if not missing:
            return
        current = self.editor.toPlainText()
        text = "\n\n".join(missing) + ("\n\n" + current if current.strip() else "\n")
        self.document.set_text(self.section.id, text)

    def _typed(self) -> None:
        text = self.editor.toPlainText()
        if text != self.document.text(self.section.id) \
                and not self.document.set_text(self.section.id, text, self.editor.textCursor().position()):
            self._document_changed(self.section.id)  # locked: put the saved text back
        self._update_count()

    def _document_changed(self, section_id: str) -> None:
        """The text changed elsewhere (undo, redo, replace, outline): edit the editor's text where it differs, so
        that the caret lands at the end of the change, as in Notepad, and the view stays where it was."""
        if section_id != self.section.id:
            return
        text = self.document.text(section_id)
        old = self.editor.toPlainText()
        if text == old:
            return
        start, old_end, new_end = changed_span(old, text)
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(qt_position(old, start))
        cursor.setPosition(qt_position(old, old_end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.blockSignals(True)
        cursor.insertText(text[start:new_end])
        if self.editor.toPlainText() != text:  # not expected; never show other than what is stored
            self.editor.setPlainText(text)
        else:
            self.editor.space_paragraphs()
        self.editor.blockSignals(False)
        if not self.document.refreshing:  # another's saved edit shown: the reader's caret stays where it was
            caret = self.editor.textCursor()
            caret.setPosition(qt_position(text, new_end))
            self.editor.setTextCursor(caret)
        self._update_count()
        if self.outline_button is not None:
            self.outline_button.setEnabled(not self.document.locked)

    def _revisited(self, section_id: str) -> None:
        if section_id == self.section.id:
            self.revisited.emit()

    def _locked(self, locked: bool) -> None:
        self.editor.setReadOnly(locked)
        if self.outline_button is not None:
            self.outline_button.setEnabled(not locked)

    def _update_count(self) -> None:
        text = self.editor.toPlainText()
        chars = sum(1 for ch in text if not ch.isspace())
        paragraphs = sum(1 for p in text.split("\n") if p.strip())
        self.count.setText(f"{chars} 字（不含空格）· {paragraphs} 段")


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """Where two texts differ: (start, end in old, end in new), after their common beginning and ending."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < limit - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start, len(old) - tail, len(new) - tail


def qt_position(text: str, index: int) -> int:
    """A Python index into `text` as Qt counts positions: in UTF-16 units (a rare character outside the BMP,
    such as some in people's and place names, takes two)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def select_in(editor, start: int, end: int) -> None:
    """Select `text[start:end]` (Python indices) in a text editor and bring it into view."""
    text = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(qt_position(text, start))
    cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
