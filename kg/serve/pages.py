"""HTML pages of ``unkg serve``: the query page, entity pages, the ontology page and error pages.

Every piece of text from the graph goes through :func:`html.escape` (names may contain markup), and a
link is made only to an IRI served here (under the base IRI) or to an ``http(s)`` address elsewhere.

>>> from kg.serve.linked_data import Description
>>> d = Description("https://w3id.org/unkg/id/state/XYZ", "<b>X</b>", [], [], [], 0, [])
>>> "&lt;b&gt;X&lt;/b&gt;" in entity_page(d, "https://w3id.org/unkg/"), "<b>X" in entity_page(d, "https://w3id.org/unkg/")
(True, False)
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, RDFS

from kg.queries import NamedQuery, bind
from kg.serve.linked_data import Description, Evidence, compact, local_path

__all__ = ["query_page", "entity_page", "turtle_page", "error_page", "example_query", "DATA_FORMATS"]

# (format parameter, label) of the RDF representations an entity page links to
DATA_FORMATS = (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"), ("rdfxml", "RDF/XML"))
_SEE_ALSO, _SAME_AS, _TITLE = str(RDFS.seeAlso), str(OWL.sameAs), str(DCTERMS.title)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _href(iri: str, base: str) -> str | None:
    """The address to link ``iri`` to: its path here when it lies under ``base``, itself when it is http(s)."""
    path = local_path(iri, base)
    if path is not None:
        return quote(path, safe="/:@!$&'()*+,;=-._~#")
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def _link(iri: str, base: str, label: str = "") -> str:
    href = _href(iri, base)
    shown = _e(label or _short(iri, base))
    title = f' title="{_e(iri)}"'
    if href is None:
        return f"<span{title}>{shown}</span>"
    external = "" if local_path(iri, base) is not None else ' rel="noopener" class="external"'
    return f'<a href="{_e(href)}"{title}{external}>{shown}</a>'


def _short(iri: str, base: str) -> str:
    """An IRI as a person reads it: its prefixed name, or its path under the base."""
    short = compact(iri)
    if short == iri and iri.startswith(base) and len(iri) > len(base):
        return iri[len(base):]
    return short


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal, d: Description, base: str) -> str:
    if isinstance(term, ox.NamedNode):
        label = d.label_of(term.value)
        extra = f' <span class="iri">{_e(_short(term.value, base))}</span>' if label else ""
        return _link(term.value, base, label) + extra
    if isinstance(term, ox.BlankNode):
        return f"<span class=\"bnode\">_:{_e(term.value)}</span>"
    note = f"@{term.language}" if term.language else compact(term.datatype.value)
    if note == "xsd:string":
        note = ""
    return f"{_e(term.value)}" + (f' <span class="datatype">{_e(note)}</span>' if note else "")


def _layout(title: str, body: str, *, head: str = "", main_class: str = "") -> str:
    cls = f' class="{main_class}"' if main_class else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)} — unkg</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/unkg.css">
{head}</head>
<body>
<header class="bar"><a class="home" href="/">unkg</a>
<nav><a href="/">SPARQL query</a> <a href="/.well-known/void">dataset (VoID)</a>
<a href="/sparql">service description</a></nav>
</header>
<main{cls}>
{body}
</main>
</body>
</html>
"""


def example_query(q: NamedQuery) -> str:
    """A named query as the query page offers it: its parameters bound in VALUES to placeholders (the
    parameter's name in capitals; UNDEF for the second of two alternatives), with a comment saying what
    each placeholder takes.

    >>> from kg.queries import catalogue
    >>> 'VALUES (?draft) { ("DRAFT") }' in example_query(catalogue()["votes"])
    True
    """
    if not q.params:
        return q.text
    later = {p for group in q.choices for p in group[1:]}
    kinds = {p: "an integer, without quotes" if q.types.get(p) == "integer" else "a UN symbol" for p in q.params}
    hint = ("# Replace " + "; ".join(f'"{p.upper()}" by {kinds[p]}' for p in q.params if p not in later)
            + " in VALUES below, and run the query.\n")
    hint += "".join(f"# {' or '.join(group)}: give one ({', '.join(f'{p}: {kinds[p]}' for p in group)}), "
                    "UNDEF for the other, and say which with true and false in the _given columns.\n"
                    for group in q.choices)
    values: dict[str, str | None] = {p: None if p in later else p.upper() for p in q.params}
    given = {f"{p}_given": str(p not in later).lower() for group in q.choices for p in group}
    return hint + bind(q.text, values | given, dict.fromkeys(given, "boolean"))


def _params(q: NamedQuery) -> str:
    return f' <span class="params">({_e(", ".join(q.params))})</span>' if q.params else ""


def query_page(examples: list[NamedQuery], base: str) -> str:
    """The SPARQL query page: YASGUI (bundled) on ``/sparql`` with the named queries as ready examples."""
    items = "\n".join(
        f'<li><button type="button" data-example="{_e(q.name)}">{_e(q.name)}</button>{_params(q)}'
        f"<p>{_e(q.summary)}</p></li>" for q in examples)
    config = json.dumps({"endpoint": "/sparql", "base": base,
                         "examples": {q.name: example_query(q) for q in examples}}, ensure_ascii=False)
    config = config.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    body = f"""<section class="examples">
<h2>Named queries</h2>
<p>The questions of the catalogue <code>queries/</code>; a click opens one in the editor.</p>
<ul>
{items}
</ul>
</section>
<section class="editor"><div id="yasgui"></div></section>
<script type="application/json" id="unkg-config">{config}</script>
<script src="/static/yasgui.min.js"></script>
<script src="/static/query.js"></script>"""
    head = '<link rel="stylesheet" href="/static/yasgui.min.css">\n'
    return _layout("SPARQL query", body, head=head, main_class="query")


def _evidence_where(e: Evidence, base: str) -> str:
    where = [_link(e.document, base, e.document_label)]
    if e.page is not None:
        where.append(f"page {e.page}")
    if e.line_start is not None:
        lines = str(e.line_start) if e.line_end in (None, e.line_start) else f"{e.line_start}–{e.line_end}"
        where.append(f"line{'s' if '–' in lines else ''} {lines}")
    text = ", ".join(where)
    if e.official:
        text += " (" + ", ".join(_link(o, base, "official document") for o in e.official) + ")"
    return text


def _evidence_list(evidence: list[Evidence], base: str) -> str:
    return "<ul class=\"evidence\">\n" + "\n".join(
        f"<li>{_evidence_where(e, base)} <a class=\"node\" href=\"{_e(_href(e.node, base) or '')}\">evidence</a>"
        f"<blockquote>{_e(e.quote)}</blockquote></li>" for e in evidence) + "\n</ul>"


def _graph_cell(graph: str, base: str) -> str:
    return _link(graph, base) if graph else "<span class=\"iri\">default graph</span>"


def entity_page(d: Description, base: str) -> str:
    """The page of one IRI: labels, types, evidence, facts both ways, and links to its neighbours."""
    title = d.label or _short(d.iri, base)
    parts = [f"<h1>{_e(title)}</h1>"]
    parts += [f'<p class="subtitle">{_e(f.value.value)}</p>' for f in d.facts
              if f.predicate == _TITLE and isinstance(f.value, ox.Literal) and f.value.value != title]
    parts.append(f'<p class="iri"><code>{_e(d.iri)}</code></p>')
    if d.types:
        parts.append("<p class=\"types\">" + ", ".join(_link(t, base, compact(t)) for t in d.types) + "</p>")
    elsewhere = [f for f in d.facts if f.predicate in (_SEE_ALSO, _SAME_AS) and isinstance(f.value, ox.NamedNode)]
    if elsewhere:
        parts.append("<p class=\"elsewhere\">Elsewhere: " + ", ".join(
            _link(f.value.value, base, ("official document " if f.predicate == _SEE_ALSO else "same as ")
                  + f.value.value) for f in elsewhere) + "</p>")
    formats = " · ".join(f'<a href="?format={fmt}">{label}</a>' for fmt, label in DATA_FORMATS)
    parts.append(f'<p class="formats">As data: {formats}</p>')
    if d.graph_size is not None:
        parts.append(f"<p class=\"graph\">A named graph of {d.graph_size:,} triples; as data, its whole content.</p>")
    if d.evidence:
        parts += ["<section><h2>Evidence</h2>", _evidence_list(d.evidence, base), "</section>"]
    rows = "\n".join(f"<tr><td>{_link(f.predicate, base, compact(f.predicate))}</td><td>{_value(f.value, d, base)}"
                     f"</td><td>{_graph_cell(f.graph, base)}</td></tr>" for f in d.facts)
    parts.append(f"<section><h2>Facts</h2>\n<table class=\"facts\"><thead><tr><th>property</th><th>value</th>"
                 f"<th>graph</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table></section>" if d.facts
                 else "<section><h2>Facts</h2><p>No facts have this IRI as their subject.</p></section>")
    if d.incoming:
        shown = (f"{d.incoming_total:,} facts point here" if d.incoming_total == len(d.incoming)
                 else f"{d.incoming_total:,} facts point here; the first {len(d.incoming):,} are shown")
        rows = "\n".join(
            f"<tr><td>{_value(i.subject, d, base)}</td><td>{_link(i.predicate, base, compact(i.predicate))}</td><td>"
            + "".join(f"<details><summary>{_evidence_where(e, base)}</summary><blockquote>{_e(e.quote)}</blockquote>"
                      f"</details>" for e in i.evidence)
            + f"</td><td>{_graph_cell(i.graph, base)}</td></tr>" for i in d.incoming)
        parts.append(f"<section><h2>Referenced by</h2><p>{shown}.</p>\n<table class=\"incoming\"><thead><tr>"
                     f"<th>subject</th><th>property</th><th>evidence</th><th>graph</th></tr></thead>\n<tbody>\n{rows}"
                     f"\n</tbody></table></section>")
    head = "".join(f'<link rel="alternate" type="{t}" href="?format={fmt}">\n' for fmt, t in (
        ("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples")))
    return _layout(title, "\n".join(parts), head=head, main_class="entity")


def turtle_page(title: str, turtle: str) -> str:
    """A description for a person reading it in a browser: its Turtle, with links to the other formats."""
    formats = " · ".join(f'<a href="?format={fmt}">{label}</a>' for fmt, label in DATA_FORMATS)
    return _layout(title, f"<h1>{_e(title)}</h1><p class=\"formats\">As data: {formats}</p><pre>{_e(turtle)}</pre>",
                   main_class="entity")


def error_page(status: int, message: str) -> str:
    return _layout(f"{status}", f"<h1>{status}</h1><p>{_e(message)}</p>", main_class="entity")
