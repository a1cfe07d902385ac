"""Checks: every rule of the format, as findings that name the cells at fault and say, in Chinese, what was
expected and what was found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import carry
from .definition import Format
from .formats import format_for_year
from .model import Report, text_title
from .values import ZERO, Value, places, problem, show

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    level: str  # ERROR or WARNING
    rule: str  # a stable id, e.g. "s3.balance"
    cells: tuple[str, ...]
    message: str
    quote: str = ""  # for a finding about prose: the words it is about (normalised), for a window to find

    @property
    def is_error(self) -> bool:
        """An error (the report is wrong as it stands), not a warning (worth a look)."""
        return self.level == ERROR

    def where(self, fmt: Format, shown: int = 8) -> str:
        """What it points at, as a line of text says it: 「（单元格：…；节：…）」, cells of a table (the first
        `shown` of them) or, for prose, whole sections by their titles (导语 for the preamble); "" when it points
        at nothing."""
        cells = [c for c in self.cells if c in fmt.cells]
        sections = [c for c in self.cells if c not in fmt.cells]
        parts = [f"单元格：{'、'.join(cells[:shown])}{'……' if len(cells) > shown else ''}"] if cells else []
        parts += [f"节：{'、'.join(text_title(fmt, s) for s in sections)}"] if sections else []
        return f"（{'；'.join(parts)}）" if parts else ""

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "rule": self.rule, "cells": list(self.cells), "message": self.message}


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """All findings for `report` (and against last year's, when given): errors first, then warnings."""
    findings = [
        *_format_matches_year(report),
        *_value_kinds(report),
        *_computed_sums(report),
        *_balances(report),
    ]
    if previous is not None:
        findings += _cross_year(report, previous)
    return sorted(findings, key=lambda f: not f.is_error)  # stable: rule order kept within a level


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


def _format_matches_year(report: Report) -> list[Finding]:
    expected = format_for_year(report.year)
    if expected.id == report.format_id:
        return []
    return [
        Finding(
            WARNING,
            "format.year",
            (),
            f"{report.year} 年的报告应使用{expected.name}，本报告使用的是{report.format.name}",
        )
    ]


def _value_kinds(report: Report) -> list[Finding]:
    fmt = report.format
    out = []
    for cid, value in report.cells.items():
        cell = fmt.cells[cid]
        why = problem(cell.kind, value)
        if why:
            out.append(Finding(ERROR, f"value.{cell.kind.value}", (cid,), f"{cell.label}{why}"))
        elif cell.column.places is not None and places(value) > cell.column.places:
            out.append(
                Finding(
                    WARNING,
                    "value.places",
                    (cid,),
                    f"{cell.label}的表头要求保留 {cell.column.places} 位小数，现填 {show(value)}"
                    f"（{places(value)} 位）；导出时将按填写的数值原样保留",
                )
            )
    return out


def _computed_sums(report: Report) -> list[Finding]:
    """A computed cell that was given (an imported publication) and disagrees with its addends, along each
    of its sums: the corner total is named both when its row and when its column does not add up to it."""
    fmt = report.format
    out = []
    for cid, sums in fmt.sums.items():
        if cid not in report.cells:
            continue
        given = report.cells[cid]
        for addends in sums:
            expected = _sum(report, addends, fmt, cid)
            if given == expected:
                continue
            along = "" if len(sums) == 1 else ("本行" if addends is fmt.computed[cid] else "本列")
            out.append(
                Finding(
                    ERROR,
                    "computed.sum",
                    (cid, *addends),
                    f"{fmt.cells[cid].label}是合计项，应为{along}各项之和 {show(expected)}，"
                    f"现为 {show(given)}，相差 {show(abs(given - expected))}",
                )
            )
    return out


def _sum(report: Report, cell_ids: Iterable[str], fmt: Format, like: str) -> Value:
    return sum((report.value(c) for c in cell_ids), ZERO[fmt.cells[like].kind])


def _balances(report: Report) -> list[Finding]:
    fmt = report.format
    out = []
    for rule in fmt.balance_rules:
        block = fmt.block_of_row(rule.left[0])
        section = fmt.cells[f"{rule.left[0]}:{block.leaf_columns()[0].id}"].section
        for column in block.leaf_columns():
            left_ids = [f"{r}:{column.id}" for r in rule.left]
            right_ids = [f"{r}:{column.id}" for r in rule.right]
            left = _sum(report, left_ids, fmt, left_ids[0])
            right = _sum(report, right_ids, fmt, right_ids[0])
            if left != right:
                out.append(
                    Finding(
                        ERROR,
                        rule.id,
                        (*left_ids, *right_ids),
                        f"「{section.title}」{column.label}列：{rule.left_text}为 {show(left)}，"
                        f"{rule.right_text}为 {show(right)}，相差 {show(abs(left - right))}",
                    )
                )
    return out


def _cross_year(report: Report, previous: Report) -> list[Finding]:
    out = []
    if previous.year != report.year - 1:
        out.append(
            Finding(
                WARNING,
                "cross.year",
                (),
                f"作为上年报告给出的是 {previous.year} 年的报告，本报告是 {report.year} 年的，应为 {report.year - 1} 年",
            )
        )
    if previous.agency.strip() != report.agency.strip():
        out.append(
            Finding(
                WARNING,
                "cross.agency",
                (),
                f"上年报告的机关为「{previous.agency}」，与本报告的「{report.agency}」不同",
            )
        )
    fmt, last_fmt = report.format, previous.format
    for rule in fmt.carry_rules:
        if not carry.applies(rule, fmt, last_fmt):
            continue
        expected = carry.expected(rule, fmt, previous, report)
        actual = report.value(rule.target)
        if actual == expected:
            continue
        parts = []
        for i, t in enumerate(rule.terms):
            source = previous if t.previous else report
            cell = (last_fmt if t.previous else fmt).cells[t.cell]
            sign = "" if i == 0 and t.sign > 0 else (" + " if t.sign > 0 else " − ")
            shown = show(source.value(t.cell))
            shown = f"（{shown}）" if shown.startswith("-") else shown
            parts.append(f"{sign}{'上年' if t.previous else '本年'}「{cell.short_label}」{shown}")
        out.append(
            Finding(
                WARNING,
                rule.id,
                (rule.target,),
                f"{fmt.cells[rule.target].label}为 {show(actual)}，按上年报告应为{''.join(parts)} = {show(expected)}",
            )
        )
    return out
