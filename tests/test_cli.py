"""The command line as a user meets it: exit status, Chinese messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import main
from report import exchange

from .conftest import ROOT


def run(capsys, *argv):
    code = main.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_seed_is_clean_but_for_its_missing_preamble(capsys, seed_path):
    code, out, err = run(capsys, "check", str(seed_path))
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("警告 [quality.preamble] 报告没有导语") and out.splitlines()[1:] == ["共 0 个错误、1 个警告。"]


def test_check_reports_errors_with_exit_1(capsys, tmp_path, seed):
    seed.cells["s3.new:legal"] = 2
    path = tmp_path / "bad.json"
    path.write_text(exchange.dumps(seed), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "错误 [s3.balance]" in out and "法律服务机构列" in out and "共 2 个错误、1 个警告。" in out  # the preamble


def test_check_names_cells_and_sections(capsys, tmp_path, seed):
    seed.cells["s2.rules:made"] = -1
    seed.texts["s5"] = ""
    path = tmp_path / "bad.json"
    path.write_text(exchange.dumps(seed), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("错误 [value.count]") and line.endswith("（单元格：s2.rules:made）") for line in lines)
    assert any(line.startswith("警告 [quality.empty]") and line.endswith("（节：五、存在的主要问题及改进情况）")
               for line in lines)
    assert any(line.startswith("警告 [quality.preamble]") and line.endswith("（节：导语）") for line in lines)


def test_check_json_output(capsys, tmp_path, seed):
    seed.cells["s2.rules:made"] = -1
    path = tmp_path / "bad.json"
    path.write_text(exchange.dumps(seed), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 1
    findings = json.loads(out)
    assert findings[0] == {"level": "error", "rule": "value.count", "cells": ["s2.rules:made"],
                           "message": findings[0]["message"]}
    assert [(f["level"], f["rule"], f["cells"]) for f in findings[1:]] == [("warning", "quality.preamble", ["preamble"])]


def test_check_with_previous_year(capsys, last_year_path):
    code, out, _ = run(capsys, "check", str(ROOT / "tests/fixtures/seed_2020_xigong.json"), "--previous",
                       str(last_year_path))
    assert code == 0  # a warning only
    assert "警告 [cross.s3.carried_in]" in out


def test_export_json_round_trips(capsys, tmp_path, seed_path):
    out_path = tmp_path / "输出 文件.json"
    code, out, _ = run(capsys, "export", str(seed_path), "--to", str(out_path))
    assert code == 0 and "已导出" in out
    doc = json.loads(out_path.read_text(encoding="utf-8"))
    assert doc["generator"].startswith("政府信息公开年报编制工具")
    assert "exported_at" in doc
    del doc["exported_at"], doc["generator"]
    assert json.dumps(doc, ensure_ascii=False, indent=2) + "\n" == seed_path.read_text(encoding="utf-8")


def test_export_to_an_unknown_kind(capsys, tmp_path, seed_path):
    code, _, err = run(capsys, "export", str(seed_path), "--to", str(tmp_path / "x.txt"))
    assert code == 2 and "无法识别" in err


@pytest.mark.parametrize("suffix, magic", [(".docx", b"PK"), (".xlsx", b"PK"), (".HTML", b"<!DOCTYPE html>")])
def test_export_word_web_page_spreadsheet(capsys, tmp_path, seed_path, suffix, magic):
    out_path = tmp_path / f"年报{suffix}"
    code, out, _ = run(capsys, "export", str(seed_path), "--to", str(out_path))
    assert code == 0 and "已导出" in out
    assert out_path.read_bytes().startswith(magic)


def test_export_into_a_missing_folder(capsys, tmp_path, seed_path):
    code, _, err = run(capsys, "export", str(seed_path), "--to", str(tmp_path / "无此目录" / "x.json"))
    assert code == 2 and "不存在" in err


def test_usage_errors_are_chinese(capsys):
    code, _, err = run(capsys, "check")
    assert code == 2 and "缺少必需的参数" in err
    code, _, err = run(capsys, "frobnicate")
    assert code == 2 and "无效的选择" in err


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "无.json"))
    assert code == 2 and "找不到文件" in err


def test_unexpected_error_is_logged_not_shown(capsys, monkeypatch, private_data_dir, seed_path):
    def boom(args):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(main, "cmd_check", boom)
    code, out, err = run(capsys, "check", str(seed_path))
    assert code == 2
    assert "程序内部出错" in err and "Traceback" not in err + out and "internal detail" not in err
    log = (private_data_dir / "程序日志.log").read_text(encoding="utf-8")
    assert "RuntimeError: internal detail" in log


def test_real_process_check_and_help():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(ROOT / "tests/fixtures/seed_2020_xigong.json")],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0 and "共 0 个错误、1 个警告" in result.stdout  # the seed prints no preamble
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0 and "用法" in result.stdout and "检查报告" in result.stdout


def test_exported_file_gets_ordinary_permissions(capsys, tmp_path, seed_path):
    import os
    import stat

    out_path = tmp_path / "r.json"
    main.main(["export", str(seed_path), "--to", str(out_path)])
    capsys.readouterr()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out_path.stat().st_mode) == 0o666 & ~umask
