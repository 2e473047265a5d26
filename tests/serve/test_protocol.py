"""The SPARQL 1.1 Protocol at /sparql, by raw HTTP: the W3C protocol test cases (named after the entries
of the W3C manifest sparql11/protocol), content negotiation, CORS, read-only by default."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
import rdflib

from kg.serve.app import keywords

from .serve_support import EX, TOKEN, Fetch, fetcher, running

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
UPDATE = {"Content-Type": "application/sparql-update"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"Accept": "application/sparql-results+json"}


def q(query: str, **params: str | list[str]) -> str:
    pairs = [("query", query)] + [(k.replace("_", "-"), v) for k, vs in params.items()
                                  for v in (vs if isinstance(vs, list) else [vs])]
    return "/sparql?" + urlencode(pairs)


def boolean(response) -> bool:
    assert response.status == 200, response.text
    return json.loads(response.body)["boolean"]


def rows(response) -> list[dict[str, str]]:
    assert response.status == 200, response.text
    data = json.loads(response.body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


# ------------------------------------------------------------------------------------ W3C positive cases

def test_query_get(fetch: Fetch):
    assert boolean(fetch("GET", "/sparql?query=ASK%20%7B%7D", headers=JSON)) is True


def test_query_post_form(fetch: Fetch):
    assert boolean(fetch("POST", "/sparql", "query=ASK%20%7B%7D", {**FORM, **JSON})) is True


def test_query_post_direct(fetch: Fetch):
    assert boolean(fetch("POST", "/sparql", "ASK {}", {**DIRECT, **JSON})) is True


def test_query_dataset_default_graphs_get(w3c):
    fetch = fetcher(w3c)
    ask = f'ASK {{ <{EX}alice> ?p "Alice" . <{EX}bob> ?p "Bob" }}'
    assert boolean(fetch("GET", q(ask, default_graph_uri=[EX + "data1", EX + "data2"]), headers=JSON))
    assert not boolean(fetch("GET", q(ask, default_graph_uri=[EX + "data1"]), headers=JSON))


def test_query_dataset_default_graphs_post(w3c):
    fetch = fetcher(w3c)
    ask = f'ASK {{ <{EX}alice> ?p "Alice" . <{EX}bob> ?p "Bob" }}'
    body = urlencode([("query", ask), ("default-graph-uri", EX + "data1"), ("default-graph-uri", EX + "data2")])
    assert boolean(fetch("POST", "/sparql", body, {**FORM, **JSON}))


def test_query_dataset_named_graphs_post(w3c):
    fetch = fetcher(w3c)
    path = "/sparql?" + urlencode([("named-graph-uri", EX + "data1"), ("named-graph-uri", EX + "data2")])
    found = rows(fetch("POST", path, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {**DIRECT, **JSON}))
    assert sorted(r["g"] for r in found) == [EX + "data1", EX + "data2"]


def test_query_dataset_named_graphs_get(w3c):
    fetch = fetcher(w3c)
    found = rows(fetch("GET", q("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graph_uri=EX + "data2"),
                       headers=JSON))
    assert [r["g"] for r in found] == [EX + "data2"]
    # the default graph is then empty
    assert not boolean(fetch("GET", q("ASK { ?s ?p ?o }", named_graph_uri=EX + "data2"), headers=JSON))


def test_query_dataset_full(w3c):
    fetch = fetcher(w3c)
    query = "SELECT ?g ?x ?s { ?x ?y ?o  GRAPH ?g { ?s ?p ?o } }"
    found = rows(fetch("GET", q(query, default_graph_uri=EX + "data3",
                                named_graph_uri=[EX + "data1", EX + "data2"]), headers=JSON))
    assert sorted((r["g"], r["x"], r["s"]) for r in found) == [
        (EX + "data1", EX + "a3", EX + "alice"), (EX + "data2", EX + "b3", EX + "bob")]


def test_query_multiple_dataset(w3c):
    """The protocol's dataset wins over the query's FROM."""
    fetch = fetcher(w3c)
    ask = f"ASK FROM <{EX}data1> {{ <{EX}alice> ?p ?o }}"
    assert boolean(fetch("GET", q(ask), headers=JSON))
    assert not boolean(fetch("POST", "/sparql?" + urlencode({"default-graph-uri": EX + "data2"}), ask,
                             {**DIRECT, **JSON}))


def test_from_in_the_query_is_honoured(w3c):
    fetch = fetcher(w3c)
    found = rows(fetch("GET", q(f"SELECT ?s FROM <{EX}data2> WHERE {{ ?s ?p ?o }}"), headers=JSON))
    assert [r["s"] for r in found] == [EX + "bob"]


@pytest.mark.parametrize("accept, media_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_query_content_type_select(fetch: Fetch, accept: str, media_type: str):
    response = fetch("POST", "/sparql", "SELECT (1 AS ?value) {}", {**DIRECT, "Accept": accept})
    assert response.status == 200 and response.media_type == media_type
    assert "1" in response.text and "value" in response.text


@pytest.mark.parametrize("accept, media_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_query_content_type_ask(fetch: Fetch, accept: str, media_type: str):
    response = fetch("POST", "/sparql", "ASK {}", {**DIRECT, "Accept": accept})
    assert response.status == 200 and response.media_type == media_type and "true" in response.text


@pytest.mark.parametrize("accept, media_type, parse_as", [
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
])
def test_query_content_type_describe_and_construct(fetch: Fetch, accept: str, media_type: str, parse_as: str):
    describe = fetch("POST", "/sparql", "DESCRIBE <https://w3id.org/unkg/id/state/FRA>", {**DIRECT, "Accept": accept})
    assert describe.status == 200 and describe.media_type == media_type
    graph = rdflib.Graph().parse(data=describe.body, format=parse_as)
    assert (rdflib.URIRef("https://w3id.org/unkg/id/state/FRA"), None, rdflib.Literal("FRA")) in graph
    construct = fetch("POST", "/sparql", "CONSTRUCT { <s> <p> 1 } WHERE {}", {**DIRECT, "Accept": accept})
    assert construct.status == 200 and construct.media_type == media_type
    [(s, p, o)] = rdflib.Graph().parse(data=construct.body, format=parse_as)
    assert (str(s), str(p), o.toPython()) == (f"{fetch_base(fetch)}/s", f"{fetch_base(fetch)}/p", 1)


def fetch_base(fetch: Fetch) -> str:
    """Relative IRIs in a query resolve against the endpoint's address (http://host:port/sparql)."""
    description = fetch("GET", "/sparql", headers={"Accept": "application/n-triples"}).text
    endpoint = description.split("<", 1)[1].split(">", 1)[0]
    return endpoint.rsplit("/", 1)[0]


def test_update_post_form_and_direct(w3c):
    fetch = fetcher(w3c)
    form = urlencode({"update": f"CLEAR GRAPH <{EX}data1>"})
    assert fetch("POST", "/sparql", form, {**FORM, **AUTH}).status == 200
    assert not boolean(fetch("GET", q(f"ASK {{ GRAPH <{EX}data1> {{ ?s ?p ?o }} }}"), headers=JSON))
    direct = f'INSERT DATA {{ GRAPH <{EX}data1> {{ <{EX}carol> <http://xmlns.com/foaf/0.1/name> "Carol" }} }}'
    assert fetch("POST", "/sparql", direct, {**UPDATE, **AUTH}).status == 200
    assert boolean(fetch("GET", q(f'ASK {{ GRAPH <{EX}data1> {{ ?s ?p "Carol" }} }}'), headers=JSON))


def test_update_base_uri(w3c):
    fetch = fetcher(w3c)
    update = (f"CLEAR SILENT GRAPH <{EX}base-test> ; "
              f"INSERT DATA {{ GRAPH <{EX}base-test> {{ <http://example.org/s> <http://example.org/p> <test> }} }}")
    assert fetch("POST", "/sparql", update, {**UPDATE, **AUTH}).status == 200
    [row] = rows(fetch("GET", q(f"SELECT ?o WHERE {{ GRAPH <{EX}base-test> {{ ?s ?p ?o }} }}"), headers=JSON))
    assert row["o"].startswith("http://") and row["o"].endswith("/test")


# ------------------------------------------------------------------------------------ W3C negative cases

def test_bad_query_method(fetch: Fetch):
    response = fetch("PUT", "/sparql?query=ASK%20%7B%7D")
    assert response.status == 405 and "GET" in response.headers["Allow"]


def test_bad_multiple_queries(fetch: Fetch):
    assert fetch("GET", "/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D").status == 400


def test_bad_query_wrong_media_type(fetch: Fetch):
    assert fetch("POST", "/sparql", "ASK {}", {"Content-Type": "text/plain"}).status == 415


def test_bad_query_missing_form_type(fetch: Fetch):
    assert fetch("POST", "/sparql", "query=ASK%20%7B%7D").status == 415


def test_bad_query_missing_direct_type(fetch: Fetch):
    assert fetch("POST", "/sparql", "ASK {}").status == 415


def test_bad_query_non_utf8(fetch: Fetch):
    body = "ASK {}".encode("utf-16")
    assert fetch("POST", "/sparql", body, {"Content-Type": "application/sparql-query; charset=UTF-16"}).status == 415
    assert fetch("POST", "/sparql", body, DIRECT).status == 400


def test_bad_query_syntax_gets_400_with_the_parsers_message(fetch: Fetch):
    response = fetch("GET", "/sparql?query=ASK%20%7B")
    assert response.status == 400
    assert response.text.startswith("SPARQL syntax error: error at 1:")


def test_bad_update_get(w3c):
    fetch = fetcher(w3c)
    assert fetch("GET", "/sparql?update=CLEAR%20ALL", headers=AUTH).status == 400
    assert boolean(fetch("GET", q("ASK { GRAPH ?g { ?s ?p ?o } }"), headers=JSON))


def test_bad_multiple_updates(w3c):
    fetch = fetcher(w3c)
    assert fetch("POST", "/sparql", "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", {**FORM, **AUTH}).status == 400


def test_bad_update_wrong_media_type(w3c):
    assert fetcher(w3c)("POST", "/sparql", "CLEAR NAMED", {"Content-Type": "text/plain", **AUTH}).status == 415


def test_bad_update_missing_form_type(w3c):
    assert fetcher(w3c)("POST", "/sparql", "update=CLEAR%20NAMED", AUTH).status == 415


def test_bad_update_non_utf8(w3c):
    body = "CLEAR NAMED".encode("utf-16")
    headers = {"Content-Type": "application/sparql-update; charset=UTF-16", **AUTH}
    assert fetcher(w3c)("POST", "/sparql", body, headers).status == 415


def test_bad_update_syntax(w3c):
    response = fetcher(w3c)("POST", "/sparql", "update=CLEAR%20XYZ", {**FORM, **AUTH})
    assert response.status == 400 and "syntax error" in response.text


def test_a_failing_update_gets_400(w3c):
    response = fetcher(w3c)("POST", "/sparql", f"CLEAR GRAPH <{EX}missing>", {**UPDATE, **AUTH})
    assert response.status == 400 and "does not exist" in response.text


def test_bad_update_dataset_conflict(w3c):
    update = (f"WITH <{EX}data1> DELETE {{ ?s ?p 'Alice' }} INSERT {{ ?s ?p 'Alicia' }} WHERE {{ ?s ?p 'Alice' }}")
    body = urlencode({"using-named-graph-uri": EX + "data2", "update": update})
    assert fetcher(w3c)("POST", "/sparql", body, {**FORM, **AUTH}).status == 400


# ------------------------------------------------------------------------------------ read-only, CORS, formats

@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_an_update_without_the_token_gets_403_and_changes_nothing(w3c, headers: dict[str, str]):
    fetch = fetcher(w3c)
    before = fetch("GET", q("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"), headers=JSON).body
    response = fetch("POST", "/sparql", "DROP ALL", {**UPDATE, **headers})
    assert response.status == 403 and "Authorization: Bearer" in response.text
    assert fetch("GET", q("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"), headers=JSON).body == before


def test_a_read_only_server_refuses_every_update(fetch: Fetch, store):
    count = store.count()
    response = fetch("POST", "/sparql", "update=DROP%20ALL", {**FORM, **AUTH})
    assert response.status == 403 and "read-only" in response.text
    assert store.count() == count


def test_cors_headers_and_preflight(fetch: Fetch):
    response = fetch("GET", q("ASK {}"), headers={"Origin": "http://elsewhere.example", **JSON})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = fetch("OPTIONS", "/sparql", headers={
        "Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()


def test_errors_carry_cors_too(fetch: Fetch, store):
    """A browser client on another origin can read why it was refused: 400, 403, 404, 405, 413 and 503 carry
    Access-Control-Allow-Origin like any answer."""
    origin = {"Origin": "http://elsewhere.example"}
    answers = {
        400: fetch("GET", q("SELECT WHERE"), headers=origin),
        403: fetch("POST", "/sparql", "INSERT DATA { <x:a> <x:b> <x:c> }",
                   {"Content-Type": "application/sparql-update", **origin}),
        404: fetch("GET", "/id/state/NOWHERE", headers=origin),
        405: fetch("DELETE", "/sparql", headers=origin),
    }
    with running(store, max_request_bytes=10, query_timeout=0.001) as small:
        answers[413] = fetcher(small)("POST", "/sparql", "ASK { ?s ?p ?o }",
                                      {"Content-Type": "application/sparql-query", **origin})
        answers[503] = fetcher(small)("GET", q("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"), headers=origin)
    for status, response in answers.items():
        assert response.status == status, (status, response.text)
        assert response.headers["Access-Control-Allow-Origin"] == "*", status


@pytest.mark.parametrize("fmt, media_type", [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"), ("text/csv", "text/csv"),
])
def test_the_format_parameter_beats_accept(fetch: Fetch, fmt: str, media_type: str):
    response = fetch("GET", q("SELECT ?x WHERE { VALUES ?x { 1 } }", format=fmt), headers={"Accept": "text/html"})
    assert response.status == 200 and response.media_type == media_type


def test_unacceptable_formats_get_406(fetch: Fetch):
    assert fetch("GET", q("ASK {}"), headers={"Accept": "image/png"}).status == 406
    response = fetch("GET", q("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", format="csv"))
    assert response.status == 406 and "text/turtle" in response.text


def test_accept_quality_values_choose(fetch: Fetch):
    response = fetch("GET", q("SELECT ?x WHERE { VALUES ?x { 1 } }"),
                     headers={"Accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert response.media_type == "text/csv"
    assert fetch("GET", q("SELECT ?x WHERE { VALUES ?x { 1 } }")).media_type == "application/sparql-results+json"


def test_the_default_graph_is_the_union_of_the_graphs(fetch: Fetch, store):
    [row] = rows(fetch("GET", q("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), headers=JSON))
    assert int(row["n"]) == store.count()


def test_service_description(fetch: Fetch, store):
    response = fetch("GET", "/sparql", headers={"Accept": "text/turtle"})
    assert response.status == 200 and response.media_type == "text/turtle"
    graph = rdflib.Graph().parse(data=response.body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    [service] = graph.subjects(rdflib.RDF.type, sd.Service)
    assert str(service).endswith("/sparql") and (service, sd.endpoint, service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Update) not in graph
    assert (service, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV")) in graph
    names = {str(n) for n in graph.objects(None, sd.name)}
    assert names == set(store.graphs())


def test_service_description_for_a_browser_is_a_page(fetch: Fetch):
    response = fetch("GET", "/sparql", headers={"Accept": "text/html,application/xml;q=0.9,*/*;q=0.8"})
    assert response.media_type == "text/html" and "sd:Service" in response.text


def test_federated_queries_are_refused(fetch: Fetch):
    response = fetch("GET", q("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"))
    assert response.status == 400 and "SERVICE" in response.text
    # the word in a string, an IRI or a variable is no federated query
    ok = fetch("GET", q('SELECT ?service WHERE { BIND("SERVICE" AS ?service) FILTER(?service != <x:SERVICE>) }'))
    assert ok.status == 200


def test_keywords_ignore_strings_iris_and_comments():
    assert "SERVICE" not in keywords('SELECT * { ?s ?p """a\nSERVICE""" } # SERVICE')
    assert "SERVICE" in keywords("SELECT * { ?s ?p ?o .SERVICE <x:y> { } }")
    assert "FROM" in keywords("SELECT * FROM <x:g> { ?s ?p ?o }")


def test_head_and_keep_alive(server):
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        for _ in range(3):  # one connection, several requests
            connection.request("GET", q("ASK {}"), headers=JSON)
            response = connection.getresponse()
            assert response.status == 200 and json.loads(response.read())["boolean"] is True
        connection.request("HEAD", "/id/state/FRA")
        response = connection.getresponse()
        assert response.status == 200 and response.read() == b"" and int(response.headers["Content-Length"]) > 0
    finally:
        connection.close()


def test_a_quoted_query_in_the_url(fetch: Fetch):
    path = "/sparql?query=" + quote("SELECT ?n WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?n . "
                                    'FILTER(?n = "France"@en) }')
    assert rows(fetch("GET", path, headers=JSON)) == [{"n": "France"}]
