"""The floor for start-up: a bare Qt window that closes as soon as it is shown (built like the program)."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()


def shown() -> None:
    print("shown", flush=True)  # the moment bench/startup.py times
    app.quit()


QTimer.singleShot(0, shown)
sys.exit(app.exec())
