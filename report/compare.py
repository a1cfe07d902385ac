"""What differs between two reports: every cell and every passage of text, named so that a clerk can find it.

Used to check a published copy against the approved report (`compare`, 核对已发布的版本) and by the importer to
check a document's embedded data against what the document shows. White space, the width of a character
（（ against ( ) and invisible format characters are not differences: web editors, Word and a PDF's text layer
change them without changing what a reader reads. Everything else is.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .calc import with_totals
from .model import PREAMBLE, PREAMBLE_TITLE, Report, text_ids
from .values import show

CELL = "cell"
TEXT = "text"
FIELD = "field"

QUOTE = 40  # characters of a passage quoted in a message


@dataclass(frozen=True)
class Difference:
    kind: str  # CELL, TEXT or FIELD
    key: str  # the cell id, the text id (preamble, s1 …) or the field (agency, year, format, date)
    where: str  # Chinese: the cell's label, 「一、总体情况」第 3 段, 机关名称
    left: str  # as the first report has it ("" for nothing)
    right: str  # as the second report has it
    # A text's differing paragraphs in the first report, [first, last) as passage_span counts them; first == last
    # where the second report has paragraphs the first lacks (they would go before paragraph `first`).
    paragraphs: tuple[int, int] = (0, 0)

    def message(self, left_name: str = "甲", right_name: str = "乙") -> str:
        return f"{self.where}：{left_name}为{_shown(self.left)}，{right_name}为{_shown(self.right)}"


def _shown(text: str) -> str:
    return f"「{text}」" if text else "空"


def differences(left: Report, right: Report, *, letters_only: bool = False) -> list[Difference]:
    """Every difference between `left` and `right`: the report's own fields, then cells in the format's order,
    then texts section by section. `letters_only`: texts compared by their letters and digits alone (the
    importer's check of a document's data against a reading of its drawing, which may lose a lone punctuation
    mark)."""
    out: list[Difference] = []
    fields = (("agency", "机关名称", left.agency.strip(), right.agency.strip()),
              ("year", "年度", str(left.year), str(right.year)),
              ("format", "格式", left.format.name, right.format.name),
              ("date", "成文日期", _date(left), _date(right)))
    out += [Difference(FIELD, key, where, a, b) for key, where, a, b in fields if a != b]
    out += _cells(left, right)
    out += _texts(left, right, _letters if letters_only else canonical)
    return out


def _date(report: Report) -> str:
    return report.date.isoformat() if report.date else ""


def _cells(left: Report, right: Report) -> list[Difference]:
    a, b = with_totals(left), with_totals(right)
    out = []
    ids = list(left.format.cells) + [cid for cid in right.format.cells if cid not in left.format.cells]
    for cid in ids:
        in_a, in_b = cid in left.format.cells, cid in right.format.cells
        va = show(a.value(cid)) if in_a else ""
        vb = show(b.value(cid)) if in_b else ""
        if in_a and in_b and a.value(cid) == b.value(cid):
            continue
        label = (left.format if in_a else right.format).cells[cid].label
        out.append(Difference(CELL, cid, label, va, vb))
    return out


def _section_title(report: Report, tid: str) -> str:
    if tid == PREAMBLE:
        return PREAMBLE_TITLE
    section = next((s for s in report.format.sections if s.id == tid), None)
    return section.title if section else tid


def canonical(text: str) -> str:
    """A passage as a reader reads it: compatibility forms folded (full-width to plain), white space and
    invisible format characters left out."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc"))


def _paragraphs(text: str, key: Callable[[str], str]) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if key(p)]


def passage_span(text: str, first: int, last: int) -> tuple[int, int]:
    """Where paragraphs [first, last) of `text` are, as character offsets (the paragraphs a Difference counts:
    lines with something to read); an empty span where the paragraph `first` would begin when last == first.
    Offsets past the end are clamped: the text may have changed since it was compared."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if canonical(line):
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, start + len(line.rstrip())))
        start = end + 1
    if not spans:
        return 0, 0
    if last > first:
        a, b = spans[min(first, len(spans) - 1)], spans[min(last, len(spans)) - 1]
        return a[0], max(b[1], a[0])
    if first < len(spans):
        return spans[first][0], spans[first][0]
    return spans[-1][1], spans[-1][1]


def _letters(text: str) -> str:
    return "".join(filter(str.isalnum, canonical(text)))


def _texts(left: Report, right: Report, key: Callable[[str], str]) -> list[Difference]:
    out = []
    ids = list(text_ids(left.format)) + [t for t in text_ids(right.format) if t not in text_ids(left.format)]
    for tid in ids:
        pa, pb = _paragraphs(left.text(tid), key), _paragraphs(right.text(tid), key)
        ca, cb = [key(p) for p in pa], [key(p) for p in pb]
        if ca == cb:
            continue
        title = _section_title(left if tid in text_ids(left.format) else right, tid)
        matcher = difflib.SequenceMatcher(None, ca, cb, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if i2 > i1:
                where = f"「{title}」第 {i1 + 1} 段" if i2 - i1 == 1 else f"「{title}」第 {i1 + 1}–{i2} 段"
            else:
                where = f"「{title}」第 {i1} 段之后" if i1 else f"「{title}」开头"
            a, b = "\n".join(pa[i1:i2]), "\n".join(pb[j1:j2])
            start = max(_common_prefix(a, b) - QUOTE // 4, 0)
            out.append(Difference(TEXT, tid, where, _quote(a, start), _quote(b, start), (i1, i2)))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _quote(text: str, start: int) -> str:
    """The passage from a little before where it changes, briefly: the message names the place, the clerk
    reads the whole there."""
    head = "…" if start else ""
    text = text[start:]
    return head + (text if len(text) <= QUOTE else text[: QUOTE - 1] + "…")

