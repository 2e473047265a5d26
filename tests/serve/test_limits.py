"""The endpoint's limits and concurrency: a time limit and a result-size limit answered with 503 and a message,
never a hung connection; a slow query does not hold up the others; and ``unkg serve`` itself."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit

import pytest

from kg.store import Store

from .serve_support import Fetch, Response, fetcher, running

# about 1.3 s on the sample: a blocking COUNT over a cross product, which cannot stop half-way
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a ?t }"
# 83 million rows that stream out: the serialisation stops at the deadline
ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
FAST = "ASK { ?s ?p ?o }"


def get(fetch: Fetch, query: str) -> Response:
    return fetch("GET", "/sparql?" + urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"})


def timed(fetch: Fetch, query: str) -> tuple[Response, float]:
    start = time.monotonic()
    response = get(fetch, query)
    return response, time.monotonic() - start


def test_a_query_past_the_time_limit_gets_503_at_the_deadline(store: Store):
    with running(store, query_timeout=0.4) as server:
        response, took = timed(fetcher(server), SLOW)
        time.sleep(1.5)  # let the abandoned count end before the server stops
    assert response.status == 503
    assert "time limit of 0.4 s (setting query_timeout)" in response.text
    assert took < 1.2  # the count alone takes over a second: the answer came at the deadline


def test_a_streaming_query_stops_at_the_deadline(store: Store):
    with running(store, query_timeout=0.4, query_workers=1, result_limit=10**10) as server:
        fetch = fetcher(server)
        response, took = timed(fetch, ENDLESS)
        assert response.status == 503 and "query_timeout" in response.text and took < 1.2
        # the only worker is free again: the abandoned query did not go on (else this one would get 503, busy)
        after = get(fetch, FAST)
    assert after.status == 200, after.text


def test_a_result_past_the_size_limit_gets_503(store: Store):
    with running(store, result_limit=10_000) as server:
        fetch = fetcher(server)
        big = get(fetch, "SELECT * WHERE { ?s ?p ?o }")
        small = get(fetch, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert big.status == 503
    assert "larger than the limit of 10,000 bytes (setting result_limit)" in big.text
    assert small.status == 200


def test_a_slow_query_does_not_block_the_others(server, fetch: Fetch):
    slow: list[tuple[Response, float]] = []

    def run_slow() -> None:
        response = get(fetch, SLOW)
        slow.append((response, time.monotonic()))

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.1)
    start = time.monotonic()
    answers = [get(fetch, FAST).status for _ in range(10)] + [fetch("GET", "/id/state/FRA").status]
    done = time.monotonic()
    thread.join(60)
    [(response, slow_done)] = slow
    assert answers == [200] * 11 and done - start < 1.0
    assert done < slow_done, "the fast queries were answered while the slow one ran"
    assert response.status == 200 and int(re.search(rb'"value":"(\d+)"', response.body).group(1)) > 10**7


def test_while_every_worker_is_busy_a_query_waits_then_gets_503_with_retry_after(store: Store):
    with running(store, query_timeout=0.3, query_workers=1) as server:
        fetch = fetcher(server)
        thread = threading.Thread(target=lambda: get(fetch, SLOW))
        thread.start()
        time.sleep(0.05)
        response, took = timed(fetch, FAST)
        thread.join(30)
        time.sleep(1.2)  # the abandoned count ends
    assert response.status == 503 and "busy" in response.text and response.headers["Retry-After"] == "1"
    assert took < 1.0


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_unkg_serve_starts_answers_and_stops(tmp_path, stop: signal.Signals):
    """Ctrl-C or SIGTERM (as a service manager stops it) ends it cleanly, exit status 0, with no traceback, even
    with a client's keep-alive connection still open."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNKG_")}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", ":memory:", "--port", "0", "--quiet"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        assert "read-only" in line
        from urllib.request import Request, urlopen

        request = Request(url + "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
                          headers={"Accept": "application/sparql-results+json"})
        with urlopen(request, timeout=10) as response:
            assert response.read() == b'{"head":{},"boolean":false}'
        idle = http.client.HTTPConnection(urlsplit(url).hostname, urlsplit(url).port, timeout=10)
        idle.request("GET", "/sparql?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
        assert idle.getresponse().read() == b'{"head":{},"boolean":true}'  # and the connection stays open
    finally:
        process.send_signal(stop)
        assert process.wait(15) == 0
        assert "Traceback" not in process.stderr.read()
        process.stdout.close()
        process.stderr.close()
    refused = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", ":memory:", "--updates"],
                             capture_output=True, text=True, env=env, timeout=60)
    assert refused.returncode == 2 and "UNKG_UPDATE_TOKEN" in refused.stderr
