"""The interactive page in a real headless browser (Debian's Chromium through Playwright, never
``playwright install``): it renders offline, every state is a node, a click on a state or an edge shows
the facts behind it with their evidence, the filters change what counts, and names are text, not HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from kg import queries
from kg.analysis import Selection, VoteTable, analyse, load_votes
from kg.analysis.facts import Facts, gather
from kg.viz import page as network_page

from .conftest import L27, L37


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    requests: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()
    assert not [u for u in requests if not u.startswith("file://")], requests
    assert not errors and not dialogs, (errors, dialogs)


@pytest.fixture(scope="module")
def sample_page(store, tmp_path_factory) -> tuple[Path, object]:
    report = analyse(load_votes(store, Selection(report="A/73/505")).present(), seeds=2)
    facts = gather(store, report.table, selection=Selection(report="A/73/505"))
    path = network_page.write(tmp_path_factory.mktemp("page") / "blocs.html", report, facts)
    return path, report


def open_page(tab: Page, path: Path) -> None:
    tab.goto(path.as_uri())
    tab.wait_for_selector("body[data-ready=true]")


def click_node(tab: Page, node: str) -> None:
    point = tab.evaluate("(id) => { const n = window.unkgNetwork; return n.canvasToDOM(n.getPositions([id])[id]); }", node)
    box = tab.locator("#network").bounding_box()
    tab.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_renders_every_state_and_edge(tab, sample_page):
    path, report = sample_page
    open_page(tab, path)
    assert tab.evaluate("window.unkgNetwork.body.data.nodes.length") == report.graph.number_of_nodes()
    assert tab.evaluate("window.unkgNetwork.body.data.edges.length") == report.graph.number_of_edges()
    assert tab.locator("canvas").count() == 1
    expect(tab.locator("#legend .bloc")).to_have_count(len(report.partition.blocs))
    expect(tab.locator("header .about")).to_contain_text("modularity")


def test_click_a_state_shows_its_votes_and_sponsorships_with_evidence(tab, sample_page, store):
    path, _ = sample_page
    open_page(tab, path)
    click_node(tab, "FRA")
    facts = tab.locator("#facts")
    expect(facts.locator("h2")).to_have_text("France (FRA)")
    expect(facts).to_contain_text("Votes in the filtered set (2)")
    for draft, position in ((L27, "no"), (L37, "yes")):
        [row] = [r for r in queries.run(store, "vote-evidence", {"motion": draft})[1] if r["state"] == "FRA"]
        assert row["option"] == position
        expect(facts).to_contain_text(f"{row['document']}, p. {row['page']}, l. {row['line_start']}: “France”")
    expect(facts).to_contain_text("at the same meeting, the committee adopted draft resolution a/c.1/73/l.37",
                                  ignore_case=True)
    expect(facts.locator("ul.sponsorships li")).to_contain_text(f"{L37} — onBehalfOf")
    # the filters: leave one vote event out, and the panel follows
    tab.locator("details.filter summary").click()
    tab.locator("label.event input").first.uncheck()
    expect(tab.locator(".status")).to_contain_text("1 of 2 vote events counted")
    expect(facts).to_contain_text("Votes in the filtered set (1)")


def test_click_an_edge_shows_the_pair(tab, sample_page):
    path, _ = sample_page
    open_page(tab, path)
    point = tab.evaluate("""() => {
      const n = window.unkgNetwork, ids = n.body.data.nodes.getIds();
      const where = n.getPositions(ids), dom = {};
      ids.forEach((id) => { dom[id] = n.canvasToDOM(where[id]); });
      let best = null;
      n.body.data.edges.forEach((e) => {
        const a = dom[e.from], b = dom[e.to];
        const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        const clear = Math.min(...ids.map((id) => Math.hypot(dom[id].x - m.x, dom[id].y - m.y)));
        const length = Math.hypot(a.x - b.x, a.y - b.y);
        if (clear > 25 && (!best || length > best.length)) best = { x: m.x, y: m.y, length: length };
      });
      return best;
    }""")
    assert point, "no edge whose middle is clear of nodes"
    box = tab.locator("#network").bounding_box()
    tab.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    [edge] = tab.evaluate("window.unkgNetwork.getSelectedEdges()")
    a, b = tab.evaluate("(id) => { const e = window.unkgNetwork.body.data.edges.get(id); return [e.from, e.to]; }", edge)
    facts = tab.locator("#facts")
    expect(facts.locator("h2")).to_contain_text(f"({a}) – ")
    expect(facts.locator("h2")).to_contain_text(f"({b})")
    expect(facts).to_contain_text("Cohen's kappa")
    expect(facts.locator("table.votes tr.vote")).to_have_count(2)
    expect(facts).to_contain_text("A/73/505, p. ")


def test_names_are_text_not_markup(tab, tmp_path):
    evil = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>'
    table = VoteTable.from_votes([(e, s, "yes" if (s in "AB") == (e in "13") else "no") for e in "1234" for s in "ABCD"],
                                 names={"A": evil, "B": "B", "C": "C", "D": "D"})
    path = network_page.write(tmp_path / "evil.html", analyse(table, k=1, seeds=2), Facts(), title=evil)
    text = path.read_text(encoding="utf-8")
    assert "<img" not in text.split("<script", 1)[0].split("<body", 1)[1]
    open_page(tab, path)
    expect(tab.locator("h1")).to_have_text(evil)
    click_node(tab, "A")
    expect(tab.locator("#facts h2")).to_have_text(f"{evil} (A)")
    assert tab.locator("#facts img").count() == 0


def test_a_plenary_session(tab, real_plenary_store, tmp_path):
    selection = Selection(stage="plenary", sessions=(73, 73))
    report = analyse(load_votes(real_plenary_store, selection).present(), seeds=2)
    path = network_page.write(tmp_path / "s73.html", report, gather(real_plenary_store, report.table, selection=selection))
    open_page(tab, path)
    assert tab.evaluate("window.unkgNetwork.body.data.nodes.length") == 193
    click_node(tab, "USA")
    facts = tab.locator("#facts")
    expect(facts.locator("h2")).to_have_text("United States of America (USA)")
    expect(facts).to_contain_text(f"Votes in the filtered set ({len(report.table)})")
    expect(facts).to_contain_text("as given by the dataset unvotes, roll call")
    expect(facts).to_contain_text("A/RES/73/")


def test_the_legend_gives_the_numbers_the_command_line_prints(tab, sample_page):
    """A bloc's agreement, kappa and index read the same on the page as in `unkg blocs` (rounded once)."""
    from kg.studies.commands import summary

    path, report = sample_page
    open_page(tab, path)
    legend = tab.locator("#legend .bloc").all_inner_texts()
    printed = [line for line in summary(report) if line.startswith("  bloc ")]
    assert len(legend) == len(printed) == len(report.partition.blocs)
    for shown, line in zip(legend, printed):
        # "  bloc 4: 28 states, agreement 0.84, kappa 0.65, agreement index 0.62: AGO BDI ..."
        agreement, kappa, index = re.search(r"agreement (\S+), kappa (\S+), agreement index ([^:]+):", line).groups()
        assert f"agreement {agreement.replace('n/a', '–')} · kappa {kappa.replace('n/a', '–')} · " \
               f"index {index.replace('n/a', '–')}" in shown, (shown, line)
