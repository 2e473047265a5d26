"""A real headless browser (Debian's Chromium, driven by Playwright) on the query page and the entity pages.

Chromium comes from Debian's package (``/usr/bin/chromium``, which ``.ci/run`` installs); Playwright's own
browser download is never used. Every request the pages make is recorded: none may leave the loopback.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from kg.serve.app import Server


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.requested = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requested.append(request.url))  # type: ignore[attr-defined]
    yield page
    outside = [u for u in page.requested if urlsplit(u).scheme in ("http", "https")  # type: ignore[attr-defined]
               and urlsplit(u).hostname not in ("127.0.0.1", "localhost")]
    context.close()
    assert not outside, f"requests that left the machine: {outside}"


def run_button(page: Page):
    return page.locator(".yasqe_queryButton >> visible=true")


def test_run_an_example_query_and_see_the_table(page: Page, server: Server):
    page.goto(server.url + "/")
    expect(page.locator(".CodeMirror").first).to_be_visible()
    page.click("button[data-example=drafts]")
    editor = page.locator(".CodeMirror >> visible=true")
    expect(editor).to_contain_text("SELECT ?draft ?title ?yes ?no ?abstain")
    assert page.locator(".CodeMirror >> visible=true").locator(".cm-keyword").count() > 3  # highlighted
    run_button(page).click()
    table = page.locator(".yasr table.dataTable >> visible=true")
    expect(table).to_contain_text("A/C.1/73/L.37")
    expect(table).to_contain_text("Advancing responsible State behaviour in cyberspace")
    expect(page.locator(".yasr_response_chip >> visible=true")).to_contain_text("2 results")
    # and as a download
    with page.expect_download() as download:
        page.locator(".yasr_downloadIcon >> visible=true").click()
    with open(download.value.path(), encoding="utf-8", newline="") as file:
        table = list(csv.reader(file))
    assert table[0] == ["draft", "title", "yes", "no", "abstain"]
    assert sorted(row[0] for row in table[1:]) == ["A/C.1/73/L.27/Rev.1", "A/C.1/73/L.37"]


def test_an_example_with_parameters_opens_with_a_value_the_graph_holds(page: Page, server: Server):
    """The sample's first draft voted on in the First Committee (A/73/505, paragraph 7); a query that nothing in
    the sample answers (the plenary roll calls of a session) keeps its placeholder."""
    # the editor's whole text (CodeMirror draws only the lines in view, and a query's summary can be long)
    editor = "[...document.querySelectorAll('.CodeMirror')].find(e => e.offsetParent !== null).CodeMirror.getValue()"
    page.goto(server.url + "/")
    page.click("button[data-example=votes]")
    expect(page.locator(".CodeMirror >> visible=true")).to_be_visible()
    assert 'VALUES (?draft) { ("A/C.1/73/L.27/Rev.1") }' in page.evaluate(editor)
    page.click("button[data-example=rollcalls]")
    page.wait_for_function(f"({editor}).includes('?session')")
    assert 'VALUES (?session) { ("SESSION") }' in page.evaluate(editor)


def test_an_iri_in_the_results_opens_its_page_here(page: Page, server: Server):
    page.goto(server.url + "/")
    expect(page.locator(".CodeMirror").first).to_be_visible()
    page.evaluate("""document.querySelector('.CodeMirror').CodeMirror.setValue(
        'SELECT ?state WHERE { ?state <http://www.w3.org/2004/02/skos/core#prefLabel> "France"@en }')""")
    run_button(page).click()
    link = page.locator(".yasr table.dataTable a >> visible=true").first
    expect(link).to_contain_text("FRA")
    link.click()
    page.wait_for_url(server.url + "/id/state/FRA")
    expect(page.locator("h1")).to_have_text("France")


def test_an_entity_page_and_a_link_to_a_neighbour(page: Page, server: Server):
    page.goto(server.url + "/id/state/FRA")
    expect(page.locator("h1")).to_have_text("France")
    expect(page.locator("table.incoming")).to_contain_text("opengov:voter")
    page.locator("table.incoming").get_by_role("link", name="A/C.1/73/L.37", exact=True).click()
    page.wait_for_url(server.url + "/id/document/A/C.1/73/L.37")
    expect(page.locator("h1")).to_have_text("A/C.1/73/L.37")
    expect(page.locator("table.facts")).to_contain_text("Advancing responsible State behaviour in cyberspace")
    # the evidence of the document: where it was read, and the text as printed
    expect(page.locator("ul.evidence")).to_contain_text("lines 247–261")
    expect(page.locator("ul.evidence a", has_text="official document")).to_have_attribute(
        "href", "https://undocs.org/A/73/505")
    # and its own official address
    expect(page.locator("p.elsewhere a")).to_have_attribute("href", "https://undocs.org/A/C.1/73/L.37")
