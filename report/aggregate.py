"""汇总: one report for a collecting office from the reports of several agencies of one year and one format.

Tables are summed input cell by input cell (amounts as exact decimals) and every computed cell is worked out
again from those sums, so the result always adds up even when an input's published totals did not. The list of
included agencies is returned with the result and also written into the aggregate's section 六: the exchange
file has no other place for it, and a reader of the file must be able to see what was added up.
"""

from __future__ import annotations

import decimal
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import limits
from .calc import computed_values
from .checks import Finding, check
from .errors import UserFacingError
from .model import Report, agency_problem
from .values import ZERO, Value

NOTE_SECTION = "s6"


class AggregateError(ValueError, UserFacingError):
    """The reports cannot be added up together; the message is Chinese."""


@dataclass(frozen=True)
class Included:
    agency: str
    errors: tuple[Finding, ...]  # the report's own errors: it is summed as it stands


@dataclass(frozen=True)
class Aggregate:
    report: Report
    included: tuple[Included, ...]

    @property
    def agencies(self) -> tuple[str, ...]:
        return tuple(i.agency for i in self.included)

    @property
    def with_errors(self) -> tuple[Included, ...]:
        return tuple(i for i in self.included if i.errors)


def is_collectors_own(agency: str, collector: str) -> bool:
    """Whether a report of `agency` is the collecting agency's own: the sum is stored as that report, so it is
    not one of the addends (left out of a 汇总 unless named explicitly)."""
    return agency.strip() == collector.strip()


def refusal(reports: Sequence[Report]) -> str | None:
    """Why these reports cannot be added up together (as a Chinese sentence), or None."""
    if not reports:
        return "没有选择要汇总的报告"
    # What must agree: its name, the key to compare, how a group is named.
    agreeing: tuple[tuple[str, Callable[[Report], object], Callable[[Report], str]], ...] = (
        ("年度", lambda r: r.year, lambda r: f"{r.year} 年"),
        ("格式", lambda r: r.format_id, lambda r: r.format.name),
    )
    for noun, key, label in agreeing:
        groups: dict[object, list[Report]] = {}
        for r in reports:
            groups.setdefault(key(r), []).append(r)
        if len(groups) > 1:
            parts = [f"{label(rs[0])}：{_few([r.agency for r in rs])}" for rs in groups.values()]
            return f"所选报告的{noun}不一致（{'；'.join(parts)}），只能汇总同一{noun}的报告"
    twice = [a for a, n in Counter(r.agency.strip() for r in reports).items() if n > 1]
    if twice:
        return f"同一机关的报告选了不止一份：{_few(twice)}；请每个机关只选一份，以免重复计数"
    return None


def aggregate(reports: Sequence[Report], agency: str, *, note: bool = True) -> Aggregate:
    """The sum of `reports` as a new report of `agency`; AggregateError if they cannot be summed together.

    Reports with errors are included as they stand and listed in the result, so that the caller can warn or ask.
    """
    why = refusal(reports) or agency_problem(agency, "汇总报告的机关名称")
    if why:
        raise AggregateError(why)
    first = reports[0]
    fmt = first.format
    sums: dict[str, Value] = {}
    with decimal.localcontext() as ctx:
        ctx.prec = 60  # far beyond 300 × 10^10 万元 to six places: every sum is exact
        for cid in fmt.input_cells:
            zero = ZERO[fmt.cells[cid].kind]
            total = sum((r.cells.get(cid, zero) for r in reports), zero)
            sums[cid] = total
    for cid, total in sums.items():
        why = limits.figure_problem(total)
        if why:  # the result could not be read back from its own exchange file
            raise AggregateError(f"汇总后{fmt.cells[cid].label}{why}，无法汇总")
    cells = {**sums, **computed_values(fmt, sums)}
    included = tuple(
        Included(r.agency, tuple(f for f in check(r) if f.is_error)) for r in reports
    )
    agencies = [i.agency for i in included]
    texts = {NOTE_SECTION: generated_note(agencies)} if note else {}
    summed = Report(agency=agency, year=first.year, format_id=fmt.id, texts=texts, cells=cells)
    return Aggregate(summed, included)


def generated_note(agencies: Sequence[str]) -> str:
    return f"本报告表格数据由以下 {len(agencies)} 个机关的年度报告逐项汇总生成：{'、'.join(agencies)}。"


def _few(names: Sequence[str], limit: int = 5) -> str:
    shown = "、".join(f"「{n}」" for n in names[:limit])
    return shown if len(names) <= limit else f"{shown}等 {len(names)} 个"
