"""A database's part in a batch review: its reports of a year, and last year's report of each agency under review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from report.batch import Entry
from report.model import Report

from .errors import StorageError

if TYPE_CHECKING:  # the repository imports SQLAlchemy; callers of these already hold one
    from .plain_read import ReportInfo
    from .repository import Repository


def database_entries(repo: Repository, year: int | None, entries: list[Entry]) -> list[Entry]:
    """The database's part of a batch: its reports of `year` (when given) as new entries, and last year's stored
    report added to every entry of `entries` that lacks one. StorageError when the year has no reports and
    nothing else is under review."""
    out = year_entries(repo, year) if year is not None else []
    if year is not None and not out and not entries:
        raise StorageError(f"数据库 {repo.path} 中没有 {year} 年度的报告", reason="not_found")
    add_previous(repo, entries)
    return out


def year_entries(repo: Repository, year: int) -> list[Entry]:
    """The year's stored reports, each with last year's of its agency; one that cannot be read is an entry
    saying why. StorageError when the list itself cannot be read."""
    listed = repo.reports()
    infos = [i for i in listed if i.year == year]
    earlier = {i.agency: i.id for i in listed if i.year == year - 1}
    try:  # the year's reports and last year's read together: a few statements instead of a few per report
        reports = repo.load_many([i.id for i in infos])
        previous = dict(zip(earlier.values(), repo.load_many(list(earlier.values())), strict=True))
    except StorageError:  # one of them cannot be read: each on its own, so that only that one says why
        return [_entry(repo, info) for info in infos]
    return [Entry(f"数据库：{info.agency}", report, previous=previous.get(earlier.get(info.agency, -1)))
            for info, report in zip(infos, reports, strict=True)]


def _entry(repo: Repository, info: ReportInfo) -> Entry:
    source = f"数据库：{info.agency}"
    try:
        return Entry(source, repo.load(info.id), previous=repo.previous_year_report(info.id))
    except StorageError as e:
        return Entry(source, problem=str(e))


def add_previous(repo: Repository, entries: list[Entry]) -> None:
    """Last year's stored report for every entry read from elsewhere that has none yet."""
    for entry in entries:
        if entry.report is not None and entry.previous is None:
            last = repo.find_report(entry.report.agency, entry.report.year - 1)
            entry.previous = repo.load(last) if last is not None else None


def earlier_reports(repo: Repository, agency: str, year: int, years: int = 4) -> list[Report]:
    """The agency's stored reports of up to `years` years before `year`, oldest first (a 图解's history);
    a year that cannot be read is left out. StorageError when the database cannot be read at all."""
    out: list[Report] = []
    for y in range(year - years, year):
        found = repo.find_report(agency, y)
        if found is None:
            continue
        try:
            out.append(repo.load(found))
        except StorageError:
            continue
    return out
