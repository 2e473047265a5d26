"""Helpers of the tests of ``unkg serve``: a server running in a thread, raw HTTP requests, the graphs of the
protocol cases."""

from __future__ import annotations

import functools
import http.client
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.serve.app import ServeConfig, Server, make_server
from kg.store import Store

TOKEN = "s3cret-token"
EX = "http://example.org/protocol/"
# The graphs of the W3C protocol cases: data1 and data2 as named graphs, data3 joins both on ?o.
W3C_GRAPHS = {
    EX + "data1": f'<{EX}alice> <http://xmlns.com/foaf/0.1/name> "Alice" .',
    EX + "data2": f'<{EX}bob> <http://xmlns.com/foaf/0.1/name> "Bob" .',
    EX + "data3": f'<{EX}a3> <http://xmlns.com/foaf/0.1/name> "Alice" .\n'
                  f'<{EX}b3> <http://xmlns.com/foaf/0.1/name> "Bob" .',
}


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()


Fetch = Callable[..., Response]


@contextmanager
def running(store: Store, **config: object) -> Iterator[Server]:
    """A server over ``store`` serving in a background thread until the block ends."""
    server = make_server(store, ServeConfig(log=False, **config), "127.0.0.1", 0)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def fetch(url: str, method: str, path: str, body: bytes | str | None = None, headers: dict[str, str] | None = None,
          timeout: float = 30) -> Response:
    """One HTTP request to the server at ``url`` on a connection of its own."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request(method, path, body.encode("utf-8") if isinstance(body, str) else body, headers or {})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def fetcher(server: Server) -> Fetch:
    """``fetch(method, path, body=None, headers=None)``: one raw HTTP request to the server."""
    return functools.partial(fetch, server.url)


def w3c_store() -> Store:
    """The protocol cases' graphs in a store of their own."""
    store = Store.open(None)
    for graph, triples in W3C_GRAPHS.items():
        store.replace_graph(graph, triples)
    return store
