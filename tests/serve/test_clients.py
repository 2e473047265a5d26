"""SPARQLWrapper, a real Python client, against the endpoint: every result format parses, the named queries
give the same rows as ``unkg query``, and updates need the token."""

from __future__ import annotations

import csv
import io
import json
from urllib.error import HTTPError

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg import queries
from kg.serve.app import Server
from kg.store import Store

from .serve_support import TOKEN

# parameters are UN symbols (the two rival drafts of the sample, L.37 for any other) or integers (session 73);
# of alternatives, the first is given
PARAMS = {"draft_a": "A/C.1/73/L.27/Rev.1", "draft_b": "A/C.1/73/L.37"}


def params_of(q: queries.NamedQuery) -> dict[str, str]:
    later = {p for group in q.choices for p in group[1:]}
    return {p: "73" if q.types.get(p) == "integer" else PARAMS.get(p, "A/C.1/73/L.37")
            for p in q.params if p not in later}
STATES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?state ?name WHERE { ?state skos:prefLabel ?name FILTER(?name IN ("France"@en, "Germany"@en)) }
ORDER BY ?name"""


def client(server: Server, fmt: str, query: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.url + "/sparql")
    sparql.setReturnFormat(fmt)
    sparql.setQuery(query)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_as_json(server: Server, method: str):
    result = client(server, JSON, STATES, method).queryAndConvert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["France", "Germany"]
    assert result["head"]["vars"] == ["state", "name"]


def test_select_as_xml(server: Server):
    document = client(server, XML, STATES).queryAndConvert()
    names = [n.firstChild.data for n in document.getElementsByTagName("literal")]
    assert names == ["France", "Germany"]


def test_select_as_csv_and_tsv(server: Server):
    table = list(csv.reader(io.StringIO(client(server, CSV, STATES).queryAndConvert().decode("utf-8"))))
    assert table[0] == ["state", "name"] and [row[1] for row in table[1:]] == ["France", "Germany"]
    lines = client(server, TSV, STATES).queryAndConvert().decode("utf-8").splitlines()
    assert lines[0] == "?state\t?name"
    assert [line.split("\t")[1] for line in lines[1:]] == ['"France"@en', '"Germany"@en']


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server: Server, fmt: str):
    result = client(server, fmt, 'ASK { ?s ?p "France"@en }').queryAndConvert()
    assert (result["boolean"] if fmt == JSON else result.getElementsByTagName("boolean")[0].firstChild.data == "true")


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, XML, JSONLD])
@pytest.mark.parametrize("form", [
    "CONSTRUCT { ?s ?p ?o } WHERE { BIND(<https://w3id.org/unkg/id/state/FRA> AS ?s) ?s ?p ?o }",
    "DESCRIBE <https://w3id.org/unkg/id/state/FRA>"])
def test_construct_and_describe_parse(server: Server, fmt: str, form: str):
    result = client(server, fmt, form).queryAndConvert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(
        data=result, format={TURTLE: "turtle", N3: "n3", JSONLD: "json-ld"}[fmt])
    fra = rdflib.URIRef("https://w3id.org/unkg/id/state/FRA")
    assert (fra, rdflib.URIRef("https://w3id.org/unkg/ontology#iso3"), rdflib.Literal("FRA")) in graph
    assert len(graph) >= 8


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_the_named_queries_give_the_same_rows_as_unkg_query(server: Server, store: Store, name: str):
    params = params_of(queries.catalogue()[name])
    columns, expected = queries.run(store, name, params)
    cli_rows = json.loads(queries.render(columns, expected, "json"))  # what `unkg query NAME --format json` prints
    assert cli_rows or name not in ("drafts", "votes", "sponsors", "rival-drafts", "citations"), name
    result = client(server, JSON, queries.bound(name, params), POST).queryAndConvert()
    assert result["head"]["vars"] == columns
    got = [{c: b.get(c, {}).get("value", "") for c in columns} for b in result["results"]["bindings"]]
    assert got == cli_rows


def test_a_syntax_error_reaches_the_client(server: Server):
    with pytest.raises(QueryBadFormed) as error:
        client(server, JSON, "SELECT * WHERE { ?s ?p }").query()
    assert "syntax error" in str(error.value)


def test_updates_need_the_token(w3c: Server):
    sparql = SPARQLWrapper(w3c.url + "/sparql", updateEndpoint=w3c.url + "/sparql")
    sparql.setMethod(POST)
    sparql.setQuery('INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> "o" } '
                    "}")
    with pytest.raises(HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    sparql.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sparql.query()
    check = client(w3c, JSON, 'ASK { GRAPH <http://example.org/g> { ?s ?p "o" } }').queryAndConvert()
    assert check["boolean"] is True
