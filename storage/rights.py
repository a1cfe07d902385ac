"""What the open database lets its user do with reports, asked once when it is opened so that the window offers
only that: a file, everything (or nothing, opened read-only); a shared server database, what the server grants the
login (a reviewer reads only; a clerk writes only the reports of their own agencies).

The server enforces it whatever the window offers; this only keeps the window from offering what would be refused.
Plain data, cheap to import: the window asks before SQLAlchemy has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rights:
    create: bool  # start a new report (新建报告, 以上年报告为基础)
    change: bool  # edit, delete and restore reports
    new_agencies: bool  # a report of an agency not yet in the database; else only of the agencies listed to it

    @property
    def read_only(self) -> bool:
        return not (self.create or self.change)


EVERYTHING = Rights(create=True, change=True, new_agencies=True)
READING = Rights(create=False, change=False, new_agencies=False)
