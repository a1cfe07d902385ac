"""Which official format a published report is in: the one whose own labels its tables use."""

from __future__ import annotations

from report.definition import Section
from report.formats import FORMATS, format_for_year

from .document import FlatTable, Item, Paragraph
from .flat_text import keys_inside
from .labels import distinctive_keys, labels_of
from .normalise import label_key
from .notes import WARNING, Note


def detect_format(items: list[Item], title: tuple[int, ...], year: int | None, notes: list[Note]) -> tuple[str, str]:
    """The format whose own labels the document uses; the year decides only when the labels do not. Neither
    the title (an agency's name is anything) nor the prose counts."""
    keys = set()
    sections = labels_of(max(FORMATS, key=lambda f: FORMATS[f].first_year))  # both formats title them alike
    in_prose = False
    for index, item in enumerate(items):
        if index in title:
            continue
        if isinstance(item, Paragraph):
            match = sections.section_title(item.text)
            if match is not None:
                assert isinstance(match.target, Section)
                in_prose = match.target.table is None
                continue
            if in_prose:
                continue  # the clerk's prose may name a row of either format; only tables tell the format
            if isinstance(item, FlatTable):
                keys |= keys_inside(item.text)
                continue
        texts = [item.text] if isinstance(item, Paragraph) else item.cells
        keys |= {label_key(t) for t in texts if t and len(t) < 80}
    distinct = distinctive_keys()
    hits = {fid: sorted(k & keys) for fid, k in distinct.items()}
    by_year = format_for_year(year).id if year is not None else None
    ranked = sorted(FORMATS, key=lambda fid: (len(hits[fid]), fid == by_year), reverse=True)
    best = ranked[0]
    if not hits[best]:
        if by_year is None:
            return max(FORMATS, key=lambda f: FORMATS[f].first_year), "无法从表格栏目或年度判断格式，按最新格式读取"
        return by_year, f"按报告年度 {year} 年选用{FORMATS[by_year].name}"
    if len(ranked) > 1 and hits[ranked[1]]:
        notes.append(
            Note(
                WARNING,
                "",
                f"表格中同时出现了两种格式的栏目（{FORMATS[best].name}的 {len(hits[best])} 处，"
                f"{FORMATS[ranked[1]].name}的 {len(hits[ranked[1]])} 处），按前者读取",
            )
        )
    if by_year is not None and by_year != best:
        notes.append(
            Note(
                WARNING,
                "",
                f"报告年度为 {year} 年，应使用{FORMATS[by_year].name}，但表格使用的是{FORMATS[best].name}；"
                "按表格实际使用的格式导入",
            )
        )
    return best, f"表格栏目属于{FORMATS[best].name}"

