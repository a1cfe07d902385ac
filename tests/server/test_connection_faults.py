"""A connection cut by the server (pg_terminate_backend) or a server stopped at once and started again: the
next edit reconnects and is saved; every edit acknowledged before is there; one made while the server is down is
refused with a Chinese sentence and changes nothing."""

from __future__ import annotations

import pytest

from storage.errors import StorageError
from storage.server import ServerRepository, init_database

CELL = "s2.procurement:projects"


def test_a_killed_connection_is_replaced(cluster, database):
    init_database(cluster.url(database))
    with ServerRepository.connect(cluster.url(database)) as repo:
        rid = repo.create_report("戊区司法局", 2020)
        repo.set_cell(rid, CELL, 1)
        killed = cluster.admin("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               f"WHERE datname = '{database}' AND pid <> pg_backend_pid()")
        assert killed[0][0] >= 1
        repo.set_cell(rid, CELL, 2)
        assert repo.load(rid).cells[CELL] == 2


def test_a_server_stopped_and_started_again(cluster, database):
    init_database(cluster.url(database))
    with ServerRepository.connect(cluster.url(database)) as repo:
        rid = repo.create_report("己区审计局", 2020)
        repo.set_cell(rid, CELL, 5)
        cluster.stop("immediate")
        try:
            with pytest.raises(StorageError) as down:
                repo.set_cell(rid, CELL, 6)
            assert down.value.reason in ("refused", "disconnected") and "失败" in down.value.message
        finally:
            cluster.launch()
        assert repo.load(rid).cells[CELL] == 5  # the acknowledged edit survived; the refused one did not happen
        repo.set_cell(rid, CELL, 7)
        assert repo.load(rid).cells[CELL] == 7
