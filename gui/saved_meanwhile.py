"""What a window on the shared database reads at each look (gui/live_report.py): the mark always, and of what the
window shows only the parts whose mark moved since the last look — the report (when only watched here), last
year's report, the agency's ledger. Called in the look's thread: the repository's reads only, nothing of Qt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from report.definition import Format
from report.ledger import Application, derived_cells, records_appeals
from report.model import Report
from storage.plain_read import ReportInfo

if TYPE_CHECKING:  # storage.watch_mark loads SQLAlchemy, which the window must not wait for at start
    from storage.watch_mark import Mark


@dataclass
class Look:
    mark: Mark
    lease: Any  # who edits the report (storage.server_leases.Lease), None: nobody, False: not asked (a reviewer)
    report: Report | None = None  # the report as saved, with its info, when its part moved
    info: ReportInfo | None = None
    previous_read: bool = False  # last year's report moved (or came, or went): `previous` is it now
    previous: Report | None = None
    applications: list[Application] | None = None  # the agency's ledger, when it (or the report's tie) moved

    def derived(self, fmt: Format) -> frozenset[str]:
        """The cells the report takes from the ledger now (read only when `applications` were)."""
        assert self.applications is not None
        if not self.mark.from_ledger:
            return frozenset()
        return derived_cells(fmt, records_appeals(self.applications))


def look(repository: Any, report_id: Any, agency: str, seen: Mark | None, may_edit: bool) -> Look:
    """One look: one statement when nothing changed (two with the lease of a report that can be waited for)."""
    mark = repository.mark(report_id)
    found = Look(mark, repository.lease_of(report_id) if may_edit else False)
    if seen is None or mark.report != seen.report:
        found.report, found.info = repository.load(report_id), repository.info(report_id)
    if seen is None or mark.previous != seen.previous:
        found.previous_read, found.previous = True, repository.previous_year_report(report_id)
    if seen is None or mark.ledger != seen.ledger or mark.from_ledger != seen.from_ledger:
        found.applications = repository.applications(agency)
    return found



def look_beside(repository: Any, report_id: Any, agency: str, seen: Mark | None) -> Look:
    """A look from the window that edits the report, at what others change beside it: the agency's ledger (with
    the report's saved cells, when table 三 follows it) and last year's report. One statement when nothing moved."""
    mark = repository.mark(report_id)
    found = Look(mark, None)
    if seen is None or mark.previous != seen.previous:
        found.previous_read, found.previous = True, repository.previous_year_report(report_id)
    if seen is None or mark.ledger != seen.ledger or mark.from_ledger != seen.from_ledger:
        found.applications = repository.applications(agency)
        if mark.from_ledger:
            found.report = repository.load(report_id)
    return found
