"""Linked data: every IRI minted under the base dereferences (HTML for a browser, RDF for a client), the VoID
description, the ontology, the query page and its bundled assets."""

from __future__ import annotations

import json
import re
import threading
from html.parser import HTMLParser

import pytest
import rdflib

from kg import queries
from kg.store import Store

from .serve_support import TOKEN, Fetch, fetcher, running

BASE = "https://w3id.org/unkg/"
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}  # what a browser sends
UNKG = rdflib.Namespace(BASE + "ontology#")


class Links(HTMLParser):
    """The hrefs and the text of a page."""

    def __init__(self, page: str):
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag in ("script", "link", "img") and (a.get("src") or a.get("href")):
            self.scripts.append(a.get("src") or a.get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_an_entity_page_for_a_browser(fetch: Fetch):
    response = fetch("GET", "/id/state/FRA", headers=HTML)
    assert response.status == 200 and response.media_type == "text/html"
    assert response.headers["Vary"] == "Accept"
    page = Links(response.text)
    text = " ".join(page.text)
    assert "France" in text and "unkg:MemberState" in text and "1945-10-24" in text
    # neighbours: the drafts it sponsored and its votes link to their pages here, Wikidata elsewhere
    assert "/id/document/A/C.1/73/L.37" in page.hrefs
    assert "/id/vote/first-committee/A/C.1/73/L.37/FRA" in page.hrefs
    assert "http://www.wikidata.org/entity/Q142" in page.hrefs
    # each incoming fact's evidence: document, page, line, quote, and the official document address
    assert "https://undocs.org/A/73/505" in page.hrefs and "page 3" in text and "line 297" in text


def test_a_document_page_shows_its_evidence_and_official_address(fetch: Fetch):
    response = fetch("GET", "/id/document/A/C.1/73/L.37", headers=HTML)
    page = Links(response.text)
    text = " ".join(page.text)
    assert "A/C.1/73/L.37" in text and "Advancing responsible State behaviour in cyberspace" in text
    assert "https://undocs.org/A/C.1/73/L.37" in page.hrefs  # its rdfs:seeAlso
    assert "Evidence" in text and "lines 247–261" in text
    assert "/graph/A/73/505" in page.hrefs and "/id/state/USA" in page.hrefs


def test_a_vote_page_quotes_the_list_it_was_read_from(fetch: Fetch):
    text = " ".join(Links(fetch("GET", "/id/vote/first-committee/A/C.1/73/L.37/FRA", headers=HTML).text).text)
    assert "opengov:option" in text and "yes" in text and "France" in text


@pytest.mark.parametrize("accept, fmt, parse_as", [
    ("text/turtle", "ttl", "turtle"), ("application/ld+json", "jsonld", "json-ld"),
    ("application/n-triples", "nt", "nt"), ("application/rdf+xml", "rdfxml", "xml"),
])
def test_an_entity_as_data(fetch: Fetch, accept: str, fmt: str, parse_as: str):
    by_accept = fetch("GET", "/id/document/A/C.1/73/L.37", headers={"Accept": accept})
    by_format = fetch("GET", f"/id/document/A/C.1/73/L.37?format={fmt}", headers=HTML)
    assert by_accept.status == by_format.status == 200
    assert by_accept.media_type == by_format.media_type == accept
    graph = rdflib.Graph().parse(data=by_accept.body, format=parse_as)
    draft = rdflib.URIRef(BASE + "id/document/A/C.1/73/L.37")
    assert (draft, UNKG.sponsoredBy, rdflib.URIRef(BASE + "id/state/FRA")) in graph
    assert (None, UNKG.sponsoredDraft, draft) in graph  # facts that point at it
    [evidence] = graph.objects(draft, UNKG.evidence)
    assert (evidence, UNKG.page, rdflib.Literal(3)) in graph  # and its evidence node
    assert len(rdflib.Graph().parse(data=by_format.body, format=parse_as)) == len(graph)


def test_a_named_graph_dereferences_to_its_content(fetch: Fetch, store: Store):
    response = fetch("GET", "/graph/A/73/505", headers={"Accept": "application/n-triples"})
    assert len(rdflib.Graph().parse(data=response.body, format="nt")) == store.count(BASE + "graph/A/73/505")
    page = fetch("GET", "/graph/A/73/505", headers=HTML).text
    assert "A named graph of" in page and "unkg:SourceGraph" in page


def test_every_minted_iri_dereferences(fetch: Fetch, store: Store):
    minted = [r["x"] for r in store.select(
        f'SELECT DISTINCT ?x WHERE {{ {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} FILTER(STRSTARTS(STR(?x), "{BASE}id/")) }}')]
    assert len(minted) > 1000
    for iri in minted[::25]:
        assert fetch("GET", iri.removeprefix(BASE[:-1]), headers={"Accept": "text/turtle"}).status == 200, iri


def test_unknown_iris_get_404(fetch: Fetch):
    assert fetch("GET", "/id/state/XYZ", headers=HTML).status == 404
    response = fetch("GET", "/id/state/XYZ", headers={"Accept": "text/turtle"})
    assert response.status == 404 and response.text.startswith("nothing is known about")
    assert fetch("GET", "/id/x%3E%20%7D%20DROP", headers=HTML).status == 404  # no way into the query


def test_names_with_markup_are_escaped():
    store = Store.open(None)
    evil = '<script>alert(\\"x\\")</script>'  # as N-Triples writes it
    store.replace_graph(BASE + "graph/test", f"""
<{BASE}id/state/EVL> <http://www.w3.org/2004/02/skos/core#prefLabel> "{evil}"@en .
<{BASE}id/state/EVL> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:alert(1)> .
<{BASE}id/state/EVL> <{UNKG.evidence}> <{BASE}id/evidence/x> .
<{BASE}id/evidence/x> <{UNKG.sourceDocument}> <{BASE}id/document/X> .
<{BASE}id/evidence/x> <{UNKG.quote}> "a <b>bold</b> & quoted \\"claim\\"" .
""")
    with running(store) as server:
        page = fetcher(server)("GET", "/id/state/EVL", headers=HTML).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "a &lt;b&gt;bold&lt;/b&gt; &amp; quoted &#34;claim&#34;" in page
    assert 'href="javascript:' not in page


def test_void(fetch: Fetch, store: Store):
    response = fetch("GET", "/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status == 200 and response.media_type == "text/turtle"
    graph = rdflib.Graph().parse(data=response.body, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef(BASE + "dataset")
    assert (dataset, rdflib.RDF.type, void.Dataset) in graph
    assert graph.value(dataset, void.triples).toPython() == store.count()
    assert str(graph.value(dataset, void.sparqlEndpoint)) == fetch_base(fetch) + "/sparql"
    assert str(graph.value(dataset, void.uriSpace)) == BASE + "id/"
    assert {str(s) for s in graph.objects(dataset, void.subset)} >= set(store.graphs())
    # the dataset's IRI and those of the parts of its description dereference to the same description
    again = fetch("GET", "/dataset", headers={"Accept": "application/n-triples"})
    assert again.status == 200 and len(rdflib.Graph().parse(data=again.body, format="nt")) == len(graph)
    parts = {str(o) for o in graph.objects(dataset, void.classPartition)}
    assert parts and all(fetch("GET", p.removeprefix(BASE[:-1])).status == 200 for p in list(parts)[:3])


@pytest.mark.timeout(60)
def test_void_is_computed_once_and_answered_with_503_while_it_takes_long(store: Store, monkeypatch):
    import kg.publish.void

    calls = []
    describe = kg.publish.void.describe
    release, described = threading.Event(), threading.Event()

    def slow(*args: object, **kwargs: object):
        """Held until the test releases it: longer than any time limit."""
        calls.append(1)
        release.wait(30)
        try:
            return describe(*args, **kwargs)
        finally:
            described.set()

    monkeypatch.setattr(kg.publish.void, "describe", slow)
    with running(store, query_timeout=2) as server:
        fetch = fetcher(server)
        first = fetch("GET", "/.well-known/void", headers={"Accept": "text/turtle"})
        release.set()
        assert described.wait(30)  # what is left (its triples) comes well within the 2 s that the next one waits
        second = fetch("GET", "/.well-known/void", headers={"Accept": "text/turtle"})
    assert first.status == 503 and first.headers["Retry-After"] == "60"
    assert second.status == 200 and calls == [1]


def fetch_base(fetch: Fetch) -> str:
    """The server's own address, as its service description gives it."""
    description = fetch("GET", "/sparql", headers={"Accept": "application/n-triples"}).text
    return description.split("<", 1)[1].split("/sparql>", 1)[0]


def test_the_ontology_dereferences(fetch: Fetch):
    page = fetch("GET", "/ontology", headers=HTML)
    assert page.status == 200 and 'id="evidence"' in page.text and 'id="VoteEvent"' not in page.text
    assert 'id="Sponsorship"' in page.text
    data = fetch("GET", "/ontology", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=data.body, format="turtle")
    assert (UNKG.Sponsorship, rdflib.RDF.type, rdflib.OWL.Class) in graph
    # predicates on entity pages link to their entry
    assert "/ontology#sponsoredBy" in Links(fetch("GET", "/id/document/A/C.1/73/L.37", headers=HTML).text).hrefs


def test_the_query_page_offers_the_named_queries_and_loads_nothing_from_outside(fetch: Fetch):
    response = fetch("GET", "/", headers=HTML)
    assert response.status == 200 and response.media_type == "text/html"
    page = Links(response.text)
    assert all(src.startswith("/") or src.startswith("data:") for src in page.scripts), page.scripts
    assert {"/static/yasgui.min.js", "/static/yasgui.min.css", "/static/query.js"} <= set(page.scripts)
    config = json.loads(re.search(r'<script type="application/json" id="unkg-config">(.*?)</script>',
                                  response.text, re.S).group(1))
    assert set(config["examples"]) == set(queries.catalogue())
    assert ('VALUES (?draft_a ?draft_b) { ("A/C.1/73/L.27/Rev.1" "A/C.1/73/L.37") }'
            in config["examples"]["rival-drafts"])
    assert 'VALUES (?session) { ("SESSION") }' in config["examples"]["rollcalls"]  # the sample has no roll calls
    assert config["states"]["FRA"] == "France"
    assert config["examples"]["drafts"] == queries.catalogue()["drafts"].text
    for src in page.scripts:
        if src.startswith("/static/"):
            asset = fetch("GET", src)
            assert asset.status == 200 and len(asset.body) > 1000
            assert b"https://cdn" not in asset.body and b"@import" not in asset.body


def test_static_files_are_cached_and_confined(fetch: Fetch):
    first = fetch("GET", "/static/yasgui.min.js")
    assert first.media_type == "text/javascript" and first.headers["ETag"]
    again = fetch("GET", "/static/yasgui.min.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status == 304 and again.body == b""
    assert fetch("GET", "/static/../serve.py").status == 404
    assert fetch("GET", "/static/NOTICE.md").status == 404


def test_a_page_kept_once_rendered_is_never_shown_after_a_write():
    """An entity page is kept once rendered (``kg.serve.cache``) and answered from there, but any write ends it:
    an update and a Graph Store request through the endpoint, and a write made to the store directly."""
    store = Store.open(None)
    state, label = f"<{BASE}id/state/XYZ>", "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    store.replace_graph(BASE + "graph/test", f'{state} {label} "First name"@en .')
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with running(store, update_token=TOKEN) as server:
        fetch = fetcher(server)

        def name() -> str:
            page = fetch("GET", "/id/state/XYZ", headers=HTML)
            assert page.status == 200
            return re.search(r"<h1>(.*?)</h1>", page.text).group(1)

        assert name() == "First name" and len(server.app.pages) == 1  # kept
        assert name() == "First name"  # answered from what was kept
        update = f'DELETE DATA {{ GRAPH <{BASE}graph/test> {{ {state} {label} "First name"@en }} }} ; ' \
                 f'INSERT DATA {{ GRAPH <{BASE}graph/test> {{ {state} {label} "Second name"@en }} }}'
        assert fetch("POST", "/sparql", update, {"Content-Type": "application/sparql-update", **auth}).status == 200
        assert name() == "Second name"
        put = fetch("PUT", f"/store?graph={BASE}graph/test", f'{state} {label} "Third name"@en .',
                    {"Content-Type": "application/n-triples", **auth})
        assert put.status == 204
        assert name() == "Third name"
        store.replace_graph(BASE + "graph/test", f'{state} {label} "Fourth name"@en .')
        assert name() == "Fourth name"
