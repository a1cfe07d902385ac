"""The four faces of an official document, found on the system or taken from the bundled fonts.

Roles: title (小标宋), heading (黑体), kai (楷体, second-level headings), body (仿宋; also the tables). The
official system fonts are used when present (Windows: simfang/simhei/simkai, 方正小标宋简体 or 华文中宋; UOS/Kylin:
the CESI fonts); otherwise, and for any font that cannot be used, the bundled TrueType subsets from
`resources/fonts/` (see export/resources.py). A character the chosen font lacks is drawn from another loaded
font that has it (bundled fonts first) and reported by the PDF writer, never left as a silent empty box.

Only TrueType files that ReportLab embeds as subsets are ever registered: never a standard or CID font.
"""

from __future__ import annotations

import itertools
import os
import struct
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from report import title as report_title
from report.errors import UserFacingError

from .resources import fonts_dir

ROLES = ("title", "heading", "kai", "body")
ROLE_NAMES = {"title": "标题字体（小标宋）", "heading": "一级标题字体（黑体）", "kai": "二级标题字体（楷体）",
              "body": "正文字体（仿宋）"}

BUNDLED = {
    "title": ("NotoSerifSC-Bold.ttf", "NotoSerifSC-Regular.ttf"),
    "heading": ("NotoSansSC-Regular.ttf",),
    "kai": ("LXGWWenKai-Regular.ttf",),
    "body": ("NotoSerifSC-Regular.ttf",),
}
BUNDLED_NAMES = {"NotoSerifSC-Bold.ttf": "思源宋体粗体（内置）", "NotoSerifSC-Regular.ttf": "思源宋体（内置）",
                 "NotoSansSC-Regular.ttf": "思源黑体（内置）", "LXGWWenKai-Regular.ttf": "霞鹜文楷（内置）"}

# Official fonts by file name (lower case), best first. 仿宋_GB2312 covers GB2312 only, so simfang (GBK) leads.
SYSTEM = {
    "title": ("方正小标宋简体.ttf", "fzxbsjw.ttf", "fzxbsjw--gb1-0.ttf", "方正小标宋_gbk.ttf", "fzxbsk.ttf",
              "cesi_xbs_gb18030.ttf", "cesi_xbs_gb2312.ttf", "stzhongs.ttf", "华文中宋.ttf"),
    "heading": ("simhei.ttf", "cesi_ht_gb18030.ttf", "cesi_ht_gb2312.ttf", "黑体.ttf", "fzhtk.ttf"),
    "kai": ("simkai.ttf", "楷体_gb2312.ttf", "cesi_kt_gb18030.ttf", "cesi_kt_gb2312.ttf", "stkaiti.ttf",
            "楷体.ttf"),
    "body": ("simfang.ttf", "仿宋_gb2312.ttf", "fs_gb2312.ttf", "cesi_fs_gb18030.ttf", "cesi_fs_gb2312.ttf",
             "stfangso.ttf", "仿宋.ttf"),
}
SYSTEM_NAMES = {"simfang.ttf": "仿宋", "simhei.ttf": "黑体", "simkai.ttf": "楷体", "stzhongs.ttf": "华文中宋",
                "fzxbsjw.ttf": "方正小标宋简体", "fzxbsjw--gb1-0.ttf": "方正小标宋简体"}


class FontError(UserFacingError):
    """A font file that cannot be used; the message is Chinese."""


@dataclass(frozen=True, eq=False)  # one object per file: compared by identity
class LoadedFont:
    name: str  # the name registered with ReportLab
    path: Path
    label: str  # how messages name it
    chars: Mapping[int, int] = field(repr=False)  # the font's character map: its keys are the characters it has
    bundled: bool = False
    stamp: tuple[int, int] = (0, 0)  # the file's size and modification time when loaded

    def has(self, ch: str) -> bool:
        return ord(ch) in self.chars


def _font_folders() -> list[Path]:
    if sys.platform == "win32":
        folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return folders
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path.home() / "Library" / "Fonts", Path("/System/Library/Fonts")]
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path(data) / "fonts", Path.home() / ".fonts"]


@lru_cache(maxsize=1)
def system_font_files() -> dict[str, Path]:
    """Every font file under the system's font folders, by lower-case file name (first found wins)."""
    found: dict[str, Path] = {}
    for folder in _font_folders():
        try:
            for root, _dirs, files in os.walk(folder):
                for name in files:
                    if name.lower().endswith((".ttf", ".ttc")):
                        found.setdefault(name.lower(), Path(root) / name)
        except OSError:
            continue
    return found


def default_choice(use_system: bool = True) -> dict[str, Path]:
    """The font file for each role: the first official system font found, else the bundled one."""
    files = system_font_files() if use_system else {}
    choice = {}
    for role in ROLES:
        hit = next((files[n] for n in SYSTEM[role] if n in files), None)
        choice[role] = hit or _bundled_path(role)
    return choice


def _bundled_path(role: str) -> Path:
    for name in BUNDLED[role]:
        path = fonts_dir() / name
        if path.is_file():
            return path
    return fonts_dir() / BUNDLED[role][-1]  # missing: load() says so


def _label(path: Path) -> str:
    if path.parent == fonts_dir() and path.name in BUNDLED_NAMES:
        return BUNDLED_NAMES[path.name]
    return SYSTEM_NAMES.get(path.name.lower(), path.stem)


def label(path: Path | str) -> str:
    """How a font file is named to the user: 仿宋, 思源宋体（内置）, else its file name."""
    return _label(Path(path))


def official_fonts() -> list[Path]:
    """The official fonts installed on this system, each once, the title's first (for a settings dialog)."""
    files = system_font_files()
    found: list[Path] = []
    for role in ROLES:
        found += [files[n] for n in SYSTEM[role] if n in files and files[n] not in found]
    return found


def bundled_fonts() -> list[Path]:
    found: list[Path] = []
    for role in ROLES:
        found += [fonts_dir() / n for n in BUNDLED[role] if fonts_dir() / n not in found]
    return found


SAMPLE = report_title.NAME  # a font for this report must have at least these


def check_choice(path: Path | str) -> LoadedFont:
    """A font file the user picked, loaded; FontError (Chinese) if ReportLab cannot embed it or it has no
    Chinese characters."""
    font = load(Path(path))
    lacking = [ch for ch in SAMPLE if not font.has(ch)]
    if lacking:
        raise FontError(f"字体文件 {path} 中没有常用汉字（如「{lacking[0]}」），不能用于年度报告")
    return font


_LOADED: dict[Path, LoadedFont] = {}
_NUMBERS = itertools.count(1)


def load(path: Path) -> LoadedFont:
    """Load and register a TrueType font once per process, and again if its file changed since (a cheap look
    at its size and time: the character map comes from the font cache, see export/ttf_face.py)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from .ttf_face import Font, GlyphMap

    path = Path(path)
    try:
        stat = os.stat(path)
    except OSError:
        _LOADED.pop(path, None)
        raise FontError(f"找不到字体文件 {path}") from None
    known = _LOADED.get(path)
    if known is not None and known.stamp == (stat.st_size, stat.st_mtime_ns):
        return known
    if known is not None:  # the file changed since: its old font goes, the new one takes its name
        name = known.name
        old = pdfmetrics.getFont(name)
        if getattr(getattr(old.face, "_data", None), "path", None) == path:
            old.unregister()
        from .pdf_table import forget_layouts
        from .pdf_text import forget_widths

        forget_widths(name)
        forget_layouts()
    else:
        name = f"F{next(_NUMBERS)}-{path.stem}"
    try:
        font = Font(name, path)
    except (TTFError, OSError, ValueError, KeyError, IndexError, TypeError, struct.error) as e:
        _LOADED.pop(path, None)
        raise FontError(f"字体文件 {path} 无法使用（{_why(e)}）") from None
    pdfmetrics.registerFont(font)
    # ReportLab draws every file of one PostScript name with the first font of that name it was given (two
    # fonts of one name cannot share a PDF): what this role can draw is what that font has.
    drawn = pdfmetrics.getFont(name)
    chars = drawn.face.charToGlyph
    if isinstance(chars, GlyphMap):
        chars = chars.widths  # the same characters, asked at a dict's speed
    loaded = LoadedFont(name, path, _label(path), chars, path.parent == fonts_dir(),
                        (font.face._data.size, font.face._data.mtime_ns))
    _LOADED[path] = loaded
    return loaded


def _why(e: Exception) -> str:
    text = str(e)
    if "postscript outlines" in text.lower():
        return "这是 OpenType/CFF 字体，只能使用 TrueType 字体"
    if "embedding" in text.lower() or "subsetting" in text.lower():
        return "字体的授权不允许嵌入 PDF"
    if "ttf file" in text.lower() or "truetype font" in text.lower():
        return "不是 TrueType 字体文件，或文件已损坏"
    return text or type(e).__name__


class FontSet:
    """The font of each role, and the fallbacks tried, in order, for a character a role's font lacks.

    A role's font is loaded when the writer first asks for it (`roles[role]`), a fallback when a character
    needs it: a report without 楷体 headings never loads the 楷体 font, and the bundled fonts behind the
    official ones are loaded only for a character those lack. A chosen font that cannot be used is replaced by
    the bundled one of its role and the reason kept in `problems` (of the roles loaded so far). FontError only
    when the bundled font itself is missing or broken (a damaged installation)."""

    def __init__(self, wanted: dict[str, Path]):
        self._wanted = wanted
        self._roles: dict[str, LoadedFont] = {}
        self._problems: list[str] = []
        self.roles: Mapping[str, LoadedFont] = _Roles(self)

    def role(self, role: str) -> LoadedFont:
        font = self._roles.get(role)
        if font is None:
            try:
                font = load(self._wanted[role])
            except FontError as e:
                self._problems.append(f"{ROLE_NAMES[role]}：{e}，已改用内置字体")
                font = _load_bundled(role)
            self._roles[role] = font
        return font

    @property
    def problems(self) -> tuple[str, ...]:
        """Chinese sentences: a chosen font that could not be used (among the roles loaded so far)."""
        return tuple(self._problems)

    @property
    def fallbacks(self) -> Iterator[LoadedFont]:
        """The bundled fonts (body's first), then the roles' own; each loaded as the iteration reaches it."""
        seen: list[LoadedFont] = []
        for role in ("body", "title", "heading", "kai"):
            try:
                font = load(_bundled_path(role))
            except FontError:
                continue
            if font not in seen:
                seen.append(font)
                yield font
        for role in ROLES:
            font = self.role(role)
            if font not in seen:
                seen.append(font)
                yield font

    def font_for(self, role: str, ch: str) -> LoadedFont | None:
        main = self.role(role)
        if main.has(ch):
            return main
        return next((f for f in self.fallbacks if f is not main and f.has(ch)), None)


class _Roles(Mapping):
    """`FontSet.roles`: a role's font, loaded when first looked up."""

    def __init__(self, fonts: FontSet):
        self._fonts = fonts

    def __getitem__(self, role: str) -> LoadedFont:
        if role not in ROLES:
            raise KeyError(role)
        return self._fonts.role(role)

    def __iter__(self):
        return iter(ROLES)

    def __len__(self) -> int:
        return len(ROLES)


def _load_bundled(role: str) -> LoadedFont:
    try:
        return load(_bundled_path(role))
    except FontError as e:
        raise FontError(f"程序自带的字体已损坏或缺失，请重新安装本程序：{e}") from None


def font_set(choice: dict[str, Path | str] | None = None, use_system: bool = True) -> FontSet:
    """The fonts chosen for each role (missing roles: the default choice), to be loaded as they are used."""
    wanted = default_choice(use_system)
    wanted.update({r: Path(p) for r, p in (choice or {}).items() if r in ROLES and p})
    return FontSet(wanted)
