"""Benchmark: the whole PDF path (layout reader, parser, records) beside pdfplumber's bare
``extract_text`` on the same pages, and a folder of 100 documents on one core and on all cores.

Run: ``python tests/benchmarks/bench_pdf.py``. Uses the real resolutions and draft in
``tests/fixtures/pdf`` and report A/73/505 rendered into the UN layout.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

from render_report_pdf import render  # noqa: E402

from kg.pipeline.build import build, sample_path  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.reference.register import Register  # noqa: E402
from kg.store import Store  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rendered = Path(folder) / "A_73_505.pdf"
        render(sample_path(), rendered, "A/73/505")
        pdfs = sorted((FIXTURES / "pdf").glob("*.pdf")) + [rendered]
        pages = 0
        start = time.perf_counter()
        for path in pdfs:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
        bare = time.perf_counter() - start
        register = Register.load()
        start = time.perf_counter()
        for path in pdfs:
            extract(path, register)
        whole = time.perf_counter() - start
        print(f"{len(pdfs)} PDFs, {pages} pages")
        print(f"pdfplumber extract_text: {pages / bare:6.1f} pages/s ({bare:.2f} s)")
        print(f"unkg whole PDF path:     {pages / whole:6.1f} pages/s ({whole:.2f} s)")
        print(f"ratio whole/bare: {whole / bare:.2f} (target <= 1.5)")

        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        for i in range(100):
            source = pdfs[i % len(pdfs)]
            shutil.copy(source, corpus / f"{i:03d}_{source.name}")
        files = sorted(corpus.iterdir())
        timings = {}
        for workers in (1, os.cpu_count() or 1):
            store = Store.open(None)
            start = time.perf_counter()
            results = build(files, store, workers=workers, force=True)
            timings[workers] = time.perf_counter() - start
            read = sum(r.status == "read" for r in results)
            print(f"folder of {len(files)} documents, {workers} worker(s): {timings[workers]:.1f} s ({read} read)")
        if len(timings) > 1:
            print(f"speed-up on {os.cpu_count()} cores: {timings[1] / timings[max(timings)]:.2f}x")


if __name__ == "__main__":
    main()
