"""The served pages, rendered with ``kg.html``'s templates: the query page, entity pages, descriptions shown as
Turtle, and error pages. Every text from the graph is escaped by the templates' autoescaping; a link is made
only to an IRI served here (under the base IRI, as its path) or to an ``http(s)`` address elsewhere.

>>> from kg.serve.linked_data import Description
>>> d = Description("https://w3id.org/unkg/id/state/XYZ", "<b>X</b>", [], [], [], 0, [])
>>> "&lt;b&gt;X&lt;/b&gt;" in entity_page(d, "https://w3id.org/unkg/"), "<b>X" in entity_page(d, "https://w3id.org/unkg/")
(True, False)
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from kg.html import Frame, page
from kg.html.entity import Description
from kg.html.entity import render as render_entity
from kg.queries import NamedQuery, bind
from kg.serve.linked_data import compact, local_path

__all__ = ["query_page", "entity_page", "turtle_page", "error_page", "example_query", "DATA_FORMATS"]

# (format parameter, label, media type) of the RDF representations an entity page links to
DATA_FORMATS = (("ttl", "Turtle", "text/turtle"), ("jsonld", "JSON-LD", "application/ld+json"),
                ("nt", "N-Triples", "application/n-triples"), ("rdfxml", "RDF/XML", "application/rdf+xml"))
NAV = (("unkg", "/"), ("SPARQL query", "/"), ("dataset (VoID)", "/.well-known/void"),
       ("service description", "/sparql"), ("ontology", "/ontology"))


@functools.lru_cache(maxsize=8)
def frame(base: str) -> Frame:
    """The served pages' frame: IRIs under ``base`` link to their path here, other http(s) IRIs to themselves.
    One frame per base, kept with what it has worked out: a page calls ``href``, ``is_local`` and ``short`` for
    every cell, mostly with the same few properties and graphs."""
    @functools.lru_cache(maxsize=65_536)
    def href(iri: str) -> str | None:
        path = local_path(iri, base)
        if path is not None:
            return quote(path, safe="/:@!$&'()*+,;=-._~#")
        return iri if iri.startswith(("http://", "https://")) else None

    @functools.lru_cache(maxsize=65_536)
    def is_local(iri: str) -> bool:
        return local_path(iri, base) is not None

    @functools.lru_cache(maxsize=65_536)
    def short(iri: str) -> str:
        shown = compact(iri)
        return iri[len(base):] if shown == iri and iri.startswith(base) and len(iri) > len(base) else shown

    return Frame("/static/unkg.css", NAV, href, is_local, short)


def _formats() -> list[tuple[str, str]]:
    return [(f"?format={fmt}", label) for fmt, label, _ in DATA_FORMATS]


def example_query(q: NamedQuery, values: dict[str, str] | None = None) -> str:
    """A named query as the query page offers it: its parameters bound in VALUES, to ``values`` where given
    (values the graph holds, so that it answers rows as it opens), else to placeholders (the parameter's name
    in capitals; UNDEF for the second of two alternatives), with a comment saying what each takes.

    >>> from kg.queries import catalogue
    >>> 'VALUES (?draft) { ("DRAFT") }' in example_query(catalogue()["votes"])
    True
    >>> 'VALUES (?draft) { ("A/C.1/73/L.37") }' in example_query(catalogue()["votes"], {"draft": "A/C.1/73/L.37"})
    True
    """
    if not q.params:
        return q.text
    values = values or {}
    later = {p for group in q.choices for p in group[1:]}
    kinds = {p: "an integer, without quotes" if q.types.get(p) == "integer" else "a UN symbol" for p in q.params}
    shown = [p for p in q.params if p not in later]
    hint = ("# Change " + "; ".join(f'"{values.get(p, p.upper())}" to {kinds[p]}' for p in shown)
            + " in VALUES below, and run the query.\n")
    hint += "".join(f"# {' or '.join(group)}: give one ({', '.join(f'{p}: {kinds[p]}' for p in group)}), "
                    "UNDEF for the other, and say which with true and false in the _given columns.\n"
                    for group in q.choices)
    bound: dict[str, str | None] = {p: None if p in later else values.get(p, p.upper()) for p in q.params}
    given = {f"{p}_given": str(p not in later).lower() for group in q.choices for p in group}
    types = {p: q.types[p] for p in values if p in q.types} | dict.fromkeys(given, "boolean")
    return hint + bind(q.text, bound | given, types)


def query_page(examples: list[NamedQuery], base: str, values: dict[str, dict[str, str]] | None = None,
               states: dict[str, str] | None = None) -> str:
    """The SPARQL query page: YASGUI (bundled) on ``/sparql`` with the named queries as ready examples, bound
    to ``values`` (by query, by parameter) where given; ``states`` (code: name) lets the page show a state's
    name beside its code."""
    values = values or {}
    config = {"endpoint": "/sparql", "base": base, "states": states or {},
              "examples": {q.name: example_query(q, values.get(q.name)) for q in examples}}
    return page("query.html", frame(base), "SPARQL query", examples=examples, config=config)


def entity_page(d: Description, base: str) -> str:
    """The page of one IRI: labels, types, evidence, facts both ways, and links to its neighbours."""
    return render_entity(d, frame(base), _formats(),
                         [(f"?format={fmt}", label, media_type) for fmt, label, media_type in DATA_FORMATS[:3]])


def turtle_page(title: str, turtle: str) -> str:
    """A description for a person reading it in a browser: its Turtle, with links to the other formats."""
    return page("text.html", frame(""), title, formats=_formats(), message="", preformatted=turtle)


def error_page(status: int, message: str) -> str:
    return page("text.html", frame(""), str(status), formats=[], message=message, preformatted="")
