"""Which findings have something to say yet, while a report is still being filled in.

A rule judged too early is noise: a column's balance fails while its first row is still being typed, a cell left
for later is "a fifth of last year's", a section not yet written is "empty". This module decides from the report
alone (which cells hold a figure, which texts are written) and from the table sections the caller says are
settled (the clerk has left them, or they were filled before); when a table counts as left is the caller's call.
Everything here is pure: the full findings stay what `quality.review` gives, for export and 定稿.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .checks import Finding
from .definition import Format
from .model import PREAMBLE, Report

EMPTY_RULE = "quality.empty"
PREAMBLE_RULE = "quality.preamble"
YEAR_JUMP_RULE = "quality.year_jump"


@dataclass(frozen=True)
class Readiness:
    findings: tuple[Finding, ...]  # what to show now
    to_do: tuple[str, ...]  # prose sections not yet written (ids, in the format's order)
    held_back: int  # findings kept until their table is left or filled


def started_tables(report: Report) -> set[str]:
    """Table sections holding a figure of this year's own (a figure carried from last year does not count): a
    report opened with such a table was filled before, and its findings are shown at once."""
    fmt = report.format
    carried = {r.target for r in fmt.carry_rules}
    return {fmt.cells[c].section.id for c in report.cells
            if c in fmt.cells and c not in carried and fmt.cells[c].section.table is not None}


def balance_sides_filled(report: Report, finding: Finding) -> bool:
    """True unless `finding` is a column's balance with a side that holds no figure yet."""
    rule = next((r for r in report.format.balance_rules if r.id == finding.rule), None)
    if rule is None or not finding.cells:
        return True
    column = finding.cells[0].split(":", 1)[1]
    return all(any(filled(report, f"{row}:{column}") for row in side) for side in (rule.left, rule.right))


def filled(report: Report, cell_id: str) -> bool:
    """The cell holds a figure: entered, or a total of which some addend was entered."""
    if cell_id in report.cells:
        return True
    addends = report.format.computed.get(cell_id, ())
    return any(filled(report, c) for c in addends)


def row_typed(report: Report, cell_id: str) -> bool:
    """Some cell of the cell's row holds a figure of this year's own (not one carried from last year)."""
    row = cell_id.split(":", 1)[0]
    carried = {r.target for r in report.format.carry_rules}
    return any(c.split(":", 1)[0] == row and c not in carried for c in report.cells)


def section_of(fmt: Format, finding: Finding) -> str | None:
    first = finding.cells[0] if finding.cells else None
    return fmt.cells[first].section.id if first in fmt.cells else None


def judge(report: Report, findings: list[Finding], settled: set[str]) -> Readiness:
    """The findings worth showing now: a balance once both sides hold figures or its table is settled; a jump
    from last year's figure once the cell holds one, or, in a settled table, once its row was typed (a blank
    there is a deliberate 0); an empty prose section as a to-do; a missing preamble once the prose is begun."""
    fmt = report.format
    shown: list[Finding] = []
    to_do: list[str] = []
    held = 0
    balance_ids = {r.id for r in fmt.balance_rules}
    for f in findings:
        if f.rule == EMPTY_RULE and f.cells and not _written(report.text(f.cells[0])):
            to_do.append(f.cells[0])
            continue
        if f.rule == PREAMBLE_RULE and not _written(report.text(PREAMBLE)) \
                and not any(_written(report.text(s.id)) for s in fmt.prose_sections):
            continue  # a report not yet begun (its sections are to-dos): the preamble is asked for once it is
        section = section_of(fmt, f)
        if section is not None:
            if section not in settled:
                early = ((f.rule in balance_ids and not balance_sides_filled(report, f))
                         or (f.rule == YEAR_JUMP_RULE and not filled(report, f.cells[0])))
            else:  # a blank cell in a row the clerk typed is a deliberate 0; in an untouched row, not yet typed
                early = f.rule == YEAR_JUMP_RULE and not row_typed(report, f.cells[0])
            if early:
                held += 1
                continue
        shown.append(f)
    order = [s.id for s in fmt.sections]
    return Readiness(tuple(shown), tuple(sorted(to_do, key=order.index)), held)


def _written(text: str) -> bool:
    """Holds a letter or digit (a text of spaces and punctuation is still empty; 「无」 is written, if thinly)."""
    return any(ch.isalnum() for ch in unicodedata.normalize("NFKC", text))


def section_numbers(fmt: Format, section_ids: Iterable[str]) -> str:
    """「一、五、六」: the numbers of the sections' titles."""
    return "、".join(fmt.section(s).title.split("、", 1)[0] for s in section_ids)
