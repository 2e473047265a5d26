"""Human-readable HTML documentation of the ontology, generated from ``ontology/unkg.ttl``.

One page (no script; ``kg.html``'s template ``ontology.html`` and its one stylesheet, ``unkg.css``, beside it): the ontology's metadata (title, IRI, version
IRI and version, licence, creator, preferred prefix), its own classes, object properties, datatype
properties and named individuals, each with its label, definition, superclasses or superproperties, domain,
range and the terms that point to it, then the reused terms and the namespaces. Each own term's section
has the term's local name as its ``id``, so ``ontology.html#DraftResolution`` (or, with the page served at
the ontology's address, ``https://w3id.org/unkg/ontology#DraftResolution``) opens at that term.

Why not pyLODE: the issue asked for pyLODE 3.6, which the package index here does not have (3.4.1 is the
newest); 3.4.1 still fails on import (it reads a ``pyproject.toml`` that its wheel does not ship: tried again
on 2026-12-04), and 3.3.4, which works offline, leaves out named individuals (the sponsorship roles) and
makes its anchors from labels (``#draftresolution``), so a term's IRI would not land on its section. So the
page is made here, with ``kg.html``'s template ``ontology.html``; ``unkg serve`` serves the same page at
``/ontology`` (and the static site at ``ontology.html``).

>>> html = render()
>>> 'id="DraftResolution"' in html and 'id="namedInHeading"' in html
True
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg import html
from kg.html import STYLESHEET
from kg.rdf import ontology

__all__ = ["KINDS", "render", "write"]

VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
KINDS = (  # (OWL type, section id, heading, the kind of one term)
    (OWL.Class, "classes", "Classes", "class"),
    (OWL.ObjectProperty, "object-properties", "Object properties", "object property"),
    (OWL.DatatypeProperty, "datatype-properties", "Datatype properties", "datatype property"),
    (OWL.NamedIndividual, "named-individuals", "Named individuals", "named individual"),
)
@dataclass(frozen=True)
class Link:
    """A term as the page links it: the address (None: no link), the text and the tooltip."""

    href: str | None
    text: str
    title: str = ""


@dataclass(frozen=True)
class Row:
    """One line of a term's or of the header's table: plain text, an IRI, or links."""

    title: str
    text: str = ""
    iri: str = ""
    links: tuple[Link, ...] = ()


class _Page:
    def __init__(self, graph: rdflib.Graph, prefixes: dict[str, str]):
        self.g = graph
        self.own = ontology.ONTOLOGY_IRI + "#"
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def short(self, iri: rdflib.term.Node) -> str:
        text = str(iri)
        for prefix, namespace in self.prefixes:
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return text

    def link(self, iri: rdflib.term.Node) -> Link:
        text = str(iri)
        if text.startswith(self.own):
            name = text[len(self.own):]
            return Link(f"#{name}", f"unkg:{name}", self.label(iri))
        if text.startswith(("http://", "https://")):
            return Link(text, self.short(iri))
        return Link(None, self.short(iri))

    def text(self, subject: rdflib.term.Node, *predicates: rdflib.URIRef) -> str:
        for predicate in predicates:
            values = sorted(self.g.objects(subject, predicate), key=lambda v: (getattr(v, "language", "") != "en", str(v)))
            if values:
                return str(values[0])
        return ""

    def label(self, iri: rdflib.term.Node) -> str:
        return self.text(iri, RDFS.label, SKOS.prefLabel) or self.short(iri)

    def links(self, iris: object) -> tuple[Link, ...]:
        return tuple(self.link(i) for i in sorted(iris, key=str))  # type: ignore[call-overload]

    def own_terms(self, kind: rdflib.URIRef) -> list[rdflib.URIRef]:
        return sorted((s for s in self.g.subjects(RDF.type, kind)
                       if isinstance(s, rdflib.URIRef) and str(s).startswith(self.own)), key=str)

    def term(self, iri: rdflib.URIRef, kind: str) -> dict[str, object]:
        g = self.g
        rows = [Row("IRI", iri=str(iri)), Row("Definition", self.text(iri, SKOS.definition, RDFS.comment))]
        relations = [
            ("Subclass of", g.objects(iri, RDFS.subClassOf)),
            ("Superclass of", g.subjects(RDFS.subClassOf, iri)),
            ("Subproperty of", g.objects(iri, RDFS.subPropertyOf)),
            ("Superproperty of", g.subjects(RDFS.subPropertyOf, iri)),
            ("Domain", g.objects(iri, RDFS.domain)),
            ("Range", g.objects(iri, RDFS.range)),
            ("In the domain of", g.subjects(RDFS.domain, iri)),
            ("In the range of", g.subjects(RDFS.range, iri)),
            ("Types", (t for t in g.objects(iri, RDF.type) if kind == "named individual" and t != OWL.NamedIndividual)),
            ("Instances", (s for s in g.subjects(RDF.type, iri))),
            ("In scheme", g.objects(iri, SKOS.inScheme)),
            ("Top concepts", g.objects(iri, SKOS.hasTopConcept)),
        ]
        for title, values in relations:
            found = set(values)
            if found:
                rows.append(Row(title, links=self.links(found)))
        alt = self.text(iri, SKOS.prefLabel)
        if alt and alt != self.label(iri):
            rows.append(Row("Preferred label", alt))
        return {"name": str(iri)[len(self.own):], "label": self.label(iri), "kind": kind, "rows": rows}

    def context(self) -> dict[str, object]:
        g, header = self.g, rdflib.URIRef(ontology.ONTOLOGY_IRI)
        meta = [
            Row("IRI", iri=str(header)),
            Row("Version IRI", iri=str(g.value(header, OWL.versionIRI) or "")),
            Row("Version", str(g.value(header, OWL.versionInfo) or "")),
            Row("Created", str(g.value(header, DCTERMS.created) or "")),
            Row("Creator", self.text(header, DCTERMS.creator)),
            Row("Licence", links=self.links(g.objects(header, DCTERMS.license))),
            Row("Preferred prefix", str(g.value(header, VANN.preferredNamespacePrefix) or ""),
                iri=str(g.value(header, VANN.preferredNamespaceUri) or "")),
            Row("Reuses", links=self.links(g.objects(header, RDFS.seeAlso))),
        ]
        reused = sorted({s for kind in (*(k[0] for k in KINDS), OWL.AnnotationProperty)
                         for s in g.subjects(RDF.type, kind)
                         if isinstance(s, rdflib.URIRef) and not str(s).startswith(self.own) and s != header}, key=str)
        return {
            "title": self.text(header, DCTERMS.title) or ontology.ONTOLOGY_IRI,
            "meta": [row for row in meta if row.text or row.iri or row.links],
            "description": self.text(header, DCTERMS.description),
            "sections": [(anchor, heading, [self.term(t, singular) for t in self.own_terms(kind)])
                         for kind, anchor, heading, singular in KINDS],
            "reused": [(self.link(s), ", ".join(sorted(self.short(t) for t in g.objects(s, RDF.type)))) for s in reused],
            "namespaces": sorted(self.prefixes),
        }


def render(downloads: dict[str, str] | None = None, *, stylesheet: str = STYLESHEET.name,
           nav: tuple[tuple[str, str], ...] = ()) -> str:
    """The HTML page; ``downloads`` maps a label to a (relative) link, e.g. ``{"Turtle": "unkg.ttl"}``;
    ``stylesheet`` is the address of ``kg.html``'s stylesheet from the page, ``nav`` its navigation bar."""
    graph = rdflib.Graph().parse(ontology.path("unkg.ttl"))
    context = _Page(graph, ontology.prefixes()).context()
    return html.render("ontology.html", stylesheet=stylesheet, nav=nav, downloads=list((downloads or {}).items()),
                       **context)


def write(folder: Path) -> Path:
    """Write ``index.html`` with the ontology's Turtle, its SHACL shapes and its JSON-LD context beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"Turtle (OWL)": "unkg.ttl", "SHACL shapes": "shapes.ttl", "JSON-LD context": "context.jsonld"}
    for name in files.values():
        shutil.copyfile(ontology.path(name), folder / name)
    shutil.copyfile(str(STYLESHEET), folder / STYLESHEET.name)
    page = folder / "index.html"
    page.write_text(render(files), encoding="utf-8")
    return page
