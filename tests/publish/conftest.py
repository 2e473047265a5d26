"""The two triple stores of the push tests, each started once per session on a free loopback port and stopped
at the end (see ``publish_support``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .publish_support import Endpoints, oxigraph, virtuoso


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoints]:
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as endpoints:
        yield endpoints


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoints]:
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as endpoints:
        yield endpoints
