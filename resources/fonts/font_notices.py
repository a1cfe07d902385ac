"""The notices written beside the bundled fonts by build_fonts.py: an OFL file per source family (the fonts' own
copyright notices, Debian's copyright record and the licence text from it) and README.md (what each file is,
where it came from, its checksum)."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fontTools import version as fonttools_version
from fontTools.ttLib import TTFont

NOTO_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
LXGW_COPYRIGHT = Path("/usr/share/doc/fonts-lxgw-wenkai/copyright")

WIN = (3, 1, 0x409)  # platformID, platEncID, langID (Windows, Unicode BMP, en-US)

LICENCES = {
    "OFL-NotoCJK.txt": dict(
        package="fonts-noto-cjk",
        copyright_file=NOTO_COPYRIGHT,
        licence_name="SIL-1.1",
        title="Noto Serif CJK / Noto Sans CJK (Simplified Chinese faces)",
        rfn_note=(
            "Reserved Font Names: none are declared in the fonts' name tables or in\n"
            "Debian's copyright file. (Some upstream distributions of Noto CJK carry\n"
            "Adobe's notice \"with Reserved Font Name 'Source'\"; the fonts here do\n"
            "not use the name \"Source\" in any form.)"
        ),
    ),
    "OFL-LXGWWenKai.txt": dict(
        package="fonts-lxgw-wenkai",
        copyright_file=LXGW_COPYRIGHT,
        licence_name="OFL-1.1",
        title="LXGW WenKai (霞鹜文楷)",
        rfn_note=(
            "Reserved Font Names (as recorded in Debian's copyright file for\n"
            "fonts-lxgw-wenkai): \"霞鹜\" and \"LXGW\". Because the bundled font is a\n"
            "Modified Version, its font names do not use them: it is named\n"
            "\"WenKai (subset)\" / WenKaiSubset-Regular."
        ),
    ),
}


def english_name(font: TTFont, name_id: int) -> str | None:
    rec = font["name"].getName(name_id, *WIN) or font["name"].getName(name_id, 1, 0, 0)
    return rec.toUnicode() if rec is not None else None


def debian_licence_text(copyright_file: Path, licence_name: str) -> str:
    """The stand-alone ``License: <name>`` paragraph of a DEP-5 copyright file."""
    paragraphs = copyright_file.read_text(encoding="utf-8").split("\n\n")
    for para in paragraphs:
        lines = para.strip("\n").split("\n")
        if lines[0].strip() == f"License: {licence_name}" and len(lines) > 1:
            body = []
            for line in lines[1:]:
                line = line[1:] if line.startswith(" ") else line
                body.append("" if line.strip() == "." else line.rstrip())
            while body and not body[-1]:
                body.pop()
            return "\n".join(body) + "\n"
    raise SystemExit(f"{copyright_file}: no 'License: {licence_name}' paragraph")


def debian_copyright_lines(copyright_file: Path) -> list[str]:
    """Copyright holders of the ``Files: *`` paragraph (not debian/*)."""
    for para in copyright_file.read_text(encoding="utf-8").split("\n\n"):
        lines = para.strip("\n").split("\n")
        if lines and lines[0].strip() == "Files: *":
            out, in_field = [], False
            for line in lines[1:]:
                if line.startswith("Copyright:"):
                    in_field = True
                    value = line[len("Copyright:"):].strip()
                    if value:
                        out.append(value)
                elif in_field and line.startswith(" "):
                    out.append(line.strip())
                else:
                    in_field = False
            return out
    return []


def package_version(package: str) -> str:
    try:
        res = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            capture_output=True, text=True, check=True,
        )
        return res.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_licences(outdir: Path, all_specs, face_index: Callable[[Any], int]) -> None:
    """The OFL file of each source family: the fonts' own notices, Debian's record, the licence text."""
    for filename, info in LICENCES.items():
        specs = [s for s in all_specs if s.licence == filename]
        notices: list[str] = []
        faces = [
            TTFont(str(spec.source), fontNumber=face_index(spec), lazy=True)
            for spec in specs
        ]
        for nid in (0, 7):  # copyright notices first, then trademarks
            for face in faces:
                text = english_name(face, nid) or ""
                for line in text.replace("\r\n", "\n").split("\n"):
                    if line.strip() and line.strip() not in notices:
                        notices.append(line.strip())
        for face in faces:
            face.close()
        debian = debian_copyright_lines(info["copyright_file"])
        text = [
            f"Fonts: {', '.join(s.output for s in specs)}",
            f"Modified Versions (GBK or GB2312 subsets, TrueType outlines, renamed) of {info['title']},",
            f"built by build_fonts.py from Debian package {info['package']} "
            f"{package_version(info['package'])}.",
            "",
            "Copyright notices from the original fonts:",
            *notices,
        ]
        if debian:
            text += ["", f"Copyright as recorded in {info['copyright_file']}:"]
            text += [f"Copyright {line}" for line in debian]
        text += [
            "",
            info["rfn_note"],
            "",
            "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
            f"The licence text below is taken from {info['copyright_file']}.",
            "It is also available with a FAQ at: https://openfontlicense.org",
            "",
            "",
        ]
        body = debian_licence_text(info["copyright_file"], info["licence_name"])
        (outdir / filename).write_text("\n".join(text) + body, encoding="utf-8")


def write_readme(outdir: Path, specs) -> None:
    """README.md: each built file with its source, package version, character set, size and checksum."""
    rows = []
    for spec in specs:
        path = outdir / spec.output
        if not path.exists():
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        rows.append(
            f"| `{spec.output}` | {spec.family} {spec.style} (`{spec.ps_name}`) | "
            f"`{spec.source.name}`, face “{spec.src_family} {spec.src_style}” | "
            f"{spec.package} {package_version(spec.package)} | {spec.charset.upper()} | `{spec.licence}` | "
            f"{len(data) / 1e6:.1f} MB | `{digest[:16]}…` |"
        )
    readme = f"""# Bundled fonts

Generated by `build_fonts.py` (fontTools {fonttools_version}) -- do not edit by hand.

TrueType (`glyf`) subsets of Debian's CJK fonts, made so that ReportLab can
register and embed them in exported PDFs. Each font contains every character
encodable in its character set (GBK for the body font, which also draws the tables;
GB2312 for the title, heading and kai fonts, which draw only headings: the PDF writer
draws a rarer character of a heading in the body font) plus ASCII, Latin-1,
full-width forms, CJK/general punctuation and ①–⑳; hinting, OpenType layout and vertical-metrics tables are removed, and
Noto's CFF outlines are converted to quadratic TrueType outlines.

| file | font name (PostScript name) | source | Debian package | characters | licence | size | sha256 |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

All fonts are licensed under the SIL Open Font License 1.1 (see the `OFL-*.txt`
files). They are Modified Versions, so their family names say "(subset)". LXGW
WenKai declares "霞鹜" and "LXGW" as Reserved Font Names, so its subset is named
"WenKai (subset)" inside the font; only the file name still mentions the source.

Rebuild (needs `fonts-noto-cjk`, `fonts-lxgw-wenkai` and `pip install fonttools`):

    python resources/fonts/build_fonts.py

The build is deterministic: the same Debian packages and fontTools version give
byte-identical files (compare the sha256 column above).
"""
    (outdir / "README.md").write_text(readme, encoding="utf-8")
