"""Servers for the tests of ``unkg serve``: each listens on a free loopback port, in a thread of the test
process, over the bundled sample (the session's ``store``) or the protocol cases' small graphs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.serve.app import Server
from kg.store import Store

from .serve_support import TOKEN, Fetch, fetcher, running, w3c_store


@pytest.fixture(scope="session")
def server(store: Store) -> Iterator[Server]:
    """A read-only server over the sample with the default limits."""
    with running(store) as s:
        yield s


@pytest.fixture(scope="session")
def fetch(server: Server) -> Fetch:
    return fetcher(server)


@pytest.fixture
def w3c() -> Iterator[Server]:
    """A server over the protocol cases' small graphs, with updates allowed for ``TOKEN`` (fresh each test)."""
    with running(w3c_store(), update_token=TOKEN) as s:
        yield s
