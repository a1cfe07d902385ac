"""Figures stated in the prose (「共收到政府信息公开申请12件」) and the table cells they must equal.

The phrase patterns are data of their own, kept in PHRASES below; the keywords for the rows of the results
table (予以公开, 不予公开, …) and of section 四 are taken from the format's own labels, so the cells a phrase names
come from the definition. The reading is deliberately conservative: a figure is taken only when the wording
binds it to one quantity exactly. Approximations (约, 10余件, 以上), comparisons (较上年增加), enumerations
(予以公开、部分公开共8件) and sentences about another year are skipped: a false alarm costs a clerk more than a
missed one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .definition import Column, ColumnGroup, ColumnNode, Format, Row, RowGroup, RowNode
from .formats import get_format

# A quantity is a named sum of cells; a phrase's figure must equal one of its accepted readings.
# Readings are given as cell references: "row:column", or "[label]:column" for every row of the group whose
# label (without its ordinal) is `label`, or "row:[label]" for every column of the column group so labelled.


@dataclass(frozen=True)
class Phrase:
    pattern: str  # regex; {n} is the figure with its unit, {g} a short gap inside one clause
    readings: tuple[str, ...]  # alternatives, each "ref + ref + …"; the first names the cells in messages
    context: str | None = None  # regex that must occur earlier in the same clause
    zero: bool = False  # the phrase says "none": the figure is 0 and {n} does not occur
    whole: bool = False  # a whole-agency total: not when the clause began with 其中 (a part of it, by unit)


_NO = r"(?<!未)(?<!没有)(?<!无)(?<!不)(?<!非)"
_ALONE = r"(?<![、和及与或])"  # not the second item of 「予以公开、部分公开共8件」: that figure is a sum
_APPLICATION = r"(?:各类|各种)?(?:公民、法人(?:和|或|及)其他组织(?:提出|申请)?的?)?(?:政府信息公开|信息公开|依申请公开)(?:类)?的?申请"
_NEW = "s3.new:total"
_NEW_ANY = (_NEW, f"{_NEW} + s3.carried_in:total")  # some clerks count last year's carried-over ones in

PHRASES: tuple[Phrase, ...] = (
    # 一、本年新收
    Phrase(_NO + r"(?:收到|新收|接收|受理|接到)了?" + _APPLICATION + r"{g}{n}", _NEW_ANY, whole=True),
    Phrase(_NO + r"(?:收到|新收|接收|受理|接到)了?{n}" + _APPLICATION, _NEW_ANY),
    Phrase(r"(?:未|没有|无)(?:收到|受理|接到|接收)过?(?:任何)?" + _APPLICATION, (_NEW,), zero=True, whole=True),
    Phrase(_ALONE + r"自然人(?:提出)?的?申请{g}{n}", ("s3.new:natural", "s3.new:natural + s3.carried_in:natural")),
    Phrase(_ALONE + r"法人(?:或|和|及)其他组织(?:提出)?的?申请{g}{n}",
           ("s3.new:[法人或其他组织]", "s3.new:[法人或其他组织] + s3.carried_in:[法人或其他组织]")),
    # 二、上年结转 and 四、结转下年度
    Phrase(r"上一?年度?结转的?(?:政府信息公开)?(?:申请)?{g}{n}", ("s3.carried_in:total",)),
    Phrase(r"结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?的?(?:申请)?{g}{n}", ("s3.carried_out:total",)),
    Phrase(r"{n}(?:申请)?结转(?:至|到)?下一?年", ("s3.carried_out:total",)),
    # 三、办理结果: every row or group of the results block, by its own label (see _RESULT_ROWS)
    Phrase(_NO + r"办结了?(?:政府信息公开)?(?:申请)?{g}{n}", ("s3.total:total",), whole=True),
    # 四、复议和诉讼: only when the clause says they concern 信息公开 (a department's other cases are not counted)
    Phrase(_ALONE + r"行政复议(?:案件)?(?:申请)?{g}{n}", ("s4.review:total",), context="信息公开"),
    Phrase(_ALONE + r"行政诉讼(?:案件)?{g}{n}", ("[行政诉讼]:total",), context="信息公开"),
    Phrase(
        r"(?:未|没有|无)(?:发生|出现|涉及|收到)过?(?:任何)?(?:因)?(?:政府)?信息公开(?:工作)?(?:引发|引起|相关|方面|类)?的?"
        r"行政复议(?:(?:和|、|或|及)行政诉讼)?",
        ("s4.review:total",),
        zero=True,
    ),
    Phrase(
        r"(?:未|没有|无)(?:发生|出现|涉及|收到)过?(?:任何)?(?:因)?(?:政府)?信息公开(?:工作)?(?:引发|引起|相关|方面|类)?的?"
        r"(?:行政复议(?:和|、|或|及))?行政诉讼",
        ("[行政诉讼]:total",),
        zero=True,
    ),
)

# Rows of the results block whose own label is a phrase keyword: 「予以公开8件」, 「8件不予公开」.
_RESULT_ROWS = ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）")
_RESULT_PATTERNS = (r"{alone}{no}{kw}的?(?:申请)?{g}{n}", r"{n}(?:申请)?被?{kw}")

_NUMERALS = "零〇一二两三四五六七八九十百千万"
_UNIT = r"(?:件|起|宗|个|份)"
_GAP = r"(?:共计|总计|合计|共|计|为|有|是|达|的|了|各类|申请|案件)*"
_NUMBER = rf"(?<![\d.{_NUMERALS}第])(?P<n>\d+|[{_NUMERALS}]+){_UNIT}(?!以上|以下|左右|以内|上下|多|余)"
_STOPS = "。；;！？!?\n"
_CLAUSE_STOPS = _STOPS + "，,：:"
# Earlier in the sentence, these say the figure is about another period or a comparison; earlier in its own
# clause, these say it is about last year or a list of separate figures.
_ELSEWHERE_SENTENCE = re.compile(r"去年|同期|同比|相比|比较|累计|以来|历年|往年|截至|截止")
_ELSEWHERE_CLAUSE = re.compile(r"上年|上一年|分别")
_YEAR = re.compile(r"((?:19|20)\d\d)年")


@dataclass(frozen=True)
class Statement:
    section: str  # s1, s5 or s6
    text: str  # the clause as written (normalised), for the message
    value: int
    readings: tuple[tuple[str, ...], ...]  # cell ids to add up, per accepted reading


def statements(fmt: Format, section_id: str, text: str, year: int) -> Iterator[Statement]:
    """Every figure in `text` that the phrase table binds to cells of `fmt`."""
    text = normalise(text)
    taken: list[tuple[int, int]] = []  # where figures were read
    clauses = _clauses_worth_reading(text)
    for regex, phrase in _compiled(fmt.id):
        readings = _readings(fmt, phrase.readings)
        if readings is None:
            continue  # the phrase names a cell this format lacks
        for m in (m for start, end in clauses for m in regex.finditer(text, start, end)):
            span = None if phrase.zero else m.span("n")
            if span in taken:
                continue  # an earlier phrase already read this figure
            if not _context_ok(text, m.start(), year, phrase.context, phrase.whole):
                continue
            value = 0 if phrase.zero else chinese_number(m.group("n"))
            if value is None:
                continue
            if span is not None:
                taken.append(span)
            yield Statement(section_id, _clause(text, m.start(), m.end()), value, readings)


# A phrase lies inside one clause (no pattern holds a clause stop) and states a figure with its unit or says
# "none": only such clauses are searched, each by position in the whole text, so that what lies before a clause
# (the look-behinds, the sentence's context) is seen as before. Most prose states no figure at all, and a
# batch review reads every section of every report.
_WORTH_READING = re.compile(rf"{_NUMBER}|未|没有|无")
_CLAUSE = re.compile(f"[^{re.escape(_CLAUSE_STOPS)}]+")


def _clauses_worth_reading(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CLAUSE.finditer(text) if _WORTH_READING.search(text, *m.span())]


def normalise(text: str) -> str:
    """Full-width digits and brackets to ASCII; spaces dropped (「12 件」)."""
    return re.sub(r"[ \t\u3000]+", "", unicodedata.normalize("NFKC", text))


_SENTENCE_ENDS = "。！？；!?;"


def sentence_of(text: str, quote: str) -> tuple[int, int] | None:
    """(start, end) in `text` of the sentence holding `quote`, a clause as a finding quotes it (normalised, maybe
    shortened with a leading …); None when no sentence holds it (the text changed since)."""
    needle = normalise(quote.lstrip("…"))
    if not needle:
        return None
    start = 0
    for i, ch in enumerate(text):
        if ch in _SENTENCE_ENDS or ch == "\n" or i == len(text) - 1:
            end = i if ch == "\n" else i + 1
            if needle in normalise(text[start:end]):
                while start < end and text[start].isspace():
                    start += 1
                return start, end
            start = i + 1
    return None


def chinese_number(text: str) -> int | None:
    """12 → 12, 十二 → 12, 两百零五 → 205, 一二 → 12 (digit by digit); None if not a number."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    units = {"十": 10, "百": 100, "千": 1000}
    if all(c in digits for c in text):
        return int("".join(str(digits[c]) for c in text))
    total, section, number = 0, 0, None
    for c in text:
        if c in digits:
            if number is not None and digits[c] != 0 and number != 0:
                return None  # two digits in a row inside a place-value number: not a numeral we understand
            number = digits[c]
        elif c in units:
            section += (1 if number is None else number) * units[c]
            number = None
        elif c == "万":
            total = (total + section + (number or 0)) * 10000
            section, number = 0, None
        else:
            return None
    return total + section + (number or 0)


# ------------------------------------------------------------------------------------------------- internals


@cache
def _compiled(format_id: str) -> tuple[tuple[re.Pattern[str], Phrase], ...]:
    from .formats import get_format

    fmt = get_format(format_id)
    phrases = list(PHRASES)
    for label, ref in _result_keywords(fmt):
        kw = re.sub(r"予(?!以)", "予以?", re.escape(label))  # 不予公开 is often written 不予以公开
        for template in _RESULT_PATTERNS:
            phrases.append(Phrase(template.replace("{kw}", kw).replace("{no}", _NO).replace("{alone}", _ALONE), (ref,)))
    out = []
    for p in phrases:
        pattern = p.pattern.replace("{g}", _GAP).replace("{n}", _NUMBER)
        out.append((re.compile(pattern), p))
    return tuple(out)


def _result_keywords(fmt: Format) -> list[tuple[str, str]]:
    """(keyword, cell reference) for each numbered row or group of the results block, from its label."""
    if fmt.applications is None:
        return []
    block = fmt.block_of_row(fmt.applications.results_total)
    out = []
    for node in _walk(block.rows):
        if node.label[:3] in _RESULT_ROWS and not (isinstance(node, Row) and node.total):
            ref = f"{node.id}:total" if isinstance(node, Row) else f"[{_bare(node.label)}]:total"
            out.append((_bare(node.label), ref))
    return out


def _walk(nodes: tuple[RowNode, ...]) -> Iterator[RowNode]:
    for node in nodes:
        yield node
        if isinstance(node, RowGroup):
            yield from _walk(node.children)


def _walk_columns(nodes: tuple[ColumnNode, ...]) -> Iterator[ColumnNode]:
    for node in nodes:
        yield node
        if isinstance(node, ColumnGroup):
            yield from _walk_columns(node.children)


def _bare(label: str) -> str:
    """（二）部分公开（区分处理的，…） → 部分公开; 1.属于国家秘密 → 属于国家秘密."""
    label = re.sub(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)", "", label)
    return re.sub(r"（.*）$", "", label)


def _readings(fmt: Format, specs: tuple[str, ...]) -> tuple[tuple[str, ...], ...] | None:
    return _readings_of(fmt.id, specs)


@cache
def _readings_of(format_id: str, specs: tuple[str, ...]) -> tuple[tuple[str, ...], ...] | None:
    # The same phrases recur in every report: their cells are worked out once per format (batch review).
    fmt = get_format(format_id)
    out = []
    for spec in specs:
        cells: list[str] = []
        for ref in spec.split(" + "):
            found = _cells_of(fmt, ref)
            if not found:
                return None
            cells += found
        out.append(tuple(cells))
    return tuple(out)


def _cells_of(fmt: Format, ref: str) -> list[str]:
    rows, _, column = ref.rpartition(":")
    blocks = [b for s in fmt.table_sections if s.table is not None for b in s.table.blocks]
    if rows.startswith("["):
        nodes = (n for b in blocks for n in _walk(b.rows))
        group = next((n for n in nodes if isinstance(n, RowGroup) and _bare(n.label) == rows[1:-1]), None)
        row_ids = [r.id for r in _walk(group.children) if isinstance(r, Row)] if group else []
    else:
        row_ids = [rows]
    if column.startswith("["):
        heads = (n for b in blocks for n in _walk_columns(b.columns))
        found = next((n for n in heads if isinstance(n, ColumnGroup) and n.label == column[1:-1]), None)
        columns = [c.id for c in _walk_columns(found.children) if isinstance(c, Column) and not c.total] if found else []
    else:
        columns = [column]
    cells = [f"{r}:{c}" for r in row_ids for c in columns]
    return cells if cells and all(c in fmt.cells for c in cells) else []


def _context_ok(text: str, start: int, year: int, needed: str | None, whole: bool) -> bool:
    """The figure is about this report's year, and the clause says what the phrase requires."""
    s0 = max(text.rfind(c, 0, start) for c in _STOPS) + 1
    s1 = min((i for i in (text.find(c, start) for c in _STOPS) if i >= 0), default=len(text))
    if any(int(y) != year for y in _YEAR.findall(text[s0:s1])):
        return False
    if _ELSEWHERE_SENTENCE.search(text[s0:start]) or (whole and "其中" in text[s0:start]):
        return False
    c0 = max(text.rfind(c, 0, start) for c in _CLAUSE_STOPS) + 1
    before = text[c0:start]
    if _ELSEWHERE_CLAUSE.search(before):
        return False
    return needed is None or re.search(needed, before) is not None


def _clause(text: str, start: int, end: int) -> str:
    c0 = max(text.rfind(c, 0, start) for c in _CLAUSE_STOPS) + 1
    clause = text[c0:end]
    return clause if len(clause) <= 40 else "…" + text[start:end]
