"""Export the store in every standard RDF format: deterministic (the same graph gives the same bytes), streaming.

pyoxigraph writes triples in storage order, which differs between two stores holding one graph. Every export
here goes through sorted N-Triples lines instead: Oxigraph dumps the graphs to a temporary file, the lines are
sorted in runs of at most ``chunk`` lines and merged (an external merge sort: memory holds one run, never a
second copy of the graph), and each triple is kept once. The sorted lines are then written as they are
(``nt``; ``nq`` with the graph added), or read again by Oxigraph's streaming parser and handed to its streaming
serialiser with the one prefix table of :func:`kg.rdf.ontology.prefixes` (``ttl``, ``trig``, ``rdfxml``; it
groups the consecutive triples of a subject), or written node by node as JSON-LD compacted with
``ontology/context.jsonld`` (:class:`JsonLd`), keys sorted.

Quad formats (``nq``, ``trig``, ``jsonld``) keep the named graphs: the default graph first (the store built
by unkg has none), then each graph in order of its IRI, its triples in order of their N-Triples lines.
Triple formats (``nt``, ``ttl``, ``rdfxml``) write the union of the graphs, each triple once. Blank nodes keep
the labels the store gives them (unkg mints none).

>>> from kg.store import Store
>>> store = Store.open(None)
>>> store.replace_graph("https://example.org/g", '<https://w3id.org/unkg/id/state/FRA> '
...     '<http://www.w3.org/2004/02/skos/core#prefLabel> "France"@en .')
>>> out = io.BytesIO()
>>> export(store, out, "nq")
1
>>> out.getvalue().decode()
'<https://w3id.org/unkg/id/state/FRA> <http://www.w3.org/2004/02/skos/core#prefLabel> "France"@en <https://example.org/g> .\\n'
"""

from __future__ import annotations

import contextlib
import heapq
import io
import itertools
import json
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import UnkgError
from kg.rdf import ontology
from kg.store import Store

__all__ = [
    "CHUNK",
    "FORMATS",
    "Exported",
    "Format",
    "JsonLd",
    "export",
    "export_file",
    "parse_lines",
    "serialize_sorted",
    "sorted_lines",
]

CHUNK = 500_000  # lines sorted in memory at once (about 100 MB); longer dumps are merged from sorted runs
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")


@dataclass(frozen=True)
class Format:
    """An export format: its name on the command line, its pyoxigraph format, whether it keeps named graphs."""

    name: str
    rdf_format: ox.RdfFormat
    quads: bool

    @property
    def media_type(self) -> str:
        return self.rdf_format.media_type


FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("ttl", ox.RdfFormat.TURTLE, False),
    Format("nt", ox.RdfFormat.N_TRIPLES, False),
    Format("rdfxml", ox.RdfFormat.RDF_XML, False),
    Format("nq", ox.RdfFormat.N_QUADS, True),
    Format("trig", ox.RdfFormat.TRIG, True),
    Format("jsonld", ox.RdfFormat.JSON_LD, True),
]}


@dataclass(frozen=True)
class Exported:
    """What :func:`export_file` wrote: the file, its size, its triples or quads, and the VoID file beside it."""

    path: Path
    statements: int
    size: int
    void: Path


def _sorted_unique(path: Path, chunk: int, folder: Path) -> Iterator[bytes]:
    """The distinct lines of the file at ``path``, sorted (by bytes, so by code point), holding at most
    ``chunk`` lines in memory: sorted runs go to temporary files in ``folder`` and are merged."""
    runs: list[Path] = []
    with open(path, "rb") as f:
        while lines := list(itertools.islice(f, chunk)):
            lines.sort()
            if not runs and len(lines) < chunk:  # the whole file fitted in one run
                yield from _unique(lines)
                return
            runs.append(folder / f"{path.name}.run{len(runs)}")
            with open(runs[-1], "wb") as out:
                out.writelines(lines)
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(run, "rb")) for run in runs]
        yield from _unique(heapq.merge(*files))
    for run in runs:
        run.unlink()


def _unique(lines: Iterable[bytes]) -> Iterator[bytes]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def _dump(store: Store, graph: str | None, out: IO[bytes]) -> None:
    """The N-Triples of named graph ``graph``, or of the default graph when ``graph`` is None."""
    if graph is not None:
        store.dump(out, "nt", graph)
    else:
        store.dump_default_graph(out)


def _selected(store: Store, graphs: Iterable[str] | None) -> list[str | None]:
    """The graphs to write, in order: the default graph (when it holds triples and no graph was named),
    then the named graphs by IRI."""
    known = store.graphs()
    if graphs is None:
        default: list[str | None] = [None] if store.query("ASK { ?s ?p ?o }", union=False) else []
        return default + list(known)
    chosen = sorted(set(graphs))
    missing = [g for g in chosen if g not in known]
    if missing:
        raise UnkgError(f"the store has no graph {', '.join(missing)}; it has {len(known)}: {', '.join(known[:5])}"
                        + (" …" if len(known) > 5 else ""))
    return list(chosen)


def sorted_lines(store: Store, *, quads: bool, graphs: Iterable[str] | None = None,
                 chunk: int = CHUNK) -> Iterator[tuple[str | None, bytes]]:
    """``(graph, N-Triples line)`` in export order: with ``quads``, graph by graph, each graph's lines sorted;
    without, the sorted union of the graphs (graph None), each triple once."""
    selected = _selected(store, graphs)
    with tempfile.TemporaryDirectory(prefix="unkg-export-") as tmp:
        folder = Path(tmp)
        if not quads:
            dump = folder / "union.nt"
            with open(dump, "wb") as out:
                for graph in selected:
                    _dump(store, graph, out)
            for line in _sorted_unique(dump, chunk, folder):
                yield None, line
            return
        for graph in selected:
            dump = folder / "graph.nt"
            with open(dump, "wb") as out:
                _dump(store, graph, out)
            for line in _sorted_unique(dump, chunk, folder):
                yield graph, line


def _quad_line(graph: str | None, line: bytes) -> bytes:
    """An N-Triples line as an N-Quads line of ``graph`` (lines end with `` .\\n``)."""
    return line if graph is None else line[:-2] + f"<{graph}> .\n".encode()


class _Reader(io.RawIOBase):
    """A binary stream over an iterator of byte strings, for Oxigraph's streaming parser."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._buffer = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = memoryview(chunk)
        n = min(len(buffer), len(self._buffer))
        buffer[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def _batched(lines: Iterable[bytes], size: int = 500) -> Iterator[bytes]:
    """The lines joined in batches of ``size``: fewer, larger writes and reads."""
    it = iter(lines)
    while batch := list(itertools.islice(it, size)):
        yield b"".join(batch)


def parse_lines(lines: Iterable[bytes], rdf_format: ox.RdfFormat) -> Iterator[Any]:
    """Oxigraph's streaming parser over lines (N-Triples or N-Quads) that come from an iterator."""
    return ox.parse(io.BufferedReader(_Reader(_batched(lines)), 1 << 16), format=rdf_format)


def export(store: Store, out: IO[bytes], fmt: str, *, graphs: Iterable[str] | None = None,
           chunk: int = CHUNK) -> int:
    """Write the store (or the named ``graphs``) to ``out`` in format ``fmt`` (a key of :data:`FORMATS`);
    return the number of triples (triple formats) or quads (quad formats) written."""
    spec = FORMATS[fmt]
    counted = 0

    def counting(lines: Iterator[tuple[str | None, bytes]]) -> Iterator[tuple[str | None, bytes]]:
        nonlocal counted
        for item in lines:
            counted += 1
            yield item

    lines = counting(sorted_lines(store, quads=spec.quads, graphs=graphs, chunk=chunk))
    if fmt in ("nt", "nq"):
        for batch in _batched(_quad_line(g, line) for g, line in lines):
            out.write(batch)
    elif fmt == "jsonld":
        JsonLd().write_dataset(parse_lines((_quad_line(g, line) for g, line in lines), ox.RdfFormat.N_QUADS), out)
    else:
        source = ox.RdfFormat.N_QUADS if spec.quads else ox.RdfFormat.N_TRIPLES
        ox.serialize(parse_lines((_quad_line(g, line) for g, line in lines), source), out, spec.rdf_format,
                     prefixes=ontology.prefixes())
    return counted


def serialize_sorted(triples: Iterable[ox.Triple], fmt: str = "ttl") -> bytes:
    """A small graph held in memory, serialised in sorted order with the prefix table (for descriptions
    such as the VoID file, and the files of the static site)."""
    lines = sorted({f"{t} .\n".encode() for t in triples})
    out = io.BytesIO()
    if fmt == "jsonld":
        JsonLd().write_document(parse_lines(lines, ox.RdfFormat.N_TRIPLES), out)
    elif fmt == "nt":
        out.writelines(lines)
    else:
        ox.serialize(parse_lines(lines, ox.RdfFormat.N_TRIPLES), out, FORMATS[fmt].rdf_format, prefixes=ontology.prefixes())
    return out.getvalue()


def export_file(store: Store, path: Path, fmt: str, *, graphs: Iterable[str] | None = None,
                chunk: int = CHUNK) -> Exported:
    """Write the export to ``path`` and the VoID and DCAT description of what it holds to ``void.ttl`` beside it."""
    from kg.publish import void

    target = path.parent / "void.ttl"
    if path.resolve() == target.resolve():
        raise UnkgError("void.ttl is the name of the description written beside the export: choose another name")
    chosen = None if graphs is None else list(graphs)
    with open(path, "wb") as out:
        statements = export(store, out, fmt, graphs=chosen, chunk=chunk)
    size = path.stat().st_size
    dump = void.Dump(path.name, FORMATS[fmt].media_type, size)
    description = void.describe(store, graphs=chosen, dumps=[dump])
    target.write_bytes(serialize_sorted(void.triples(description)))
    return Exported(path, statements, size, target)


class JsonLd:
    """JSON-LD compacted with a context (default: ``ontology/context.jsonld``), so that it reads like plain JSON.

    Each property becomes the context's short key when the key's coercion fits the value (``"voter":
    "id:state/FRA"``, ``"value": 139``, ``"date": "2018-11-08"``); otherwise its prefixed name with the value
    in expanded form (``{"@value": …, "@language": "en"}``). Node objects have their keys sorted; values
    keep the order they come in (sorted, from :func:`sorted_lines`).

    >>> jsonld = JsonLd()
    >>> triples = [ox.Triple(ox.NamedNode("https://w3id.org/unkg/id/x"), ox.NamedNode(p), o) for p, o in [
    ...     ("http://www.w3.org/1999/02/22-rdf-syntax-ns#value",
    ...      ox.Literal("139", datatype=ox.NamedNode(_XSD + "integer"))),
    ...     ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode("http://www.w3.org/ns/opengov#YesCount"))]]
    >>> jsonld.node(triples[0].subject, [(t.predicate, t.object) for t in triples])
    {'@id': 'id:x', 'value': 139, '@type': 'YesCount'}
    """

    def __init__(self, context: dict[str, Any] | None = None):
        self.context = context if context is not None else ontology.context()
        self._prefixes = sorted(((name, value) for name, value in self.context.items()
                                 if isinstance(value, str) and value.endswith(("#", "/")) and not name.startswith("@")),
                                key=lambda item: (-len(item[1]), item[0]))
        self._terms: dict[str, list[tuple[str, str | None]]] = {}  # IRI -> [(term, coercion)]
        for key, value in sorted(self.context.items()):
            if key.startswith("@") or (isinstance(value, str) and value.endswith(("#", "/"))):
                continue
            iri, coercion = (value, None) if isinstance(value, str) else (value["@id"], value.get("@type"))
            if coercion is not None and not coercion.startswith("@"):
                coercion = self._expand(coercion)
            self._terms.setdefault(self._expand(iri), []).append((key, coercion))
        self.used: set[str] = set()  # the terms and prefixes written so far

    def _expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        target = self.context.get(prefix)
        return target + rest if sep and isinstance(target, str) and not rest.startswith("//") else value

    def _curie(self, iri: str) -> str:
        """``iri`` as a prefixed name when a prefix of the context covers it, else unchanged."""
        for name, namespace in self._prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace):].startswith("//"):
                self.used.add(name)
                return f"{name}:{iri[len(namespace):]}"
        return iri

    def _term(self, iri: str, coercion: str | None = "any") -> str | None:
        for term, coerce in self._terms.get(iri, ()):
            if coercion == "any" or coerce == coercion:
                self.used.add(term)
                return term
        return None

    def _vocab(self, iri: str) -> str:
        """A vocabulary-relative IRI (a type, a datatype, a value of an ``@vocab`` key): a term, else a prefixed name."""
        return self._term(iri) or self._curie(iri)

    def _ref(self, term: ox.NamedNode | ox.BlankNode) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else self._curie(term.value)

    def _entry(self, predicate: str, value: Any) -> tuple[str, Any]:
        """The key and the JSON value of one property value."""
        if isinstance(value, (ox.NamedNode, ox.BlankNode)):
            if key := self._term(predicate, "@id"):
                return key, self._ref(value)
            if isinstance(value, ox.NamedNode) and (key := self._term(predicate, "@vocab")):
                return key, self._vocab(value.value)
            return self._term(predicate, None) or self._curie(predicate), {"@id": self._ref(value)}
        datatype = value.datatype.value
        if value.language:
            return self._term(predicate, None) or self._curie(predicate), {"@value": value.value,
                                                                            "@language": value.language}
        if datatype == _XSD + "string" and (key := self._term(predicate, None)):
            return key, value.value
        if datatype != _XSD + "string" and (key := self._term(predicate, datatype)):
            if datatype == _XSD + "integer" and _CANONICAL_INTEGER.fullmatch(value.value):
                return key, int(value.value)
            if datatype == _XSD + "boolean" and value.value in ("true", "false"):
                return key, value.value == "true"
            return key, value.value
        key = self._term(predicate, None) or self._curie(predicate)
        if datatype == _XSD + "string":
            return key, value.value
        return key, {"@value": value.value, "@type": self._vocab(datatype)}

    def node(self, subject: ox.NamedNode | ox.BlankNode, facts: Iterable[tuple[ox.NamedNode, Any]]) -> dict[str, Any]:
        """The node object of ``subject`` with its ``(predicate, object)`` facts."""
        out: dict[str, Any] = {"@id": self._ref(subject)}
        for predicate, value in facts:
            if predicate.value == _RDF_TYPE and isinstance(value, ox.NamedNode):
                key, item = "@type", self._vocab(value.value)
            else:
                key, item = self._entry(predicate.value, value)
            if key not in out:
                out[key] = item
            elif isinstance(out[key], list):
                out[key].append(item)
            else:
                out[key] = [out[key], item]
        return out

    def _nodes(self, statements: Iterable[Any]) -> Iterator[tuple[str | None, dict[str, Any]]]:
        """``(graph, node object)`` for each run of consecutive statements with one graph and one subject."""
        def key(s: Any) -> tuple[str | None, Any]:
            graph = getattr(s, "graph_name", None)
            return (graph.value if isinstance(graph, ox.NamedNode) else None), s.subject

        for (graph, subject), group in itertools.groupby(statements, key=key):
            yield graph, self.node(subject, ((s.predicate, s.object) for s in group))

    def _dumps(self, value: Any, indent: int) -> str:
        text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
        return text.replace("\n", "\n" + " " * indent)

    def write_dataset(self, quads: Iterable[ox.Quad], out: IO[bytes]) -> None:
        """One JSON-LD document of the whole dataset, written as the quads come: ``{"@context": …, "@graph":
        [the default graph's nodes, then {"@id": graph, "@graph": [its nodes]} for each named graph]}``."""
        out.write(b'{\n  "@context": ' + self._dumps(self.context, 2).encode() + b',\n  "@graph": [')
        outer, inner = "", ""  # the separators before the next item of the top-level and of the current graph
        current: str | None = None
        for graph, node in self._nodes(quads):
            if graph != current:
                if current is not None:
                    out.write(b"\n      ]\n    }")
                if graph is not None:
                    out.write(f'{outer}\n    {{\n      "@id": {json.dumps(self._ref(ox.NamedNode(graph)))},\n'
                              f'      "@graph": ['.encode())
                    outer, inner = ",", ""
                current = graph
            if graph is None:
                out.write(f"{outer}\n    {self._dumps(node, 4)}".encode())
                outer = ","
            else:
                out.write(f"{inner}\n        {self._dumps(node, 8)}".encode())
                inner = ","
        if current is not None:
            out.write(b"\n      ]\n    }")
        out.write(b"\n  ]\n}\n")

    def write_document(self, triples: Iterable[ox.Triple], out: IO[bytes]) -> None:
        """One JSON-LD document of a few triples: a single node object when they have one subject, else an
        ``@graph`` of node objects; its context holds only the terms and prefixes it uses."""
        self.used = set()
        nodes = [node for _, node in self._nodes(triples)]
        for term in list(self.used):  # the prefixes that the definitions of the used terms rely on
            definition = self.context[term]
            for value in [definition] if isinstance(definition, str) else definition.values():
                prefix = value.partition(":")[0]
                if prefix != term and isinstance(self.context.get(prefix), str):
                    self.used.add(prefix)
        used = {k: self.context[k] for k in sorted(self.used)}
        context = {"@version": self.context["@version"], **used} if "@version" in self.context else used
        document = {"@context": context, **nodes[0]} if len(nodes) == 1 else {"@context": context, "@graph": nodes}
        out.write(self._dumps(document, 0).encode() + b"\n")
