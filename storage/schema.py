"""The tables of the database file, as SQLAlchemy's typed ORM classes: the current schema.

A new file is created from these classes; an older file is brought to the same shape by storage.migrations.
Cell values are TEXT holding the exact number as entered ("16.8950", "-3"): never REAL, never float. Only input
cells are stored; totals are always computed by report.calc.
"""

from __future__ import annotations

import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .file_format import APPLICATION_ID, DRAFT, FINAL, SCHEMA_VERSION, STATUSES

__all__ = ["APPLICATION_ID", "DRAFT", "FINAL", "SCHEMA_VERSION", "STATUSES", "Base", "Agency", "ReportRow", "CellRow",
           "TextRow", "Revision", "ApplicationRow"]


LIVE = "deleted_at IS NULL"


class Base(DeclarativeBase):
    pass


class Agency(Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime)


class ReportRow(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    year: Mapped[int] = mapped_column(Integer)
    format_id: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), default=DRAFT)
    date: Mapped[datetime.date | None] = mapped_column(Date)  # 成文日期; added in schema 2
    # 由台账生成: table 三 (and section 四) follow the agency's ledger and are not typed; added in schema 4
    ledger: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # "0" on SQLite, "false" on a server
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime.datetime] = mapped_column(DateTime)
    deleted_at: Mapped[datetime.datetime | None] = mapped_column(DateTime)  # deleted reports are kept

    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in STATUSES)})", name="reports_status"),
        # One live report per agency and year; deleted ones may repeat it. PostgreSQL's form: server_metadata.
        Index("reports_agency_year", "agency_id", "year", unique=True, sqlite_where=text(LIVE)),
    )


class CellRow(Base):
    __tablename__ = "cells"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    cell_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(48))  # exact decimal text

    __table_args__ = ({"sqlite_with_rowid": False},)


class TextRow(Base):
    __tablename__ = "texts"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    section_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    text: Mapped[str] = mapped_column(Text)

    __table_args__ = ({"sqlite_with_rowid": False},)


class Revision(Base):
    """One change to a report: `kind` says what (cell, text, status, date, format, create, delete, undelete,
    restore), `target` which cell or section, `old` → `new` as stored text (None: absent)."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    at: Mapped[datetime.datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str | None] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)  # a note, e.g. where an import came from

    __table_args__ = (Index("revisions_report", "report_id", "id"),)


class ApplicationRow(Base):
    """One application of an agency's ledger (依申请公开台账), spanning years; added in schema 3.

    `applicant` is personal information: it stays in this table and is never written to a report, an exchange
    file or any published output. Dates are ISO text; `fee` the exact decimal text in 元; `corrections` the 补正
    periods as 「asked/received」 ISO pairs separated by 「;」 (received empty while outstanding)."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    number: Mapped[str] = mapped_column(String(64))
    received: Mapped[datetime.date] = mapped_column(Date)
    applicant_type: Mapped[str] = mapped_column(String(32))
    applicant: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    corrections: Mapped[str] = mapped_column(Text)
    extended: Mapped[bool] = mapped_column(Boolean)
    answered: Mapped[datetime.date | None] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(64))
    fee: Mapped[str] = mapped_column(String(24))
    review: Mapped[str] = mapped_column(Text)
    suit: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime.datetime] = mapped_column(DateTime)

    __table_args__ = (Index("applications_agency_number", "agency_id", "number", unique=True),)


def server_metadata() -> MetaData:
    """The tables as a PostgreSQL server creates them: the partial index's WHERE added in PostgreSQL's option too.
    Not written into the class: naming a postgresql_ option makes SQLAlchemy load its PostgreSQL dialect (~2 MiB
    resident, ~0.1 s) in every window on a SQLite file, which never uses it. Adding it again changes nothing."""
    table = ReportRow.__table__
    assert isinstance(table, Table)  # a declared class's table (FromClause to the type checker)
    index = next(i for i in table.indexes if i.name == "reports_agency_year")
    index.dialect_kwargs["postgresql_where"] = text(LIVE)
    return Base.metadata
