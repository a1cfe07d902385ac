"""Cells run together in a flattened copy (「规章000」, 「10 0 0 0 01」): every way to read them, and which of
those readings the format's rules allow.

A page rendered to plain text loses the borders between cells; what stays is the digits and the spaces some
pages print. A space always ends a cell, a run of digits may hold several. A reading cuts every run into numbers
as a table prints them (no leading zero; a decimal point or a unit only in an amount column; a sign only in a
signed one), one per cell. Which reading is the publication's is decided only by the rules the format states —
each total is the sum of its parts, along its row and its column, and the 勾稽 rule — over the whole table at
once: where more than one reading satisfies every rule, the cells on which they differ are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from report.definition import Format, Kind
from report.values import ZERO, ParseError, Value, normalise_text, parse

MAX_READINGS = 5000  # of one row; more and the row is not read (a run of digits that long is not a table row)
MAX_STEPS = 200_000  # of the search over a table's ambiguous rows together; more, and each row is judged alone

_ZERO_MARKS = {"—", "-", "/", "－", "－－", "——", "--", "／", "∕"}
_TOKEN = re.compile(r"^([+-]?)(\d[\d.]*)(万元|元)?$")
_NUMBER = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")


class TooMany(Exception):
    """More readings than MAX_READINGS."""


@dataclass(frozen=True)
class Run:
    """One printed row of a table as flattened text: its cells (ids, printed order) and what stands for them."""

    cells: tuple[str, ...]
    tokens: tuple[str, ...]  # the pieces between spaces, as printed
    where: str
    name: str  # how messages name the row

    @property
    def needs_split(self) -> bool:
        return len(self.tokens) != len(self.cells)


def readings(tokens: tuple[str, ...], kinds: tuple[Kind, ...]) -> list[tuple[str, ...]]:
    """Every way to cut `tokens` into one number per cell of `kinds`; TooMany past MAX_READINGS."""
    out: list[tuple[str, ...]] = []
    width = len(kinds)

    def walk(t: int, cell: int, acc: tuple[str, ...]) -> None:
        if t == len(tokens):
            if cell == width:
                out.append(acc)
                if len(out) > MAX_READINGS:
                    raise TooMany
            return
        # Every token left needs a cell of its own.
        limit = width - (len(tokens) - t - 1)
        for parts in _splits(tokens[t], kinds, cell, limit):
            walk(t + 1, cell + len(parts), acc + parts)

    walk(0, 0, ())
    return out


def _splits(token: str, kinds: tuple[Kind, ...], start: int, limit: int):
    """The ways one printed token fills the cells from `start` (at most up to `limit`)."""
    if start >= limit:
        return
    text = normalise_text(token)
    if text in _ZERO_MARKS:
        yield (token,)
        return
    match = _TOKEN.match(text)
    if not match:
        return
    sign, body, unit = match.group(1), match.group(2), match.group(3) or ""

    def cut(i: int, cell: int):
        if i == len(body):
            yield ()
            return
        if cell >= limit:
            return
        kind = kinds[cell]
        for j in range(i + 1, len(body) + 1):
            piece = body[i:j]
            if not _NUMBER.match(piece) or (j < len(body) and body[j] == "."):
                continue
            if "." in piece and kind is not Kind.AMOUNT:
                continue
            last = j == len(body)
            if last and unit and kind is not Kind.AMOUNT:
                continue
            if i == 0 and sign and kind is not Kind.SIGNED and not (sign == "+" and kind is Kind.COUNT):
                continue
            shown = (sign if i == 0 else "") + piece + (unit if last else "")
            for rest in cut(j, cell + 1):
                yield (shown, *rest)

    yield from cut(0, start)


@dataclass
class Resolved:
    """What the rules leave of a row's readings."""

    run: Run
    all: list[tuple[str, ...]]  # every reading of the digits (empty: none; None-like when too many)
    kept: list[tuple[str, ...]]  # those the rules allow (all of them, when none does)
    too_many: bool = False
    by_rules: bool = False  # the rules, not the digits alone, left a single reading
    rules_broken: bool = False  # no reading satisfies the rules (the publication's own sums are wrong)
    bound: bool = False  # some rule reads a cell of the row

    def cell(self, k: int) -> str | None:
        """The text of the row's k-th cell if every kept reading agrees on it."""
        texts = {r[k] for r in self.kept}
        return texts.pop() if len(texts) == 1 else None


def resolve(runs: list[Run], fmt: Format) -> list[Resolved]:
    """The readings of every row of one table that the format's rules allow, the rows taken together."""
    kinds = {cid: fmt.cells[cid].kind for run in runs for cid in run.cells}
    out: list[Resolved] = []
    for run in runs:
        try:
            found = [r for r in readings(run.tokens, tuple(kinds[c] for c in run.cells)) if _values(run, r, fmt)]
        except TooMany:
            out.append(Resolved(run, [], [], too_many=True))
            continue
        out.append(Resolved(run, found, list(found)))
    known: dict[str, Value] = {}
    ambiguous: list[int] = []
    for k, res in enumerate(out):
        if len(res.all) == 1:
            known.update(_values(res.run, res.all[0], fmt))
        elif len(res.all) > 1:
            ambiguous.append(k)
    if not ambiguous:
        return out
    present = set(kinds)
    constraints = [c for c in _constraints(fmt) if all(cid in present for cid, _ in c)]
    row_of = {cid: k for k in ambiguous for cid in out[k].run.cells}
    # Each rule is checked as soon as the last ambiguous row it reads has a reading; rules among rows read
    # without doubt decide nothing here (a wrong sum there is the publication's, for the checks to report).
    by_level: dict[int, list] = {}
    for c in constraints:
        rows = {ambiguous.index(row_of[cid]) for cid, _ in c if cid in row_of}
        if rows:
            by_level.setdefault(max(rows), []).append(c)
    for c in constraints:
        for k in {row_of[cid] for cid, _ in c if cid in row_of}:
            out[k].bound = True
    options = [[_values(out[k].run, r, fmt) for r in out[k].all] for k in ambiguous]
    kept: list[set[int]] = [set() for _ in ambiguous]
    steps = 0

    def search(level: int, chosen: list[int], values: dict[str, Value]) -> None:
        nonlocal steps
        if level == len(ambiguous):
            for lv, index in enumerate(chosen):
                kept[lv].add(index)
            return
        for index, vals in enumerate(options[level]):
            steps += 1
            if steps > MAX_STEPS:
                raise TooMany
            merged = {**values, **vals}
            if all(_holds(c, merged) for c in by_level.get(level, ())):
                search(level + 1, chosen + [index], merged)

    try:
        search(0, [], dict(known))
        solved = all(kept)
    except TooMany:
        solved = False
    if solved:
        for lv, k in enumerate(ambiguous):
            res = out[k]
            res.kept = [res.all[i] for i in sorted(kept[lv])]
            res.by_rules = len(res.kept) == 1
        return out
    # No reading of the table satisfies every rule together (or too many to try): each row by the rules that
    # read no other doubtful row.
    for lv, k in enumerate(ambiguous):
        res = out[k]
        own = [c for cs in by_level.values() for c in cs if all(row_of.get(cid, k) == k for cid, _ in c)]
        allowed = [r for r, vals in zip(res.all, options[lv], strict=True) if all(_holds(c, {**known, **vals}) for c in own)]
        if allowed:
            res.kept = allowed
            res.by_rules = len(allowed) == 1
        else:
            res.rules_broken = bool(own)
    return out


def _values(run: Run, reading: tuple[str, ...], fmt: Format) -> dict[str, Value]:
    """The reading's values by cell; empty when a piece is not a value of its cell (too large, say)."""
    out: dict[str, Value] = {}
    for cid, text in zip(run.cells, reading, strict=True):
        try:
            out[cid] = parse(fmt.cells[cid].kind, text)
        except ParseError:
            return {}
    return out


def _constraints(fmt: Format) -> list[tuple[tuple[str, int], ...]]:
    """Every rule of the format as terms (cell, sign) that add up to zero."""
    out = []
    for cid, sums in fmt.sums.items():
        for addends in sums:
            out.append(((cid, 1), *((a, -1) for a in addends)))
    for rule in fmt.balance_rules:
        block = fmt.block_of_row(rule.left[0])
        for column in block.leaf_columns():
            out.append(tuple((f"{r}:{column.id}", 1) for r in rule.left)
                       + tuple((f"{r}:{column.id}", -1) for r in rule.right))
    return out


def _holds(constraint, values: dict[str, Value]) -> bool:
    if any(cid not in values for cid, _ in constraint):
        return True  # not all read yet
    total = sum((sign * values[cid] for cid, sign in constraint), ZERO[Kind.COUNT])
    return total == 0
