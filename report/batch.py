"""Reviewing many reports at once: each against the checklist, last year's report of the same agency found
among them, and prose that one agency shares with another (standard wording excluded).

Pure: the caller reads the inputs (files, a database) and hands over entries; a report that could not be read
is an entry with the reason, and stays a row of the result.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from . import checklist
from .checks import WARNING, Finding
from .model import Report
from .quality import _meaningful

SHINGLE = 12  # characters per compared piece of prose: long enough that a shared one is no coincidence
SIMILAR_RATIO = 0.5  # half of the shorter text's pieces found in the other agency's
SAMPLE = 3  # one piece in SAMPLE is compared: the share of matching pieces barely moves, the work drops threefold
SIMILAR_MIN_PIECES = 80 // SAMPLE  # and this many pieces shared: a paragraph of some 90 characters
# A piece found in this many agencies' reports (or this share of them) is standard wording, not copying.
BOILERPLATE_AGENCIES = 3
BOILERPLATE_SHARE = 0.1


@dataclass
class Entry:
    source: str  # how the input is named to the user (a file path, 「数据库」)
    report: Report | None = None
    problem: str = ""  # why it could not be read, when report is None
    previous: Report | None = None  # last year's report of the agency, when known from elsewhere (a database)
    completed: tuple[str, ...] = ()  # "agency", "year": missing from the document's title, taken from elsewhere


@dataclass
class Reviewed:
    entry: Entry
    findings: list[Finding] = field(default_factory=list)
    verdicts: dict[str, tuple[str, int]] = field(default_factory=dict)
    previous_source: str = ""  # where last year's report came from, if any

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == WARNING for f in self.findings)


@dataclass(frozen=True)
class Tally:
    """A batch's outcome in figures, and in the sentence that tells it."""

    reviewed: int
    unread: int  # inputs that could not be read (each is a row of the result saying why)
    errors: int
    warnings: int

    def __str__(self) -> str:
        return (f"已审核 {self.reviewed} 份报告（共 {self.errors} 个错误、{self.warnings} 个警告）"
                + (f"，{self.unread} 个文件无法读取" if self.unread else ""))


def tally(results: list[Reviewed]) -> Tally:
    unread = sum(r.entry.report is None for r in results)
    return Tally(len(results) - unread, unread, sum(r.errors for r in results), sum(r.warnings for r in results))


def _key(report: Report) -> tuple[str, int]:
    return report.agency.strip(), report.year


def review_all(entries: list[Entry]) -> list[Reviewed]:
    """Every entry reviewed, in the order given; cross-year checks against last year's report of the same
    agency among the entries (else the entry's own `previous`)."""
    by_key = {_key(e.report): e for e in entries if e.report is not None}
    similar = similar_prose([e.report for e in entries if e.report is not None])
    out = []
    for entry in entries:
        if entry.report is None:
            out.append(Reviewed(entry))
            continue
        agency, year = _key(entry.report)
        last = by_key.get((agency, year - 1))
        previous, where = (last.report, last.source) if last else (entry.previous, "数据库" if entry.previous else "")
        findings = checklist.review(entry.report, previous) + similar.get(id(entry.report), [])
        findings.sort(key=lambda f: not f.is_error)
        verdicts = checklist.judge(findings, previous is not None, applies={"similar"} if len(by_key) > 1 else set())
        out.append(Reviewed(entry, findings, verdicts, where))
    return out


def _shingles(text: str) -> set[str]:
    """The text's pieces of SHINGLE characters that start at a sampled character: one in SAMPLE on average,
    chosen by the character itself so that the same text yields the same pieces in every report (and every run)."""
    chars = _meaningful(text)
    return {chars[i : i + SHINGLE] for i in range(0, max(len(chars) - SHINGLE + 1, 0)) if ord(chars[i]) % SAMPLE == 0}


def similar_prose(reports: list[Report]) -> dict[int, list[Finding]]:
    """id(report) -> warnings naming another agency's report whose prose, section by section, mostly matches.

    Pieces of text that many agencies share (the 条例's name, the format's headings, set phrases) are
    boilerplate and are left out; so is the format's own wording. Same agency in another year is the
    copied-from-last-year check's business, not this one's."""
    out: dict[int, list[Finding]] = defaultdict(list)
    if len(reports) < 2:
        return out
    agencies = {r.agency.strip() for r in reports}
    limit = max(BOILERPLATE_AGENCIES, int(len(agencies) * BOILERPLATE_SHARE))
    for section_id in ("s1", "s5", "s6"):
        pieces = [_shingles(r.text(section_id)) for r in reports]
        standard = set()
        for r in reports:
            fmt = r.format
            s = fmt.section(section_id)
            standard |= _shingles("".join((s.title, s.hint, *s.outline)))
        holders: dict[str, set[str]] = defaultdict(set)
        for r, p in zip(reports, pieces, strict=True):
            for h in p:
                holders[h].add(r.agency.strip())
        boiler = {h for h, who in holders.items() if len(who) > limit} | standard
        kept = [p - boiler for p in pieces]
        index: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(kept):
            for h in p:
                index[h].append(i)
        shared: Counter[tuple[int, int]] = Counter()
        for owners in index.values():
            if len(owners) > 1:
                shared.update(combinations(owners, 2))
        for (a, b), n in shared.items():
            ra, rb = reports[a], reports[b]
            if ra.agency.strip() == rb.agency.strip():
                continue
            shorter = min(len(kept[a]), len(kept[b]))
            if n < SIMILAR_MIN_PIECES or n < SIMILAR_RATIO * shorter:
                continue
            ratio = int(100 * n / shorter)
            title = ra.format.section(section_id).title
            for me, other in ((ra, rb), (rb, ra)):
                out[id(me)].append(
                    Finding(
                        WARNING,
                        "review.similar",
                        (section_id,),
                        f"「{title}」与「{other.agency}」{other.year} 年度报告的相应部分雷同（除通用表述外 {ratio}% 相同），"
                        "请按本机关的实际情况撰写",
                    )
                )
    return out
