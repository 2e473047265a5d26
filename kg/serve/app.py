"""``unkg serve``: the graph over HTTP, as a SPARQL 1.1 endpoint and as linked data: the server's state
(:class:`App`), the routes, and the HTTP server that runs them.

Routes, one module each (their docstrings give the rules):

- ``/sparql``: the SPARQL 1.1 Protocol and the service description (``kg.serve.sparql``);
- ``/store``: the SPARQL 1.1 Graph Store HTTP Protocol (``kg.serve.graph_store``);
- ``/`` and ``/static/…``: the query page and its files (``kg.serve.static``);
- ``/.well-known/void`` and every IRI under the base (``/id/…``, ``/graph/…``, ``/ontology``, ``/dataset``):
  linked data (``kg.serve.resources``).

Every answer the application gives carries ``Access-Control-Allow-Origin: *`` (errors too), and ``OPTIONS``
answers CORS preflights, so a browser client on another origin can query. A method a route does not take gets
405 with ``Allow``; an exception in a route gets 500 and its traceback in the log, never a dropped connection.
What is unkg's own stays in this package: the query runner with its deadline and its worker pools
(``kg.serve.runner``), the query-safety checks (``kg.serve.safety``), content negotiation
(``kg.serve.negotiation``), the rule of updates (``kg.serve.sparql.refused_write``).

Why Starlette on uvicorn: the endpoint needs an HTTP/1.1 server that parses requests itself and holds up under
hundreds of clients, bounds what a client can make it read, and stops cleanly on Ctrl-C and SIGTERM; the
standard library's ``http.server`` says of itself that it is not for production, and unkg parsed chunked
bodies, ``Content-Length`` and ``Expect: 100-continue`` by hand on top of it. uvicorn (with h11, a strict
parser of HTTP/1.1 that buffers at most ``MAX_HEADER_BYTES`` of an unfinished request head) answers a
malformed request line or header with 400 and goes on serving (an address or headers that arrive whole but
pass the limits get 414 or 431 from :func:`_check_size`), reads bodies (chunked
or not) and sends ``100 Continue`` only when the application asks for the body, closes idle keep-alive
connections, and on SIGINT or SIGTERM stops taking connections, lets the requests under way finish (at most
``SHUTDOWN_SECONDS``) and returns. An async server suits the work: a request waits for its query in the event
loop, not in a thread of its own, so 300 clients cost 300 small tasks, while the queries run in the runner's
pools of threads (Oxigraph releases the GIL). Starlette gives the routing and the request and response types,
and nothing that would take over the rules above. Werkzeug on waitress was the other candidate: a thread per
request again, and no way for a request to wait for its deadline without holding one. TLS and HTTP/2 are left
to a reverse proxy, as before.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import sys
import threading
import traceback
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from importlib.resources import files

import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from kg import queries
from kg.errors import UnkgError
from kg.publish import docs, void
from kg.rdf.iris import Minter
from kg.rdf.namespace import UNKG
from kg.serve import config as limits
from kg.serve import examples, graph_store, linked_data, pages, resources, sparql, static
from kg.serve.cache import PageCache
from kg.serve.config import ServeConfig
from kg.serve.negotiation import GRAPH_OFFERS, RESULT_OFFERS, Offer, negotiate
from kg.serve.request import Call
from kg.serve.runner import Answer, QueryRunner, Refuse, Workers, text
from kg.serve.safety import federated, keywords, too_complex
from kg.store import Store

__all__ = ["ServeConfig", "Server", "App", "QueryRunner", "Offer", "RESULT_OFFERS", "GRAPH_OFFERS", "negotiate",
           "keywords", "federated", "too_complex", "make_server", "serve", "SHUTDOWN_SECONDS"]

SHUTDOWN_SECONDS = 5  # how long requests under way may take to finish once the server is told to stop


def _ontology_store() -> Store:
    store = Store.open(None)
    turtle = files("kg.ontology").joinpath("unkg.ttl").read_bytes()
    ntriples = ox.serialize(ox.parse(turtle, ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES) or b""
    store.replace_graph(str(UNKG._NS).rstrip("#"), ntriples.decode("utf-8"))
    return store


class App:
    """Everything a request needs: the store, the query runner, the pages and the cached dataset figures."""

    def __init__(self, store: Store, config: ServeConfig, authority: str = "127.0.0.1:8000"):
        self.store, self.config, self.authority = store, config, authority
        self.base = config.base_iri if config.base_iri.endswith("/") else config.base_iri + "/"
        self.runner = QueryRunner(store, config)
        self.static = static.files_by_name()
        self._catalogue = list(queries.catalogue().values())
        self._query_page: bytes | None = None
        self.pages = PageCache()  # entity pages rendered, for the store's version they were read at
        self.ontology_iri = str(UNKG._NS).rstrip("#")
        self.ontology = _ontology_store()
        self.ontology_page = docs.render({label: f"?format={fmt}" for fmt, label, _ in pages.DATA_FORMATS},
                                         stylesheet="/static/unkg.css", nav=pages.NAV).encode("utf-8")
        self.dataset_iri = str(Minter(self.base).dataset())
        self._sizes: list[tuple[str, int]] | None = None
        self._void: Future[list[ox.Triple]] | None = None
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unkg-void")
        self._writer = Workers(1, "unkg-update")  # one update at a time, on a worker's stack
        self._void_lock = threading.Lock()
        self._examples = self._background.submit(  # before VoID: the query page is asked for first
            lambda: (examples.example_values(store, self._catalogue), examples.state_names(store)))

    async def query_page(self) -> bytes:
        """The query page with the examples bound to values the store holds, once they are found (with
        placeholders until then, at most ``query_timeout`` after the server started)."""
        if self._query_page is not None:
            return self._query_page
        try:
            values, states = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(self._examples)),
                                                    self.config.query_timeout)
        except Exception:  # noqa: BLE001 - not found in time, or failed: the placeholders, which still teach
            return pages.query_page(self._catalogue, self.base).encode("utf-8")
        self._query_page = pages.query_page(self._catalogue, self.base, values, states).encode("utf-8")
        return self._query_page

    async def void_triples(self) -> list[ox.Triple] | None:
        """The dataset's VoID description (``kg.publish.void``, without the endpoint's address), or None while it
        is still being computed after the time limit: on the whole plenary history it takes tens of seconds, so
        it is computed once, in the background, and again after each update made through this server."""
        with self._void_lock:
            if self._void is None:
                self._void = self._background.submit(
                    lambda: void.triples(void.describe(self.store, base=self.base)))
            future = self._void
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.config.query_timeout)
        except TimeoutError:
            return None
        except Exception:
            with self._void_lock:  # computed again at the next request
                self._void = None
            raise

    def graph_sizes(self) -> list[tuple[str, int]]:
        """Each graph's size, counted once and again after each update made through this server."""
        if self._sizes is None:
            self._sizes = linked_data.graph_sizes(self.store)
        return self._sizes

    async def update(self, update: str, base_iri: str) -> Answer:
        """Apply an update, to completion, after the ones before it (a large INSERT DATA is not too complex:
        only the nesting is limited)."""
        problem = too_complex(update, max_tokens=None)
        if problem is not None:
            return text(400, f"the update is too complex to apply safely: {problem}")
        return await asyncio.wrap_future(self._writer.submit(lambda: self._apply(update, base_iri)))

    async def write_graph(self, method: str, graph: str | None, ntriples: str) -> Answer:
        """PUT (replace), POST (add to) or DELETE (drop) ``graph`` (None: the default graph), as one SPARQL
        Update applied after the writes before it: 201 when it creates the graph, 204 when it changes one, 404
        to drop a graph the store does not hold. The update is built here from N-Triples (flat, no nesting to
        check) and whether the graph exists is asked in the writer, so that two writes cannot both create it."""
        return await asyncio.wrap_future(self._writer.submit(lambda: self._write_graph(method, graph, ntriples)))

    def _write_graph(self, method: str, graph: str | None, ntriples: str) -> Answer:
        exists = graph is None or graph in self.store.graphs()
        target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
        if method == "DELETE":
            if not exists:
                return text(404, f"the store holds no graph {graph}")
            steps = [f"DROP {target}"]
        else:
            steps = [f"DROP SILENT {target}"] if method == "PUT" else []
            if graph is not None:
                steps.append(f"CREATE SILENT GRAPH <{graph}>")  # so that an empty graph PUT is kept
            steps.append(f"INSERT DATA {{ {ntriples} }}" if graph is None
                         else f"INSERT DATA {{ GRAPH <{graph}> {{ {ntriples} }} }}")
        answer = self._apply(" ;\n".join(steps), self.base)
        if answer.status != 200:
            return answer
        return Answer(204) if exists else Answer(201)

    def _apply(self, update: str, base_iri: str) -> Answer:
        try:
            self.store.update(update, base_iri=base_iri)
        except SyntaxError as exc:
            return text(400, f"SPARQL Update syntax error: {exc}")
        except OSError as exc:
            return text(500, f"the update failed: {exc}")
        except (RuntimeError, ValueError) as exc:  # the update itself is wrong, e.g. CLEAR of a missing graph
            return text(400, f"the update failed: {exc}")
        finally:
            self._sizes = None
            with self._void_lock:
                self._void = None
        return text(200, "update applied")

    def close(self) -> None:
        self.runner.close()
        self._writer.close()
        self._background.shutdown(wait=False, cancel_futures=True)



# ------------------------------------------------------------------------------------------------- the routes

Handler = Callable[[Call], Awaitable[Answer]]
_CORS = (("Access-Control-Allow-Origin", "*"),)
_READ = "GET, HEAD, OPTIONS"


def _response(answer: Answer) -> Response:
    """The HTTP response of an answer, with CORS; no body for 204 and 304 (nor for HEAD: the server drops it)."""
    bodiless = answer.status in (204, 304)
    response = Response(b"" if bodiless else answer.body, answer.status,
                        media_type=None if bodiless else answer.content_type)
    for key, value in _CORS + answer.headers:
        response.headers.append(key, value)
    return response


def _check_size(scope: Scope) -> None:
    """414 for an address, 431 for headers, over what a client that is not an attack sends (the parser bounds
    what it buffers, but takes a request whose headers arrive whole at once, whatever their size)."""
    target = len(scope.get("raw_path", b"")) + len(scope.get("query_string", b""))
    if target > limits.MAX_HEADER_BYTES:
        raise Refuse(text(414, f"the address is longer than {limits.MAX_HEADER_BYTES:,} bytes: send a long query by "
                               "POST", ("Connection", "close")))
    headers = scope.get("headers", [])
    if len(headers) > limits.MAX_HEADERS or sum(len(k) + len(v) + 4 for k, v in headers) > limits.MAX_HEADER_BYTES:
        raise Refuse(text(431, f"the request has more than {limits.MAX_HEADERS} headers or more than "
                               f"{limits.MAX_HEADER_BYTES:,} bytes of them", ("Connection", "close")))


class _Endpoint:
    """An ASGI endpoint that answers ``allowed`` methods with ``handler``, OPTIONS with a CORS preflight, any
    other method with 405, a :class:`Refuse` with its answer and an exception with 500 (and its traceback
    logged). An ASGI application rather than a function, so that Starlette hands it every method."""

    def __init__(self, app: App, handler: Handler, allowed: str):
        self.app, self.handler, self.allowed = app, handler, allowed
        self.methods = {m.strip() for m in allowed.split(",")}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.answer(Request(scope, receive))
        await response(scope, receive, send)

    async def answer(self, request: Request) -> Response:
        app, handler, allowed, methods = self.app, self.handler, self.allowed, self.methods
        try:
            _check_size(request.scope)
            call = Call(request, app)
            if call.method == "OPTIONS":
                await call.body()
                answer = Answer(204, headers=(
                    ("Access-Control-Allow-Methods", allowed),
                    ("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization"),
                    ("Access-Control-Max-Age", "86400"), ("Allow", allowed)))
            elif call.method in methods:
                answer = await handler(call)
            else:
                await call.body()
                where = " at /store" if allowed == graph_store.ALLOWED else "; use GET or POST"
                answer = text(405, f"{call.method} is not allowed{where}", ("Allow", allowed))
        except Refuse as refused:
            answer = refused.answer
        except Exception:  # noqa: BLE001 - a request never takes the server down, and always gets an answer
            traceback.print_exc(file=sys.stderr)
            answer = text(500, "internal error: see the server's log", ("Connection", "close"))
        return _response(answer)


def asgi(app: App) -> Starlette:
    """The ASGI application: one route per family, every method handed to the route (which says 405 itself)."""
    def route(path: str, handler: Handler, allowed: str) -> Route:
        return Route(path, _Endpoint(app, handler, allowed))

    return Starlette(routes=[
        route("/sparql", sparql.endpoint, sparql.ALLOWED),
        route("/sparql/", sparql.endpoint, sparql.ALLOWED),
        route("/store", graph_store.endpoint, graph_store.ALLOWED),
        route("/", static.query_page, _READ),
        route("/static/{name:path}", static.asset, _READ),
        route("/.well-known/void", resources.void, _READ),
        route("/{path:path}", resources.endpoint, _READ),
    ])


# ------------------------------------------------------------------------------------------------- the server

class Server:
    """uvicorn serving the routes over one store, on a socket bound when it is made (so ``url`` is known before
    it serves); ``app`` is its state. ``serve_forever`` runs it (in any thread), ``shutdown`` asks it to stop
    and waits, ``server_close`` frees the socket and the workers."""

    def __init__(self, address: tuple[str, int], store: Store, config: ServeConfig):
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        # IPPROTO_TCP named, not left 0: asyncio turns Nagle's algorithm off on the connections of such a socket
        # only, and with it on, a response's body waits for the ACK of its headers (40 ms of delayed ACK)
        self.socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.socket.bind(address)
            self.socket.listen(1024)  # hundreds of clients may connect at once
        except OSError:
            self.socket.close()
            raise
        self.server_address = self.socket.getsockname()[:2]
        self.app = App(store, config, self.authority)
        self.uvicorn = uvicorn.Server(uvicorn.Config(
            asgi(self.app), http="h11", h11_max_incomplete_event_size=limits.MAX_HEADER_BYTES, lifespan="off",
            timeout_keep_alive=limits.KEEP_ALIVE, timeout_graceful_shutdown=SHUTDOWN_SECONDS, log_config=None,
            access_log=config.log, server_header=False, backlog=1024))
        self._stopped = threading.Event()

    @property
    def authority(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    @property
    def url(self) -> str:
        return f"http://{self.authority}"

    def serve_forever(self, poll_interval: float | None = None) -> None:  # noqa: ARG002 - socketserver's signature
        """Serve until :meth:`shutdown`, or SIGINT or SIGTERM when run in the main thread."""
        self._stopped.clear()
        try:
            self.uvicorn.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        self.uvicorn.should_exit = True
        self._stopped.wait(SHUTDOWN_SECONDS + 5)

    def server_close(self) -> None:
        self.socket.close()
        self.app.close()


def make_server(store: Store, config: ServeConfig, host: str = "127.0.0.1", port: int = 8000) -> Server:
    """A server bound to ``host``:``port`` (port 0: a free one), not yet serving: call ``serve_forever``."""
    try:
        return Server((host, port), store, config)
    except OSError as exc:
        raise UnkgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(store: Store, config: ServeConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM): requests under way are finished, then the store is flushed."""
    server = make_server(store, config, host, port)
    print(f"unkg serve: {server.url}/ (SPARQL endpoint {server.url}/sparql; entities under {config.base_iri}id/ "
          f"served at {server.url}/id/); {'updates allowed with the token' if config.update_token else 'read-only'}; "
          "Ctrl-C stops", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"unkg serve: listening on {host}, reachable from other machines", file=sys.stderr, flush=True)
    log = logging.StreamHandler(sys.stderr)
    log.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    for name in ("uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.addHandler(log)
        logger.setLevel(logging.INFO if config.log else logging.WARNING)
        logger.propagate = False
    previous = signal.signal(signal.SIGTERM, _interrupt)  # uvicorn raises the signal again once it has stopped
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        if config.update_token is not None:  # a read-only server wrote nothing (its store may be a read-only view)
            store.flush()
