"""``unkg site``: the dataset as static files that any web server or static host serves, and a person browses offline.

Every entity, that is every IRI under the base (setting ``base_iri``) in ``id/`` or ``graph/`` that has facts
of its own, gets three files at the path of its IRI: ``id/state/FRA`` gives ``id/state/FRA.html`` (its facts,
the facts that point to it, its evidence), ``id/state/FRA.ttl`` and ``id/state/FRA.jsonld`` (its facts, JSON-LD
compacted with the project's context). Beside them: ``index.html`` (what the dataset is, its licence and
sources, its size, its classes and graphs), a page per class listing its entities (``classes/…``), the
ontology's documentation at the path of the ontology's IRI (``ontology.html``, with ``ontology.ttl``,
``shapes.ttl`` and ``context.jsonld``), the whole dataset as ``unkg.nq`` and its VoID description
``void.ttl``. Every link between pages is relative, so the folder works from a ``file:`` URL with no server.

An entity's page is the served one (``unkg serve``): :func:`kg.html.entity.describe` reads it and the
template ``entity.html`` of ``kg.html`` renders it, with the one stylesheet (``unkg.css``); only where its links
go differs (files of the site here, paths of the server there).

Served at the base IRI, a page's address is its IRI plus ``.html``; a host that maps ``/id/state/FRA`` to
``FRA.html`` (GitHub Pages does, nginx with ``try_files $uri $uri.html``) serves each IRI itself.
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, VOID

from kg import settings
from kg.html import STYLESHEET, Frame, entity, page
from kg.publish.export import export, parse_lines, serialize_sorted, sorted_lines
from kg.publish import docs, void
from kg.rdf import ontology
from kg.store import Store

__all__ = ["INCOMING_SHOWN", "Site", "page_path", "write_site"]

INCOMING_SHOWN = 1000  # facts pointing at an entity that its page lists (as many as the served page)
_DUMP = "unkg.nq"
_LABELS = (str(SKOS.prefLabel), str(RDFS.label), str(DCTERMS.identifier), str(DCTERMS.title))


@dataclass(frozen=True)
class Site:
    """What :func:`write_site` wrote."""

    folder: Path
    entities: int
    classes: int
    files: int


def page_path(iri: str, base: str) -> str | None:
    """The site path (without extension) of an entity's files, or None when the IRI gets no page.

    >>> page_path("https://w3id.org/unkg/id/state/FRA", "https://w3id.org/unkg/")
    'id/state/FRA'
    >>> page_path("https://w3id.org/unkg/id/x/../y", "https://w3id.org/unkg/"), page_path("https://undocs.org/A/73/505", "https://w3id.org/unkg/")
    (None, None)
    """
    if not iri.startswith(base):
        return None
    path = iri[len(base):]
    segments = path.split("/")
    if segments[0] not in ("id", "graph") or len(segments) < 2 or any(s in ("", ".", "..") for s in segments):
        return None
    if any(c in path for c in "#?\\%") or any(ord(c) < 32 for c in path):
        return None
    return path


def _href(target: str, current: str) -> str:
    """A relative link from the file ``current`` to the file ``target`` (both site paths)."""
    return quote(posixpath.relpath(target, posixpath.dirname(current) or "."), safe="/.-_~()")


class _Writer:
    def __init__(self, store: Store, folder: Path, base: str):
        self.store, self.folder, self.base = store, folder, base
        self.prefixes = sorted(ontology.prefixes().items(), key=lambda item: -len(item[1]))
        self.own = ontology.ONTOLOGY_IRI + "#"
        self.labels = self._labels()
        self.pages = {row["s"] for row in store.select("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } "
                                                           "FILTER(isIRI(?s)) }") if page_path(row["s"], base)}
        self.files = 0

    def _labels(self) -> dict[str, str]:
        found: dict[str, dict[str, str]] = {}
        values = " ".join(f"<{p}>" for p in _LABELS)
        for row in self.store.select(f"SELECT ?x ?p ?l WHERE {{ GRAPH ?g {{ VALUES ?p {{ {values} }} ?x ?p ?l }} }} "
                                     "ORDER BY ?x ?p ?l"):
            found.setdefault(row["x"], {}).setdefault(row["p"], row["l"])
        return {x: next(ls[p] for p in _LABELS if p in ls) for x, ls in found.items()}

    def write(self, path: str, content: str | bytes) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
        self.files += 1

    # --- rendering -----------------------------------------------------------------------------------------

    def short(self, iri: str) -> str:
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri.removeprefix(self.base)

    def frame(self, current: str) -> Frame:
        """The frame of the page at ``current``: links to the pages of the site are relative to it; an own term
        of the ontology links to its section of ``ontology.html``; other http(s) IRIs to themselves."""
        def href(iri: str) -> str | None:
            path = page_path(iri, self.base) if iri in self.pages else None
            if path is not None:
                return _href(path + ".html", current)
            if iri.startswith(self.own):
                return f"{_href('ontology.html', current)}#{iri[len(self.own):]}"
            return iri if iri.startswith(("http://", "https://")) else None

        def is_local(iri: str) -> bool:
            return iri in self.pages or iri.startswith(self.own)

        nav = (("unkg dataset", _href("index.html", current)), ("ontology", _href("ontology.html", current)),
               ("VoID", _href("void.ttl", current)))
        return Frame(_href(STYLESHEET.name, current), nav, href, is_local, self.short)

    def entity(self, iri: str) -> str:
        """The page of ``iri``: what :func:`kg.html.entity.describe` reads, as the server shows it."""
        path = page_path(iri, self.base)
        assert path is not None
        name = quote(posixpath.basename(path))
        return entity.render(entity.describe(self.store, iri, limit=INCOMING_SHOWN), self.frame(path + ".html"),
                             [(f"{name}.ttl", "Turtle"), (f"{name}.jsonld", "JSON-LD")],
                             [(f"{name}.ttl", "Turtle", "text/turtle"), (f"{name}.jsonld", "JSON-LD", "application/ld+json")])

    # --- the files -----------------------------------------------------------------------------------------

    def subjects(self) -> Iterator[tuple[str, list[tuple[ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]]]]:
        """Each subject with a page, with its facts (the union of the graphs, sorted), read in one pass."""
        quads = parse_lines((line for _, line in sorted_lines(self.store, quads=False)), ox.RdfFormat.N_TRIPLES)
        for subject, group in groupby(quads, key=lambda q: q.subject):
            if isinstance(subject, ox.NamedNode) and subject.value in self.pages:
                yield subject.value, [(q.predicate, q.object) for q in group]

    def class_page(self, cls: str, members: list[str], path: str) -> str:
        ordered = sorted(members, key=lambda m: (self.labels.get(m, "").casefold(), m))
        title = f"{self.short(cls)}: {len(members)} entities"
        return page("class.html", self.frame(path), title, cls=cls,
                    members=[(m, self.labels.get(m) or self.short(m)) for m in ordered])


def _first(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.URIRef) -> str:
    value = graph.value(subject, predicate)
    return "" if value is None else str(value)


def write_site(store: Store, folder: Path, *, base: str | None = None) -> Site:
    """Write the static site of the store into ``folder`` (created if missing; files already there are overwritten)."""
    base = base or settings.get("base_iri")
    base = base if base.endswith("/") else base + "/"
    folder.mkdir(parents=True, exist_ok=True)
    w = _Writer(store, folder, base)
    w.write(STYLESHEET.name, STYLESHEET.read_bytes())

    w.write("ontology.html", docs.render({"Turtle (OWL)": "ontology.ttl", "SHACL shapes": "shapes.ttl",
                                          "JSON-LD context": "context.jsonld"}, nav=w.frame("ontology.html").nav))
    for source, target in (("unkg.ttl", "ontology.ttl"), ("shapes.ttl", "shapes.ttl"), ("context.jsonld", "context.jsonld")):
        shutil.copyfile(ontology.path(source), folder / target)
        w.files += 1

    with open(folder / _DUMP, "wb") as out:
        export(store, out, "nq")
    size = (folder / _DUMP).stat().st_size
    description = void.describe(store, dumps=[void.Dump(_DUMP, "application/n-quads", size, base + _DUMP)], base=base)
    (folder / "void.ttl").write_bytes(serialize_sorted(void.triples(description)))
    w.files += 2

    members: dict[str, list[str]] = {}
    entities = 0
    for iri, facts in w.subjects():
        path = page_path(iri, base)
        assert path is not None
        triples = [ox.Triple(ox.NamedNode(iri), p, o) for p, o in facts]
        w.write(path + ".html", w.entity(iri))
        w.write(path + ".ttl", serialize_sorted(triples, "ttl"))
        w.write(path + ".jsonld", serialize_sorted(triples, "jsonld"))
        for p, o in facts:
            if p.value == str(RDF.type) and isinstance(o, ox.NamedNode):
                members.setdefault(o.value, []).append(iri)
        entities += 1

    classes = []
    for cls in sorted(members):
        path = f"classes/{void._name(cls).replace(':', '-')}.html"
        w.write(path, w.class_page(cls, members[cls], path))
        classes.append((cls, path, len(members[cls])))

    dataset = next(s for s in description.subjects(RDF.type, VOID.Dataset) if str(s) == base + "dataset")
    sources = sorted((str(s), _first(description, s, DCTERMS.title), _first(description, s, DCTERMS.rights),
                      _first(description, s, DCTERMS.license))
                     for s in set(description.objects(dataset, DCTERMS.source)))
    w.write("index.html", page(
        "index.html", w.frame("index.html"), _first(description, dataset, DCTERMS.title), dump=_DUMP,
        description=_first(description, dataset, DCTERMS.description),
        licence=_first(description, dataset, DCTERMS.license), rights=_first(description, dataset, DCTERMS.rights),
        created=_first(description, dataset, DCTERMS.created), triples=_first(description, dataset, VOID.triples),
        entities=_first(description, dataset, VOID.entities), classes=classes, graphs=store.graphs(),
        sources=sources))
    return Site(folder, entities, len(classes), w.files)

