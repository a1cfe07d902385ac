"""The command line's grammar as data (resources/cli/commands.json): every command runs, every help page speaks
Chinese, and the Chinese phrases given for argparse are ones this Python's argparse really says."""

from __future__ import annotations

import argparse
import inspect
import json
import re

import pytest

import main
from export.kinds import KINDS

from .conftest import ROOT

GRAMMAR = json.loads((ROOT / "resources" / "cli" / "commands.json").read_text(encoding="utf-8"))


def parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every parser of the command line with the words that reach it: the program's, then each command's."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, (*path, name))


ALL = list(parsers(main.build_parser()))


def test_every_command_has_what_runs_it():
    commands = {path[0] for path, _ in ALL if path}
    assert commands == {name[len("cmd_"):] for name in vars(main) if name.startswith("cmd_")}
    assert {"check", "export", "import", "db", "ledger"} <= commands


@pytest.mark.parametrize("path", [path for path, _ in ALL], ids=lambda path: " ".join(path) or "main.py")
def test_help_is_chinese_and_complete(path):
    help_text = dict(ALL)[path].format_help()
    assert help_text.startswith(f"用法：main.py {' '.join(path)}".rstrip())
    for english in ("usage", "options:", "positional arguments", "show this help", "error"):
        assert english not in help_text
    described = [a for a in dict(ALL)[path]._actions if a.option_strings and a.help != argparse.SUPPRESS]
    assert all(a.help for a in described if a.required is False and a.nargs == 0)  # every switch says what it does
    assert "位置参数" in help_text or "选项" in help_text


def test_export_help_lists_every_output_kind(monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # no line broken inside a kind's name
    help_text = dict(ALL)[("export",)].format_help()
    for kind in KINDS:
        assert f"{kind.suffix} {kind.name}" in help_text


def test_shared_arguments_are_the_same_everywhere():
    """--db after a command keeps the one given before it; the report's own arguments read alike in each command."""
    args = main.build_parser().parse_args(["--db", "a.sqlite", "check", "r.json"])
    assert (args.db, args.report, args.agency, args.year) == ("a.sqlite", "r.json", None, None)
    args = main.build_parser().parse_args(["chart", "--db", "b.sqlite", "--agency", "某局", "--year", "2023", "--to", "x.png"])
    assert (args.db, args.report, args.agency, args.year) == ("b.sqlite", None, "某局", 2023)


def test_argparse_phrases_are_ones_argparse_says():
    """A phrase argparse no longer says would leave its new English wording untranslated: this names it."""
    source = inspect.getsource(argparse)
    phrases = {k: v for k, v in GRAMMAR["argparse"].items() if k != "#"}
    assert [phrase for phrase in phrases if repr(phrase) not in source and f'"{phrase}"' not in source] == []
    for english, chinese in phrases.items():  # placeholders argparse fills in; a named one may be left out
        assert (chinese.count("%s"), chinese.count("%r")) == (english.count("%s"), english.count("%r"))
        assert set(re.findall(r"%\(\w+\)", chinese)) <= set(re.findall(r"%\(\w+\)", english))


@pytest.mark.parametrize("argv, message", [
    (["db", "user", "add", "某人"], "缺少必需的参数：--agency --reviewer 之一"),
    (["db", "user", "add", "某人", "--agency", "某局", "--reviewer"], "参数 --reviewer：不能与参数 --agency 同时使用"),
    (["aggregate", "--agency", "某区", "--to", "x.json", "--include"], "参数 --include：需要至少一个值"),
    (["check", "--year", "二〇二三"], "参数 --year：无效的值 '二〇二三'"),
])
def test_usage_errors_name_the_problem_in_chinese(capsys, argv, message):
    assert main.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：main.py ") and f"错误：{message}\n" in err


@pytest.mark.parametrize("damage", ["missing", "not JSON"])
def test_a_damaged_grammar_file_is_named_not_a_fault(capsys, monkeypatch, tmp_path, damage):
    import export.resources

    if damage == "not JSON":
        (tmp_path / "cli").mkdir()
        (tmp_path / "cli" / "commands.json").write_bytes(b"{\"argparse\": ")
    monkeypatch.setattr(export.resources, "resources_dir", lambda: tmp_path)
    assert main.main(["--help"]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err == f"错误：程序文件缺失或已损坏：{tmp_path / 'cli' / 'commands.json'}；请重新安装本程序\n"


def test_the_packaged_program_names_itself_in_usage(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.executable", str(tmp_path / "GovInfoAnnualReport-cli.exe"))
    assert main.main(["export", "--help"]) == 0
    assert capsys.readouterr().out.startswith("用法：GovInfoAnnualReport-cli.exe export [-h]")
