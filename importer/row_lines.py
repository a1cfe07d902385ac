"""Table sections whose rows are lines of text, each a row's label and its numbers separated by spaces (a PDF's
text copied, a page rendered to text: 「规章 1 2 3」): found before a flattened page is cut at its headings
(importer.flat_text), and gathered into one FlatTable to be read as a flattened page's rows are."""

from __future__ import annotations

import re
from functools import cache

from report.formats import FORMATS

from .document import FlatTable, Item, Paragraph, TableRow
from .labels import FormatLabels, labels_of
from .normalise import keyed, label_key


def rows_on_lines(items: list[Item], titles: FormatLabels) -> list[Item]:
    """A table section whose rows are lines of text, each a label and its numbers separated by spaces (a PDF's
    text copied, a page rendered to text: 「规章 1 2 3」), as one FlatTable: its rows are read as a flattened
    page's are. Only a section of paragraphs alone, two or more of them such rows: a table copied a cell to a
    line keeps its empty cells as blank lines, which joining would lose."""
    out: list[Item] = []
    section: str | None = None
    span: list[Item] = []

    def close() -> None:
        paragraphs = [i for i in span if isinstance(i, Paragraph) and not isinstance(i, FlatTable)]
        if (section is not None and len(paragraphs) == len(span)
                and sum(1 for p in paragraphs if _row_line(p.text, section)) >= 2):
            texts = _labels_rejoined([p.text for p in paragraphs], section)
            out.append(FlatTable(" ".join(texts), paragraphs[0].where, section=section))
        else:
            out.extend(_numbers_row(i) if section is not None else i for i in span)
        span.clear()

    for item in items:
        if isinstance(item, Paragraph) and not (section is not None and _row_line(item.text, section)):
            match = titles.section_title(item.text)
            if match is not None:
                close()
                section = match.target.id if match.target.table is not None else None
                out.append(item)
                continue
        if section is None:
            out.append(item)
        else:
            span.append(item)
    close()
    return out


def _labels_rejoined(lines: list[str], section_id: str) -> list[str]:
    """Rows on lines where a long label wraps and its numbers stand on its first line (「（二）部分公开（区分处理的，
    只计这一情形，不计 29 30…」 then 「其他情形）」): the label's end put before the numbers, where a flattened
    table has it. Only where the two make a row's label that the first line alone does not hold."""
    out = list(lines)
    keys = row_keys(section_id)
    for i in range(len(out) - 1):
        match = _ENDS_IN_NUMBERS.search(out[i])
        rest = out[i + 1]
        if match is None or any(ch.isdigit() for ch in rest) or not rest.strip():
            continue
        label, numbers = out[i][:match.start() + 1], out[i][match.start() + 1:]
        before = {k for k in keys if k in keyed(label)[0]}
        after = {k for k in keys if k in keyed(label + rest)[0]}
        if after - before and not {k for k in keys if k in keyed(rest)[0]}:
            out[i], out[i + 1] = label + rest + numbers, ""
    return [line for line in out if line]


def _numbers_row(item: Item) -> Item:
    """A line of a table section holding numbers alone, separated by spaces, as the row of cells it is (section
    四's one row of figures under a header set in vertical characters, a character a line)."""
    if isinstance(item, Paragraph) and not isinstance(item, FlatTable):
        tokens = item.text.split()
        if len(tokens) > 1 and all(_NUMBER.fullmatch(t) for t in tokens):
            return TableRow(tuple(tokens), item.where, -1)
    return item


_NUMBER = re.compile(r"[+\-]?\d[\d.．]*(?:万元|元)?|[—－/／]")
_ENDS_IN_NUMBERS = re.compile(r"[^\d\s.．+\-][\s:：]*[+\-]?\d[\d.．]*(?:万元|元)?(?:\s+[+\-]?\d[\d.．]*(?:万元|元)?)*\s*$")


def _row_line(text: str, section_id: str) -> bool:
    """Whether `text` is one row of the section on a line: a row's label, then numbers to the end."""
    if not _ENDS_IN_NUMBERS.search(text):
        return False
    key, _ = keyed(text)
    return any(k in key for k in row_keys(section_id))


def holds_rows(text: str, section_id: str) -> bool:
    """Whether `text` runs two or more rows of the section together: their labels, and digits."""
    if not any(ch.isdigit() for ch in text):
        return False
    key, _ = keyed(text)
    return sum(1 for k in row_keys(section_id) if k in key) >= 2


@cache
def row_keys(section_id: str) -> tuple[str, ...]:
    """Row label keys of the section in every format, long enough not to stand inside ordinary words."""
    return tuple({label_key(r.row.label) for fid in FORMATS for r in labels_of(fid).rows
                  if r.section.id == section_id and len(label_key(r.row.label)) >= 4})
