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

import functools
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, ParamSpec, TypeVar

import pyoxigraph as ox

from kg.errors import UnkgError

__all__ = ["Store", "FORMATS", "QueryResult"]

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

READ_ONLY_SECONDS = 5.0  # how long opening a read-only view of a store being written is tried

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _writes(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A method that writes to the store: the store's ``version`` goes up by one before it starts and again
    when it ends, whether it succeeds or fails."""
    @functools.wraps(method)
    def writing(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        store = args[0]
        assert isinstance(store, Store)
        store._bump()
        try:
            return method(*args, **kwargs)
        finally:
            store._bump()
    return writing


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return "" if term is None else term.value


class Store:
    """A wrapper over ``pyoxigraph.Store`` with the few operations unkg needs.

    ``version`` counts the writes made through this object: it goes up by one when a write starts and again
    when it ends, so an even value that has not changed between two moments means that no write began or
    ended between them (what ``unkg serve`` reads at one version holds as long as the version does).
    """

    def __init__(self, store: ox.Store, path: Path | None):
        self._store = store
        self.path = path
        self.version = 0
        self._version_lock = threading.Lock()

    def _bump(self) -> None:
        with self._version_lock:
            self.version += 1

    @classmethod
    def open(cls, path: Path | None, *, write: bool = True) -> "Store":
        """The store at ``path`` (created if missing), or a new one in memory when ``path`` is None.

        One process at a time may write a store; another that only reads (``write=False``) then
        gets a read-only view of it, and another that wants to write is refused with a clear error.
        """
        if path is None:
            return cls(ox.Store(), None)
        path.mkdir(parents=True, exist_ok=True)
        try:
            return cls(ox.Store(str(path)), path)
        except OSError as exc:
            if "lock" not in str(exc).lower():
                raise UnkgError(f"cannot open the store at {path}: {exc}") from exc
            if write:
                raise UnkgError(f"the store at {path} is in use by another unkg process that writes to it; "
                                "wait for it to finish, or choose another --store") from exc
            return cls(_read_only(path), path)

    @_writes
    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Replace the whole content of named graph ``graph`` by ``ntriples``, in one transaction.

        A graph the store does not hold yet is loaded by the N-Triples parser (one transaction too, and a
        third faster on disk than the SPARQL update, which a graph already held needs to drop its old content).
        """
        name = ox.NamedNode(graph)
        if not self._store.contains_named_graph(name):
            self._store.load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=name)
            return
        self._store.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}")

    @_writes
    def replace_graph_from_file(self, graph: str, ntriples: Path) -> None:
        """Replace the whole content of named graph ``graph`` by the N-Triples file ``ntriples``, bulk-loaded.

        For millions of triples, where ``replace_graph`` (one SPARQL Update) is too slow. In memory, the old
        graph is removed and the file bulk-loaded (a failure removes what was loaded of it). On disk, removing
        a large graph is one transaction that takes minutes and gigabytes (Oxigraph 0.5: 4.75 million
        triples, 215 s, 6.5 GiB), so the store is rebuilt instead: the other graphs and the file are
        bulk-loaded into a new store beside this one, which then takes its place. Until that last step the
        store is as it was, so a failure leaves it unchanged. A graph the store does not hold yet has nothing to
        remove, so on disk too the file is bulk-loaded into it directly (a failure removes what was loaded).
        """
        name = ox.NamedNode(graph)
        if self.path is None or not self._store.contains_named_graph(name):
            self._store.remove_graph(name)
            try:
                self._store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
            except BaseException:
                self._store.remove_graph(name)
                raise
            return
        rebuilt = self.path.with_name(self.path.name + ".rebuilt")
        retired = self.path.with_name(self.path.name + ".retired")
        for leftover in (rebuilt, retired):
            shutil.rmtree(leftover, ignore_errors=True)
        others = ntriples.with_name(ntriples.name + ".others.nq")
        try:
            with others.open("w", encoding="utf-8") as out:
                for g in [ox.DefaultGraph(), *self._store.named_graphs()]:
                    if g != name:
                        out.writelines(f"{q} .\n" for q in self._store.quads_for_pattern(None, None, None, g))
            new = ox.Store(str(rebuilt))
            new.bulk_load(path=str(others), format=ox.RdfFormat.N_QUADS)
            new.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
            new.flush()
            del new
        except BaseException:
            shutil.rmtree(rebuilt, ignore_errors=True)
            raise
        finally:
            others.unlink(missing_ok=True)
        self._store = None  # type: ignore[assignment]  # closes the database before its folder moves
        self.path.rename(retired)
        rebuilt.rename(self.path)
        self._store = ox.Store(str(self.path))
        shutil.rmtree(retired, ignore_errors=True)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def graph_of_source(self, content_hash: str) -> str | None:
        """The named graph read from a source file with this sha256, if the store holds one."""
        rows = self.select(
            "SELECT ?g WHERE { GRAPH ?g { ?g <https://w3id.org/unkg/ontology#contentHash> "
            f'"{content_hash}" }} }}'
        )
        return rows[0]["g"] if rows else None

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
        # a solution iterates its values in the order of the variables: eight times faster than solution[name]
        return names, [dict(zip(names, map(_text, solution))) for solution in result]

    def ask(self, query: str) -> bool:
        return bool(self._store.query(query, use_default_graph_as_union=True))

    def query(self, query: str, *, base_iri: str | None = None, union: bool = True,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
        """The result of any query as pyoxigraph gives it, to serialise with pyoxigraph's own serialisers.

        Given ``default_graph`` or ``named_graphs`` (graph IRIs), the dataset is exactly those graphs (a
        list left as None is empty); otherwise the default graph is the union of all graphs when ``union``
        is true, else the store's own default graph (and the query's FROM clauses, if any, apply).

        >>> store = Store.open(None)
        >>> store.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "o" .')
        >>> bool(store.query("ASK { ?s ?p ?o }")), bool(store.query("ASK { ?s ?p ?o }", named_graphs=["https://example.org/g"]))
        (True, False)
        """
        if default_graph is None and named_graphs is None:
            return self._store.query(query, base_iri=base_iri, use_default_graph_as_union=union)
        return self._store.query(query, base_iri=base_iri,
                                 default_graph=[ox.NamedNode(g) for g in default_graph or []],
                                 named_graphs=[ox.NamedNode(g) for g in named_graphs or []])

    @_writes
    def update(self, update: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL Update, in one transaction: it applies whole or not at all."""
        self._store.update(update, base_iri=base_iri)

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

    def dump_default_graph(self, out: IO[bytes]) -> None:
        """Write the N-Triples of the store's own default graph (not the union of the named graphs) to ``out``."""
        triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=False)
        assert isinstance(triples, ox.QueryTriples)
        triples.serialize(out, ox.RdfFormat.N_TRIPLES)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()


def _read_only(path: Path) -> ox.Store:
    """A read-only view of the store at ``path``, which another process writes. Opening it reads the list of
    the database's files, which the writer replaces as it goes: about one open in fifty, under a build that
    writes without pause, finds a file already gone (RocksDB says "Corruption: IO error", though nothing is
    corrupt). So the open is tried again for up to ``READ_ONLY_SECONDS``."""
    deadline = time.monotonic() + READ_ONLY_SECONDS
    while True:
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if time.monotonic() >= deadline:
                raise UnkgError(f"the store at {path} is being written by another unkg process, and a read-only view "
                                f"of it could not be opened in {READ_ONLY_SECONDS:g} s ({exc}); try again when it "
                                "has finished") from exc
            time.sleep(0.05)
