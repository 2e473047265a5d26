"""Every IRI under the base IRI (setting ``base_iri``), dereferenced: ``/id/state/FRA`` is ``<base>id/state/FRA``,
as an HTML page (:func:`kg.html.entity.describe` rendered by the entity template) or as Turtle, JSON-LD,
N-Triples or RDF/XML (by ``Accept`` or ``?format=``); a named graph's IRI gives its content; the ontology's IRI
gives the ontology (its documentation for a browser, the same as ``unkg ontology-docs``); the dataset's IRI
and ``/.well-known/void`` give the VoID and DCAT description (``kg.publish.void``). Everything that reads the
store runs in a page worker, under the time and size limits of a query, but for an HTML page rendered before at
the store's present version, answered from ``kg.serve.cache`` at once."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import VOID

from kg.serve import linked_data, pages
from kg.serve.negotiation import GRAPH_OFFERS, HTML, Offer, names, negotiate
from kg.serve.request import VARY, Call
from kg.serve.runner import Answer, Refuse, text

__all__ = ["endpoint", "void", "rdf_answer", "INCOMING_SHOWN"]

INCOMING_SHOWN = 1000  # facts pointing at an entity that its page lists


def _offer(call: Call, offers: tuple[Offer, ...], params: dict[str, list[str]] | None = None) -> Offer:
    offer = negotiate(offers, call.header("Accept") or None, (params or call.params).get("format", []))
    if offer is None:
        raise Refuse(text(406, f"no acceptable format; available: {names(offers)}", *VARY))
    return offer


def rdf_answer(call: Call, triples: Iterable[ox.Triple], params: dict[str, list[str]], title: str,
               deadline: float | None = None) -> Answer:
    """Triples in the negotiated format; for a browser, a page with their Turtle (in a worker)."""
    offer = _offer(call, GRAPH_OFFERS + (HTML,), params)
    data = call.app.runner.rdf(triples, offer, deadline)
    if offer is HTML:
        return Answer(200, pages.turtle_page(title, data.decode("utf-8")).encode("utf-8"), HTML.media_type, VARY)
    return Answer(200, data, offer.media_type, VARY)


async def void(call: Call) -> Answer:
    """The dataset's VoID description with this endpoint's address; 503 while it is still being computed."""
    triples = await call.app.void_triples()
    if triples is None:
        return text(503, "the dataset description is still being computed; try again in a minute",
                    ("Retry-After", "60"))
    endpoint = ox.Triple(ox.NamedNode(call.app.dataset_iri), ox.NamedNode(str(VOID.sparqlEndpoint)),
                         ox.NamedNode(call.server_url() + "/sparql"))
    return await call.app.runner.call(
        lambda deadline: rdf_answer(call, [*triples, endpoint], call.params, "dataset description (VoID)", deadline),
        page=True)


async def endpoint(call: Call) -> Answer:
    """The IRI ``<base><path>``: the ontology, the dataset, a named graph or an entity, as a page or as data."""
    await call.body()  # a GET may carry one: read and dropped
    app = call.app
    iri = app.base + call.path.removeprefix("/")
    if iri == app.ontology_iri:
        return _ontology(call)
    if iri == app.dataset_iri or iri.startswith(app.dataset_iri + "/"):
        return await void(call)  # the dataset and the parts of its description
    offer = negotiate((HTML,) + GRAPH_OFFERS, call.header("Accept") or None, call.params.get("format", []))
    if not linked_data.is_iri(iri):
        return _not_found(iri, offer)
    if offer is HTML:  # a page rendered before at the store's present version is answered without a worker
        kept = app.pages.get(iri, app.store.version)
        if kept is not None:
            return Answer(200, kept, HTML.media_type, VARY)
    return await app.runner.call(lambda deadline: _entity(call, iri, offer, deadline), page=True)


def _entity(call: Call, iri: str, offer: Offer | None, deadline: float) -> Answer:
    """An entity's page, or its description as data (a named graph's: its content), in a page worker."""
    store = call.app.store
    version = store.version  # before anything is read: the page is kept for this version (kg.serve.cache)
    if not linked_data.exists(store, iri):
        return _not_found(iri, offer)
    if offer is None:
        return text(406, f"no acceptable format; available: {names((HTML,) + GRAPH_OFFERS)}", *VARY)
    if offer.format is None:
        description = linked_data.describe(store, iri, limit=INCOMING_SHOWN)
        body = pages.entity_page(description, call.app.base).encode("utf-8")
        call.app.pages.put(iri, version, body, now=store.version)
        return Answer(200, body, HTML.media_type, VARY)
    data = call.app.runner.rdf(linked_data.description_query(store, iri), offer, deadline)
    return Answer(200, data, offer.media_type, VARY)


def _ontology(call: Call) -> Answer:
    offer = _offer(call, (HTML,) + GRAPH_OFFERS)
    if offer.format is None:
        return Answer(200, call.app.ontology_page, HTML.media_type, VARY)
    triples = call.app.ontology.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(triples, ox.QueryTriples)
    return Answer(200, call.app.runner.rdf(triples, offer), offer.media_type, VARY)


def _not_found(iri: str, offer: Offer | None) -> Answer:
    message = f"nothing is known about {iri}"
    if offer is HTML:
        return Answer(404, pages.error_page(404, message).encode("utf-8"), HTML.media_type, VARY)
    return text(404, message, *VARY)
