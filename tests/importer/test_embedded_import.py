"""Importing our own documents through the data they carry: exact where it agrees with what they show, and
every difference named where the document was changed after it was exported."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export import kinds
from importer import INFO, WARNING, UnusableInput, import_bytes, import_file
from report import exchange
from report.model import text_ids

from ..strategies import valid_reports

SUFFIXES = (".pdf", ".docx", ".html", ".xlsx")
# Every kind's visible content is read and checked against the data; a spreadsheet shows the tables alone.
PROSE_SHOWN = (".pdf", ".docx", ".html")


def _exact(back, original) -> None:
    for tid in text_ids(original.format):
        assert back.text(tid) == original.text(tid), tid
    assert exchange.dumps(back) == exchange.dumps(original)


# Prose as clerks write it, with the white space and bracket forms a writer's layout tidies on the page: every
# section holds some text and every paragraph ends a sentence, as in a real report (a reading of the drawing may
# take a heading after an unfinished line for its continuation; the data is then checked against that reading).
_PIECES = ("本机关", "认真贯彻落实《条例》", "主动公开政府信息 12 条", "，", "；", "  ", "\t", "(一)", "（二）",
           "2024年", "依申请公开", "无", "网站 www.example.gov.cn", "“公开”")
_SENTENCE = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map(lambda p: "本机关" + "".join(p) + "。")
PROSE = st.lists(st.tuples(_SENTENCE, st.sampled_from(("", "\n", "\n\n"))), min_size=1, max_size=5).map(
    lambda parts: "".join(text + gap for text, gap in parts).rstrip("\n"))


@pytest.mark.parametrize("format_id", ["2019", "2021"])
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_reports_come_back_byte_for_byte(tmp_path_factory, format_id, data):
    report = data.draw(valid_reports(format_id, few=True))
    report.agency = data.draw(st.sampled_from(("平潭综合实验区交通与建设局", "某县人民政府办公室")))
    for tid in text_ids(report.format):
        report.texts[tid] = data.draw(PROSE)
    folder = tmp_path_factory.mktemp("out")
    for suffix in SUFFIXES:
        path = folder / f"report{suffix}"
        kinds.write(report, path)
        result = import_file(path)
        assert result.report is not None, [str(n) for n in result.notes]
        _exact(result.report, report)
        assert [n.level for n in result.notes if n.level != INFO] == [], [str(n) for n in result.notes]
        assert any("与文件中显示的内容一致" in n.message for n in result.notes), [str(n) for n in result.notes]


def test_prose_comes_back_exactly(seed, tmp_path):
    seed.texts["s1"] = "  第一段，前后有空格\t和制表符。  \n\n(一)半角括号开头。\n第三段  两个空格。"
    seed.texts["s5"] = "无。"
    for suffix in SUFFIXES:
        path = tmp_path / f"r{suffix}"
        kinds.write(seed, path)
        _exact(import_file(path).report, seed)


@pytest.fixture
def carrying(monkeypatch):
    """Write `shown` as the document shows it but carrying `carried`'s data: a document edited after export."""
    def write(shown, carried, path):
        data = exchange.dumps_embedded(carried)
        monkeypatch.setattr(exchange, "dumps_embedded", lambda *a, **k: data)
        try:
            kinds.write(shown, path)
        finally:
            monkeypatch.undo()
    return write


@pytest.mark.parametrize("suffix", PROSE_SHOWN)
def test_a_document_changed_after_export_is_caught_and_named(seed, tmp_path, carrying, suffix):
    edited = copy.deepcopy(seed)
    cid = "s3.new:natural"
    edited.cells[cid] = seed.value(cid) + 7
    paragraphs = seed.text("s1").split("\n")
    edited.texts["s1"] = "\n".join([paragraphs[0], "这是导出后加上的一段话。", *paragraphs[1:]])
    path = tmp_path / f"r{suffix}"
    carrying(edited, seed, path)
    result = import_file(path)
    assert result.report is not None
    assert result.report.value(cid) == edited.value(cid)  # what the document shows wins
    assert "这是导出后加上的一段话。" in result.report.text("s1")
    named = [n for n in result.notes if n.level == WARNING and cid in n.cells]
    assert len(named) == 1
    assert f"「{edited.value(cid)}」" in named[0].message and f"「{seed.value(cid)}」" in named[0].message
    paragraph = [n for n in result.notes if "这是导出后加上的一段话" in n.message]
    assert len(paragraph) == 1 and "「一、总体情况」" in paragraph[0].message
    # Everything else still comes from the data: the other texts byte for byte.
    assert result.report.text("s6") == seed.text("s6")


def test_a_hostile_block_falls_back_to_what_the_page_shows(seed, tmp_path):
    path = tmp_path / "r.html"
    kinds.write(seed, path)
    page = path.read_text(encoding="utf-8")
    start = page.index('<script type="application/json"')
    end = page.index("</script>", start) + len("</script>")
    hostile = page[:start] + page[start:end].replace('"schema"', '"schema":' + "[" * 3000 + "]" * 3000 + ',"x"') \
        + page[end:]
    result = import_bytes(hostile.encode("utf-8"), ".html")
    plain = import_bytes((page[:start] + page[end:]).encode("utf-8"), ".html")
    assert result.report is not None
    assert exchange.dumps(result.report) == exchange.dumps(plain.report)
    assert "附带的报告数据未使用" in result.notes[0].message


def test_a_spreadsheet_without_data_is_refused(seed, tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "dumps_embedded", lambda *a, **k: "")
    path = tmp_path / "r.xlsx"
    kinds.write(seed, path)
    with pytest.raises(UnusableInput, match="只能导入本程序导出的文件"):
        import_file(path)
