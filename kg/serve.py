"""``unkg serve``: the graph over HTTP, as a SPARQL 1.1 endpoint and as linked data.

Routes:

- ``/sparql``: the SPARQL 1.1 Protocol. Queries by GET, by POST form (``application/x-www-form-urlencoded``)
  and by POST direct (``application/sparql-query``); SELECT and ASK answered as SPARQL JSON, XML, CSV or
  TSV, CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by ``Accept`` or by a
  ``format`` parameter (``json``, ``xml``, ``csv``, ``tsv``, ``ttl``, ``nt``, ``jsonld``, ``rdfxml`` or a
  media type), serialised by pyoxigraph's own serialisers. ``default-graph-uri`` and ``named-graph-uri``
  set the dataset; without them, and without FROM in the query, the default graph is the union of all
  graphs. A GET with no query gives the SPARQL service description. Updates (POST ``update=`` or
  ``application/sparql-update``) are refused with 403 unless the server was started with updates enabled
  and the request carries ``Authorization: Bearer <update_token>``.
- ``/``: the query page (YASGUI, bundled in ``kg/web/static``) with the named queries as examples.
- every IRI under the base IRI (setting ``base_iri``): ``/id/state/FRA`` is ``<base>id/state/FRA``, as an
  HTML page or as Turtle, JSON-LD, N-Triples or RDF/XML; a named graph's IRI gives its content; the
  ontology's IRI gives the ontology.
- ``/.well-known/void``: the VoID and DCAT description of the dataset (``kg.rdf.void``), also served at the
  dataset's own IRI (``<base>dataset``) and at the IRIs of its parts.

Every answer carries ``Access-Control-Allow-Origin: *`` and ``OPTIONS`` answers CORS preflights, so a
browser client on another origin can query. Federated queries (``SERVICE``) are refused: Oxigraph would
otherwise fetch any address the query names, from the server's network.

Why the standard library's ``ThreadingHTTPServer``: the work is in Oxigraph, which releases the GIL while
it evaluates, so plain threads serve queries in parallel on every core; a thread per connection suits
blocking pyoxigraph calls, whereas an async framework would hand each of them to a thread pool anyway. It
adds no dependency, speaks HTTP/1.1 with keep-alive, and the protocol's few rules (negotiation, forms,
CORS) fit in this module. Its limits (no TLS, no HTTP/2) are those of a loopback or behind-a-proxy service,
which is what ``unkg serve`` is.

Why a time limit by abandoning a thread, not by killing a process: pyoxigraph cannot interrupt a query
from Python. A process pool could kill one, but an in-memory store cannot be shared with another process,
an on-disk store can be opened for writing by one process only (others would see a stale secondary copy),
and every result would cross a pipe once more, which costs more than the HTTP overhead this server is
measured against. So each query runs in a pool of ``query_workers`` threads with a deadline of
``query_timeout`` seconds, counted from its arrival: at the deadline the client gets 503 with a message,
whatever the worker is doing. The result is serialised into a buffer that checks the deadline and the size
limit (``result_limit`` bytes) on every write, so a query whose answer streams (most of them) stops at the
deadline; one that must finish a blocking step first (ORDER BY, GROUP BY) runs that step to its end in its
worker, and its answer is dropped. While all workers are taken, new queries wait, and one still waiting
at its deadline gets 503 with ``Retry-After``. Updates run one at a time, to completion: a write is not
abandoned halfway.

Status codes: 400 for a malformed request or a syntax error (with the parser's message); 403 for an update
without updates enabled or without the right token; 404 for an IRI the graph does not hold; 405 for a
method other than GET, HEAD, POST or OPTIONS; 406 when no acceptable format exists; 413 for a body over
10 MB; 415 for a POST body of another media type or charset;
503 when a query passes the time limit or its result the size limit (the message names the setting), or
when every worker stays busy until the deadline.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import IO, cast
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox
from rdflib.namespace import VOID

from kg import queries, settings
from kg.errors import UnkgError
from kg.rdf import void
from kg.rdf.iris import Minter
from kg.rdf.namespace import UNKG
from kg.store import Store
from kg.web import linked_data, pages

__all__ = ["ServeConfig", "Server", "App", "QueryRunner", "Offer", "RESULT_OFFERS", "GRAPH_OFFERS", "negotiate",
           "keywords", "make_server", "serve"]

MAX_BODY = 10 * 1024 * 1024  # bytes of a POSTed query or update
INCOMING_SHOWN = 1000  # facts pointing at an entity that its page lists


@dataclass(frozen=True)
class ServeConfig:
    """What a server needs besides its store; :meth:`from_settings` reads the settings table."""

    base_iri: str = "https://w3id.org/unkg/"
    query_timeout: float = 30.0
    result_limit: int = 100_000_000
    query_workers: int = 4
    update_token: str | None = None  # None: updates are refused
    log: bool = True

    @classmethod
    def from_settings(cls, *, updates: bool = False, log: bool = True) -> ServeConfig:
        token = settings.get("update_token")
        if updates and not token:
            raise UnkgError("--updates needs a token: set UNKG_UPDATE_TOKEN (setting update_token)")
        try:
            return cls(settings.get("base_iri"), float(settings.get("query_timeout")),
                       int(settings.get("result_limit")), int(settings.get("query_workers")),
                       token if updates else None, log)
        except ValueError as exc:
            raise UnkgError(f"a setting of unkg serve is not a number: {exc}") from exc


# ---------------------------------------------------------------------------------------------- negotiation

@dataclass(frozen=True)
class Offer:
    """One representation: the Content-Type sent, the serialiser (None: HTML), the media types in ``Accept``
    that choose it and the values of the ``format`` parameter that do."""

    media_type: str
    format: ox.QueryResultsFormat | ox.RdfFormat | None
    accepts: tuple[str, ...]
    names: tuple[str, ...]


RESULT_OFFERS = (
    Offer("application/sparql-results+json", ox.QueryResultsFormat.JSON,
          ("application/sparql-results+json", "application/json", "text/javascript", "application/javascript"),
          ("json", "srj")),
    Offer("application/sparql-results+xml", ox.QueryResultsFormat.XML,
          ("application/sparql-results+xml", "application/xml", "text/xml"), ("xml", "srx")),
    Offer("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV, ("text/csv",), ("csv",)),
    Offer("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV, ("text/tab-separated-values",),
          ("tsv",)),
)
GRAPH_OFFERS = (
    Offer("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE,
          ("text/turtle", "application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3"),
          ("ttl", "turtle", "n3")),
    Offer("application/n-triples", ox.RdfFormat.N_TRIPLES, ("application/n-triples",), ("nt", "ntriples", "n-triples")),
    Offer("application/ld+json", ox.RdfFormat.JSON_LD, ("application/ld+json", "application/x-json+ld",
                                                        "application/json"), ("jsonld", "json-ld", "json")),
    Offer("application/rdf+xml", ox.RdfFormat.RDF_XML, ("application/rdf+xml", "application/xml", "text/xml"),
          ("rdfxml", "rdf+xml", "rdf", "xml")),
)
HTML = Offer("text/html; charset=utf-8", None, ("text/html", "application/xhtml+xml"), ("html",))


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        media_type, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type:
            out.append(("*/*" if media_type == "*" else media_type.lower(), quality))
    return out


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q-value that the most specific matching range of ``Accept`` gives ``media_type`` (0 if none)."""
    best, specificity = 0.0, 0
    for candidate, quality in ranges:
        rank = 3 if candidate == media_type else 2 if candidate == media_type.split("/")[0] + "/*" else (
            1 if candidate == "*/*" else 0)
        if rank > specificity or (rank == specificity and rank and quality > best):
            best, specificity = quality, rank
    return best


def negotiate(offers: tuple[Offer, ...], accept: str | None, formats: list[str]) -> Offer | None:
    """The representation to send: the first ``format`` value that names an offer, else the offer that
    ``Accept`` rates highest (ties go to the earlier offer), else None (nothing acceptable).

    >>> negotiate(RESULT_OFFERS, "text/csv;q=0.5, application/sparql-results+xml", []).media_type
    'application/sparql-results+xml'
    >>> negotiate(GRAPH_OFFERS, "text/html", ["ttl"]).media_type, negotiate(GRAPH_OFFERS, "text/html", [])
    ('text/turtle; charset=utf-8', None)
    """
    for value in formats:
        value = value.strip().lower()
        for offer in offers:
            if value in offer.names or value in offer.accepts:
                return offer
    if formats:
        return None
    if not accept:
        return offers[0]
    ranges = _ranges(accept)
    rated = [(max(_quality(t, ranges) for t in offer.accepts), -i, offer) for i, offer in enumerate(offers)]
    quality, _, offer = max(rated, key=lambda r: (r[0], r[1]))
    return offer if quality > 0 else None


def _rdf_bytes(triples: Iterable[ox.Triple], offer: Offer) -> bytes:
    """Triples in the offer's RDF format, with the usual prefixes where the format has them."""
    fmt = offer.format if isinstance(offer.format, ox.RdfFormat) else ox.RdfFormat.TURTLE
    data = ox.serialize(triples, format=fmt, prefixes=linked_data.PREFIXES)
    assert data is not None
    return data


def _names(offers: tuple[Offer, ...]) -> str:
    return ", ".join(f"{o.media_type.split(';')[0]} (format={o.names[0]})" for o in offers)


# ------------------------------------------------------------------------------------------------- answers

@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


def _text(status: int, message: str, *headers: tuple[str, str]) -> Answer:
    return Answer(status, (message + "\n").encode("utf-8"), headers=headers)


class _Stop(Exception):
    """Raised from inside a serialiser to end it with ``answer`` (the deadline or the size limit passed)."""

    def __init__(self, answer: Answer):
        super().__init__(answer.body.decode("utf-8"))
        self.answer = answer


class _Sink:
    """A write-only buffer for pyoxigraph's serialisers that stops them at the size limit or the deadline."""

    def __init__(self, limit: int, deadline: float, timeout_answer: Answer):
        self.parts: list[bytes] = []
        self.size = 0
        self.limit, self.deadline, self.timeout_answer = limit, deadline, timeout_answer
        self.stopped: Answer | None = None

    def write(self, data: bytes) -> int:
        if time.monotonic() > self.deadline:
            self.stopped = self.timeout_answer
        elif self.size + len(data) > self.limit:
            self.stopped = _text(503, f"the result is larger than the limit of {self.limit:,} bytes (setting "
                                      "result_limit): ask for less, for example with LIMIT")
        if self.stopped is not None:
            raise _Stop(self.stopped)
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the buffer is read whole when the serialiser is done."""

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


_SKIPPED = re.compile(r"""<[^<>"{}|^`\\\x00-\x20]*>|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
                      r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*""", re.S)
_WORD = re.compile(r"[?$]?[\w:.\-]+")


def keywords(query: str) -> set[str]:
    """The bare words of a query, upper-cased, leaving out IRIs, strings, comments, variables and prefixed names.

    >>> sorted(keywords('SELECT ?service WHERE { ?s ex:from "SERVICE" . # FROM\\n <http://x/FROM> a 1 }'))
    ['1', 'A', 'SELECT', 'WHERE']
    """
    words = _WORD.findall(_SKIPPED.sub(" ", query))
    return {w.strip(".").upper() for w in words if w[0] not in "?$" and ":" not in w} - {""}


@dataclass
class _Job:
    query: str
    base_iri: str
    dataset: tuple[list[str], list[str]] | None
    accept: str | None
    formats: list[str]
    deadline: float
    started: bool = field(default=False)


class QueryRunner:
    """Evaluates queries in a pool of worker threads, each with a deadline and a result-size limit."""

    def __init__(self, store: Store, config: ServeConfig):
        self.store, self.config = store, config
        self._pool = ThreadPoolExecutor(max_workers=config.query_workers, thread_name_prefix="unkg-query")
        self._timeout_answer = _text(503, f"the query took longer than the time limit of {config.query_timeout:g} s "
                                          "(setting query_timeout)")

    def run(self, query: str, *, base_iri: str, dataset: tuple[list[str], list[str]] | None, accept: str | None,
            formats: list[str]) -> Answer:
        job = _Job(query, base_iri, dataset, accept, formats, time.monotonic() + self.config.query_timeout)
        future = self._pool.submit(self._evaluate, job)
        try:
            return future.result(timeout=max(0.0, job.deadline - time.monotonic()))
        except FutureTimeout:
            if not job.started:
                future.cancel()
                return _text(503, f"the endpoint is busy: all {self.config.query_workers} query workers stayed "
                                  f"taken for the time limit of {self.config.query_timeout:g} s; try again later",
                             ("Retry-After", str(max(1, round(self.config.query_timeout)))))
            return self._timeout_answer

    def _evaluate(self, job: _Job) -> Answer:
        job.started = True
        if time.monotonic() >= job.deadline:
            return self._timeout_answer
        sink = _Sink(self.config.result_limit, job.deadline, self._timeout_answer)
        try:
            words = keywords(job.query)
            if "SERVICE" in words:
                return _text(400, "federated queries (SERVICE) are not allowed on this endpoint")
            default, named = job.dataset if job.dataset is not None else (None, None)
            result = self.store.query(job.query, base_iri=job.base_iri, union="FROM" not in words,
                                      default_graph=default, named_graphs=named)
            offers = GRAPH_OFFERS if isinstance(result, ox.QueryTriples) else RESULT_OFFERS
            offer = negotiate(offers, job.accept, job.formats)
            if offer is None:
                return _text(406, f"no acceptable format for this query's result; available: {_names(offers)}")
            if isinstance(result, ox.QueryTriples):
                assert isinstance(offer.format, ox.RdfFormat)
                ox.serialize(result, cast(IO[bytes], sink), offer.format, prefixes=linked_data.PREFIXES)
            else:
                assert isinstance(offer.format, ox.QueryResultsFormat)
                result.serialize(cast(IO[bytes], sink), offer.format)
        except SyntaxError as exc:
            return _text(400, f"SPARQL syntax error: {exc}")
        except Exception as exc:  # noqa: BLE001 - a worker always answers: a stop, or the engine's error
            if sink.stopped is not None:
                return sink.stopped
            return _text(500, f"the query failed: {exc}")
        return Answer(200, sink.getvalue(), offer.media_type)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# ------------------------------------------------------------------------------------------------- the app

class _Refuse(Exception):
    def __init__(self, answer: Answer):
        super().__init__(answer.status)
        self.answer = answer


def _static_files() -> dict[str, tuple[bytes, str, str]]:
    """The query page's assets by name: content, media type, ETag."""
    types = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
    out = {}
    for entry in files("kg.web").joinpath("static").iterdir():
        suffix = entry.name[entry.name.rfind("."):]
        if suffix in types:
            data = entry.read_bytes()
            out[entry.name] = (data, types[suffix], '"' + hashlib.sha256(data).hexdigest()[:20] + '"')
    return out


def _ontology_store() -> Store:
    store = Store.open(None)
    turtle = files("kg.ontology").joinpath("unkg.ttl").read_bytes()
    ntriples = ox.serialize(ox.parse(turtle, ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES) or b""
    store.replace_graph(str(UNKG._NS).rstrip("#"), ntriples.decode("utf-8"))
    return store


class App:
    """Everything a request needs: the store, the query runner, the pages and the cached dataset figures."""

    def __init__(self, store: Store, config: ServeConfig):
        self.store, self.config = store, config
        self.base = config.base_iri if config.base_iri.endswith("/") else config.base_iri + "/"
        self.runner = QueryRunner(store, config)
        self.static = _static_files()
        self.query_page = pages.query_page(list(queries.catalogue().values()), self.base).encode("utf-8")
        self.ontology_iri = str(UNKG._NS).rstrip("#")
        self.ontology = _ontology_store()
        self.dataset_iri = str(Minter(self.base).dataset())
        self._sizes: list[tuple[str, int]] | None = None
        self._void: Future[list[ox.Triple]] | None = None
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unkg-void")
        self._write_lock = threading.Lock()
        self._void_lock = threading.Lock()

    def void_triples(self) -> list[ox.Triple] | None:
        """The dataset's VoID description (``kg.rdf.void``, without the endpoint's address), or None while it
        is still being computed after the time limit: on the whole plenary history it takes tens of seconds, so
        it is computed once, in the background, and again after each update made through this server."""
        with self._void_lock:
            if self._void is None:
                self._void = self._background.submit(
                    lambda: void.triples(void.describe(self.store, base=self.base)))
            future = self._void
        try:
            return future.result(timeout=self.config.query_timeout)
        except FutureTimeout:
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

    def update(self, text: str, base_iri: str) -> Answer:
        with self._write_lock:
            try:
                self.store.update(text, base_iri=base_iri)
            except SyntaxError as exc:
                return _text(400, f"SPARQL Update syntax error: {exc}")
            except OSError as exc:
                return _text(500, f"the update failed: {exc}")
            except (RuntimeError, ValueError) as exc:  # the update itself is wrong, e.g. CLEAR of a missing graph
                return _text(400, f"the update failed: {exc}")
            finally:
                self._sizes = None
                with self._void_lock:
                    self._void = None
        return _text(200, "update applied")

    def close(self) -> None:
        self.runner.close()
        self._background.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------------------------- the handler

_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$")
_CORS = (("Access-Control-Allow-Origin", "*"),)
_VARY = (("Vary", "Accept"),)


class _Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    server_version = "unkg"
    timeout = 60  # an idle keep-alive connection is closed after a minute
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart (Nagle + delayed ACK)

    # -- plumbing

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        if self.server.app.config.log:
            super().log_message(format, *args)

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        bodiless = answer.status in (204, 304)
        if not bodiless:
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
        for key, value in _CORS + answer.headers:
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD" and not bodiless:
            self.wfile.write(answer.body)

    def _guard(self, handler: Callable[[], Answer]) -> None:
        try:
            answer = handler()
        except _Refuse as refused:
            answer = refused.answer
        except Exception:  # noqa: BLE001 - a request never takes the server down, and always gets an answer
            traceback.print_exc(file=sys.stderr)
            answer = _text(500, "internal error: see the server's log")
        self._send(answer)

    @property
    def app(self) -> App:
        return self.server.app

    def _server_url(self) -> str:
        host = self.headers.get("Host", "")
        if not _HOST.match(host):
            host = self.server.authority
        return f"http://{host}"

    def _url(self) -> tuple[str, dict[str, list[str]]]:
        url = urlsplit(self.path)
        return unquote(url.path), parse_qs(url.query, keep_blank_values=True)

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._chunked()
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            self.close_connection = True
            raise _Refuse(_text(400, "Content-Length is not a number")) from None
        if length > MAX_BODY:
            self.close_connection = True
            raise _Refuse(_text(413, f"the request body is larger than {MAX_BODY:,} bytes"))
        return self.rfile.read(length) if length > 0 else b""

    def _chunked(self) -> bytes:
        parts: list[bytes] = []
        size = 0
        while True:
            line = self.rfile.readline(100)
            try:
                n = int(line.split(b";")[0].strip() or b"0", 16)
            except ValueError:
                self.close_connection = True
                raise _Refuse(_text(400, "malformed chunked body")) from None
            if n == 0:
                while self.rfile.readline(1000).strip():  # trailers
                    pass
                return b"".join(parts)
            size += n
            if size > MAX_BODY:
                self.close_connection = True
                raise _Refuse(_text(413, f"the request body is larger than {MAX_BODY:,} bytes"))
            parts.append(self.rfile.read(n))
            self.rfile.readline(10)

    # -- methods

    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        self._guard(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._guard(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._guard(self._post)

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._send(Answer(204, headers=(
            ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
            ("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization"),
            ("Access-Control-Max-Age", "86400"), ("Allow", "GET, HEAD, POST, OPTIONS"))))

    def _not_allowed(self) -> None:
        self._guard(self._refuse_method)

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815

    def _refuse_method(self) -> Answer:
        self._body()
        return _text(405, f"{self.command} is not allowed; use GET or POST", ("Allow", "GET, HEAD, POST, OPTIONS"))

    # -- routes

    def _get(self) -> Answer:
        path, params = self._url()
        if path in ("/sparql", "/sparql/"):
            return self._sparql(params, params)
        if path == "/":
            return Answer(200, self.app.query_page, HTML.media_type)
        if path.startswith("/static/"):
            return self._static(path.removeprefix("/static/"))
        if path == "/.well-known/void":
            return self._void(params)
        return self._resource(path, params)

    def _post(self) -> Answer:
        path, params = self._url()
        body = self._body()
        if path not in ("/sparql", "/sparql/"):
            return _text(405, "POST goes to /sparql", ("Allow", "GET, HEAD, OPTIONS"))
        media_type, _, rest = self.headers.get("Content-Type", "").partition(";")
        media_type = media_type.strip().lower()
        charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", rest, re.I)
        if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
            return _text(415, f"the body must be UTF-8, not {charset.group(1)}")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _text(400, "the body is not UTF-8")
        if media_type == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            return self._sparql({**params, **form}, form, post=True)
        if media_type == "application/sparql-query":
            return self._sparql({**params, "query": [text]}, params, post=True)
        if media_type == "application/sparql-update":
            return self._sparql({**params, "update": [text]}, params, post=True)
        return _text(415, "POST a query as application/x-www-form-urlencoded (query=…) or application/sparql-query, "
                          "an update as application/x-www-form-urlencoded (update=…) or application/sparql-update"
                          + (f"; not {media_type}" if media_type else "; the request has no Content-Type"))

    def _sparql(self, params: dict[str, list[str]], dataset_params: dict[str, list[str]], *,
                post: bool = False) -> Answer:
        query, update = params.get("query", []), params.get("update", [])
        if query and update:
            return _text(400, "a request carries a query or an update, not both")
        if len(query) > 1 or len(update) > 1:
            return _text(400, "a request carries one query or one update")
        base_iri = self._server_url() + "/sparql"
        if update:
            if not post:
                return _text(400, "SPARQL Update must be sent by POST")
            return self._update(update[0], params, base_iri)
        if not query:
            if post:
                return _text(400, "the request has no query (query=…) and no update (update=…)")
            return self._service_description(params)
        graphs = []
        for key in ("default-graph-uri", "named-graph-uri"):
            values = dataset_params.get(key, [])
            bad = [v for v in values if not linked_data.is_iri(v)]
            if bad:
                return _text(400, f"{key} must be an absolute IRI, not {bad[0]!r}")
            graphs.append(values)
        dataset = (graphs[0], graphs[1]) if graphs[0] or graphs[1] else None
        return self._with_vary(self.app.runner.run(query[0], base_iri=base_iri, dataset=dataset,
                                                   accept=self.headers.get("Accept"),
                                                   formats=params.get("format", [])))

    @staticmethod
    def _with_vary(answer: Answer) -> Answer:
        return Answer(answer.status, answer.body, answer.content_type, answer.headers + _VARY)

    def _update(self, text: str, params: dict[str, list[str]], base_iri: str) -> Answer:
        token = self.app.config.update_token
        if token is None:
            return _text(403, "updates are disabled: this endpoint is read-only (start unkg serve with --updates "
                              "and a token to allow them)")
        given = self.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode("utf-8"), f"Bearer {token}".encode()):
            return _text(403, "an update needs the header Authorization: Bearer <update_token>")
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            return _text(400, "using-graph-uri and using-named-graph-uri are not supported: write USING in the update")
        return self.app.update(text, base_iri)

    def _rdf(self, triples: list[ox.Triple], params: dict[str, list[str]], title: str) -> Answer:
        """Triples in the negotiated format; for a browser, a page with their Turtle."""
        offers = GRAPH_OFFERS + (HTML,)
        offer = negotiate(offers, self.headers.get("Accept"), params.get("format", []))
        if offer is None:
            return _text(406, f"no acceptable format; available: {_names(offers)}", *_VARY)
        data = _rdf_bytes(triples, offer)
        if offer is HTML:
            return Answer(200, pages.turtle_page(title, data.decode("utf-8")).encode("utf-8"), HTML.media_type, _VARY)
        return Answer(200, data, offer.media_type, _VARY)

    def _service_description(self, params: dict[str, list[str]]) -> Answer:
        formats = [o.format.iri for o in RESULT_OFFERS + GRAPH_OFFERS if o.format is not None]
        triples = linked_data.service_description_triples(
            self.app.graph_sizes(), self._server_url(), updates=self.app.config.update_token is not None,
            result_formats=formats)
        return self._rdf(triples, params, "SPARQL service description")

    def _void(self, params: dict[str, list[str]]) -> Answer:
        triples = self.app.void_triples()
        if triples is None:
            return _text(503, "the dataset description is still being computed; try again in a minute",
                         ("Retry-After", "60"))
        endpoint = ox.Triple(ox.NamedNode(self.app.dataset_iri), ox.NamedNode(str(VOID.sparqlEndpoint)),
                             ox.NamedNode(self._server_url() + "/sparql"))
        return self._rdf([*triples, endpoint], params, "dataset description (VoID)")

    def _static(self, name: str) -> Answer:
        found = self.app.static.get(name)
        if found is None:
            return _text(404, f"no file {name!r}")
        data, media_type, etag = found
        headers = (("ETag", etag), ("Cache-Control", "public, max-age=3600"))
        if self.headers.get("If-None-Match") == etag:
            return Answer(304, b"", media_type, headers)
        return Answer(200, data, media_type, headers)

    def _resource(self, path: str, params: dict[str, list[str]]) -> Answer:
        """The IRI ``<base><path>``: the ontology, a named graph or an entity, as a page or as data."""
        iri = self.app.base + path.removeprefix("/")
        if iri == self.app.ontology_iri:
            return self._ontology(params)
        if iri == self.app.dataset_iri or iri.startswith(self.app.dataset_iri + "/"):
            return self._void(params)  # the dataset and the parts of its description
        if not linked_data.is_iri(iri) or not linked_data.exists(self.app.store, iri):
            return self._not_found(iri, params)
        offers = (HTML,) + GRAPH_OFFERS
        offer = negotiate(offers, self.headers.get("Accept"), params.get("format", []))
        if offer is None:
            return _text(406, f"no acceptable format; available: {_names(offers)}", *_VARY)
        if offer.format is None:
            description = linked_data.describe(self.app.store, iri, limit=INCOMING_SHOWN)
            return Answer(200, pages.entity_page(description, self.app.base).encode("utf-8"), HTML.media_type, _VARY)
        data = _rdf_bytes(linked_data.description_query(self.app.store, iri), offer)
        return Answer(200, data, offer.media_type, _VARY)

    def _ontology(self, params: dict[str, list[str]]) -> Answer:
        offers = (HTML,) + GRAPH_OFFERS
        offer = negotiate(offers, self.headers.get("Accept"), params.get("format", []))
        if offer is None:
            return _text(406, f"no acceptable format; available: {_names(offers)}", *_VARY)
        if offer.format is None:
            terms = linked_data.ontology_terms(self.app.ontology, str(UNKG._NS))
            page = pages.ontology_page(terms, self.app.ontology_iri, self.app.base)
            return Answer(200, page.encode("utf-8"), HTML.media_type, _VARY)
        triples = self.app.ontology.query("CONSTRUCT WHERE { ?s ?p ?o }")
        assert isinstance(triples, ox.QueryTriples)
        return Answer(200, _rdf_bytes(triples, offer), offer.media_type, _VARY)

    def _not_found(self, iri: str, params: dict[str, list[str]]) -> Answer:
        message = f"nothing is known about {iri}"
        if negotiate((HTML,) + GRAPH_OFFERS, self.headers.get("Accept"), params.get("format", [])) is HTML:
            return Answer(404, pages.error_page(404, message).encode("utf-8"), HTML.media_type, _VARY)
        return _text(404, message, *_VARY)


class Server(ThreadingHTTPServer):
    """A threading HTTP server over one store; ``url`` is its address, ``app`` its state."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: Store, config: ServeConfig):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.app = App(store, config)
        super().__init__(address, _Handler)

    @property
    def authority(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    @property
    def url(self) -> str:
        return f"http://{self.authority}"

    def server_close(self) -> None:
        super().server_close()
        self.app.close()


def make_server(store: Store, config: ServeConfig, host: str = "127.0.0.1", port: int = 8000) -> Server:
    """A server bound to ``host``:``port`` (port 0: a free one), not yet serving: call ``serve_forever``."""
    try:
        return Server((host, port), store, config)
    except OSError as exc:
        raise UnkgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def serve(store: Store, config: ServeConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(store, config, host, port)
    print(f"unkg serve: {server.url}/ (SPARQL endpoint {server.url}/sparql; entities under {config.base_iri}id/ "
          f"served at {server.url}/id/); {'updates allowed with the token' if config.update_token else 'read-only'}; "
          "Ctrl-C stops", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"unkg serve: listening on {host}, reachable from other machines", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.flush()
