"""The program's log file (rotating, in the user's data folder), where unexpected errors leave their details."""

from __future__ import annotations

import logging
from pathlib import Path


class LogFile(logging.Handler):
    """The rotating log file, found and opened at the first record: most runs log nothing, and finding the data
    folder (platformdirs, a test write) or logging.handlers (with the socket module it imports) would cost every
    start, `check` included, ~30 ms."""

    def __init__(self, path: Path | None = None):
        """`path`: where to write; by default the log file in the user's data folder, found at the first need."""
        super().__init__()
        self._file: logging.Handler | None = None
        self._path = path
        self._unusable = False

    def path(self) -> Path | None:
        """Where the log is written; None when no folder for it can be found."""
        if self._path is None and not self._unusable:
            try:
                from .locations import log_path

                self._path = log_path()
            except Exception:  # logging must never stop the program
                self._unusable = True
        return self._path

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                path = self.path()
                if path is None:
                    return
                import logging.handlers

                self._file = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                                  encoding="utf-8")
                self._file.setFormatter(self.formatter)
            self._file.emit(record)
        except Exception:  # logging must never stop the program
            self.handleError(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def start_logging() -> LogFile:
    """The log file written from now on (unexpected errors with their details); its path() is None when none
    can be."""
    handler = LogFile()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return handler
