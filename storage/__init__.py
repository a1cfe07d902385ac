"""Local storage: the SQLite database of agencies and reports, and where the program keeps its files."""
