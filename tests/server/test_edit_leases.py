"""Two people, one report: the second opener learns who edits it and since when; a lease lapses when its holder
stops renewing it (a crash), and the one who lost it is told so rather than writing over the other."""

from __future__ import annotations

import io

import pytest

import main
from storage.errors import StorageError
from storage.server import ServerRepository

AGENCY = "丁区卫健委"



def test_the_second_opener_is_told_who_and_since_when(two_clerks):
    first, second, rid = two_clerks
    mine = first.take_lease(rid)
    assert mine.mine and mine.login == first.login
    assert first.take_lease(rid).since == mine.since  # taking it again (a reload) keeps it and its start
    theirs = second.take_lease(rid)
    assert not theirs.mine and theirs.login == first.login and theirs.since == mine.since
    message = theirs.refusal()
    assert f"「{first.login}」" in message and f"{mine.since:%Y-%m-%d %H:%M}" in message and "只读" in message
    assert first.renew_lease(rid) and not second.renew_lease(rid)
    first.release_lease(rid)
    assert second.take_lease(rid).mine
    assert not first.take_lease(rid).mine


def test_a_lapsed_lease_is_taken_and_its_old_holder_knows(two_clerks, cluster, database):
    first, second, rid = two_clerks
    assert first.take_lease(rid).mine
    # The first program dies: its connections are cut and it renews no more.
    cluster.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{first.login}'")
    assert not second.take_lease(rid).mine  # not before the lease lapses
    cluster.admin("UPDATE edit_leases SET renewed = renewed - interval '121 seconds'", database)
    taken = second.take_lease(rid)
    assert taken.mine and taken.login == second.login
    assert first.renew_lease(rid) is False  # the pool reconnects; the lease is gone


def test_a_reviewer_cannot_take_a_lease(two_clerks, cluster, database, monkeypatch, capsys):
    _first, _second, rid = two_clerks
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    login = f"watcher_{database}"
    assert main.main(["db", "user", "add", login, "--reviewer", "--password-stdin", "--db", cluster.url(database)]) == 0
    with ServerRepository.connect(cluster.url(database, user=login, password="pw")) as repo, \
            pytest.raises(StorageError) as refused:
        repo.take_lease(rid)
    assert refused.value.reason == "denied"
