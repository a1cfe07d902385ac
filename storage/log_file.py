"""The program's log file (rotating, in the user's data folder), where unexpected errors leave their details."""

from __future__ import annotations

import logging
from pathlib import Path

from .locations import log_path


class LogFile(logging.Handler):
    """The rotating log file, opened at the first record: most runs log nothing, and logging.handlers (with the
    socket module it imports) would cost every start, `check` included, ~15 ms."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                import logging.handlers

                self._file = logging.handlers.RotatingFileHandler(self.path, maxBytes=1_000_000, backupCount=3,
                                                                  encoding="utf-8")
                self._file.setFormatter(self.formatter)
            self._file.emit(record)
        except Exception:  # logging must never stop the program
            self.handleError(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def start_logging() -> Path | None:
    """The log file written from now on (unexpected errors with their details); None when none can be."""
    try:
        path = log_path()
    except Exception:  # logging must never stop the program
        return None
    handler = LogFile(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path
