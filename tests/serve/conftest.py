"""Servers for the tests of ``unkg serve``: each listens on a free loopback port, in a thread of the test
process, over a store of its own (the bundled sample, or the protocol cases' small graphs)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.build import build, sample_path
from kg.serve import Server
from kg.store import Store

from .serve_support import TOKEN, Fetch, fetcher, running, w3c_store


@pytest.fixture(scope="session")
def sample_store() -> Store:
    """The bundled sample in a store of the serve tests' own (tests must not change it)."""
    store = Store.open(None)
    [result] = build([sample_path()], store)
    assert result.status == "read", result.error
    return store


@pytest.fixture(scope="session")
def server(sample_store: Store) -> Iterator[Server]:
    """A read-only server over the sample with the default limits."""
    with running(sample_store) as s:
        yield s


@pytest.fixture(scope="session")
def fetch(server: Server) -> Fetch:
    return fetcher(server)


@pytest.fixture
def w3c() -> Iterator[Server]:
    """A server over the protocol cases' small graphs, with updates allowed for ``TOKEN`` (fresh each test)."""
    with running(w3c_store(), update_token=TOKEN) as s:
        yield s
