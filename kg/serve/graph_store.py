"""``/store``: the SPARQL 1.1 Graph Store HTTP Protocol, one graph named by ``?graph=<IRI>`` or ``?default``.

GET and HEAD read it (Turtle, N-Triples, JSON-LD or RDF/XML, in a page worker under the limits of a query);
PUT replaces it, POST adds to it and DELETE drops it, each in one transaction (``App.write_graph``), under the
rule of updates (``--updates`` and the bearer token, :func:`kg.serve.sparql.refused_write`): 201 when a graph
is created, 204 when one is changed.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.serve import linked_data
from kg.serve.negotiation import GRAPH_OFFERS, names, negotiate
from kg.serve.request import VARY, Call
from kg.serve.runner import Answer, Refuse, text
from kg.serve.sparql import refused_write

__all__ = ["endpoint", "ALLOWED"]

ALLOWED = "GET, HEAD, PUT, POST, DELETE, OPTIONS"


def _graph_named(params: dict[str, list[str]]) -> str | None:
    """The graph a Graph Store request names: an IRI, or None for the default graph."""
    graph, default = params.get("graph", []), "default" in params
    if len(graph) + default != 1:
        raise Refuse(text(400, "name one graph: /store?graph=<IRI> or /store?default"))
    if graph and not linked_data.is_iri(graph[0]):
        raise Refuse(text(400, f"graph must be an absolute IRI, not {graph[0]!r}"))
    return graph[0] if graph else None


async def endpoint(call: Call) -> Answer:
    """Any method at ``/store``."""
    if call.method in ("GET", "HEAD"):
        await call.body()  # read and dropped
        return await _read(call)
    return await _write(call)


async def _read(call: Call) -> Answer:
    graph = _graph_named(call.params)
    offer = negotiate(GRAPH_OFFERS, call.header("Accept") or None, call.params.get("format", []))
    store, runner = call.app.store, call.app.runner

    def content(deadline: float) -> Answer:
        if graph is not None and graph not in store.graphs():
            return text(404, f"the store holds no graph {graph}")
        if offer is None:
            return text(406, f"no acceptable format; available: {names(GRAPH_OFFERS)}", *VARY)
        where = "{ ?s ?p ?o }" if graph is None else f"{{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {where}", union=False)
        return Answer(200, runner.rdf(triples, offer, deadline), offer.media_type, VARY)

    return await runner.call(content, page=True)


async def _write(call: Call) -> Answer:
    """PUT, POST or DELETE of one graph (see ``App.write_graph``)."""
    body = await call.body()
    graph = _graph_named(call.params)
    refused = refused_write(call)
    if refused is not None:
        return refused
    if call.method == "DELETE":
        return await call.app.write_graph("DELETE", graph, "")
    media_type = call.header("Content-Type").partition(";")[0].strip().lower()
    fmt = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD):
        return text(415, "send the graph as text/turtle, application/n-triples, application/rdf+xml or "
                         "application/ld+json" + (f", not {media_type}" if media_type else ""))
    try:
        quads = ox.parse(body, fmt, base_iri=graph or call.app.base, without_named_graphs=True)
        ntriples = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
    except SyntaxError as exc:
        return text(400, f"the body is not a graph in {fmt.name}: {exc}")
    return await call.app.write_graph(call.method, graph, ntriples.decode("utf-8"))
