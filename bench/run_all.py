"""Runs every benchmark in this folder (each prints its own figures)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"run_all.py", "bare_window.py"}

failed = 0
for script in sorted(HERE.glob("*.py")):
    if script.name in SKIP or script.name.startswith("_"):
        continue
    print(f"== {script.name}", flush=True)
    failed += subprocess.run([sys.executable, str(script)]).returncode != 0
sys.exit(1 if failed else 0)
