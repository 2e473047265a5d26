"""``unkg push``: load the graph into a triple store over HTTP, graph by graph, in batches, resumably, and verify it.

Any store that speaks the SPARQL 1.1 Graph Store HTTP Protocol will do (Oxigraph ``/store``, Virtuoso
``/sparql-graph-crud``, Fuseki ``/ds/data``, GraphDB ``…/rdf-graphs/service``). Each named graph is sent in
batches of N-Triples, the first with ``PUT`` (which replaces whatever the store held under that name) and the
rest with ``POST`` (which adds). With an update endpoint (``update_url``), the batches go as SPARQL Update
instead: ``DROP SILENT GRAPH`` and ``INSERT DATA`` first, ``INSERT DATA`` after.

Resumable: before a graph is sent, the store is asked how many triples it holds under that name (through the
query endpoint when one is given, else by reading the graph back through the Graph Store protocol); a graph
that already holds exactly as many triples as the local one is skipped, so a rerun after an interruption
sends only what is missing, and a graph cut off halfway is sent again whole, replacing the partial copy.
Nothing is ever duplicated: the first batch replaces. (A graph changed locally without a change in its
number of triples is skipped too; ``force`` sends every graph.) After the last graph, every graph's count
is read back and compared with the local one.
"""

from __future__ import annotations

import base64
import http.client
import itertools
import json
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import UnkgError
from kg.store import Store

__all__ = ["BATCH", "UPDATE_BATCH", "GraphPush", "PushReport", "Target", "push", "terminal_progress"]

BATCH = 50_000  # triples per Graph Store request
UPDATE_BATCH = 1_000  # triples per SPARQL Update request (Virtuoso 7 compiles 1,500 into more SQL than it allows)
Progress = Callable[[int, int, str], None]  # (triples sent, triples to send, current graph)


@dataclass
class GraphPush:
    """One graph: its local and remote triple counts, and what was done (``sent``, ``skipped``)."""

    graph: str
    local: int
    status: str = "pending"
    remote: int | None = None
    requests: int = 0


@dataclass
class PushReport:
    graphs: list[GraphPush] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        """Whether the store holds, in every graph, as many triples as the local store."""
        return all(g.remote == g.local for g in self.graphs)


class Target:
    """A triple store over HTTP: its Graph Store endpoint, and optionally its SPARQL Update and Query endpoints.

    Credentials in an address (``https://user:secret@host/…``) are sent with HTTP Basic authentication.
    """

    def __init__(self, store_url: str, *, update_url: str | None = None, query_url: str | None = None,
                 timeout: float = 600):
        self.store_url, self._store_auth = _split_credentials(store_url)
        self.update_url: str | None = None
        self.query_url: str | None = None
        self._update_auth: str | None = None
        self._query_auth: str | None = None
        if update_url:
            self.update_url, self._update_auth = _split_credentials(update_url)
        if query_url:
            self.query_url, self._query_auth = _split_credentials(query_url)
        self.timeout = timeout

    def _request(self, method: str, url: str, auth: str | None, body: bytes | None = None,
                 headers: dict[str, str] | None = None, missing_ok: bool = False) -> http.client.HTTPResponse | None:
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        if auth:
            request.add_header("Authorization", auth)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code == 404:
                return None
            detail = exc.read(500).decode("utf-8", "replace").strip()
            raise UnkgError(f"{method} {url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) from exc
        except urllib.error.URLError as exc:
            raise UnkgError(f"{method} {url}: {exc.reason}") from exc

    def _graph_url(self, graph: str) -> str:
        return self.store_url + ("&" if "?" in self.store_url else "?") + urlencode({"graph": graph})

    def send(self, graph: str, ntriples: bytes, *, first: bool) -> None:
        """Send one batch of N-Triples to ``graph``: the first replaces the graph, the others add to it."""
        if self.update_url:
            text = ntriples.decode("utf-8")
            update = (f"DROP SILENT GRAPH <{graph}> ;\n" if first else "") + \
                f"INSERT DATA {{ GRAPH <{graph}> {{\n{text}}} }}"
            response = self._request("POST", self.update_url, self._update_auth, urlencode({"update": update}).encode(),
                                     {"Content-Type": "application/x-www-form-urlencoded"})
        else:
            response = self._request("PUT" if first else "POST", self._graph_url(graph), self._store_auth, ntriples,
                                     {"Content-Type": "application/n-triples"})
        assert response is not None  # only a GET may answer "no such graph"
        response.close()

    def count(self, graph: str) -> int:
        """The number of triples the store holds in ``graph`` (0 when it has no such graph)."""
        if self.query_url:
            query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            answer = self._request("POST", self.query_url, self._query_auth, urlencode({"query": query}).encode(),
                                   {"Content-Type": "application/x-www-form-urlencoded",
                                    "Accept": "application/sparql-results+json"})
            assert answer is not None
            with answer:
                bindings = json.load(answer)["results"]["bindings"]
            return int(bindings[0]["n"]["value"]) if bindings else 0
        response = self._request("GET", self._graph_url(graph), self._store_auth,
                                 headers={"Accept": "application/n-triples, text/turtle;q=0.9"}, missing_ok=True)
        if response is None:
            return 0
        with response:
            media_type = response.headers.get_content_type()
            rdf_format = ox.RdfFormat.from_media_type(media_type)
            if rdf_format is None:
                raise UnkgError(f"GET {self._graph_url(graph)} answered {media_type}, not RDF")
            return sum(1 for _ in ox.parse(response, format=rdf_format))


def _split_credentials(url: str) -> tuple[str, str | None]:
    """The address without its ``user:password@``, and the Basic ``Authorization`` value they make, if any.

    >>> _split_credentials("http://dba:secret@127.0.0.1:8890/sparql-graph-crud")
    ('http://127.0.0.1:8890/sparql-graph-crud', 'Basic ZGJhOnNlY3JldA==')
    >>> _split_credentials("http://127.0.0.1:7878/store")
    ('http://127.0.0.1:7878/store', None)
    """
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    token = base64.b64encode(f"{parts.username}:{parts.password or ''}".encode()).decode()
    return urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def push(store: Store, target: Target, *, graphs: Iterable[str] | None = None, batch: int | None = None,
         force: bool = False, progress: Progress | None = None) -> PushReport:
    """Load the store's named graphs (or ``graphs``) into ``target``, ``batch`` triples per request (default
    :data:`BATCH`, or :data:`UPDATE_BATCH` by SPARQL Update); return what was done and verified."""
    batch = batch or (UPDATE_BATCH if target.update_url else BATCH)
    known = store.graphs()
    chosen = known if graphs is None else sorted(set(graphs))
    missing = [g for g in chosen if g not in known]
    if missing:
        raise UnkgError(f"the store has no graph {', '.join(missing)}")
    report = PushReport([GraphPush(g, store.count(g)) for g in chosen])
    total, done = sum(g.local for g in report.graphs), 0
    with tempfile.TemporaryDirectory(prefix="unkg-push-") as tmp:
        for item in report.graphs:
            if not force and target.count(item.graph) == item.local:
                item.status = "skipped"
                done += item.local
                if progress:
                    progress(done, total, item.graph)
                continue
            dump = Path(tmp) / "graph.nt"
            with open(dump, "wb") as out:
                store.dump(out, "nt", item.graph)
            with open(dump, "rb") as lines:
                while chunk := list(itertools.islice(lines, batch)):
                    target.send(item.graph, b"".join(chunk), first=item.requests == 0)
                    item.requests += 1
                    done += len(chunk)
                    if progress:
                        progress(done, total, item.graph)
            item.status = "sent"
    for item in report.graphs:
        item.remote = target.count(item.graph)
    return report


def terminal_progress(done: int, total: int, graph: str) -> None:
    """A progress bar on standard error, when it is a terminal."""
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} triples  {graph[-40:]:40}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
