"""Parsed fonts kept in the cache folder: the same font as ReportLab's own parse, whatever state the cache is in,
and fonts loaded only for the roles a document draws."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from array import array
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTFontFace

from export import font_cache, pdf, pdf_fonts
from export.pdf_fonts import FontError, font_set
from export.resources import fonts_dir
from export.ttf_face import CACHE_KIND, Face, GlyphMap
from report.model import Report

from . import pdftools as T

BUNDLED = sorted(p.name for p in fonts_dir().glob("*.ttf"))
SAMPLE = "政府信息公开工作年度报告，。“（一）”镕堃 ABC 123"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(font_cache.CACHE_DIR_ENV, str(folder))
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted((cache / CACHE_KIND).glob("*.bin")) if (cache / CACHE_KIND).is_dir() else []


def assert_same_face(ours: Face, theirs: TTFontFace) -> None:
    """Everything of a face that ReportLab reads when measuring, embedding and subsetting."""
    assert ours.charToGlyph == theirs.charToGlyph
    assert ours.charWidths == theirs.charWidths
    assert all(type(ours.charWidths[c]) is type(w) for c, w in theirs.charWidths.items())
    assert ours.defaultWidth == theirs.defaultWidth
    assert list(ours.glyphPos) == theirs.glyphPos
    assert len(ours.hmetrics) == len(theirs.hmetrics)
    assert all((int(a), int(b)) == (int(c), int(d)) for (a, b), (c, d) in zip(ours.hmetrics, theirs.hmetrics, strict=True))
    for attr in ("name", "familyName", "styleName", "fullName", "flags", "ascent", "descent", "capHeight", "bbox",
                 "italicAngle", "stemV", "unitsPerEm", "numGlyphs", "subfontNameX", "_full_font"):
        assert getattr(ours, attr) == getattr(theirs, attr), attr
    codes = [ord(c) for c in SAMPLE if ord(c) in theirs.charToGlyph]
    assert codes and ours.makeSubset(codes) == theirs.makeSubset(codes)


@pytest.mark.parametrize("name", BUNDLED)
def test_a_font_parsed_then_taken_from_the_cache_is_reportlabs_own(name, cache, monkeypatch):
    path = fonts_dir() / name
    theirs = TTFontFace(str(path))
    parsed = Face(path)
    assert len(entries(cache)) == 1
    assert_same_face(parsed, theirs)
    monkeypatch.setattr(Face, "_parse_and_store", lambda self: pytest.fail("parsed again"))
    assert_same_face(Face(path), theirs)


def test_the_glyph_map_is_kept_compact_and_answers_as_the_dict_did(cache):
    path = fonts_dir() / "NotoSerifSC-Regular.ttf"
    theirs = TTFontFace(str(path)).charToGlyph
    for face in (Face(path), Face(path)):  # parsed, then from the cache
        ours = face.charToGlyph
        assert isinstance(ours, GlyphMap) and ours.widths is face.charWidths
        assert len(ours) == len(theirs) and dict(ours.items()) == theirs
        for code in (0x20, 0xA0, ord("政"), 0x10FFFF, -1, "政", None):
            assert (code in ours) == (code in theirs)
            assert ours.get(code) == theirs.get(code)
    with pytest.raises(KeyError):
        ours[0x10FFFF]
    unsorted = GlyphMap(array("I", [30, 10, 20]), array("I", [3, 1, 2]), {10: 1.0, 20: 1.0, 30: 1.0})
    assert list(unsorted) == [10, 20, 30] and [unsorted[c] for c in (10, 20, 30)] == [1, 2, 3]


def test_units_per_em_other_than_1000_and_compressed_metrics(cache, tmp_path):
    # The heading font lists full metrics for few glyphs (the rest share the last advance); with 2048 units per
    # em, ReportLab scales those shared advances: the cached face must do exactly the same.
    data = bytearray((fonts_dir() / "NotoSansSC-Regular.ttf").read_bytes())
    face = TTFontFace(str(fonts_dir() / "NotoSansSC-Regular.ttf"))
    head = face.get_table_pos("head")[0]
    data[head + 18:head + 20] = (2048).to_bytes(2, "big")
    path = tmp_path / "upm2048.ttf"
    path.write_bytes(bytes(data))
    theirs = TTFontFace(str(path))
    assert theirs.unitsPerEm == 2048
    assert_same_face(Face(path), theirs)
    assert_same_face(Face(path), theirs)  # from the cache


def corrupt_entries(cache: Path, how: str) -> None:
    for entry in entries(cache):
        data = entry.read_bytes()
        if how == "truncated":
            entry.write_bytes(data[: len(data) // 2])
        elif how == "flipped":
            entry.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
        elif how == "empty":
            entry.write_bytes(b"")
        elif how == "garbage":
            entry.write_bytes(os.urandom(len(data)))
        elif how == "folder":
            entry.unlink()
            entry.mkdir()
        else:  # sound digest, hostile content: glyphs past the font's count, a huge array claimed
            body = data[:-32]
            at = len(font_cache.MAGIC)
            size = int.from_bytes(body[at:at + 4], "little")
            head = json.loads(body[at + 4:at + 4 + size])
            if how == "hostile-glyphs":
                arrays = {"codes": __import__("array").array("I", [0x4E00, 0x4E01]),
                          "glyphs": __import__("array").array("I", [5, 10 ** 8])}
                font_cache.store(CACHE_KIND, head["key"], arrays)
                continue
            head["arrays"][0][2] = 10 ** 9
            new_head = json.dumps(head).encode()
            body = font_cache.MAGIC + len(new_head).to_bytes(4, "little") + new_head + body[at + 4 + size:]
            entry.write_bytes(body + hashlib.sha256(body).digest())


@pytest.mark.parametrize("how", ["truncated", "flipped", "empty", "garbage", "folder", "hostile-glyphs",
                                 "hostile-count"])
def test_a_damaged_or_hostile_entry_is_ignored_and_rebuilt(cache, how):
    path = fonts_dir() / "NotoSansSC-Regular.ttf"
    theirs = TTFontFace(str(path))
    Face(path)
    corrupt_entries(cache, how)
    assert_same_face(Face(path), theirs)
    if how != "folder":  # a folder in the entry's place cannot be replaced by a file: no cache, no harm
        assert font_cache.load(CACHE_KIND, font_cache.file_key(path, **_key_extra())) is not None


def _key_extra() -> dict:
    from reportlab import Version

    from export import ttf_face

    return {"layout": ttf_face._LAYOUT, "reportlab": Version}


def test_an_entry_of_the_file_before_it_changed_is_not_used(cache, tmp_path):
    path = tmp_path / "font.ttf"
    shutil.copy(fonts_dir() / "NotoSansSC-Regular.ttf", path)
    Face(path)
    shutil.copy(fonts_dir() / "LXGWWenKai-Regular.ttf", path)  # another font under the same name
    os.utime(path, ns=(1, 1))
    assert_same_face(Face(path), TTFontFace(str(path)))


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(font_cache.CACHE_DIR_ENV, str(blocker / "cache"))
    path = fonts_dir() / "NotoSansSC-Regular.ttf"
    assert_same_face(Face(path), TTFontFace(str(path)))


def test_the_cache_folder_is_the_users(monkeypatch):
    monkeypatch.delenv(font_cache.CACHE_DIR_ENV)
    folder = font_cache.cache_dir()
    assert folder.name == font_cache.APP_DIR_NAME or font_cache.APP_DIR_NAME in folder.parts
    if os.name == "posix":
        monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
        assert font_cache.cache_dir() == Path("/somewhere/cache") / font_cache.APP_DIR_NAME


def test_fonts_are_loaded_for_the_roles_drawn(tmp_path):
    kai = tmp_path / "kai.ttf"
    shutil.copy(fonts_dir() / "LXGWWenKai-Regular.ttf", kai)
    fonts = font_set({"kai": kai}, use_system=False)
    plain = Report(agency="某某市某某区人民政府办公室", year=2023, format_id="2021",
                   texts={"s1": "本机关全年主动公开政府信息。", "s5": "无。", "s6": "无"})
    pdf.render(plain, fonts)
    assert Path(kai) not in pdf_fonts._LOADED  # no （一） heading: the 楷体 font is never read
    with_kai = Report(agency=plain.agency, year=2023, format_id="2021",
                      texts={"s1": "（一）主动公开情况。本机关全年主动公开政府信息。", "s5": "无。", "s6": "无"})
    pdf.render(with_kai, fonts)
    assert pdf_fonts._LOADED[Path(kai)] is fonts.roles["kai"]


def test_a_broken_chosen_font_is_reported_when_its_role_is_drawn(tmp_path, seed):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 100)
    fonts = font_set({"heading": broken}, use_system=False)
    _, found = pdf.render(seed, fonts)
    assert [f.rule for f in found][:1] == ["font.unusable"] and "一级标题字体" in found[0].message


def renamed_font(source: str, old: str, new: str) -> bytes:
    """A bundled font under another PostScript name (ReportLab draws all files of one name with one font)."""
    data = (fonts_dir() / source).read_bytes()
    assert len(old) == len(new)
    for encoding in ("ascii", "utf-16-be"):
        data = data.replace(old.encode(encoding), new.encode(encoding))
    return data


def test_a_font_file_changed_during_the_session_is_read_again(tmp_path, seed):
    body = tmp_path / "body.ttf"
    body.write_bytes(renamed_font("NotoSerifSC-Regular.ttf", "NotoSerifSCSubset", "TestSerifSCSubset"))
    fonts = font_set({"body": body}, use_system=False)
    first = fonts.roles["body"]
    # Replaced in place after it was loaded, before the document embeds its glyphs: said, nothing garbled.
    body.write_bytes(renamed_font("NotoSerifSC-Bold.ttf", "NotoSerifSCSubset", "TestBoldXSCSubset"))
    os.utime(body, ns=(2, 2))
    with pytest.raises(FontError, match="字体文件在导出过程中被更改"):
        pdf.render(seed, fonts)
    path = tmp_path / "again.pdf"
    pdf.write(seed, path, font_set({"body": body}, use_system=False))
    assert pdf_fonts._LOADED[body] is not first
    names = " ".join(row["name"] for row in T.fonts(path))
    assert "TestBoldXSCSubset" in names and "TestSerifSCSubset" not in names


def test_the_pdf_is_the_same_with_and_without_the_cache(cache, seed, monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)
    monkeypatch.setattr(pdf_fonts, "_LOADED", {})
    first, _ = pdf.render(seed, font_set(use_system=False))  # parsed: the cache is empty
    assert len(entries(cache)) == 4
    monkeypatch.setattr(pdf_fonts, "_LOADED", {})
    second, _ = pdf.render(seed, font_set(use_system=False))  # from the cache
    assert first == second


@pytest.mark.parametrize("kind", ["pdf", "chart", "review_sheet"])
def test_every_writer_drawing_with_these_fonts_reports_a_broken_chosen_font(kind, tmp_path, seed):
    from export import chart, review_sheet

    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 100)
    fonts = font_set({"body": broken}, use_system=False)
    render = {"pdf": lambda: pdf.render(seed, fonts), "chart": lambda: chart.render(seed, ".pdf", fonts=fonts),
              "review_sheet": lambda: review_sheet.render(seed, fonts=fonts)}[kind]
    data, found = render()
    assert data.startswith(b"%PDF")
    assert found[0].rule == "font.unusable" and "正文字体" in found[0].message and str(broken) in found[0].message


def test_reportlab_draws_with_its_c_accelerator():
    # rl_accel (pyproject.toml) takes a quarter off every PDF; without it ReportLab silently falls back to Python.
    from reportlab.lib import rl_accel

    assert {"fp_str", "instanceStringWidthTTF"} <= set(rl_accel._c_funcs)
