"""Benchmark: the named queries through the SPARQL endpoint (``unkg serve``) against the same queries in-process.

For 1 and for N concurrent clients, on loopback, in rounds that alternate between the two ways until each
has run for a bounded time: in-process, N threads each run every named query once on the store and
serialise its result as SPARQL JSON (the work the endpoint does); over HTTP, N client processes, each with
one keep-alive connection, each POST every named query once to a server started in this process and read
the JSON. Alternating rounds let both ways meet the same load from anything else running on the machine.
It prints throughput, median and 95th-percentile latency per query and overall, and the ratio HTTP /
in-process, after the fixed cost of one request (a trivial ASK both ways).

Run: ``python tests/benchmarks/bench_serve.py [--store PATH | --scale N] [--clients N] [--seconds S]``.
Without ``--store`` it builds the bundled sample (one committee report, about 9,000 triples) and says so;
``--scale N`` adds N renamed copies of the sample's report (7,460 triples and 2 recorded votes each), a
synthetic stand-in for a larger history; give the store of the full plenary history to measure on it. The
named queries' parameters come from ``--param`` (default session 73 and resolution A/RES/73/27) and from
the store (the first and the last draft of the ``drafts`` query). A query slower than ``--slowest`` seconds
in-process is left out, and so is one whose parameters find no value.
"""

from __future__ import annotations

import argparse
import http.client
import io
import multiprocessing
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from kg import queries
from kg.pipeline.build import build, sample_path
from kg.serve.app import ServeConfig, make_server
from kg.store import Store

Work = list[tuple[str, str]]  # (name, query text)


def scaled_sample(folder: Path, copies: int) -> Store:
    """An on-disk store with the bundled sample and ``copies`` renamed copies of its report graph (sessions
    1001, 1002, ...: ``A/C.1/73/`` and ``A/73/505`` renamed in every IRI and literal): a synthetic stand-in for
    a larger history, shaped like the real graph so that every named query has work to do."""
    sample = Store.open(None)
    build([sample_path()], sample)
    quads = []
    for quad in sample.quads():
        if quad.graph_name != ox.NamedNode("https://w3id.org/unkg/graph/register"):
            quads.append(quad)
    template = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")  # type: ignore[union-attr]
    raw = ox.Store(str(folder / "store"))
    raw.bulk_load(ox.serialize(list(sample.quads()), format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)
    for first in range(0, copies, 50):
        chunk = "".join(template.replace("A/C.1/73/", f"A/C.1/{1001 + k}/").replace("A/73/505", f"A/{1001 + k}/505")
                        for k in range(first, min(copies, first + 50)))
        raw.bulk_load(chunk.encode("utf-8"), ox.RdfFormat.N_QUADS)
    raw.flush()
    del raw
    return Store.open(folder / "store")


def workload(store: Store, values: dict[str, str]) -> Work:
    """Every named query with its parameters bound: from ``values`` (the first of alternatives), else the
    first and the last draft of the ``drafts`` query; a query whose parameters find no value is left out."""
    drafts = [row["draft"] for row in queries.run(store, "drafts")[1]]
    if drafts:
        values = {"draft": drafts[-1], "draft_a": drafts[0], "draft_b": drafts[-1], "motion": drafts[-1], **values}
    out = []
    for q in queries.catalogue().values():
        later = {p for group in q.choices for p in group[1:]}
        wanted = [p for p in q.params if p not in later]
        if all(p in values for p in wanted):
            out.append((q.name, queries.bound(q.name, {p: values[p] for p in wanted})))
        else:
            print(f"left out: {q.name} (no value for {', '.join(p for p in wanted if p not in values)})")
    return out


Timings = dict[str, list[float]]


def one_pass(run: Callable[[str, str], None], work: Work, offset: int) -> list[tuple[str, float]]:
    """Every query of the work once, starting at ``offset``, with the latency of each."""
    out = []
    for i in range(len(work)):
        name, text = work[(offset + i) % len(work)]
        start = time.perf_counter()
        run(name, text)
        out.append((name, time.perf_counter() - start))
    return out


def in_process_round(store: Store, work: Work, clients: int) -> list[tuple[str, float]]:
    """One pass of the work by each of ``clients`` threads on the store (query, then SPARQL JSON)."""
    results: list[tuple[str, float]] = []
    lock = threading.Lock()

    def client(offset: int) -> None:
        mine = one_pass(lambda _, text: store.query(text).serialize(io.BytesIO(), ox.QueryResultsFormat.JSON), work,
                        offset)
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(k * len(work) // clients,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def http_client(port: int, work: Work, offset: int, rounds: "multiprocessing.Queue[bool]",
                out: "multiprocessing.Queue[list[tuple[str, float]]]") -> None:
    """One client process: for each round it is given, one pass of the work over one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}

    def post(name: str, text: str) -> None:
        try:
            connection.request("POST", "/sparql", urlencode({"query": text}), headers)
        except (BrokenPipeError, ConnectionResetError):  # the server closed the idle connection: open a new one
            connection.close()
            connection.request("POST", "/sparql", urlencode({"query": text}), headers)
        response = connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{name}: {response.status} {data[:200]!r}")

    while rounds.get():
        out.put(one_pass(post, work, offset))
    connection.close()


def measure(store: Store, port: int, work: Work, clients: int, seconds: float) -> tuple[Timings, Timings, float, float]:
    """Rounds that alternate in-process and HTTP, each a pass of the work by every client, until both ways have
    run for ``seconds`` (at least one round each), so that both meet the same load from elsewhere on the machine.
    Returns the latencies of each way and the time each way took."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    queues = [context.Queue() for _ in range(clients)]
    processes = [context.Process(target=http_client, args=(port, work, k * len(work) // clients, queues[k], out))
                 for k in range(clients)]
    for p in processes:
        p.start()
    local: Timings = {name: [] for name, _ in work}
    remote: Timings = {name: [] for name, _ in work}
    spent = [0.0, 0.0]
    while min(spent) < seconds:
        start = time.perf_counter()
        for name, t in in_process_round(store, work, clients):
            local[name].append(t)
        spent[0] += time.perf_counter() - start
        start = time.perf_counter()
        for q in queues:
            q.put(True)
        for _ in processes:
            for name, t in out.get(timeout=3600):
                remote[name].append(t)
        spent[1] += time.perf_counter() - start
    for q in queues:
        q.put(False)
    for p in processes:
        p.join()
    return local, remote, spent[0], spent[1]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 2 else values[0]


def fixed_cost(store: Store, port: int, n: int = 1000) -> tuple[float, float]:
    """Median time (s) of a trivial query (ASK {}) in-process and over HTTP, one after the other."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    local, remote = [], []
    for _ in range(n):
        start = time.perf_counter()
        store.query("ASK {}").serialize(format=ox.QueryResultsFormat.JSON)
        local.append(time.perf_counter() - start)
        start = time.perf_counter()
        connection.request("POST", "/sparql", "query=ASK%20%7B%7D", headers)
        connection.getresponse().read()
        remote.append(time.perf_counter() - start)
    connection.close()
    return statistics.median(local), statistics.median(remote)


def report(title: str, local: Timings, remote: Timings, local_time: float, remote_time: float) -> None:
    print(f"\n{title}")
    print(f"{'query':14} {'in-process median/p95 ms':>26} {'HTTP median/p95 ms':>20} {'HTTP/in-process':>16}")
    for name in local:
        a, b = local[name], remote[name]
        print(f"{name:14} {statistics.median(a) * 1e3:12.2f} / {p95(a) * 1e3:8.2f} {statistics.median(b) * 1e3:9.2f} / "
              f"{p95(b) * 1e3:8.2f} {statistics.median(b) / statistics.median(a):15.2f}x")
    all_a = [t for ts in local.values() for t in ts]
    all_b = [t for ts in remote.values() for t in ts]
    print(f"{'all':14} {statistics.median(all_a) * 1e3:12.2f} / {p95(all_a) * 1e3:8.2f} "
          f"{statistics.median(all_b) * 1e3:9.2f} / {p95(all_b) * 1e3:8.2f} "
          f"{statistics.median(all_b) / statistics.median(all_a):15.2f}x")
    total_a, total_b = sum(sum(ts) for ts in local.values()), sum(sum(ts) for ts in remote.values())
    overhead = 100 * (total_b / len(all_b)) / (total_a / len(all_a)) - 100
    print(f"throughput: in-process {len(all_a) / local_time:,.1f} queries/s, HTTP {len(all_b) / remote_time:,.1f} "
          f"queries/s ({len(all_b) // len(local)} passes of the catalogue each); "
          f"mean time per query: HTTP overhead {overhead:+.0f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="an on-disk store (default: build the bundled sample)")
    parser.add_argument("--scale", type=int, default=0, help="add this many renamed copies of the sample's report")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0, help="least time of each way (in-process, HTTP)")
    parser.add_argument("--slowest", type=float, default=5.0, help="leave out a query that takes longer (s)")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter's value (default: session=73, resolution=A/RES/73/27, drafts from the store)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.store:
            store = Store.open(Path(args.store))
            print(f"store: {args.store}")
        elif args.scale:
            store = scaled_sample(Path(folder), args.scale)
            print(f"store: the bundled sample and {args.scale} renamed copies of its report (synthetic), not the "
                  "full plenary history: give --store for that")
        else:
            store = Store.open(Path(folder) / "store")
            build([sample_path()], store)
            print("store: the bundled sample only (report A/73/505), not the full plenary history: "
                  "give --store for that")
        work = []
        values = dict(pair.split("=", 1) for pair in args.param)
        for name, text in workload(store, {"session": "73", "resolution": "A/RES/73/27", **values}):
            # once each, to warm the store and to leave out what is too slow
            start = time.perf_counter()
            store.query(text).serialize(format=ox.QueryResultsFormat.JSON)
            took = time.perf_counter() - start
            if took > args.slowest:
                print(f"left out: {name} takes {took:.1f} s in-process (over --slowest {args.slowest:g} s)")
            else:
                work.append((name, text))
        print(f"{store.count():,} triples in {len(store.graphs())} graphs; {len(work)} named queries; "
              f"at least {args.seconds:g} s each way in alternating rounds; on-disk Oxigraph; loopback")
        server = make_server(store, ServeConfig(log=False, query_workers=max(4, args.clients)), "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        try:
            local_ask, remote_ask = fixed_cost(store, port)
            print(f"fixed cost of a request: ASK {{}} takes {local_ask * 1e3:.3f} ms in-process, "
                  f"{remote_ask * 1e3:.3f} ms over HTTP (client in the server's process)")
            for clients in sorted({1, args.clients}):
                local, remote, local_time, remote_time = measure(store, port, work, clients, args.seconds)
                report(f"{clients} client{'s' if clients > 1 else ''}", local, remote, local_time, remote_time)
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
