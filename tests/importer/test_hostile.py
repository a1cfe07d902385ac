"""Hostile text shapes found by fuzzing: each imports cleanly or is refused in Chinese, and the refusal of a text
past the limit comes before any matching. Seconds are printed by bench/import_hostile.py, not asserted here."""

from __future__ import annotations

import pytest

from importer import UnusableInput, import_bytes, import_text
from report import limits
from tests.importer import hostile

CHINESE = "的"  # every refusal says something in Chinese; this character is in all of them


def _outcome(data: bytes):
    try:
        return import_bytes(data, ".txt"), None
    except UnusableInput as e:
        return None, str(e)


@pytest.mark.parametrize("name", sorted(hostile.SHAPES))
def test_each_shape_imports_or_is_refused_in_chinese(name):
    result, refusal = _outcome(hostile.SHAPES[name](0.05).encode("utf-8"))
    if refusal is not None:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in refusal), refusal
        return
    assert result.report is not None or result.errors or result.missing, name
    for note in result.notes:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in note.message), note.message


def test_copies_of_a_real_report_still_give_the_report():
    result, refusal = _outcome(hostile.copied_rows(0.05).encode("utf-8"))
    assert refusal is None
    assert result.report is not None
    assert result.report.agency == "西工区退役军人事务局" and result.report.year == 2020


def test_junk_text_is_no_report():
    result, refusal = _outcome(hostile.junk_lines(0.05).encode("utf-8"))
    assert refusal is not None or result.report is None


def test_a_text_past_the_limit_is_refused_whatever_its_shape():
    line = "规章\t0\t0\t0\n"
    text = line * (limits.IMPORT_TEXT_CHARS // len(line) + 2)
    with pytest.raises(UnusableInput, match="万字"):
        import_text(text)
    with pytest.raises(UnusableInput, match="万字"):
        import_bytes(text.encode("utf-8"), ".txt")
    one_line = "\t".join(["0"] * (limits.IMPORT_TEXT_CHARS // 2 + 2))
    with pytest.raises(UnusableInput, match="万字"):
        import_bytes(one_line.encode("utf-8"), ".txt")


def test_a_text_just_under_the_limit_is_not_refused_for_its_length():
    text = "本机关认真落实条例。\n" * (limits.IMPORT_TEXT_CHARS // 40)
    result, refusal = _outcome(text.encode("utf-8"))
    assert refusal is None or "万字" not in refusal
