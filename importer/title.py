"""The report's title and signature: the agency and the year from the title (「西工区退役军人事务局2020年政府信息
公开工作年度报告」, perhaps broken over lines, perhaps completed by the user or the page's own description), and
the date under the last section."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from report.formats import FIRST_YEAR, FORMATS, LAST_YEAR
from report.model import agency_problem
from report.title import title as report_title

from .document import Item, Paragraph
from .labels import labels_of
from .normalise import _TRADITIONAL, clean_cell, label_key
from .notes import ERROR, INFO, WARNING, Note, brief

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九○Ｏ", "001234567890" + "0")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_REPORT = r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告"
_YEAR = r"((?:19|20)\d{2})\s*年(?:度)?"
_PATTERNS = (
    # 「机关2020年（度）政府信息公开工作年度报告」
    re.compile(rf"^(?:关于)?(?P<agency>.+?){_YEAR.replace('(', '(?P<year>', 1)}(?:的)?{_REPORT}"),
    # 「2020年（度）机关政府信息公开工作年度报告」
    re.compile(rf"^{_YEAR.replace('(', '(?P<year>', 1)}(?P<agency>.+?)(?:的)?{_REPORT}"),
    # 「机关政府信息公开工作年度报告（2020年度）」
    re.compile(rf"^(?P<agency>.+?){_REPORT}\s*[(（]\s*{_YEAR.replace('(', '(?P<year>', 1)}\s*[)）]"),
)
# 「机关政府信息公开工作年度报告」 with no year at all: the whole line, and the agency must read as the name of an
# organisation (「…局」「…人民政府办公室」「…街道办事处」), not as the start of a sentence (「本机关编制了…」).
# The report's name in full here (not 「信息公开…」 alone): 「政府信息公开工作年度报告」 must not give the agency 「政府」.
_NO_YEAR = re.compile(r"^(?P<agency>[^，,。；;：:！？!?]+?)(?:的)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?报告\s*$")
_ORGANISATION_ENDINGS = (
    "局", "委", "办", "厅", "部", "院", "会", "府", "室", "所", "处", "署", "中心", "站", "队", "馆", "社", "团", "校",
    "大学", "学院", "公司", "集团", "银行", "街道", "镇", "乡", "区", "县", "市", "州", "盟", "旗", "省", "委员会",
    "（本级）", "(本级)",
)
_NOT_A_NAME = re.compile(r"^(?:本|我|现|根据|按照|依据|关于)")
EXAMPLE = report_title("××局", 2020)  # a title as messages show one


# A title printed as a field of the page (「标题：…」), perhaps with the article's other fields after it.
_FIELD_BEFORE = re.compile(r"^(?:标\s*题|题\s*目|名\s*称|文件名称|信息名称|公文名称|文章标题|主\s*题)\s*[:：]\s*")
_FIELD_AFTER = re.compile(r"\s*(?:来源|信息来源|发布时间|发布日期|发文日期|发布机构|作者|浏览次数|点击数|字号|索引号|文号)\s*[:：].*$")


# A file's path or a web address is never an agency (a saved page's folder named after the report).
_PATH = re.compile(r"[/\\]|://")


def strip_field_labels(text: str) -> str:
    """「标题：××局2020年…报告 来源：××局 发布时间：…」 → 「××局2020年…报告」: field labels are never the agency."""
    text = _FIELD_BEFORE.sub("", text.strip())
    return _FIELD_AFTER.sub("", text)


def digits(text: str) -> str:
    """Full-width digits to ASCII, and a year written 二〇二〇 to 2020 (only runs of four numerals)."""
    text = text.translate(_FULL_WIDTH_DIGITS)  # not NFKC: the agency's name is kept as written
    return re.sub(r"[〇零一二三四五六七八九○Ｏ]{4}(?=\s*年)", lambda m: m.group(0).translate(_CN_DIGITS), text)


def names_report(text: str) -> bool:
    """Whether `text` contains the report's name (「政府信息公开工作年度报告」 and its variants)."""
    return re.search(_REPORT, clean_cell(text).translate(_TRADITIONAL)) is not None


def find_title(text: str) -> tuple[str, int | None] | None:
    """(agency, year) if `text` is a report's title; the year is None when the title names none.

    A page shown in traditional characters (a site's 繁體 view) gives its title so: it is matched in simplified
    ones, and the agency given as written."""
    written = digits(strip_field_labels(clean_cell(text)))
    line = written.translate(_TRADITIONAL)  # character for character: positions in `line` are those in `written`
    if len(line) > 120:
        return None
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if match:
            agency = _as_written(match, written)
            year = int(match.group("year"))
            if pattern is _PATTERNS[1] and re.match(rf"(?:的)?{_REPORT}", line[match.start("agency"):]):
                continue  # 「2020年政府信息公开工作年度报告」: the agency is on another line, or missing
            if agency and len(agency) <= 100 and not _PATH.search(agency):
                return agency, year
    match = _NO_YEAR.search(line)
    if match:
        agency = _agency(match.group("agency"))
        if (agency and len(agency) <= 60 and not re.search(_YEAR, agency) and agency.endswith(_ORGANISATION_ENDINGS)
                and not _NOT_A_NAME.match(agency)):
            return _as_written(match, written), None
    return None


def _as_written(match: re.Match, written: str) -> str:
    """The agency a title pattern found, in the characters the title was written in."""
    found = match.group("agency")
    agency = _agency(found)
    start = match.start("agency") + found.find(agency)
    return written[start:start + len(agency)]


def _agency(text: str) -> str:
    """The agency as the title writes it, without the punctuation around it; a bracket stays when it closes
    one of the name's own (「××财政局（本级）」)."""
    agency = text.strip(" ：:，,、《》“”\"'")
    while agency[-1:] in ("）", ")") and _depth(agency) < 0:
        agency = agency[:-1].rstrip()
    while agency[:1] in ("（", "(") and _depth(agency) > 0:
        agency = agency[1:].lstrip()
    return re.sub(r"^(?:关于|公开)", "", agency).strip()


def _depth(text: str) -> int:
    return sum(text.count(c) for c in "（(") - sum(text.count(c) for c in "）)")


_DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


def find_date(text: str) -> datetime.date | None:
    """A paragraph that is only a date (the 成文日期 under the signature)."""
    line = digits(clean_cell(text)).replace(" ", "")
    line = re.sub(r"[〇零一二三四五六七八九十○]+(?=[月日])", lambda m: str(_cn_number(m.group(0))), line)
    match = _DATE.match(line)
    if not match:
        return None
    try:
        return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    numerals = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
    if "十" in text:
        tens, _, units = text.partition("十")
        return (numerals.get(tens, 1) if tens else 1) * 10 + (numerals.get(units, 0) if units else 0)
    return int("".join(str(numerals.get(c, 0)) for c in text))


# ---------------------------------------------------------------------------------- the title in a document


def _title(items: list[Item]) -> tuple[str | None, int | None, tuple[int, ...]]:
    """(agency, year, indices of the title's items), sought anywhere before the first section heading (a saved
    page puts menus and an information box above it; the heading nearest the text is the document's own).

    A long title is set on two to four lines (the agency, perhaps itself broken, then 「2020年政府信息公开工作」
    「年度报告」, as GB/T 9704 breaks it), which a PDF, a Word file or a web page may give as separate
    paragraphs: the short lines just above a line that ends a title are joined to it. Copies of the title
    elsewhere before 一 (an information box's 名称) are the title's items too."""
    texts = [item.text if isinstance(item, Paragraph) else " ".join(c for c in item.cells if c) for item in items]
    limit = _first_section(items)
    found: list[tuple[str, int | None, tuple[int, ...]]] = []
    for end in range(limit):
        candidate = _title_ending_at(items, texts, end)
        if candidate is not None:
            found.append(candidate)
    if not found:
        return None, None, ()
    with_year = [f for f in found if f[1] is not None]
    agency, year, lines = (with_year or found)[-1]
    copies = tuple(k for f in found if (f[0], f[1]) == (agency, year) for k in f[2])
    return agency, year, tuple(sorted(set(lines) | set(copies)))


_TITLE_LINES = 4  # at most: a long agency on two lines, then 「2020年政府信息公开工作」「年度报告」
_TITLE_SEARCH = 12  # items searched for the title when no section heading says where the text begins
_SENTENCE = re.compile(r"[，,。；;！？!?]")


def _first_section(items: list[Item]) -> int:
    """Index of the first item that is a section heading (the end of the title's search)."""
    sections = labels_of(max(FORMATS, key=lambda f: FORMATS[f].first_year))  # both formats title them alike
    for index, item in enumerate(items[:2000]):
        text = item.text if isinstance(item, Paragraph) else next((c for c in item.cells if c), "")
        if sections.section_title(text) is not None:
            return index
    return min(len(items), _TITLE_SEARCH)


def _title_ending_at(items: list[Item], texts: list[str], end: int) -> tuple[str, int | None, tuple[int, ...]] | None:
    """The title whose last line is items[end]: alone, or with the fragments above it (the longest run that
    gives a year; one without a year only if the line has no agency of its own)."""
    if _SENTENCE.search(strip_field_labels(texts[end])):
        return None  # a sentence of the text (「现将…年度报告公布如下。」), not a title
    alone = find_title(texts[end]) if names_report(texts[end]) else None
    if alone and alone[1] is not None:
        return alone[0], alone[1], (end,)
    if alone is None and not _title_fragment(items[end], texts[end]):
        return None
    best = None
    for start in range(end - 1, max(end - _TITLE_LINES, -1), -1):
        if not _title_fragment(items[start], texts[start]) or names_report("".join(texts[start:end])):
            break  # not part of a title, or the title ended above this line (which is the preamble's)
        joined = "".join(texts[start:end + 1])
        found = find_title(joined) if names_report(joined) else None
        if found and (found[1] is not None or (alone is None and (best is None or best[0][1] is None))):
            best = (found, start)
    if best and (best[0][1] is not None or alone is None):
        (agency, year), start = best
        return agency, year, tuple(range(start, end + 1))
    if alone:
        return alone[0], alone[1], (end,)
    return None


def given_title(items: list[Item], agency: str | None, year: int | None, notes: list[Note],
                meta: Sequence[Paragraph] = ()) -> tuple[str | None, int | None, tuple[int, ...], str | None]:
    """The title's agency and year, completed or overridden by the user's, and why the title's agency was
    refused if it was. `meta`: what the file says of itself (a page's <title>): it completes a document without
    a title of its own, and never wins over it."""
    found_agency, found_year, title_lines = _title(items)
    found_agency, found_year = _with_meta_title(found_agency, found_year, meta, notes)
    refused = None
    if found_agency is not None and (refused := agency_problem(found_agency, "报告标题中的机关名称")):
        # Not taken, nor quoted (a bidirectional override would garble the message too): asked for instead.
        if agency is not None:
            notes.append(Note(INFO, "", f"{refused}，按指定的「{agency}」导入"))
        found_agency = agency
    if agency is not None and found_agency is not None and agency != found_agency:
        notes.append(Note(INFO, "", f"标题中的机关名称是「{found_agency}」，按指定的「{agency}」导入"))
    elif agency is not None and found_agency is None:
        notes.append(Note(INFO, "", f"文件中没有报告标题，机关名称按指定的「{agency}」导入"))
    if year is not None and found_year is not None and year != found_year:
        notes.append(Note(WARNING, "", f"标题中的年度是 {found_year} 年，按指定的 {year} 年度导入，请核对"))
    elif year is not None and found_year is None:
        where = "报告标题中没有年度" if found_agency is not None else "文件中没有报告标题"
        notes.append(Note(INFO, "", f"{where}，报告年度按指定的 {year} 年度导入"))
    return (agency if agency is not None else found_agency, year if year is not None else found_year, title_lines,
            refused)


def _with_meta_title(agency: str | None, year: int | None, meta: Sequence[Paragraph],
                     notes: list[Note]) -> tuple[str | None, int | None]:
    """The document's own title, checked against (or completed by) the page's description of itself."""
    for item in meta:
        found = find_title(item.text)
        if found is None:
            continue
        meta_agency, meta_year = found
        if agency is None and year is None:
            notes.append(Note(INFO, item.where, f"正文中找不到报告标题，按这里的「{brief(item.text, 60)}」导入"))
            return meta_agency, meta_year
        if year is None and meta_year is not None and meta_agency == agency:
            notes.append(Note(INFO, item.where, f"正文标题中没有年度，按这里的「{brief(item.text, 60)}」取 {meta_year} 年度"))
            year = meta_year
            continue
        if meta_year is not None and year is not None and meta_year != year:
            notes.append(Note(WARNING, item.where, f"写的是「{brief(item.text, 60)}」（{meta_year} 年度），"
                                                   f"与正文标题的 {year} 年度不同；按正文标题导入，请核对"))
        elif meta_agency != agency and agency is not None:
            notes.append(Note(INFO, item.where, f"机关名称写作「{meta_agency}」，与正文标题的「{agency}」不同；按正文标题导入"))
    return agency, year


def missing_title_notes(missing: tuple[str, ...], year_hint: int | None, agency_hint: str | None,
                         refused: str | None) -> list[Note]:
    out = []
    if "year" in missing:
        hint = f"；正文提到 {year_hint} 年，可能是 {year_hint} 年度的报告，请核对后指定" if year_hint else "，请指定报告年度"
        out.append(Note(ERROR, "", f"在文件开头找不到报告标题中的年度（如「{EXAMPLE}」），无法确定报告年度{hint}"))
    if "agency" in missing:
        hint = f"；文末落款是「{agency_hint}」，请核对后指定" if agency_hint else "，请指定机关名称"
        if refused:
            out.append(Note(ERROR, "", f"{refused}{hint}"))
        else:
            out.append(Note(ERROR, "", f"在文件开头找不到报告标题中的机关名称（如「{EXAMPLE}」）{hint}"))
    return out


_PROSE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# 「本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止」: the year the report is on, said outright.
_PERIOD_YEAR = re.compile(r"统计(?:期限|时限|时间|区间|期间|周期|范围)[^。；]{0,20}?((?:19|20)\d{2})\s*年")


def suggest_year(before: list[str], first: list[str]) -> int | None:
    """The year to offer when the title names none: the statistical period's (in the preamble or section 一),
    else the year section 一 speaks of most."""
    for line in before + first:
        match = _PERIOD_YEAR.search(digits(clean_cell(line)))
        if match and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
            return int(match.group(1))
    return _year_in_prose(first)


def _year_in_prose(lines: list[str]) -> int | None:
    """The year section 一 speaks of most (「2020年，我局…」): a suggestion for the user, never taken as is."""
    counts: dict[int, int] = {}
    for line in lines:
        for match in _PROSE_YEAR.finditer(digits(clean_cell(line))):
            y = int(match.group(1))
            if FIRST_YEAR <= y <= LAST_YEAR:
                counts[y] = counts.get(y, 0) + 1
    return max(counts, key=lambda y: (counts[y], -y)) if counts else None  # a tie: the earlier (next year's plans)


def signature_agency(texts: dict[str, list[str]], prose: list[str]) -> str | None:
    """The line above the date that closes the report (the 落款): a suggestion for the agency's name."""
    for sid in reversed(prose):
        lines = texts.get(sid)
        if not lines:
            continue
        if len(lines) >= 2 and find_date(lines[-1]) is not None:
            name = clean_cell(lines[-2])
            if 0 < len(name) <= 40 and not any(ch in "：:，,。；;！？!?" for ch in name):
                return name
        return None
    return None


def _title_fragment(item: Item, text: str) -> bool:
    """A line that may be the first part of a broken title: short, no sentence or field punctuation."""
    return isinstance(item, Paragraph) and 0 < len(text) <= 40 and not any(ch in "：:，,。；;！？!?" for ch in text)


# ------------------------------------------------------------------------------------------ the signature


def take_signature(texts: dict[str, list[str]], prose: list[str], agency: str | None,
                   notes: list[Note]) -> datetime.date | None:
    """The signature under the last section: the agency's name and the date, taken out of the prose."""
    for sid in reversed(prose):
        lines = texts.get(sid)
        if not lines:
            continue
        date = find_date(lines[-1])
        if date is None:
            return None
        lines.pop()
        if lines and agency and label_key(lines[-1]) == label_key(agency):
            lines.pop()
        notes.append(Note(INFO, "", f"文末的落款日期 {date.isoformat()} 作为成文日期导入，不计入正文"))
        return date
    return None

