"""The project guards itself: its layers (import-linter), lint rules (ruff) and types (mypy), all configured in
pyproject.toml, and the size of its modules are checked here and so by `make test` and CI. Each tool runs as the
developer would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("report", "storage", "export", "importer", "gui")
# A module past this many lines does several jobs: split it by what it holds, not by where the count falls.
MAX_MODULE_LINES = 450
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    # The tree under test first on the path, not whatever checkout an editable install points at.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(cwd), os.environ.get("PYTHONPATH")])))
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600
    )


def assert_passes(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"exit status {result.returncode}\n{result.stdout}\n{result.stderr}"


def test_the_layers_hold():
    assert_passes(run(["-c", LINT_IMPORTS, "--no-cache"]))


def test_ruff_finds_nothing():
    assert_passes(run(["-m", "ruff", "check", "--no-cache", "."]))


def test_mypy_finds_nothing(tmp_path):
    """report/ strictly, storage/ as a whole (the files and flags are pyproject.toml's)."""
    assert_passes(run(["-m", "mypy", "--cache-dir", str(tmp_path / "mypy")]))


def test_a_crossed_layer_fails_the_check(tmp_path):
    """The contract has teeth: the same tree with the core importing an exporter is refused, naming the import."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with open(tmp_path / "report" / "model.py", "a", encoding="utf-8") as f:
        f.write("\nfrom export import layout\n")
    result = run(["-c", LINT_IMPORTS, "--no-cache"], cwd=tmp_path)
    assert result.returncode != 0
    assert "report.model -> export.layout" in result.stdout


def product_modules() -> list[Path]:
    """The program's own code: main.py, the packages, and the scripts under resources/ (not tests, not bench)."""
    folders = [ROOT / package for package in PACKAGES] + [ROOT / "resources"]
    return [ROOT / "main.py", *sorted(path for folder in folders for path in folder.rglob("*.py"))]


def test_no_product_module_is_too_long():
    modules = product_modules()
    assert ROOT / "report" / "model.py" in modules and ROOT / "resources" / "packaging" / "slim_icu.py" in modules
    lines = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines()) for path in modules}
    assert {name: n for name, n in lines.items() if n > MAX_MODULE_LINES} == {}
