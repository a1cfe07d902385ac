"""The Qt window: shows and edits a report; every total and check lives in `report`."""

import PySide6.QtCore  # noqa: F401  (every module here needs it; its import hook is then in place to adjust)

from .pyside_import_hook import install as _install_import_hook

_install_import_hook()  # before anything else is imported after PySide6 (see the module)
