"""Quality warnings: what reviewers reject beyond arithmetic. Every one is a WARNING finding with a stable rule id.

A finding about prose names its section id (s1, s5, s6, or preamble for the 导语) among its cells, so that a window can open the right
tab; table findings name cell ids as the checks do. `review` runs the format's checks and these together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from . import deadline, prose_numbers
from .checks import WARNING, Finding, check
from .definition import Format, Kind, Section
from .model import PREAMBLE, PREAMBLE_TITLE, Report
from .values import Value, show

JUMP_FACTOR = 5  # a cell more than 5× last year's, or under 1/5 of it …
JUMP_MIN = 10  # … when either year's figure is at least 10
COPY_RATIO = 0.8  # prose at least 80 % identical to last year's
COPY_MIN_CHARS = 50  # shorter texts (「无」) are alike by nature
# A 五 that says only this has not been written; 六 may well say 「无」.
PLACEHOLDERS = {"s5": frozenset({"无", "暂无", "没有", "略", "无问题"})}
# Words dropped from an outline heading and from the clerk's headings before they are compared, so that
# （一）主动公开 matches 主动公开政府信息情况 and （四）政府信息公开平台建设 matches 政务公开平台建设.
HEADING_FILLERS = ("政府信息", "政务", "信息", "情况", "工作", "办理", "公开", "的")
# What evaluators look for in the preamble: the statistical period (「统计期限自2024年1月1日至2024年12月31日」) and
# where to ask (an address or a telephone number).
PERIOD = re.compile(r"统计(?:期限|期间|时限|时段|区间|范围|周期|时间)|1\s*月\s*1\s*日\s*起?\s*(?:至|到|—|－|-|~|～)\s*"
                    r"(?:\d{4}\s*年\s*)?12\s*月\s*31\s*日")
CONTACT = re.compile(r"地址|电话|热线|联系方式|通讯方式|\d{3,4}\s*[-－—]\s*\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)")
FEE_WORDS = re.compile(r"信息处理费|收费|收取|费用")
FEE_NEGATIONS = re.compile(r"未|没有|不|无|免|零")
FEE_CHARGED = re.compile(r"收取|收费|缴纳|金额|\d+(?:\.\d+)?元")


def review(report: Report, previous: Report | None = None, prose: ProseReading | None = None) -> list[Finding]:
    """The format's checks and the quality warnings: errors first, then warnings, each in rule order."""
    findings = check(report, previous) + quality(report, previous, prose)
    return sorted(findings, key=lambda f: not f.is_error)


@dataclass(frozen=True)
class ProseReading:
    """What the rules read from the texts alone (and last year's report). A window keeps it while the texts
    stay the same, so that a cell edit does not parse the prose again: `quality(…, prose=…)` then only weighs
    the figures the prose states against the tables."""

    statements: tuple[tuple[Section, prose_numbers.Statement], ...]
    text_findings: tuple[Finding, ...]  # empty sections, missing headings
    copied: tuple[Finding, ...]  # prose copied from last year's report


def read_prose(report: Report, previous: Report | None = None) -> ProseReading:
    return ProseReading(
        _statements(report),
        (*preamble(report), *empty_sections(report), *missing_headings(report)),
        tuple(copied_prose(report, previous)) if previous is not None else (),
    )


def quality(report: Report, previous: Report | None = None, prose: ProseReading | None = None) -> list[Finding]:
    prose = prose or read_prose(report, previous)
    out = [
        *prose_contradictions(report, prose.statements),
        *prose.text_findings,
        *fee_statement(report),
    ]
    out += [f for f in (deadline.late_finding(report), deadline.early_finding(report)) if f is not None]
    if previous is not None:
        out += prose.copied
        out += copied_tables(report, previous)
        out += year_jumps(report, previous)
    return out


# ------------------------------------------------------------------------------------------------------ prose


def prose_contradictions(report: Report, statements: Iterable[tuple[Section, prose_numbers.Statement]] | None = None,
                         ) -> list[Finding]:
    """A figure in the prose that no accepted reading of the tables gives (statements: from read_prose)."""
    fmt = report.format
    out: list[Finding] = []
    seen: set[tuple[str, tuple[str, ...], Value]] = set()
    for section, st in statements if statements is not None else _statements(report):
        totals = [sum(report.value(c) for c in cells) for cells in st.readings]
        if st.value in totals:
            continue
        key = (section.id, st.readings[0], st.value)
        if key in seen:
            continue
        seen.add(key)
        cells = st.readings[0]
        if len(cells) == 1:
            table = f"{fmt.cells[cells[0]].label}为 {show(totals[0])}"
        else:
            table = f"表中{_rows_label(fmt, cells)}合计为 {show(totals[0])}"
        out.append(
            Finding(
                WARNING,
                "quality.prose_number",
                (section.id, *cells),
                f"「{section.title}」写有“{st.text}”，但{table}，请核对正文与表格",
                quote=st.text,
            )
        )
    return out


def _statements(report: Report) -> tuple[tuple[Section, prose_numbers.Statement], ...]:
    fmt = report.format
    return tuple(
        (section, st)
        for section in fmt.prose_sections
        for st in prose_numbers.statements(fmt, section.id, report.text(section.id), report.year)
    )


def _rows_label(fmt: Format, cells: tuple[str, ...]) -> str:
    first = fmt.cells[cells[0]]
    groups = first.row_path[:-1]
    if all(fmt.cells[c].row_path[:-1] == groups for c in cells) and groups:
        return f"「{first.section.title}」{groups[-1]}各项·{first.column.label}"
    return "、".join(fmt.cells[c].label for c in cells[:3]) + ("等各项" if len(cells) > 3 else "")


def _meaningful(text: str) -> str:
    """Letters and digits only: what is left when spacing and punctuation are gone."""
    return "".join(filter(str.isalnum, unicodedata.normalize("NFKC", text)))  # filter: ~30 % less time than a generator


def preamble(report: Report) -> list[Finding]:
    """The 导语 should say the statistical period and how to reach the compiling office: evaluators check both."""
    text = unicodedata.normalize("NFKC", report.text(PREAMBLE))
    missing = [what for what, pattern in (("统计期限", PERIOD), ("联系方式（地址或电话）", CONTACT)) if not pattern.search(text)]
    if not missing:
        return []
    if not _meaningful(text):
        message = (f"报告没有{PREAMBLE_TITLE}（标题与第一节之间的说明）；审核时会查看其中的统计期限和联系方式（地址或电话），"
                   "请补写导语，写明编制依据、统计期限和联系方式")
    else:
        message = f"{PREAMBLE_TITLE}中没有写明{'和'.join(missing)}，审核时会查看，请补充"
    return [Finding(WARNING, "quality.preamble", (PREAMBLE,), message)]


def empty_sections(report: Report) -> list[Finding]:
    out = []
    for section in report.format.prose_sections:
        text = _meaningful(report.text(section.id))
        if not text:
            why = "内容为空"
        elif text in PLACEHOLDERS.get(section.id, ()):
            why = f"只写了“{report.text(section.id).strip()}”"
        else:
            continue
        out.append(Finding(WARNING, "quality.empty", (section.id,), f"「{section.title}」{why}，审核时通常会被退回，请补充"))
    return out


_ORDINAL = re.compile(r"(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")


def missing_headings(report: Report) -> list[Finding]:
    """Headings of the format's outline for section 一 that the text does not have, matched leniently."""
    section = report.format.section("s1")
    text = unicodedata.normalize("NFKC", report.text("s1"))
    if not section.outline or not _meaningful(text):
        return []
    heads = [_reduce(h) for h in _heading_candidates(text)]
    missing = [h for h in section.outline if not any(_in_order(_reduce(_ORDINAL.sub("", h, 1)), c) for c in heads)]
    if not missing:
        return []
    return [
        Finding(
            WARNING,
            "quality.s1_outline",
            ("s1",),
            f"「{section.title}」缺少{report.format.name}要求的小标题：{'、'.join(missing)}",
        )
    ]


def _heading_candidates(text: str) -> list[str]:
    """The first clause of each paragraph, and whatever follows an ordinal such as （一） anywhere."""
    out = []
    for paragraph in text.split("\n"):
        out.append(re.split(r"[。：:；;]", paragraph.strip(), maxsplit=1)[0][:40])
    for m in _ORDINAL.finditer(text):
        out.append(re.split(r"[。：:；;\n]", text[m.end() : m.end() + 40], maxsplit=1)[0])
    return out


def _reduce(heading: str) -> str:
    heading = _ORDINAL.sub("", heading.strip(), 1) if _ORDINAL.match(heading.strip()) else heading
    for word in HEADING_FILLERS:
        heading = heading.replace(word, "")
    return heading


def _in_order(needle: str, haystack: str) -> bool:
    """Every character of needle occurs in haystack, in order (监督保障 in 监督和保障)."""
    if not needle:
        return True
    chars = iter(haystack)
    return all(c in chars for c in needle)


def fee_statement(report: Report) -> list[Finding]:
    """Fees charged (a fee notice went unpaid, or the prose says so) but 六 says nothing about them.

    Only for formats whose section 六 asks for the statement (its hint names 信息处理费).
    """
    fmt = report.format
    if "信息处理费" not in fmt.section("s6").hint or FEE_WORDS.search(report.text("s6")):
        return []
    fee_cells = tuple(c for c in fmt.cells if c.startswith("s3.other.no_fee:") and fmt.cells[c].column.total)
    charged = _fee_reasons(report, fee_cells)
    if not charged:
        if not _meaningful(report.text("s6")):
            return []  # an empty 六 is the empty-section warning's business (a to-do while being written)
        # The format asks for the statement even when nothing was charged (its hint says so).
        return [
            Finding(
                WARNING,
                "quality.fee_unstated",
                ("s6",),
                f"「{fmt.section('s6').title}」未说明本年度收取信息处理费的情况；未收取的也应写明",
            )
        ]
    return [
        Finding(
            WARNING,
            "quality.fee_statement",
            ("s6", *fee_cells),
            f"本年度涉及信息处理费（{'；'.join(charged)}），但「{fmt.section('s6').title}」未说明收取信息处理费的情况",
        )
    ]


def _fee_reasons(report: Report, fee_cells: tuple[str, ...]) -> list[str]:
    """Signs that fees were charged this year: fee notices that went unpaid, or prose saying so."""
    fmt = report.format
    reasons = []
    if any(report.value(c) > 0 for c in fee_cells):
        reasons.append(f"表格中{fmt.cells[fee_cells[0]].row.label[2:]}的有 {show(report.value(fee_cells[0]))} 件")
    for section in ("s1", "s5"):
        for clause in re.split(r"[，,。；;！？\n]", report.text(section)):
            if "信息处理费" in clause and FEE_CHARGED.search(clause) and not FEE_NEGATIONS.search(clause):
                reasons.append(f"「{fmt.section(section).title}」写有“{clause.strip()}”")
                break
    return reasons


# -------------------------------------------------------------------------------------------- against last year


def copied_prose(report: Report, previous: Report) -> list[Finding]:
    out = []
    last_sections = {s.id for s in previous.format.prose_sections}
    for section in report.format.prose_sections:
        if section.id not in last_sections:
            continue
        now, before = report.text(section.id), previous.text(section.id)
        if min(len(_meaningful(now)), len(_meaningful(before))) < COPY_MIN_CHARS:
            continue
        ratio = similarity(now, before)
        if ratio >= COPY_RATIO:
            out.append(
                Finding(
                    WARNING,
                    "quality.prose_copied",
                    (section.id,),
                    f"「{section.title}」与上年报告的相同部分达 {int(ratio * 100)}%，请按本年度的实际情况撰写",
                )
            )
    return out


def similarity(a: str, b: str) -> float:
    """difflib's ratio (2 × matched / total) over the letters and digits of two texts, aligned clause by clause.

    Matching whole reports character by character is slow for Chinese text (a few common characters everywhere);
    equal clauses are matched whole and only the runs of clauses that differ are compared character by character.
    A long run with no clause in common is a rewrite: it is compared with difflib's quick heuristic (autojunk),
    which can only find fewer matches, never more.
    """
    ca, cb = _clauses(a), _clauses(b)
    total = sum(map(len, ca)) + sum(map(len, cb))
    if not total:
        return 1.0
    matched = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ca, cb, autojunk=False).get_opcodes():
        if tag == "equal":
            matched += sum(len(s) for s in ca[i1:i2])
        elif tag == "replace":
            x, y = "".join(ca[i1:i2]), "".join(cb[j1:j2])
            m = SequenceMatcher(None, x, y, autojunk=len(x) * len(y) > 250_000)
            matched += sum(block.size for block in m.get_matching_blocks())
    return 2 * matched / total


def _clauses(text: str) -> list[str]:
    pieces = (_meaningful(p) for p in re.split(r"[，,。；;！？!?：:、\n]", text))
    return [p for p in pieces if p]


def copied_tables(report: Report, previous: Report) -> list[Finding]:
    """A table whose every figure equals last year's while some figure of this year's activity is not zero."""
    fmt, last = report.format, previous.format
    carried = {r.target for r in fmt.carry_rules}
    out = []
    for section in fmt.table_sections:
        ids = [c for c, d in fmt.cells.items() if d.section.id == section.id]
        if any(c not in last.cells for c in ids):
            continue  # the table changed shape between the formats: nothing to compare
        if any(report.value(c) != previous.value(c) for c in ids):
            continue
        active = [
            c
            for c in ids
            if c not in fmt.computed and c not in carried and not fmt.cells[c].column.stock
            and report.value(c) != 0
        ]
        if active:
            out.append(
                Finding(
                    WARNING,
                    "quality.table_copied",
                    tuple(active),
                    f"「{section.title}」的全部数字与上年报告完全相同，请核实是否误用了上年数据",
                )
            )
    return out


def year_jumps(report: Report, previous: Report) -> list[Finding]:
    fmt, last = report.format, previous.format
    out = []
    for cid in fmt.input_cells:
        cell = fmt.cells[cid]
        if cell.kind is Kind.SIGNED or cid not in last.cells:
            continue
        now, before = report.value(cid), previous.value(cid)
        if max(now, before) < JUMP_MIN or before * JUMP_FACTOR >= now >= before / JUMP_FACTOR:
            continue
        trend = f"超过上年的 {JUMP_FACTOR} 倍" if now > before else "不足上年的五分之一"
        out.append(
            Finding(
                WARNING,
                "quality.year_jump",
                (cid,),
                f"{cell.label}上年为 {show(before)}，本年为 {show(now)}，{trend}，请核实",
            )
        )
    return out

