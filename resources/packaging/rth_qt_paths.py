# Run-time hook of the packaged program, in place of PyInstaller's own for PySide6: that one imports
# PySide6.QtCore at every start, `check` and `db list` included (Qt's libraries and PySide6's import hook,
# which then slows every later import), only to embed a qt.conf that the PySide6 wheel already embeds itself.
# Here only Qt's plugin folder is set, before anything of Qt loads; a QT_PLUGIN_PATH left in the environment
# for a system's own Qt (as some Kylin and UOS desktops set one) must not lead ours to another Qt's plugins.
import os
import sys

os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6", "Qt", "plugins")
