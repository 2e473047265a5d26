"""The endpoint's limits and concurrency: a time limit and a result-size limit answered with 503 and a message,
never a hung connection; a slow query does not hold up the others; and ``unkg serve`` itself.

No test measures time: a query is made slow on purpose (:func:`held`: its worker waits for an event before
evaluating it), threads are ordered with events, and a hang is bounded by ``pytest.mark.timeout``."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode, urlsplit

import pytest

from kg.serve.runner import QueryRunner
from kg.store import Store

from .serve_support import Fetch, Response, fetcher, running

# held in its worker by :func:`held` until the test releases it; then it counts the triples
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # held"
# 83 million rows that stream out: the serialisation stops at the deadline
ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
FAST = "ASK { ?s ?p ?o }"


def get(fetch: Fetch, query: str) -> Response:
    return fetch("GET", "/sparql?" + urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"})


@contextmanager
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """While the block runs, a worker given ``SLOW`` sets ``started`` and waits for ``release`` before it
    evaluates the query; ``release`` is set when the block ends, whatever happened."""
    started, release = threading.Event(), threading.Event()
    evaluate = QueryRunner._evaluate

    def slow(self: QueryRunner, job, deadline: float):  # type: ignore[no-untyped-def]
        if job.query == SLOW:
            started.set()
            release.wait(60)
        return evaluate(self, job, deadline)

    monkeypatch.setattr(QueryRunner, "_evaluate", slow)
    try:
        yield started, release
    finally:
        release.set()


@pytest.mark.timeout(30)
def test_a_query_past_the_time_limit_gets_503_at_the_deadline(store: Store, monkeypatch: pytest.MonkeyPatch):
    # the query is held until the test ends: without the deadline, the client would wait until the timeout
    with held(monkeypatch) as (started, _), running(store, query_timeout=0.4) as server:
        response = get(fetcher(server), SLOW)
        assert started.is_set()
    assert response.status == 503
    assert "time limit of 0.4 s (setting query_timeout)" in response.text


@pytest.mark.timeout(60)
def test_a_streaming_query_stops_at_the_deadline(store: Store):
    with running(store, query_timeout=0.4, query_workers=1, result_limit=10**10) as server:
        fetch = fetcher(server)
        response = get(fetch, ENDLESS)  # without the deadline in the buffer, 83 million rows: past the timeout
        assert response.status == 503 and "(setting query_timeout)" in response.text
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


@pytest.mark.timeout(60)
def test_a_slow_query_does_not_block_the_others(store: Store, monkeypatch: pytest.MonkeyPatch):
    slow: list[Response] = []
    with held(monkeypatch) as (started, release), running(store, query_timeout=20) as server:
        fetch = fetcher(server)
        thread = threading.Thread(target=lambda: slow.append(get(fetch, SLOW)))
        thread.start()
        assert started.wait(20)
        answers = [get(fetch, FAST).status for _ in range(10)] + [fetch("GET", "/id/state/FRA").status]
        assert answers == [200] * 11
        assert thread.is_alive() and not slow, "the fast queries were answered while the slow one was held"
        release.set()
        thread.join(30)
    [response] = slow
    assert response.status == 200 and int(re.search(rb'"value":"(\d+)"', response.body).group(1)) > 0


@pytest.mark.timeout(30)
def test_while_every_worker_is_busy_a_query_waits_then_gets_503_with_retry_after(store: Store,
                                                                                 monkeypatch: pytest.MonkeyPatch):
    with held(monkeypatch) as (started, release), running(store, query_timeout=0.3, query_workers=1) as server:
        fetch = fetcher(server)
        thread = threading.Thread(target=lambda: get(fetch, SLOW))
        thread.start()
        assert started.wait(20)  # the only worker holds the slow query
        response = get(fetch, FAST)
        release.set()
        thread.join(30)
    assert response.status == 503 and "busy" in response.text and response.headers["Retry-After"] == "1"


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
