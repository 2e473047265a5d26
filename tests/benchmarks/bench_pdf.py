"""Benchmark: the PDF path on a whole session's documents (``ga-session-80`` of the corpus, 480 PDFs).

Prints, in one run and on the same pages: plain pypdfium2 text extraction (one process, the yardstick),
each engine's reader alone (lines and layout), each engine's whole unkg path (layout, parsing, records; one process), and ``unkg build`` of the
folder into a new on-disk store (a process of its own, readers over all cores), as pages per second
and as times the yardstick's time; then the peak memory of the build and of reading a 2,000-page PDF
(the ``pdf_max_pages`` limit) beside a 20-page one. Every time is also given in processor seconds (for
the build, all its processes together): on a machine shared with other work, the other processes' share
of the cores lengthens every wall time, and the processor time tells what the build would take on cores
of its own. Unless ``--no-compare``, it also compares the two
engines' lines on every page (as tests/extract/test_pdf_engines.py does on a sample). Each figure is
printed with the machine's load average when it was taken.

Run: ``python tests/benchmarks/bench_pdf.py [--corpus DIR] [--every N] [--no-compare] [--no-reference]``
(``--every N`` takes every N-th PDF of the folder, for a quicker run; ``--no-reference`` leaves out the
timings of the reference engine, pdfplumber, which take ten minutes on the whole folder).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "extract"))

from kg.errors import SourceError  # noqa: E402
from kg.extract import NotRead, extract, read_layout  # noqa: E402
from kg.extract.pdf import read_pdf  # noqa: E402
from kg.reference.register import Register  # noqa: E402

TARGET_SECONDS, TARGET_RATIO, TARGET_MEMORY = 60, 4.0, 1 << 30


def load() -> str:
    return "load " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def plain_text(pdfs: list[Path]) -> tuple[int, float, float]:
    """Pages, seconds and processor seconds of pypdfium2's own text extraction, page by page, in this process."""
    pages, start, processor = 0, time.perf_counter(), time.process_time()
    for path in pdfs:
        doc = pdfium.PdfDocument(path)
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        doc.close()
    return pages, time.perf_counter() - start, time.process_time() - processor


def whole_path(pdfs: list[Path], engine: str) -> tuple[float, float, int]:
    """Seconds and processor seconds of unkg's extraction (layout, parser, records) of every PDF with
    ``engine``, and the documents it read (the others are refused or skipped with a reason, as the build does)."""
    os.environ["UNKG_PDF_ENGINE"] = engine
    register, read = Register.load(), 0
    start, processor = time.perf_counter(), time.process_time()
    for path in pdfs:
        try:
            extract(path, register)
            read += 1
        except (SourceError, NotRead):
            pass
    return time.perf_counter() - start, time.process_time() - processor, read


def layout(pdfs: list[Path], engine: str) -> tuple[float, float]:
    """Seconds and processor seconds of the reader alone with ``engine``: the classified lines and their
    layout, no parsing."""
    os.environ["UNKG_PDF_ENGINE"] = engine
    start, processor = time.perf_counter(), time.process_time()
    for path in pdfs:
        try:
            read_layout(path)
        except SourceError:
            pass
    return time.perf_counter() - start, time.process_time() - processor


def build(folder: Path, pdfs: list[Path]) -> tuple[float, float, int, str]:
    """Seconds and processor seconds (user and system, all its processes) of ``unkg build`` into a new
    on-disk store, and its peak memory (kB, all its processes together, sampled every 0.1 s)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = Path(tmp) / "in"
        if len(pdfs) < len(list(folder.rglob("*.pdf"))):  # a sample: links to its files
            files.mkdir()
            for path in pdfs:
                (files / path.name).symlink_to(path)
        else:
            files = folder
        env = {**os.environ, "UNKG_PDF_ENGINE": "pdfium"}
        output = Path(tmp) / "output.txt"  # a file, not a pipe: the build prints a line per document
        with output.open("w") as sink:
            start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(files), "--store",
                                        str(Path(tmp) / "store")], cwd=ROOT, env=env, stdout=sink, stderr=sink)
            peak = 0
            while process.poll() is None:
                peak = max(peak, _tree_rss(process.pid))
                time.sleep(0.1)
            seconds, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        out = err = output.read_text()
    summary = next((line for line in out.splitlines() if line.startswith("documents:")), err[-300:])
    processor = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, processor, peak, summary


def _tree_rss(pid: int) -> int:
    """Resident memory (kB) of a process and its children."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _tree_rss(int(child))
    except (OSError, ValueError):
        pass
    return total


def peak_reading(path: Path) -> int:
    """Peak memory (kB) of a fresh process that reads ``path`` with the default engine."""
    code = ("import resource, sys; from pathlib import Path; from kg.extract.pdf import read_pdf; "
            "lines = read_pdf(Path(sys.argv[1])); print(len(lines), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


def long_pdf(source: Path, pages: int, path: Path) -> Path:
    """A PDF of ``pages`` pages: the pages of ``source`` again and again."""
    doc, src = pdfium.PdfDocument.new(), pdfium.PdfDocument(source)
    while len(doc) < pages:
        doc.import_pages(src, list(range(min(len(src), pages - len(doc)))))
    doc.save(path)
    return path


def compare(pdfs: list[Path], corpus: Path) -> None:
    from test_pdf_engines import KNOWN, differences

    unexpected = 0
    for path in pdfs:
        found = differences(read_pdf(path, "pdfplumber"), read_pdf(path, "pdfium"))
        if found != KNOWN.get(str(path.relative_to(corpus)), []):
            unexpected += 1
            print(f"  the engines differ on {path.name}: {found[:3]}")
    print(f"lines compared on {len(pdfs)} PDFs: {unexpected} with a difference not known ({load()})")


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpus", type=Path, default=Path(os.environ.get("UNKG_CORPUS") or ROOT.parent / "shared" / "corpus"))
    options.add_argument("--every", type=int, default=1)
    options.add_argument("--no-compare", action="store_true")
    options.add_argument("--no-reference", action="store_true")
    args = options.parse_args()
    folder = args.corpus / "ga-session-80"
    pdfs = sorted(folder.rglob("*.pdf"))[:: args.every]
    print(f"{len(pdfs)} PDFs of {folder}, {os.cpu_count()} cores")

    pages, plain, plain_processor = plain_text(pdfs)
    print(f"plain pypdfium2 text, one process:   {pages / plain:7.1f} pages/s  {plain:7.1f} s  1.00x  "
          f"(processor {plain_processor:.1f} s; {load()})")
    engines = ("pdfium",) if args.no_reference else ("pdfium", "pdfplumber")
    for engine in engines:
        seconds, processor = layout(pdfs, engine)
        print(f"unkg layout only, {engine:10}, one process: {pages / seconds:6.1f} pages/s  {seconds:7.1f} s  "
              f"{seconds / plain:5.2f}x  (processor {processor:.1f} s, {processor / plain_processor:.2f}x; {load()})")
    for engine in engines:
        seconds, processor, read = whole_path(pdfs, engine)
        print(f"unkg whole path, {engine:10}, one process: {pages / seconds:6.1f} pages/s  {seconds:7.1f} s  "
              f"{seconds / plain:5.2f}x  (processor {processor:.1f} s, {processor / plain_processor:.2f}x; {read} "
              f"documents read; {load()})")
    seconds, processor, peak, summary = build(folder, pdfs)
    print(f"unkg build into a new on-disk store:  {pages / seconds:6.1f} pages/s  {seconds:7.1f} s  {seconds / plain:5.2f}x"
          f"  (target <= {TARGET_SECONDS} s for the folder and <= {TARGET_RATIO:.0f}x; {load()})")
    print(f"  processor time of the build, all its processes: {processor:.1f} s, {processor / plain_processor:.2f}x the "
          f"yardstick's; on {os.cpu_count()} cores of its own at least {processor / (os.cpu_count() or 1):.1f} s, "
          f"{processor / (os.cpu_count() or 1) / plain_processor:.2f}x")
    print(f"  {summary}")
    print(f"  peak memory of the build, all its processes: {peak / 1024:.0f} MiB (target < {TARGET_MEMORY >> 20} MiB)")

    with tempfile.TemporaryDirectory() as tmp:
        source = args.corpus / "un-su" / "1971-09-29_A_L.632-EN.pdf"  # two short pages
        small, large = long_pdf(source, 20, Path(tmp) / "A_73_1.pdf"), long_pdf(source, 2000, Path(tmp) / "A_73_2.pdf")
        print(f"peak memory reading 20 pages: {peak_reading(small) / 1024:.0f} MiB; 2,000 pages: "
              f"{peak_reading(large) / 1024:.0f} MiB ({load()})")
    if not args.no_compare:
        compare(pdfs, args.corpus)


if __name__ == "__main__":
    main()
