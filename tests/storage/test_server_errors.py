"""storage/server_errors: libpq's wording of a connection failure, said in Chinese (no server needed)."""

from __future__ import annotations

import pytest

from storage.server_errors import TRANSIENT, from_server_exception, server_reason

WHERE = "postgresql://clerk@db.example/office"


@pytest.mark.parametrize("libpq_says", [
    'connection to server at "10.0.0.5", port 5432 failed: server does not support SSL, but SSL was required',
    'connection to server at "db" failed: SSL error: certificate verify failed',
    'connection to server at "db" failed: root certificate file "/home/c/.postgresql/root.crt" does not exist\n'
    "Either provide the file, use the system's trusted roots with sslrootcert=system, or change sslmode",
    'connection to server at "db" failed: server certificate for "other" does not match host name "db"',
])
def test_an_encrypted_connection_refused_is_said_with_libpqs_detail(libpq_says):
    error = from_server_exception(OSError(libpq_says), WHERE, "连接共享数据库", host="db", database="office")
    assert error.reason == "tls" and "tls" not in TRANSIENT  # the clerk's settings, not a passing fault
    assert str(error).startswith(f"连接共享数据库失败：无法与 {WHERE} 建立所要求的加密连接（地址中的 sslmode）")
    assert libpq_says.splitlines()[0] in str(error) and "\n" not in str(error)


def test_a_wrong_password_is_still_a_wrong_password():
    assert server_reason(OSError('failed: FATAL:  password authentication failed for user "c"')) == "auth"
