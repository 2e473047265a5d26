"""``unkg site``: static files a person browses offline. Every link between pages lands on a file (and on an
anchor that exists), each entity's Turtle and JSON-LD hold exactly its facts, and a real headless browser
(Debian's Chromium driven by Playwright, never a downloaded browser) opens the site from ``file:`` URLs and
follows links from the index to a state, a vote, a document and the ontology."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
import rdflib
from playwright.sync_api import Browser, Page, expect
from rdflib.compare import isomorphic

from kg.cli import main
from kg.publish.site import Site, page_path, write_site
from kg.store import Store

pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib(\..*)?")

BASE = "https://w3id.org/unkg/"


@pytest.fixture(scope="module")
def site(full_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Site:
    return write_site(full_store, tmp_path_factory.mktemp("site"), base=BASE)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for key in ("href", "src"):
            if tag in ("a", "link", "script", "img") and values.get(key):
                self.links.append(values[key] or "")


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_entity_has_its_files(site, full_store):
    subjects = {r["s"] for r in full_store.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }")}
    paths = {page_path(s, BASE) for s in subjects} - {None}
    assert site.entities == len(paths) > 1500
    for path in paths:
        for extension in (".html", ".ttl", ".jsonld"):
            assert (site.folder / (path + extension)).is_file(), path + extension
    for name in ("index.html", "ontology.html", "ontology.ttl", "context.jsonld", "void.ttl", "unkg.nq", "unkg.css"):
        assert (site.folder / name).is_file(), name


def test_every_link_lands(site):
    """Every relative link of every page names a file of the site, and every fragment an anchor on it."""
    anchors: dict[Path, set[str]] = {}
    pages = sorted(site.folder.rglob("*.html"))
    checked = 0
    for page in pages:
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                assert parts.scheme in ("http", "https", "data"), link
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file() and site.folder.resolve() in target.parents, f"{page}: {link}"
            if parts.fragment:
                if target not in anchors:
                    anchors[target] = _parse(target).ids
                assert parts.fragment in anchors[target], f"{page}: {link}"
            checked += 1
    assert checked > 20_000


def test_the_data_files_hold_the_entitys_facts(site, full_store):
    for iri in (BASE + "id/state/FRA", BASE + "id/vote/first-committee/A/C.1/73/L.37",
                BASE + "id/document/A/RES/2453(XXIII)", BASE + "graph/A/73/505"):
        out = io.BytesIO()
        full_store.query(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}").serialize(
            out, ox.RdfFormat.N_TRIPLES)
        expected = rdflib.Graph().parse(data=out.getvalue(), format="nt")
        path = site.folder / page_path(iri, BASE)
        turtle = rdflib.Graph().parse(path.with_name(path.name + ".ttl"), format="turtle")
        jsonld = rdflib.Graph().parse(path.with_name(path.name + ".jsonld"), format="json-ld")
        assert len(expected) > 0 and isomorphic(turtle, expected) and isomorphic(jsonld, expected), iri


def test_the_index_says_what_the_dataset_is(site):
    html = (site.folder / "index.html").read_text(encoding="utf-8")
    for text in ("unkg: the knowledge graph of UN General Assembly decisions", "creativecommons.org/licenses/by/4.0",
                 "© United Nations", "Wikidata", "unkg.nq", "void.ttl", "MemberState", "graph/register"):
        assert text in html, text
    void = rdflib.Graph().parse(site.folder / "void.ttl")
    assert (rdflib.URIRef(BASE + "dataset"), rdflib.URIRef("http://rdfs.org/ns/void#dataDump"),
            rdflib.URIRef(BASE + "unkg.nq")) in void


def test_the_site_command(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["site", str(tmp_path / "site"), "--store", str(store)]) == 0
    assert "entity pages" in capsys.readouterr().out
    assert (tmp_path / "site" / "id" / "state" / "FRA.html").is_file()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    yield page
    context.close()
    assert all(urlsplit(u).scheme == "file" for u in requested), [u for u in requested if not u.startswith("file:")]


def test_a_person_browses_the_site_offline(site, page: Page):
    page.goto((site.folder / "index.html").as_uri())
    expect(page.locator("h1")).to_have_text("unkg: the knowledge graph of UN General Assembly decisions")
    page.click("text=unkg:MemberState")
    expect(page.locator("h1")).to_contain_text("unkg:MemberState: 199 entities")
    page.click("a:text-is('France')")
    expect(page.locator("h1")).to_have_text("France")
    assert page.url.endswith("/id/state/FRA.html")
    expect(page.locator("table").first).to_contain_text("FRA")
    expect(page.locator("table.facts a.external[href='http://www.wikidata.org/entity/Q142']")).to_have_count(1)  # skos:exactMatch
    expect(page.locator("p.elsewhere a[href='http://www.wikidata.org/entity/Q142']")).to_have_count(1)

    page.click("a[href$='L.37/FRA.html']")  # France's vote on L.37, among the facts that refer to France
    expect(page.locator("h1")).to_contain_text("L.37/FRA")
    page.click("a:text-is('recorded vote on A/C.1/73/L.37 in the First Committee')")
    expect(page.locator("h1")).to_have_text("recorded vote on A/C.1/73/L.37 in the First Committee")
    expect(page.locator("blockquote").first).to_contain_text("by a recorded vote of 139 to 11")

    page.click("a:text-is('A/73/505') >> nth=0")  # the evidence's document
    expect(page.locator("h1")).to_have_text("A/73/505")
    page.click("a:text-is('unkg:agendaItemTitle')")  # a property, documented in the ontology page
    assert page.url.endswith("/ontology.html#agendaItemTitle")
    expect(page.locator("section#agendaItemTitle")).to_be_in_viewport()
    page.go_back()
    page.click("text=Turtle")
    assert page.url.endswith("/id/document/A/73/505.ttl")
    expect(page.locator("body")).to_contain_text("dcterms:identifier \"A/73/505\"")
    page.go_back()
    page.click("nav.top >> text=unkg dataset")
    expect(page.locator("h1")).to_have_text("unkg: the knowledge graph of UN General Assembly decisions")
    assert re.search(r"/index\.html$", page.url)


def _sections(html: str) -> dict[str, list[str]]:
    """The text of each row of the facts, incoming and evidence sections of an entity page, whitespace folded."""
    out = {}
    for name, pattern in (("facts", r'<table class="facts">(.*?)</table>'),
                          ("incoming", r'<table class="incoming">(.*?)</table>'),
                          ("evidence", r'<ul class="evidence">(.*?)</ul>')):
        found = re.search(pattern, html, re.S)
        rows = re.findall(r"<(?:tr|li)>(.*?)</(?:tr|li)>", found.group(1), re.S) if found else []
        out[name] = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]
    return out


@pytest.mark.parametrize("path, expected", [
    # the state: its name and codes; France's vote on L.37 points at it, read from the roll call of A/73/505
    ("id/state/FRA", ["skos:prefLabel France", "opengov:voter"]),
    # the recorded vote: the sentence of the report that gives it (A/73/505, paragraph 10)
    ("id/vote/first-committee/A/C.1/73/L.37", ["by a recorded vote of 139 to 11"]),
])
def test_the_site_and_the_server_show_the_same_page(site, full_store, path, expected):
    """The static site's page of an entity and the page the server gives for it show the same facts, both ways,
    and the same evidence (document, page, lines, quote): one description, one template."""
    from serve.serve_support import fetch, running

    static = _sections((site.folder / (path + ".html")).read_text(encoding="utf-8"))
    with running(full_store) as server:
        response = fetch(server.url, "GET", "/" + path, headers={"Accept": "text/html"})
    assert response.status == 200
    served = _sections(response.text)
    assert static == served
    assert static["facts"] and (static["incoming"] or static["evidence"])
    shown = " ".join(static["facts"] + static["incoming"] + static["evidence"])
    for text in expected:
        assert text in shown, text
