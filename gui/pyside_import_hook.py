"""PySide6's import hook, asked the same question without keeping every module's source in memory.

For each module imported after PySide6, shibokensupport's feature check asks whether its source mentions
"PySide6" (whether `from __feature__ import ...` may apply to it), through inspect.getsource, hence linecache,
which keeps every line of every such module: ~20 MiB for SQLAlchemy, ~10 MiB per writer library, scattered
among the objects the import allocated at the same time, so clearing linecache afterwards gives little back.
Reading the file's bytes gives the same answer (the word is ASCII, so any source encoding will do) and leaves
nothing behind. A packaged build has no sources to read: the check then answers as before (no).
"""

from __future__ import annotations

import sys


def install() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original) or getattr(original, "reads_file", False):
        return  # another PySide6, or already done: left as it is

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not (isinstance(path, str) and path.endswith(".py")):
            return original(module)  # built-in, extension or source-less module: PySide6's own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.reads_file = True
    feature._mod_uses_pyside = uses_pyside
