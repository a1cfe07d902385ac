"""The exchange file as an output: the contract's JSON, stamped with when and by what it was written."""

from __future__ import annotations

import datetime

from report import exchange
from report.about import GENERATOR
from report.model import Report

from .files import write_atomically


def write(report: Report, path, *, now: datetime.datetime | None = None) -> None:
    stamp = (now or datetime.datetime.now().astimezone()).isoformat(timespec="seconds")
    text = exchange.dumps(report, exported_at=stamp, generator=GENERATOR)
    write_atomically(path, text.encode("utf-8"))
