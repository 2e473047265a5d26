"""Every HTML page shows what the graph holds as text: a state whose name, and a document whose symbol, title
and evidence quote carry markup (``<script>``, ``<img onerror>``, ``<svg onload>``) are shown literally in a
real browser (Debian's Chromium, driven by Playwright, as in ``tests/serve/test_browser.py``), on the entity
pages, on a 404 page and in the query page's result table, and no script of theirs runs: no dialog opens and
no flag is set on the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from endpoint_support import BASE, running
from playwright.sync_api import Browser, Page, expect

from kg.serve.app import Server
from kg.store import Store

UNKG = BASE + "ontology#"
NAME = "<script>window.__xss = 'name'; alert(1)</script>"
SYMBOL = "A/EVL/1<script>window.__xss = 'symbol'</script>"
TITLE = "<img src=x onerror=\"window.__xss = 'title'; alert(2)\"> on markup"
QUOTE = "<svg onload=\"window.__xss = 'quote'\"></svg> & <b>bold</b>"


def literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    state, document, evidence = f"{BASE}id/state/EVL", f"{BASE}id/document/A/EVL/1", f"{BASE}id/evidence/evl-1"
    store = Store.open(None)
    store.replace_graph(f"{BASE}graph/evil", f"""
<{state}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{UNKG}MemberState> .
<{state}> <http://www.w3.org/2004/02/skos/core#prefLabel> {literal(NAME)}@en .
<{document}> <http://purl.org/dc/terms/identifier> {literal(SYMBOL)} .
<{document}> <http://purl.org/dc/terms/title> {literal(TITLE)}@en .
<{document}> <{UNKG}sponsoredBy> <{state}> .
<{document}> <{UNKG}evidence> <{evidence}> .
<{evidence}> <{UNKG}sourceDocument> <{document}> .
<{evidence}> <{UNKG}quote> {literal(QUOTE)} .
""")
    with running(store) as s:
        yield s


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    flag = page.evaluate("window.__xss")
    context.close()
    assert not dialogs and flag is None, f"a script from the graph ran: dialogs {dialogs}, flag {flag!r}"


def no_markup_became_elements(page: Page) -> None:
    assert page.locator("img[src=x], svg[onload], main script, b").count() == 0


def test_a_state_page_shows_its_name_as_text(page: Page, server: Server):
    page.goto(server.url + "/id/state/EVL")
    expect(page.locator("h1")).to_have_text(NAME)
    assert page.title().startswith(NAME)
    expect(page.locator("table.incoming")).to_contain_text(SYMBOL)  # the document that points here, by its symbol
    no_markup_became_elements(page)


def test_a_document_page_shows_its_symbol_title_and_quote_as_text(page: Page, server: Server):
    page.goto(server.url + "/id/document/A/EVL/1")
    expect(page.locator("h1")).to_have_text(SYMBOL)
    expect(page.locator("p.subtitle")).to_have_text(TITLE)
    expect(page.locator("ul.evidence blockquote")).to_have_text(QUOTE)
    expect(page.locator("table.facts")).to_contain_text(NAME)  # the sponsor, by its name
    no_markup_became_elements(page)


def test_a_404_page_shows_the_address_as_text(page: Page, server: Server):
    response = page.goto(server.url + "/id/<script>window.__xss='path'</script><img src=x onerror=alert(3)>")
    assert response is not None and response.status == 404
    expect(page.locator("main p")).to_contain_text("<script>window.__xss='path'</script>")
    no_markup_became_elements(page)


def test_the_query_pages_result_table_shows_values_as_text(page: Page, server: Server):
    page.goto(server.url + "/")
    expect(page.locator(".CodeMirror").first).to_be_visible()
    page.evaluate("""document.querySelector('.CodeMirror').CodeMirror.setValue(
        'SELECT ?name ?title ?quote WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?name . ' +
        '?d <http://purl.org/dc/terms/title> ?title . ?e <https://w3id.org/unkg/ontology#quote> ?quote }')""")
    page.locator(".yasqe_queryButton >> visible=true").click()
    table = page.locator(".yasr table.dataTable >> visible=true")
    expect(table).to_contain_text(NAME)
    expect(table).to_contain_text(TITLE)
    expect(table).to_contain_text(QUOTE)
    assert table.locator("img, svg, script, b").count() == 0
