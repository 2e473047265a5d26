"""Import the plenary record: roll-call files -> records -> N-Triples -> the store's bulk loader, one named graph.

The roll calls of 1946-2019 are about five million triples, so they take a path of their own beside
``kg.pipeline.build``: the records are written as N-Triples into a temporary file, which the store
bulk-loads into the graph ``graph/unvotes``, replacing it whole. Nothing is written when a state
label does not resolve. The same files (and the same selection of sessions) are not imported twice
unless forced: the graph keeps the sha256 of what it was read from. Afterwards the links between
committee drafts and resolutions are recomputed (``kg.pipeline.linking``).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import settings
from kg.pipeline.build import load_register
from kg.errors import SourceError
from kg.extract.rollcalls import content_hash, find_files, read_rollcalls
from kg.pipeline.linking import relink
from kg.model.rollcalls import UNVOTES, Link, RollCallImport
from kg.rdf.iris import Minter
from kg.rdf.rollcalls import rollcall_lines
from kg.reference.labels import Labels
from kg.reference.register import Register
from kg.store import Store

__all__ = ["ImportResult", "import_rollcalls", "write_lines", "write_ntriples"]


@dataclass
class ImportResult:
    status: str  # imported | unchanged
    graph: str
    triples: int
    record: RollCallImport | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # read, write, load
    links: list[Link] = field(default_factory=list)
    link_problems: list[str] = field(default_factory=list)


def write_lines(chunks: Iterable[str], path: Path) -> int:
    """Chunks of N-Triples lines (no final newline each) into a file; the number of lines written."""
    triples = 0
    with path.open("w", encoding="utf-8") as out:
        for lines in chunks:
            out.write(lines)
            out.write("\n")
            triples += lines.count("\n") + 1
    return triples


def write_ntriples(record: RollCallImport, minter: Minter, path: Path) -> int:
    """The graph of one import as an N-Triples file; the number of triples (the mapping writes none twice)."""
    return write_lines(rollcall_lines(record, UNVOTES, minter), path)


def import_rollcalls(paths: Iterable[Path], store: Store, *, sessions: Iterable[int] = (), force: bool = False,
                     labels: Labels | None = None) -> ImportResult:
    """Read the roll-call files (of ``sessions``, else all) into the graph of the plenary record."""
    minter = Minter(settings.get("base_iri"))
    graph = str(minter.rollcall_graph())
    paths = list(paths)
    files = find_files(paths)
    if not files:
        raise SourceError(", ".join(str(p) for p in paths) or "(nothing)", "no .rda or .csv files",
                          rule="roll-call-tables")
    sessions = tuple(sorted(set(sessions)))
    if not force and store.graph_of_source(content_hash(files, sessions)) == graph:
        links, problems = relink(store, minter)
        return ImportResult("unchanged", graph, store.count(graph), links=links, link_problems=problems)
    start = time.perf_counter()
    record = read_rollcalls(files, labels, sessions)  # raises before anything is written
    seconds = {"read": time.perf_counter() - start}
    load_register(store, minter, Register.load())
    with tempfile.TemporaryDirectory(prefix="unkg-rollcalls-") as folder:
        data = Path(folder) / "rollcalls.nt"
        start = time.perf_counter()
        triples = write_ntriples(record, minter, data)
        seconds["write"] = time.perf_counter() - start
        start = time.perf_counter()
        store.replace_graph_from_file(graph, data)
        seconds["load"] = time.perf_counter() - start
    links, problems = relink(store, minter)
    store.flush()
    return ImportResult("imported", graph, triples, record, seconds, links, problems)
