"""Round trips through our own writers: export a report as a web page, a Word file or a PDF, import the file,
get the same report back (agency, year, format, every cell, the preamble and the three texts).

The writers draw export/layout.py, which changes the clerk's prose on purpose in a few ways (see
`as_published`), and the readers take white space as a reader of the page would (`as_read`; a PDF's
`without_spaces`); the texts are compared through those functions. Cells are compared exactly, totals
included: a number that comes back different is always a failure.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export import kinds
from export.kinds import KINDS
from importer import import_file
from importer.normalise import clean_cell
from report.calc import with_totals
from report.model import PREAMBLE, Report, text_ids

from ..strategies import valid_reports
from .samples import seed

KIND = {k.suffix: k for k in KINDS}

_MARKER = re.compile(r"^[（(]\s*([一二三四五六七八九十百零〇两]{1,4})\s*[）)]\s*")


def as_published(text: str, markers: bool = True) -> str:
    """The clerk's text as every writer publishes it (export/layout.py prose()): line ends unified; tabs become
    spaces; invisible format and control characters (zero-width space, BOM, …) dropped; one paragraph per
    non-empty line, without its leading and trailing spaces (the writer indents the paragraph itself); and a
    （一）-style heading marker written with full-width brackets and no spaces inside or after it, as official
    documents print it (`markers`: not in the preamble, whose lines are plain paragraphs). Nothing else may
    change."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cf", "Cc", "Cs"))
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            lines.append(_MARKER.sub(lambda m: f"（{m.group(1)}）", line, count=1) if markers else line)
    return "\n".join(lines)


def as_read(text: str, markers: bool = True) -> str:
    """What a reader of a web page or a Word file makes of the published text: each run of white space of any
    kind (U+1680, U+3000, no-break…) one plain space, and none between two Chinese characters (a line wrapped in
    the source), as importer.normalise.clean_cell defines."""
    return "\n".join(clean_cell(line) for line in as_published(text, markers).split("\n"))


def without_spaces(text: str) -> str:
    """For a PDF: its text layer holds glyphs and their positions, not the spaces between them. A space at a
    line break is never drawn (the line ends before it, the next starts after it), and one inside a line is
    read back from a gap, so runs of spaces come back as one, and an ideographic or no-break space as a plain
    one. Spaces are left out of the PDF's comparison; every other character must come back, in order."""
    return re.sub(r"[ \u3000\u00a0]+", "", text)


def assert_same_report(original: Report, path, texts=as_read) -> None:
    result = import_file(path)
    notes = [str(n) for n in result.notes]
    assert result.report is not None, notes
    assert not result.errors and not result.warnings, notes
    back = result.report
    assert (back.agency, back.year, back.format_id) == (original.agency.strip(), original.year, original.format_id)
    assert with_totals(back).cells == with_totals(original).cells
    for tid in text_ids(original.format):
        markers = tid != PREAMBLE
        assert texts(back.text(tid), markers) == texts(original.text(tid), markers), tid


def _round_trip(report: Report, suffix: str, tmp_path) -> None:
    path = tmp_path / f"report{suffix}"
    found = kinds.write(report, path, KIND[suffix])
    if suffix == ".pdf":
        # every character drawn in a bundled font (a heading's rare one in the body font: font.fallback)
        assert not [f for f in found if f.rule != "font.fallback"], [f.message for f in found]
        assert_same_report(report, path, lambda text, markers: without_spaces(as_published(text, markers)))
    else:
        assert_same_report(report, path)


# ---- the seed (a real published report, typed by hand) -----------------------------------------------------


@pytest.mark.parametrize("suffix", [".html", ".docx", ".pdf"])
def test_seed_round_trip(suffix, tmp_path):
    _round_trip(seed(), suffix, tmp_path)


@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_unusual_spaces_round_trip(suffix, tmp_path):
    """Every kind of space around a paragraph goes, as readers of the output trim it (once found by chance)."""
    report = seed()
    report.texts = {"s1": "\u2003（一）总体。\u1680\n\u00a0正文\u3000", "s5": "\u1680", "s6": "\u2000无\u202f"}
    _round_trip(report, suffix, tmp_path)


# ---- random valid reports of both formats ------------------------------------------------------------------

_RANDOM = settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@_RANDOM
@given(report=valid_reports())
def test_html_round_trip(report, tmp_path):
    _round_trip(report, ".html", tmp_path)


@_RANDOM
@given(report=valid_reports())
def test_docx_round_trip(report, tmp_path):
    _round_trip(report, ".docx", tmp_path)


# A PDF's text layer holds only what its fonts can draw: a character the bundled fonts lack (most scripts other
# than Chinese and Latin, unassigned code points, combining marks) is drawn as an empty box, reported by the writer
# as a font finding, and read back as nothing. So the PDF test types what a clerk types: Chinese, ASCII and
# full-width punctuation; the writer must then report no font finding at all.
_CLERK_CHARS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),  # CJK unified ideographs (GB 2312 ⊂ this range)
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # printable ASCII
    st.sampled_from("，。、；：？！“”‘’（）《》【】—…·　"),  # full-width punctuation
)
_CLERK_TEXT = st.text(_CLERK_CHARS | st.just("\n"), max_size=40)
_CLERK_AGENCY = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5) | st.characters(min_codepoint=0x30, max_codepoint=0x39),
    min_size=1, max_size=30,
)


@st.composite
def clerk_reports(draw) -> Report:
    report = draw(valid_reports())
    report.texts = {sid: draw(_CLERK_TEXT) for sid in report.texts}
    report.agency = draw(_CLERK_AGENCY)
    return report


@settings(_RANDOM, max_examples=6)
@given(report=clerk_reports())
def test_pdf_round_trip(report, tmp_path):
    _round_trip(report, ".pdf", tmp_path)
