"""Starting a new year from last year's report, following the format's carry rules (report.definition.CarryRule)."""

from __future__ import annotations

from report.definition import Format
from report.model import Report
from report.values import ZERO, Value, problem, show


def carried_cells(previous: Report, fmt: Format) -> tuple[dict[str, Value], list[str]]:
    """This year's cells that follow from last year's report, and notes on values that could not be carried.

    Each rule's terms are evaluated with last year's report for its `previous` terms and zero for this year's
    (nothing has been entered yet). A rule that reads a cell last year's format does not have is skipped, as
    across the 2019 → 2021 change of format. Zeros are not stored: a missing input cell means 0.
    """
    last_fmt = previous.format
    cells: dict[str, Value] = {}
    notes: list[str] = []
    for rule in fmt.carry_rules:
        if not all((t.cell in last_fmt.cells) if t.previous else (t.cell in fmt.cells) for t in rule.terms):
            continue
        target = fmt.cells[rule.target]
        value = sum((t.sign * previous.value(t.cell) for t in rule.terms if t.previous), ZERO[target.kind])
        why = problem(target.kind, value)
        if why:
            notes.append(f"{target.label}按上年数据应为 {show(value)}，但{why}，未结转，请核对后填写")
        elif value:
            cells[rule.target] = value
    return cells, notes
