"""What the page of one IRI shows, read from the store by one function, :func:`describe`, for the served page
(``unkg serve``) and the static site's page (``unkg site``) alike: the facts about it with the graph that
states each, the facts that point at it (at most ``limit``, with their total), the evidence of the entity and
of each incoming fact's subject (``unkg:evidence`` nodes with ``unkg:sourceDocument``, ``unkg:page``,
``unkg:lineStart``/``lineEnd`` and ``unkg:quote``), and a label for every IRI shown. :func:`render` makes the
page of the template ``entity.html`` in a :class:`kg.html.Frame`, which says where a link goes (a path on
the server, a relative file in the site).

>>> from kg.store import Store
>>> store = Store.open(None)
>>> store.replace_graph("https://example.org/g",
...     '<https://w3id.org/unkg/id/state/FRA> <http://www.w3.org/2004/02/skos/core#prefLabel> "France"@en .')
>>> d = describe(store, "https://w3id.org/unkg/id/state/FRA")
>>> d.label, [(f.predicate, f.value.value) for f in d.facts]
('France', [('http://www.w3.org/2004/02/skos/core#prefLabel', 'France')])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.html import Frame, page
from kg.rdf.namespace import UNKG
from kg.store import Store

__all__ = ["Evidence", "Fact", "Incoming", "Description", "describe", "shares", "render", "solutions", "integer",
           "Term"]

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


def integer(term: Term | None) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def solutions(store: Store, query: str, *, union: bool = True) -> ox.QuerySolutions:
    result = store.query(query, union=union)
    assert isinstance(result, ox.QuerySolutions), query
    return result


def describe(store: Store, iri: str, *, limit: int = 1000, scan: int = 20_000) -> Description:
    """The facts about ``iri`` (the first ``limit`` by property and value, among the first ``scan`` found: Oxigraph
    sorts IRIs slowly, Python quickly), at most ``limit`` of the facts pointing at it with their total, the evidence
    of the entity and of each incoming fact shown, and a label for every IRI shown.

    The incoming facts are counted by property first (Oxigraph counts without reading a single IRI's text), and
    the ``limit`` is shared among the properties (:func:`shares`), so that every property that points at the
    entity is shown; then only the facts shown are read, each property's with a ``LIMIT`` of its own. A State's
    page on the whole plenary record points at thousands of votes: reading them all to keep a thousand took
    most of the page's time."""
    facts = sorted((Fact(s["p"].value, s["o"], _iri(s["g"])) for s in solutions(
        store, f"SELECT ?p ?o ?g WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} }} "
               f"LIMIT {scan}", union=False)), key=lambda f: (f.predicate, str(f.value)))[:limit]
    counts = {s["p"].value: integer(s["n"]) or 0 for s in solutions(
        store, f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {_pointing(iri)} }} GROUP BY ?p", union=False)}
    rows, cited = _incoming(store, iri, shares(counts, limit))
    subjects = [s for s, _, _ in rows if isinstance(s, ox.NamedNode)]
    evidence = _evidence(store, [iri, *(s.value for s in subjects if s.value in cited)])
    incoming = [Incoming(s, p, g, tuple(evidence.get(s.value, ()))) for s, p, g in rows]
    types = sorted(f.value.value for f in facts if f.predicate == str(RDF.type))
    shown = {iri} | {f.value.value for f in facts if isinstance(f.value, ox.NamedNode)} | {s.value for s in subjects}
    shown |= {e.document for es in evidence.values() for e in es}
    labels = _labels(store, shown)
    graph_size = store.count(iri) if iri in store.graphs() else None
    return Description(iri, labels.get(iri, ""), types, facts, incoming, sum(counts.values()), evidence.get(iri, []),
                       labels, graph_size)


def shares(counts: dict[str, int], limit: int) -> dict[str, int]:
    """How many of each property's incoming facts a page shows: all of them when they fit in ``limit``; else
    the properties with the fewest facts show them all and the others share what is left alike, so that no
    property is crowded out by another's thousands.

    >>> shares({"voter": 7000, "sponsor": 300, "member": 1}, 1000)
    {'member': 1, 'sponsor': 300, 'voter': 699}
    >>> shares({"a": 900, "b": 900}, 1000), shares({"a": 3, "b": 4}, 1000)
    ({'a': 500, 'b': 500}, {'a': 3, 'b': 4})
    """
    out = {}
    left = limit
    ordered = sorted(counts.items(), key=lambda pn: (pn[1], pn[0]))
    for i, (predicate, n) in enumerate(ordered):
        out[predicate] = min(n, -(-left // (len(ordered) - i)))  # an equal part of what is left, rounded up
        left -= out[predicate]
    return dict(sorted(out.items()))


def _pointing(iri: str, predicate: str = "?p") -> str:
    """The pattern of a fact pointing at ``iri`` with the graph that holds it (?g unbound: the default graph)."""
    return f"{{ ?s {predicate} <{iri}> }} UNION {{ GRAPH ?g {{ ?s {predicate} <{iri}> }} }}"


def _incoming(store: Store, iri: str, shown: dict[str, int]) -> tuple[list[tuple[Term, str, str]], set[str]]:
    """The incoming facts (subject, property, graph), ``shown[p]`` of property ``p``, by property then subject,
    and the subjects among them that have evidence. One query: a bounded subquery per property."""
    parts = [f"{{ SELECT ?s ?g (<{p}> AS ?p) WHERE {{ {_pointing(iri, f'<{p}>')} }} LIMIT {n} }}"
             for p, n in shown.items() if n]
    if not parts:
        return [], set()
    rows, cited = [], set()
    for s in solutions(store, f"SELECT ?s ?p ?g ?cited WHERE {{ {' UNION '.join(parts)} "
                              f"BIND(EXISTS {{ GRAPH ?eg {{ ?s <{UNKG.evidence}> ?ev }} }} AS ?cited) }}", union=False):
        rows.append((s["s"], s["p"].value, _iri(s["g"])))
        if s["cited"] is not None and s["cited"].value == "true":
            cited.add(s["s"].value)
    return sorted(rows, key=lambda r: (r[1], r[0].value)), cited


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(set(iris)))


def _evidence(store: Store, subjects: list[str]) -> dict[str, list[Evidence]]:
    """The evidence nodes of each subject, in page and line order."""
    if not subjects:
        return {}
    out: dict[str, list[Evidence]] = {}
    seen: set[tuple[str, str]] = set()
    for s in solutions(store, f"""
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
            integer(s["page"]), integer(s["ls"]), integer(s["le"]), s["quote"].value if s["quote"] is not None else ""))
    return out


def _labels(store: Store, iris: set[str]) -> dict[str, str]:
    """One label per IRI: its skos:prefLabel, else rdfs:label, else dcterms:identifier, else dcterms:title."""
    if not iris:
        return {}
    found: dict[str, dict[str, str]] = {}
    wanted = ", ".join(f"<{p}>" for p in _LABELS)
    for s in solutions(store, f"""SELECT ?x ?p ?label WHERE {{
          VALUES ?x {{ {_values(iris)} }} ?x ?p ?label FILTER(?p IN ({wanted})) }}"""):
        found.setdefault(s["x"].value, {}).setdefault(s["p"].value, s["label"].value)
    return {x: next(ls[p] for p in _LABELS if p in ls) for x, ls in found.items()}




def render(d: Description, frame: Frame, formats: Iterable[tuple[str, str]],
           alternates: Iterable[tuple[str, str, str]] = ()) -> str:
    """The page of ``d``: ``formats`` are (address, label) of its data files, ``alternates`` (address, label,
    media type) the same for ``<link rel="alternate">``."""
    title = d.label or frame.short(d.iri)
    subtitles = [f.value.value for f in d.facts
                 if f.predicate == str(DCTERMS.title) and isinstance(f.value, ox.Literal) and f.value.value != title]
    elsewhere = [("official document" if f.predicate == str(RDFS.seeAlso) else "exact match", f.value.value)
                 for f in d.facts if f.predicate in (str(RDFS.seeAlso), str(SKOS.exactMatch))
                 and isinstance(f.value, ox.NamedNode)]
    return page("entity.html", frame, title, d=d, subtitles=subtitles, elsewhere=elsewhere, formats=list(formats),
                alternates=list(alternates))
