"""What the server says about one IRI, and about its endpoint (the SPARQL service description).

An entity's description is read from the store with a few bounded queries: the facts about it
(outgoing), the facts that point at it (incoming, at most ``limit`` of them, with their total), the
evidence of the entity and of each incoming fact's subject (``unkg:evidence`` nodes with
``unkg:sourceDocument``, ``unkg:page``, ``unkg:lineStart``/``lineEnd`` and ``unkg:quote``), and a label for
every IRI shown. The HTML page (``kg.serve.pages``) renders it; clients that ask for RDF get
:func:`description_query`'s triples instead. The dataset's VoID description is ``kg.publish.void``'s.

>>> from kg.store import Store
>>> store = Store.open(None)
>>> store.replace_graph("https://example.org/g",
...     '<https://w3id.org/unkg/id/state/FRA> <http://www.w3.org/2004/02/skos/core#prefLabel> "France"@en .')
>>> d = describe(store, "https://w3id.org/unkg/id/state/FRA")
>>> d.label, [(f.predicate, f.value.value) for f in d.facts]
('France', [('http://www.w3.org/2004/02/skos/core#prefLabel', 'France')])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from kg.rdf.namespace import OPENGOV, UNKG
from kg.store import Store

__all__ = ["PREFIXES", "SD", "Evidence", "Fact", "Incoming", "Description", "describe", "description_query",
           "is_iri", "exists", "local_path", "compact", "graph_sizes", "service_description_triples",
           "ontology_terms"]

SD = "http://www.w3.org/ns/sparql-service-description#"
PREFIXES = {
    "unkg": str(UNKG._NS), "opengov": str(OPENGOV._NS), "dcterms": str(DCTERMS), "org": str(ORG),
    "skos": str(SKOS), "owl": str(OWL), "prov": str(PROV), "foaf": str(FOAF), "rdf": str(RDF),
    "rdfs": str(RDFS), "xsd": str(XSD), "void": str(VOID), "sd": SD,
}
_LABELS = (str(SKOS.prefLabel), str(RDFS.label), str(DCTERMS.identifier), str(DCTERMS.title))

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the document, page, lines and the text as printed."""

    node: str
    document: str
    document_label: str
    official: tuple[str, ...]
    page: int | None
    line_start: int | None
    line_end: int | None
    quote: str


@dataclass(frozen=True)
class Fact:
    """An outgoing fact ``<entity> predicate value`` and the named graph that holds it ("" for the default graph)."""

    predicate: str
    value: Term
    graph: str


@dataclass(frozen=True)
class Incoming:
    """An incoming fact ``subject predicate <entity>``, with the evidence of its subject."""

    subject: Term
    predicate: str
    graph: str
    evidence: tuple[Evidence, ...]


@dataclass
class Description:
    iri: str
    label: str
    types: list[str]
    facts: list[Fact]
    incoming: list[Incoming]
    incoming_total: int
    evidence: list[Evidence]
    labels: dict[str, str] = field(default_factory=dict)
    graph_size: int | None = None  # the number of triples, when the IRI names a graph of the store

    def label_of(self, iri: str) -> str:
        return self.labels.get(iri, "")


def _iri(term: Term | None) -> str:
    return term.value if isinstance(term, ox.NamedNode) else ""


def _int(term: Term | None) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _solutions(store: Store, query: str, *, union: bool = True) -> ox.QuerySolutions:
    result = store.query(query, union=union)
    assert isinstance(result, ox.QuerySolutions), query
    return result


def _triples(store: Store, query: str, *, union: bool = True) -> ox.QueryTriples:
    result = store.query(query, union=union)
    assert isinstance(result, ox.QueryTriples), query
    return result


def is_iri(text: str) -> bool:
    """Whether ``text`` can stand between ``<`` and ``>`` in a query: an absolute IRI with no character that
    IRIs exclude (so that a request path can never change the query it is put in).

    >>> is_iri("https://w3id.org/unkg/id/state/FRA"), is_iri("https://w3id.org/unkg/id/x> } DROP ALL #")
    (True, False)
    """
    return ":" in text and not _NOT_IN_IRI.search(text)


def exists(store: Store, iri: str) -> bool:
    """Whether the IRI occurs in the store as a subject, an object or the name of a graph."""
    return iri in store.graphs() or bool(store.query(
        f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}"))


def describe(store: Store, iri: str, *, limit: int = 1000, scan: int = 20_000) -> Description:
    """The facts about ``iri``, the first ``limit`` facts pointing at it (by property, then subject, among the
    first ``scan`` found: Oxigraph sorts IRIs slowly, Python quickly), their evidence and labels."""
    facts = sorted((Fact(s["p"].value, s["o"], _iri(s["g"])) for s in _solutions(
        store, f"SELECT ?p ?o ?g WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} }} "
               f"LIMIT {scan}", union=False)), key=lambda f: (f.predicate, str(f.value)))[:limit]
    where = f"{{ ?s ?p <{iri}> }} UNION {{ GRAPH ?g {{ ?s ?p <{iri}> }} }}"
    found = [(s["s"], s["p"].value, _iri(s["g"])) for s in _solutions(
        store, f"SELECT ?s ?p ?g WHERE {{ {where} }} LIMIT {scan}", union=False)]
    total = len(found) if len(found) < scan else _int(next(iter(_solutions(
        store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", union=False)))["n"]) or 0
    rows = sorted(found, key=lambda r: (r[1], r[0].value))[:limit]
    subjects = [s for s, _, _ in rows if isinstance(s, ox.NamedNode)]
    evidence = _evidence(store, [iri, *(s.value for s in subjects)])
    incoming = [Incoming(s, p, g, tuple(evidence.get(s.value, ()))) for s, p, g in rows]
    types = sorted(f.value.value for f in facts if f.predicate == str(RDF.type))
    shown = {iri} | {f.value.value for f in facts if isinstance(f.value, ox.NamedNode)} | {s.value for s in subjects}
    shown |= {e.document for es in evidence.values() for e in es}
    labels = _labels(store, shown)
    graph_size = store.count(iri) if iri in store.graphs() else None
    return Description(iri, labels.get(iri, ""), types, facts, incoming, total, evidence.get(iri, []), labels,
                       graph_size)


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(set(iris)))


def _evidence(store: Store, subjects: list[str]) -> dict[str, list[Evidence]]:
    """The evidence nodes of each subject, in page and line order."""
    if not subjects:
        return {}
    out: dict[str, list[Evidence]] = {}
    seen: set[tuple[str, str]] = set()
    for s in _solutions(store, f"""
        SELECT ?s ?ev ?doc ?docid ?official ?page ?ls ?le ?quote WHERE {{
          VALUES ?s {{ {_values(subjects)} }}
          ?s <{UNKG.evidence}> ?ev . ?ev <{UNKG.sourceDocument}> ?doc .
          OPTIONAL {{ ?ev <{UNKG.page}> ?page }} OPTIONAL {{ ?ev <{UNKG.lineStart}> ?ls }}
          OPTIONAL {{ ?ev <{UNKG.lineEnd}> ?le }} OPTIONAL {{ ?ev <{UNKG.quote}> ?quote }}
          OPTIONAL {{ ?doc <{DCTERMS.identifier}> ?docid }} OPTIONAL {{ ?doc <{RDFS.seeAlso}> ?official }}
        }} ORDER BY ?s ?page ?ls ?ev"""):
        key = (s["s"].value, s["ev"].value)
        official = (s["official"].value,) if s["official"] is not None else ()
        if key in seen:  # a second official address of the same document
            previous = out[key[0]][-1]
            out[key[0]][-1] = replace(previous, official=previous.official + official)
            continue
        seen.add(key)
        out.setdefault(key[0], []).append(Evidence(
            s["ev"].value, s["doc"].value, s["docid"].value if s["docid"] is not None else "", official,
            _int(s["page"]), _int(s["ls"]), _int(s["le"]), s["quote"].value if s["quote"] is not None else ""))
    return out


def _labels(store: Store, iris: set[str]) -> dict[str, str]:
    """One label per IRI: its skos:prefLabel, else rdfs:label, else dcterms:identifier, else dcterms:title."""
    if not iris:
        return {}
    found: dict[str, dict[str, str]] = {}
    wanted = ", ".join(f"<{p}>" for p in _LABELS)
    for s in _solutions(store, f"""SELECT ?x ?p ?label WHERE {{
          VALUES ?x {{ {_values(iris)} }} ?x ?p ?label FILTER(?p IN ({wanted})) }}"""):
        found.setdefault(s["x"].value, {}).setdefault(s["p"].value, s["label"].value)
    return {x: next(ls[p] for p in _LABELS if p in ls) for x, ls in found.items()}


def description_query(store: Store, iri: str) -> ox.QueryTriples:
    """The triples a client gets for ``iri``: a named graph's content, or the entity's facts both ways with
    the evidence nodes of the entity."""
    if iri in store.graphs():
        return _triples(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", union=False)
    return _triples(store, f"""CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . ?ev ?ep ?eo }} WHERE {{
        {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} UNION {{ <{iri}> <{UNKG.evidence}> ?ev . ?ev ?ep ?eo }} }}""")


def local_path(iri: str, base: str) -> str | None:
    """The server path that serves ``iri`` when it lies under ``base``, else None.

    >>> base = "https://w3id.org/unkg/"
    >>> local_path(base + "id/state/FRA", base), local_path("https://undocs.org/A/73/505", base)
    ('/id/state/FRA', None)
    """
    return "/" + iri[len(base):] if iri.startswith(base) and len(iri) > len(base) else None


def compact(iri: str) -> str:
    """``https://w3id.org/unkg/ontology#evidence`` -> ``unkg:evidence``; other IRIs unchanged."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _triple(s: str, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.Triple:
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o)


def graph_sizes(store: Store) -> list[tuple[str, int]]:
    """Each named graph of the store with its number of triples."""
    return [(s["g"].value, _int(s["n"]) or 0) for s in _solutions(store,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", union=False)]


def service_description_triples(sizes: list[tuple[str, int]], server: str, *, updates: bool,
                                result_formats: Iterable[str]) -> list[ox.Triple]:
    """The SPARQL 1.1 service description of the endpoint at ``{server}/sparql``, with the dataset's graphs."""
    endpoint = f"{server}/sparql"
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    out = [
        _triple(endpoint, str(RDF.type), ox.NamedNode(SD + "Service")),
        _triple(endpoint, SD + "endpoint", ox.NamedNode(endpoint)),
        _triple(endpoint, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query")),
        _triple(endpoint, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph")),
        _triple(endpoint, SD + "defaultEntailmentRegime", ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        *(_triple(endpoint, SD + "resultFormat", ox.NamedNode(f)) for f in result_formats),
        _triple(endpoint, SD + "defaultDataset", dataset),
        ox.Triple(dataset, ox.NamedNode(str(RDF.type)), ox.NamedNode(SD + "Dataset")),
        ox.Triple(dataset, ox.NamedNode(SD + "defaultGraph"), default),
        ox.Triple(default, ox.NamedNode(str(RDF.type)), ox.NamedNode(SD + "Graph")),
    ]
    if updates:
        out.append(_triple(endpoint, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Update")))
    total = 0
    for i, (graph, n) in enumerate(sizes):
        total += n
        named, described = ox.BlankNode(f"named{i}"), ox.BlankNode(f"graph{i}")
        out += [ox.Triple(dataset, ox.NamedNode(SD + "namedGraph"), named),
                ox.Triple(named, ox.NamedNode(SD + "name"), ox.NamedNode(graph)),
                ox.Triple(named, ox.NamedNode(SD + "graph"), described),
                ox.Triple(described, ox.NamedNode(str(VOID.triples)),
                          ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer))))]
    out.append(ox.Triple(default, ox.NamedNode(str(VOID.triples)),
                         ox.Literal(str(total), datatype=ox.NamedNode(str(XSD.integer)))))
    return out


def ontology_terms(store: Store, namespace: str) -> list[dict[str, str]]:
    """The terms an ontology defines under ``namespace``: term, kind (OWL type), label, comment and parents
    (its superclasses or superproperties, space-separated)."""
    kinds = " ".join(f"<{OWL[k]}>" for k in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty",
                                             "NamedIndividual"))
    return store.select(f"""
        SELECT ?term ?kind (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?comment)
               (GROUP_CONCAT(DISTINCT STR(?parent); separator=" ") AS ?parents) WHERE {{
          VALUES ?kind {{ {kinds} }}
          ?term a ?kind . FILTER(STRSTARTS(STR(?term), "{namespace}"))
          OPTIONAL {{ ?term <{RDFS.label}> ?l }} OPTIONAL {{ ?term <{RDFS.comment}> ?c }}
          OPTIONAL {{ ?term <{RDFS.subClassOf}>|<{RDFS.subPropertyOf}> ?parent FILTER(isIRI(?parent)) }}
        }} GROUP BY ?term ?kind ORDER BY ?kind ?term""")
