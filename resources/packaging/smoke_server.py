"""The packaged program on a shared database, as an office would use it: a throw-away PostgreSQL cluster
(tests/server/cluster.py) and the frozen executable's own driver (psycopg, libpq and its OpenSSL) for db init,
db user add, db import, db list (also over TLS: sslmode=require) and export on postgresql:// URLs, and a wrong
password said in Chinese.

    python resources/packaging/smoke_server.py dist/GovInfoAnnualReport/GovInfoAnnualReport

Without PostgreSQL's programs it says so and succeeds, unless REQUIRE_POSTGRES is set (CI), where it fails.
Exit status 0 when every step did what it should, 1 otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
from tests.server.cluster import Cluster, find_bin_dir, start_cluster

SEED = ROOT / "tests" / "fixtures" / "seed_2020_xigong.json"
AGENCY = "西工区退役军人事务局"
OTHER_AGENCY = "西工区民政局"  # the clerk may not see its report: the server's row-level security
CLERK, CLERK_PASSWORD = "clerk_smoke", "填报-口令-1"
STEP_TIMEOUT_S = 120


class Failed(Exception):
    pass


def run(exe: Path, env: dict[str, str], *args: str, stdin: str | None = None,
        expect: int = 0) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(exe), *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=STEP_TIMEOUT_S)
    shown = " ".join(_without_password(a) for a in args)
    if done.returncode != expect:
        raise Failed(f"「{shown}」退出状态 {done.returncode}（应为 {expect}）：\n{done.stdout}{done.stderr}")
    print(f"  {shown} → {done.returncode}")
    return done


def _without_password(arg: str) -> str:
    if "://" not in arg or "@" not in arg:
        return arg
    scheme, rest = arg.split("://", 1)
    login, where = rest.rsplit("@", 1)
    return f"{scheme}://{login.split(':')[0]}@{where}"


def serve_tls(cluster: Cluster) -> None:
    """Turn TLS on in the running cluster, with a self-signed certificate for 127.0.0.1 made here (SSL settings
    take effect on a reload)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_file, key_file = cluster.folder / "server.crt", cluster.folder / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_file.chmod(0o600)  # the server refuses a key others may read
    if cluster.user is not None:
        for path in (cert_file, key_file):
            os.chown(path, cluster.user.pw_uid, cluster.user.pw_gid)
    cluster.admin(f"ALTER SYSTEM SET ssl_cert_file = '{cert_file}'")
    cluster.admin(f"ALTER SYSTEM SET ssl_key_file = '{key_file}'")
    cluster.admin("ALTER SYSTEM SET ssl = on")
    cluster.admin("SELECT pg_reload_conf()")


def steps(exe: Path, cluster: Cluster, work: Path) -> None:
    env = {**os.environ, "GOV_REPORT_DATA_DIR": str(work / "数据"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PGPASSWORD", None)
    owner = cluster.url()
    out = run(exe, env, "db", "init", "--db", owner).stdout
    if "已建立共享数据库" not in out:
        raise Failed(f"db init 没有建立共享数据库：{out}")
    other = work / "其他机关.json"
    other.write_text(json.dumps({**json.loads(SEED.read_text(encoding="utf-8")), "agency": OTHER_AGENCY},
                                ensure_ascii=False), encoding="utf-8")
    for report in (SEED, other):
        run(exe, env, "db", "import", str(report), "--db", owner)
    run(exe, env, "db", "user", "add", CLERK, "--agency", AGENCY, "--password-stdin", "--db", owner,
        stdin=CLERK_PASSWORD + "\n")

    # The clerk's URL carries no password: libpq takes it from PGPASSWORD, as from ~/.pgpass or a service file.
    clerk = cluster.url(user=CLERK, password=None)
    listed = run(exe, {**env, "PGPASSWORD": CLERK_PASSWORD}, "db", "list", "--db", clerk).stdout
    if "共 1 份报告" not in listed or AGENCY not in listed or OTHER_AGENCY in listed:
        raise Failed(f"填报人的 db list 应当只列出「{AGENCY}」的报告：{listed}")
    target = work / "导出.pdf"
    run(exe, {**env, "PGPASSWORD": CLERK_PASSWORD}, "export", "--db", clerk, "--agency", AGENCY, "--year", "2020",
        "--to", str(target))
    if not target.read_bytes().startswith(b"%PDF-"):
        raise Failed("从共享数据库导出的 PDF 不是 PDF 文件")

    # libpq's parameters pass through, and its own OpenSSL (bundled) does TLS: sslmode=require connects only
    # encrypted, so a listing proves it; without TLS on the server it is refused, in Chinese.
    plain = run(exe, {**env, "PGPASSWORD": CLERK_PASSWORD}, "db", "list", "--db", clerk + "?sslmode=require", expect=2)
    if "建立所要求的加密连接" not in plain.stderr:
        raise Failed(f"服务器不支持加密连接时的说明不对：{plain.stderr}")
    serve_tls(cluster)
    encrypted = run(exe, {**env, "PGPASSWORD": CLERK_PASSWORD}, "db", "list", "--db", clerk + "?sslmode=require").stdout
    if "共 1 份报告" not in encrypted:
        raise Failed(f"以 sslmode=require 连接时没有列出报告：{encrypted}")

    wrong = run(exe, env, "db", "list", "--db", cluster.url(user=CLERK, password="不对的口令"), expect=2)
    if "登录名或密码不正确" not in wrong.stderr or "Traceback" in wrong.stderr:
        raise Failed(f"密码错误时的说明不对：{wrong.stderr}")


def main(argv: list[str]) -> int:
    exe = Path(argv[1] if len(argv) > 1 else "dist/GovInfoAnnualReport/GovInfoAnnualReport")
    if not exe.is_file():
        print(f"找不到打包的程序 {exe}", file=sys.stderr)
        return 1
    if find_bin_dir() is None:
        why = "PostgreSQL 的 initdb/pg_ctl 未安装（Debian：apt-get install postgresql）"
        if os.environ.get("REQUIRE_POSTGRES"):
            print(f"打包程序的共享数据库自检不能进行：{why}；REQUIRE_POSTGRES 已设置，不能跳过", file=sys.stderr)
            return 1
        print(f"跳过打包程序的共享数据库自检：{why}")
        return 0
    try:
        cluster = start_cluster()
    except (RuntimeError, OSError) as e:  # initdb or pg_ctl refused: their output says why
        print(f"打包程序的共享数据库自检不能进行：临时的 PostgreSQL 没有启动：{e}", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="package-smoke-"))
    try:
        print(f"打包程序连接临时的 PostgreSQL（127.0.0.1:{cluster.port}）：")
        steps(exe, cluster, work)
    except (Failed, subprocess.TimeoutExpired) as e:
        print(f"打包程序的共享数据库自检失败：{e}", file=sys.stderr)
        return 1
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(cluster.folder, ignore_errors=True)
            shutil.rmtree(work, ignore_errors=True)
    print("打包程序的共享数据库自检通过")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
