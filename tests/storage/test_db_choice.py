"""Which database --db names, and the terminal's password prompts, without a server."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from storage.db_choice import is_server_url, list_reports, open_repository, server_url
from storage.errors import StorageError
from storage.terminal_password import ask_password, new_password


@pytest.mark.parametrize(("db", "server"), [
    ("postgresql://clerk@host/reports", True),
    ("POSTGRES://clerk@host:5433/reports", True),
    ("postgresql:/host/reports", False),  # not a URL: a file of that odd name
    ("reports.sqlite", False),
    ("./postgresql://x", False),
    ("", False),
    (None, False),
    (Path("postgresql://x"), False),  # a path object is always a file
])
def test_a_server_is_named_by_its_scheme_alone(db, server):
    assert is_server_url(db) is server


def test_a_server_only_command_refuses_a_file():
    assert server_url("postgresql://owner@host/reports") == "postgresql://owner@host/reports"
    with pytest.raises(StorageError, match="这个命令用于共享数据库") as refused:
        server_url("年报.sqlite")
    assert refused.value.reason == "bad_input"


def test_a_file_is_opened_and_listed_and_the_default_is_the_data_folder(db_path, seed_path, private_data_dir):
    with open_repository(db_path, read_only=False) as repo:
        repo.import_exchange(seed_path)
    path, reports = list_reports(str(db_path))
    assert path == db_path.resolve() and [r.year for r in reports] == [2020]
    with open_repository(None, read_only=False) as repo:
        assert Path(repo.path).parent == private_data_dir.resolve() and repo.reports() == []
    assert list_reports(None)[1] == []


def test_choosing_a_database_imports_no_sqlalchemy():
    code = "import sys, storage.db_choice, storage.terminal_password; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.strip() == "False"


def test_without_a_terminal_no_password_is_asked(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("secret\n"))
    with pytest.raises(StorageError, match="PGPASSWORD"):
        ask_password("postgresql://clerk@host/reports")
    with pytest.raises(StorageError, match="--password-stdin"):
        new_password("clerk", from_stdin=False)


def test_a_new_password_from_standard_input_is_its_first_line(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret 密码\r\nnext line\n"))
    assert new_password("clerk", from_stdin=True) == "s3cret 密码"


def test_two_different_passwords_typed_change_nothing(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    typed = iter(["first", "second"])
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    with pytest.raises(StorageError, match="两次输入的密码不一致"):
        new_password("clerk", from_stdin=False)
