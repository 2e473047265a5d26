"""The ontology as a publication: its header says what a reader needs, and ``unkg ontology-docs`` writes HTML
documentation in which every own term has its section, at the anchor of its local name."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import rdflib
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.cli import main
from kg.publish import docs
from kg.rdf import ontology

UNKG = "https://w3id.org/unkg/ontology#"
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
HEADER = URIRef(ontology.ONTOLOGY_IRI)


def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology.path("unkg.ttl"))


def _own_terms(g: rdflib.Graph) -> set[str]:
    return {str(s) for s in g.subjects() if str(s).startswith(UNKG)}


def test_the_header_describes_the_publication():
    g = _ontology()
    assert g.value(HEADER, OWL.versionIRI) == URIRef("https://w3id.org/unkg/ontology/0.3.0")
    assert str(g.value(HEADER, OWL.versionInfo)) == "0.3.0"
    assert g.value(HEADER, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(HEADER, DCTERMS.creator) is not None
    assert str(g.value(HEADER, VANN.preferredNamespacePrefix)) == "unkg"
    assert str(g.value(HEADER, VANN.preferredNamespaceUri)) == UNKG
    # the vocabularies it aligns with are named, and each is used in an alignment or a declaration
    reused = set(map(str, g.objects(HEADER, RDFS.seeAlso)))
    assert reused == {"http://www.w3.org/ns/opengov#", "http://www.w3.org/ns/org#", "http://purl.org/dc/terms/",
                      "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#", "http://xmlns.com/foaf/0.1/",
                      "http://purl.org/spar/cito/", "http://schema.org/", "http://www.w3.org/2006/time#"}
    aligned = {str(o) for p in (RDFS.subClassOf, RDFS.subPropertyOf) for o in g.objects(None, p)}
    for namespace in reused:
        assert any(t.startswith(namespace) for t in aligned | {str(s) for s in g.subjects(RDF.type, None)}), namespace


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")


def test_the_documentation_has_every_own_term(tmp_path, capsys):
    assert main(["ontology-docs", str(tmp_path / "docs")]) == 0
    assert "index.html" in capsys.readouterr().out
    html = (tmp_path / "docs" / "index.html").read_text(encoding="utf-8")
    for name in ("unkg.ttl", "shapes.ttl", "context.jsonld"):
        assert (tmp_path / "docs" / name).read_bytes() == ontology.path(name).read_bytes()
    parser = _Anchors()
    parser.feed(html)
    assert len(parser.ids) == len(set(parser.ids)), "anchors are unique"
    g = _ontology()
    for term in _own_terms(g):
        name = term[len(UNKG):]
        assert name in parser.ids, name
        section = html[html.index(f'id="{name}"'):]
        section = section[:section.index("</section>")]
        assert term in section and rdflib.util.first(g.objects(URIRef(term), RDFS.label)) is not None
        assert str(g.value(URIRef(term), RDFS.label)) in section.replace("&#x27;", "'").replace("&#39;", "'")
    for href in parser.hrefs:  # every link inside the page lands on a section
        if href.startswith("#"):
            assert href[1:] in parser.ids, href
    assert re.search(r"<title>unkg: UN General Assembly knowledge graph ontology</title>", html)
    for text in ("https://w3id.org/unkg/ontology/0.3.0", "0.3.0", "creativecommons.org/licenses/by/4.0",
                 "Named individuals", "Reused terms"):
        assert text in html


def test_render_is_deterministic():
    assert docs.render() == docs.render()
