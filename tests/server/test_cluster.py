"""The throw-away cluster itself: it accepts password logins over TCP and refuses a wrong password."""

from __future__ import annotations

import psycopg
import pytest

from .cluster import SUPERUSER


def test_cluster_runs_and_checks_passwords(cluster, database):
    assert cluster.admin("SELECT current_database(), current_user", database) == [(database, SUPERUSER)]
    with pytest.raises(psycopg.OperationalError) as wrong:
        psycopg.connect(host="127.0.0.1", port=cluster.port, user=SUPERUSER, password="wrong", dbname=database)
    assert "password authentication failed" in str(wrong.value)  # libpq sets no SQLSTATE at connect
