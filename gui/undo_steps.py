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
    TYPING_ID = 3000

    def __init__(self, doc: Document, before: dict, after: dict, description: str, typed: bool,
                 typing: object = None) -> None:
        super().__init__(description)
        self.doc, self.before, self.after = doc, before, after
        self.typed = typed  # only the first redo, when pushed, is the typing; a later redo is saved at once
        # The cell editor whose keys these are (gui/cell_delegate.py saves a cell at every key): one undo step
        # for what was typed into one cell, however many keys it took.
        self.typing = typing

    def id(self) -> int:
        return -1 if self.typing is None else self.TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetCells) or other.typing is None or other.typing is not self.typing \
                or other.after.keys() != self.after.keys():
            return False
        self.after = other.after
        # Typed back to what the cell held (Esc): no step is left to undo.
        self.setObsolete(all(_same(self.after[c], self.before[c]) for c in self.after))
        return True

    def redo(self) -> None:
        self.doc._apply_cells(self.after, self.typed)
        self.typed = False

    def undo(self) -> None:
        self.doc._apply_cells(self.before)


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


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
