"""Stored reports named by agency and year, as the command line asks for them: one report with last year's, and
the reports of a year to add up (汇总). Every miss is a StorageError whose Chinese message names the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from report.aggregate import is_collectors_own
from report.model import Report

from .errors import StorageError

if TYPE_CHECKING:  # the repository imports SQLAlchemy; callers of these already hold one
    from .repository import Repository


def report_and_previous(repo: Repository, agency: str, year: int) -> tuple[Report, Report | None]:
    """The stored report of `agency` for `year`, and last year's report of the same agency when there is one."""
    report_id = repo.find_report(agency, year)
    if report_id is None:
        raise StorageError(f"数据库 {repo.path} 中没有「{agency.strip()}」{year} 年的报告", reason="not_found")
    return repo.load(report_id), repo.previous_year_report(report_id)


def reports_to_aggregate(repo: Repository, year: int, collector: str, include: list[str] | None = None) -> list[Report]:
    """The year's stored reports to add up for `collector`: exactly the agencies of `include` when given (each must
    have one), else all but the collector's own (it is the sum, not a part of it)."""
    infos = [i for i in repo.reports() if i.year == year]
    if include is not None:
        wanted = [a.strip() for a in include]
        missing = [a for a in dict.fromkeys(wanted) if not any(i.agency == a for i in infos)]
        if missing:
            raise StorageError("\n".join(f"数据库 {repo.path} 中没有「{a}」{year} 年的报告" for a in missing),
                               reason="not_found")
        infos = [i for i in infos if i.agency in wanted]
    else:
        infos = [i for i in infos if not is_collectors_own(i.agency, collector)]
    if not infos:
        raise StorageError(f"数据库 {repo.path} 中没有 {year} 年度可汇总的报告"
                           + ("（汇总机关本身的报告不计入）" if include is None else ""), reason="not_found")
    return repo.load_many([i.id for i in infos])
