"""The VoID and DCAT description: its counts are the store's, its link sets count the links, and it names the
sources with their licences and attributions."""

from __future__ import annotations

import csv
from datetime import date

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SKOS, VOID, XSD

from kg.publish.export import serialize_sorted
from kg.publish import void
from kg.store import Store

BASE = "https://w3id.org/unkg/"
DATASET = URIRef(BASE + "dataset")
PAV = rdflib.Namespace("http://purl.org/pav/")
SCHEMA = rdflib.Namespace("http://schema.org/")
UN_TERMS = URIRef("https://www.un.org/en/about-us/terms-of-use")


@pytest.fixture(scope="module")
def description(full_store: Store) -> rdflib.Graph:
    return void.describe(full_store, created=date(2026, 11, 28), server="http://127.0.0.1:8000",
                         dumps=[void.Dump("unkg.nq", "application/n-quads", 1234, BASE + "unkg.nq")])


def _int(g: rdflib.Graph, s, p) -> int:
    return int(g.value(s, p))


def test_dataset_metadata(description):
    g = description
    assert {URIRef(str(VOID.Dataset)), DCAT.Dataset} <= set(g.objects(DATASET, RDF.type))
    assert g.value(DATASET, DCTERMS.title).language == "en"
    assert g.value(DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert "© United Nations" in str(g.value(DATASET, DCTERMS.rights))
    assert g.value(DATASET, DCTERMS.created) == Literal("2026-11-28", datatype=XSD.date)
    software = g.value(DATASET, PAV.createdWith)
    assert str(g.value(software, SCHEMA.softwareVersion)) == void.software_version() != "0+unknown"
    assert g.value(DATASET, DCTERMS.conformsTo) == URIRef("https://w3id.org/unkg/ontology")
    assert g.value(DATASET, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:8000/sparql")
    assert str(g.value(DATASET, VOID.uriSpace)) == BASE + "id/"
    assert URIRef("https://w3id.org/unkg/ontology#") in set(g.objects(DATASET, VOID.vocabulary))
    assert g.value(DATASET, VOID.dataDump) == URIRef(BASE + "unkg.nq")
    distribution = g.value(DATASET, DCAT.distribution)
    assert g.value(distribution, DCAT.byteSize).toPython() == 1234
    assert str(g.value(distribution, DCAT.mediaType)).endswith("/application/n-quads")


def test_counts_are_the_stores(description, full_store):
    g = description
    assert _int(g, DATASET, VOID.triples) == full_store.count()
    subsets = {s for s in g.objects(DATASET, VOID.subset) if (s, RDF.type, VOID.Linkset) not in g}
    assert {str(s) for s in subsets} == set(full_store.graphs())
    for graph in subsets:
        assert _int(g, graph, VOID.triples) == full_store.count(str(graph))
    properties = list(g.objects(DATASET, VOID.propertyPartition))
    assert sum(_int(g, p, VOID.triples) for p in properties) == full_store.count()
    assert _int(g, DATASET, VOID.properties) == len(properties)
    classes = {g.value(p, VOID["class"]): _int(g, p, VOID.entities) for p in g.objects(DATASET, VOID.classPartition)}
    assert _int(g, DATASET, VOID.classes) == len(classes)
    expected = {URIRef(r["c"]): int(r["n"]) for r in full_store.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")}
    assert classes == expected
    [row] = full_store.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "
                              f'"{BASE}id/")) }}')
    assert _int(g, DATASET, VOID.entities) == int(row["n"])
    assert set(g.objects(DATASET, VOID.exampleResource)) >= {URIRef(BASE + "id/state/AFG")}


def test_link_sets_count_the_links(description, full_store):
    g = description
    wikidata = URIRef(BASE + "dataset/linkset/wikidata")
    undocs = URIRef(BASE + "dataset/linkset/undocs")
    assert {wikidata, undocs} <= set(g.objects(DATASET, VOID.subset))
    with open("kg/reference/states.csv", encoding="utf-8") as f:
        with_wikidata = sum(1 for row in csv.DictReader(f) if row["wikidata"])
    assert _int(g, wikidata, VOID.triples) == with_wikidata == 197
    assert g.value(wikidata, VOID.linkPredicate) == SKOS.exactMatch
    assert g.value(wikidata, VOID.objectsTarget) == URIRef("https://www.wikidata.org/")
    assert g.value(wikidata, VOID.subjectsTarget) == DATASET
    [seealso] = full_store.select(f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) WHERE {{ GRAPH ?g {{ "
                                  f"?s <{RDFS.seeAlso}> ?o FILTER(STRSTARTS(STR(?o), \"https://undocs.org/\")) }} }}")
    assert _int(g, undocs, VOID.triples) == int(seealso["n"]) and _int(g, undocs, VOID.distinctSubjects) == int(seealso["d"])
    assert g.value(undocs, VOID.linkPredicate) == RDFS.seeAlso
    documents = full_store.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d <http://purl.org/dc/terms/identifier> ?i }")
    assert int(seealso["d"]) == int(documents[0]["n"])  # every document links to its official address
    for target in g.objects(None, VOID.objectsTarget):
        assert g.value(target, DCTERMS.license) is not None and g.value(target, DCTERMS.title) is not None


def test_sources_with_their_licences(description, full_store):
    g = description
    sources = set(g.objects(DATASET, DCTERMS.source))
    for graph in full_store.graphs():
        if graph.endswith(("/register", "/links")):  # the register, and the links derived from the documents
            continue
        [official] = g.objects(URIRef(graph), DCTERMS.source)
        assert official in sources and str(official).startswith("https://undocs.org/")
        assert g.value(official, DCTERMS.license) == UN_TERMS
        assert str(g.value(official, DCTERMS.rights)) == "© United Nations"
    register = set(g.objects(URIRef(BASE + "graph/register"), DCTERMS.source))
    assert register == {URIRef(s.iri) for s in void.REGISTER_SOURCES}
    assert g.value(URIRef("https://www.wikidata.org/"), DCTERMS.license) == \
        URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
    for source in sources:
        assert g.value(source, DCTERMS.license) is not None and g.value(source, DCTERMS.rights) is not None


def test_one_graph_only(full_store):
    g = void.describe(full_store, graphs=[BASE + "graph/register"], created=date(2026, 1, 1))
    assert _int(g, DATASET, VOID.triples) == full_store.count(BASE + "graph/register")
    assert int(g.value(URIRef(BASE + "dataset/linkset/undocs"), VOID.triples)) == 0


def test_written_sorted_as_turtle(description):
    text = serialize_sorted(void.triples(description)).decode()
    assert text.startswith("@prefix ") and "void:triples" in text
    assert rdflib.Graph().parse(data=text, format="turtle").isomorphic(description)
