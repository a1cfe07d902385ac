"""Our own documents edited after export, as a web editor or a clerk in Word does it (the file itself changed, not
a simulation): what the document shows is imported, every edit is named against the data it still carries, and
`compare` with the approved report lists the same edits. Documents written before the data was carried import as
they always did."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

import main
from export import kinds
from importer import WARNING, import_file
from report import exchange

from .test_roundtrip_exports import as_published, assert_same_report, without_spaces

CELL, FIGURE, EDITED_FIGURE = "s2.rules:made", "4321", "4329"
SENTENCE, EDITED_SENTENCE = "本年度未收取任何信息处理费。", "本年度收取信息处理费一百元。"


@pytest.fixture
def approved(seed, tmp_path):
    seed.cells[CELL] = int(FIGURE)
    seed.texts["s6"] = SENTENCE
    path = tmp_path / "approved.json"
    kinds.write(seed, path)
    return seed, path


def _edited_page(path) -> None:
    page = path.read_text(encoding="utf-8")
    head, body = page.split("</head>", 1)  # the data block is in <head>: only what the page shows is edited
    assert body.count(f">{FIGURE}<") == 1 and body.count(SENTENCE) == 1
    body = body.replace(f">{FIGURE}<", f">{EDITED_FIGURE}<").replace(SENTENCE, EDITED_SENTENCE)
    path.write_text(head + "</head>" + body, encoding="utf-8")


def _edited_word_file(path) -> None:
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert text.count(f">{FIGURE}<") == 1 and text.count(SENTENCE) == 1
                data = text.replace(f">{FIGURE}<", f">{EDITED_FIGURE}<").replace(SENTENCE, EDITED_SENTENCE).encode()
            target.writestr(info, data)
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize(("suffix", "edit"), [(".html", _edited_page), (".docx", _edited_word_file)])
def test_an_edited_document_is_read_as_shown_and_every_edit_named(approved, tmp_path, capsys, suffix, edit):
    seed, approved_path = approved
    path = tmp_path / f"已发布{suffix}"
    kinds.write(seed, path)
    edit(path)

    result = import_file(path)
    assert result.report is not None
    assert result.report.value(CELL) == int(EDITED_FIGURE) and result.report.text("s6") == EDITED_SENTENCE
    warned = [n.message for n in result.notes if n.level == WARNING]
    assert any(f"「{EDITED_FIGURE}」" in m and f"「{FIGURE}」" in m for m in warned), warned
    assert any("六、其他需要报告的事项" in m and "信息处理费" in m for m in warned), warned
    assert result.report.text("s1") == seed.text("s1")  # the rest still comes from the data, byte for byte

    assert main.main(["compare", str(path), str(approved_path), "--json"]) == 1
    found = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
    assert set(found) == {CELL, "s6"}
    assert (found[CELL]["left"], found[CELL]["right"]) == (EDITED_FIGURE, FIGURE)
    assert (found["s6"]["left"], found["s6"]["right"]) == (EDITED_SENTENCE, SENTENCE)


@pytest.mark.parametrize("suffix", [".html", ".docx", ".pdf"])
def test_documents_written_before_the_data_was_carried_import_as_before(seed, tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(exchange, "dumps_embedded", lambda *a, **k: "")  # the writers as they were
    path = tmp_path / f"旧版{suffix}"
    kinds.write(seed, path)
    monkeypatch.undo()
    if suffix == ".pdf":
        assert_same_report(seed, path, lambda text, markers: without_spaces(as_published(text, markers)))
    else:
        assert_same_report(seed, path)
    assert not any("附带" in str(n) for n in import_file(path).notes)
