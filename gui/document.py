"""The open report: its values as shown, its findings, its undo stack, and saving every edit at once.

Widgets never touch the report or the repository directly: they ask the document to change something (always
through an undo command) and listen to its signals. Totals and checks come from `report`; the document only
recomputes them after each change.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from report import quality, readiness
from report.calc import with_totals
from report.checks import Finding
from report.model import PREAMBLE, Report
from report.values import ZERO, Value

from .edit_saving import SavesEdits
from .saved_beside import FollowsSavedBeside
from .undo_steps import SetCells, SetDate, SetText


class Document(SavesEdits, FollowsSavedBeside, QObject):
    cellsChanged = Signal(object)  # set of input cell ids whose value changed (computed cells follow)
    textChanged = Signal(str)  # section id
    textRevisited = Signal(str)  # section id whose text an undo or redo (not the first doing) changed
    dateChanged = Signal()  # 成文日期
    findingsChanged = Signal()
    saved = Signal(str)  # the time of the last successful save, e.g. "14:03:22"
    saveFailed = Signal(str)  # Chinese message; the edit is kept in memory and tried again
    offline = Signal(int)  # the server is out of reach: how many edits wait (kept, written once it is back)
    reconnected = Signal(int)  # the server answered again: that many waiting edits were written
    lockedChanged = Signal(bool)
    writesDone = Signal()  # a shared database's writer answered (written, or failed): see `writing`

    def __init__(self, report: Report, repository: Any = None, report_id: Any = None,
                 previous: Report | None = None, locked: bool = False, parent: QObject | None = None,
                 review_later: bool = False) -> None:
        super().__init__(parent)
        self.report = report
        self.repository = repository
        self.report_id = report_id
        self.previous = previous
        self.final = locked  # 定稿
        # Why this window may only read the report (another holds its edit lease; a reviewer), or None.
        self.watching: str | None = None
        self.failure_reason: str | None = None  # the StorageError reason of the last failed write
        self.refreshing = False  # True while showing what was saved elsewhere (refresh): no caret moves
        # Cells the report takes from the ledger (由台账生成, report.ledger.derived_cells): shown, never set here.
        self.derived: frozenset[str] = frozenset()
        self.undo_stack = QUndoStack(self)
        self.shown = with_totals(report)
        self._prose: quality.ProseReading | None = None  # what the rules read from the texts, kept while they stay
        # Tables the clerk has left (or that held figures when opened): their findings are all shown.
        self.settled: set[str] = readiness.started_tables(report)
        self._all_findings: list[Finding] | None = None  # everything, for export and 定稿; None: not reviewed yet
        self.findings: list[Finding] = []  # what is worth showing now (report.readiness)
        self.to_do: tuple[str, ...] = ()  # prose sections not yet written
        if not review_later:
            self.review_now()
        # Writes the repository refused, in order of first failure: ("cell", id) or ("text", section) -> value.
        self._unsaved: dict[tuple[str, str], Any] = {}
        self._start_saving(repository, report_id)

    # ------------------------------------------------------------------ reading

    @property
    def format(self):
        return self.report.format

    def value(self, cell_id: str) -> Value:
        """What the window shows: input cells as entered, computed cells as their true sum."""
        return self.shown.cells.get(cell_id, self.report.value(cell_id))

    def text(self, section_id: str) -> str:
        return self.report.text(section_id)

    def findings_for(self, cell_id: str) -> list[Finding]:
        return [f for f in self.findings if cell_id in f.cells]

    def problem_counts(self) -> dict[str, int]:
        """Findings per section id, by the section of each finding's first cell (or the prose section it names;
        the preamble's count with the first section, whose tab shows it)."""
        counts: dict[str, int] = {}
        cells = self.format.cells
        prose = {s.id for s in self.format.prose_sections}
        for f in self.findings:
            if not f.cells:
                continue
            first = self.format.sections[0].id if f.cells[0] == PREAMBLE else f.cells[0]
            sid = cells[first].section.id if first in cells else (first if first in prose else None)
            if sid is not None:
                counts[sid] = counts.get(sid, 0) + 1
        return counts

    @property
    def all_findings(self) -> list[Finding]:
        self.review_now()  # whatever reads the findings (export, 定稿) gets them, reviewed or not before
        assert self._all_findings is not None
        return self._all_findings

    @property
    def reviewed(self) -> bool:
        """Whether the report has been reviewed yet (see review_now)."""
        return self._all_findings is not None

    def review_now(self) -> None:
        """The first review, unless done: made at once by default; at start the window asks for it once it has
        been painted (review_later), since the first review of a process compiles the prose rules' patterns
        (~50 ms) and the clerk may read and type meanwhile. Anything that needs the findings earlier gets them."""
        if self._all_findings is not None:
            return
        self._all_findings = self._review(text_changed=True)
        self._judge()
        self.findingsChanged.emit()  # also when nothing was found: 正在检查 becomes the result

    def error_count(self) -> int:
        """Errors of the whole report, shown yet or not (what 定稿 and export weigh)."""
        return sum(f.is_error for f in self.all_findings)

    def settle(self, section_id: str) -> None:
        """The clerk left this table: its findings are judged from now on."""
        if section_id in self.settled or section_id not in {s.id for s in self.format.table_sections}:
            return
        self.settled.add(section_id)
        if self._judge():
            self.findingsChanged.emit()

    @property
    def has_unsaved(self) -> bool:
        return bool(self._unsaved)

    @property
    def unsaved_count(self) -> int:
        """Cells, texts and the date typed here and not yet written (a cell typed twice counts once)."""
        return len(self._unsaved)

    @property
    def is_offline(self) -> bool:
        return self._offline

    @property
    def locked(self) -> bool:
        """Not editable in this window: 定稿, or only watched here (`watching`)."""
        return self.final or self.watching is not None

    def locked_reason(self) -> str:
        """Why an edit is refused here, said to the clerk."""
        if self.watching is not None:
            return self.watching
        return "报告已定稿，不能修改；如需修改请先取消定稿"

    def set_locked(self, locked: bool) -> None:
        """定稿 (True) or back to editing; the caller has recorded it in the repository."""
        self.final = locked
        self.lockedChanged.emit(self.locked)

    def set_watching(self, why: str | None) -> None:
        """Read-only here for the reason given (None: editable again). What was typed and not yet written stays
        waiting (`pause` keeps it from being retried meanwhile)."""
        self.watching = why
        self.lockedChanged.emit(self.locked)

    # ------------------------------------------------------------------ editing (through the undo stack)

    def set_cells(self, values: dict[str, Value], description: str = "修改单元格", typed: bool = False,
                  typing: object = None) -> bool:
        """Set input cells as one undoable step; False when the report is locked or nothing changes.

        `typed`: a value typed into a cell, saved once the keys typed after it have been handled (see _save_soon).
        `typing`: the cell editor this value is being typed in; its successive values make one undo step."""
        if self.locked:
            return False
        computed = self.format.computed
        changes = {cid: v for cid, v in values.items()
                   if cid not in computed and cid not in self.derived and (cid not in self.report.cells or self.report.cells[cid] != v
                                               or type(self.report.cells[cid]) is not type(v))}
        if not changes:
            return False
        # An absent input cell is 0, and is written back as 0 on undo (the storage keeps input cells only).
        kinds = self.format.cells
        before = {cid: self.report.cells.get(cid, ZERO[kinds[cid].kind]) for cid in changes}
        self.undo_stack.push(SetCells(self, before, changes, description, typed, typing))
        return True

    def set_text(self, section_id: str, text: str, cursor: int = 0, *, merge: bool = True) -> bool:
        """`merge`: typing, joined with the edits of the same text just before it in one undo step; False for a
        change the clerk makes at once (a sentence inserted), undone by itself."""
        if self.locked or text == self.text(section_id):
            return False
        command = SetText(self, section_id, self.text(section_id), text, cursor)
        command.merging = merge
        self.undo_stack.push(command)
        return True

    def set_date(self, date: datetime.date | None) -> bool:
        """The 成文日期 (None: not yet dated); consecutive changes undo together, like typing."""
        if self.locked or date == self.report.date:
            return False
        self.undo_stack.push(SetDate(self, self.report.date, date))
        return True

    # ------------------------------------------------------------------ applied by the commands

    def _apply_cells(self, values: dict[str, Value | None], typed: bool = False) -> None:
        for cid, value in values.items():
            if value is None:
                self.report.cells.pop(cid, None)
            else:
                self.report.cells[cid] = value
            self._unsaved[("cell", cid)] = value
        if typed:
            self._save_soon()
        else:
            self._write_now()
        self._recompute(text_changed=False)
        self.cellsChanged.emit(set(values))

    def _apply_text(self, section_id: str, text: str) -> None:
        if text:
            self.report.texts[section_id] = text
        else:
            self.report.texts.pop(section_id, None)
        self._unsaved[("text", section_id)] = text
        self._write_now()
        self._recompute(text_changed=True)
        self.textChanged.emit(section_id)

    def _apply_date(self, date: datetime.date | None) -> None:
        self.report.date = date
        self._unsaved[("date", "")] = date
        self._write_now()
        self._recompute(text_changed=False)
        self.dateChanged.emit()

    def _recompute(self, text_changed: bool) -> None:
        self.shown = with_totals(self.report)
        first = self._all_findings is None  # an edit before the first review: this is it
        self._all_findings = self._review(text_changed)
        if self._judge() or first:
            self.findingsChanged.emit()

    def _judge(self) -> bool:
        """Choose what to show of all_findings; True when that changed."""
        ready = readiness.judge(self.report, self.all_findings, self.settled)
        if list(ready.findings) == self.findings and ready.to_do == self.to_do:
            return False
        self.findings, self.to_do = list(ready.findings), ready.to_do
        return True

    def _review(self, text_changed: bool) -> list[Finding]:
        """report.quality.review, keeping what the rules read from the prose until a text changes: on a long
        section 一 that reading costs milliseconds, and a cell edit does not change it."""
        if text_changed or self._prose is None:
            self._prose = quality.read_prose(self.report, self.previous)
        return quality.review(self.report, self.previous, prose=self._prose)

    # ------------------------------------------------------------------ what was saved elsewhere

    def refresh(self, report: Report, final: bool, *, keep_unsaved: bool = False) -> bool:
        """Show the report as it is now saved (a watcher's window, after someone else's edit): only what differs
        is changed and signalled, so views keep their selection, caret and scroll. False (nothing done) while
        edits typed here still wait to be written, unless `keep_unsaved`: then they are laid over the saved
        report (this window may write again) and still wait for `flush`."""
        if self._unsaved and not keep_unsaved:
            return False
        for (what, key), value in self._unsaved.items():
            if what == "cell":
                if value is None:
                    report.cells.pop(key, None)
                else:
                    report.cells[key] = value
            elif what == "text":
                if value:
                    report.texts[key] = value
                else:
                    report.texts.pop(key, None)
            else:
                report.date = value
        old = self.report
        cells = {cid for cid in set(old.cells) | set(report.cells)
                 if cid not in old.cells or cid not in report.cells or old.cells[cid] != report.cells[cid]
                 or type(old.cells[cid]) is not type(report.cells[cid])}
        texts = [sid for sid in sorted(set(old.texts) | set(report.texts)) if old.text(sid) != report.text(sid)]
        dated = old.date != report.date
        old.cells.clear()
        old.cells.update(report.cells)
        old.texts.clear()
        old.texts.update(report.texts)
        old.date = report.date
        self.undo_stack.clear()  # its steps were made on the report as it was
        self.refreshing = True
        try:
            if cells or texts or dated:
                self._recompute(text_changed=bool(texts))
            if cells:
                self.cellsChanged.emit(cells)
            for sid in texts:
                self.textChanged.emit(sid)
            if dated:
                self.dateChanged.emit()
            if final != self.final:
                self.set_locked(final)
        finally:
            self.refreshing = False
        return True
