"""Local storage: the SQLite database of agencies and reports, and where the program keeps its files.

repository (the API the window and the command line use), schema (tables), migrations (older files),
database (opening safely, connection settings), clean_close (when the full integrity check can be skipped),
backups (taken when the content changed, kept by age), errors (Chinese messages), carry (new year from last
year), cell_text (exact cell values), locations (the user's data folder).
"""
