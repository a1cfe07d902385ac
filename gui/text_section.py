"""A prose section (一, 五, 六): a paragraph editor with the format's outline and hint, and a character count.

The editor's own undo is switched off: every change goes to the document's undo stack, so 撤销 in the menu
undoes text and table edits in the order they were made.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextEdit, QVBoxLayout, QWidget

from report.definition import Section

from .document import Document


class _Editor(QTextEdit):
    """Plain text shown with space between paragraphs (a QPlainTextEdit cannot show block margins).

    Ctrl+Z / Ctrl+Y reach the document's stack instead of the editor's (disabled) one.
    """

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document_ = document
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)

    def setPlainText(self, text: str) -> None:  # noqa: N802
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

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Undo):
            self.document_.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.document_.undo_stack.redo()
            return
        super().keyPressEvent(event)


class TextSection(QWidget):
    def __init__(self, document: Document, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.section = section
        layout = QVBoxLayout(self)
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
        document.textChanged.connect(self._document_changed)
        document.lockedChanged.connect(self._locked)
        self._locked(document.locked)
        self._update_count()

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
        if text != self.document.text(self.section.id):
            if not self.document.set_text(self.section.id, text, self.editor.textCursor().position()):
                self._document_changed(self.section.id)  # locked: put the saved text back
        self._update_count()

    def _document_changed(self, section_id: str) -> None:
        if section_id != self.section.id:
            return
        text = self.document.text(section_id)
        if text == self.editor.toPlainText():
            return
        position = self.editor.textCursor().position()
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.editor.setTextCursor(cursor)
        self.editor.moveCursor(QTextCursor.MoveOperation.NoMove)
        self._update_count()
        if self.outline_button is not None:
            self.outline_button.setEnabled(not self.document.locked)

    def _locked(self, locked: bool) -> None:
        self.editor.setReadOnly(locked)
        if self.outline_button is not None:
            self.outline_button.setEnabled(not locked)

    def _update_count(self) -> None:
        text = self.editor.toPlainText()
        chars = sum(1 for ch in text if not ch.isspace())
        paragraphs = sum(1 for p in text.split("\n") if p.strip())
        self.count.setText(f"{chars} 字（不含空格）· {paragraphs} 段")
