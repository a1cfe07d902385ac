"""Part of Document (gui/document.py): what others save beside the open report and the window shows as it is
saved — the cells that follow the agency's ledger, and last year's report the findings compare with. The
report's own cells, texts and date come back through Document.refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from report.model import Report
from report.values import Value


class FollowsSavedBeside:
    report: Report
    previous: Report | None
    derived: frozenset[str]
    cellsChanged: Any  # Document's signal: the cells whose value (or whether they follow the ledger) changed

    if TYPE_CHECKING:
        def _recompute(self, text_changed: bool) -> None: ...

    def follow_ledger(self, derived: frozenset[str], saved: dict[str, Value] | None = None) -> None:
        """The cells now taken from the ledger (table 三 tied or detached, a first appeal noted) and, `saved`, their
        values as saved (the ledger changed): shown, keeping the undo steps and waiting edits (never of those)."""
        changed, self.derived = set(derived ^ self.derived), derived
        values = saved if saved is not None else {}
        moved = {cid for cid in derived if saved is not None and self.report.cells.get(cid) != values.get(cid)}
        for cid in moved:
            if cid in values:
                self.report.cells[cid] = values[cid]
            else:
                self.report.cells.pop(cid)
        if moved:
            self._recompute(text_changed=False)
        if changed | moved:
            self.cellsChanged.emit(changed | moved)

    def set_previous(self, previous: Report | None) -> None:
        """Last year's report as saved now: the comparisons with it made anew."""
        self.previous = previous
        self._recompute(text_changed=True)
