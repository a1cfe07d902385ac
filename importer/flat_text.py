"""A published page rendered to plain text, 'flattened': the whole body on one line, section headings inline,
table cells run together (「规章000行政规范性文件005第二十条第（五）项…」).

Two steps. Before anything else the line is cut at the section headings (the same in every format), found
wherever they stand: headings, prose paragraphs, and each table section's text as one FlatTable. Once the format
is known, a FlatTable is read row by row: the format's row labels, in printed order, are the anchors; what follows
a label up to the first character that is no number is that row's cells (importer.digit_runs splits digits run
together, by the format's rules); text between rows that is not a label of the format is passed on, to be
reported as ignored.
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from report.formats import FORMATS

from .digit_runs import Resolved, Run, resolve
from .document import UNREAD, FlatTable, Item, Paragraph, TableRow
from .labels import FormatLabels, distinctive_keys, labels_of
from .normalise import enumerator, keyed, label_key
from .notes import ERROR, INFO, WARNING, Note
from .row_lines import holds_rows, rows_on_lines
from .title import find_title, names_report

# ------------------------------------------------------------------------------------- cutting at headings


def split_flattened(items: list[Item]) -> tuple[list[Item], list[Note]]:
    """`items` with every paragraph that holds section headings inline cut at them (two or more anywhere, or one
    that starts it with text after it); a paragraph of a table section that holds its rows run together (the
    headings were lines of their own) becomes a FlatTable too."""
    out: list[Item] = []
    notes: list[Note] = []
    titles = labels_of(max(FORMATS, key=lambda f: FORMATS[f].first_year))  # both formats title them alike
    section = None  # the id of the table section the items are in, if they are in one
    items = rows_on_lines(items, titles)
    for item in items:
        if isinstance(item, Paragraph) and not isinstance(item, FlatTable):
            parts = _cut_sections(item, notes)
            if parts is not None:
                out += parts
                last = next((p for p in reversed(parts) if p.heading), None)
                match = titles.section_title(last.text) if last is not None else None
                section = match.target.id if match is not None and match.target.table is not None else None
                continue
            match = titles.section_title(item.text)
            if match is not None:
                section = match.target.id if match.target.table is not None else None
            elif section is not None and holds_rows(item.text, section):
                out.append(FlatTable(item.text, item.where, section=section))
                continue
        out.append(item)
    return out, notes


@cache
def _section_keys() -> tuple[tuple[str, str, bool, tuple[str, ...]], ...]:
    """(section id, title, holds a table, title keys) in printed order; titles and aliases of every format."""
    order: dict[str, tuple[str, bool, set[str]]] = {}
    for fid in FORMATS:
        for s in labels_of(fid).sections:
            _, table, keys = order.setdefault(s.id, (s.title, s.table is not None, set()))
            keys |= {label_key(t) for t in (s.title, *s.aliases)}
    return tuple((sid, title, table, tuple(sorted(keys, key=len, reverse=True)))
                 for sid, (title, table, keys) in order.items())


def _cut_sections(item: Paragraph, notes: list[Note]) -> list[Item] | None:
    text = item.text
    key, where = keyed(text)
    found: list[tuple[str, bool, int, int, str | None]] = []  # section id, table, start, end, heading to read
    missing: list[tuple[int, str, str, bool]] = []  # (index in found it would take, id, title, table)
    pos = 0
    for sid, title, table, keys in _section_keys():
        hits = [(i, -len(k), k) for k in keys for i in _occurrences(key, k, pos) if _numbered_heading(text, where[i])]
        if not hits:
            missing.append((len(found), sid, title, table))
            continue
        start, _, k = min(hits)
        found.append((sid, table, where[start], where[start + len(k) - 1] + 1, None))
        pos = start + len(k)
    if len(found) == 1:
        # One heading: cut only where it starts the paragraph and text follows it (「一、总体情况2020年，我局…」).
        sid, table, start, end, _ = found[0]
        body = text[end:].strip()
        if text[:start].strip() or len(body) < 8 or (table and not holds_rows(body, sid)):
            return None
    if not found:
        # A paragraph that starts with a heading worded otherwise, its text after it on the same line.
        numbered = next(((sid, title, table) for sid, title, table, _ in _section_keys()
                         if re.match(rf"{title.split('、')[0]}[、.．]", text)), None)
        hit = _reworded_heading(text, 0, len(text), numbered[1]) if numbered else None
        if hit is None or hit[0] != 0 or len(text[hit[1]:].strip()) < 8:
            return None
        sid, title, table = numbered
        notes.append(Note(INFO, item.where, f"「{text[:hit[1]]}」按节标题「{title}」读取"))
        found = [(sid, table, 0, hit[1], title)]
    # A heading worded otherwise (「五、存在的主要问题及明年工作计划」): its numeral, then words of the title,
    # between the headings found on either side.
    for index, sid, title, table in reversed(missing):
        if not 0 < index < len(found):
            continue
        low, high = found[index - 1][3], found[index][2]
        hit = _reworded_heading(text, low, high, title)
        if hit is not None:
            start, end = hit
            notes.append(Note(INFO, item.where, f"「{text[start:end]}」按节标题「{title}」读取"))
            found.insert(index, (sid, table, start, end, title))
    out: list[Item] = []
    prefix = text[: found[0][2]].strip()
    if prefix:
        out += _before_first(prefix, item.where)
    for n, (sid, table, start, end, heading) in enumerate(found):
        out.append(Paragraph(heading or text[start:end].strip(), item.where, heading=True))
        body = text[end: found[n + 1][2] if n + 1 < len(found) else len(text)].strip()
        if not body:
            continue
        if table:
            out.append(FlatTable(body, item.where, section=sid))
        else:
            out += _prose(body, item.where)
    return out


def _numbered_heading(text: str, at: int) -> bool:
    """Whether the numeral at text[at] numbers a section (「二、」), not a part of one (「（二）」)."""
    return text[at + 1: at + 2] not in ("）", ")") and text[max(0, at - 1): at] not in ("（", "(")


_HEADING_END = re.compile(r"[\d\s。，,；;：:！？!?（(]")


def _reworded_heading(text: str, low: int, high: int, title: str) -> tuple[int, int] | None:
    """Where in text[low:high] a heading with `title`'s numeral and at least four of its words in a row stands."""
    numeral = title.split("、")[0]
    core = label_key(title)[len(numeral):]
    for match in re.finditer(rf"(?<![（(一二三四五六七八九十]){numeral}[、.．]", text[low:high]):
        start = low + match.start()
        stop = _HEADING_END.search(text, low + match.end(), min(high, start + 30))
        end = stop.start() if stop else min(high, start + 30)
        key, where = keyed(text[start:end])
        words = key[len(numeral):]
        common = difflib.SequenceMatcher(None, words, core, autojunk=False).find_longest_match(0, len(words), 0, len(core))
        if common.size < 4:
            continue
        # Nothing marks where such a heading ends and the text begins: at the first word a heading ends with
        # (「…及明年工作计划」), from the last of the title's words on.
        matched = start + where[len(numeral) + common.a + common.size - 1] + 1
        ending = _HEADING_WORD.search(text, max(start, matched - 2), end)
        return start, ending.end() if ending else end
    return None


_HEADING_WORD = re.compile(r"情况|措施|计划|打算|思路|安排|举措|方向|重点|问题")


# A paragraph ends at a space after a sentence's end, or before a numbered sub-heading after one; the date of
# the signature (「… 2020年1月2日」) is a paragraph of its own.
_PARAGRAPH_BREAK = re.compile(
    r"(?<=[。！？；])\s+|(?<=[。！？；])(?=[（(][一二三四五六七八九十]+[）)])|\s+(?=(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
)


def _before_first(text: str, where: str) -> list[Paragraph]:
    """What stands before 一: site chrome, the title, the preamble. A title standing between spaces (as the page
    set it, a block of its own) becomes a paragraph of its own, for the title to be found."""
    out: list[Paragraph] = []
    rest: list[str] = []
    for piece in re.split(r"\s+", text):
        found = find_title(piece) if names_report(piece) and not re.search(r"[，,。；;]", piece) else None
        if found is not None and found[1] is not None:
            if rest:
                out += _prose(" ".join(rest), where)
                rest = []
            out.append(Paragraph(piece, where))
        else:
            rest.append(piece)
    if rest:
        out += _prose(" ".join(rest), where)
    return out


def _prose(text: str, where: str) -> list[Paragraph]:
    return [Paragraph(p.strip(), where) for p in _PARAGRAPH_BREAK.split(text) if p and p.strip()]


def keys_inside(text: str) -> set[str]:
    """The label keys that tell the formats apart found inside `text`, a longer label before the shorter it holds
    (「行政规范性文件」 is not also 「规范性文件」): what format detection counts for a flattened table."""
    key, _ = keyed(text)
    found: set[str] = set()
    for k in sorted(set().union(*distinctive_keys().values()), key=len, reverse=True):
        if len(k) >= 2 and k in key:
            found.add(k)
            key = key.replace(k, "\x00")
    return found


# ---------------------------------------------------------------------------------------- reading tables


def read_flat_tables(items: list[Item], labels: FormatLabels) -> tuple[list[Item], list[Note]]:
    """Every FlatTable of `items` read into rows of `labels`' format; notes on what the digits left open."""
    out: list[Item] = []
    notes: list[Note] = []
    for item in items:
        if isinstance(item, FlatTable):
            out += _read_table(item, labels, notes)
        else:
            out.append(item)
    return out, notes


_CLOSING = re.compile(r"^[\s)）\]】」』”’\"'》]*")
_VALUES = re.compile(r"^(?:\s*(?:[+\-]?[\d.．]*\d[\d.．]*(?:万元|元)?|[—－\-/／]+)(?=\s|$|[^\d.．]))*")
_RUN = re.compile(r"[\d.．]*\d[\d.．]*(?:万元|元)?(?:\s+[\d.．]*\d[\d.．]*(?:万元|元)?)*")
_LABELLED = re.compile(r"^(?P<label>.{1,60}?[^\d\s.．])(?P<values>(?:\s*\d[\d.．]*)+)\s*$")


def _digits_after(text: str, end: int) -> int:
    """How many digits the numbers right after a label at `end` hold (0: no number follows it)."""
    after = text[end:end + 200]
    lead = _CLOSING.match(after).end()
    return sum(ch.isdigit() for ch in _VALUES.match(after[lead:]).group(0))


def _occurrences(key: str, k: str, start: int, most: int = 50) -> list[int]:
    out: list[int] = []
    i = key.find(k, start)
    while i >= 0 and len(out) < most:
        out.append(i)
        i = key.find(k, i + 1)
    return out


def _read_table(item: FlatTable, labels: FormatLabels, notes: list[Note]) -> list[Item]:
    fmt = labels.format
    section = fmt.section(item.section)
    text = item.text
    key, where = keyed(text)
    across = [(b, ids) for b, s, ids in labels.across if s is section]
    across_rows = {r.id for b, _ in across for r in b.leaf_rows()}
    anchors = []  # (entry, label start, label end) in `text`
    pos = 0
    for entry in (r for r in labels.rows if r.section is section and r.row.id not in across_rows):
        k = label_key(entry.row.label)
        hits = _occurrences(key, k, pos)
        if not hits:
            continue
        # The row's label where its numbers follow it, not where the prose above the table names it
        # (「本年制发规章0件」): the first with digits enough for its cells, else the first with a number.
        digits = [_digits_after(text, where[i + len(k) - 1] + 1) for i in hits]
        i = next((i for i, d in zip(hits, digits, strict=True) if d >= len(entry.cells)),
                 next((i for i, d in zip(hits, digits, strict=True) if d), hits[0]))
        anchors.append((entry, where[i], where[i + len(k) - 1] + 1))
        pos = i + len(k)
    known = _known_keys(labels, section.id)
    pieces: list[tuple[str, object]] = []  # ("text", str) | ("run", (label, Run))
    runs: list[Run] = []
    cursor = 0
    for n, (entry, start, end) in enumerate(anchors):
        pieces.append(("text", text[cursor:start]))
        stop = anchors[n + 1][1] if n + 1 < len(anchors) else len(text)
        segment = text[end:stop]
        lead = _CLOSING.match(segment).end()
        label = text[start:end + lead].strip()
        values = _VALUES.match(segment[lead:]).group(0)
        rest = segment[lead + len(values):]
        following = labels.rows[entry.order + 1].row.label if entry.order + 1 < len(labels.rows) else ""
        number = enumerator(following) or ""
        left = re.search(rf"\s*{number}[.．、]$", values) if number.isdigit() else None
        if left and rest.strip():  # 「…00000002.」: the next row's number, before a label not the format's
            rest = values[left.start():] + rest
            values = values[: left.start()]
        run = Run(entry.cells, _tokens(values), item.where, entry.row.label)
        runs.append(run)
        pieces.append(("run", (label, run)))
        cursor = end + lead + len(values)
    tail = text[cursor:]
    for block, ids in across:
        # Printed across: the header (row and column labels) first, then one line of numbers.
        found = next((m for m in _RUN.finditer(tail) if sum(ch.isdigit() for ch in m.group(0)) >= len(ids)), None)
        if found is None:
            continue
        pieces.append(("text", tail[: found.start()]))
        run = Run(ids, _tokens(found.group(0)), item.where, "、".join(r.label for r in block.leaf_rows()))
        runs.append(run)
        pieces.append(("run", (None, run)))
        tail = tail[found.end():]
    pieces.append(("text", tail))

    resolved = {id(r.run): r for r in resolve(runs, fmt)}
    out: list[Item] = []
    unique: list[str] = []
    for kind, piece in pieces:
        if kind == "text":
            out += _leftover(piece, item.where, known)
            continue
        label, run = piece
        cells = _cells_of(resolved[id(run)], fmt, section.title, notes, unique)
        out.append(TableRow(((label,) if label is not None else ()) + cells, item.where, -1))
    if unique:
        names = "、".join(f"「{n}」" for n in unique[:3]) + (f"等 {len(unique)} 行" if len(unique) > 3 else "")
        notes.append(Note(INFO, item.where, f"「{section.title}」中{names}的数字连写在一起，按每格一个数只有一种拆法，已按此读取"))
    return out


def _tokens(values: str) -> tuple[str, ...]:
    """The pieces a space separates; a sign also starts a cell (「8-51」: 8, then −51 or −5 and 1)."""
    return tuple(p for t in values.split() for p in re.split(r"(?<=[\d元])(?=[+\-])", t) if p)


def _cells_of(res: Resolved, fmt, title: str, notes: list[Note], unique: list[str]) -> tuple[str, ...]:
    run = res.run
    width = len(run.cells)
    printed = " ".join(run.tokens)
    name = run.name
    if not run.tokens:
        notes.append(Note(ERROR, run.where, f"「{title}」中「{name}」之后没有数字", run.cells))
        return (UNREAD,) * width
    if not run.needs_split or (len(run.tokens) > width):
        return run.tokens  # as printed, one piece per cell: placed (or refused) as any table row
    if res.too_many:
        notes.append(Note(ERROR, run.where, f"「{name}」一行的数字连写为「{printed}」，可能的拆法太多，无法确定各栏的数", run.cells))
        return (UNREAD,) * width
    if not res.all:
        notes.append(Note(ERROR, run.where, f"「{name}」一行应有 {width} 栏，原文只有「{printed}」，无法拆成 {width} 个数", run.cells))
        return (UNREAD,) * width
    cells = tuple(res.cell(k) or UNREAD for k in range(width))
    open_cells = tuple(c for c, v in zip(run.cells, cells, strict=True) if v == UNREAD)
    shown = "；".join(" / ".join(r) for r in res.kept[:6]) + (f"；等 {len(res.kept)} 种" if len(res.kept) > 6 else "")
    if open_cells:
        if res.rules_broken:
            why = "没有一种拆法符合表格的合计和勾稽关系（原表的数可能有误）；可能的拆法"
        elif res.bound:
            why = f"有 {len(res.kept)} 种拆法都符合表格的合计和勾稽关系"
        else:
            why = f"有 {len(res.kept)} 种拆法，这一行没有合计关系可以验证"
        notes.append(Note(WARNING, run.where,
                          f"「{name}」一行的数字连写为「{printed}」，{why}：{shown}。"
                          f"{'、'.join(fmt.cells[c].column.label for c in open_cells)}栏无法确定，未导入（显示为 0），"
                          "请按原件填写", open_cells))
    elif res.by_rules:
        notes.append(Note(WARNING, run.where,
                          f"「{name}」一行的数字连写为「{printed}」，可拆成 {len(res.all)} 种；只有 {shown} "
                          "符合表格的合计和勾稽关系，按此读取，请核对"))
    elif len(res.all) == 1:
        unique.append(name)
    return cells


def _known_keys(labels: FormatLabels, section_id: str) -> list[str]:
    """Keys of the section's printed labels that are not rows: block titles, corners, column and group labels."""
    section = labels.format.section(section_id)
    keys = {label_key(b.title) for b, s in labels.blocks if s is section and b.title}
    keys |= {label_key(b.corner) for b, s in labels.blocks if s is section and b.corner}
    # A column label is often printed without its bracketed unit (「采购总金额」).
    keys |= {label_key(t) for c, _, s in labels.columns if s is section
             for t in (c.label, re.split(r"[（(]", c.label)[0])}
    keys |= {label_key(g.group.label) for g in labels.groups if g.section is section}
    keys |= {label_key(r.row.label) for r in labels.rows if r.section is section}
    return sorted(keys, key=len, reverse=True)


def _leftover(text: str, where: str, known: list[str]) -> list[Item]:
    """Text between a flattened table's rows: nothing when it is only the table's own headers, else a paragraph
    (reported as not part of the table)."""
    text = re.sub(r"<!--.*?-->", " ", text)  # markup of the page (Word's conditional comments), never its text
    key, _ = keyed(text)
    for k in known:
        key = key.replace(k, "")
    key = re.sub(r"[\d一二三四五六七八九十]", "", key)  # numbering left of a label: 「三三、本年度办理结果」
    text = text.strip()
    if len(key) < 2 or not text:
        return []
    labelled = _LABELLED.match(text)
    if labelled:  # a row whose label is not the format's (misprinted): read as any row, by its label
        return [TableRow((labelled.group("label").strip(), *labelled.group("values").split()), where, -1)]
    return [Paragraph(text, where)]
