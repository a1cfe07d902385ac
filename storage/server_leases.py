"""Two people, one report: an edit lease on the shared database.

The first to open a report for editing takes its lease and renews it while the window lives; a second opener
is told who holds it and since when, and gets the report read-only. A lease not renewed for LEASE_S seconds (the
program crashed, the PC lost power or network) is free to take: a killed program locks nothing for good.
All times are the server's (now()), so the clerks' PC clocks do not matter.
"""

from __future__ import annotations

import datetime
import os
import socket
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, text

LEASE_S = 120  # a lease lapses this long after its last renewal
RENEW_EVERY_S = 30  # how often a holder renews: four missed renewals before it lapses

# What keeping a lease came to (ServerRepository.keep_lease); a server out of reach is a StorageError instead.
RENEWED, LOST = "renewed", "lost"


def holder_label() -> str:
    """Which program holds a lease: unique per opened database, readable in the server's table."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


@dataclass(frozen=True)
class Lease:
    """The outcome of asking for a report's lease: `mine` when taken (or still held) by the asker; otherwise
    `login` holds it since `since` (the server's time) from `host`."""

    report_id: int
    mine: bool
    login: str
    host: str
    since: datetime.datetime

    def refusal(self) -> str:
        """The Chinese sentence for the second opener."""
        return (f"这份报告正由「{self.login}」（{self.host}）编辑，自 {self.since:%Y-%m-%d %H:%M} 起；"
                f"现在以只读方式打开，对方关闭后（或程序异常退出约 {LEASE_S // 60} 分钟后）可以编辑")


def take(conn: Connection, report_id: int, holder: str, lapse_s: int = LEASE_S) -> Lease:
    """Take the report's lease when it is free, lapsed (not renewed for `lapse_s` seconds) or already the
    holder's; else say whose it is. The taker judges the lapse: tests shorten it instead of waiting minutes."""
    taken = conn.execute(text(
        "INSERT INTO edit_leases AS l (report_id, holder, since, renewed) VALUES (:r, :h, now(), now()) "
        "ON CONFLICT (report_id) DO UPDATE SET login = current_user, holder = :h, "
        "since = CASE WHEN l.holder = :h THEN l.since ELSE now() END, renewed = now() "
        f"WHERE l.holder = :h OR l.renewed < now() - interval '{int(lapse_s)} seconds' "
        "RETURNING login, holder, since"), {"r": report_id, "h": holder}).first()
    if taken is not None:
        return Lease(report_id, True, taken[0], _host(taken[1]), taken[2])
    held = conn.execute(text("SELECT login, holder, since FROM edit_leases WHERE report_id = :r"),
                        {"r": report_id}).one()
    return Lease(report_id, False, held[0], _host(held[1]), held[2])


def current(conn: Connection, report_id: int, holder: str, lapse_s: int = LEASE_S) -> Lease | None:
    """Who holds the report's lease now (`mine` when `holder` does), without taking it; None when nobody does
    or the lease lapsed."""
    held = conn.execute(text(
        "SELECT login, holder, since FROM edit_leases WHERE report_id = :r "
        f"AND renewed >= now() - interval '{int(lapse_s)} seconds'"), {"r": report_id}).first()
    return None if held is None else Lease(report_id, held[1] == holder, held[0], _host(held[1]), held[2])


def renew(conn: Connection, report_id: int, holder: str) -> bool:
    """Keep the lease; False when it was lost (it lapsed and someone else took it): the window then turns
    read-only rather than write over the other's edits."""
    return conn.execute(text("UPDATE edit_leases SET renewed = now() WHERE report_id = :r AND holder = :h"),
                        {"r": report_id, "h": holder}).rowcount == 1


def holds(conn: Connection, report_id: int, holder: str) -> bool:
    """Whether `holder` still holds the lease, read inside a write's transaction: an edit retried after the
    network came back must not land on a report someone else took meanwhile. The row is locked (FOR UPDATE)
    until the write commits, so the lease cannot change hands in between."""
    return conn.execute(text("SELECT 1 FROM edit_leases WHERE report_id = :r AND holder = :h FOR UPDATE"),
                        {"r": report_id, "h": holder}).first() is not None


def release(conn: Connection, report_id: int, holder: str) -> None:
    conn.execute(text("DELETE FROM edit_leases WHERE report_id = :r AND holder = :h"), {"r": report_id, "h": holder})


def _host(holder: str) -> str:
    return holder.rsplit(":", 2)[0]
