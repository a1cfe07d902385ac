"""Totals: the computed cells of a format, worked out from the input cells."""

from __future__ import annotations

import dataclasses

from .definition import Format
from .model import Report
from .values import ZERO, Value


def computed_values(fmt: Format, cells: dict[str, Value]) -> dict[str, Value]:
    """Every computed cell recalculated from the input cells alone (given totals are ignored)."""
    out: dict[str, Value] = {}

    def value(cid: str) -> Value:
        if cid in out:
            return out[cid]
        addends = fmt.computed.get(cid)
        if addends is None:
            return cells.get(cid, ZERO[fmt.cells[cid].kind])
        total = sum((value(a) for a in addends), ZERO[fmt.cells[cid].kind])
        out[cid] = total
        return total

    for cid in fmt.computed:
        value(cid)
    return out


def with_totals(report: Report) -> Report:
    """The same report with every computed cell replaced by its true sum; what the program itself shows."""
    fmt = report.format
    inputs = {cid: v for cid, v in report.cells.items() if cid not in fmt.computed}
    return dataclasses.replace(report, cells={**inputs, **computed_values(fmt, inputs)}, texts=dict(report.texts))


def wrong_totals(report: Report) -> dict[str, tuple[Value, Value]]:
    """The totals a report gives (a published one, imported) that differ from their sums worked out from its
    input cells: cell id -> (the given figure, the true sum). Storing the report keeps the true sums."""
    return wrong_given_totals(report.format, report.cells)


def wrong_given_totals(fmt: Format, cells: dict[str, Value]) -> dict[str, tuple[Value, Value]]:
    """As wrong_totals, for cells not (yet) a report's: a paste's values over the current ones."""
    sums = computed_values(fmt, {cid: v for cid, v in cells.items() if cid not in fmt.computed})
    return {cid: (v, sums[cid]) for cid, v in cells.items() if cid in fmt.computed and v != sums[cid]}
