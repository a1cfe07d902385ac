#!/usr/bin/env python3
"""Rebuild the Chinese fonts bundled in ``resources/fonts/``.

ReportLab (5.x) can only embed TrueType fonts with ``glyf`` outlines, while the
Noto CJK fonts shipped by Debian are OpenType/CFF collections (.ttc).  This
script turns the Debian system fonts into small, self-contained TrueType files
that ReportLab can register and embed (as a subset) in generated PDFs:

=========================  =============================================  ==================
output file                source (Debian package)                        role
=========================  =============================================  ==================
NotoSerifSC-Regular.ttf    NotoSerifCJK-Regular.ttc, SC face (noto-cjk)   宋体 / serif body
NotoSerifSC-Bold.ttf       NotoSerifCJK-Bold.ttc, SC face (noto-cjk)      bold serif title
NotoSansSC-Regular.ttf     NotoSansCJK-Regular.ttc, SC face (noto-cjk)    黑体 / sans
LXGWWenKai-Regular.ttf     LXGWWenKai-Regular.ttf (fonts-lxgw-wenkai)     楷体 / kai
=========================  =============================================  ==================

For every font it

* picks the face out of the .ttc by reading each face's ``name`` table (the
  face index is never hard-coded),
* subsets it to every character encodable in GBK (the body font) or GB2312
  (the fonts drawn only for headings) plus ASCII, Latin-1,
  full-width forms, CJK/general punctuation, circled numbers ①–⑳ and a few
  extras (see :func:`build_charset`),
* drops hinting, OpenType layout tables (GSUB/GPOS/GDEF/BASE) and vertical
  metrics (vhea/vmtx/VORG) -- ReportLab uses none of them,
* converts CFF (cubic) outlines to TrueType (quadratic) ``glyf`` outlines,
* renames the family so that it is clearly marked as a modified subset (the
  SIL OFL forbids Reserved Font Names on modified versions; LXGW WenKai's
  Debian copyright file declares "霞鹜" and "LXGW" as Reserved Font Names, so
  its family becomes "WenKai (subset)"),
* keeps the source's head.created/head.modified timestamps, so that the same
  input always gives byte-identical output.

It then writes ``OFL-NotoCJK.txt`` and ``OFL-LXGWWenKai.txt`` (copyright
notices from the fonts plus the OFL 1.1 text from the Debian copyright files)
and ``README.md`` (file list, source package versions, checksums): see
``font_notices.py``.

Requirements: Python 3.9+, fontTools (nothing else), and the Debian packages
``fonts-noto-cjk`` and ``fonts-lxgw-wenkai``::

    apt-get install fonts-noto-cjk fonts-lxgw-wenkai
    pip install fonttools

Usage (from the repository root)::

    python resources/fonts/build_fonts.py                  # build everything
    python resources/fonts/build_fonts.py --jobs 1         # one font at a time
    python resources/fonts/build_fonts.py --only NotoSansSC-Regular.ttf
    python resources/fonts/build_fonts.py --outdir /tmp/x  # e.g. to diff a rebuild

Building all four fonts takes about 50 s on two cores (90 s with --jobs 1);
each worker needs about 350 MB of RAM.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# The sibling module: this file runs as a script, its folder first on the import path.
from font_notices import WIN, english_name, write_licences, write_readme
from fontTools import subset as ft_subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

HERE = Path(__file__).resolve().parent

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
LXGW_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")

# Maximum deviation (font units, 1000 per em) allowed when approximating the
# cubic CFF curves with quadratic TrueType splines.  1.0 is what fontmake uses.
DEFAULT_MAX_ERR = 1.0

# Name-table records copied unchanged from the source (Windows, English):
# copyright, trademark, manufacturer, designer, description, URLs, licence.
KEPT_NAME_IDS = (0, 7, 8, 9, 10, 11, 12, 13, 14)

@dataclass(frozen=True)
class FontSpec:
    output: str  # file name written into the output directory
    package: str  # Debian package providing the source
    source: Path  # .ttc / .ttf file
    src_family: str  # nameID 1 of the wanted face
    src_style: str  # nameID 2 of the wanted face
    family: str  # new nameID 1
    style: str  # new nameID 2
    ps_name: str  # new nameID 6 (PostScript name; also the PDF BaseFont)
    licence: str  # licence file written next to it
    charset: str  # "gbk" or "gb2312": the Chinese characters kept (see build_charset)


SPECS = (
    FontSpec(
        "NotoSerifSC-Regular.ttf", "fonts-noto-cjk",
        NOTO_DIR / "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "Regular",
        "Noto Serif SC (subset)", "Regular", "NotoSerifSCSubset-Regular",
        "OFL-NotoCJK.txt", "gbk",
    ),
    FontSpec(
        "NotoSerifSC-Bold.ttf", "fonts-noto-cjk",
        NOTO_DIR / "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "Bold",
        "Noto Serif SC (subset)", "Bold", "NotoSerifSCSubset-Bold",
        "OFL-NotoCJK.txt", "gb2312",
    ),
    FontSpec(
        "NotoSansSC-Regular.ttf", "fonts-noto-cjk",
        NOTO_DIR / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Regular",
        "Noto Sans SC (subset)", "Regular", "NotoSansSCSubset-Regular",
        "OFL-NotoCJK.txt", "gb2312",
    ),
    # "霞鹜" and "LXGW" are Reserved Font Names (Debian copyright file), so the
    # modified font must not present itself as "LXGW WenKai" / "霞鹜文楷".
    FontSpec(
        "LXGWWenKai-Regular.ttf", "fonts-lxgw-wenkai",
        LXGW_DIR / "LXGWWenKai-Regular.ttf", "LXGW WenKai", "Regular",
        "WenKai (subset)", "Regular", "WenKaiSubset-Regular",
        "OFL-LXGWWenKai.txt", "gb2312",
    ),
)

# --------------------------------------------------------------------------
# character set
# --------------------------------------------------------------------------

def build_charset(charset: str) -> set[int]:
    """Code points to keep: those of `charset` (gbk or gb2312) plus punctuation and a few extras.

    Only the body font (also the tables' font) has all of GBK, for names of people and places. The title,
    heading and kai fonts draw only headings: they keep GB2312, a third of the size, and the PDF writer
    draws a rarer character of a heading in the body font (and says so)."""
    cps: set[int] = set(range(0x20, 0x7F))  # ASCII
    cps.update(range(0xA0, 0x100))  # Latin-1 supplement (¥ © ® ° ± × ÷ …), cheap
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode(charset)
        except UnicodeEncodeError:
            continue
        cps.add(cp)
    cps.update(range(0xFF01, 0xFF5F))  # full-width forms ！…～
    cps.update(range(0x3000, 0x3040))  # CJK symbols and punctuation
    cps.update(range(0x2010, 0x2028))  # general punctuation (dashes, quotes, …)
    cps.update(range(0x2030, 0x205F))  # general punctuation (‰, ′, ※, …)
    cps.update(range(0x2460, 0x2474))  # ①–⑳
    cps.update(ord(c) for c in "“”‘’、。《》【】…—·\u00a0")
    cps.update(ord(c) for c in "〇一二三四五六七八九十百千万亿零壹贰叁肆伍陆柒捌玖拾佰仟")
    return cps


# --------------------------------------------------------------------------
# font processing
# --------------------------------------------------------------------------

def find_face_index(spec: FontSpec) -> int:
    """Index of the face whose family/style names match ``spec`` (0 for .ttf)."""
    if spec.source.suffix.lower() not in (".ttc", ".otc"):
        return 0
    faces = TTCollection(str(spec.source), lazy=True).fonts
    found = [
        i for i, face in enumerate(faces)
        if (english_name(face, 1), english_name(face, 2)) == (spec.src_family, spec.src_style)
    ]
    if len(found) != 1:
        raise SystemExit(
            f"{spec.source}: expected exactly one face named "
            f"{spec.src_family!r}/{spec.src_style!r}, found {found}"
        )
    return found[0]


def subset_font(font: TTFont, unicodes: set[int]) -> None:
    opts = ft_subset.Options()
    opts.layout_features = []
    opts.layout_closure = False
    opts.drop_tables += [
        "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH",
        "vhea", "vmtx", "VORG", "gasp", "DSIG", "meta",
    ]
    opts.hinting = False
    opts.desubroutinize = True
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.name_IDs = ["*"]  # rebuilt by rename_font()
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.recalc_timestamp = False
    opts.prune_unicode_ranges = True
    opts.prune_codepages = True
    subsetter = ft_subset.Subsetter(options=opts)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)


def cff_to_glyf(font: TTFont, max_err: float) -> None:
    """Replace the CFF table by TrueType glyf/loca (quadratic outlines)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(None)
        # CFF outer contours run counter-clockwise, TrueType ones clockwise.
        pen = Cu2QuPen(tt_pen, max_err, reverse_direction=True)
        glyph_set[name].draw(pen)
        glyphs[name] = tt_pen.glyph(dropImpliedOnCurves=True)

    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")  # filled in when glyf is compiled
    font.sfntVersion = "\x00\x01\x00\x00"  # TrueType, not "OTTO"
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]

    # TrueType convention: left side bearing == xMin of the glyph box.
    hmtx = font["hmtx"]
    for name in glyph_order:
        glyph = glyphs[name]
        glyph.recalcBounds(glyf)
        advance = hmtx[name][0]
        hmtx[name] = (advance, glyph.xMin if glyph.numberOfContours else 0)

    head = font["head"]
    head.glyphDataFormat = 0
    head.indexToLocFormat = 1  # re-evaluated (short if possible) by loca.compile

    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 2
    for attr in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)
    maxp.recalc(font)  # maxPoints, maxContours, maxComposite*

    post = font["post"]
    post.formatType = 3.0
    for attr in ("extraNames", "mapping", "glyphOrder"):
        if hasattr(post, attr):
            delattr(post, attr)


def rename_font(font: TTFont, spec: FontSpec) -> None:
    """Rebuild the name table: new family names, original notices kept."""
    version = english_name(font, 5) or "Version 1.000"
    version = version.split(";")[0].strip()
    records = {nid: english_name(font, nid) for nid in KEPT_NAME_IDS}

    name = newTable("name")
    name.names = []
    for nid, text in records.items():
        if text:
            name.setName(text, nid, *WIN)
    full = spec.family if spec.style == "Regular" else f"{spec.family} {spec.style}"
    number = version.replace("Version", "").strip()
    name.setName(spec.family, 1, *WIN)
    name.setName(spec.style, 2, *WIN)
    name.setName(f"{number};{spec.ps_name};{spec.charset.upper()} subset", 3, *WIN)
    name.setName(full, 4, *WIN)
    name.setName(f"{version}; {spec.charset.upper()} subset, TrueType outlines (build_fonts.py)", 5, *WIN)
    name.setName(spec.ps_name, 6, *WIN)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))
    font["name"] = name


def build_one(job: tuple[FontSpec, str, float]) -> dict:
    spec, outdir, max_err = job
    t0 = time.monotonic()
    index = find_face_index(spec)
    font = TTFont(str(spec.source), fontNumber=index, recalcTimestamp=False, lazy=False)
    created, modified = font["head"].created, font["head"].modified
    is_cff = "CFF " in font
    src_cmap = set(font.getBestCmap())
    wanted = build_charset(spec.charset)

    subset_font(font, wanted)
    if is_cff:
        cff_to_glyf(font, max_err)
    rename_font(font, spec)

    font["head"].created = created
    font["head"].modified = modified
    font.recalcTimestamp = False
    font.recalcBBoxes = True

    out = Path(outdir) / spec.output
    tmp = out.with_suffix(".ttf.tmp")
    font.save(str(tmp), reorderTables=True)
    font.close()
    os.replace(tmp, out)

    # sanity check of the written file
    check = TTFont(str(out), lazy=True)
    assert check.sfntVersion == "\x00\x01\x00\x00", spec.output
    assert "glyf" in check and "CFF " not in check, spec.output
    assert check["head"].glyphDataFormat == 0
    assert check["maxp"].tableVersion == 0x00010000
    covered = set(check.getBestCmap())
    check.close()
    missing = sorted(wanted - src_cmap)
    return dict(
        output=spec.output, index=index, seconds=time.monotonic() - t0,
        size=out.stat().st_size, glyphs=len(covered), converted=is_cff,
        missing=missing, lost=sorted((wanted & src_cmap) - covered),
    )


# --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outdir", type=Path, default=HERE,
                        help="output directory (default: the script's directory)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="fonts built in parallel (default: 2)")
    parser.add_argument("--only", action="append", metavar="FILE",
                        help="build only this output file (repeatable)")
    parser.add_argument("--max-err", type=float, default=DEFAULT_MAX_ERR,
                        help="cubic-to-quadratic tolerance in font units (default 1.0)")
    args = parser.parse_args(argv)

    specs = [s for s in SPECS if not args.only or s.output in args.only]
    if args.only and len(specs) != len(set(args.only)):
        parser.error(f"--only must be one of {[s.output for s in SPECS]}")
    for spec in specs:
        if not spec.source.exists():
            raise SystemExit(f"missing {spec.source} (install Debian package {spec.package})")
    args.outdir.mkdir(parents=True, exist_ok=True)

    t0 = time.monotonic()
    jobs = [(spec, str(args.outdir), args.max_err) for spec in specs]
    if args.jobs > 1 and len(jobs) > 1:
        # maxtasksperchild=1: give the memory of each font back to the OS.
        with multiprocessing.Pool(min(args.jobs, len(jobs)), maxtasksperchild=1) as pool:
            results = pool.map(build_one, jobs, chunksize=1)
    else:
        results = [build_one(job) for job in jobs]
    for r in results:
        print(
            f"{r['output']:<26} face #{r['index']}  {r['glyphs']:>6} chars  "
            f"{r['size'] / 1e6:5.2f} MB  {r['seconds']:5.1f} s"
            + ("  (CFF -> glyf)" if r["converted"] else "")
        )
        if r["missing"]:
            sample = "".join(chr(c) for c in r["missing"][:40])
            print(f"    {len(r['missing'])} wanted code points not in source, e.g. {sample!r}")
        if r["lost"]:
            print(f"    WARNING: {len(r['lost'])} code points lost while subsetting")
    write_licences(args.outdir, SPECS, find_face_index)
    write_readme(args.outdir, SPECS)
    print(f"done in {time.monotonic() - t0:.1f} s -> {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
