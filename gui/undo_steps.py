"""The document's undo steps: each redo and undo applies a change through the document (which saves it), and
typing merges into one step as a word processor's would."""

from __future__ import annotations

import datetime
import time
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from .document import Document

TEXT_MERGE_SECONDS = 2.0  # keystrokes closer than this undo together, like a word processor's typing burst


class SetCells(QUndoCommand):
    def __init__(self, doc: Document, before: dict, after: dict, description: str, typed: bool) -> None:
        super().__init__(description)
        self.doc, self.before, self.after = doc, before, after
        self.typed = typed  # only the first redo, when pushed, is the typing; a later redo is saved at once

    def redo(self) -> None:
        self.doc._apply_cells(self.after, self.typed)
        self.typed = False

    def undo(self) -> None:
        self.doc._apply_cells(self.before)


class SetText(QUndoCommand):
    ID_BASE = 1000

    def __init__(self, doc: Document, section_id: str, before: str, after: str, cursor: int) -> None:
        super().__init__("修改文字")
        self.doc, self.section_id, self.before, self.after = doc, section_id, before, after
        self.cursor_after = cursor
        self.stamp = time.monotonic()
        self.done = False  # QUndoStack.push does it first; later redo() calls are the clerk's 重做
        self.merging = True

    def id(self) -> int:
        if not self.merging:
            return -1  # QUndoStack merges no command of id -1, neither into it nor it into another
        number = self.section_id.lstrip("s")  # s1 → 1001 …; the preamble → 1000
        return self.ID_BASE + (int(number) if number.isdigit() else 0)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetText) or other.section_id != self.section_id:
            return False
        if other.stamp - self.stamp > TEXT_MERGE_SECONDS:
            return False
        self.after, self.cursor_after, self.stamp = other.after, other.cursor_after, other.stamp
        return True

    def redo(self) -> None:
        self.doc._apply_text(self.section_id, self.after)
        if self.done:
            self.doc.textRevisited.emit(self.section_id)
        self.done = True

    def undo(self) -> None:
        self.doc._apply_text(self.section_id, self.before)
        self.doc.textRevisited.emit(self.section_id)


class SetDate(QUndoCommand):
    ID = 2000

    def __init__(self, doc: Document, before: datetime.date | None, after: datetime.date | None) -> None:
        super().__init__("修改成文日期")
        self.doc, self.before, self.after = doc, before, after

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetDate):
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.doc._apply_date(self.after)

    def undo(self) -> None:
        self.doc._apply_date(self.before)
