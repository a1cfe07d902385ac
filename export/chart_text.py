"""Text of the 图解 in the chosen fonts: a character a role's font lacks is drawn in another loaded font that has
it (and reported once), and the characters drawn in each font are kept for the SVG, which embeds just those."""

from __future__ import annotations

from reportlab.graphics.shapes import Group, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from report.checks import WARNING, Finding

from .pdf_fonts import ROLE_NAMES, FontSet


class ChartText:
    """Strings in a role's font; a character the font lacks in another loaded font that has it (reported once)."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._found: list[Finding] = []
        self._seen: set[str] = set()
        self.used: dict[str, set[str]] = {}  # font name -> characters drawn in it (the SVG embeds just these)

    @property
    def findings(self) -> list[Finding]:
        """A chosen font that could not be used (known once its role was drawn), then the characters lacking."""
        return [Finding(WARNING, "font.unusable", (), p) for p in self.fonts.problems] + self._found

    def name(self, role: str) -> str:
        return self.fonts.roles[role].name

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        main = self.fonts.roles[role]
        out: list[tuple[str, list[str]]] = []
        for ch in text:
            font = main if ch.isspace() else self.fonts.font_for(role, ch)
            if font is None:
                if ch not in self._seen:
                    self._seen.add(ch)
                    self._found.append(Finding(WARNING, "font.missing", (),
                                                 f"图解中的字符「{ch}」（U+{ord(ch):04X}）在所有可用字体中都没有，"
                                                 f"将显示为空白方框（{ROLE_NAMES[role]}）"))
                font = main
            self.used.setdefault(font.name, set()).add(ch)
            if out and out[-1][0] == font.name:
                out[-1][1].append(ch)
            else:
                out.append((font.name, [ch]))
        return [(name, "".join(chars)) for name, chars in out]

    def width(self, text: str, role: str, size: float) -> float:
        return sum(stringWidth(t, name, size) for name, t in self.runs(text, role))

    def draw(self, x: float, y: float, text: str, role: str = "body", size: float = 10, colour=colors.black,
             anchor: str = "start") -> Group:
        runs = self.runs(text, role)
        width = sum(stringWidth(t, name, size) for name, t in runs)
        x -= {"start": 0, "middle": width / 2, "end": width}[anchor]
        group = Group()
        for name, t in runs:
            group.add(String(x, y, t, fontName=name, fontSize=size, fillColor=colour))
            x += stringWidth(t, name, size)
        return group

    def fit(self, text: str, role: str, size: float, width: float, smallest: float = 6) -> float:
        """The size (at most `size`) at which `text` fits `width`."""
        natural = self.width(text, role, size)
        return size if natural <= width else max(smallest, size * width / natural)

    def note(self, font: str, text: str) -> None:
        """Characters a chart draws itself (axis labels) in `font`."""
        self.used.setdefault(font, set()).update(text)
