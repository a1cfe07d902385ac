"""export/kinds.py is the one list of output kinds: the command line and the window both go through it."""

from __future__ import annotations

import re

import pytest

import main
from export import kinds

from ..conftest import ROOT

MAGIC = {".json": b"{", ".pdf": b"%PDF", ".docx": b"PK", ".html": b"<!DOCTYPE html>", ".xlsx": b"PK"}


def test_every_kind_has_a_writer_and_a_known_signature():
    assert set(MAGIC) == set(kinds.SUFFIXES)
    for kind in kinds.KINDS:
        assert callable(kind.writer().write)
        assert kind.filter == f"{kind.name} (*{kind.suffix})"
    assert kinds.for_path("某某区2022年报告.PDF") is kinds.PDF
    assert kinds.for_path("报告.txt") is None and kinds.for_path("报告") is None


@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda k: k.suffix)
def test_the_command_line_exports_every_kind(capsys, tmp_path, seed_path, seed, kind):
    seed.cells["s3.new:legal"] = 2  # an error: documents are exported anyway, after a warning
    from report import exchange

    source = tmp_path / "report.json"
    source.write_text(exchange.dumps(seed), encoding="utf-8")
    out_path = tmp_path / f"年报{kind.suffix.upper()}"
    code = main.main(["export", str(source), "--to", str(out_path)])
    out, err = capsys.readouterr()
    assert code == 0 and out.strip() == f"已导出 {out_path}"
    assert out_path.read_bytes().startswith(MAGIC[kind.suffix])
    assert ("警告 [s3.balance]" in err) == kind.document


def test_an_unknown_kind_names_every_suffix(capsys, tmp_path, seed_path):
    code = main.main(["export", str(seed_path), "--to", str(tmp_path / "x.txt")])
    err = capsys.readouterr().err
    assert code == 2 and "无法识别" in err and all(s in err for s in kinds.SUFFIXES)
    assert not (tmp_path / "x.txt").exists()


def test_write_ignores_options_a_writer_does_not_take(tmp_path, seed):
    from export.pdf_fonts import font_set

    fonts = font_set(use_system=False)
    assert kinds.write(seed, tmp_path / "r.html", fonts=fonts) == []
    assert kinds.findings(seed, kinds.PDF, fonts=fonts) == []
    with pytest.raises(ValueError, match="无法识别"):
        kinds.write(seed, tmp_path / "r.doc")


def test_no_other_list_of_output_suffixes_in_the_command_line_or_the_window():
    # (The importer's dialogs name the suffixes of files it reads: inputs, not outputs.)
    pattern = re.compile(r"""["'](\.pdf|\.docx|\.xlsx|\.html)["']""")
    for path in [ROOT / "main.py", ROOT / "gui" / "main_window.py", ROOT / "gui" / "exports.py"]:
        assert not pattern.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda k: k.suffix)
def test_prepare_renders_once_for_the_findings_and_the_file(monkeypatch, tmp_path, seed, kind):
    from export import pdf
    from export.pdf_fonts import font_set

    calls = []
    real_render = pdf.render
    monkeypatch.setattr(pdf, "render", lambda *a, **k: calls.append(1) or real_render(*a, **k))
    prepared = kinds.prepare(seed, kind, fonts=font_set(use_system=False))
    assert prepared.kind is kind and prepared.findings == []
    prepared.write(tmp_path / f"r{kind.suffix}")
    data = (tmp_path / f"r{kind.suffix}").read_bytes()
    assert data.startswith(MAGIC[kind.suffix])
    if kind is kinds.PDF:
        assert calls == [1]  # one rendering for both the findings and the file
