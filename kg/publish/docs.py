"""Human-readable HTML documentation of the ontology, generated from ``ontology/unkg.ttl``.

One self-contained page (no script, no remote style sheet): the ontology's metadata (title, IRI, version
IRI and version, licence, creator, preferred prefix), its own classes, object properties, datatype
properties and named individuals, each with its label, definition, superclasses or superproperties, domain,
range and the terms that point to it, then the reused terms and the namespaces. Each own term's section
has the term's local name as its ``id``, so ``ontology.html#DraftResolution`` (or, with the page served at
the ontology's address, ``https://w3id.org/unkg/ontology#DraftResolution``) opens at that term.

Why not pyLODE: the newest release that pip installs here (3.4.1) fails on import (it reads a
``pyproject.toml`` that its wheel does not ship); 3.3.4 works offline but leaves out named individuals (the
sponsorship roles) and makes its anchors from labels (``#draftresolution``), so a term's IRI would not land
on its section.

>>> html = render()
>>> 'id="DraftResolution"' in html and 'id="namedInHeading"' in html
True
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.rdf import ontology

__all__ = ["KINDS", "render", "write"]

VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
KINDS = (  # (OWL type, section id, heading, the kind of one term)
    (OWL.Class, "classes", "Classes", "class"),
    (OWL.ObjectProperty, "object-properties", "Object properties", "object property"),
    (OWL.DatatypeProperty, "datatype-properties", "Datatype properties", "datatype property"),
    (OWL.NamedIndividual, "named-individuals", "Named individuals", "named individual"),
)
_STYLE = """
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; line-height: 1.45;
       color: #1b1b1b; }
code, .iri { font-family: ui-monospace, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
section.term { border-top: 1px solid #ccd; padding: 0.4rem 0 0.8rem; }
section.term:target { background: #fff8dc; }
table.meta th, dl dt { text-align: left; font-weight: 600; vertical-align: top; padding-right: 1rem; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; margin: 0.4rem 0; }
dd { margin: 0; }
.kind { font-size: 0.75em; color: #555; border: 1px solid #999; border-radius: 3px; padding: 0 0.3em; }
nav ul { columns: 3; }
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


class _Page:
    def __init__(self, graph: rdflib.Graph, prefixes: dict[str, str], downloads: dict[str, str]):
        self.g = graph
        self.own = ontology.ONTOLOGY_IRI + "#"
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.downloads = downloads

    def short(self, iri: rdflib.term.Node) -> str:
        text = str(iri)
        for prefix, namespace in self.prefixes:
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return text

    def link(self, iri: rdflib.term.Node) -> str:
        text = str(iri)
        if text.startswith(self.own):
            name = text[len(self.own):]
            return f'<a href="#{_e(name)}" title="{_e(self.label(iri))}"><code>unkg:{_e(name)}</code></a>'
        if text.startswith(("http://", "https://")):
            return f'<a href="{_e(text)}"><code>{_e(self.short(iri))}</code></a>'
        return f"<code>{_e(self.short(iri))}</code>"

    def text(self, subject: rdflib.term.Node, *predicates: rdflib.URIRef) -> str:
        for predicate in predicates:
            values = sorted(self.g.objects(subject, predicate), key=lambda v: (getattr(v, "language", "") != "en", str(v)))
            if values:
                return str(values[0])
        return ""

    def label(self, iri: rdflib.term.Node) -> str:
        return self.text(iri, RDFS.label, SKOS.prefLabel) or self.short(iri)

    def links(self, iris: object) -> str:
        return ", ".join(self.link(i) for i in sorted(iris, key=str))  # type: ignore[call-overload]

    def own_terms(self, kind: rdflib.URIRef) -> list[rdflib.URIRef]:
        return sorted((s for s in self.g.subjects(RDF.type, kind)
                       if isinstance(s, rdflib.URIRef) and str(s).startswith(self.own)), key=str)

    def term(self, iri: rdflib.URIRef, kind: str) -> str:
        name = str(iri)[len(self.own):]
        rows = [("IRI", f'<span class="iri">{_e(iri)}</span>'),
                ("Definition", _e(self.text(iri, SKOS.definition, RDFS.comment)))]
        g = self.g
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
                rows.append((title, self.links(found)))
        alt = self.text(iri, SKOS.prefLabel)
        if alt and alt != self.label(iri):
            rows.append(("Preferred label", _e(alt)))
        body = "".join(f"<dt>{t}</dt><dd>{v}</dd>" for t, v in rows)
        return (f'<section class="term" id="{_e(name)}"><h3>{_e(self.label(iri))} <code>unkg:{_e(name)}</code> '
                f'<span class="kind">{_e(kind)}</span></h3>'
                f"<dl>{body}</dl></section>")

    def render(self) -> str:
        g, header = self.g, rdflib.URIRef(ontology.ONTOLOGY_IRI)
        title = self.text(header, DCTERMS.title) or ontology.ONTOLOGY_IRI
        meta = [
            ("IRI", f'<span class="iri">{_e(header)}</span>'),
            ("Version IRI", f'<span class="iri">{_e(g.value(header, OWL.versionIRI) or "")}</span>'),
            ("Version", _e(g.value(header, OWL.versionInfo) or "")),
            ("Created", _e(g.value(header, DCTERMS.created) or "")),
            ("Creator", _e(self.text(header, DCTERMS.creator))),
            ("Licence", self.links(g.objects(header, DCTERMS.license))),
            ("Preferred prefix", (f"<code>{_e(g.value(header, VANN.preferredNamespacePrefix) or '')}</code>: "
                                  f'<span class="iri">{_e(g.value(header, VANN.preferredNamespaceUri) or "")}</span>')),
            ("Reuses", self.links(g.objects(header, RDFS.seeAlso))),
            ("Downloads", " · ".join(f'<a href="{_e(href)}">{_e(label)}</a>' for label, href in self.downloads.items())),
        ]
        parts = [f"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<header>\n"
                 f"<h1>{_e(title)}</h1>\n<table class=\"meta\">"
                 + "".join(f"<tr><th>{t}</th><td>{v}</td></tr>" for t, v in meta if v and not v.endswith(": "))
                 + f"</table>\n<p>{_e(self.text(header, DCTERMS.description))}</p>\n</header>\n<nav><h2>Contents</h2><ul>"]
        sections = []
        for kind, anchor, heading, singular in KINDS:
            terms = self.own_terms(kind)
            parts.append(f'<li><a href="#{anchor}">{heading}</a> ({len(terms)})</li>')
            sections.append(f'<h2 id="{anchor}">{heading}</h2>\n'
                            + "\n".join(self.term(t, singular) for t in terms))
        parts.append('<li><a href="#reused">Reused terms</a></li><li><a href="#namespaces">Namespaces</a></li></ul></nav>\n<main>\n')
        parts += sections
        reused = sorted({s for kind in (*(k[0] for k in KINDS), OWL.AnnotationProperty)
                         for s in g.subjects(RDF.type, kind)
                         if isinstance(s, rdflib.URIRef) and not str(s).startswith(self.own) and s != header}, key=str)
        parts.append('<h2 id="reused">Reused terms</h2>\n<p>Declared with their OWL type only; their meaning is '
                     'their own vocabulary\'s.</p>\n<ul>'
                     + "".join(f"<li>{self.link(s)} ({', '.join(sorted(self.short(t) for t in g.objects(s, RDF.type)))})</li>"
                               for s in reused) + "</ul>\n")
        parts.append('<h2 id="namespaces">Namespaces</h2>\n<table class="meta">'
                     + "".join(f"<tr><th><code>{_e(p)}:</code></th><td class=\"iri\">{_e(n)}</td></tr>"
                               for p, n in sorted(self.prefixes)) + "</table>\n</main>\n</body>\n</html>\n")
        return "".join(parts)


def render(downloads: dict[str, str] | None = None) -> str:
    """The HTML page; ``downloads`` maps a label to a (relative) link, e.g. ``{"Turtle": "unkg.ttl"}``."""
    graph = rdflib.Graph().parse(ontology.path("unkg.ttl"))
    return _Page(graph, ontology.prefixes(), downloads or {}).render()


def write(folder: Path) -> Path:
    """Write ``index.html`` with the ontology's Turtle, its SHACL shapes and its JSON-LD context beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"Turtle (OWL)": "unkg.ttl", "SHACL shapes": "shapes.ttl", "JSON-LD context": "context.jsonld"}
    for name in files.values():
        shutil.copyfile(ontology.path(name), folder / name)
    page = folder / "index.html"
    page.write_text(render(files), encoding="utf-8")
    return page
