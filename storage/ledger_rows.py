"""Applications of the ledger to and from their database rows (storage.schema.ApplicationRow)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from report.ledger import Application, Correction

if TYPE_CHECKING:  # the ledger's text forms are also read without SQLAlchemy (storage.plain_read)
    from .schema import ApplicationRow


def corrections_text(corrections: tuple[Correction, ...]) -> str:
    return ";".join(f"{c.asked.isoformat()}/{c.received.isoformat() if c.received else ''}" for c in corrections)


def corrections_of(text: str) -> tuple[Correction, ...]:
    out = []
    for pair in filter(None, text.split(";")):
        asked, _, received = pair.partition("/")
        out.append(Correction(datetime.date.fromisoformat(asked),
                              datetime.date.fromisoformat(received) if received else None))
    return tuple(out)


def to_row(app: Application, agency_id: int, now: datetime.datetime, row: ApplicationRow | None = None) -> ApplicationRow:
    """`row` filled from `app` (a new row when None)."""
    from .schema import ApplicationRow

    row = row or ApplicationRow(agency_id=agency_id, number=app.number)
    for name, value in columns(app).items():
        setattr(row, name, value)
    row.updated_at = now
    return row


def columns(app: Application) -> dict[str, object]:
    """The row's columns that hold `app` (all but its number, agency and stamp)."""
    return {"received": app.received, "applicant_type": app.applicant_type, "applicant": app.applicant,
            "content": app.content, "corrections": corrections_text(app.corrections), "extended": app.extended,
            "answered": app.answered, "result": app.result, "fee": str(app.fee), "review": app.review,
            "suit": app.suit}


def from_row(row: ApplicationRow) -> Application:
    return Application(
        number=row.number,
        received=row.received,
        applicant_type=row.applicant_type,
        applicant=row.applicant,
        content=row.content,
        corrections=corrections_of(row.corrections),
        extended=bool(row.extended),
        answered=row.answered,
        result=row.result,
        fee=Decimal(row.fee),
        review=row.review,
        suit=row.suit,
    )
