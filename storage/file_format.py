"""What marks a database file as ours and which schema it holds, and the statuses a report can have.

Apart from storage.schema (SQLAlchemy's classes of the tables) so that looking at a file, holding it and reading
it with sqlite3 alone (storage.holding, storage.plain_read) do not import SQLAlchemy.
"""

from report.status import Status

SCHEMA_VERSION = 4  # PRAGMA user_version of a file this program writes
APPLICATION_ID = 0x47494152  # PRAGMA application_id: "GIAR", marks the file as ours

DRAFT, FINAL = Status.DRAFT.value, Status.FINAL.value  # stored as plain text
STATUSES = tuple(s.value for s in Status)
