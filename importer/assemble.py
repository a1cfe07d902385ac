"""From paragraphs and table rows to a Report: sections, labels, numbers, and a note for everything uncertain.

The walk (Assembler) keeps a little state: the section it is in, the block (第二十条第（…）项) and the row the
format prints next. Each table row is read as (labels…, values…): its labels name a row of the format (exactly,
closely, or by position), and its values are counted against the cells the printed grid gives that row
(importer.placing).
"""

from __future__ import annotations

import re

from report.definition import Block, Column, Kind, Section
from report.model import PREAMBLE, Report
from report.title import NAME
from report.values import normalise_text

from .cell_lines import rebuild_rows
from .detect import detect_format
from .document import Item, Paragraph, TableRow, UnusableInput
from .flat_text import read_flat_tables, split_flattened
from .labels import CLOSE, EXACT, MEANING, POSITION, FormatLabels, GroupEntry, Match, RowEntry, labels_of
from .normalise import clean_cell, enumerator, label_key
from .notes import ERROR, INFO, WARNING, ImportResult, Note, brief
from .pictures import is_picture, sections_with_pictures
from .placing import CellPlacer, is_value
from .split_rows import joined_split_rows
from .title import given_title, missing_title_notes, signature_agency, suggest_year, take_signature

Tokens = list[tuple[int, str]]  # a row's filled-in cells as (source column index, text)


def assemble(items: list[Item], agency: str | None = None, year: int | None = None) -> ImportResult:
    """`agency`, `year`: given by the user (a title that is an image, a copy without its title); they complete
    the title, and win over it with a note when both are there and differ."""
    notes: list[Note] = []
    meta = [i for i in items if isinstance(i, Paragraph) and i.meta]
    items = [i for i in items if not (isinstance(i, Paragraph) and i.meta)]
    if not items:
        raise UnusableInput("文件中没有文字")
    items, split_notes = split_flattened(items)
    notes += split_notes
    agency, year, title_lines, refused = given_title(items, agency, year, notes, meta)
    fmt_id, reason = detect_format(items, title_lines, year, notes)
    labels = labels_of(fmt_id)
    body = max(title_lines, default=-1) + 1
    pictures = sections_with_pictures(items, labels)
    flat, flat_notes = read_flat_tables([i for i in items[body:] if not is_picture(i)], labels)
    notes += flat_notes
    items = items[:body] + rebuild_rows(flat, labels, is_value)
    walk = Assembler(labels, notes)
    walk.read(items, set(title_lines))
    if not walk.seen_sections and not walk.cells.placed:
        raise UnusableInput(f"文件中找不到年度报告的各节标题和统计表格，不像是{NAME}")
    texts = walk.texts
    # The signature closes the last prose section that has text; the year is sought in the first.
    prose = [sec.id for sec in labels.format.prose_sections]
    agency_hint = signature_agency(texts, prose) if agency is None else None  # before the date is taken out
    date = take_signature(texts, prose, agency, notes)
    cells = walk.cells.cells(pictures)
    missing = tuple(name for name, value in (("agency", agency), ("year", year)) if value is None)
    if missing:
        # Said first: without them nothing else matters. Only suggestions: nothing is taken from the prose.
        title_only = not any(n.level == ERROR for n in notes)
        year_hint = suggest_year(walk.before, texts.get(prose[0], [])) if year is None else None
        notes[:0] = missing_title_notes(missing, year_hint, agency_hint, refused)
        return ImportResult(None, notes, reason, missing=missing, title_only=title_only,
                            year_hint=year_hint, agency_hint=agency_hint)
    if any(n.level == ERROR for n in notes):
        return ImportResult(None, notes, reason)
    assert agency is not None and year is not None
    report = Report(
        agency=agency,
        year=year,
        format_id=fmt_id,
        texts={sid: "\n".join(lines) for sid, lines in texts.items() if lines},
        cells=cells,
        date=date,
    )
    placed = walk.cells.placed
    return ImportResult(report, notes, reason,
                        read_cells=frozenset(cid for cid, p in placed.items() if not p.unread),
                        unread_cells=frozenset(cid for cid, p in placed.items() if p.unread))


# A web page's information about the article, printed between its title and its text: not the preamble.
_PAGE_FIELD = re.compile(r"^\s*[【\[]?\s*(?:来源|信息来源|文章来源|发布时间|发布日期|发文日期|作者|索引号|发布机构|浏览次数|"
                         r"点击数|阅读次数|字号|分享到)\s*[:：】\]]")


class Assembler:
    """One walk through a document's items: where it is in the format, and what it has read so far."""

    def __init__(self, labels: FormatLabels, notes: list[Note]):
        self.lab = labels
        self.notes = notes
        self.cells = CellPlacer(labels, notes)
        self.texts: dict[str, list[str]] = {}  # section id (or PREAMBLE) -> its paragraphs
        self.before: list[str] = []  # the lines above section 一 (the preamble, the page's): they may name the year
        self.section: Section | None = None
        self.block: Block | None = None
        self.expected: RowEntry | None = None  # the row the format prints next
        self.pending: tuple[str, str] | None = None  # an unmatched label fragment and where it was
        self.deferred: tuple[Tokens, TableRow] | None = None  # a data row whose label may go on below
        self.seen_sections: set[str] = set()
        self.title_seen = False

    def read(self, items: list[Item], title_lines: set[int]) -> None:
        items, title_lines = joined_split_rows(items, title_lines, self.lab)
        for index, item in enumerate(items):
            if index in title_lines:
                self.title_seen = True
                continue
            if self.deferred is not None and self._continue_deferred(item):
                continue
            if isinstance(item, Paragraph):
                if self.section is None:
                    self.before.append(item.text)
                self._paragraph(item)
            elif self.title_seen and self.section is None and self._framed_text(item):
                # a box round the preamble (a one-cell table in Word or on a web page) holds paragraphs, not a table
                framed = Paragraph(next(c for c in item.cells if clean_cell(c)), item.where)
                self.before.append(framed.text)
                self._paragraph(framed)
            else:
                self._row(item)
        self._finish_deferred()
        self._flush_pending()

    # --------------------------------------------------------------------------------------- paragraphs

    def _paragraph(self, item: Paragraph) -> None:
        if is_picture(item):
            return  # above the report's title; those within it were counted by sections_with_pictures
        if self._section_switch(item.text, item.where):
            return
        section = self.section
        if section is None:
            if self.title_seen and not item.heading and not _PAGE_FIELD.match(item.text):
                self.texts.setdefault(PREAMBLE, []).append(item.text)  # the preamble (导语)
            elif self.title_seen or item.heading:
                self.notes.append(Note(INFO, item.where, f"标题与第一节之间的文字未导入：「{brief(item.text)}」"))
            return
        if section.table is None:
            self._flush_pending()
            self.texts.setdefault(section.id, []).append(item.text)
            return
        # Inside a table section a paragraph is a block title, a label broken off its row, or a note.
        self._row(TableRow((item.text,), item.where, -1))

    def _framed_text(self, item: TableRow) -> bool:
        """A row of a single cell holding words (not a number, not a section's title): text in a ruled box."""
        filled = [clean_cell(c) for c in item.cells if clean_cell(c)]
        return len(filled) == 1 and not is_value(filled[0]) and self.lab.section_title(filled[0]) is None

    def _section_switch(self, text: str, where: str) -> bool:
        match = self.lab.section_title(text)
        if match is None:
            return False
        section = match.target
        assert isinstance(section, Section)
        if match.how == MEANING and (section.id in self.seen_sections or self._order(section) <= self._order(self.section)):
            return False  # a numbered sub-heading of the text that happens to share a section's words
        self._flush_pending()
        self.section = section
        self.block = None
        self.seen_sections.add(section.id)
        if section.table is not None:
            self.expected = next((r for r in self.lab.rows if r.section is section), None)
        if match.how != EXACT:
            self.notes.append(Note(INFO, where, f"「{brief(text)}」按节标题「{section.title}」读取"))
        return True

    def _order(self, section: Section | None) -> int:
        return self.lab.sections.index(section) if section is not None else -1

    # --------------------------------------------------------------------------------------- table rows

    def _row(self, item: TableRow) -> None:
        tokens = [clean_cell(c) for c in item.cells]
        filled = [t for t in tokens if t]
        if not filled:
            if item.exact:  # a row of blank cells is section 四's row of values when it is as wide
                self._across(tokens, item.where, exact=True, only_if_as_wide=True)
            return
        if len(filled) == 1 and self._section_switch(filled[0], item.where):
            return
        labels = [(i, t) for i, t in enumerate(tokens) if t and not is_value(t)]
        has_values = any(t and is_value(t) for t in tokens)
        table_section = self.section is not None and self.section.table is not None

        if not labels:
            if self._across(tokens, item.where, exact=item.exact):
                return
            if self.pending is not None:
                fragment, _ = self.pending
                self.pending = None
                if self._data_row([(0, fragment)] + [(i + 1, t) for i, t in enumerate(tokens)], item):
                    return
            self.notes.append(Note(ERROR, item.where, f"这一行只有数字（{brief(' '.join(filled))}），无法确定它们属于哪一栏"))
            return

        if not has_values:
            if self._blank_row(labels, tokens, item) and self._data_row(list(enumerate(tokens)), item):
                return
            if self._label_row(labels, item):
                return
            if self.section is not None and self.section.table is None and item.table >= 0:
                self._flush_pending()
                self.texts.setdefault(self.section.id, []).append(" ".join(filled))  # a small table inside the prose
                return
            self._flush_pending()
            self.pending = (" ".join(t for _, t in labels), item.where)
            return

        if not self._data_row(list(enumerate(tokens)), item):
            if not table_section and self.section is not None:
                self.texts.setdefault(self.section.id, []).append(" ".join(filled))
                return
            self._unplaced(labels[-1][1], filled, item.where)

    def _unplaced(self, label: str, filled: list[str], where: str) -> None:
        numbers = " ".join(t for t in filled if is_value(t))
        if self._extra_row(label):
            # An agency's own row under an item of 第二十条 (「其他主动公开文件」): the format has no cell for it,
            # and no row of the item is left for it to be a misprint of. Said, and the rest is imported.
            block = self.block.title if self.block is not None and self.block.title else self.section.title
            self.notes.append(Note(WARNING, where, f"「{brief(label)}」不是官方格式中的一行（「{block}」的各行都已读到），"
                                                   f"其数字（{brief(numbers)}）未导入；如需保留，请写入报告正文"))
            return
        self.notes.append(Note(ERROR, where, f"无法识别「{brief(label)}」是表格中的哪一行，其数字（{brief(numbers)}）未能导入"))

    def _extra_row(self, label: str) -> bool:
        """Whether an unplaced row is one the agency added: below every row of its block already read, in a
        block of rows with no numbering (where a row lost from the middle could not be told by its number), its
        label unnumbered and no row or group label of the format."""
        block, section = self.block, self.section
        if block is None or section is None or section.table is None or enumerator(label) is not None:
            return False
        rows = [r for r in self.lab.rows if r.block is block]
        if any(enumerator(r.row.label) is not None for r in rows):
            return False  # section 三's numbered rows: a row not read is an error, never an extra
        if self.lab.row(label) is not None or self.lab.section_title(label) is not None:
            return False
        return all(any(c in self.cells.placed for c in r.cells) for r in rows)

    def _across(self, tokens: list[str], where: str, exact: bool = False, only_if_as_wide: bool = False) -> bool:
        """A line of numbers only, read as the one printed row of the section's block laid out across (四)."""
        if self.section is None or self.section.table is None:
            return False
        placed = self.cells.across(self.section, tokens, where, exact, only_if_as_wide)
        if placed:
            self.expected = None
        return placed is not None

    def _blank_row(self, labels: Tokens, tokens: list[str], item: TableRow) -> bool:
        """A row of the format whose cells were all published blank (the source keeps its empty cells): its label
        names a row exactly and at least as many empty cells as the row has follow it (a header row ending in a
        row's name, 复议后起诉, is followed by fewer)."""
        if not item.exact:
            return False
        match = self.lab.row(labels[-1][1])
        if match is None or match.how != EXACT or not isinstance(match.target, RowEntry):
            return False
        return len(tokens) - 1 - labels[-1][0] >= len(match.target.cells)

    def _label_row(self, labels: Tokens, item: TableRow) -> bool:
        """A row of labels only: a block title, a header, a group label on a line of its own. True if it was one."""
        lab = self.lab
        for _, text in labels:
            match = lab.block_title(text)
            if match is not None:
                self._flush_pending()
                block = match.target
                assert isinstance(block, Block)
                self.block = block
                self.section = next(s for b, s in lab.blocks if b is block)
                self.seen_sections.add(self.section.id)
                self.expected = next((r for r in lab.rows if r.block is block), self.expected)
                return True
        columns = [(text, lab.column(text)) for _, text in labels]
        if any(m is not None for _, m in columns):
            self._flush_pending()
            if self.section is not None:
                self.cells.headers.setdefault(self.section.id, []).append(tuple(clean_cell(c) for c in item.cells))
            for text, found in columns:
                if found is not None and isinstance(found.target, Column) and found.target.kind is Kind.AMOUNT:
                    unit = normalise_text(text)
                    if "元" in unit and "万元" not in unit:
                        self.cells.yuan_columns.add(found.target.id)
                        self.notes.append(Note(WARNING, item.where, f"表头「{brief(text)}」以元为单位，金额已换算为万元"))
            return True
        if self.pending is not None:
            joined = self.pending[0] + labels[0][1]
            match = lab.row(joined)
            if match is not None and match.how == EXACT and isinstance(match.target, (RowEntry, GroupEntry)):
                self.pending = (joined, self.pending[1])  # a label broken over three lines: keep joining
                return True
        rows = [lab.row(text) for _, text in labels]
        if any(m is not None and m.how == EXACT for m in rows):
            self._flush_pending()
            return True  # a group label (（三）不予公开) or 行政复议 over section 四's columns
        return False

    def _flush_pending(self) -> None:
        if self.pending is None:
            return
        text, where = self.pending
        self.pending = None
        section = self._unknown_heading(text)
        if section is not None:
            self.notes.append(Note(ERROR, where, f"「{brief(text)}」像是一节的标题，但看不出是年度报告的哪一节，这一节的文字无法导入；"
                                                 f"如果它是「{section.title}」，请把标题改为这一写法后重新导入"))
        elif len(text) >= 40 or "。" in text:
            section = self.section
            if section is not None and not any(c.startswith(f"{section.id}.") for c in self.cells.placed):
                # a sentence above the table (「本年共收到申请8件……」): the format gives such a section no text
                self.notes.append(Note(WARNING, where, f"「{brief(text)}」是「{section.title}」中表格之前的一段文字；"
                                                       "报告格式中这一节只有表格，这段文字未导入"))
            else:
                self.notes.append(Note(WARNING, where, f"「{brief(text)}」是表格之后的一段文字，不属于表格，未导入"))
        else:
            self.notes.append(Note(INFO, where, f"「{brief(text)}」不是表格的栏目或行，已忽略"))

    def _unknown_heading(self, text: str) -> Section | None:
        """A heading numbered as the sections are (「五、…」) after the last section seen, that no section's title
        or meaning names: the section under it would be lost. The section of that number, if so."""
        mark = enumerator(text)
        if mark is None or not mark.endswith("、") or len(clean_cell(text)) > 40 or any(ch in text for ch in "。；;"):
            return None
        numbers = [enumerator(s.title) for s in self.lab.sections]
        if mark not in numbers or self.section is None or self.lab.row(text) is not None:
            return None
        index = numbers.index(mark)
        return self.lab.sections[index] if index > self._order(self.section) else None

    def _data_row(self, tokens: Tokens, item: TableRow, defer: bool = True) -> bool:
        """Labels then values: find the row, then place the values. False if no row of the format fits."""
        lab = self.lab
        label_positions = [k for k, (_, t) in enumerate(tokens) if t and not is_value(t)]
        if not label_positions:
            return False
        last = label_positions[-1]
        label = tokens[last][1]
        candidates = [label]
        if self.pending is not None:
            candidates.insert(0, self.pending[0] + label)
        if len(label_positions) > 1:
            candidates.append("".join(tokens[k][1] for k in label_positions))
        match = None
        used = label
        for text in candidates:
            m = lab.row(text, self.expected)
            if m is not None and (match is None or _rank(m) > _rank(match)):
                match, used = m, text
        if defer and (match is None or match.how != EXACT):
            # A row broken over a page (or a line) carries the rest of its label on the next row: wait for it.
            self.deferred = (tokens, item)
            return True
        if match is None:
            return False
        if self.pending is not None:
            if used.startswith(self.pending[0]) and used != label:
                self.pending = None
            else:
                self._flush_pending()
        target = match.target
        if isinstance(target, GroupEntry):
            entry = self._group_as_row(target, item)
        else:
            assert isinstance(target, RowEntry)
            entry = target
        self._say_how(match, used, entry, item.where, misprint=target is entry)
        self.section = entry.section
        self.block = entry.block
        self.seen_sections.add(entry.section.id)
        self.expected = lab.rows[entry.order + 1] if entry.order + 1 < len(lab.rows) else None
        values = [t for _, t in tokens[last + 1:]]
        self.cells.row(entry, values, item.where, exact=item.exact, columns=self._value_columns(tokens, last, item, entry))
        return True

    def _say_how(self, match: Match, used: str, entry: RowEntry, where: str, misprint: bool) -> None:
        """A note for a row's label read as a known misprint (`misprint`: the label named the row itself, not its
        group), closely or by position."""
        name = entry.row.label
        if misprint and match.how == EXACT and label_key(used) != label_key(name):
            self.notes.append(Note(INFO, where, f"「{brief(used)}」是「{name}」的常见误印，按该行读取"))
        if match.how == CLOSE:
            self.notes.append(Note(WARNING, where, f"「{brief(used)}」与标准栏目「{name}」不完全一致，按近似匹配读作该行"))
        elif match.how == POSITION:
            self.notes.append(Note(WARNING, where, f"「{brief(used)}」与标准栏目「{name}」差别较大，"
                                                   "按其在表格中的位置（编号相同、紧接上一行）读作该行"))

    def _value_columns(self, tokens: Tokens, last: int, item: TableRow, entry: RowEntry) -> list[int] | None:
        """The source columns of the row's values, when its table is laid out as the official grid (same width)
        and the cells are the source's own (not joined with a label from another line)."""
        if not item.exact or len(item.columns) != len(item.cells) or item.width != self.lab.widths.get(entry.section.id):
            return None
        if len(tokens) != len(item.cells) or any(k != i for k, (i, _) in enumerate(tokens)):
            return None
        return [item.columns[i] for i, _ in tokens[last + 1:]]

    def _group_as_row(self, group: GroupEntry, item: TableRow) -> RowEntry:
        """A group label printed with numbers: an older template printing the group as one row (2021's （六）其他处理).

        Its numbers go to the group's catch-all last row (3.其他), and the user is told."""
        lab = self.lab
        last = group.leaves[-1]
        entry = next(r for r in lab.rows if r.row is last)
        self.notes.append(Note(WARNING, item.where, f"「{group.group.label}」在{lab.format.name}中分为 {len(group.leaves)} 行，此报告只印了一行；"
                                                    f"其数字计入「{last.label}」，请核对",
                               tuple(c for r in lab.rows if r.row in group.leaves for c in r.cells)))
        return entry

    def _continue_deferred(self, item: Item) -> bool:
        """The item after a row whose label did not match exactly: if it holds only the rest of that label, join
        them and read the row (True: the item was used). Otherwise read the row as it was, and go on."""
        assert self.deferred is not None
        tokens, row = self.deferred
        self.deferred = None
        cells = [item.text] if isinstance(item, Paragraph) else [clean_cell(c) for c in item.cells]
        rest = [c for c in cells if c]
        if rest and not any(is_value(c) for c in rest) and self.lab.section_title(rest[0]) is None:
            positions = [k for k, (_, t) in enumerate(tokens) if t and not is_value(t)]
            if positions:
                last = positions[-1]
                joined = list(tokens)
                joined[last] = (tokens[last][0], tokens[last][1] + "".join(rest))
                match = self.lab.row(joined[last][1], self.expected)
                if match is not None and match.how == EXACT:
                    self._data_row(joined, row, defer=False)
                    return True
        self._finish_deferred((tokens, row))
        return False

    def _finish_deferred(self, deferred: tuple[Tokens, TableRow] | None = None) -> None:
        deferred = deferred or self.deferred
        self.deferred = None
        if deferred is None:
            return
        tokens, row = deferred
        if not self._data_row(tokens, row, defer=False):
            filled = [t for _, t in tokens if t]
            self._unplaced([t for t in filled if not is_value(t)][-1], filled, row.where)


def _rank(match: Match) -> tuple[int, float]:
    return ({EXACT: 2, CLOSE: 1, POSITION: 0}[match.how], match.score)
