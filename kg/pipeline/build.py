"""Build the graph: source files -> records -> checks -> triples -> the store, one named graph each.

Files are read in parallel over the machine's cores (reading a PDF is the slow part); the
store is written by this process alone, each document as soon as it has been read, while the
workers read the next. A file whose content (sha256) is already in the store is left unchanged
unless forced. A document of a kind unkg does not read is skipped with its kind
and the reason. A document that fails to read -- by a rule of its kind, or by an unexpected error
in its extraction or mapping (rule ``internal-error``) -- leaves the store as it was and the others
still land. A failed check (a stated total that differs from its list) is reported, and the
document's records are still written so that a person can inspect them.
"""

from __future__ import annotations

import hashlib
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from kg import settings
from kg.errors import SourceError
from kg import symbols
from kg.extract import READERS, NotRead, extract, kind_by_symbol, kind_of
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
    status: str  # read | unchanged | skipped (a kind unkg does not read) | failed
    symbol: str = ""
    record: Document | None = None
    error: str = ""  # why it failed, or why it was skipped
    failures: list[CheckFailure] = field(default_factory=list)
    triples: int = 0
    kind: str = ""  # committee report, resolution, draft; for a skipped one its kind (note, letter, ...)


@dataclass(frozen=True)
class _NotRead:
    """Why a file gave no records: skipped (its kind and reason) or failed (the error)."""

    status: str  # skipped | failed
    kind: str
    error: str
    symbol: str = ""


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


def _failed_kind(path: Path, document: str, given: str | None) -> str:
    """The kind a failed file promised: a draft or resolution by its symbol (as the error names it, as given,
    else from the file name); a committee report when a parser named another symbol; else unknown (the file
    could not be read at all)."""
    for candidate in (document, given, symbols.from_filename(path.name)):
        promised = kind_by_symbol(candidate) if candidate else None
        if promised:
            return promised
    return "committee report" if symbols.SYMBOL_RE.fullmatch(document) else "unknown"


def internal_error(path: Path, exc: BaseException) -> str:
    """An unexpected exception as one document's failure: its type, message and where it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{path.name}: {type(exc).__name__}: {exc}{where} [rule: internal-error]"


def _read(path: Path, symbol: str | None) -> Document | _NotRead:
    """The records of one file, or why it gave none (runs in a worker process; never raises)."""
    try:
        return extract(path, Register.load(), symbol)
    except NotRead as exc:
        return _NotRead("skipped", exc.kind, str(exc), exc.symbol)
    except SourceError as exc:
        return _NotRead("failed", _failed_kind(path, exc.document, symbol), str(exc))
    except OSError as exc:
        return _NotRead("failed", _failed_kind(path, "", symbol), f"{path.name}: cannot read: {exc.strerror or exc}")
    except Exception as exc:  # an unexpected error in one document is that document's failure, not the run's
        return _NotRead("failed", _failed_kind(path, "", symbol), internal_error(path, exc))


def _outcome(path: Path, future: Future, symbol: str | None) -> Document | _NotRead:
    """The result of a worker, or the failure of the worker itself (a process that ended abruptly)."""
    try:
        return future.result()
    except Exception as exc:
        return _NotRead("failed", _failed_kind(path, "", symbol), internal_error(path, exc))


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
            results[path] = DocumentResult(path, "failed", error=f"{path.name}: cannot read: {exc.strerror or exc}",
                                           kind=_failed_kind(path, "", symbol))
            continue
        graph = None if force else store.graph_of_source(content_hash)
        if graph is not None and (symbol is None or graph == str(minter.graph(symbol))):
            kept = graph.rsplit("/graph/", 1)[-1]
            results[path] = DocumentResult(path, "unchanged", kept, triples=store.count(graph),
                                           kind=kind_by_symbol(kept) or "committee report")
        else:
            todo.append(path)
    for path, record in _counting(_reading(todo, symbol, workers), len(todo), progress):
        results[path] = _write(path, record, store, minter, register)
    if todo:
        relink(store, minter)  # a new report or resolution may link a draft to a resolution
    store.flush()
    return [results[p] for p in paths]


def _reading(todo: list[Path], symbol: str | None,
             workers: int | None) -> Iterator[tuple[Path, Document | _NotRead]]:
    """Each file with its records (or why it gave none) as soon as it has been read: in worker
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
            yield futures[future], _outcome(futures[future], future, symbol)
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


def _write(path: Path, record: Document | _NotRead, store: Store, minter: Minter, register: Register) -> DocumentResult:
    if isinstance(record, _NotRead):
        return DocumentResult(path, record.status, record.symbol, error=record.error, kind=record.kind)
    try:
        failures = check_report(record, register.members_on) if isinstance(record, CommitteeReport) else []
        graph = map_document(record, minter)
        triples = graph.serialize(format="nt")
    except Exception as exc:  # a mapping error is this document's failure: the store is not touched
        return DocumentResult(path, "failed", record.symbol, error=internal_error(path, exc), kind=kind_of(record))
    store.replace_graph(str(minter.graph(record.symbol)), triples)
    return DocumentResult(path, "read", record.symbol, record, failures=failures, triples=len(graph),
                          kind=kind_of(record))


def terminal_progress(done: int, total: int, path: Path) -> None:
    """A progress bar on standard error, when it is a terminal."""
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {path.name[:40]:40}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
