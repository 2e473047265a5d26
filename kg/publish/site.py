"""``unkg site``: the dataset as static files that any web server or static host serves, and a person browses offline.

Every entity, that is every IRI under the base (setting ``base_iri``) in ``id/`` or ``graph/`` that has facts
of its own, gets three files at the path of its IRI: ``id/state/FRA`` gives ``id/state/FRA.html`` (its facts,
the facts that point to it, its evidence), ``id/state/FRA.ttl`` and ``id/state/FRA.jsonld`` (its facts, JSON-LD
compacted with the project's context). Beside them: ``index.html`` (what the dataset is, its licence and
sources, its size, its classes and graphs), a page per class listing its entities (``classes/…``), the
ontology's documentation at the path of the ontology's IRI (``ontology.html``, with ``ontology.ttl``,
``shapes.ttl`` and ``context.jsonld``), the whole dataset as ``unkg.nq`` and its VoID description
``void.ttl``. Every link between pages is relative, so the folder works from a ``file:`` URL with no server.

Served at the base IRI, a page's address is its IRI plus ``.html``; a host that maps ``/id/state/FRA`` to
``FRA.html`` (GitHub Pages does, nginx with ``try_files $uri $uri.html``) serves each IRI itself.
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, VOID

from kg import settings
from kg.publish.export import export, parse_lines, serialize_sorted, sorted_lines
from kg.publish import docs, void
from kg.rdf import ontology
from kg.rdf.namespace import UNKG
from kg.store import Store

__all__ = ["INCOMING_SHOWN", "Site", "page_path", "write_site"]

INCOMING_SHOWN = 200  # facts pointing at an entity that its page lists
_LABELS = (str(SKOS.prefLabel), str(RDFS.label), str(DCTERMS.identifier), str(DCTERMS.title))
_DUMP = "unkg.nq"
_STYLE = """
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 64rem; padding: 0.5rem 2rem 2rem;
       line-height: 1.45; color: #1b1b1b; }
nav.top { font-size: 0.9em; border-bottom: 1px solid #ccd; padding: 0.4rem 0; }
nav.top a { margin-right: 1rem; }
code, .iri { font-family: ui-monospace, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.6rem 0.25rem 0; border-bottom: 1px solid #eee; }
th { white-space: nowrap; }
.note { color: #555; font-size: 0.85em; }
blockquote { margin: 0.3rem 0 0.8rem 1rem; padding-left: 0.8rem; border-left: 3px solid #ccd; white-space: pre-wrap; }
"""


@dataclass(frozen=True)
class Site:
    """What :func:`write_site` wrote."""

    folder: Path
    entities: int
    classes: int
    files: int


def _e(value: object) -> str:
    return escape(str(value), quote=True)


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

    def link(self, iri: str, current: str, label: str | None = None) -> str:
        """A link to ``iri`` from the page ``current``: its page here, the ontology's section, or the IRI itself."""
        shown = _e(label if label is not None else self.labels.get(iri) or self.short(iri))
        path = page_path(iri, self.base) if iri in self.pages else None
        if path is not None:
            return f'<a href="{_href(path + ".html", current)}" title="{_e(iri)}">{shown}</a>'
        if iri.startswith(self.own):
            return f'<a href="{_href("ontology.html", current)}#{_e(iri[len(self.own):])}" title="{_e(iri)}">{shown}</a>'
        if iri.startswith(("http://", "https://")):
            return f'<a class="external" rel="noopener" href="{_e(iri)}">{shown}</a>'
        return f'<span title="{_e(iri)}">{shown}</span>'

    def value(self, term: ox.NamedNode | ox.BlankNode | ox.Literal, current: str) -> str:
        if isinstance(term, ox.NamedNode):
            label = self.labels.get(term.value)
            extra = f' <span class="note iri">{_e(self.short(term.value))}</span>' if label else ""
            return self.link(term.value, current) + extra
        if isinstance(term, ox.BlankNode):
            return f"<code>_:{_e(term.value)}</code>"
        note = f"@{term.language}" if term.language else self.short(term.datatype.value)
        return _e(term.value) + ("" if note == "xsd:string" else f' <span class="note">{_e(note)}</span>')

    def layout(self, current: str, title: str, body: str) -> str:
        css = _href("site.css", current)
        nav = (f'<nav class="top"><a href="{_href("index.html", current)}">unkg dataset</a>'
               f'<a href="{_href("ontology.html", current)}">ontology</a>'
               f'<a href="{_href("void.ttl", current)}">VoID</a></nav>')
        return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
                f'<link rel="stylesheet" href="{css}">\n</head>\n<body>\n{nav}\n<main>\n{body}\n</main>\n</body>\n</html>\n')

    def entity(self, iri: str, facts: list[tuple[ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]]) -> str:
        path = page_path(iri, self.base)
        assert path is not None
        current = path + ".html"
        name = posixpath.basename(path)
        title = self.labels.get(iri) or path
        types = [o.value for p, o in facts if p.value == str(RDF.type) and isinstance(o, ox.NamedNode)]
        rows = []
        for predicate, group in groupby(facts, key=lambda f: f[0].value):
            if predicate == str(RDF.type):
                continue
            values = "<br>".join(self.value(o, current) for _, o in group)
            rows.append(f"<tr><th>{self.link(predicate, current, self.short(predicate))}</th><td>{values}</td></tr>")
        graphs = [row["g"] for row in self.store.select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} ORDER BY ?g")]
        incoming = self.store.select(f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }} }} "
                                     f"ORDER BY ?p ?s LIMIT {INCOMING_SHOWN + 1}")
        body = [f"<h1>{_e(title)}</h1>",
                f'<p class="iri">{_e(iri)}</p>',
                (f'<p>{", ".join(self.link(t, current, self.short(t)) for t in types) or "no type"} · as data: '
                 f'<a href="{_e(quote(name))}.ttl">Turtle</a> · <a href="{_e(quote(name))}.jsonld">JSON-LD</a></p>'),
                "<h2>Facts</h2>", f"<table>{''.join(rows)}</table>" if rows else "<p>none</p>"]
        evidence = self.evidence(iri, current)
        if evidence:
            body += ["<h2>Evidence</h2>", evidence]
        if graphs:
            body += ["<h2>Stated in</h2>", "<ul>" + "".join(f"<li>{self.link(g, current, self.short(g))}</li>"
                                                            for g in graphs) + "</ul>"]
        if incoming:
            shown = incoming[:INCOMING_SHOWN]
            more = "" if len(incoming) <= INCOMING_SHOWN else f'<p class="note">and more; the first {INCOMING_SHOWN} are shown</p>'
            body += ["<h2>Referred to by</h2>", "<table>" + "".join(
                f"<tr><td>{self.link(r['s'], current)}</td><td>{self.link(r['p'], current, self.short(r['p']))}</td></tr>"
                for r in shown) + "</table>" + more]
        return self.layout(current, title, "\n".join(body))

    def evidence(self, iri: str, current: str) -> str:
        rows = self.store.select(f"""SELECT DISTINCT ?doc ?page ?ls ?le ?quote WHERE {{ GRAPH ?g {{
            <{iri}> <{UNKG.evidence}> ?ev . ?ev <{UNKG.sourceDocument}> ?doc ; <{UNKG.quote}> ?quote .
            OPTIONAL {{ ?ev <{UNKG.page}> ?page }} OPTIONAL {{ ?ev <{UNKG.lineStart}> ?ls }}
            OPTIONAL {{ ?ev <{UNKG.lineEnd}> ?le }} }} }}""")
        rows.sort(key=lambda r: (r["doc"], int(r["page"] or 0), int(r["ls"] or 0), r["quote"]))
        out = []
        for r in rows:
            where = ", ".join(x for x in (f"page {r['page']}" if r["page"] else "",
                                          f"lines {r['ls']}–{r['le']}" if r["ls"] else "") if x)
            out.append(f"<p>{self.link(r['doc'], current)} {_e(where)}</p><blockquote>{_e(r['quote'])}</blockquote>")
        return "".join(out)

    # --- the files -----------------------------------------------------------------------------------------

    def subjects(self) -> Iterator[tuple[str, list[tuple[ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]]]]:
        """Each subject with a page, with its facts (the union of the graphs, sorted), read in one pass."""
        quads = parse_lines((line for _, line in sorted_lines(self.store, quads=False)), ox.RdfFormat.N_TRIPLES)
        for subject, group in groupby(quads, key=lambda q: q.subject):
            if isinstance(subject, ox.NamedNode) and subject.value in self.pages:
                yield subject.value, [(q.predicate, q.object) for q in group]

    def class_page(self, cls: str, members: list[str], path: str) -> str:
        members = sorted(members, key=lambda m: (self.labels.get(m, "").casefold(), m))
        items = "".join(f"<li>{self.link(m, path)}</li>" for m in members)
        title = f"{self.short(cls)}: {len(members)} entities"
        return self.layout(path, title, f"<h1>{_e(title)}</h1>\n<p>{self.link(cls, path, 'the class in the ontology')}"
                                        f"</p>\n<ul>{items}</ul>")

    def index(self, description: list[tuple[str, str]], classes: list[tuple[str, str, int]],
              graphs: list[str], sources: list[tuple[str, str, str, str]]) -> str:
        facts = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in description)
        body = [f"<h1>{_e(dict(description)['Title'])}</h1>", f"<table>{facts}</table>",
                "<h2>Classes</h2><table>" + "".join(
                    f'<tr><td><a href="{_href(path, "index.html")}">{_e(self.short(c))}</a></td><td>{n}</td></tr>'
                    for c, path, n in classes) + "</table>",
                "<h2>Named graphs</h2><ul>" + "".join(f"<li>{self.link(g, 'index.html', self.short(g))}</li>"
                                                      for g in graphs) + "</ul>",
                "<h2>Sources</h2><table>" + "".join(
                    f"<tr><td>{self.link(iri, 'index.html', title)}</td><td>{_e(rights)}</td>"
                    f"<td>{self.link(licence, 'index.html', 'licence')}</td></tr>" for iri, title, rights, licence in sources)
                + "</table>"]
        return self.layout("index.html", dict(description)["Title"], "\n".join(body))


def _first(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.URIRef) -> str:
    value = graph.value(subject, predicate)
    return "" if value is None else str(value)


def write_site(store: Store, folder: Path, *, base: str | None = None) -> Site:
    """Write the static site of the store into ``folder`` (created if missing; files already there are overwritten)."""
    base = base or settings.get("base_iri")
    base = base if base.endswith("/") else base + "/"
    folder.mkdir(parents=True, exist_ok=True)
    w = _Writer(store, folder, base)
    w.write("site.css", _STYLE)

    w.write("ontology.html", docs.render({"Turtle (OWL)": "ontology.ttl", "SHACL shapes": "shapes.ttl",
                                          "JSON-LD context": "context.jsonld"}))
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
        w.write(path + ".html", w.entity(iri, facts))
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
    summary = [
        ("Title", _first(description, dataset, DCTERMS.title)),
        ("Description", _e(_first(description, dataset, DCTERMS.description))),
        ("Licence", w.link(_first(description, dataset, DCTERMS.license), "index.html")),
        ("Rights", _e(_first(description, dataset, DCTERMS.rights))),
        ("Created", _e(_first(description, dataset, DCTERMS.created))),
        ("Triples", _e(_first(description, dataset, VOID.triples))),
        ("Entities", _e(_first(description, dataset, VOID.entities))),
        ("Downloads", (f'<a href="{_DUMP}">{_DUMP}</a> (N-Quads, all named graphs) · <a href="void.ttl">void.ttl</a> '
                       '(VoID and DCAT) · <a href="ontology.html">ontology</a>')),
    ]
    sources = sorted((str(s), _first(description, s, DCTERMS.title), _first(description, s, DCTERMS.rights),
                      _first(description, s, DCTERMS.license))
                     for s in set(description.objects(dataset, DCTERMS.source)))
    w.write("index.html", w.index(summary, classes, store.graphs(), sources))
    return Site(folder, entities, len(classes), w.files)

