"""Text flowables for the PDF writer, broken into lines by export/linebreak.py (避头尾).

ReportLab's `wordWrap='CJK'` breaks between any two characters and keeps only a short list of characters off
the start of a line (it misses ，；：？！”》 among others, and hangs at most one), and it cannot justify
Chinese lines, which have no spaces to stretch. So:

- `ProseText` draws the body and heading paragraphs itself: runs of text in several fonts, a first-line indent,
  lines justified to both margins by spreading the spare width between the characters (as Word's document grid
  does), the last line left-aligned; it splits across pages between lines, never leaving one line alone.
- `KinsokuParagraph` is a ReportLab Paragraph (left or centred, no justification) whose lines are broken by the
  same rules, for documents laid out by ReportLab's own tables (the review sheet); the report's tables are
  export/pdf_table.py's, which breaks its cells' lines by the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

from .linebreak import break_lines

MAX_JUSTIFY = 0.5  # of the font size: more spare space per gap than this is left at the line's end


@dataclass(frozen=True)
class Run:
    text: str
    font: str  # a registered ReportLab font name


class ProseText(Flowable):
    """A paragraph of Chinese prose. align: "justify", "center" or "right"."""

    def __init__(self, runs: list[Run], size: float, leading: float, first_indent: float = 0.0,
                 align: str = "justify", right_indent: float = 0.0, keep_with_next: bool = False,
                 _lines=None, _continued: bool = False, _chars=None):
        super().__init__()
        self.runs, self.size, self.leading = runs, size, leading
        self.first_indent, self.align, self.right_indent = first_indent, align, right_indent
        self.keepWithNext = keep_with_next
        # The parts of a paragraph split across pages share its characters: building them again for every
        # page made a long paragraph quadratic (200,000 characters took 17 s).
        self._chars: list[tuple[str, str]] = _chars if _chars is not None else [
            (ch, r.font) for r in runs for ch in r.text]
        self._given_lines = _lines
        self._continued = _continued
        self._lines: list[tuple[int, int]] = []
        self._width = 0.0

    def _layout(self, width: float) -> list[tuple[int, int]]:
        if self._given_lines is not None:
            return self._given_lines
        chars = [c for c, _ in self._chars]
        widths = [0.0 if c == "\n" else char_width(c, f, self.size) for c, f in self._chars]
        forced = [c == "\n" for c in chars]
        usable = width - self.right_indent
        first = usable - (0 if self._continued else self.first_indent)
        return break_lines(chars, widths, [first, usable], forced)

    def wrap(self, availWidth, availHeight):
        if not self._lines or self._width != availWidth:
            self._lines = self._layout(availWidth)
            self._width = availWidth
        self.width = availWidth
        self.height = max(len(self._lines), 1) * self.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        fit = int((availHeight + 1e-6) // self.leading)
        total = len(self._lines)
        if fit >= total:
            return [self]
        if total - fit == 1:  # no widow: take one more line over
            fit -= 1
        if fit < 2:  # no orphan either: the whole paragraph moves on
            return []
        head = ProseText(self.runs, self.size, self.leading, self.first_indent, self.align, self.right_indent,
                         _lines=self._lines[:fit], _continued=self._continued, _chars=self._chars)
        tail = ProseText(self.runs, self.size, self.leading, self.first_indent, self.align, self.right_indent,
                         self.keepWithNext, _lines=self._lines[fit:], _continued=True, _chars=self._chars)
        return [head, tail]

    def draw(self):
        canvas = self.canv
        size = self.size
        for i, (start, end) in enumerate(self._lines):
            chars = [(c, f) for c, f in self._chars[start:end] if c != "\n"]
            while chars and chars[-1][0].isspace():
                chars.pop()
            if not chars:
                continue
            first_line_of_paragraph = start == self._lines[0][0] and not self._continued
            indent = self.first_indent if first_line_of_paragraph and self.align == "justify" else 0.0
            room = self.width - self.right_indent - indent
            natural = sum(char_width(c, f, size) for c, f in chars)
            last = end >= len(self._chars) or self._chars[end - 1][0] == "\n"
            x = indent
            gap = 0.0
            if self.align == "center":
                x += (room - natural) / 2
            elif self.align == "right":
                x += room - natural
            elif not last and len(chars) > 1:
                gap = (room - natural) / (len(chars) - 1)
                if gap < 0 or gap > MAX_JUSTIFY * size:
                    gap = 0.0
            # Baseline: the glyphs' em box centred in the line's slot.
            y = self.height - i * self.leading - (self.leading - size) / 2 - 0.88 * size
            text = canvas.beginText(x, y)
            text.setCharSpace(gap)
            for font, piece in _pieces(chars):
                text.setFont(font, size)
                text.textOut(piece)
            canvas.drawText(text)


def _pieces(chars):
    out: list[tuple[str, str]] = []
    for c, f in chars:
        if out and out[-1][0] == f:
            out[-1] = (f, out[-1][1] + c)
        else:
            out.append((f, c))
    return out


_WIDTHS: dict[tuple[str, str], float] = {}


def forget_widths(font: str) -> None:
    """Drop the widths kept for a font name (its file changed and was loaded again under that name)."""
    for key in [k for k in _WIDTHS if k[1] == font]:
        del _WIDTHS[key]


def char_width(ch: str, font: str, size: float) -> float:
    """The advance of one character (widths kept per font: measuring is a large part of laying out)."""
    key = (ch, font)
    w = _WIDTHS.get(key)
    if w is None:
        w = _WIDTHS[key] = stringWidth(ch, font, 1000)
    return w * size / 1000


class KinsokuParagraph(Paragraph):
    """A Paragraph whose lines are broken by export/linebreak.py (use it with wordWrap='CJK')."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara  # the second half of a paragraph split across pages keeps its lines
        self.height = 0
        style = self.style
        if not self.frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)
        calc_bounds = getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
        chars = []
        for f in self.frags:
            text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
            chars.extend(cjkU(t, f, "utf8") for t in text) if text else chars.append(cjkU("", f, "utf8"))
        forced = [hasattr(u.frag, "lineBreak") for u in chars]
        lines = []
        for n, (start, end) in enumerate(break_lines(chars, [u.width for u in chars], maxWidths, forced)):
            line = chars[start:end]
            width = sum(u.width for u in line)
            max_width = maxWidths[min(n, len(maxWidths) - 1)]
            lines.append(makeCJKParaLine(line, max_width, width, max_width - width, forced[end - 1], calc_bounds))
        return ParaLines(kind=1, lines=lines)
