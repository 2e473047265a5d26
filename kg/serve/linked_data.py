"""What the server says about one IRI, and about its endpoint (the SPARQL service description).

An entity's description is read from the store with a few bounded queries: the facts about it
(outgoing), the facts that point at it (incoming, at most ``limit`` of them, with their total), the
evidence of the entity and of each incoming fact's subject (``unkg:evidence`` nodes with
``unkg:sourceDocument``, ``unkg:page``, ``unkg:lineStart``/``lineEnd`` and ``unkg:quote``), and a label for
every IRI shown (:func:`kg.html.entity.describe`, shared with the static site). The HTML page renders it; clients that ask for RDF get
:func:`description_query`'s triples instead. The dataset's VoID description is ``kg.publish.void``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from kg.html.entity import Description, Evidence, Fact, Incoming, describe, integer, solutions
from kg.rdf.namespace import OPENGOV, SCHEMA, UNKG
from kg.store import Store

__all__ = ["PREFIXES", "SD", "Evidence", "Fact", "Incoming", "Description", "describe", "description_query",
           "is_iri", "exists", "local_path", "compact", "graph_sizes", "service_description_triples"]

SD = "http://www.w3.org/ns/sparql-service-description#"
PREFIXES = {
    "unkg": str(UNKG._NS), "opengov": str(OPENGOV._NS), "schema": str(SCHEMA._NS), "dcterms": str(DCTERMS),
    "org": str(ORG),
    "skos": str(SKOS), "owl": str(OWL), "prov": str(PROV), "foaf": str(FOAF), "rdf": str(RDF),
    "rdfs": str(RDFS), "xsd": str(XSD), "void": str(VOID), "sd": SD,
}


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


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
    return [(s["g"].value, integer(s["n"]) or 0) for s in solutions(store,
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
