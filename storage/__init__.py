"""Local storage: the SQLite database of agencies and reports, and where the program keeps its files.

repository (the API the window and the command line use), open_file (putting a held file to work: background
backups, transactions, closing), holding (checks, lock, upgrade or creation before SQLAlchemy is needed), plain_read
(the newest report and the list read with sqlite3 alone), starting (the window's repository while SQLAlchemy loads),
file_format (the marks and schema version of our files), queries (rows and stored reports read in a transaction), revisions (the log of changes:
how each kind of change is read, written and described), schema (tables), migrations (older files), database
(opening safely, connection settings), clean_close (when the full integrity check can be skipped), backups
(taken when the content changed, kept by age), errors (Chinese messages), cell_text (exact cell values),
ledger_rows (the ledger's rows), locations (the user's data folder), log_file (the program's log),
year_reports and review_inputs (stored reports by agency and year, as commands and the review ask for them).
Carrying last year's figures into a new year follows report.carry.
"""
