"""Benchmark: the store engines on a synthetic roll-call graph shaped like unkg's votes.

Prints load time, peak memory (max RSS of a fresh process per engine) and the time of one vote's
breakdown and of a co-sponsor-style self-join, for rdflib's Memory store and for Oxigraph in memory
and on disk. Run: ``python tests/benchmarks/bench_store.py [VOTE_EVENTS]`` (default 1000 events of
193 votes, about 1.2 million triples).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENGOV = "http://www.w3.org/ns/opengov#"
BASE = "https://w3id.org/unkg/id/"
BREAKDOWN = f"""SELECT ?option (COUNT(*) AS ?n) WHERE {{
  ?v <{OPENGOV}voteEvent> <{BASE}vote/plenary/17> ; <{OPENGOV}option> ?option }} GROUP BY ?option"""
PAIRS = f"""SELECT (COUNT(*) AS ?n) WHERE {{
  ?a <{OPENGOV}voteEvent> ?e ; <{OPENGOV}voter> <{BASE}state/S001> ; <{OPENGOV}option> ?o .
  ?b <{OPENGOV}voteEvent> ?e ; <{OPENGOV}voter> <{BASE}state/S002> ; <{OPENGOV}option> ?o . }}"""


def write_votes(path: Path, events: int, per_graph: int = 0) -> int:
    """``events`` vote events of 193 votes each, as N-Triples, or as N-Quads with ``per_graph`` events a named
    graph; the number of lines written."""
    options = ["yes", "no", "abstain"]
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for e in range(events):
            graph = f" <https://w3id.org/unkg/graph/bench/{e // per_graph}>" if per_graph else ""
            event = f"<{BASE}vote/plenary/{e}>"
            out.write(f"{event} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{OPENGOV}VoteEvent>{graph} .\n")
            n += 1
            for s in range(193):
                vote = f"<{BASE}vote/plenary/{e}/S{s:03d}>"
                out.write(f"{vote} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{OPENGOV}Vote>{graph} .\n")
                out.write(f"{vote} <{OPENGOV}voteEvent> {event}{graph} .\n")
                out.write(f"{vote} <{OPENGOV}voter> <{BASE}state/S{s:03d}>{graph} .\n")
                out.write(f'{vote} <{OPENGOV}option> "{options[(e * 7 + s * 13) % 3]}"{graph} .\n')
                n += 4
    return n


def child(engine: str, data: str, folder: str) -> None:
    import resource

    start = time.perf_counter()
    if engine == "rdflib":
        import rdflib

        graph = rdflib.Graph()
        graph.parse(data, format="nt")
        query = lambda q: list(graph.query(q))  # noqa: E731
    else:
        import pyoxigraph as ox

        store = ox.Store(folder) if engine == "oxigraph-disk" else ox.Store()
        store.bulk_load(path=data, format=ox.RdfFormat.N_TRIPLES)
        query = lambda q: list(store.query(q))  # noqa: E731
    load = time.perf_counter() - start
    timings = {}
    for name, q in (("breakdown", BREAKDOWN), ("pair agreement", PAIRS)):
        query(q)
        start = time.perf_counter()
        for _ in range(3):
            query(q)
        timings[name] = (time.perf_counter() - start) / 3
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(json.dumps({"engine": engine, "load_s": load, "peak_gib": rss, **timings}))


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:5])
        return
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "votes.nt"
        triples = write_votes(data, events)
        print(f"{events} vote events x 193 votes = {triples:,} triples")
        print(f"{'engine':15} {'load s':>8} {'peak GiB':>9} {'breakdown ms':>13} {'pair agreement ms':>18}")
        for engine in ("oxigraph-memory", "oxigraph-disk", "rdflib"):
            run = subprocess.run([sys.executable, __file__, "--child", engine, str(data), str(Path(folder) / engine)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(run.stdout)
            print(f"{engine:15} {r['load_s']:8.1f} {r['peak_gib']:9.2f} {r['breakdown'] * 1000:13.1f} "
                  f"{r['pair agreement'] * 1000:18.1f}")


if __name__ == "__main__":
    main()
