"""Build the graph: source files -> records -> checks -> triples -> the store, one named graph each.

A document that fails to read leaves the store as it was; the others still land. A failed
check (a stated total that differs from its list) is reported, and the document's records are
still written so that a person can inspect them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg import settings
from kg.errors import SourceError
from kg.extract import extract
from kg.model.checks import CheckFailure, check_report
from kg.model.records import CommitteeReport, Document
from kg.rdf.iris import Minter
from kg.rdf.mapping import map_document, map_register
from kg.rdf.namespace import UNKG
from kg.reference.register import Register
from kg.store import Store

__all__ = ["DocumentResult", "build", "sample_path", "load_register"]


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


def load_register(store: Store, minter: Minter, register: Register) -> None:
    """(Re)write the register's graph: states, names, codes, membership."""
    graph = map_register(register, minter)
    store.replace_graph(str(minter.register_graph()), graph.serialize(format="nt"))


def build(paths: list[Path], store: Store, *, symbol: str | None = None, force: bool = False) -> list[DocumentResult]:
    """Read each file into its own named graph; ``symbol`` names the document when there is one file."""
    minter = Minter(settings.get("base_iri"))
    register = Register.load()
    load_register(store, minter, register)
    results = []
    for path in paths:
        results.append(_build_one(path, store, minter, register, symbol, force))
    store.flush()
    return results


def _build_one(path: Path, store: Store, minter: Minter, register: Register, symbol: str | None,
               force: bool) -> DocumentResult:
    try:
        record = extract(path, register, symbol)
    except SourceError as exc:
        return DocumentResult(path, "failed", error=str(exc))
    except OSError as exc:
        return DocumentResult(path, "failed", error=f"{path.name}: cannot read: {exc.strerror or exc}")
    graph_iri = str(minter.graph(record.symbol))
    failures = check_report(record, register.members_on) if isinstance(record, CommitteeReport) else []
    if not force and store.graph_hash(graph_iri, str(UNKG.contentHash)) == record.content_hash:
        return DocumentResult(path, "unchanged", record.symbol, record, failures=failures,
                              triples=store.count(graph_iri))
    graph = map_document(record, minter)
    store.replace_graph(graph_iri, graph.serialize(format="nt"))
    return DocumentResult(path, "read", record.symbol, record, failures=failures, triples=len(graph))

