"""Nothing let in: the endpoint is read-only unless ``unkg serve --updates`` runs and a request carries the
update token. Every form of SPARQL Update, sent either way the protocol allows (``application/sparql-update``
and a form's ``update=``), is refused with 403 without the token and changes nothing, and is applied with it;
``LOAD`` and ``SERVICE`` reach another host only in an update that carries the token; federated queries are
refused whatever their spelling; the Graph Store protocol at ``/store`` writes under the same rule, and a write
of RDF anywhere else changes nothing, token or not."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from endpoint_support import (BASE, JSON, TOKEN, OtherHost, Response, Served, ask, fetch, other_host, running,
                              unkg_serve)

from kg.serve.app import Server
from kg.store import Store

EX = "http://example.org/robust/"
P = f"<{EX}p>"
G1, G2, G3 = (f"<{BASE}graph/robust-{i}>" for i in (1, 2, 3))
INITIAL = {
    f"{BASE}graph/robust-1": f'<{EX}a> {P} "alpha" .\n<{EX}b> {P} "beta" .',
    f"{BASE}graph/robust-2": f'<{EX}c> {P} "gamma" .',
}
RESET = "DROP SILENT ALL ; INSERT DATA { " + " ".join(f"GRAPH <{g}> {{ {t} }}" for g, t in INITIAL.items()) + " }"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# each form of SPARQL 1.1 Update, and an ASK that is false before it and true once it is applied
# ({host}: the other host's address, for LOAD and SERVICE)
FORMS = {
    "INSERT DATA": (f'INSERT DATA {{ GRAPH {G2} {{ <{EX}new> {P} "inserted" }} }}',
                    f'ASK {{ GRAPH {G2} {{ <{EX}new> {P} "inserted" }} }}'),
    "DELETE DATA": (f'DELETE DATA {{ GRAPH {G1} {{ <{EX}a> {P} "alpha" }} }}',
                    f'ASK {{ GRAPH {G1} {{ <{EX}b> ?p ?o }} FILTER NOT EXISTS {{ GRAPH {G1} {{ <{EX}a> ?q ?r }} }} }}'),
    "DELETE/INSERT WHERE": (f'WITH {G1} DELETE {{ ?s {P} "alpha" }} INSERT {{ ?s {P} "ALPHA" }} WHERE {{ ?s {P} "alpha" }}',
                            f'ASK {{ GRAPH {G1} {{ <{EX}a> {P} "ALPHA" }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p "alpha" }} }} }}'),
    "DELETE WHERE": (f"DELETE WHERE {{ GRAPH {G1} {{ ?s ?p ?o }} }}",
                     f"ASK {{ FILTER NOT EXISTS {{ GRAPH {G1} {{ ?s ?p ?o }} }} }}"),
    "INSERT WHERE": (f"INSERT {{ GRAPH {G3} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {G1} {{ ?s ?p ?o }} }}",
                     f'ASK {{ GRAPH {G3} {{ <{EX}a> {P} "alpha" . <{EX}b> {P} "beta" }} }}'),
    "LOAD": (f"LOAD <{{host}}/data.ttl> INTO GRAPH {G3}",
             f'ASK {{ GRAPH {G3} {{ ?s ?p "loaded from elsewhere" }} }}'),
    "CLEAR": (f"CLEAR GRAPH {G1}", f"ASK {{ FILTER NOT EXISTS {{ GRAPH {G1} {{ ?s ?p ?o }} }} }}"),
    "CREATE": (f"CREATE GRAPH {G3}", f"ASK {{ GRAPH {G3} {{ }} }}"),
    "DROP": (f"DROP GRAPH {G1}", f"ASK {{ FILTER NOT EXISTS {{ GRAPH {G1} {{ }} }} }}"),
    "COPY": (f"COPY {G1} TO {G3}", f'ASK {{ GRAPH {G3} {{ <{EX}a> {P} "alpha" . <{EX}b> {P} "beta" }} }}'),
    "MOVE": (f"MOVE {G1} TO {G3}",
             f'ASK {{ GRAPH {G3} {{ <{EX}a> {P} "alpha" }} FILTER NOT EXISTS {{ GRAPH {G1} {{ }} }} }}'),
    "ADD": (f"ADD {G1} TO {G2}", f'ASK {{ GRAPH {G2} {{ <{EX}a> {P} "alpha" . <{EX}c> {P} "gamma" }} }}'),
    "SERVICE in an update": (f"INSERT {{ GRAPH {G3} {{ <{EX}x> {P} ?s }} }} WHERE {{ SERVICE <{{host}}/sparql> "
                             f"{{ ?s ?p ?o }} }} ; INSERT DATA {{ GRAPH {G3} {{ <{EX}x> {P} \"after\" }} }}",
                             f'ASK {{ GRAPH {G3} {{ <{EX}x> {P} "after" }} }}'),
}
ENCODINGS = ("application/sparql-update", "form")


def update(url: str, text: str, encoding: str, headers: dict[str, str]) -> Response:
    if encoding == "form":
        return fetch(url, "POST", "/sparql", urlencode({"update": text}),
                     {"Content-Type": "application/x-www-form-urlencoded", **headers})
    return fetch(url, "POST", "/sparql", text, {"Content-Type": encoding, **headers})


def holds(url: str, query: str) -> bool:
    response = ask(url, query)
    assert response.status == 200, response.text
    return '"boolean":true' in response.text


def digest(url: str) -> list[list[str]]:
    """Every quad the server holds, and the names of its graphs (empty ones too), sorted."""
    rows: list[list[str]] = []
    for query in ("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT ?g WHERE { GRAPH ?g { } }"):
        response = ask(url, query, {"Accept": "text/csv"})
        assert response.status == 200, response.text
        rows += sorted(list(csv.reader(io.StringIO(response.text)))[1:])  # without the header
    return rows


@pytest.fixture(scope="module")
def host() -> Iterator[OtherHost]:
    with other_host() as h:
        yield h


@pytest.fixture(scope="module")
def writable(tmp_path_factory) -> Iterator[Served]:
    """``unkg serve --updates`` with the token, on a store of its own on disk."""
    folder = tmp_path_factory.mktemp("writes")
    with unkg_serve(folder / "store", folder / "serve.log", updates=True, update_token=TOKEN) as served:
        yield served


@pytest.fixture(scope="module")
def read_only() -> Iterator[Server]:
    """A read-only server (no ``--updates``) over a store in memory."""
    store = Store.open(None)
    for graph, triples in INITIAL.items():
        store.replace_graph(graph, triples)
    with running(store, update_token=None) as server:
        yield server


@pytest.fixture
def fresh(writable: Served, read_only: Server, host: OtherHost) -> Iterator[list[list[str]]]:
    """Both servers holding the initial graphs, the other host's log emptied; the digest of that state."""
    assert update(writable.url, RESET, "application/sparql-update", AUTH).status == 200
    host.requests.clear()
    state = digest(writable.url)
    assert state == digest(read_only.url) and len(state) == 5
    yield state
    assert "Traceback" not in writable.log.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("form", FORMS)
def test_an_update_without_the_token_is_refused_and_changes_nothing(form: str, encoding: str, fresh, writable: Served,
                                                                    read_only: Server, host: OtherHost):
    text = FORMS[form][0].replace("{host}", host.url)
    refusals = [(read_only.url, AUTH), (read_only.url, {}), (writable.url, {}),
                (writable.url, {"Authorization": "Bearer wrong-token"}), (writable.url, {"Authorization": TOKEN}),
                (writable.url, {"Authorization": f"Basic {TOKEN}"}), (writable.url, {"Authorization": f"Bearer {TOKEN}x"})]
    for url, headers in refusals:
        response = update(url, text, encoding, headers)
        assert response.status == 403, (url, headers, response.status, response.text)
    assert digest(writable.url) == fresh and digest(read_only.url) == fresh
    assert not holds(writable.url, FORMS[form][1])
    assert host.requests == [], "a refused update reached another host"


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("form", FORMS)
def test_an_update_with_the_token_is_applied(form: str, encoding: str, fresh, writable: Served, host: OtherHost):
    text, applied = FORMS[form]
    assert not holds(writable.url, applied)
    response = update(writable.url, text.replace("{host}", host.url), encoding, AUTH)
    assert response.status == 200, response.text
    assert holds(writable.url, applied)
    assert digest(writable.url) != fresh
    if "{host}" in text:
        assert len(host.requests) == 1, host.requests


TURTLE = f'<{EX}put> {P} "put" .'


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_writes_of_rdf_outside_the_graph_store_are_refused_token_or_not(method: str, fresh, writable: Served,
                                                                       read_only: Server):
    """Outside /store a write of RDF gets 405 (or 415: POST at /sparql only takes queries and updates), and
    nothing changes."""
    graph = quote(f"{BASE}graph/robust-1", safe="")
    paths = ["/sparql", f"/sparql?graph={graph}", "/sparql?default", "/graph/robust-1", "/graph/robust-9",
             "/id/state/FRA", "/", "/.well-known/void", "/static/unkg.css"]
    for url in (writable.url, read_only.url):
        before = fetch(url, "GET", "/graph/robust-1", headers={"Accept": "application/n-triples"})
        for path in paths:
            for headers in ({}, AUTH):
                response = fetch(url, method, path, TURTLE, {"Content-Type": "text/turtle", **headers})
                assert response.status in (405, 415), (method, path, response.status, response.text)
                assert response.status != 405 or "GET" in response.headers["Allow"]
        after = fetch(url, "GET", "/graph/robust-1", headers={"Accept": "application/n-triples"})
        assert before.status == after.status == 200 and before.body == after.body
    assert digest(writable.url) == fresh and digest(read_only.url) == fresh


def graph(url: str, name: str) -> Response:
    return fetch(url, "GET", f"/store?graph={quote(name, safe='')}", headers={"Accept": "application/n-triples"})


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_graph_store_writes_without_the_token_are_refused_and_change_nothing(method: str, fresh, writable: Served,
                                                                            read_only: Server):
    target = f"/store?graph={quote(f'{BASE}graph/robust-1', safe='')}"
    for url, headers in ((writable.url, {}), (writable.url, {"Authorization": "Bearer wrong"}), (read_only.url, {}),
                         (read_only.url, AUTH)):
        response = fetch(url, method, target, TURTLE, {"Content-Type": "text/turtle", **headers})
        assert response.status == 403, (url, headers, response.status, response.text)
    assert digest(writable.url) == fresh and digest(read_only.url) == fresh


def test_graph_store_with_the_token_reads_replaces_adds_and_drops(fresh, writable: Served):
    g1, g2, g9 = (f"{BASE}graph/robust-{i}" for i in (1, 2, 9))
    put = f"/store?graph={quote(g1, safe='')}"
    read = graph(writable.url, g1)
    assert read.status == 200 and read.text.count(" .\n") == 2 and '"alpha"' in read.text
    assert fetch(writable.url, "HEAD", put).status == 200
    assert graph(writable.url, g9).status == 404

    replaced = fetch(writable.url, "PUT", put, TURTLE, {"Content-Type": "text/turtle", **AUTH})
    assert replaced.status == 204, replaced.text
    assert graph(writable.url, g1).text == f'<{EX}put> <{EX}p> "put" .\n'

    added = fetch(writable.url, "POST", f"/store?graph={quote(g2, safe='')}", f'<{EX}d> {P} "delta" .',
                  {"Content-Type": "application/n-triples", **AUTH})
    assert added.status == 204, added.text
    assert sorted(graph(writable.url, g2).text.splitlines()) == [f'<{EX}c> <{EX}p> "gamma" .', f'<{EX}d> <{EX}p> "delta" .']

    created = fetch(writable.url, "PUT", f"/store?graph={quote(g9, safe='')}", f'<{EX}e> {P} "epsilon" .',
                    {"Content-Type": "text/turtle", **AUTH})
    assert created.status == 201 and graph(writable.url, g9).status == 200

    assert fetch(writable.url, "DELETE", put, headers=AUTH).status == 204
    assert graph(writable.url, g1).status == 404
    assert fetch(writable.url, "DELETE", put, headers=AUTH).status == 404


def test_graph_store_takes_json_ld_an_empty_graph_and_literals_with_brackets(fresh, writable: Served):
    g9 = f"{BASE}graph/robust-9"
    target = f"/store?graph={quote(g9, safe='')}"
    json_ld = f'{{"@id": "{EX}j", "{EX}p": "json-ld"}}'
    assert fetch(writable.url, "PUT", target, json_ld, {"Content-Type": "application/ld+json", **AUTH}).status == 201
    assert graph(writable.url, g9).text == f'<{EX}j> <{EX}p> "json-ld" .\n'
    brackets = f'<{EX}k> {P} "{"(" * 150}{"{" * 150}" .'  # data, not nesting: no limit applies
    assert fetch(writable.url, "POST", target, brackets, {"Content-Type": "text/turtle", **AUTH}).status == 204
    assert graph(writable.url, g9).text.count(" .\n") == 2
    assert fetch(writable.url, "PUT", target, "", {"Content-Type": "text/turtle", **AUTH}).status == 204
    emptied = graph(writable.url, g9)
    assert emptied.status == 200 and emptied.body == b""  # PUT of nothing leaves the graph, empty


def test_concurrent_graph_store_writes_each_get_their_own_answer(fresh, writable: Served):
    """Whether a graph exists is decided where the writes are applied one after the other: of two PUTs that
    create the same graph one gets 201 and the other 204, and of two DELETEs one gets 204 and the other 404."""
    target = f"/store?graph={quote(f'{BASE}graph/robust-9', safe='')}"
    for method, expected in (("PUT", [201, 204]), ("DELETE", [204, 404])):
        start = threading.Barrier(2)
        statuses: list[int] = []

        def send(method: str = method) -> None:
            start.wait()
            statuses.append(fetch(writable.url, method, target, TURTLE, {"Content-Type": "text/turtle", **AUTH}).status)

        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) == expected, (method, statuses)


def test_a_graph_store_write_that_cannot_be_read_is_refused_and_changes_nothing(fresh, writable: Served):
    put = f"/store?graph={quote(f'{BASE}graph/robust-1', safe='')}"
    for body, content_type, status in ((f'<{EX}a> {P} "unterminated .', "text/turtle", 400),
                                       (TURTLE, "application/n-quads", 415), (TURTLE, "text/csv", 415),
                                       ('{"@id": "x:a", "@graph": [{"@id": "x:b", "x:p": "named"}]}',
                                        "application/ld+json", 400),
                                       (TURTLE, "", 415)):
        response = fetch(writable.url, "PUT", put, body, {"Content-Type": content_type, **AUTH} if content_type else AUTH)
        assert response.status == status, (content_type, response.status, response.text)
    for params in ("", "?graph=relative", f"?default&graph={quote(f'{BASE}graph/robust-1', safe='')}"):
        assert fetch(writable.url, "PUT", f"/store{params}", TURTLE, {"Content-Type": "text/turtle", **AUTH}).status == 400
    assert digest(writable.url) == fresh


FEDERATED = [
    "SELECT * WHERE { SERVICE <{host}/sparql> { ?s ?p ?o } }",
    "select * where { service silent <{host}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?endpoint { <{host}/sparql> } SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * {SERVICE<{host}/sparql>{?s ?p ?o}}",
    "ASK { SERVICE <{host}/sparql> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{host}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { { SELECT * WHERE { SERVICE <{host}/sparql> { ?s ?p ?o } } } }",
    # a comment after the keyword makes "<?b)SERVICE#>" look like an IRI to a regular expression
    "SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)SERVICE#>\n<{host}/sparql> { ?s ?p ?o } }",
    # the keyword touching a prefixed name looks like one name
    "PREFIX : <{host}/> SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }",
    "PREFIX e: <{host}/> SELECT * WHERE { SERVICE e:sparql{ ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", FEDERATED)
def test_federated_queries_are_refused_and_reach_no_other_host(query: str, writable: Served, read_only: Server,
                                                              host: OtherHost):
    host.requests.clear()
    text = query.replace("{host}", host.url)
    for url in (writable.url, read_only.url):
        for headers in ({}, AUTH):  # the token allows updates, not federated queries
            sent = [fetch(url, "GET", "/sparql?" + urlencode({"query": text}), headers={**JSON, **headers}),
                    fetch(url, "POST", "/sparql", urlencode({"query": text}),
                          {"Content-Type": "application/x-www-form-urlencoded", **JSON, **headers}),
                    fetch(url, "POST", "/sparql", text, {"Content-Type": "application/sparql-query", **JSON, **headers})]
            for response in sent:
                assert response.status == 400 and "SERVICE" in response.text, (url, response.status, response.text)
    assert host.requests == [], "a federated query reached another host"


def test_the_word_service_elsewhere_in_a_query_is_no_federated_query(read_only: Server):
    query = ('PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> # SERVICE\n'
             'SELECT ?service WHERE { VALUES ?service { "service" } ?service2 sd:Service <http://x/SERVICE> } '
             'LIMIT 1')
    assert fetch(read_only.url, "GET", "/sparql?" + urlencode({"query": query}), headers=JSON).status == 200


def test_with_the_token_a_large_update_is_applied_and_one_nested_too_deep_refused(fresh, writable: Served):
    """Updates, trusted, have no limit on their length but the body's size; their nesting is limited as a
    query's is, since Oxigraph's parser would overflow its stack on it and end the server."""
    triples = " ".join(f'<{EX}s{i}> {P} "{i}" .' for i in range(30_000))  # 150,000 words and signs
    large = update(writable.url, f"INSERT DATA {{ GRAPH {G3} {{ {triples} }} }}", "application/sparql-update", AUTH)
    assert large.status == 200, large.text
    assert '"30000"' in ask(writable.url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {G3} {{ ?s ?p ?o }} }}").text
    deep = f"INSERT {{ GRAPH {G3} {{ <{EX}x> {P} 1 }} }} WHERE {{ " + "{ " * 5000 + "}" * 5000 + " }"
    response = update(writable.url, deep, "application/sparql-update", AUTH)
    assert response.status == 400 and "too complex" in response.text
    assert writable.process.poll() is None and ask(writable.url, "ASK {}").status == 200
