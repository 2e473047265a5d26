"""Build the graph: source files -> records -> checks -> triples -> the store, one named graph each.

Files are read in parallel over the machine's cores (reading a PDF is the slow part); the
store is written by this process alone, each document as soon as it has been read, while the
workers read the next. A file whose content (sha256) is already in the store
is skipped unless forced. A document that fails to read leaves the store as it was and the
others still land. A failed check (a stated total that differs from its list) is reported,
and the document's records are still written so that a person can inspect them.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from kg import settings
from kg.errors import SourceError
from kg.extract import READERS, extract
from kg.pipeline.linking import relink
from kg.model.checks import CheckFailure, check_report
from kg.model.records import CommitteeReport, Document
from kg.rdf.iris import Minter
from kg.rdf.mapping import map_document, map_register
from kg.reference.register import Register
from kg.store import Store

__all__ = ["DocumentResult", "build", "collect", "sample_path", "load_register", "terminal_progress"]


@dataclass
class DocumentResult:
    path: Path
    status: str  # read | unchanged | failed
    symbol: str = ""
    record: Document | None = None
    error: str = ""
    failures: list[CheckFailure] = field(default_factory=list)
    triples: int = 0


def sample_path() -> Path:
    """The bundled sample: the text of report A/73/505 of the First Committee (2018)."""
    from importlib.resources import files

    return Path(str(files("kg.samples") / "A_73_505.txt"))


def collect(paths: Iterable[Path]) -> list[Path]:
    """The files to read: each file given, and every file of a known kind under each folder given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
        else:
            out.append(path)
    return out


def load_register(store: Store, minter: Minter, register: Register) -> None:
    """(Re)write the register's graph: states, names, codes, membership."""
    graph = map_register(register, minter)
    store.replace_graph(str(minter.register_graph()), graph.serialize(format="nt"))


def _read(path: Path, symbol: str | None) -> Document | str:
    """The records of one file, or the reason it could not be read (runs in a worker process)."""
    try:
        return extract(path, Register.load(), symbol)
    except SourceError as exc:
        return str(exc)
    except OSError as exc:
        return f"{path.name}: cannot read: {exc.strerror or exc}"


def build(paths: list[Path], store: Store, *, symbol: str | None = None, force: bool = False,
          workers: int | None = None, progress: Callable[[int, int, Path], None] | None = None) -> list[DocumentResult]:
    """Read each file into its own named graph; ``symbol`` names the document when there is one file."""
    minter = Minter(settings.get("base_iri"))
    register = Register.load()
    load_register(store, minter, register)
    results: dict[Path, DocumentResult] = {}
    todo: list[Path] = []
    for path in paths:
        try:
            content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            results[path] = DocumentResult(path, "failed", error=f"{path.name}: cannot read: {exc.strerror or exc}")
            continue
        graph = None if force else store.graph_of_source(content_hash)
        if graph is not None and (symbol is None or graph == str(minter.graph(symbol))):
            results[path] = DocumentResult(path, "unchanged", graph.rsplit("/graph/", 1)[-1],
                                           triples=store.count(graph))
        else:
            todo.append(path)
    for path, record in _counting(_reading(todo, symbol, workers), len(todo), progress):
        results[path] = _write(path, record, store, minter, register)
    if todo:
        relink(store, minter)  # a new report or resolution may link a draft to a resolution
    store.flush()
    return [results[p] for p in paths]


def _reading(todo: list[Path], symbol: str | None, workers: int | None) -> Iterator[tuple[Path, Document | str]]:
    """Each file with its records (or the reason it failed) as soon as it has been read: in worker
    processes, one per core, the largest files first so that no long one is left to the end; the
    caller writes one document while the workers read the next."""
    workers = min(workers or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        for path in todo:
            yield path, _read(path, symbol)
        return
    pool = ProcessPoolExecutor(workers)
    try:
        by_size = sorted(todo, key=_size, reverse=True)
        futures = {pool.submit(_read, path, symbol): path for path in by_size}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        pool.shutdown(cancel_futures=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone since it was hashed: its reader says so


def _counting(pairs, total: int, progress):  # type: ignore[no-untyped-def]
    for done, pair in enumerate(pairs, start=1):
        if progress:
            progress(done, total, pair[0])
        yield pair


def _write(path: Path, record: Document | str, store: Store, minter: Minter, register: Register) -> DocumentResult:
    if isinstance(record, str):
        return DocumentResult(path, "failed", error=record)
    failures = check_report(record, register.members_on) if isinstance(record, CommitteeReport) else []
    graph = map_document(record, minter)
    store.replace_graph(str(minter.graph(record.symbol)), graph.serialize(format="nt"))
    return DocumentResult(path, "read", record.symbol, record, failures=failures, triples=len(graph))


def terminal_progress(done: int, total: int, path: Path) -> None:
    """A progress bar on standard error, when it is a terminal."""
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {path.name[:40]:40}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
