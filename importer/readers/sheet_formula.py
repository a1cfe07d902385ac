"""A spreadsheet formula worked out as Excel would, for the plain arithmetic a report's totals use.

openpyxl writes formulas without their values, and a file no spreadsheet program has saved since holds none: its
totals (=SUM(D6:I6)) are then known only by working them out. Only SUM over cells and ranges of the same sheet,
numbers, + and - are understood; anything else (another function, another sheet, a name) is None: not known.

As in Excel, SUM passes over text in the cells it adds (a figure typed as text 「12」 adds nothing), while + and -
take a cell's text as the number it reads as.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from openpyxl.utils.cell import column_index_from_string

Cell = tuple[int, int]  # (row, column) from 0
# The value a cell holds: a number, a text, or None (empty); a formula cell's value is worked out by the caller.
Lookup = Callable[[Cell], "Decimal | str | None"]

MAX_FORMULA = 2_000  # characters; a report's longest total is a few dozen
MAX_CELLS = 10_000  # cells one formula may add (a range over a whole column is not a report's total)

_TOKEN = re.compile(r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?\d{1,7}:\$?[A-Z]{1,3}\$?\d{1,7})|(?P<ref>\$?[A-Z]{1,3}\$?\d{1,7})"
                    r"|(?P<number>\d+(?:\.\d+)?)|(?P<sum>SUM\s*\()|(?P<op>[-+(),]))", re.IGNORECASE)
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})", re.IGNORECASE)


class NotKnown(Exception):
    """Raised (also by a lookup) where a formula or the cell it reads is not known."""


def evaluate(formula: str, lookup: Lookup) -> Decimal | None:
    """The value of `formula` (「=SUM(D6:I6)」), or None when it is not plain arithmetic over known cells."""
    text = formula.strip()
    if not text.startswith("=") or len(text) > MAX_FORMULA:
        return None
    try:
        tokens = _tokens(text[1:])
        parser = _Parser(tokens, lookup)
        value = parser.expression()
        if parser.pos != len(tokens):
            return None
        return value
    except (NotKnown, InvalidOperation, RecursionError):
        return None


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise NotKnown
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind).strip().upper()))
        pos = m.end()
    return out


def _cell(ref: str) -> Cell:
    m = _REF.fullmatch(ref)
    if not m:
        raise NotKnown
    return int(m.group(2)) - 1, column_index_from_string(m.group(1).upper()) - 1


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], lookup: Lookup):
        self.tokens, self.lookup, self.pos = tokens, lookup, 0

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("", "")

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if not token[0]:
            raise NotKnown
        self.pos += 1
        return token

    def expression(self) -> Decimal:
        value = self._term()
        while self._peek() in (("op", "+"), ("op", "-")):
            sign = self._take()[1]
            value = value + self._term() if sign == "+" else value - self._term()
        return value

    def _term(self) -> Decimal:
        kind, text = self._take()
        if kind == "op" and text in "+-":
            value = self._term()
            return value if text == "+" else -value
        if kind == "number":
            return Decimal(text)
        if kind == "ref":
            return _as_number(self.lookup(_cell(text)))
        if kind == "sum":
            return self._sum()
        if (kind, text) == ("op", "("):
            value = self.expression()
            if self._take() != ("op", ")"):
                raise NotKnown
            return value
        raise NotKnown

    def _sum(self) -> Decimal:
        total = Decimal(0)
        while True:
            kind, text = self._peek()
            if kind == "range":
                self._take()
                total += sum((_summed(self.lookup(c)) for c in _range(text)), Decimal(0))
            elif kind == "ref" and self.tokens[self.pos + 1:self.pos + 2] in ([("op", ",")], [("op", ")")]):
                self._take()
                total += _summed(self.lookup(_cell(text)))
            else:
                total += self.expression()
            kind, text = self._take()
            if (kind, text) == ("op", ")"):
                return total
            if (kind, text) != ("op", ","):
                raise NotKnown


def _range(text: str) -> list[Cell]:
    first, last = (_cell(part) for part in text.split(":"))
    rows = range(min(first[0], last[0]), max(first[0], last[0]) + 1)
    cols = range(min(first[1], last[1]), max(first[1], last[1]) + 1)
    if len(rows) * len(cols) > MAX_CELLS:
        raise NotKnown
    return [(r, c) for r in rows for c in cols]


def _summed(value: Decimal | str | None) -> Decimal:
    """A cell as SUM adds it: text and empty cells add nothing."""
    return value if isinstance(value, Decimal) else Decimal(0)


def _as_number(value: Decimal | str | None) -> Decimal:
    """A cell as + and - take it: empty is 0, text is the number it reads as, or not known."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    text = value.strip().replace(",", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        raise NotKnown
    return Decimal(text)
