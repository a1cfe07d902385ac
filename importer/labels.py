"""Every label of a format, found by walking its definition, and the matching of published text against them.

Nothing here spells a label: section titles, block titles, corner notes, column and row labels all come from
report.formats. A match says how sure it is, so that the importer can tell the user what it guessed.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache

from report.definition import Block, ColumnGroup, Format, Row, RowGroup, Section
from report.formats import FORMATS
from report.grid import VALUE, table_grid

from .normalise import enumerator, label_key

EXACT = "exact"  # the keys are equal
CLOSE = "close"  # fuzzy, above the threshold: imported, and the note says what was read as what
POSITION = "position"  # weaker, but the row stands where the format puts the next row: imported, with a note
MEANING = "meaning"  # a section heading by its number and its meaning (Section.meaning), worded otherwise

FUZZY_THRESHOLD = 0.8
POSITION_THRESHOLD = 0.5
TIE_MARGIN = 0.02  # two candidates this close in score are a coin toss, not a match
# Distinct texts whose matches a FormatLabels remembers: a real report asks about a few hundred; a hostile text
# repeating its lines asks the same ones again, and an endless variety of lines must not grow memory.
MEMO_ENTRIES = 4096
TITLE_KEY_CHARS = 40  # a section title's key is shorter: a longer line is prose
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Match:
    target: object  # Section, Block, Row, RowGroup, Column or ColumnGroup of the format
    how: str  # EXACT, CLOSE or POSITION
    score: float


@dataclass(frozen=True)
class RowEntry:
    """A leaf row, with what a printed line of it must hold: its cells in printed order (from the grid)."""

    row: Row
    section: Section
    block: Block
    groups: tuple[RowGroup, ...]  # the row groups above it, outermost first
    cells: tuple[str, ...]  # cell ids of its printed line, left to right
    order: int  # position among all leaf rows of the format, in printed order


@dataclass(frozen=True)
class GroupEntry:
    group: RowGroup
    section: Section
    block: Block
    leaves: tuple[Row, ...]


class FormatLabels:
    """The labels of one format, by key."""

    def __init__(self, fmt: Format):
        self.format = fmt
        self.sections = list(fmt.sections)
        self.rows: list[RowEntry] = []
        self.groups: list[GroupEntry] = []
        self.blocks: list[tuple[Block, Section]] = []
        self.columns: list[tuple[object, Block, Section]] = []  # Column or ColumnGroup
        self.across: list[tuple[Block, Section, tuple[str, ...]]] = []  # blocks printed as one line of values
        # The printed grid's geometry: each table's width, and the column each value cell starts at.
        self.widths: dict[str, int] = {}
        self.cell_columns: dict[str, int] = {}
        for section in fmt.table_sections:
            assert section.table is not None
            grid = table_grid(section.table)
            self.widths[section.id] = grid.cols
            by_row: dict[str, list[tuple[int, str]]] = {}
            for cell in grid.cells:
                if cell.role == VALUE and cell.cell:
                    by_row.setdefault(cell.cell.split(":")[0], []).append((cell.col, cell.cell))
                    self.cell_columns[cell.cell] = cell.col
            for block in section.table.blocks:
                self.blocks.append((block, section))
                self._walk_columns(block.columns, block, section)
                if block.across:
                    ids = tuple(c.cell for c in grid.cells if c.role == VALUE and c.cell
                                and c.cell.split(":")[0] in {r.id for r in block.leaf_rows()})
                    self.across.append((block, section, ids))
                    # Printed across, a row's five cells are still a row; a report that prints it down matches it.
                    by_row_across = {r.id: tuple(f"{r.id}:{c.id}" for c in block.leaf_columns()) for r in block.leaf_rows()}
                else:
                    by_row_across = {}
                self._walk_rows(block.rows, block, section, (), by_row, by_row_across)
        self._row_candidates = _Candidates([(label_key(r.row.label), r) for r in self.rows] + [
            (label_key(g.group.label), g) for g in self.groups
        ] + [(label_key(m), r) for r in self.rows for m in r.row.misprints])
        self._column_candidates = _Candidates([(label_key(c.label), c) for c, _, _ in self.columns] + [
            (label_key(b.corner), b) for b, _ in self.blocks if b.corner
        ])
        self._title_candidates = _Candidates([(label_key(t), s) for s in self.sections for t in (s.title, *s.aliases)])
        # The numerals a section title may carry (「五、」 or 「五」): text with another one is no title, and a
        # page reader asks about every element of the page (a table's cells too).
        self._title_memo: dict[str, Match | None] = {}
        self._title_marks = {m for s in self.sections for m in (enumerator(s.title), enumerator(s.title).rstrip("、"))}

    def _walk_columns(self, nodes, block: Block, section: Section) -> None:
        for node in nodes:
            self.columns.append((node, block, section))
            if isinstance(node, ColumnGroup):
                self._walk_columns(node.children, block, section)

    def _walk_rows(self, nodes, block, section, groups, by_row, by_row_across) -> None:
        for node in nodes:
            if isinstance(node, RowGroup):
                leaves = tuple(block.leaf_rows()[i] for i, r in enumerate(block.leaf_rows()) if _under(node, r))
                self.groups.append(GroupEntry(node, section, block, leaves))
                self._walk_rows(node.children, block, section, groups + (node,), by_row, by_row_across)
            else:
                cells = by_row_across.get(node.id) or tuple(cid for _, cid in sorted(by_row[node.id]))
                self.rows.append(RowEntry(node, section, block, groups, cells, len(self.rows)))

    # ---------------------------------------------------------------------------------------------- queries

    @property
    def keys(self) -> set[str]:
        """Every label key of the format (for telling the formats apart)."""
        out = {label_key(t) for s in self.sections for t in (s.title, *s.aliases)}
        out |= {label_key(b.title) for b, _ in self.blocks if b.title}
        out |= {label_key(c.label) for c, _, _ in self.columns}
        out |= {label_key(t) for r in self.rows for t in (r.row.label, *r.row.misprints)}
        out |= {label_key(g.group.label) for g in self.groups}
        return out

    def section_title(self, text: str) -> Match | None:
        """The section whose title `text` is. A title must carry its numeral (一、…六、) and match closely."""
        # Asked of every line by several passes (flat text, headings, rows): once a text.
        if text in self._title_memo:
            return self._title_memo[text]
        if len(self._title_memo) >= MEMO_ENTRIES:
            self._title_memo.clear()
        found = self._title_memo[text] = self._section_title(text)
        return found

    def _section_title(self, text: str) -> Match | None:
        # Each ideograph stays one character of the key: a line of prose is told without keying it all.
        if len(text) > TITLE_KEY_CHARS and len(_IDEOGRAPH.findall(text, 0, 4 * TITLE_KEY_CHARS)) > TITLE_KEY_CHARS:
            return None
        key = label_key(text)
        if not key or len(key) > TITLE_KEY_CHARS:
            return None
        mark = enumerator(text)
        if mark is None:  # only an exact title will do: no fuzzy scoring
            return next((Match(s, EXACT, 1.0) for k, s in self._title_candidates.pairs if k == key), None)
        if mark not in self._title_marks:
            return None
        best = self._title_candidates.best(key)
        if best is not None:
            section = best.target
            assert isinstance(section, Section)
            numbered_alike = mark in (None, enumerator(section.title), enumerator(section.title).rstrip("、"))
            if numbered_alike and (best.how == EXACT or best.score >= 0.85 and mark is not None):
                return best
        return self._section_by_meaning(text, key, mark)

    def _section_by_meaning(self, text: str, key: str, mark: str | None) -> Match | None:
        """A heading numbered as a section (「五、」, never 「（五）」 or a bare 「五」) that is short, no sentence,
        and carries the words of that section's meaning."""
        if mark is None or not mark.endswith("、") or len(key) > 30 or any(ch in text for ch in "。；;！？!?"):
            return None
        found = [s for s in self.sections if enumerator(s.title) == mark
                 and any(all(label_key(w) in key for w in words) for words in s.meaning)]
        return Match(found[0], MEANING, 0.0) if len(found) == 1 else None

    def block_title(self, text: str) -> Match | None:
        key = label_key(text)
        found = [Match(b, EXACT, 1.0) for b, _ in self.blocks if b.title and label_key(b.title) == key]
        return found[0] if found else None

    def column(self, text: str) -> Match | None:
        key = label_key(text)
        if not key:
            return None
        return self._column_candidates.best(key)

    def row(self, text: str, expected: RowEntry | None = None) -> Match | None:
        """The leaf row or row group a label names; `expected` is the row the position says comes next."""
        key = label_key(text)
        if not key:
            return None
        best = self._row_candidates.best(key)
        if best is not None and (best.how == EXACT or expected is None or best.target is expected):
            return best
        if expected is not None:
            # Position is evidence: the label is damaged (a dropped character) but it has the numbering and the
            # shape of the row the format prints here.
            expected_key = label_key(expected.row.label)
            # Below the threshold the score is never used: a long junk text is not scored at all.
            score = _ratio(key, expected_key) if _length_bound(key, expected_key) >= POSITION_THRESHOLD else 0.0
            mark = enumerator(text)
            if mark is not None and mark == enumerator(expected.row.label) and score >= POSITION_THRESHOLD \
                    and (best is None or score >= best.score - 0.05):
                return Match(expected, POSITION if score < FUZZY_THRESHOLD else CLOSE, score)
        return best


def _under(group: RowGroup, row: Row) -> bool:
    return any(child is row or (isinstance(child, RowGroup) and _under(child, row)) for child in group.children)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _length_bound(a: str, b: str) -> float:
    """What _ratio can reach at most: all of the shorter string matched."""
    return 2 * min(len(a), len(b)) / (len(a) + len(b)) if a or b else 1.0


class _Candidates:
    """Labels to match a text against, with what makes matching one text cheap and bounded.

    _ratio is quadratic in the lengths and was run against every label for every line: a text far from every
    label (a line of junk, a 200,000-cell line) is now told apart by upper bounds of the ratio (lengths, then
    shared characters) and only labels that could score near the threshold are compared in full. The result is
    the same as scoring all of them: a label that cannot reach FUZZY_THRESHOLD - TIE_MARGIN can be neither the
    match nor its coin-toss rival."""

    def __init__(self, pairs: list[tuple[str, object]]):
        self.pairs = pairs
        self._exact: dict[str, object] = {}
        for k, target in pairs:
            self._exact.setdefault(k, target)
        self._counts = [Counter(k) for k, _ in pairs]
        # The candidates by length: only those of a length near the text's can score near the threshold.
        self._by_length = sorted((len(k), i) for i, (k, _) in enumerate(pairs))
        self._lengths = [n for n, _ in self._by_length]
        self._memo: dict[str, Match | None] = {}

    def best(self, key: str) -> Match | None:
        if key in self._exact:
            return Match(self._exact[key], EXACT, 1.0)
        if key in self._memo:
            return self._memo[key]
        found = self._fuzzy(key)
        if len(self._memo) >= MEMO_ENTRIES:
            self._memo.clear()
        self._memo[key] = found
        return found

    def _fuzzy(self, key: str) -> Match | None:
        floor = FUZZY_THRESHOLD - TIE_MARGIN
        counts: Counter | None = None
        scored = []
        # 2·min/(a+b) >= floor holds for lengths b within [a·floor/(2-floor), a·(2-floor)/floor]; the window is
        # widened by one and _length_bound says the last word.
        low = bisect_left(self._lengths, int(len(key) * floor / (2 - floor)) - 1)
        high = bisect_right(self._lengths, int(len(key) * (2 - floor) / floor) + 1)
        for _, i in self._by_length[low:high]:
            k = self.pairs[i][0]
            if _length_bound(key, k) < floor:
                continue
            if counts is None:
                counts = Counter(key)
            shared = sum(min(n, counts[ch]) for ch, n in self._counts[i].items())
            if 2 * shared / (len(key) + len(k)) < floor:
                continue
            scored.append((_ratio(key, k), i))
        scored.sort(reverse=True)
        if not scored or scored[0][0] < FUZZY_THRESHOLD:
            return None
        candidates = self.pairs
        first, second = (candidates[scored[i][1]] for i in (0, 1)) if len(scored) > 1 else (None, None)
        if second is not None and scored[1][0] >= scored[0][0] - TIE_MARGIN and second[0] != first[0] \
                and second[1] is not first[1]:
            return None
        return Match(candidates[scored[0][1]][1], CLOSE, scored[0][0])


def _best(key: str, candidates: list[tuple[str, object]]) -> Match | None:
    """The candidate `key` names, once (FormatLabels keeps its _Candidates to match many texts)."""
    return _Candidates(candidates).best(key)


@cache
def labels_of(format_id: str) -> FormatLabels:
    return FormatLabels(FORMATS[format_id])


@cache
def distinctive_keys() -> dict[str, set[str]]:
    """Per format, the label keys no other format has: what tells a published report's format."""
    all_keys = {fid: labels_of(fid).keys for fid in FORMATS}
    return {fid: keys - set().union(*(k for f, k in all_keys.items() if f != fid)) for fid, keys in all_keys.items()}
