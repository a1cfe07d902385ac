"""From paragraphs and table rows to a Report: sections, labels, numbers, and a note for everything uncertain.

The walk keeps a little state: the section it is in, the block (第二十条第（…）项) and the row the format prints
next. Each table row is read as (labels…, values…): its labels name a row of the format (exactly, closely, or
by position), and its values are counted against the cells the printed grid gives that row. A plain-text copy
loses merged cells and drops empty ones, so a row's values are placed by counting, not by column position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from report.definition import Block, Column, Kind, Section
from report.model import PREAMBLE, Report
from report.title import NAME
from report.values import ParseError, Value, normalise_text, parse

from .cell_lines import rebuild_rows
from .detect import detect_format
from .document import UNREAD, Item, Paragraph, TableRow, UnusableInput
from .flat_text import read_flat_tables, split_flattened
from .labels import CLOSE, EXACT, MEANING, POSITION, FormatLabels, GroupEntry, RowEntry, labels_of
from .normalise import clean_cell, enumerator, label_key
from .notes import ERROR, INFO, WARNING, ImportResult, Note, brief
from .title import given_title, missing_title_notes, signature_agency, suggest_year, take_signature

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?(万元|元|件|个|项|次|人次|人|条|篇)?$")
_ZERO_MARKS = {"—", "-", "/", "－", "－－", "——", "--", "无", "／", "∕"}


def is_value(token: str) -> bool:
    """A cell that holds a number (or a dash meaning none), as opposed to a label."""
    if token == UNREAD:
        return True
    text = normalise_text(token)
    return bool(text) and (text in _ZERO_MARKS or bool(_NUMBER.match(text)))


@dataclass
class _Placed:
    value: Value | None  # None: published blank
    where: str
    unread: bool = False  # the source does not determine it (importer.digit_runs): nothing written


@dataclass
class _State:
    labels: FormatLabels
    section: Section | None = None
    block: Block | None = None
    expected: RowEntry | None = None
    pending: tuple[str, str] | None = None  # an unmatched label fragment and where it was
    deferred: tuple[list[tuple[int, str]], TableRow] | None = None  # a data row whose label may go on below
    yuan_columns: set[str] = field(default_factory=set)  # cell-column ids whose header says 元
    headers: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # section id -> header rows
    seen_sections: set[str] = field(default_factory=set)


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
    flat, flat_notes = read_flat_tables(items[body:], labels)
    notes += flat_notes
    items = items[:body] + rebuild_rows(flat, labels, is_value)
    state = _State(labels)
    placed: dict[str, _Placed] = {}
    texts: dict[str, list[str]] = {}
    title_seen = False
    before: list[str] = []
    for index, item in enumerate(items):
        if index in title_lines:
            title_seen = True
            continue
        if state.deferred is not None and _continue_deferred(item, state, placed, notes):
            continue
        if isinstance(item, Paragraph):
            if state.section is None:
                before.append(item.text)  # the preamble and the page's lines above 一: they may name the year
            _paragraph(item, state, texts, placed, notes, title_seen)
        elif title_seen and state.section is None and _framed_text(item, state):
            # a box round the preamble (a one-cell table in Word or on a web page) holds paragraphs, not a table
            framed = Paragraph(next(c for c in item.cells if clean_cell(c)), item.where)
            before.append(framed.text)
            _paragraph(framed, state, texts, placed, notes, title_seen)
        else:
            _row(item, state, texts, placed, notes)
    _finish_deferred(state, placed, notes)
    _flush_pending(state, notes)
    if not state.seen_sections and not placed:
        raise UnusableInput(f"文件中找不到年度报告的各节标题和统计表格，不像是{NAME}")
    # The signature closes the last prose section that has text; the year is sought in the first.
    prose = [sec.id for sec in labels.format.prose_sections]
    agency_hint = signature_agency(texts, prose) if agency is None else None  # before the date is taken out
    date = take_signature(texts, prose, agency, notes)
    cells = _cells(labels, placed, notes)
    missing = tuple(name for name, value in (("agency", agency), ("year", year)) if value is None)
    if missing:
        # Said first: without them nothing else matters. Only suggestions: nothing is taken from the prose.
        title_only = not any(n.level == ERROR for n in notes)
        year_hint = suggest_year(before, texts.get(prose[0], [])) if year is None else None
        notes[:0] = missing_title_notes(missing, year_hint, agency_hint, refused)
        return ImportResult(None, notes, reason, missing=missing, title_only=title_only,
                            year_hint=year_hint, agency_hint=agency_hint)
    if any(n.level == ERROR for n in notes):
        return ImportResult(None, notes, reason)
    report = Report(
        agency=agency,
        year=year,
        format_id=fmt_id,
        texts={sid: "\n".join(lines) for sid, lines in texts.items() if lines},
        cells=cells,
        date=date,
    )
    return ImportResult(report, notes, reason)


# ------------------------------------------------------------------------------------------- paragraphs


def _paragraph(item: Paragraph, state: _State, texts, placed, notes, title_seen: bool) -> None:
    if _section_switch(item.text, item.where, state, notes):
        return
    section = state.section
    if section is None:
        if title_seen and not item.heading and not _PAGE_FIELD.match(item.text):
            texts.setdefault(PREAMBLE, []).append(item.text)  # the preamble (导语)
        elif title_seen or item.heading:
            notes.append(Note(INFO, item.where, f"标题与第一节之间的文字未导入：「{brief(item.text)}」"))
        return
    if section.table is None:
        _flush_pending(state, notes)
        texts.setdefault(section.id, []).append(item.text)
        return
    # Inside a table section a paragraph is a block title, a label broken off its row, or a note.
    _row(TableRow((item.text,), item.where, -1), state, texts, placed, notes)


# A web page's information about the article, printed between its title and its text: not the preamble.
_PAGE_FIELD = re.compile(r"^\s*[【\[]?\s*(?:来源|信息来源|文章来源|发布时间|发布日期|发文日期|作者|索引号|发布机构|浏览次数|"
                         r"点击数|阅读次数|字号|分享到)\s*[:：】\]]")


def _framed_text(item: TableRow, state: _State) -> bool:
    """A row of a single cell holding words (not a number, not a section's title): text in a ruled box."""
    filled = [clean_cell(c) for c in item.cells if clean_cell(c)]
    return len(filled) == 1 and not is_value(filled[0]) and state.labels.section_title(filled[0]) is None


def _section_switch(text: str, where: str, state: _State, notes) -> bool:
    match = state.labels.section_title(text)
    if match is None:
        return False
    section = match.target
    assert isinstance(section, Section)
    if match.how == MEANING and (section.id in state.seen_sections or _order(state, section) <= _order(state, state.section)):
        return False  # a numbered sub-heading of the text that happens to share a section's words
    _flush_pending(state, notes)
    state.section = section
    state.block = None
    state.seen_sections.add(section.id)
    if section.table is not None:
        state.expected = next((r for r in state.labels.rows if r.section is section), None)
    if match.how != EXACT:
        notes.append(Note(INFO, where, f"「{brief(text)}」按节标题「{section.title}」读取"))
    return True


# ----------------------------------------------------------------------------------------------- table rows


def _row(item: TableRow, state: _State, texts, placed, notes) -> None:
    tokens = [clean_cell(c) for c in item.cells]
    filled = [t for t in tokens if t]
    if not filled:
        if item.exact:  # a row of blank cells is section 四's row of values when it is as wide
            _across_values(tokens, item.where, state, placed, notes, exact=True, only_if_as_wide=True)
        return
    if len(filled) == 1 and _section_switch(filled[0], item.where, state, notes):
        return
    labels = [(i, t) for i, t in enumerate(tokens) if t and not is_value(t)]
    has_values = any(t and is_value(t) for t in tokens)
    table_section = state.section is not None and state.section.table is not None

    if not labels:
        if _across_values(tokens, item.where, state, placed, notes, exact=item.exact):
            return
        if state.pending is not None:
            fragment, _ = state.pending
            state.pending = None
            if _data_row([(0, fragment)] + [(i + 1, t) for i, t in enumerate(tokens)], item, state, placed, notes):
                return
        notes.append(Note(ERROR, item.where, f"这一行只有数字（{brief(' '.join(filled))}），无法确定它们属于哪一栏"))
        return

    if not has_values:
        if _blank_row(labels, tokens, item, state) and _data_row(list(enumerate(tokens)), item, state, placed, notes):
            return
        if _label_row(labels, item, state, notes):
            return
        if state.section is not None and state.section.table is None and item.table >= 0:
            _flush_pending(state, notes)
            texts.setdefault(state.section.id, []).append(" ".join(filled))  # a small table inside the prose
            return
        _flush_pending(state, notes)
        state.pending = (" ".join(t for _, t in labels), item.where)
        return

    if not _data_row(list(enumerate(tokens)), item, state, placed, notes):
        if not table_section and state.section is not None:
            texts.setdefault(state.section.id, []).append(" ".join(filled))
            return
        notes.append(Note(ERROR, item.where, f"无法识别「{brief(labels[-1][1])}」是表格中的哪一行，其数字（{brief(' '.join(t for t in filled if is_value(t)))}）未能导入"))


def _blank_row(labels: list[tuple[int, str]], tokens: list[str], item: TableRow, state: _State) -> bool:
    """A row of the format whose cells were all published blank (the source keeps its empty cells): its label
    names a row exactly and at least as many empty cells as the row has follow it (a header row ending in a
    row's name, 复议后起诉, is followed by fewer)."""
    if not item.exact:
        return False
    match = state.labels.row(labels[-1][1])
    if match is None or match.how != EXACT or not isinstance(match.target, RowEntry):
        return False
    return len(tokens) - 1 - labels[-1][0] >= len(match.target.cells)


def _label_row(labels: list[tuple[int, str]], item: TableRow, state: _State, notes) -> bool:
    """A row of labels only: a block title, a header, a group label on a line of its own. True if it was one."""
    lab = state.labels
    for _, text in labels:
        match = lab.block_title(text)
        if match is not None:
            _flush_pending(state, notes)
            block = match.target
            state.block = block
            state.section = next(s for b, s in lab.blocks if b is block)
            state.seen_sections.add(state.section.id)
            state.expected = next((r for r in lab.rows if r.block is block), state.expected)
            return True
    columns = [(text, lab.column(text)) for _, text in labels]
    if any(m is not None for _, m in columns):
        _flush_pending(state, notes)
        if state.section is not None:
            state.headers.setdefault(state.section.id, []).append(tuple(clean_cell(c) for c in item.cells))
        for text, match in columns:
            if match is not None and isinstance(match.target, Column) and match.target.kind is Kind.AMOUNT:
                unit = normalise_text(text)
                if "元" in unit and "万元" not in unit:
                    state.yuan_columns.add(match.target.id)
                    notes.append(Note(WARNING, item.where, f"表头「{brief(text)}」以元为单位，金额已换算为万元"))
        return True
    if state.pending is not None:
        joined = state.pending[0] + labels[0][1]
        match = lab.row(joined)
        if match is not None and match.how == EXACT and isinstance(match.target, (RowEntry, GroupEntry)):
            state.pending = (joined, state.pending[1])  # a label broken over three lines: keep joining
            return True
    rows = [lab.row(text) for _, text in labels]
    if any(m is not None and m.how == EXACT for m in rows):
        _flush_pending(state, notes)
        return True  # a group label (（三）不予公开) or 行政复议 over section 四's columns
    return False


def _order(state: _State, section: Section | None) -> int:
    return state.labels.sections.index(section) if section is not None else -1


def _flush_pending(state: _State, notes) -> None:
    if state.pending is not None:
        text, where = state.pending
        state.pending = None
        section = _unknown_heading(text, state)
        if section is not None:
            notes.append(Note(ERROR, where, f"「{brief(text)}」像是一节的标题，但看不出是年度报告的哪一节，这一节的文字无法导入；"
                                            f"如果它是「{section.title}」，请把标题改为这一写法后重新导入"))
        elif _prose_like(text):
            notes.append(Note(WARNING, where, f"「{brief(text)}」是表格之后的一段文字，不属于表格，未导入"))
        else:
            notes.append(Note(INFO, where, f"「{brief(text)}」不是表格的栏目或行，已忽略"))


def _unknown_heading(text: str, state: _State) -> Section | None:
    """A heading numbered as the sections are (「五、…」) after the last section seen, that no section's title
    or meaning names: the section under it would be lost. The section of that number, if so."""
    mark = enumerator(text)
    if mark is None or not mark.endswith("、") or len(clean_cell(text)) > 40 or any(ch in text for ch in "。；;"):
        return None
    numbers = [enumerator(s.title) for s in state.labels.sections]
    if mark not in numbers or state.section is None or state.labels.row(text) is not None:
        return None
    index = numbers.index(mark)
    return state.labels.sections[index] if index > _order(state, state.section) else None


def _prose_like(text: str) -> bool:
    return len(text) >= 40 or "。" in text


def _data_row(tokens: list[tuple[int, str]], item: TableRow, state: _State, placed, notes, defer: bool = True) -> bool:
    """Labels then values: find the row, then place the values. False if no row of the format fits."""
    lab = state.labels
    label_positions = [k for k, (_, t) in enumerate(tokens) if t and not is_value(t)]
    if not label_positions:
        return False
    last = label_positions[-1]
    label = tokens[last][1]
    candidates = [label]
    if state.pending is not None:
        candidates.insert(0, state.pending[0] + label)
    if len(label_positions) > 1:
        candidates.append("".join(tokens[k][1] for k in label_positions))
    match = None
    used = label
    for text in candidates:
        m = lab.row(text, state.expected)
        if m is not None and (match is None or _rank(m) > _rank(match)):
            match, used = m, text
    if defer and (match is None or match.how != EXACT):
        # A row broken over a page (or a line) carries the rest of its label on the next row: wait for it.
        state.deferred = (tokens, item)
        return True
    if match is None:
        return False
    if state.pending is not None:
        if used.startswith(state.pending[0]) and used != label:
            state.pending = None
        else:
            _flush_pending(state, notes)
    target = match.target
    if isinstance(target, GroupEntry):
        entry = _group_as_row(target, item, lab, notes)
        if entry is None:
            return False
    else:
        assert isinstance(target, RowEntry)
        entry = target
    if match.how == EXACT and label_key(used, variants=False) != label_key(entry.row.label, variants=False) \
            and not isinstance(target, GroupEntry):
        notes.append(Note(INFO, item.where, f"「{brief(used)}」是「{entry.row.label}」的常见误印，按该行读取"))
    if match.how == CLOSE:
        notes.append(Note(WARNING, item.where, f"「{brief(used)}」与标准栏目「{entry.row.label}」不完全一致，按近似匹配读作该行"))
    elif match.how == POSITION:
        notes.append(
            Note(WARNING, item.where, f"「{brief(used)}」与标准栏目「{entry.row.label}」差别较大，按其在表格中的位置（编号相同、紧接上一行）读作该行")
        )
    state.section = entry.section
    state.block = entry.block
    state.seen_sections.add(entry.section.id)
    state.expected = lab.rows[entry.order + 1] if entry.order + 1 < len(lab.rows) else None
    values = [t for _, t in tokens[last + 1:]]
    _place(entry, values, item.where, state, placed, notes, exact=item.exact, columns=_value_columns(tokens, last, item, entry, lab))
    return True


def _value_columns(tokens, last: int, item: TableRow, entry: RowEntry, lab: FormatLabels) -> list[int] | None:
    """The source columns of the row's values, when its table is laid out as the official grid (same width)
    and the cells are the source's own (not joined with a label from another line)."""
    if not item.exact or len(item.columns) != len(item.cells) or item.width != lab.widths.get(entry.section.id):
        return None
    if len(tokens) != len(item.cells) or any(k != i for k, (i, _) in enumerate(tokens)):
        return None
    return [item.columns[i] for i, _ in tokens[last + 1:]]


def _continue_deferred(item: Item, state: _State, placed, notes) -> bool:
    """The item after a row whose label did not match exactly: if it holds only the rest of that label, join
    them and read the row (True: the item was used). Otherwise read the row as it was, and go on."""
    tokens, row = state.deferred
    state.deferred = None
    cells = [item.text] if isinstance(item, Paragraph) else [clean_cell(c) for c in item.cells]
    rest = [c for c in cells if c]
    if rest and not any(is_value(c) for c in rest) and state.labels.section_title(rest[0]) is None:
        positions = [k for k, (_, t) in enumerate(tokens) if t and not is_value(t)]
        if positions:
            last = positions[-1]
            joined = list(tokens)
            joined[last] = (tokens[last][0], tokens[last][1] + "".join(rest))
            match = state.labels.row(joined[last][1], state.expected)
            if match is not None and match.how == EXACT:
                _data_row(joined, row, state, placed, notes, defer=False)
                return True
    _finish_deferred(state, placed, notes, (tokens, row))
    return False


def _finish_deferred(state: _State, placed, notes, deferred=None) -> None:
    deferred = deferred or state.deferred
    state.deferred = None
    if deferred is None:
        return
    tokens, row = deferred
    if not _data_row(tokens, row, state, placed, notes, defer=False):
        filled = [t for _, t in tokens if t]
        labels = [t for t in filled if not is_value(t)]
        notes.append(Note(ERROR, row.where, f"无法识别「{brief(labels[-1])}」是表格中的哪一行，其数字（{brief(' '.join(t for t in filled if is_value(t)))}）未能导入"))


def _rank(match) -> tuple[int, float]:
    return ({EXACT: 2, CLOSE: 1, POSITION: 0}[match.how], match.score)


def _group_as_row(group: GroupEntry, item: TableRow, lab: FormatLabels, notes) -> RowEntry | None:
    """A group label printed with numbers: an older template printing the group as one row (2021's （六）其他处理).

    Its numbers go to the group's catch-all last row (3.其他), and the user is told."""
    last = group.leaves[-1]
    entry = next(r for r in lab.rows if r.row is last)
    notes.append(
        Note(
            WARNING,
            item.where,
            f"「{group.group.label}」在{lab.format.name}中分为 {len(group.leaves)} 行，此报告只印了一行；"
            f"其数字计入「{last.label}」，请核对",
            tuple(c for r in lab.rows if r.row in group.leaves for c in r.cells),
        )
    )
    return entry


# ---------------------------------------------------------------------------------------- placing values


def _place(entry: RowEntry, values: list[str], where: str, state: _State, placed, notes, positioned: bool = False,
           exact: bool = False, columns: list[int] | None = None) -> None:
    """Count the row's values against the cells the grid prints for it, and place them.

    `positioned`: the values already stand in their cells' order, blanks included (one per cell). `exact`: the
    source gives every cell (TableRow.exact), so a blank at the end is a blank cell, not a merged cell's padding."""
    cells = list(entry.cells)
    width = len(cells)
    by_column = _by_column(cells, values, columns, state.labels) if columns is not None else None
    if by_column is not None:
        values, positioned = by_column, True
    while values and not values[-1] and not positioned and not exact:
        values.pop()
    filled = [k for k, v in enumerate(values) if v]
    name = entry.row.label
    chosen: list[str] | None = None
    if positioned:
        chosen = values
    elif not filled and values:
        chosen = [""] * width  # published all blank
    elif len(filled) == width:
        chosen = [values[k] for k in filled]  # every cell printed; the blanks were lost spans or an empty column
    elif len(filled) > width:
        notes.append(Note(ERROR, where, f"「{name}」一行有 {len(filled)} 个数，但这一行只有 {width} 栏：{brief(' '.join(values[k] for k in filled))}", tuple(cells)))
        return
    elif len(values) == width:
        chosen = values  # positions kept; blanks are blank cells
    elif len(values) > width:
        starts = [s for s in range(len(values) - width + 1) if filled[0] >= s and filled[-1] < s + width]
        total_last = any(state.labels.format.cells[c].column.total for c in cells[-1:])
        start = starts[-1] if total_last else starts[0]
        chosen = values[start:start + width]
        if len(starts) > 1:
            notes.append(Note(WARNING, where, f"「{name}」一行的空白格与栏目对不齐，按{'最后一个数为合计' if total_last else '数字紧接行名'}推定各数所在的栏，请核对", tuple(cells)))
    else:
        numbers = [values[k] for k in filled]
        if all(_is_zero(v) for v in numbers):
            chosen = ["0"] * width
            if numbers:
                notes.append(Note(WARNING, where, f"「{name}」一行只有 {len(numbers)} 个数（都是 0），其余各栏按 0 导入", tuple(cells)))
            else:
                chosen = [""] * width
        else:
            notes.append(
                Note(
                    ERROR,
                    where,
                    f"「{name}」一行应有 {width} 栏，只找到 {len(numbers)} 个数（{brief(' '.join(numbers))}），"
                    "空白格已丢失，无法确定各数所在的栏",
                    tuple(cells),
                )
            )
            return
    fmt = state.labels.format
    blanks_data, blanks_total = [], []
    for cid, text in zip(cells, chosen):
        if text == UNREAD:
            placed.setdefault(cid, _Placed(None, where, unread=True))
            continue
        if cid in placed:
            if placed[cid].value != _quiet_parse(fmt.cells[cid].kind, text):
                notes.append(Note(ERROR, where, f"{fmt.cells[cid].label}在{placed[cid].where}已经出现过，两处数字不同", (cid,)))
            continue
        if not text:
            (blanks_total if cid in fmt.computed else blanks_data).append(cid)
            placed[cid] = _Placed(None, where)
            continue
        kind = fmt.cells[cid].kind
        if kind is Kind.AMOUNT and cid.split(":")[1] in state.yuan_columns and not normalise_text(text).endswith("元"):
            text = text + "元"
        try:
            placed[cid] = _Placed(parse(kind, text), where)
        except ParseError as e:
            notes.append(Note(ERROR, where, f"{fmt.cells[cid].label}：{e}", (cid,)))
    if blanks_data:
        columns = "、".join(fmt.cells[c].column.label for c in blanks_data)
        notes.append(Note(WARNING, where, f"「{name}」一行的{columns}栏是空白，按 0 导入", tuple(blanks_data)))
    if blanks_total:
        columns = "、".join(fmt.cells[c].column.label for c in blanks_total)
        notes.append(Note(WARNING, where, f"「{name}」一行的合计（{columns}栏）是空白，将由程序计算", tuple(blanks_total)))


def _by_column(cells: list[str], values: list[str], columns: list[int], labels: FormatLabels) -> list[str] | None:
    """The row's values in its cells' order, each by the column it stands in; None when a number stands in a
    column that is none of the row's cells (the table only looks like the grid)."""
    wanted = {labels.cell_columns[c]: c for c in cells}
    out: dict[str, str] = {}
    for column, text in zip(columns, values):
        if column in wanted:
            out[wanted[column]] = text
        elif text:
            return None
    return [out.get(c, "") for c in cells]


def _is_zero(text: str) -> bool:
    try:
        return parse(Kind.AMOUNT, text) == 0
    except ParseError:
        return False


def _quiet_parse(kind: Kind, text: str):
    try:
        return parse(kind, text) if text else None
    except ParseError:
        return None


def _across_values(tokens: list[str], where: str, state: _State, placed, notes, exact: bool = False,
                   only_if_as_wide: bool = False) -> bool:
    """A line of numbers only: the one printed row of a block laid out across (section 四)."""
    lab = state.labels
    section = state.section
    if section is None or section.table is None:
        return False
    across = [(b, ids) for b, s, ids in lab.across if s is section]
    if not across:
        return False
    block, ids = across[0]
    width = len(ids)
    if only_if_as_wide and (len(tokens) != width or any(c in placed for c in ids)):
        return False
    values = list(tokens)
    while values and not values[-1] and not exact:
        values.pop()
    filled = [k for k, v in enumerate(values) if v]
    name = section.title
    if exact and not any(values) and len(values) == width:
        chosen = [""] * width  # every cell published blank
    elif len(filled) == width:
        chosen = [values[k] for k in filled]
    elif len(values) == width:
        chosen = values
    elif len(filled) > width or exact and len(values) > width:
        # More numbers (or cells) than the format's: the header says which columns are the format's: the header says which columns are the format's; the rest is an extra column.
        positions = _header_positions(state.headers.get(section.id, []), block)
        if len(positions) != width or not set(filled) >= set(positions) - {k for k in positions if k >= len(values) or not values[k]}:
            if not all(_is_zero(values[k]) for k in filled):
                notes.append(Note(ERROR, where, f"「{name}」的数字行有 {len(filled)} 个数，表格只有 {width} 栏，且无法从表头确定多出的是哪一栏"))
                return True
            # Which column is the extra one is unknown (a one-cell-per-line copy has no positions), but with every
            # number 0 each choice gives the same report: nothing is guessed.
            notes.append(Note(WARNING, where, f"「{name}」的数字行有 {len(filled)} 个数，表格只有 {width} 栏，"
                                              "无法确定多出的是哪一栏；这些数都是 0，按 0 导入"))
            chosen = ["0"] * width
        else:
            extra = [k for k in filled if k not in positions]
            if any(not _is_zero(values[k]) for k in extra):
                notes.append(Note(ERROR, where, f"「{name}」第 {'、'.join(str(k + 1) for k in extra)} 栏没有对应的表头，但其中有非零的数，无法确定它们属于哪一栏"))
                return True
            notes.append(Note(WARNING, where, f"「{name}」第 {'、'.join(str(k + 1) for k in extra)} 栏没有表头（多出的一栏），其中的 0 未导入"))
            chosen = [values[k] if k < len(values) else "" for k in positions]
    else:
        if all(_is_zero(values[k]) for k in filled) and filled:
            chosen = ["0"] * width
            notes.append(Note(WARNING, where, f"「{name}」的数字行只有 {len(filled)} 个数（都是 0），其余各栏按 0 导入"))
        else:
            notes.append(Note(ERROR, where, f"「{name}」的数字行应有 {width} 栏，只找到 {len(filled)} 个数，无法确定各数所在的栏"))
            return True
    for row in block.leaf_rows():
        entry = next(r for r in lab.rows if r.row is row)
        row_cells = [c for c in ids if c.startswith(row.id + ":")]
        row_values = [chosen[ids.index(c)] for c in row_cells]
        _place(RowEntry(entry.row, entry.section, entry.block, entry.groups, tuple(row_cells), entry.order), row_values, where, state, placed, notes, positioned=True)
    state.expected = None
    return True


def _header_positions(headers: list[tuple[str, ...]], block: Block) -> list[int]:
    """Positions, in the flattened header rows, of the block's leaf column labels (each leaf once per row)."""
    leaf_keys = {label_key(c.label) for c in block.leaf_columns()}
    positions = sorted({k for row in headers for k, text in enumerate(row) if text and label_key(text) in leaf_keys})
    return positions


# ------------------------------------------------------------------------------------------ finishing


def _cells(labels: FormatLabels, placed: dict[str, _Placed], notes) -> dict[str, Value]:
    fmt = labels.format
    out: dict[str, Value] = {}
    for cid, p in placed.items():
        if p.unread:
            continue
        if p.value is not None:
            out[cid] = p.value
        elif cid not in fmt.computed:
            out[cid] = 0 if fmt.cells[cid].kind is not Kind.AMOUNT else parse(Kind.AMOUNT, "0")
    for section in fmt.table_sections:
        rows = [r for r in labels.rows if r.section is section]
        missing = [r for r in rows if not any(c in placed for c in r.cells)]
        covered = {c for n in notes for c in n.cells}  # e.g. （六）'s rows when it was printed as one row
        missing_inputs = [r for r in missing if not r.row.total and not set(r.cells) & covered]
        if len(missing) == len(rows):
            notes.append(Note(ERROR, "", f"找不到「{section.title}」的表格"))
        elif missing_inputs:
            names = "、".join(f"「{r.row.label}」" for r in missing_inputs)
            count = "一" if len(missing_inputs) == 1 else f" {len(missing_inputs)} "
            notes.append(Note(WARNING, "", f"「{section.title}」中找不到{names}这{count}行，按 0 导入",
                              tuple(c for r in missing_inputs for c in r.cells)))
        for r in missing:
            if r.row.total:
                notes.append(Note(WARNING, "", f"「{section.title}」中找不到合计行「{r.row.label}」，将由程序计算", r.cells))
    return out


