"""The VoID and DCAT description of the dataset: what it is, under which licence, from which sources, how big.

:func:`describe` reads the store and returns the description as an rdflib graph; ``unkg export`` writes it
to ``void.ttl`` beside each export, ``unkg site`` puts it in the site, and a server can serve it (for
example at ``/.well-known/void``) by passing its own address as ``server``::

    from kg.publish import void
    graph = void.describe(store, server="http://127.0.0.1:8000")  # adds void:sparqlEndpoint <…/sparql>
    body = graph.serialize(format="turtle")

It gives: title, description, licence and attribution; creation date and the unkg release that made it
(``pav:createdWith``); the sources, each with its own licence and attribution (every source document's
official address at undocs.org, and the sources of the state register); the number of triples, entities,
classes and properties, distinct subjects and objects; a class partition and a property partition; one
subset per named graph with its triples and its source; and two link sets, the states' ``skos:exactMatch``
links to Wikidata and the documents' ``rdfs:seeAlso`` links to undocs.org, each with its number of links.

Every triple count counts the named graphs' triples (quads), the way a triple store loaded with the N-Quads
export counts them: the dataset's ``void:triples`` equals ``Store.count()`` and the sum of its subsets; a
fact stated in two documents' graphs counts twice. Entity, subject and object counts are distinct.

>>> from kg.store import Store
>>> store = Store.open(None)
>>> store.replace_graph("https://w3id.org/unkg/graph/register", '<https://w3id.org/unkg/id/state/FRA> '
...     '<http://www.w3.org/2004/02/skos/core#exactMatch> <http://www.wikidata.org/entity/Q142> .')
>>> g = describe(store, created=date(2026, 1, 1))
>>> int(g.value(URIRef("https://w3id.org/unkg/dataset/linkset/wikidata"), VOID.triples))
1
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib.metadata import PackageNotFoundError, version

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from kg import settings
from kg.rdf import ontology
from kg.rdf.iris import Minter
from kg.rdf.namespace import OPENGOV, UNKG
from kg.store import Store

__all__ = ["LICENCE", "REGISTER_SOURCES", "TARGETS", "Dump", "Source", "describe", "software_version", "triples"]

PAV = Namespace("http://purl.org/pav/")
SCHEMA = Namespace("http://schema.org/")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
_UN_TERMS = "https://www.un.org/en/about-us/terms-of-use"
_CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


@dataclass(frozen=True)
class Dump:
    """A file of the dataset: its name, media type and size; ``url`` where it is published, if known."""

    name: str
    media_type: str
    size: int
    url: str | None = None


@dataclass(frozen=True)
class Source:
    """A source of the data, with its own licence and the attribution it asks for."""

    iri: str
    title: str
    licence: str
    attribution: str


# Where the state register comes from (kg/reference/SOURCES.md tells the whole story).
REGISTER_SOURCES = (
    Source("https://www.un.org/en/about-us/member-states", "United Nations Member States", _UN_TERMS,
           "Names as the UN prints them and dates of admission: © United Nations."),
    Source("https://unstats.un.org/unsd/methodology/m49/", "Standard country or area codes for statistical use "
           "(M49)", _UN_TERMS, "M49 codes: United Nations Statistics Division, © United Nations."),
    Source("https://github.com/vincentarelbundock/countrycode", "countrycode (R package)",
           "https://www.gnu.org/licenses/gpl-3.0.html", "UN names and M49 codes as compiled by Vincent "
           "Arel-Bundock, Nils Enevoldsen and CJ Yetman (GPL-3.0 repository; the facts are the UN's)."),
    Source("https://www.wikidata.org/", "Wikidata", _CC0, "Wikidata identifiers of the states (CC0 1.0)."),
)

# The datasets the link sets point into: (name, IRI, title, namespace of the links, predicate, licence)
TARGETS = (
    ("wikidata", "https://www.wikidata.org/", "Wikidata", "http://www.wikidata.org/entity/", SKOS.exactMatch, _CC0),
    ("undocs", "https://undocs.org/", "Official Document System of the United Nations", "https://undocs.org/",
     RDFS.seeAlso, _UN_TERMS),
)


def software_version() -> str:
    """The version of the installed unkg."""
    try:
        return version("unkg")
    except PackageNotFoundError:
        return "0+unknown"


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _name(iri: str) -> str:
    """A prefixed name for the IRI (``unkg:Vote``), or a short hash when no prefix covers it."""
    for prefix, namespace in sorted(ontology.prefixes().items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]


class _Reader:
    """Queries over the named graphs of the store, or over the chosen ones."""

    def __init__(self, store: Store, graphs: Sequence[str] | None):
        self.store, self.graphs = store, graphs

    def rows(self, query: str) -> list[dict[str, str]]:
        """The rows of a SELECT, each value as its text ("" when unbound)."""
        result = self.store.query(query, union=False) if self.graphs is None else \
            self.store.query(query, named_graphs=list(self.graphs))
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        return [{n: "" if s[n] is None else s[n].value for n in names} for s in result]

    def number(self, query: str) -> int:
        [row] = self.rows(query)
        return int(row["n"] or 0)


def describe(store: Store, *, graphs: Sequence[str] | None = None, dumps: Iterable[Dump] = (),
             server: str | None = None, created: date | None = None, base: str | None = None) -> Graph:
    """The VoID and DCAT description of the store's named graphs (or of ``graphs`` only).

    ``dumps`` are the files the dataset is distributed as; ``server`` the address of a running ``unkg serve``
    (its ``/sparql`` becomes the SPARQL endpoint); ``created`` defaults to today (UTC); ``base`` to the
    ``base_iri`` setting.
    """
    iris = Minter(base or settings.get("base_iri"))
    read = _Reader(store, graphs)
    g = Graph()
    for prefix, namespace in ontology.prefixes().items():
        g.bind(prefix, namespace)
    dataset = iris.dataset()
    add = g.add

    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, DCTERMS.title, Literal("unkg: the knowledge graph of UN General Assembly decisions", lang="en")))
    add((dataset, DCTERMS.description, Literal(
        "Which states sponsored which drafts, how each state voted, which resolutions and reports each text "
        "cites, and which meetings and bodies were involved, read from United Nations General Assembly "
        "documents. Every fact keeps its evidence (document, page, lines, the text as printed), and each "
        "source document's facts live in a named graph of their own.", lang="en")))
    add((dataset, DCTERMS.license, LICENCE))
    add((dataset, DCTERMS.rights, Literal(
        "The graph is published under CC BY 4.0. It states facts read from United Nations documents "
        "(© United Nations) and from the sources listed as dcterms:source, each under its own terms.", lang="en")))
    add((dataset, DCTERMS.created, Literal((created or datetime.now(UTC).date()).isoformat(),
                                           datatype=XSD.date)))
    software = iris.software(software_version())
    add((dataset, PAV.createdWith, software))
    add((software, RDF.type, PROV.SoftwareAgent))
    add((software, RDF.type, SCHEMA.SoftwareApplication))
    add((software, RDFS.label, Literal(f"unkg {software_version()}", lang="en")))
    add((software, SCHEMA.name, Literal("unkg")))
    add((software, SCHEMA.softwareVersion, Literal(software_version())))
    add((dataset, DCTERMS.conformsTo, URIRef(ontology.ONTOLOGY_IRI)))
    add((dataset, VOID.uriSpace, Literal(iris.base + "id/")))
    for keyword in ("United Nations", "General Assembly", "resolutions", "recorded votes", "sponsorship",
                    "citations"):
        add((dataset, DCAT.keyword, Literal(keyword, lang="en")))
    for namespace in (str(UNKG._NS), str(OPENGOV._NS), "http://schema.org/", "http://www.w3.org/ns/org#", str(DCTERMS),
                      str(PROV), "http://www.w3.org/2004/02/skos/core#", str(FOAF), str(RDFS), str(OWL)):
        add((dataset, VOID.vocabulary, URIRef(namespace)))
    if server:
        add((dataset, VOID.sparqlEndpoint, URIRef(server.rstrip("/") + "/sparql")))

    [totals] = read.rows("SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?p) AS ?p_) "
                         "(COUNT(DISTINCT ?o) AS ?o_) WHERE { GRAPH ?g { ?s ?p ?o } }")
    for prop, key in ((VOID.triples, "n"), (VOID.distinctSubjects, "s_"), (VOID.properties, "p_"),
                      (VOID.distinctObjects, "o_")):
        add((dataset, prop, _int(int(totals[key] or 0))))
    add((dataset, VOID.entities, _int(read.number(
        f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{iris.base}id/")) }}'))))

    classes = read.rows("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c")
    add((dataset, VOID.classes, _int(len(classes))))
    for row in classes:
        cls = row["c"]
        part = iris.dataset_part("class", _name(cls))
        add((dataset, VOID.classPartition, part))
        add((part, VOID["class"], URIRef(cls)))
        add((part, VOID.entities, _int(int(row["n"]))))
    for row in read.rows("SELECT ?p (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?o) AS ?o_) "
                         "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p"):
        predicate = row["p"]
        part = iris.dataset_part("property", _name(predicate))
        add((dataset, VOID.propertyPartition, part))
        add((part, VOID.property, URIRef(predicate)))
        add((part, VOID.triples, _int(int(row["n"]))))
        add((part, VOID.distinctSubjects, _int(int(row["s_"]))))
        add((part, VOID.distinctObjects, _int(int(row["o_"]))))

    for cls in (UNKG.MemberState, UNKG.DraftResolution, OPENGOV.VoteEvent, UNKG.GeneralAssemblyResolution):
        for row in read.rows(f"SELECT ?x WHERE {{ GRAPH ?g {{ ?x a <{cls}> }} }} ORDER BY ?x LIMIT 1"):
            add((dataset, VOID.exampleResource, URIRef(row["x"])))

    documents = {row["g"]: row for row in read.rows(f"""
        SELECT ?g (SAMPLE(?symbol) AS ?id) (SAMPLE(?official) AS ?url) WHERE {{ GRAPH ?g {{
            ?g <{UNKG.describesDocument}> ?doc .
            OPTIONAL {{ ?doc <{DCTERMS.identifier}> ?symbol }} OPTIONAL {{ ?doc <{RDFS.seeAlso}> ?official }} }}
        }} GROUP BY ?g""")}
    for row in read.rows("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        graph = URIRef(row["g"])
        add((dataset, VOID.subset, graph))
        add((graph, RDF.type, VOID.Dataset))
        add((graph, VOID.triples, _int(int(row["n"]))))
        doc = documents.get(str(graph))
        if doc is not None and doc["url"]:
            official = doc["url"]
            symbol = doc["id"] or official.split("undocs.org/")[-1]
            add((graph, DCTERMS.title, Literal(f"Facts read from UN document {symbol}", lang="en")))
            _source(g, dataset, graph, Source(official, f"UN document {symbol}", _UN_TERMS,
                                              "© United Nations"))
        elif graph == iris.register_graph():
            add((graph, DCTERMS.title, Literal("The register of states: names, codes, membership", lang="en")))
            for source in REGISTER_SOURCES:
                _source(g, dataset, graph, source)

    for name, target, title, namespace, predicate, licence in TARGETS:
        linkset = iris.dataset_part("linkset", name)
        [row] = read.rows(f'SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s_) WHERE {{ GRAPH ?g {{ '
                          f'?s <{predicate}> ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{namespace}")) }} }}')
        add((dataset, VOID.subset, linkset))
        add((linkset, RDF.type, VOID.Linkset))
        add((linkset, VOID.linkPredicate, predicate))
        add((linkset, VOID.subjectsTarget, dataset))
        add((linkset, VOID.objectsTarget, URIRef(target)))
        add((linkset, VOID.triples, _int(int(row["n"]))))
        add((linkset, VOID.distinctSubjects, _int(int(row["s_"]))))
        add((URIRef(target), RDF.type, VOID.Dataset))
        add((URIRef(target), DCTERMS.title, Literal(title, lang="en")))
        add((URIRef(target), FOAF.homepage, URIRef(target)))
        add((URIRef(target), VOID.uriSpace, Literal(namespace)))
        add((URIRef(target), DCTERMS.license, URIRef(licence)))

    for dump in dumps:
        distribution = iris.dataset_part("distribution", dump.name)
        add((dataset, DCAT.distribution, distribution))
        add((distribution, RDF.type, DCAT.Distribution))
        add((distribution, DCTERMS.title, Literal(dump.name)))
        add((distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + dump.media_type)))
        add((distribution, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)))
        add((distribution, DCTERMS.license, LICENCE))
        if dump.url:
            add((distribution, DCAT.downloadURL, URIRef(dump.url)))
            add((dataset, VOID.dataDump, URIRef(dump.url)))
    return g


def _source(g: Graph, dataset: URIRef, part: URIRef, source: Source) -> None:
    iri = URIRef(source.iri)
    for node in (dataset, part):
        g.add((node, DCTERMS.source, iri))
    g.add((iri, DCTERMS.title, Literal(source.title, lang="en")))
    g.add((iri, DCTERMS.license, URIRef(source.licence)))
    g.add((iri, DCTERMS.rights, Literal(source.attribution, lang="en")))


def triples(graph: Graph) -> list[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples (to serialise with :func:`kg.publish.export.serialize_sorted`)."""
    return [q.triple for q in ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)]
