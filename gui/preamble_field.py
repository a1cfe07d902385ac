"""The preamble (导语) on tab 一, above section 一's text: the paragraphs printed between the title and 一.

It is edited like a prose section (the same editor, the document's undo stack, saved at once), but is no
section of the official format: a small box with its own label, and a placeholder showing the usual wording.
"""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import QLabel, QWidget

from report.definition import Section
from report.model import PREAMBLE, PREAMBLE_TITLE

from .document import Document
from .text_section import TextSection

PREAMBLE_SECTION = Section(PREAMBLE, PREAMBLE_TITLE)
LABEL = f"{PREAMBLE_TITLE}（印在标题之后、「一」之前）：编制依据、统计期限、联系地址和电话"
EXAMPLE = ("例如：本报告由××根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制。报告所列数据的统计期限"
           "自××年1月1日至12月31日。如对本报告有疑问，请与××联系（地址：××；邮编：××；电话：××）。")
LINES = 5  # the editor's height in lines of text; a longer preamble scrolls


class PreambleField(TextSection):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, PREAMBLE_SECTION, parent, scrolls=False)  # tab 一's page scrolls
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(LABEL)
        label.setWordWrap(True)
        label.setBuddy(self.editor)
        self.content_layout.insertWidget(0, label)
        self.editor.setPlaceholderText(EXAMPLE)
        self.editor.setAccessibleName(PREAMBLE_TITLE)
        line = self.editor.fontMetrics().lineSpacing() * 1.3  # the editor's line height (TextSection spaces lines)
        self.editor.setFixedHeight(int(line * LINES + 2 * self.editor.frameWidth() + 12))


def add_to(section: TextSection) -> PreambleField:
    """The preamble box at the top of `section`'s page (tab 一), with 一's own title over 一's editor below it."""
    field = PreambleField(section.document, section)
    layout = section.content_layout
    layout.insertWidget(0, field)
    title = QLabel(f"{section.section.title}：")
    title.setBuddy(section.editor)
    layout.insertWidget(1, title)
    section.follow_caret(field.editor)
    return field


def order_tabbing(section: TextSection, field: PreambleField) -> None:
    """Tab goes from the box to 一's editor and its 插入提纲, Shift+Tab back: made after 一's editor, the box would
    otherwise come after the whole page. Called once the page is in the window (moving it there redoes the order)."""
    order = [field.editor, section.editor] + ([section.outline_button] if section.outline_button else [])
    for first, then in itertools.pairwise(order):
        QWidget.setTabOrder(first, then)
