"""The command line on a shared database: db init, db import / db list, export and check by --agency and --year,
and one Chinese line with exit status 2 when the server cannot be used."""

from __future__ import annotations

import main
from report import exchange


def run(capsys, *argv):
    code = main.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_init_import_list_export_check(capsys, cluster, database, seed_path, tmp_path):
    url = cluster.url(database)
    code, out, err = run(capsys, "db", "init", "--db", url)
    assert (code, err) == (0, "") and "已建立共享数据库" in out and "admin-secret" not in out
    assert run(capsys, "db", "init", "--db", url)[1].startswith("共享数据库已是最新")
    code, out, err = run(capsys, "db", "import", str(seed_path), "--db", url)
    assert (code, err) == (0, "") and "已导入「西工区退役军人事务局」2020 年的报告" in out
    code, out, _ = run(capsys, "db", "list", "--db", url)
    assert code == 0 and "共 1 份报告" in out and "西工区退役军人事务局\t2020 年\t2019 年版格式\t草稿" in out
    target = tmp_path / "导出.json"
    code, _, err = run(capsys, "export", "--db", url, "--agency", "西工区退役军人事务局", "--year", "2020",
                       "--to", str(target))
    assert (code, err) == (0, "") and exchange.read(target) == exchange.read(seed_path)
    code, out, err = run(capsys, "check", "--db", url, "--agency", "西工区退役军人事务局", "--year", "2021")
    assert code == 2 and "没有「西工区退役军人事务局」2021 年的报告" in err and "admin-secret" not in err


def test_server_faults_are_one_line_and_exit_2(capsys, cluster, database):
    code, out, err = run(capsys, "db", "list", "--db", cluster.url(database, password="wrong-one"))
    assert code == 2 and "登录名或密码不正确" in err and "wrong-one" not in err and "Traceback" not in err
    code, out, err = run(capsys, "db", "list", "--db", cluster.url("无此数据库"))
    assert code == 2 and "没有名为「无此数据库」的数据库" in err


def test_init_wants_a_server_url(capsys, tmp_path):
    code, _, err = run(capsys, "db", "init", "--db", str(tmp_path / "a.sqlite"))
    assert code == 2 and "postgresql://" in err
    assert not (tmp_path / "a.sqlite").exists()


def test_the_window_on_an_unreachable_server_says_why_and_makes_no_file(capsys, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from .cluster import free_port

    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: said.append(text))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--db", f"postgresql://someone@127.0.0.1:{free_port()}/office")
    assert code == 2 and "拒绝连接" in err and said and "拒绝连接" in said[0]
    assert list(tmp_path.iterdir()) == []


def test_a_build_without_the_driver_says_so(capsys, monkeypatch):
    import sys

    for name in [m for m in sys.modules if m == "psycopg" or m.startswith(("psycopg.", "sqlalchemy.dialects.postgresql"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails, as in a build without it
    code, _, err = run(capsys, "db", "list", "--db", "postgresql://someone:pw@127.0.0.1/office")
    assert code == 2 and "psycopg" in err and "Traceback" not in err


def test_a_missing_password_is_asked_on_a_terminal_and_refused_without_one(capsys, cluster, database, monkeypatch):
    import getpass
    import io

    from .cluster import SUPERUSER_PASSWORD

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")  # the tester's own ~/.pgpass is not used
    url = cluster.url(database, password=None)
    assert run(capsys, "db", "init", "--db", cluster.url(database))[0] == 0
    prompts = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: prompts.append(prompt) or SUPERUSER_PASSWORD)
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", terminal)
    code, out, err = run(capsys, "db", "list", "--db", url)
    assert (code, err) == (0, "") and "共 0 份报告" in out
    assert len(prompts) == 1 and "的密码" in prompts[0] and database in prompts[0]
    monkeypatch.setattr("sys.stdin", io.StringIO())
    code, _, err = run(capsys, "db", "list", "--db", url)
    assert code == 2 and "需要密码" in err and "PGPASSWORD" in err
    monkeypatch.setenv("PGPASSWORD", SUPERUSER_PASSWORD)  # libpq's own sources are honoured
    assert run(capsys, "db", "list", "--db", url)[0] == 0


def test_compare_a_published_file_with_the_report_on_the_server(capsys, cluster, database, seed_path, tmp_path):
    from export import kinds

    from .cluster import SUPERUSER_PASSWORD

    url = cluster.url(database)
    assert run(capsys, "db", "init", "--db", url)[0] == 0
    assert run(capsys, "db", "import", str(seed_path), "--db", url)[0] == 0
    published = exchange.read(seed_path)
    published.cells["s3.new:natural"] = published.value("s3.new:natural") + 2
    page = tmp_path / "网页.html"
    kinds.write(published, page)
    code, out, err = run(capsys, "compare", str(page), "--db", url, "--agency", published.agency, "--year", "2020")
    assert (code, err) == (1, "") and "共 2 处不同" in out
    assert "乙：数据库 postgresql://" in out and SUPERUSER_PASSWORD not in out  # the password is never shown
    assert f"「{published.agency}」2020 年度报告" in out
