"""Hundreds of malformed exchange files: each gives exit 1 or 2, a Chinese message, and never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import main

from .conftest import FIXTURES, ROOT

SEED_TEXT = (FIXTURES / "seed_2020_xigong.json").read_text(encoding="utf-8")
SEED = json.loads(SEED_TEXT)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _doc(**changes) -> dict:
    doc = json.loads(SEED_TEXT)
    for key, value in changes.items():
        if value is _DELETE:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


_DELETE = object()


def _with_cell(cid, value) -> dict:
    doc = _doc()
    doc["cells"][cid] = value
    return doc


def _cases() -> list[tuple[str, bytes]]:
    cases: list[tuple[str, bytes]] = []

    def add(name, content):
        if isinstance(content, (dict, list)):
            content = json.dumps(content, ensure_ascii=False)
        if isinstance(content, str):
            content = content.encode("utf-8")
        cases.append((name, content))

    # Truncated files, cut at 80 places through the seed.
    data = SEED_TEXT.encode("utf-8")
    for i in range(80):
        cut = 1 + i * (len(data) - 2) // 80
        add(f"truncated-{cut}", data[:cut].decode("utf-8", "ignore"))
    # Not an object, or empty.
    for i, text in enumerate(["", " \n", "null", "[]", "42", '"字符串"', "true", "[{}]", "{}"]):
        add(f"not-object-{i}", text)
    # Wrong types and values for every top-level key.
    wrong = {
        "schema": [None, 1, "other-schema", "", ["gov-info-annual-report"]],
        "schema_version": [None, "1", 1.0, 0, -1, 3, 99, True, [1]],
        "format": [None, 2019, "2020", "2019 ", "", ["2019"], "2022"],
        "agency": [None, "", "   ", 5, ["局"], "局" * 101, "某\n局", "某\t局", "某\x00局", {"name": "局"}],
        "year": [None, "2020", 2020.0, 2020.5, True, 1900, 2007, 2101, 30000, -2020, [2020]],
        "texts": [None, [], "正文", 1, {"s2": "x"}, {"s1": 1}, {"s1": None}, {"s1": ["段落"]}, {"s7": ""},
                  {"s1": "含\x07控制字符"}, {"s1": "x" * 200_001}],
        "cells": [None, [], "x", 1, [["s3.new:natural", 1]]],
        "date": [None, "", "2021-13-01", "2021-02-30", "20210120", 20210120, "2021/01/20", "2021-1-2"],
        "exported_at": [None, 1, "昨天", "2021-99-99T00:00:00"],
        "generator": [None, 1, "g" * 201],
    }
    for key, values in wrong.items():
        for i, value in enumerate(values):
            add(f"{key}-{i}", _doc(**{key: value}))
    for key in ("schema", "schema_version", "agency", "year"):
        add(f"missing-{key}", _doc(**{key: _DELETE}))
    # Unknown top-level keys (typos).
    for key in ("Agency", "yaer", "cell", "text", "version", "", "备注", "s1"):
        add(f"unknown-key-{key or 'empty'}", _doc(**{key: "x"}))
    # Unknown cell ids, and cells of the other format.
    for cid in ("s3.new:Natural", "s3.new", "s9.x:y", "", "s2.rules:issued", "s3.other.no_fee:natural",
                "s2.fees:amount", "s3.new:natural ", "S3.NEW:NATURAL", "s4.review:sum"):
        add(f"unknown-cell-{cid}", _with_cell(cid, 0))
    # Cell values of the wrong kind, on a sample of cells of every kind.
    bad_values = [-1, -100, 1.5, 0.1, "1", "", "abc", True, False, None, [1], {"v": 1}, 10**20, -(10**20), "1e5",
                  "1,000", "１２"]
    for cid in ("s3.new:natural", "s2.license:change", "s2.procurement:amount", "s4.review:total",
                "s3.withheld.state_secret:legal", "s2.other_services:prev_count"):
        for i, value in enumerate(bad_values):
            if cid == "s2.license:change" and value in (-1, -100):
                continue  # a legal value there
            if cid == "s2.procurement:amount" and value in (1.5, 0.1, "1"):
                continue  # legal amounts
            add(f"value-{cid}-{i}", _with_cell(cid, value))
    for i, amount in enumerate(["1.1234567", "0.0000001", "-0.5", "16.8950000", "99999999999", "1.2.3", " 1", "+1",
                                "Infinity", "NaN", "0x10", "1_000"]):
        add(f"amount-{i}", _with_cell("s2.procurement:amount", amount))
    # Non-numbers that JSON itself does not allow.
    for name, literal in (("nan", "NaN"), ("inf", "Infinity"), ("neginf", "-Infinity")):
        add(f"json-{name}", SEED_TEXT.replace('"s3.new:natural": 0', f'"s3.new:natural": {literal}'))
    add("huge-integer", SEED_TEXT.replace('"s3.new:natural": 0', '"s3.new:natural": ' + "9" * 5000))
    add("duplicate-key", SEED_TEXT.replace('"year": 2020', '"year": 2020, "year": 2021'))
    add("duplicate-cell", SEED_TEXT.replace('"s3.new:natural": 0', '"s3.new:natural": 0, "s3.new:natural": 1'))
    add("deep-nesting", "[" * 100_000 + "]" * 100_000)
    add("trailing-garbage", SEED_TEXT + "}")
    add("trailing-comma", SEED_TEXT.replace('"year": 2020,', '"year": 2020,,'))
    add("single-quotes", SEED_TEXT.replace('"year"', "'year'"))
    add("comment", "// 注释\n" + SEED_TEXT)
    # A format that contradicts the year, implied by the year: the cells do not belong to it.
    add("format-implied-by-year", _with_cell("s3.other.no_correction:natural", 1))
    doc21 = _doc(year=2021)
    doc21["cells"]["s2.procurement:projects"] = 1
    add("year-2021-with-2019-cells", {k: v for k, v in doc21.items() if k != "format"})
    # Encodings.
    add("bom", b"\xef\xbb\xbf" + data)
    add("gbk", SEED_TEXT.encode("gbk"))
    add("utf16", SEED_TEXT.encode("utf-16"))
    add("latin1-bytes", bytes(range(128, 256)) * 10)
    add("binary", bytes(range(256)) * 40)
    add("zip-header", b"PK\x03\x04" + b"\x00" * 200)
    # Size.
    add("10MB-text", "政" * (10 * 1024 * 1024 // 3 + 1))
    big = _doc()
    big["texts"]["s1"] = "年报" * 3_000_000
    add("10MB-json", big)
    return cases


CASES = _cases()


def test_there_are_at_least_300_cases():
    assert len(CASES) >= 300
    assert len({name for name, _ in CASES}) == len(CASES)


@pytest.mark.parametrize("name,content", CASES, ids=[name for name, _ in CASES])
def test_check_refuses_with_a_chinese_message(name, content, tmp_path, capsys):
    path = tmp_path / "报告.json"
    path.write_bytes(content)
    code = main.main(["check", str(path)])
    out = capsys.readouterr()
    assert code in (1, 2), out
    text = out.out + out.err
    assert CHINESE.search(text)
    assert "Traceback" not in text and "程序内部出错" not in text
    if code == 2:
        assert out.err.startswith("错误：")
        # One line per problem, each naming the file.
        assert all(str(path) in line for line in out.err.strip().splitlines())


@pytest.mark.parametrize("name", ["truncated-", "bom", "gbk", "deep-nesting", "huge-integer", "value-s3.new:natural-12"])
def test_in_a_real_process_too(name, tmp_path):
    content = dict(CASES)[next(n for n, _ in CASES if n.startswith(name))]
    path = tmp_path / "r.json"
    path.write_bytes(content)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(path)],
                            capture_output=True, timeout=120)
    err = result.stderr.decode("utf-8")
    assert result.returncode in (1, 2)
    assert "Traceback" not in err and CHINESE.search(err + result.stdout.decode("utf-8"))


def test_export_refuses_the_same_files_and_writes_nothing(tmp_path, capsys):
    for name, content in CASES[::7]:
        path = tmp_path / "in.json"
        path.write_bytes(content)
        target = tmp_path / "out.json"
        code = main.main(["export", str(path), "--to", str(target)])
        capsys.readouterr()
        if code != 0:
            assert code == 2 and not target.exists(), name
        else:  # values that are findings, not unreadable input, are exported as they are
            target.unlink()
