"""Two programs, one report, for real: a second Python process holds the report's lease while this one is told
who holds it and since when, and the lease lapses once that process is killed (SIGKILL: no release, no goodbye).
The lapse is shortened for the test (ServerRepository.lease_s), not waited for in minutes."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import main
from storage.server import ServerRepository, init_database

ROOT = Path(__file__).resolve().parents[2]
AGENCY = "庚区交通运输局"
LAPSE_S = 3  # the test's lapse; the program's is server_leases.LEASE_S


def _login(cluster, database, name: str, monkeypatch) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main.main(["db", "user", "add", name, "--agency", AGENCY, "--password-stdin",
                      "--db", cluster.url(database)]) == 0
    return cluster.url(database, user=name, password="pw")


def test_the_second_process_reads_only_until_the_first_is_killed(cluster, database, monkeypatch, capsys):
    init_database(cluster.url(database))
    first_url = _login(cluster, database, f"first_{database}", monkeypatch)
    second_url = _login(cluster, database, f"second_{database}", monkeypatch)
    capsys.readouterr()
    with ServerRepository.connect(second_url) as second:
        rid = second.create_report(AGENCY, 2021)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        holder = subprocess.Popen([sys.executable, "-m", "tests.server.lease_holder", first_url, str(rid), "0.5"],
                                  cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().split() == ["taken", f"first_{database}"]
            second.lease_s = LAPSE_S
            lease = second.take_lease(rid)
            assert not lease.mine and lease.login == f"first_{database}"
            assert f"「first_{database}」" in lease.refusal() and f"{lease.since:%Y-%m-%d %H:%M}" in lease.refusal()
            # Renewed by the living holder, the lease outlasts the lapse time.
            time.sleep(LAPSE_S + 1)
            assert not second.take_lease(rid).mine
            assert second.keep_lease(rid) == "lost"  # renewing what one does not hold keeps nothing
            os.kill(holder.pid, signal.SIGKILL)
            holder.wait(10)
            killed_at = time.monotonic()
            taken = None
            while time.monotonic() - killed_at < LAPSE_S + 10:  # bounded: the lapse plus the server's slack
                taken = second.take_lease(rid)
                if taken.mine:
                    break
                time.sleep(0.25)
            assert taken is not None and taken.mine and taken.login == f"second_{database}"
            assert time.monotonic() - killed_at >= LAPSE_S - 1.5  # not before its last renewal lapsed
            second.set_cell(rid, "s3.new:natural", 4)
            assert second.load(rid).cells["s3.new:natural"] == 4
        finally:
            if holder.poll() is None:
                holder.kill()
                holder.wait(10)
            for stream in (holder.stdout, holder.stderr):
                if stream is not None:
                    stream.close()
