"""A ReportLab TrueType font that neither keeps its file in memory nor parses its character map more than once.

ReportLab's TTFontFace reads the whole file into memory (17.7 MB for the four bundled fonts), keeps it for the
life of the process, and parses the character map, the metrics and the glyph index in Python loops, in every
process. Here:

- the file is read on demand, a few bytes at a time (`_FileBytes`): the header tables when the font is loaded,
  the glyphs of each subset a document embeds; the file is closed after each load and each subset;
- the character map comes from the cache (export/font_cache.py) when it holds a sound entry for this very file,
  else from ReportLab's own parse, which is then stored;
- metrics and glyph index are read from their tables in one piece each, as arrays;
- the character → glyph map is two sorted arrays (`GlyphMap`), not a dict: ReportLab asks it only for the few
  hundred characters a document embeds, and its dict (with an int object per glyph) kept ~3.5 MiB of the window
  resident for the four bundled fonts. The widths stay a dict: ReportLab's C accelerator reads them for every
  string it measures, and they answer which characters the font has (same keys).

Everything else (names, flags, embedding permission, the PDF objects, the subsets) is ReportLab's own code.
"""

from __future__ import annotations

import os
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from pathlib import Path

from reportlab import Version as REPORTLAB_VERSION
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont, TTFontFace

from . import font_cache

CACHE_KIND = "ttf"
_LAYOUT = 1  # of the arrays kept for one font


class ChangedFontFile(TTFError):
    """The font file changed, or disappeared, after it was loaded."""

    def __init__(self, message: str, filename: Path):
        super().__init__(message)
        self.filename = filename


_PREAD = getattr(os, "pread", None)


class _FileBytes:
    """The bytes of a file, read where sliced: what ReportLab's parser needs of `_ttf_data`."""

    def __init__(self, path: Path, size: int, mtime_ns: int):
        self.path, self.size, self.mtime_ns = path, size, mtime_ns
        self._file = None

    def _open(self):
        if self._file is None:
            try:
                f = open(self.path, "rb")  # noqa: SIM115 - kept open for the slices to come; closed by close()
            except OSError:
                raise ChangedFontFile(f"font file {self.path} cannot be opened any more", self.path) from None
            stat = os.fstat(f.fileno())
            if (stat.st_size, stat.st_mtime_ns) != (self.size, self.mtime_ns):
                f.close()
                raise ChangedFontFile(f"font file {self.path} changed after it was loaded", self.path)
            self._file = f
        return self._file

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, where):
        if isinstance(where, slice):
            start, stop, step = where.indices(self.size)
            if step != 1:
                raise ValueError("font data is read in runs")
            if stop <= start:
                return b""
            f = self._open()
            if _PREAD is not None:  # one system call where there is one (not on Windows)
                data = _PREAD(f.fileno(), stop - start, start)
            else:
                f.seek(start)
                data = f.read(stop - start)
            if len(data) != stop - start:
                raise ChangedFontFile(f"font file {self.path} is shorter than when it was loaded", self.path)
            return data
        index = where + self.size if where < 0 else where
        if not 0 <= index < self.size:
            raise IndexError(where)
        return self[index:index + 1][0]


class _TableWindow:
    """One table of the file, sliced relative to its start, without reading the whole table (the glyph table of
    the body font is 8 MB; ReportLab takes it whole for every subset of 256 characters)."""

    def __init__(self, data: _FileBytes, offset: int, length: int):
        self.data, self.offset, self.length = data, offset, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, where):
        if not isinstance(where, slice):
            return self[where:where + 1][0]
        start, stop, _ = where.indices(self.length)
        return self.data[self.offset + start:self.offset + max(start, stop)]


class _Metrics:
    """(advance, left side bearing) of each glyph, as ReportLab's `hmetrics` list gives them, from two arrays."""

    def __init__(self, advance: array, lsb: array):
        self.advance, self.lsb = advance, lsb

    def __len__(self) -> int:
        return len(self.advance)

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        return self.advance[glyph], self.lsb[glyph]


class GlyphMap(Mapping):
    """Character code → glyph index, as ReportLab's `charToGlyph` dict answers it, held in two arrays sorted by
    code. Which codes are in it is asked of `widths`, the face's width dict with exactly these keys (a dict lookup,
    as fast as before); a glyph is found by bisection."""

    def __init__(self, codes: array, glyphs: array, widths: dict[int, object]):
        keys = codes.tolist()
        if keys != sorted(keys):  # C loops: a Python loop over a CJK font's codes would cost milliseconds
            order = sorted(range(len(codes)), key=codes.__getitem__)
            codes, glyphs = array("I", (codes[i] for i in order)), array("I", (glyphs[i] for i in order))
        self.codes, self.glyphs, self.widths = codes, glyphs, widths

    def __contains__(self, code: object) -> bool:
        return code in self.widths

    def __getitem__(self, code: int) -> int:
        at = bisect_left(self.codes, code) if isinstance(code, int) else len(self.codes)
        if at == len(self.codes) or self.codes[at] != code:
            raise KeyError(code)
        return self.glyphs[at]

    def __iter__(self) -> Iterator[int]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)


def _compact(char_map: dict[int, int], widths: dict[int, object]) -> Mapping[int, int]:
    """The map as a GlyphMap where its characters are exactly the widths' (so they answer membership); else as
    it is (a font with characters mapped past its glyphs, which ReportLab's parse keeps without a width)."""
    if len(char_map) != len(widths) or any(code not in widths for code in char_map):
        return char_map
    return GlyphMap(array("I", char_map.keys()), array("I", char_map.values()), widths)


class Face(TTFontFace):
    """ReportLab's face of one TrueType file, loaded as the module's docstring says."""

    def __init__(self, path: Path):
        path = Path(path)
        stat = os.stat(path)
        self._data = _FileBytes(path, stat.st_size, stat.st_mtime_ns)
        self._key = font_cache.file_key(path, layout=_LAYOUT, reportlab=REPORTLAB_VERSION)
        try:
            super().__init__(str(path))
        finally:
            self._data.close()  # opened again, and checked against this size and time, for the glyphs

    def readFile(self, f):
        self.filename = str(self._data.path)
        self._ttf_data = self._data
        self._pos = 0

    def extractInfo(self, charInfo=1):
        # Names, metrics, flags and the embedding permission: ReportLab's code, reading only the small tables.
        super().extractInfo(charInfo=0)
        if not charInfo:
            return
        cached = font_cache.load(CACHE_KIND, self._key) if self._key else None
        if cached is None or not self._take(cached):
            self._parse_and_store()

    def _parse_and_store(self) -> None:
        """ReportLab's full parse, on the whole file in memory; what it yields is kept, the file is not."""
        self._ttf_data = self._data[0:len(self._data)]
        try:
            TTFontFace.extractInfo(self, 1)
        finally:
            self._ttf_data = self._data
            self._data.close()
        char_map = self.charToGlyph
        codes = array("I", char_map.keys())
        glyphs = array("I", char_map.values())
        del self.glyphToChar  # only HarfBuzz shaping reads it, and these fonts are never shaped
        self.hmetrics = _Metrics(array("I", (int(aw) for aw, _ in self.hmetrics)),
                                 array("H", (lsb for _, lsb in self.hmetrics)))
        self.glyphPos = array("I", self.glyphPos)
        self.charToGlyph = _compact(char_map, self.charWidths)
        if self._key:
            font_cache.store(CACHE_KIND, self._key, {"codes": codes, "glyphs": glyphs})

    def _take(self, cached: dict[str, array]) -> bool:
        """Install the cached character map and read the metrics and glyph index; False if the entry does not
        fit this file (then the font is parsed again)."""
        codes, glyphs = cached.get("codes"), cached.get("glyphs")
        if codes is None or glyphs is None or len(codes) != len(glyphs):
            return False
        if "loca" not in self.table or "hmtx" not in self.table or "glyf" not in self.table:
            return False
        head = self.get_table_pos("head")[0]
        if self.get_ushort(head + 52) != 0:  # glyph data format: ReportLab's parse says what is wrong
            return False
        count = self.numGlyphs
        if len(glyphs) and max(glyphs) >= count or len(codes) and max(codes) > 0x10FFFF:
            return False  # not this file's: its glyphs are numbered below its count
        metrics_count = self.get_ushort(self.get_table_pos("hhea")[0] + 34)
        long_loca = self.get_ushort(head + 50)
        if metrics_count == 0 or long_loca not in (0, 1):
            return False
        try:
            pairs = self._unsigned("hmtx", 0, 2 * metrics_count, "H")
            lsb_tail = self._unsigned("hmtx", 4 * metrics_count, max(count - metrics_count, 0), "H")
            loca = self._unsigned("loca", 0, count + 1, "I" if long_loca else "H")
        except TTFError:
            return False
        scale = self._pdfScale
        advance = pairs[0::2]
        last = advance[-1]
        advance.extend(array("H", [last]) * len(lsb_tail))
        lsb = pairs[1::2]
        lsb.extend(lsb_tail)
        # ReportLab's own list holds the glyphs past the last full metric with the advance already scaled to
        # 1/1000 em (and writes that into the subsets); the same here, so that the PDF is the one it made.
        subset_advance = array("I", pairs[0::2])
        subset_advance.extend(array("I", [int(scale(last))]) * len(lsb_tail))
        glyph_pos = loca if long_loca else array("I", map((2).__mul__, loca))
        # Every glyph is below the count (checked above), so each has its width; built by C loops, not Python.
        # One object for each distinct width: a CJK font has tens of thousands of characters and a handful of
        # widths, and the widths stay for the life of the window.
        distinct: dict = {}
        scaled = advance.tolist() if self.unitsPerEm == 1000 else list(map(scale, advance))
        glyph_widths = list(map(distinct.setdefault, scaled, scaled))
        char_widths = dict(zip(codes.tolist(), map(glyph_widths.__getitem__, glyphs), strict=True))  # as long: checked
        if len(char_widths) != len(codes):  # a code twice: not an entry this program wrote
            return False
        self.charToGlyph = GlyphMap(codes, glyphs, char_widths)
        self.charWidths = char_widths
        self.defaultWidth = scale(advance[0])
        self.hmetrics = _Metrics(subset_advance, lsb)
        self.glyphPos = glyph_pos
        return True

    def _unsigned(self, tag: str, offset: int, count: int, typecode: str) -> array:
        pos, length = self.get_table_pos(tag)
        values = array(typecode)
        if offset + count * values.itemsize > length:
            raise TTFError(f"{tag} table too short")
        values.frombytes(self._ttf_data[pos + offset:pos + offset + count * values.itemsize])
        if sys.byteorder == "little":
            values.byteswap()
        return values

    def makeSubset(self, subset):
        try:
            return super().makeSubset(subset)
        finally:
            self._data.close()  # until the next subset: a clerk may replace or remove the file meanwhile

    def get_table(self, tag):
        if tag == "glyf":
            return _TableWindow(self._data, *self.get_table_pos(tag))
        return super().get_table(tag)


class Font(TTFont):
    """ReportLab's TTFont around a `Face`."""

    def __init__(self, name: str, path: Path):
        # As TTFont.__init__ (ReportLab), the face made here; never shaped: Chinese needs no shaping and the
        # line breaking is ours (export/linebreak.py).
        from weakref import WeakKeyDictionary

        from reportlab import rl_config

        self.fontName = name
        self.face = Face(path)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = False
