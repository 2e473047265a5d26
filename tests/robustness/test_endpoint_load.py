"""A burst of load: 100 clients at once, each on a connection of its own, asking for the named queries, entity
pages, the query page and its assets; every one is answered with 200. (The sustained load test, several
hundred clients for a minute on the full plenary history, is ``tests/benchmarks/bench_load.py``.)"""

from __future__ import annotations

import threading
from urllib.parse import urlencode

from endpoint_support import JSON, fetch, running

from kg import queries
from kg.store import Store

CLIENTS = 100
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PAGES = ["/id/state/FRA", "/id/state/USA", "/id/document/A/C.1/73/L.37", "/graph/A/73/505", "/",
         "/static/yasgui.min.js", "/ontology", "/id/vote/first-committee/A/C.1/73/L.37/FRA"]


def named_queries() -> list[str]:
    """Every named query with its parameters bound (a draft of the sample, session 73; of alternatives, the
    first)."""
    paths = []
    for q in queries.catalogue().values():
        later = {p for group in q.choices for p in group[1:]}
        params = {p: "73" if q.types.get(p) == "integer" else
                  {"draft_a": "A/C.1/73/L.27/Rev.1", "draft_b": "A/C.1/73/L.37"}.get(p, "A/C.1/73/L.37")
                  for p in q.params if p not in later}
        paths.append("/sparql?" + urlencode({"query": queries.bound(q.name, params)}))
    return paths


def test_a_hundred_clients_at_once_are_all_answered(store: Store):
    requests = named_queries() + PAGES
    statuses: list[int] = []
    errors: list[str] = []
    with running(store) as server:
        start = threading.Barrier(CLIENTS)

        def client(i: int) -> None:
            start.wait()
            try:
                path = requests[i % len(requests)]
                headers = JSON if path.startswith("/sparql") else BROWSER
                statuses.append(fetch(server.url, "GET", path, headers=headers, timeout=60).status)
            except OSError as exc:
                errors.append(repr(exc))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    assert errors == [] and statuses == [200] * CLIENTS, (errors, sorted(set(statuses)))
