"""The carry rules (definition.CarryRule): the figures of this year's report that follow from last year's.

Starting a new year fills them in (`carried_cells`); checking a report against last year's compares them
(checks); both read a rule the same way here.
"""

from __future__ import annotations

from .definition import CarryRule, Format
from .model import Report
from .values import ZERO, Value, problem, show


def applies(rule: CarryRule, fmt: Format, last_fmt: Format) -> bool:
    """Whether every cell the rule reads exists: across a change of format (2019 → 2021) last year's format
    may lack one, and the rule then says nothing."""
    return all((t.cell in last_fmt.cells) if t.previous else (t.cell in fmt.cells) for t in rule.terms)


def expected(rule: CarryRule, fmt: Format, previous: Report, current: Report | None) -> Value:
    """The value the rule gives its target: last year's terms from `previous`, this year's from `current`
    (zero when None: nothing has been entered yet)."""
    total: Value = ZERO[fmt.cells[rule.target].kind]
    for t in rule.terms:
        source = previous if t.previous else current
        if source is not None:
            total += t.sign * source.value(t.cell)
    return total


def carried_cells(previous: Report, fmt: Format) -> tuple[dict[str, Value], list[str]]:
    """This year's cells that follow from last year's report, and notes (Chinese) on values that could not
    be carried. Zeros are left out: a missing input cell means 0."""
    cells: dict[str, Value] = {}
    notes: list[str] = []
    for rule in fmt.carry_rules:
        if not applies(rule, fmt, previous.format):
            continue
        target = fmt.cells[rule.target]
        value = expected(rule, fmt, previous, None)
        why = problem(target.kind, value)
        if why:
            notes.append(f"{target.label}按上年数据应为 {show(value)}，但{why}，未结转，请核对后填写")
        elif value:
            cells[rule.target] = value
    return cells, notes
