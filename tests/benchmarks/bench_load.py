"""Benchmark: ``unkg serve`` under sustained load, on loopback.

Starts ``unkg serve`` in a process of its own on a store (the full plenary record: ``unkg build`` of the sample,
then ``unkg import-rollcalls`` of the unvotes data 1946-2019 and of the UN's records 2019-2026), then runs
``--clients`` clients at once (threads spread over ``--processes`` client processes, each client on its own
keep-alive connection, each sending its next request as soon as it has the answer) for ``--warmup`` seconds not
counted and then ``--seconds`` seconds. Each request is, at random (seeded), a named query or an entity page:

- named queries with their parameters drawn from the graph (drafts, resolutions, roll calls, sessions), those
  that answer within ``--max-query-ms`` on their own (tried once each, one at a time, before the load: the
  others are left out and named);
- entity pages as HTML: states, roll calls, single votes, resolutions and drafts, drawn from the graph.

It prints throughput, latency percentiles (p50, p95, p99, max) overall and by kind, errors (any answer but
200, 503 apart since the server sheds load with it by design, and failed connections), and the server's
resident memory sampled every second (at the start of the measured run, its maximum and at the end, its
trend over the run, and its value at the end of each minute), and the machine's load average at the end of
each minute (server and clients share its cores with whatever else runs). Only loopback addresses are used.

Run: ``python tests/benchmarks/bench_load.py [--store PATH] [--clients 300] [--seconds 60]``. Without
``--store`` it builds the full plenary record into a temporary folder first (a few minutes).
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

from kg import queries

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("UNKG_CORPUS") or ROOT.parent / "shared" / "corpus")
ROLLCALLS = [CORPUS / "unvotes" / n for n in ("un_roll_calls.rda", "un_votes.rda", "un_roll_call_issues.rda")]
RECORDS = CORPUS / "ga-votes-unxml"
BASE = "https://w3id.org/unkg/"
JSON = {"Accept": "application/sparql-results+json"}
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}

Request = tuple[str, str, dict[str, str]]  # kind, path, headers
Record = tuple[str, int, float, float]  # kind, status (0: the connection failed), start (epoch s), latency (s)


def build_store(folder: Path) -> Path:
    store = folder / "store"
    for command in (["build"], ["import-rollcalls", *map(str, ROLLCALLS), str(RECORDS)]):
        subprocess.run([sys.executable, "-m", "kg", *command, "--store", str(store)], check=True,
                       stdout=subprocess.DEVNULL)
    return store


def start_server(store: Path) -> tuple[subprocess.Popen[str], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNKG_")}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", "127.0.0.1",
                                "--port", "0", "--quiet"], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    found = re.search(r"http://127\.0\.0\.1:(\d+)", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit("unkg serve did not start")
    return process, found.group(1)


def get(port: str, path: str, headers: dict[str, str], timeout: float = 600) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def column(port: str, query: str) -> list[str]:
    status, body = get(port, "/sparql?" + urlencode({"query": query}), {"Accept": "text/csv"})
    assert status == 200, body[:300]
    return [line for line in body.decode("utf-8").splitlines()[1:] if line]


def requests_of(port: str, max_ms: float) -> dict[str, list[Request]]:
    """The requests the clients draw from, by kind, with values and entities taken from the graph."""
    unkg, opengov, dcterms = f"<{BASE}ontology#", "<http://www.w3.org/ns/opengov#", "<http://purl.org/dc/terms/"
    resolutions = column(port, f"SELECT ?d ?id WHERE {{ ?d a {unkg}GeneralAssemblyResolution> ; {dcterms}identifier> ?id }}")
    drafts = column(port, f"SELECT ?d ?id WHERE {{ ?d a {unkg}DraftResolution> ; {dcterms}identifier> ?id }}")
    rollcalls = column(port, f"SELECT ?e ?n WHERE {{ ?e {unkg}rollCallId> ?n }}")
    states = column(port, "SELECT DISTINCT ?s WHERE { ?v <http://schema.org/agent> ?s }")
    rng = random.Random(1)
    some = " ".join(f"<{row.split(',')[0]}>" for row in rng.sample(rollcalls, 500))
    votes = column(port, f"SELECT (SAMPLE(?v) AS ?vote) WHERE {{ VALUES ?e {{ {some} }} ?v {opengov}voteEvent> ?e }} "
                         "GROUP BY ?e")
    values = {"draft": drafts, "draft_a": drafts, "draft_b": drafts, "motion": resolutions, "resolution": resolutions,
              "rollcall": rollcalls, "document": drafts + resolutions}
    values = {k: [row.split(",", 1)[1] for row in rows] for k, rows in values.items()}
    values["session"] = [str(s) for s in range(1, 75)]
    out: dict[str, list[Request]] = defaultdict(list)
    for q in queries.catalogue().values():
        later = {p for group in q.choices for p in group[1:]}
        wanted = [p for p in q.params if p not in later]
        candidates = [queries.bound(q.name, {p: rng.choice(values[p]) for p in wanted}) for _ in range(20 if wanted else 1)]
        start = time.perf_counter()
        status, _ = get(port, "/sparql?" + urlencode({"query": candidates[0]}), JSON)
        took = (time.perf_counter() - start) * 1000
        if status != 200 or took > max_ms:
            print(f"  left out: query {q.name} ({status}, {took:,.0f} ms on its own)")
            continue
        print(f"  query {q.name}: {took:,.0f} ms on its own")
        out["query"] += [("query " + q.name, "/sparql?" + urlencode({"query": text}), JSON) for text in candidates]
    pages = {"page state": states, "page roll call": [row.split(",")[0] for row in rollcalls], "page vote": votes,
             "page resolution": [row.split(",")[0] for row in resolutions],
             "page draft": [row.split(",")[0] for row in drafts]}
    for kind, iris in pages.items():
        out[kind] = [(kind, quote(iri.removeprefix(BASE[:-1]), safe="/:@!$&'()*+,;="), HTML) for iri in iris]
    return out


def mix(requests: dict[str, list[Request]]) -> list[tuple[float, list[Request]]]:
    """Half named queries (each query alike), half entity pages (states a tenth of those)."""
    page_weights = {"page state": 0.1, "page roll call": 0.3, "page vote": 0.3, "page resolution": 0.25,
                    "page draft": 0.05}
    by_query: dict[str, list[Request]] = defaultdict(list)
    for r in requests["query"]:
        by_query[r[0]].append(r)
    out = [(0.5 / len(by_query), rs) for rs in by_query.values()]
    out += [(0.5 * w, requests[k]) for k, w in page_weights.items() if requests[k]]
    return out


def client_process(port: str, threads: int, seed: int, weighted: list[tuple[float, list[Request]]], start: float,
                   stop: float, out: "multiprocessing.Queue[list[Record]]") -> None:
    """``threads`` clients, each with its own keep-alive connection, from ``start`` to ``stop`` (epoch s)."""
    records: list[Record] = []
    lock = threading.Lock()
    weights = [w for w, _ in weighted]

    def client(k: int) -> None:
        rng = random.Random(seed * 10_000 + k)
        mine: list[Record] = []
        connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=120)
        time.sleep(max(0.0, start - time.time()))
        while (now := time.time()) < stop:
            kind, path, headers = rng.choice(rng.choices(weighted, weights)[0][1])
            t = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                kind = f"{kind}: {type(exc).__name__}"
                connection.close()
            mine.append((kind, status, now, time.perf_counter() - t))
        connection.close()
        with lock:
            records.extend(mine)

    pool = [threading.Thread(target=client, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put(records)


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


def line(label: str, latencies: list[float], seconds: float) -> str:
    ms = sorted(x * 1000 for x in latencies)
    return (f"  {label:<28} {len(ms):>7,} {len(ms) / seconds:>8.1f}/s  p50 {percentile(ms, 50):>7.1f}  "
            f"p95 {percentile(ms, 95):>7.1f}  p99 {percentile(ms, 99):>7.1f}  max {ms[-1]:>7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="store of the full plenary history (default: build one)")
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--processes", type=int, default=3, help="client processes the clients are spread over")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--max-query-ms", type=float, default=500.0,
                        help="a named query slower than this on its own is left out of the mix")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="unkg-load-") as tmp:
        store = args.store
        if store is None:
            print(f"building the full plenary history into {tmp} ...", flush=True)
            store = build_store(Path(tmp))
        server, port = start_server(store)
        try:
            run(args, store, server, port)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def run(args: argparse.Namespace, store: Path, server: subprocess.Popen[str], port: str) -> None:
    triples = column(port, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]
    print(f"unkg serve on {store} ({int(triples):,} triples), pid {server.pid}, http://127.0.0.1:{port}/; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    requests = requests_of(port, args.max_query_ms)
    weighted = mix(requests)
    idle = rss_mib(server.pid)
    start = time.time() + 3  # the client processes start, then all clients begin at once
    measured_from, stop = start + args.warmup, start + args.warmup + args.seconds
    out: multiprocessing.Queue[list[Record]] = multiprocessing.Queue()
    per_process = [args.clients // args.processes + (i < args.clients % args.processes) for i in range(args.processes)]
    processes = [multiprocessing.Process(target=client_process, args=(port, n, i, weighted, start, stop, out))
                 for i, n in enumerate(per_process)]
    for p in processes:
        p.start()
    samples: list[tuple[float, float]] = []  # (epoch s, RSS MiB)
    loads: list[float] = []  # the load average over the last minute, at each sample
    while time.time() < stop + 1:
        samples.append((time.time(), rss_mib(server.pid)))
        loads.append(os.getloadavg()[0])
        time.sleep(1.0)
    records = [r for _ in processes for r in out.get()]
    for p in processes:
        p.join()
    after = rss_mib(server.pid)
    measured = [r for r in records if r[2] >= measured_from]
    print(f"\n{args.clients} clients ({args.processes} processes), {args.warmup:g} s warm-up, then {args.seconds:g} s "
          f"measured; mix: half named queries ({len({r[0] for r in requests['query']})} kinds), half entity pages")
    print(line("all", [r[3] for r in measured if r[1]], args.seconds))
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, status, _, latency in measured:
        if status:
            by_kind[kind].append(latency)
    for kind in sorted(by_kind):
        print(line(kind, by_kind[kind], args.seconds))
    statuses = Counter(r[1] for r in measured)
    shed = statuses.pop(503, 0)
    failed = statuses.pop(0, 0)
    ok = statuses.pop(200, 0)
    warm = Counter(r[1] for r in records if r[2] < measured_from)
    broken = Counter(r[0].partition(": ")[2] for r in records if r[1] == 0)
    print(f"answers: {ok:,} 200; errors (not 200, not 503): {sum(statuses.values()):,} {dict(statuses)}; "
          f"503 (load shed): {shed:,}; connections failed: {failed:,} {dict(broken)}; during the warm-up: {dict(warm)}")
    during = [m for t, m in samples if measured_from <= t <= stop]
    times = [t - measured_from for t, _ in samples if measured_from <= t <= stop]
    slope = statistics.linear_regression(times, during).slope * 60 if len(during) > 2 else float("nan")
    print(f"server RSS (MiB): idle {idle:.0f}; measured run: start {during[0]:.0f}, max {max(during):.0f}, "
          f"end {during[-1]:.0f}, mean of the first and the last quarter {statistics.mean(during[:len(during) // 4]):.0f}"
          f" / {statistics.mean(during[-len(during) // 4:]):.0f}, trend {slope:+.1f} MiB/min; after the load {after:.0f}")
    minutes = [m for minute in range(1, int(args.seconds // 60) + 1)
               for m in [next((m for t, m in zip(times, during) if t >= minute * 60), during[-1])]]
    if minutes:
        print("server RSS (MiB) at the end of each minute of the measured run: "
              + " ".join(f"{m:.0f}" for m in minutes))
    load = [x for (t, _), x in zip(samples, loads) if measured_from <= t <= stop]
    load_minutes = [next((x for t, x in zip(times, load) if t >= minute * 60), load[-1])
                    for minute in range(1, int(args.seconds // 60) + 1)]
    print(f"load average (1 min) of the machine ({os.cpu_count()} cores) at the end of each minute of the measured run: "
          + " ".join(f"{x:.1f}" for x in load_minutes) + f"; lowest {min(load):.1f}, highest {max(load):.1f}")
    every = max(1, len(during) // 12)
    print("server RSS (MiB) every {:g} s of the measured run: {}".format(
        every * args.seconds / len(during), " ".join(f"{m:.0f}" for m in during[::every])))


if __name__ == "__main__":
    main()
