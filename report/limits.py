"""Every bound on input, stated once: how large a figure, a text, a file may be before it is refused.

Each bound is generous for any real report (a ministry's amounts in 万元 to four places, the prose of the longest
published reports, a report PDF with its scanned attachments) and small enough that reading, checking and
writing stay quick and within memory. What is refused is refused before the expensive work, with a Chinese
message naming the bound (the `*_problem` helpers below and the readers that use them).

Two kinds of bound on figures:
- the *domain*: what any file may carry at all. Everything inside it is read, checked, written by every writer
  and read back from the program's own exchange file; outside it a file is refused as unusable.
- the *plausible range*: what a real report holds. Outside it (but inside the domain) `check` reports an error,
  so that a published report that is wrong can still be read and its mistakes shown.
"""

from __future__ import annotations

from decimal import Decimal

# ---- figures: the domain -------------------------------------------------------------------------------------

# Digits before the point of a figure (a count, or an amount in 万元). 15 is what a spreadsheet holds exactly.
WHOLE_DIGITS = 15
# A total the program computes adds up to some hundreds of figures: three more digits.
TOTAL_WHOLE_DIGITS = WHOLE_DIGITS + 3
# Digits after the point of an amount (万元 to six places is the 分; more is kept only to be reported).
FRACTION_DIGITS = 10
# Characters of a figure written as text ("16.8950"): enough for the longest total.
NUMBER_CHARS = 40

# ---- figures: the plausible range (check's errors) -------------------------------------------------------------

PLACES = 6  # 万元 down to the 分
COUNT = 10**9 - 1  # far above any agency's yearly figure; larger numbers are typing slips
AMOUNT = Decimal(10) ** 10  # 万元, i.e. 10^14 元

# ---- texts -----------------------------------------------------------------------------------------------------

TEXT_CHARS = 200_000  # per prose section; the longest real sections run to some ten thousand
AGENCY_CHARS = 100

# ---- files -----------------------------------------------------------------------------------------------------

EXCHANGE_BYTES = 5 * 1024 * 1024  # an exchange file; a real one is a few tens of KB
JSON_DEPTH = 16  # nesting of an exchange file: a real one is two deep (the file, then texts or cells)
IMPORT_BYTES = 50 * 1024 * 1024  # a published report as a file, with its scanned seal and attachments
HTML_BYTES = 20 * 1024 * 1024  # a web page (or plain text); Word's markup makes a long report a few MB
# Characters of text a published report yields once read (any kind of file): a real report's text is some tens of
# thousands; the importer's work grows with it, so a text past this (some fifty times the longest report) is
# refused before any of it is matched, the same whichever reader gave it.
IMPORT_TEXT_CHARS = 2_000_000
PDF_PAGES = 200  # a published report runs to some tens of pages
# Drawing instructions of a PDF page, unpacked: a real report's page holds some tens of KB (every glyph placed on
# its own by WPS included). Reading costs time with their count, so a few KB that unpack to a flood of them would
# keep the importer busy for hours; one page or a whole file past these is no annual report.
PDF_PAGE_CONTENT_BYTES = 512 * 1024
PDF_CONTENT_BYTES = 4 * 1024 * 1024
# Bytes of text one page shows (about one or two a glyph): a crowded A4 page of small type holds some thousands.
PDF_PAGE_TEXT_BYTES = 64 * 1024
ZIP_PARTS = 2_000  # parts of a .docx or .xlsx; a long report has a few dozen
ZIP_UNPACKED_BYTES = 200 * 1024 * 1024  # all parts of a .docx or .xlsx unpacked (pictures included)
ZIP_XML_BYTES = 30 * 1024 * 1024  # one XML part unpacked (document.xml of a long report: a few MB)


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def figure_problem(value: int | Decimal, *, total: bool = False) -> str | None:
    """Why a figure lies outside the domain (the end of a Chinese sentence), or None. Computed from the
    number's digits and exponent, never by writing it out: 1e999999999 is refused at once."""
    whole_limit = TOTAL_WHOLE_DIGITS if total else WHOLE_DIGITS
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return "不是数字"
    if isinstance(value, int):
        whole, fraction = len(str(abs(value))), 0
    else:
        if not value.is_finite():
            return "不是有限的数"
        _, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)
        significant = len(digits) if any(digits) else 0  # a Decimal keeps no leading zeros
        whole = max(significant + exponent, 0) if significant else 0
        fraction = max(-exponent, 0)
    if whole > whole_limit:
        return f"超出本程序能处理的范围：整数部分最多 {whole_limit} 位，现有 {whole} 位"
    if fraction > FRACTION_DIGITS:
        return f"超出本程序能处理的范围：小数部分最多 {FRACTION_DIGITS} 位，现有 {fraction} 位"
    return None


def plain(value: Decimal) -> Decimal:
    """A figure inside the domain without a positive exponent (1.5E+3 → 1500, 0E+7 → 0), so that every writer
    prints it as digits."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return value.quantize(Decimal(1))
    return value


def file_too_large(size: int, limit: int, what: str) -> str:
    return f"{what}过大（{_mb(size) if size >= 1024 * 1024 else f'{size} 字节'}），超过本程序的上限 {_mb(limit)}"
