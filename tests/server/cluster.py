"""A throw-away PostgreSQL cluster for the tests: initdb and pg_ctl in a temporary folder, password logins over
127.0.0.1 and a unix socket in that folder, stopped and removed when the test session ends.

PostgreSQL refuses to run as root, so as root (CI) the server runs as the `postgres` system user (or `nobody`).
Without PostgreSQL's programs the tests that need it skip, unless REQUIRE_POSTGRES is set (CI sets it), where
they fail: a CI run must not pass by skipping them.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "cluster_admin"
SUPERUSER_PASSWORD = "admin-secret-口令"


def find_bin_dir() -> Path | None:
    """Debian keeps initdb and pg_ctl off PATH, under /usr/lib/postgresql/VERSION/bin."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """Whom to run the server as: None when we are not root (ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("以 root 运行测试时需要 postgres 或 nobody 系统用户来运行 PostgreSQL")


@dataclass
class Cluster:
    bin_dir: Path
    folder: Path
    port: int
    user: pwd.struct_passwd | None
    fsync: bool = False  # the tests need no durability across a power cut; the benchmark measures with it

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> None:
        """initdb (password logins only) and start on 127.0.0.1:port and a socket in the folder."""
        pwfile = self.folder / "pw"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n", encoding="utf-8")
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
            os.chown(pwfile, self.user.pw_uid, self.user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}", "-E", "UTF8",
                  "--locale=C", "--auth=scram-sha-256")
        pwfile.unlink()
        self.launch()

    def launch(self) -> None:
        """pg_ctl start on the existing data folder (again after a stop)."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-o",
                  f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
                  + ("" if self.fsync else " -c fsync=off"), "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = SUPERUSER_PASSWORD,
            host: str = "127.0.0.1") -> str:
        login = quote(user, safe="") + (f":{quote(password, safe='')}" if password is not None else "")
        return f"postgresql://{login}@{host}:{self.port}/{quote(database, safe='')}"

    def admin(self, sql: str, database: str = "postgres") -> list[tuple[object, ...]]:
        """Run one statement as the cluster's superuser (autocommit); the rows it returns."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, password=SUPERUSER_PASSWORD,
                             dbname=database, autocommit=True) as conn:
            cur = conn.execute(sql)  # type: ignore[arg-type]  # the tests' own literal statements
            return cur.fetchall() if cur.description else []


def start_cluster(*, fsync: bool = False) -> Cluster:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL")
    folder = Path(tempfile.mkdtemp(prefix="pg-test-"))
    cluster = Cluster(bin_dir, folder, free_port(), _server_user(), fsync)
    try:
        cluster.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return cluster
