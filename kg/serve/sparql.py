"""``/sparql``: the SPARQL 1.1 Protocol.

Queries by GET, by POST form (``application/x-www-form-urlencoded``) and by POST direct
(``application/sparql-query``); SELECT and ASK answered as SPARQL JSON, XML, CSV or TSV, CONSTRUCT and
DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by ``Accept`` or by a ``format`` parameter
(``kg.serve.negotiation``), serialised by pyoxigraph's own serialisers. ``default-graph-uri`` and
``named-graph-uri`` set the dataset; without them, and without FROM in the query, the default graph is the
union of all graphs. A GET with no query gives the SPARQL service description. Updates (POST ``update=`` or
``application/sparql-update``) are refused with 403 unless the server was started with updates enabled and
the request carries ``Authorization: Bearer <update_token>`` (:func:`refused_write`).
"""

from __future__ import annotations

import hmac
import re

from kg.serve import linked_data
from kg.serve.negotiation import GRAPH_OFFERS, RESULT_OFFERS
from kg.serve.request import VARY, Call, form
from kg.serve.resources import rdf_answer
from kg.serve.runner import Answer, text

__all__ = ["endpoint", "refused_write", "ALLOWED"]

ALLOWED = "GET, HEAD, POST, OPTIONS"


async def endpoint(call: Call) -> Answer:
    """GET, HEAD or POST at ``/sparql``."""
    if call.method == "POST":
        return await _post(call)
    await call.body()  # a GET may carry one: read and dropped
    return await _sparql(call, call.params, call.params)


async def _post(call: Call) -> Answer:
    body = await call.body()
    media_type, _, rest = call.header("Content-Type").partition(";")
    media_type = media_type.strip().lower()
    charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", rest, re.I)
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        return text(415, f"the body must be UTF-8, not {charset.group(1)}")
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        return text(400, "the body is not UTF-8")
    params = call.params
    if media_type == "application/x-www-form-urlencoded":
        fields = form(decoded, "the form")
        return await _sparql(call, {**params, **fields}, fields, post=True)
    if media_type == "application/sparql-query":
        return await _sparql(call, {**params, "query": [decoded]}, params, post=True)
    if media_type == "application/sparql-update":
        return await _sparql(call, {**params, "update": [decoded]}, params, post=True)
    return text(415, "POST a query as application/x-www-form-urlencoded (query=…) or application/sparql-query, "
                     "an update as application/x-www-form-urlencoded (update=…) or application/sparql-update"
                     + (f"; not {media_type}" if media_type else "; the request has no Content-Type"))


async def _sparql(call: Call, params: dict[str, list[str]], dataset_params: dict[str, list[str]], *,
                  post: bool = False) -> Answer:
    query, update = params.get("query", []), params.get("update", [])
    if query and update:
        return text(400, "a request carries a query or an update, not both")
    if len(query) > 1 or len(update) > 1:
        return text(400, "a request carries one query or one update")
    base_iri = call.server_url() + "/sparql"
    if update:
        if not post:
            return text(400, "SPARQL Update must be sent by POST")
        return await _update(call, update[0], params, base_iri)
    if not query:
        if post:
            return text(400, "the request has no query (query=…) and no update (update=…)")
        return await _service_description(call, params)
    graphs = []
    for key in ("default-graph-uri", "named-graph-uri"):
        values = dataset_params.get(key, [])
        bad = [v for v in values if not linked_data.is_iri(v)]
        if bad:
            return text(400, f"{key} must be an absolute IRI, not {bad[0]!r}")
        graphs.append(values)
    dataset = (graphs[0], graphs[1]) if graphs[0] or graphs[1] else None
    answer = await call.app.runner.run(query[0], base_iri=base_iri, dataset=dataset, accept=call.header("Accept") or None,
                                       formats=params.get("format", []))
    return Answer(answer.status, answer.body, answer.content_type, answer.headers + VARY)


def refused_write(call: Call) -> Answer | None:
    """403 unless updates are enabled and the request carries the update token; None when it may write."""
    token = call.app.config.update_token
    if token is None:
        return text(403, "updates are disabled: this endpoint is read-only (start unkg serve with --updates "
                         "and a token to allow them)")
    given = call.header("Authorization")
    if not hmac.compare_digest(given.encode("utf-8"), f"Bearer {token}".encode()):
        return text(403, "an update needs the header Authorization: Bearer <update_token>")
    return None


async def _update(call: Call, update: str, params: dict[str, list[str]], base_iri: str) -> Answer:
    refused = refused_write(call)
    if refused is not None:
        return refused
    if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
        return text(400, "using-graph-uri and using-named-graph-uri are not supported: write USING in the update")
    return await call.app.update(update, base_iri)


async def _service_description(call: Call, params: dict[str, list[str]]) -> Answer:
    formats = [o.format.iri for o in RESULT_OFFERS + GRAPH_OFFERS if o.format is not None]
    server, updates = call.server_url(), call.app.config.update_token is not None

    def describe(deadline: float) -> Answer:
        triples = linked_data.service_description_triples(call.app.graph_sizes(), server, updates=updates,
                                                          result_formats=formats)
        return rdf_answer(call, triples, params, "SPARQL service description", deadline)

    return await call.app.runner.call(describe, page=True)
