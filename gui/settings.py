"""What the window remembers between sessions: the export folder, the chosen PDF fonts.

An INI file in the program's data folder (beside the database and the log) rather than the Windows registry:
one place to look, it moves with a portable install (GOV_REPORT_DATA_DIR), and tests get their own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

FILE_NAME = "程序设置.ini"
EXPORT_FOLDER = "export/folder"
FONT_KEY = "export_fonts/{role}"


def settings() -> QSettings:
    from storage.locations import data_dir

    return QSettings(str(data_dir() / FILE_NAME), QSettings.Format.IniFormat)


def export_folder() -> Path:
    """The folder the last export went to, while it exists; else the user's documents folder."""
    saved = settings().value(EXPORT_FOLDER, "", type=str)
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def set_export_folder(folder: Path) -> None:
    s = settings()
    s.setValue(EXPORT_FOLDER, str(folder))
    s.sync()


def font_choice() -> dict[str, Path]:
    """The font file the user chose for each role (export/pdf_fonts.py ROLES); a role left out is automatic."""
    from export.pdf_fonts import ROLES  # here: the fonts module is loaded with the first PDF, not at start

    s = settings()
    chosen = {}
    for role in ROLES:
        value = s.value(FONT_KEY.format(role=role), "", type=str)
        if value:
            chosen[role] = Path(value)
    return chosen


def set_font_choice(chosen: dict[str, Path | None]) -> None:
    from export.pdf_fonts import ROLES

    s = settings()
    for role in ROLES:
        path = chosen.get(role)
        if path:
            s.setValue(FONT_KEY.format(role=role), str(path))
        else:
            s.remove(FONT_KEY.format(role=role))
    s.sync()


LAST_SECTION = "last_section/{agency}/{year}"
IM_WARNING_OFF = "input_method/warning_off"  # the clerk ticked 不再提示 under the input-method warning


def last_section(agency: str, year: int) -> str:
    """The section the clerk last worked on in this agency's report on `year` ("" when never opened)."""
    return settings().value(LAST_SECTION.format(agency=agency, year=year), "", type=str)


def set_last_section(agency: str, year: int, section_id: str) -> None:
    settings().setValue(LAST_SECTION.format(agency=agency, year=year), section_id)


# The window as the clerk left it (QMainWindow.saveGeometry: size, place, maximised), the divider between the
# report and the findings strip (QSplitter.saveState).
WINDOW_GEOMETRY = "window/geometry"
WINDOW_SPLITTER = "window/splitter"


def window_value(key: str):
    """A saved QByteArray or str; None when nothing was saved yet."""
    value = settings().value(key)
    return value if value else None


def set_window_values(values: dict) -> None:
    s = settings()
    for key, value in values.items():
        s.setValue(key, value)
    s.sync()


HOLIDAYS = "ledger/holidays"


def holiday_text() -> str:
    """The clerk's own holiday arrangements for years the program does not ship (report.workdays.parse)."""
    return settings().value(HOLIDAYS, "", type=str)


def set_holiday_text(text: str) -> None:
    s = settings()
    s.setValue(HOLIDAYS, text)
    s.sync()


# 文件 → 连接共享数据库…: the server last connected to, everything but the password (which only the system's
# keyring may keep: gui/saved_passwords.py).
SHARED_DB = "shared_database/{field}"
SHARED_DB_FIELDS = ("host", "port", "database", "login", "options")


def shared_database() -> dict[str, str]:
    """The fields of the last connection made through the dialog ("" for each never given)."""
    s = settings()
    return {field: s.value(SHARED_DB.format(field=field), "", type=str) for field in SHARED_DB_FIELDS}


def set_shared_database(fields: dict[str, str]) -> None:
    s = settings()
    for field in SHARED_DB_FIELDS:
        s.setValue(SHARED_DB.format(field=field), str(fields.get(field, "")))
    s.sync()


SHARED_AT_START = "shared_database/at_start"  # the window was on the shared database when it was last used


def shared_at_start() -> bool:
    return settings().value(SHARED_AT_START, False, type=bool)


def set_shared_at_start(on: bool) -> None:
    s = settings()
    s.setValue(SHARED_AT_START, on)
    s.sync()
