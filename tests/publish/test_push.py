"""``unkg push`` into two real triple stores (the Oxigraph server and Virtuoso, started by the fixtures on
loopback): every graph arrives with its triple count verified, the named queries sent to each server's own
SPARQL endpoint give the rows of ``unkg query``, SPARQL Update works as well as the Graph Store protocol, and
an interrupted push resumes without sending twice or leaving a partial graph behind."""

from __future__ import annotations

import re

import pytest

from kg import queries
from kg.pipeline.build import build, sample_path
from kg.cli import main
from kg.errors import UnkgError
from kg.publish.push import Target, push
from kg.store import Store

from .publish_support import Endpoints, select

# the parameters the named queries are asked with: the sample's two rival drafts (a parameter not named here is a
# UN symbol too, queries/README.md says, and gets the draft)
PARAMS = {"draft": "A/C.1/73/L.37", "draft_a": "A/C.1/73/L.27/Rev.1", "draft_b": "A/C.1/73/L.37", "session": "73",
          "rollcall": "6073"}
WITH_ROWS = {"drafts", "votes", "sponsors", "rival-drafts", "co-sponsors", "citations"}  # must not come back empty
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?(E[+-]?[0-9]+)?", re.IGNORECASE)


def _normal(value: str) -> str:
    """A value as text, numbers in one form (``139``, ``139.0`` and ``1.39E2`` are one number)."""
    if _NUMBER.fullmatch(value):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return value


def _rows(columns: list[str], rows: list[dict[str, str]]) -> set[tuple[str, ...]]:
    return {tuple(_normal(row.get(c, "")) for c in columns) for row in rows}


def _assert_named_queries_agree(store: Store, endpoint: str) -> None:
    answered = set()
    for query in queries.catalogue().values():
        others = {p for group in query.choices for p in group[1:]}  # of alternative parameters, the first is given
        params = {p: PARAMS.get(p, PARAMS["draft"]) for p in query.params if p not in others}
        local_columns, local_rows = queries.run(store, query.name, params)
        columns, rows = select(endpoint, queries.bound(query.name, params))
        assert columns == local_columns, query.name
        assert _rows(columns, rows) == _rows(local_columns, local_rows), query.name
        if local_rows:
            answered.add(query.name)
    assert WITH_ROWS <= answered


def _remote_total(endpoint: str, graphs: list[str]) -> int:
    values = " ".join(f"<{g}>" for g in graphs)
    _, rows = select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"])


@pytest.fixture(params=["oxigraph_server", "virtuoso_server"])
def server(request: pytest.FixtureRequest) -> Endpoints:
    return request.getfixturevalue(request.param)


def test_push_verifies_counts_and_the_named_queries_agree(server: Endpoints, full_store: Store):
    """Oxigraph: Graph Store protocol both ways (counts read back by GET). Virtuoso: Graph Store protocol to
    load, SPARQL to count."""
    target = Target(server.store, query_url=server.query if server.name == "Virtuoso" else None)
    seen: list[tuple[int, int, str]] = []
    report = push(full_store, target, batch=2000, progress=lambda done, total, g: seen.append((done, total, g)))
    assert report.verified, [(g.graph, g.local, g.remote) for g in report.graphs]
    assert [g.graph for g in report.graphs] == full_store.graphs()
    assert {g.status for g in report.graphs} <= {"sent", "skipped"}
    assert seen[-1][:2] == (full_store.count(), full_store.count())
    assert any(g.requests > 1 for g in report.graphs)  # the sample's graph went in several batches
    assert _remote_total(server.query, full_store.graphs()) == full_store.count()
    _assert_named_queries_agree(full_store, server.query)

    again = push(full_store, target)
    assert {g.status for g in again.graphs} == {"skipped"} and again.verified


def test_push_by_sparql_update_replaces_whole_graphs(virtuoso_server: Endpoints, full_store: Store):
    graphs = full_store.graphs()[:2]
    target = Target(virtuoso_server.store, update_url=virtuoso_server.update, query_url=virtuoso_server.query)
    report = push(full_store, target, graphs=graphs, batch=1000, force=True)
    assert [g.status for g in report.graphs] == ["sent", "sent"] and report.verified
    assert _remote_total(virtuoso_server.query, graphs) == sum(full_store.count(g) for g in graphs)


def _synthetic(graphs: int, triples: int, tag: str) -> Store:
    store = Store.open(None)
    for g in range(graphs):
        store.replace_graph(f"https://example.org/resume/{g}", "\n".join(
            f'<https://example.org/s/{g}/{i}> <https://example.org/p> "{tag} {i}" .' for i in range(triples)))
    return store


class Interrupted(Exception):
    pass


def test_an_interrupted_push_resumes(oxigraph_server: Endpoints):
    store = _synthetic(3, 500, "first")
    graphs = store.graphs()
    target = Target(oxigraph_server.store)

    def stop_after_first_graph(done: int, total: int, graph: str) -> None:
        if graph != graphs[0]:
            raise Interrupted

    with pytest.raises(Interrupted):
        push(store, target, batch=100, progress=stop_after_first_graph)
    assert [target.count(g) for g in graphs] == [500, 100, 0]  # one graph whole, one batch of the second

    report = push(store, target, batch=100)
    assert [g.status for g in report.graphs] == ["skipped", "sent", "sent"] and report.verified
    assert _remote_total(oxigraph_server.query, graphs) == 1500  # nothing twice

    # a graph cut off halfway, then changed here: the rerun replaces the partial copy whole
    def stop_after_two_batches(done: int, total: int, graph: str) -> None:
        if done >= 200:
            raise Interrupted

    with pytest.raises(Interrupted):
        push(store, target, graphs=[graphs[1]], batch=100, force=True, progress=stop_after_two_batches)
    store.replace_graph(graphs[1], "\n".join(
        f'<https://example.org/s/1/{i}> <https://example.org/p> "second {i}" .' for i in range(300)))
    report = push(store, target, batch=100)
    assert [g.status for g in report.graphs] == ["skipped", "sent", "skipped"] and report.verified
    _, rows = select(oxigraph_server.query, f"SELECT ?o WHERE {{ GRAPH <{graphs[1]}> {{ ?s ?p ?o }} }}")
    assert sorted(r["o"] for r in rows) == sorted(f"second {i}" for i in range(300))


def test_the_push_command(oxigraph_server: Endpoints, tmp_path, capsys):
    folder = tmp_path / "store"
    store = Store.open(folder)
    build([sample_path()], store)
    store.flush()
    del store
    # credentials in the address go as HTTP Basic authentication (Oxigraph ignores them)
    url = oxigraph_server.store.replace("http://", "http://reader:secret@")
    assert main(["push", url, "--store", str(folder), "--graph", "https://w3id.org/unkg/graph/register", "--force"]) == 0
    out = capsys.readouterr().out
    assert "sent     https://w3id.org/unkg/graph/register: " in out and "counts verified" in out
    assert main(["push", oxigraph_server.store, "--store", str(folder), "--query-url", oxigraph_server.query]) == 0
    out = capsys.readouterr().out
    assert "skipped  https://w3id.org/unkg/graph/register" in out and "counts verified" in out


def test_an_unreachable_store_is_an_error_with_the_address():
    target = Target("http://127.0.0.1:9/store", timeout=5)
    with pytest.raises(UnkgError, match="127.0.0.1:9"):
        target.count("https://example.org/g")
