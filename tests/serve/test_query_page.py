"""The query page as a person uses it, in headless Chromium (Debian's, driven by Playwright): every named query
opens with example values that the graph holds, runs as it opens and answers rows, and the table is
readable: no cell shows a datatype IRI, the row numbers stand in a column of their own, and a state's name
stands beside its code. The graph: the bundled sample, the plenary roll calls of sessions 1 and 73 (the
unvotes data of the corpus) and the UN's records of session 80, a plenary draft and its resolution, a draft
sponsored on behalf of a group, and a resolution whose heading line is not understood (a reader's warning),
so that every named query has something to find."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import UNVOTES_RDA, corpus
from playwright.sync_api import Browser, Page, expect

from kg import queries
from kg.pipeline import rollcalls
from kg.pipeline.build import build, sample_path
from kg.pipeline.plenary import import_plenary_record
from kg.serve.app import Server
from kg.store import Store

from .serve_support import running


@pytest.fixture(scope="module")
def plenary_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = Store.open(None)
    pdfs = corpus("ga-session-80/A_80/A_80_L.11.pdf", "ga-session-80/A_RES_80/A_RES_80_10.pdf",
                  "ga-session-80/A_C.2_80/A_C.2_80_L.10.pdf")
    # A/RES/80/1 as text whose line after the date of adoption no reader understands
    [resolution] = corpus("ga-session-80/A_RES_80/A_RES_80_1.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(resolution), "-"], capture_output=True, text=True,
                          check=True).stdout
    unclear = tmp_path_factory.mktemp("text") / "A_RES_80_1.txt"
    unclear.write_text(re.sub(r"\[without reference to a Main Committee[^\]]*\]", "[adopted by acclamation]", text),
                       encoding="utf-8")
    results = build([sample_path(), *pdfs, unclear], store)
    assert [r.status for r in results] == ["read"] * len(results), [r.error for r in results]
    assert results[-1].record.warnings, "the altered line gives a reader's warning"
    rollcalls.import_rollcalls(corpus(*UNVOTES_RDA), store, sessions=(1, 73))
    import_plenary_record(corpus("ga-votes-unxml/80.json"), store)
    with running(store) as server:
        yield server


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_each_named_query_opens_runs_and_answers_rows(page: Page, plenary_server: Server, name: str):
    page.goto(plenary_server.url + "/")
    page.click(f"button[data-example='{name}']")
    table = page.locator(".yasr table.dataTable >> visible=true")
    expect(table.locator("tbody tr").first).to_be_visible(timeout=90_000)  # vote-table: 20,992 rows to lay out
    assert "No data available" not in table.locator("tbody").inner_text()
    cells = table.locator("tbody td").all_inner_texts()
    assert cells and not any("http://www.w3.org/2001/XMLSchema#" in c or "^^" in c for c in cells), cells[:20]
    assert not any(c.endswith("…") or c.endswith("...") for c in cells), cells[:20]  # whole texts
    first = table.locator("tbody tr").first.locator("td")
    expect(first.nth(0)).to_have_class(re.compile(r"\browNumberColumn\b"))
    assert first.nth(0).inner_text().strip() == "1"


def test_a_states_name_stands_beside_its_code_and_numbers_show_as_numbers(page: Page, plenary_server: Server):
    page.goto(plenary_server.url + "/")
    page.click("button[data-example='votes']")
    table = page.locator(".yasr table.dataTable >> visible=true")
    # the draft the page opens with is A/C.1/73/L.27/Rev.1; A/73/505 lists Albania under "Against:" in its vote
    row = table.locator("tr", has_text="ALB")
    expect(row).to_contain_text("Albania")
    expect(row.locator("td").nth(2)).to_have_text("no")
    page.click("button[data-example='drafts']")
    table = page.locator(".yasr table.dataTable >> visible=true")
    # A/73/505: "adopted draft resolution A/C.1/73/L.37 by a recorded vote of 139 to 11, with 18 abstentions"
    row = table.locator("tr", has_text="A/C.1/73/L.37")
    expect(row.locator("td").nth(3)).to_have_text("139")
    expect(row.locator("td").nth(4)).to_have_text("11")


def test_sponsors_vs_record_opens_on_a_draft_that_both_sources_give(page: Page, plenary_server: Server):
    """The example is a draft whose sponsors both the documents read and the UN's record list (here A/80/L.11,
    read from its PDF and listed in the record of session 80), so that the two columns check each other: some
    state is a sponsor in both."""
    page.goto(plenary_server.url + "/")
    page.click("button[data-example='sponsors-vs-record']")
    table = page.locator(".yasr table.dataTable >> visible=true")
    expect(table.locator("tbody tr").first).to_be_visible(timeout=30_000)
    rows = [" ".join(r.split()) for r in table.locator("tbody tr").all_inner_texts()]
    assert any(re.search(r"\btrue true\b", r) for r in rows), rows[:10]
