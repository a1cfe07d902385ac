"""One PostgreSQL cluster for the whole test session (see tests/server/cluster.py); each test gets its own
empty database in it."""

from __future__ import annotations

import importlib.util
import io
import itertools
import os
import shutil

import pytest

from .cluster import Cluster, find_bin_dir, start_cluster


@pytest.fixture(scope="session")
def cluster():
    why = None
    if find_bin_dir() is None:
        why = "PostgreSQL 的 initdb/pg_ctl 未安装（Debian：apt-get install postgresql）"
    elif importlib.util.find_spec("psycopg") is None:
        why = "psycopg 未安装（pip install 'psycopg[binary]'）"
    if why is not None:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(why + "；REQUIRE_POSTGRES 已设置，这些测试不能跳过")
        pytest.skip(why)
    started = start_cluster()
    yield started
    try:
        started.stop()
    finally:
        shutil.rmtree(started.folder, ignore_errors=True)


_numbers = itertools.count(1)


@pytest.fixture
def database(cluster: Cluster) -> str:
    """A fresh empty database; its name."""
    name = f"office_{os.getpid()}_{next(_numbers)}"
    cluster.admin(f'CREATE DATABASE "{name}"')
    return name


@pytest.fixture
def two_clerks(cluster, database, monkeypatch, capsys, request):
    """Two clerks of the test module's AGENCY, each connected, and a new report of theirs for 2020."""
    import main
    from storage.server import ServerRepository, init_database

    agency = request.module.AGENCY
    owner = cluster.url(database)
    init_database(owner)
    urls = []
    for who in ("one", "two"):
        login = f"{who}_{database}"
        monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
        assert main.main(["db", "user", "add", login, "--agency", agency, "--password-stdin", "--db", owner]) == 0
        urls.append(cluster.url(database, user=login, password="pw"))
    capsys.readouterr()
    first, second = (ServerRepository.connect(u) for u in urls)
    yield first, second, first.create_report(agency, 2020)
    first.close()
    second.close()


@pytest.fixture
def window_on(qtbot):
    """window_on(repository, report_id=None, owned=False): a shown window on that repository, with that report
    open; closed (its waiting edits given up) after the test, and the repository too when `owned`."""
    from gui.main_window import MainWindow

    made = []

    def make(repo, report_id=None, owned=False):
        window = MainWindow(repo)  # not qtbot.addWidget: its close comes first and would ask about waiting edits
        assert report_id is None or window.open_report(report_id)
        window.show()
        qtbot.waitExposed(window)
        made.append((window, owned))
        return window

    yield make
    for window, owned in made:
        if window.document is not None:
            window.document.abandon()
        window.close()
        if owned:
            window.repository.close()
        window.deleteLater()


@pytest.fixture
def window(window_on, tmp_path):
    """The window on a file with one report, as a clerk had it before connecting to a shared database."""
    from storage.repository import Repository

    repo = Repository.open(tmp_path / "本机.sqlite")
    return window_on(repo, repo.create_report("本机的局", 2022), owned=True)
