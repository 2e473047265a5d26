"""The query runner: queries, linked-data answers and updates evaluated in pools of worker threads, each answer
with a deadline and a size limit, and the answers (:class:`Answer`) the routes give.

Why a time limit by abandoning a thread, not by killing a process: pyoxigraph cannot interrupt a query
from Python. A process pool could kill one, but an in-memory store cannot be shared with another process,
an on-disk store can be opened for writing by one process only (others would see a stale secondary copy),
and every result would cross a pipe once more, which costs more than the HTTP overhead this server is
measured against. So each query runs in a pool of ``query_workers`` threads with a deadline of
``query_timeout`` seconds, counted from its arrival: at the deadline the client gets 503 with a message,
whatever the worker is doing (the request awaits the worker's future in the event loop, with the deadline as
its timeout). The result is serialised into a buffer that checks the deadline and the size limit
(``result_limit`` bytes) on every write, so a query whose answer streams out of Oxigraph (most of them) stops
at the deadline; one that must finish a blocking step first (ORDER BY, GROUP BY) runs that step to its end in
its worker, and its answer is dropped. The buffer is sent whole once complete: the client learns of a passed
limit from a 503, never from a result cut off halfway. While all workers are taken, new queries wait, and one
still waiting at its deadline gets 503 with ``Retry-After``. Updates run one at a time, to completion: a write
is not abandoned halfway. A linked-data answer (an entity, a named graph's whole content) is built in a pool
of its own under the same two limits.

Why the workers have a stack of ``WORKER_STACK`` bytes: see ``kg.serve.safety``; Oxigraph's parser recurses.
The workers are daemon threads, so that ``unkg serve`` stops on Ctrl-C even while a query abandoned at its
deadline still runs in Oxigraph, which cannot be interrupted.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import IO, cast

import pyoxigraph as ox

from kg.serve import linked_data
from kg.serve.config import ServeConfig
from kg.serve.negotiation import GRAPH_OFFERS, RESULT_OFFERS, Offer, names, negotiate
from kg.serve.safety import federated, keywords, too_complex
from kg.store import Store

__all__ = ["Answer", "text", "Refuse", "Sink", "rdf_bytes", "Workers", "QueryRunner", "WORKER_STACK"]

WORKER_STACK = 512 * 1024 * 1024  # bytes of stack of a query worker (address space: touched pages only cost memory)


@dataclass(frozen=True)
class Answer:
    """What a route answers: status, body, Content-Type and further headers (CORS is added to every one)."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


def text(status: int, message: str, *headers: tuple[str, str]) -> Answer:
    """A plain-text answer: ``message`` and a newline."""
    return Answer(status, (message + "\n").encode("utf-8"), headers=headers)


class Refuse(Exception):
    """Raised anywhere in a route to answer with ``answer`` at once."""

    def __init__(self, answer: Answer):
        super().__init__(answer.status)
        self.answer = answer


class _Stop(Exception):
    """Raised from inside a serialiser to end it with ``answer`` (the deadline or the size limit passed)."""

    def __init__(self, answer: Answer):
        super().__init__(answer.body.decode("utf-8"))
        self.answer = answer


class Sink:
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
            self.stopped = text(503, f"the result is larger than the limit of {self.limit:,} bytes (setting "
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


def rdf_bytes(triples: Iterable[ox.Triple], offer: Offer, sink: Sink) -> bytes:
    """Triples in the offer's RDF format (Turtle for HTML), with the usual prefixes where the format has them,
    written into ``sink``; raises :class:`Refuse` with the sink's answer when it stops the serialiser."""
    fmt = offer.format if isinstance(offer.format, ox.RdfFormat) else ox.RdfFormat.TURTLE
    try:
        ox.serialize(triples, cast(IO[bytes], sink), fmt, prefixes=linked_data.PREFIXES)
    except Exception:
        if sink.stopped is not None:  # pyoxigraph may hand the sink's exception on as another
            raise Refuse(sink.stopped) from None
        raise
    return sink.getvalue()


@dataclass
class _Job:
    query: str
    base_iri: str
    dataset: tuple[list[str], list[str]] | None
    accept: str | None
    formats: list[str]


class Workers:
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
        self._pool = Workers(config.query_workers, "unkg-query")
        self._pages = Workers(config.query_workers, "unkg-page")
        self.timeout_answer = text(503, f"the query took longer than the time limit of {config.query_timeout:g} s "
                                         "(setting query_timeout)")

    def sink(self, deadline: float | None = None) -> Sink:
        """A buffer for one answer, with the size limit and ``deadline`` (default: ``query_timeout`` from now)."""
        return Sink(self.config.result_limit, deadline or time.monotonic() + self.config.query_timeout,
                     self.timeout_answer)

    def rdf(self, triples: Iterable[ox.Triple], offer: Offer, deadline: float | None = None) -> bytes:
        """Triples serialised as ``offer`` says, under the limits (:func:`rdf_bytes`)."""
        return rdf_bytes(triples, offer, self.sink(deadline))

    async def call(self, work: Callable[[float], Answer], *, page: bool = False) -> Answer:
        """``work(deadline)`` in a query worker (a page worker when ``page``), answered by the deadline
        ``query_timeout`` from now: 503 past it, or when every worker stays taken until then. The request
        waits in the event loop, not in a thread, so that hundreds of waiting clients cost no threads."""
        deadline = time.monotonic() + self.config.query_timeout
        def begin() -> Answer:
            return self.timeout_answer if time.monotonic() >= deadline else work(deadline)

        future = (self._pages if page else self._pool).submit(begin)
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)),
                                          timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            if future.cancel():  # it was still waiting for a worker
                return text(503, f"the endpoint is busy: all {self.config.query_workers} {'page' if page else 'query'} "
                                 "workers stayed "
                                 f"taken for the time limit of {self.config.query_timeout:g} s; try again later",
                            ("Retry-After", str(max(1, round(self.config.query_timeout)))))
            return self.timeout_answer

    async def run(self, query: str, *, base_iri: str, dataset: tuple[list[str], list[str]] | None,
                  accept: str | None, formats: list[str]) -> Answer:
        """A SPARQL query's answer in the negotiated format, under the limits."""
        job = _Job(query, base_iri, dataset, accept, formats)
        return await self.call(lambda deadline: self._evaluate(job, deadline))

    def _evaluate(self, job: _Job, deadline: float) -> Answer:
        sink = Sink(self.config.result_limit, deadline, self.timeout_answer)
        try:
            problem = too_complex(job.query)
            if problem is not None:
                return text(400, f"the query is too complex to evaluate safely: {problem}")
            if federated(job.query, job.base_iri):
                return text(400, "federated queries (SERVICE) are not allowed on this endpoint")
            words = keywords(job.query)
            default, named = job.dataset if job.dataset is not None else (None, None)
            result = self.store.query(job.query, base_iri=job.base_iri, union="FROM" not in words,
                                      default_graph=default, named_graphs=named)
            offers = GRAPH_OFFERS if isinstance(result, ox.QueryTriples) else RESULT_OFFERS
            offer = negotiate(offers, job.accept, job.formats)
            if offer is None:
                return text(406, f"no acceptable format for this query's result; available: {names(offers)}")
            if isinstance(result, ox.QueryTriples):
                assert isinstance(offer.format, ox.RdfFormat)
                ox.serialize(result, cast(IO[bytes], sink), offer.format, prefixes=linked_data.PREFIXES)
            else:
                assert isinstance(offer.format, ox.QueryResultsFormat)
                result.serialize(cast(IO[bytes], sink), offer.format)
        except SyntaxError as exc:
            return text(400, f"SPARQL syntax error: {exc}")
        except Exception as exc:  # noqa: BLE001 - a worker always answers: a stop, or the engine's error
            if sink.stopped is not None:
                return sink.stopped
            return text(500, f"the query failed: {exc}")
        return Answer(200, sink.getvalue(), offer.media_type)

    def close(self) -> None:
        self._pool.close()
        self._pages.close()


