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
- ``/store``: the SPARQL 1.1 Graph Store HTTP Protocol, a graph named by ``?graph=<IRI>`` or ``?default``:
  GET and HEAD read it (Turtle, N-Triples, JSON-LD or RDF/XML); PUT replaces it, POST adds to it and DELETE
  drops it, each in one transaction, under the same rule as updates (``--updates`` and the bearer token).
- ``/``: the query page (YASGUI, bundled in ``kg/serve/static``) with the named queries as examples.
- every IRI under the base IRI (setting ``base_iri``): ``/id/state/FRA`` is ``<base>id/state/FRA``, as an
  HTML page or as Turtle, JSON-LD, N-Triples or RDF/XML; a named graph's IRI gives its content; the
  ontology's IRI gives the ontology.
- ``/.well-known/void``: the VoID and DCAT description of the dataset (``kg.publish.void``), also served at the
  dataset's own IRI (``<base>dataset``) and at the IRIs of its parts.

Every answer carries ``Access-Control-Allow-Origin: *`` and ``OPTIONS`` answers CORS preflights, so a
browser client on another origin can query. Federated queries (``SERVICE``) are refused: Oxigraph would
otherwise fetch any address the query names, from the server's network. Whether a query holds the keyword
is asked of Oxigraph's own parser (:func:`federated`), because a lexer of ours can be led astray: Oxigraph
decides by context whether ``<`` opens an IRI or compares, and lets the keyword touch a prefixed name.

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
abandoned halfway. A linked-data answer (an entity, a named graph's whole content) is serialised under the
same two limits.

Why the workers have a stack of ``WORKER_STACK`` bytes and queries a shape limit: Oxigraph's parser and
planner recurse once per nested bracket and per element of a chain (``!!!…``, ``1+1+…``, ``MINUS {} MINUS
{} …``, a long collection ``( 1 1 … )``), 2 to 10 KB of stack each, and a stack overflow in Rust ends the
whole process: on a thread's default 8 MB, a 15 KB query did. So a query may nest brackets at most
``MAX_NESTING`` deep and hold at most ``MAX_TOKENS`` words and signs (counted in the raw text, strings
included, so that nothing can hide), which a worker's stack holds with room to spare; a long string literal
is one word. The workers are daemon threads, so that ``unkg serve`` stops on Ctrl-C even while a query
abandoned at its deadline still runs in Oxigraph, which cannot be interrupted.

Status codes: 201 and 204 for a Graph Store write that created a graph or changed one; 400 for a malformed
request (a bad %-escape, an address or a body that is not UTF-8, a body shorter than its
``Content-Length``), a syntax error (with the parser's message) or a query too deep or too long; 403 for an
update or a Graph Store write without updates enabled or without the right token; 404 for an IRI the graph
does not hold; 405 for any method other than GET, HEAD, POST or OPTIONS (at ``/store`` also PUT and DELETE),
also one this server has never heard of (http.server would say 501); 406 when no acceptable format exists; 408 when a body stops arriving for a
minute; 413 for a body over ``max_request_bytes`` (before the client sends it, when it asks with ``Expect:
100-continue``); 414 and 431 (http.server's) for an address or a header line over 64 KB or more than 100
headers; 415 for a POST body of another media type or charset, or a graph in a format that is not Turtle,
N-Triples, RDF/XML or JSON-LD; 503 when a query passes the time limit or
its result the size limit (the message names the setting), or when every worker stays busy until the
deadline. A body that comes with a GET, HEAD or OPTIONS is read and dropped, never taken for the next
request.
"""

from __future__ import annotations

import hashlib
import hmac
import queue
import re
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import IO, cast
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox
from rdflib.namespace import VOID

from kg import queries, settings
from kg.errors import UnkgError
from kg.publish import void
from kg.rdf.iris import Minter
from kg.rdf.namespace import UNKG
from kg.store import Store
from kg.serve import linked_data, pages

__all__ = ["ServeConfig", "Server", "App", "QueryRunner", "Offer", "RESULT_OFFERS", "GRAPH_OFFERS", "negotiate",
           "keywords", "federated", "too_complex", "make_server", "serve"]

GRAPH_STORE_METHODS = "GET, HEAD, PUT, POST, DELETE, OPTIONS"
INCOMING_SHOWN = 1000  # facts pointing at an entity that its page lists
WORKER_STACK = 512 * 1024 * 1024  # bytes of stack of a query worker (address space: touched pages only cost memory)
MAX_NESTING = 100  # brackets a query may nest
MAX_TOKENS = 100_000  # words and signs a query may hold
DISCARD_SECONDS = 2.0  # how long the rest of a refused body is read and dropped before the answer


@dataclass(frozen=True)
class ServeConfig:
    """What a server needs besides its store; :meth:`from_settings` reads the settings table."""

    base_iri: str = "https://w3id.org/unkg/"
    query_timeout: float = 30.0
    result_limit: int = 100_000_000
    query_workers: int = 4
    update_token: str | None = None  # None: updates are refused
    log: bool = True
    max_request_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_settings(cls, *, updates: bool = False, log: bool = True) -> ServeConfig:
        token = settings.get("update_token")
        if updates and not token:
            raise UnkgError("--updates needs a token: set UNKG_UPDATE_TOKEN (setting update_token)")
        try:
            return cls(settings.get("base_iri"), float(settings.get("query_timeout")),
                       int(settings.get("result_limit")), int(settings.get("query_workers")),
                       token if updates else None, log, int(settings.get("max_request_bytes")))
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


def _rdf_bytes(triples: Iterable[ox.Triple], offer: Offer, sink: _Sink) -> bytes:
    """Triples in the offer's RDF format (Turtle for HTML), with the usual prefixes where the format has them,
    written into ``sink``; raises :class:`_Refuse` with the sink's answer when it stops the serialiser."""
    fmt = offer.format if isinstance(offer.format, ox.RdfFormat) else ox.RdfFormat.TURTLE
    try:
        ox.serialize(triples, cast(IO[bytes], sink), fmt, prefixes=linked_data.PREFIXES)
    except Exception:
        if sink.stopped is not None:  # pyoxigraph may hand the sink's exception on as another
            raise _Refuse(sink.stopped) from None
        raise
    return sink.getvalue()


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


_SERVICE = re.compile("service", re.I)
_EMPTY = ox.Store()  # parses queries for federated(); holds nothing


def federated(query: str, base_iri: str | None = None) -> bool:
    """Whether Oxigraph could read ``query`` as holding a SERVICE clause (a federated query, which would make
    the server fetch the address it names).

    Oxigraph's parser decides, not a lexer of ours: it takes ``<`` for an IRI or for "less than" by context and
    lets the keyword touch a prefixed name (``SERVICE:x``), so ``FILTER(?a<?b)SERVICE#>`` or ``SERVICE:x`` pass
    any regular expression. Every "service", in any case, becomes digits, which read the same inside an IRI,
    a string, a comment, a variable or a prefixed name, but cannot stand where the keyword stood (before a
    group ``{ … }``); the query is federated when the text so changed does not parse. That text has no SERVICE
    left, and it is only parsed (an ASK is answered, from an empty store). The price: a query with a syntax
    error near "service", or a prefix or a language tag spelt ``service``, is refused as federated.

    >>> federated('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }'), federated('PREFIX : <http://x/> ASK { SERVICE:a {} }')
    (True, True)
    >>> federated('SELECT ?service { BIND("service" AS ?service) ?s ?p <http://x/SERVICE> } # SERVICE')
    False
    """
    if not _SERVICE.search(query):
        return False
    try:
        _EMPTY.query(_SERVICE.sub("0000000", query), base_iri=base_iri)
    except SyntaxError:
        return True
    except Exception:  # noqa: BLE001 - it parsed: evaluating an ASK on nothing may fail, which does not matter
        return False
    return False


_TOKEN = re.compile(r"\w+|[^\w\s]")
_BRACKET = re.compile(r"[()\[\]{}]")


def too_complex(query: str, max_tokens: int | None = MAX_TOKENS) -> str | None:
    """Why ``query`` is too deep or too long to give Oxigraph's recursive parser safely, or None: brackets
    nested over ``MAX_NESTING`` deep, or over ``max_tokens`` words and signs (None: any number). Counted in the
    raw text, strings and IRIs included (where the parser sees code is its own affair); a long string literal
    is one word.

    >>> too_complex("SELECT * { " + "{" * 200 + "}" * 200 + " }")
    'brackets nested more than 100 deep'
    >>> too_complex('SELECT * { ?s ?p "' + "x" * 1_000_000 + '" }') is None
    True
    """
    depth = 0
    for count, match in enumerate((_TOKEN if max_tokens is not None else _BRACKET).finditer(query), 1):
        if max_tokens is not None and count > max_tokens:
            return f"more than {max_tokens:,} words and signs"
        token = match.group()
        if token in ("(", "[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return f"brackets nested more than {MAX_NESTING} deep"
        elif token in (")", "]", "}") and depth:
            depth -= 1
    return None


@dataclass
class _Job:
    query: str
    base_iri: str
    dataset: tuple[list[str], list[str]] | None
    accept: str | None
    formats: list[str]


class _Workers:
    """``count`` daemon threads with stacks of ``WORKER_STACK`` bytes that run the calls submitted to them.

    Not a ``ThreadPoolExecutor``: its threads have the default stack, which Oxigraph's recursive parser can
    overflow (the process dies), and the interpreter waits for them at exit, so a query abandoned at its
    deadline would keep ``unkg serve`` from stopping on Ctrl-C for as long as Oxigraph runs it."""

    _stack_lock = threading.Lock()  # threading.stack_size is process-wide: set it for these threads only

    def __init__(self, count: int, name: str):
        self._calls: queue.SimpleQueue[tuple[Future[Answer], Callable[[], Answer]] | None] = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._work, name=f"{name}-{i}", daemon=True) for i in range(count)]
        with self._stack_lock:
            previous = threading.stack_size(WORKER_STACK)
            try:
                for thread in self._threads:
                    thread.start()
            finally:
                threading.stack_size(previous)

    def submit(self, call: Callable[[], Answer]) -> Future[Answer]:
        future: Future[Answer] = Future()
        self._calls.put((future, call))
        return future

    def _work(self) -> None:
        while (item := self._calls.get()) is not None:
            future, call = item
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while it waited
            try:
                future.set_result(call())
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
                future.set_exception(exc)

    def close(self) -> None:
        """Cancel the calls still waiting and let each thread end after its current call."""
        try:
            while (item := self._calls.get_nowait()) is not None:
                item[0].cancel()
        except queue.Empty:
            pass
        for _ in self._threads:
            self._calls.put(None)


class QueryRunner:
    """Evaluates queries, and builds linked-data answers, in pools of worker threads, each answer with a
    deadline and a result-size limit. The pools bound the work done at once: the pages of much-cited entities
    (a state has thousands of votes) are built in Python, and hundreds of them built at once in the handlers'
    threads shared the interpreter so thinly that one took over a minute under load, and each held its memory
    as long. Pages and Graph Store reads have a pool of their own (as many workers as queries), so that
    queries abandoned at their deadline, which keep their workers until Oxigraph finishes them, cannot hold up
    the pages."""

    def __init__(self, store: Store, config: ServeConfig):
        self.store, self.config = store, config
        self._pool = _Workers(config.query_workers, "unkg-query")
        self._pages = _Workers(config.query_workers, "unkg-page")
        self.timeout_answer = _text(503, f"the query took longer than the time limit of {config.query_timeout:g} s "
                                         "(setting query_timeout)")

    def sink(self, deadline: float | None = None) -> _Sink:
        """A buffer for one answer, with the size limit and ``deadline`` (default: ``query_timeout`` from now)."""
        return _Sink(self.config.result_limit, deadline or time.monotonic() + self.config.query_timeout,
                     self.timeout_answer)

    def call(self, work: Callable[[float], Answer], *, page: bool = False) -> Answer:
        """``work(deadline)`` in a query worker (a page worker when ``page``), answered by the deadline
        ``query_timeout`` from now: 503 past it, or when every worker stays taken until then."""
        deadline = time.monotonic() + self.config.query_timeout
        started = threading.Event()

        def begin() -> Answer:
            started.set()
            return self.timeout_answer if time.monotonic() >= deadline else work(deadline)

        future = (self._pages if page else self._pool).submit(begin)
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            if not started.is_set():
                future.cancel()
                return _text(503, f"the endpoint is busy: all {self.config.query_workers} {'page' if page else 'query'} "
                                  "workers stayed "
                                  f"taken for the time limit of {self.config.query_timeout:g} s; try again later",
                             ("Retry-After", str(max(1, round(self.config.query_timeout)))))
            return self.timeout_answer

    def run(self, query: str, *, base_iri: str, dataset: tuple[list[str], list[str]] | None, accept: str | None,
            formats: list[str]) -> Answer:
        job = _Job(query, base_iri, dataset, accept, formats)
        return self.call(lambda deadline: self._evaluate(job, deadline))

    def _evaluate(self, job: _Job, deadline: float) -> Answer:
        sink = _Sink(self.config.result_limit, deadline, self.timeout_answer)
        try:
            problem = too_complex(job.query)
            if problem is not None:
                return _text(400, f"the query is too complex to evaluate safely: {problem}")
            if federated(job.query, job.base_iri):
                return _text(400, "federated queries (SERVICE) are not allowed on this endpoint")
            words = keywords(job.query)
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
        self._pool.close()
        self._pages.close()


# ------------------------------------------------------------------------------------------------- the app

class _Refuse(Exception):
    def __init__(self, answer: Answer):
        super().__init__(answer.status)
        self.answer = answer


def _static_files() -> dict[str, tuple[bytes, str, str]]:
    """The query page's assets by name: content, media type, ETag."""
    types = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
    out = {}
    for entry in files("kg.serve").joinpath("static").iterdir():
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
        self._writer = _Workers(1, "unkg-update")  # one update at a time, on a worker's stack
        self._void_lock = threading.Lock()

    def void_triples(self) -> list[ox.Triple] | None:
        """The dataset's VoID description (``kg.publish.void``, without the endpoint's address), or None while it
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
        """Apply an update, to completion, after the ones before it (a large INSERT DATA is not too complex:
        only the nesting is limited)."""
        problem = too_complex(text, max_tokens=None)
        if problem is not None:
            return _text(400, f"the update is too complex to apply safely: {problem}")
        return self._writer.submit(lambda: self._apply(text, base_iri)).result()

    def write_graph(self, method: str, graph: str | None, ntriples: str) -> Answer:
        """PUT (replace), POST (add to) or DELETE (drop) ``graph`` (None: the default graph), as one SPARQL
        Update applied after the writes before it: 201 when it creates the graph, 204 when it changes one, 404
        to drop a graph the store does not hold. The update is built here from N-Triples (flat, no nesting to
        check) and whether the graph exists is asked in the writer, so that two writes cannot both create it."""
        return self._writer.submit(lambda: self._write_graph(method, graph, ntriples)).result()

    def _write_graph(self, method: str, graph: str | None, ntriples: str) -> Answer:
        exists = graph is None or graph in self.store.graphs()
        target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
        if method == "DELETE":
            if not exists:
                return _text(404, f"the store holds no graph {graph}")
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

    def _apply(self, text: str, base_iri: str) -> Answer:
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
        self._writer.close()
        self._background.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------------------------- the handler

_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$")
_UNSAFE_TARGET = re.compile(r"[^\x21-\x7e]")
_LENGTH = re.compile(r"\s*[0-9]+\s*")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _unquote(text: str, what: str) -> str:
    """``text`` with its %-escapes decoded; :class:`_Refuse` (400) for a bad escape or bytes that are not UTF-8.

    >>> _unquote("/id/state/C%C3%B4te", "the path")
    '/id/state/Côte'
    >>> _unquote("/id/%ZZ", "the path")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kg.serve.app._Refuse: 400
    """
    if _BAD_ESCAPE.search(text):
        raise _Refuse(_text(400, f"{what} holds a % that is not followed by two hexadecimal digits"))
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        raise _Refuse(_text(400, f"{what} is not UTF-8 once its %-escapes are decoded")) from None


def _form(text: str, what: str) -> dict[str, list[str]]:
    """The fields of a query string or of a form, decoded as strictly as :func:`_unquote`."""
    if _BAD_ESCAPE.search(text):
        raise _Refuse(_text(400, f"{what} holds a % that is not followed by two hexadecimal digits"))
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise _Refuse(_text(400, f"{what} is not UTF-8 once its %-escapes are decoded")) from None


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
            self.close_connection = True  # the request's body may not have been read
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
        """The decoded path and query parameters; 400 for what a client that follows RFC 3986 never sends."""
        if _UNSAFE_TARGET.search(self.path):
            raise _Refuse(_text(400, "the address holds a space, a control character or a byte that is not ASCII: "
                                     "%-encode it"))
        url = urlsplit(self.path)
        return _unquote(url.path, "the path"), _form(url.query, "the query string")

    def _refuse_body(self, answer: Answer) -> _Refuse:
        self.close_connection = True  # what is left of the body cannot be told from a next request
        return _Refuse(answer)

    def _too_large(self) -> Answer:
        return _text(413, f"the request body is larger than {self.app.config.max_request_bytes:,} bytes "
                          "(setting max_request_bytes)")

    def _body(self) -> bytes:
        """The request's body (b"" when it has none), read whole: 400, 408 or 413 when it is not as announced."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._chunked()
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            return b""
        if len(set(lengths)) > 1 or not _LENGTH.fullmatch(lengths[0]):
            raise self._refuse_body(_text(400, f"Content-Length must be one number of bytes, not {', '.join(lengths)}"))
        length = int(lengths[0])
        if length > self.app.config.max_request_bytes:
            self._discard(length)
            raise self._refuse_body(self._too_large())
        data = self._read(length)
        if len(data) < length:
            raise self._refuse_body(_text(400, f"the body ended after {len(data):,} of the {length:,} bytes its "
                                               "Content-Length announced"))
        return data

    def _read(self, size: int, line: bool = False) -> bytes:
        try:
            return self.rfile.readline(size) if line else self.rfile.read(size)
        except TimeoutError:
            raise self._refuse_body(_text(408, f"the body stopped arriving for {self.timeout} s")) from None

    def _chunked(self) -> bytes:
        parts: list[bytes] = []
        size, limit = 0, self.app.config.max_request_bytes
        while True:
            line = self._read(100, line=True)
            digits = line.split(b";")[0].strip()
            if not line.endswith(b"\n") or not re.fullmatch(rb"[0-9A-Fa-f]{1,16}", digits):
                raise self._refuse_body(_text(400, "malformed chunked body"))
            n = int(digits, 16)
            if n == 0:
                while self._read(1000, line=True).strip():  # trailers
                    pass
                return b"".join(parts)
            size += n
            if size > limit:
                self._discard(None)
                raise self._refuse_body(self._too_large())
            parts.append(self._read(n))
            if len(parts[-1]) < n or self._read(10, line=True) not in (b"\r\n", b"\n"):
                raise self._refuse_body(_text(400, "malformed chunked body: a chunk is shorter than its size"))

    def _discard(self, length: int | None) -> None:
        """Read and drop the rest of a refused body (``length`` bytes, or whatever comes when unknown) for at
        most ``DISCARD_SECONDS``: a client that sends its whole body before it reads then gets the answer
        instead of a connection reset under it."""
        deadline = time.monotonic() + DISCARD_SECONDS
        self.connection.settimeout(DISCARD_SECONDS)
        try:
            while (length is None or length > 0) and time.monotonic() < deadline:
                data = self.rfile.read1(65536 if length is None else min(length, 65536))
                if not data:
                    break
                if length is not None:
                    length -= len(data)
        except OSError:
            pass

    def handle_expect_100(self) -> bool:
        """A client that asks before it sends its body (``Expect: 100-continue``) learns of 413 before sending."""
        length = self.headers.get("Content-Length", "")
        if _LENGTH.fullmatch(length) and int(length) > self.app.config.max_request_bytes:
            self.close_connection = True
            self._send(self._too_large())
            return False
        return super().handle_expect_100()

    # -- methods

    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        self._guard(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._guard(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._guard(self._post)

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._guard(self._options)

    def do_PUT(self) -> None:  # noqa: N802
        self._guard(self._graph_store_write)

    def do_DELETE(self) -> None:  # noqa: N802
        self._guard(self._graph_store_write)

    def _options(self) -> Answer:
        self._body()
        allowed = GRAPH_STORE_METHODS if self._url()[0] == "/store" else "GET, HEAD, POST, OPTIONS"
        return Answer(204, headers=(
            ("Access-Control-Allow-Methods", allowed),
            ("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization"),
            ("Access-Control-Max-Age", "86400"), ("Allow", allowed)))

    def _not_allowed(self) -> None:
        self._guard(self._refuse_method)

    do_PATCH = _not_allowed  # noqa: N815

    def __getattr__(self, name: str) -> Callable[[], None]:
        """Any other method (``do_TRACE``, ``do_FROB``): 405, where http.server would answer 501."""
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _refuse_method(self) -> Answer:
        self._body()
        return self._method_not_allowed()

    def _method_not_allowed(self) -> Answer:
        if urlsplit(self.path).path == "/store":
            return _text(405, f"{self.command} is not allowed at /store", ("Allow", GRAPH_STORE_METHODS))
        return _text(405, f"{self.command} is not allowed; use GET or POST", ("Allow", "GET, HEAD, POST, OPTIONS"))

    # -- routes

    def _get(self) -> Answer:
        self._body()  # a GET may carry one: read, so that it is not taken for the next request, and dropped
        path, params = self._url()
        if path in ("/sparql", "/sparql/"):
            return self._sparql(params, params)
        if path == "/":
            return Answer(200, self.app.query_page, HTML.media_type)
        if path.startswith("/static/"):
            return self._static(path.removeprefix("/static/"))
        if path == "/.well-known/void":
            return self._void(params)
        if path == "/store":
            return self._graph_store_read(params)
        return self._resource(path, params)

    def _post(self) -> Answer:
        body = self._body()
        path, params = self._url()
        if path == "/store":
            return self._graph_store_write(body)
        if path not in ("/sparql", "/sparql/"):
            return _text(405, "POST goes to /sparql, or to /store with a graph", ("Allow", "GET, HEAD, OPTIONS"))
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
            form = _form(text, "the form")
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

    def _refused_write(self) -> Answer | None:
        """403 unless updates are enabled and the request carries the update token; None when it may write."""
        token = self.app.config.update_token
        if token is None:
            return _text(403, "updates are disabled: this endpoint is read-only (start unkg serve with --updates "
                              "and a token to allow them)")
        given = self.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode("utf-8"), f"Bearer {token}".encode()):
            return _text(403, "an update needs the header Authorization: Bearer <update_token>")
        return None

    def _update(self, text: str, params: dict[str, list[str]], base_iri: str) -> Answer:
        refused = self._refused_write()
        if refused is not None:
            return refused
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            return _text(400, "using-graph-uri and using-named-graph-uri are not supported: write USING in the update")
        return self.app.update(text, base_iri)

    # -- the Graph Store protocol

    @staticmethod
    def _graph_named(params: dict[str, list[str]]) -> str | None:
        """The graph a Graph Store request names: an IRI, or None for the default graph."""
        graph, default = params.get("graph", []), "default" in params
        if len(graph) + default != 1:
            raise _Refuse(_text(400, "name one graph: /store?graph=<IRI> or /store?default"))
        if graph and not linked_data.is_iri(graph[0]):
            raise _Refuse(_text(400, f"graph must be an absolute IRI, not {graph[0]!r}"))
        return graph[0] if graph else None

    def _graph_store_read(self, params: dict[str, list[str]]) -> Answer:
        graph = self._graph_named(params)
        if graph is not None and graph not in self.app.store.graphs():
            return _text(404, f"the store holds no graph {graph}")
        offer = negotiate(GRAPH_OFFERS, self.headers.get("Accept"), params.get("format", []))
        if offer is None:
            return _text(406, f"no acceptable format; available: {_names(GRAPH_OFFERS)}", *_VARY)
        where = "{ ?s ?p ?o }" if graph is None else f"{{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"

        def content(deadline: float) -> Answer:
            triples = self.app.store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {where}", union=False)
            return Answer(200, _rdf_bytes(triples, offer, self.app.runner.sink(deadline)), offer.media_type, _VARY)

        return self.app.runner.call(content, page=True)

    def _graph_store_write(self, body: bytes | None = None) -> Answer:
        """PUT, POST or DELETE of one graph at /store (see :meth:`App.write_graph`); 405 elsewhere."""
        if body is None:
            body = self._body()
        path, params = self._url()
        if path != "/store":
            return self._method_not_allowed()
        graph = self._graph_named(params)
        refused = self._refused_write()
        if refused is not None:
            return refused
        if self.command == "DELETE":
            return self.app.write_graph("DELETE", graph, "")
        media_type = self.headers.get("Content-Type", "").partition(";")[0].strip().lower()
        fmt = ox.RdfFormat.from_media_type(media_type) if media_type else None
        if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD):
            return _text(415, "send the graph as text/turtle, application/n-triples, application/rdf+xml or "
                              "application/ld+json" + (f", not {media_type}" if media_type else ""))
        try:
            quads = ox.parse(body, fmt, base_iri=graph or self.app.base, without_named_graphs=True)
            ntriples = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
        except SyntaxError as exc:
            return _text(400, f"the body is not a graph in {fmt.name}: {exc}")
        return self.app.write_graph(self.command, graph, ntriples.decode("utf-8"))

    def _rdf(self, triples: list[ox.Triple], params: dict[str, list[str]], title: str) -> Answer:
        """Triples in the negotiated format; for a browser, a page with their Turtle."""
        offers = GRAPH_OFFERS + (HTML,)
        offer = negotiate(offers, self.headers.get("Accept"), params.get("format", []))
        if offer is None:
            return _text(406, f"no acceptable format; available: {_names(offers)}", *_VARY)
        data = _rdf_bytes(triples, offer, self.app.runner.sink())
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
        return self.app.runner.call(lambda deadline: self._entity(iri, offer, deadline), page=True)

    def _entity(self, iri: str, offer: Offer, deadline: float) -> Answer:
        """An entity's page, or its description as data (a named graph's: its content), in a page worker."""
        if offer.format is None:
            description = linked_data.describe(self.app.store, iri, limit=INCOMING_SHOWN)
            return Answer(200, pages.entity_page(description, self.app.base).encode("utf-8"), HTML.media_type, _VARY)
        data = _rdf_bytes(linked_data.description_query(self.app.store, iri), offer, self.app.runner.sink(deadline))
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
        return Answer(200, _rdf_bytes(triples, offer, self.app.runner.sink()), offer.media_type, _VARY)

    def _not_found(self, iri: str, params: dict[str, list[str]]) -> Answer:
        message = f"nothing is known about {iri}"
        if negotiate((HTML,) + GRAPH_OFFERS, self.headers.get("Accept"), params.get("format", [])) is HTML:
            return Answer(404, pages.error_page(404, message).encode("utf-8"), HTML.media_type, _VARY)
        return _text(404, message, *_VARY)


class Server(ThreadingHTTPServer):
    """A threading HTTP server over one store; ``url`` is its address, ``app`` its state."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024  # the listen backlog (socketserver's is 5): hundreds of clients may connect at once

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
        if config.update_token is not None:  # a read-only server wrote nothing (its store may be a read-only view)
            store.flush()
