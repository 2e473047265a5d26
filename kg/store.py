"""The graph store: an embedded Oxigraph database on disk (or in memory), one named graph per source.

Oxigraph was chosen by measurement (see the README): rdflib's in-memory store needs minutes and
gigabytes at a million votes, Oxigraph loads and answers the same in seconds. Replacing a
document's graph is one SPARQL Update, so it happens in one transaction: a failure leaves the
store as it was.

>>> store = Store.open(None)
>>> store.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "o" .')
>>> store.count(), [r["o"] for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")]
(1, ['o'])
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import UnkgError

__all__ = ["Store", "FORMATS"]

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return "" if term is None else term.value


class Store:
    """A wrapper over ``pyoxigraph.Store`` with the few operations unkg needs."""

    def __init__(self, store: ox.Store, path: Path | None):
        self._store = store
        self.path = path

    @classmethod
    def open(cls, path: Path | None) -> "Store":
        """The store at ``path`` (created if missing), or a new one in memory when ``path`` is None."""
        if path is None:
            return cls(ox.Store(), None)
        path.mkdir(parents=True, exist_ok=True)
        try:
            return cls(ox.Store(str(path)), path)
        except OSError as exc:
            raise UnkgError(f"cannot open the store at {path}: {exc}") from exc

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Replace the whole content of named graph ``graph`` by ``ntriples``, in one transaction."""
        self._store.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}")

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def graph_hash(self, graph: str, property_iri: str) -> str | None:
        """The value of ``property_iri`` on the graph's own node, inside that graph (e.g. its content hash)."""
        rows = self.select(f"SELECT ?v WHERE {{ GRAPH <{graph}> {{ <{graph}> <{property_iri}> ?v }} }}")
        return rows[0]["v"] if rows else None

    def count(self, graph: str | None = None) -> int:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        return int(self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"])

    def select(self, query: str) -> list[dict[str, str]]:
        """Rows of a SELECT over the union of all graphs, each value as its text."""
        return self.table(query)[1]

    def table(self, query: str) -> tuple[list[str], list[dict[str, str]]]:
        """The columns and rows of a SELECT over the union of all graphs."""
        result = self._store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return names, [{n: _text(solution[n]) for n in names} for solution in result]

    def ask(self, query: str) -> bool:
        return bool(self._store.query(query, use_default_graph_as_union=True))

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def dump(self, out: IO[bytes], fmt: str, graph: str | None = None) -> None:
        """Write the store (quad formats) or the union of its graphs (triple formats) to ``out``."""
        rdf_format = FORMATS[fmt]
        if graph is not None:
            self._store.dump(out, rdf_format, from_graph=ox.NamedNode(graph))
        elif rdf_format.supports_datasets:
            self._store.dump(out, rdf_format)
        else:
            union = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            union.serialize(out, rdf_format)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()
