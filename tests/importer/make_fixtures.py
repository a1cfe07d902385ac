"""Regenerate the committed PDF fixtures: python -m tests.importer.make_fixtures (needs LibreOffice's soffice).

Each PDF is made the way agencies make theirs: a Word file (python-docx, merged cells) exported by LibreOffice.
The PDFs are committed so that the tests need no LibreOffice; this script says how they were made.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from . import render, samples

HERE = Path(__file__).resolve().parent / "fixtures"


def to_pdf(docx: bytes, name: str) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice：apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{name}.docx"
        source.write_bytes(docx)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=180)
        target = HERE / f"{name}.pdf"
        shutil.copyfile(Path(tmp) / f"{name}.pdf", target)
        return target


def main() -> None:
    HERE.mkdir(exist_ok=True)
    seed = samples.seed()
    print(to_pdf(render.docx_bytes(seed, blank=samples.seed_blanks()), "seed_2020"))
    print(to_pdf(render.docx_bytes(samples.full("2021", 2022)), "full_2021"))
    print(to_pdf(render.docx_bytes(samples.full("2019", 2020, preamble=False)), "full_2019"))


if __name__ == "__main__":
    main()
