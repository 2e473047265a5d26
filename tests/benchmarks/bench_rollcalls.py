"""Benchmark: the plenary record 1946-2019 (``unkg import-rollcalls``) against plain pyoxigraph on the same triples.

For the whole history of ``tests/fixtures/unvotes/rda`` (6,203 roll calls, 870,109 votes), each engine in a fresh
process: ``unkg`` imports the ``.rda`` files into a store (on disk and in memory) and answers the named queries
``rollcalls`` (session 73), ``plenary-votes`` (by resolution A/RES/73/27 and by roll call 6073) and
``plenary-agreement`` (the all-pairs agreement of session 73); plain pyoxigraph bulk-loads the N-Triples that
unkg's mapping writes for the same import (the same triples) and answers the same questions, with the named
query's text as bound and with a hand-written query of constants, the faster of the two counting. A store on
disk is opened afresh after loading, as a later ``unkg query`` opens it. Printed: load or import time, peak
memory (max RSS of the process), size on disk, and each query's latency (the best of several runs after one
to warm up), with the ratio unkg / plain.

Run: ``python tests/benchmarks/bench_rollcalls.py [--runs N]`` (about five minutes on two cores).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNVOTES = Path(__file__).resolve().parents[1] / "fixtures" / "unvotes" / "rda"
PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX unkg: <https://w3id.org/unkg/ontology#>
"""
# name: (named query, its parameters, a hand-written plain query with constants, for the plain store)
QUERIES = {
    "rollcalls (session 73)": ("rollcalls", {"session": "73"}, PREFIXES + """
        SELECT ?rollcall (SAMPLE(?r) AS ?resolution) (SAMPLE(STR(?d)) AS ?date)
               (MAX(IF(?o = "yes", ?v, -1)) AS ?yes) (MAX(IF(?o = "no", ?v, -1)) AS ?no)
               (MAX(IF(?o = "abstain", ?v, -1)) AS ?abstain) (SAMPLE(?t) AS ?title) WHERE {
          ?e unkg:session 73 ; unkg:rollCallId ?rollcall ; dcterms:date ?d ; unkg:identifierAsGiven ?g ;
             opengov:count ?c . ?c opengov:option ?o ; opengov:value ?v .
          OPTIONAL { ?e opengov:motion/dcterms:identifier ?s } OPTIONAL { ?e dcterms:title ?t }
          BIND(COALESCE(?s, ?g) AS ?r) } GROUP BY ?rollcall ORDER BY ?rollcall"""),
    "plenary-votes (A/RES/73/27)": ("plenary-votes", {"resolution": "A/RES/73/27"}, PREFIXES + """
        SELECT ?state ?position WHERE {
          ?m dcterms:identifier "A/RES/73/27" . ?e opengov:motion ?m .
          ?v opengov:voteEvent ?e ; opengov:voter ?s ; opengov:option ?position .
          BIND(STRAFTER(STR(?s), "/id/state/") AS ?state) } ORDER BY ?state"""),
    "plenary-votes (roll call 6073)": ("plenary-votes", {"rollcall": "6073"}, PREFIXES + """
        SELECT ?state ?position WHERE {
          ?v opengov:voteEvent <https://w3id.org/unkg/id/rollcall/6073> ; opengov:voter ?s ; opengov:option ?position .
          BIND(STRAFTER(STR(?s), "/id/state/") AS ?state) } ORDER BY ?state"""),
    "all-pairs agreement (session 73)": ("plenary-agreement", {"session": "73"}, PREFIXES + """
        SELECT ?a ?b (COUNT(*) AS ?votes) (SUM(IF(?x = ?y, 1, 0)) AS ?agreed) WHERE {
          ?e unkg:session 73 .
          ?va opengov:voteEvent ?e ; opengov:voter ?a ; opengov:option ?x .
          ?vb opengov:voteEvent ?e ; opengov:voter ?b ; opengov:option ?y .
          FILTER(?x != "non-voting" && ?y != "non-voting" && STR(?a) < STR(?b)) } GROUP BY ?a ?b"""),
}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _best(run, runs: int) -> tuple[float, int]:
    rows = run()  # warm up
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        rows = run()
        best = min(best, time.perf_counter() - start)
    return best, rows


def child(engine: str, folder: Path, runs: int) -> None:
    """One engine in this fresh process: load, then the queries; prints one JSON line."""
    out: dict[str, object] = {"engine": engine}
    data, location = folder / "rollcalls.nt", folder / engine
    start = time.perf_counter()
    if engine.startswith("unkg"):
        from kg import queries
        from kg.rollcalls import import_rollcalls
        from kg.store import Store

        store = Store.open(location if engine == "unkg-disk" else None)
        result = import_rollcalls([UNVOTES], store)
        out["load_s"] = time.perf_counter() - start
        out["triples"] = result.triples
        out["phases"] = result.seconds
        if engine == "unkg-disk":  # queried later, as `unkg query` does: from the store opened afresh
            del store
            store = Store.open(location)
        for name, (query, params, _) in QUERIES.items():
            out[name] = _best(lambda: len(queries.run(store, query, params)[1]), runs)
    else:
        import pyoxigraph as ox

        from kg import queries

        store = ox.Store(str(location)) if engine == "plain-disk" else ox.Store()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES)
        out["load_s"] = time.perf_counter() - start
        out["triples"] = len(store)
        if engine == "plain-disk":
            del store
            store = ox.Store(str(location))
        for name, (query, params, direct) in QUERIES.items():
            as_named = _best(lambda: len(list(store.query(queries.bound(query, params)))), runs)
            by_hand = _best(lambda: len(list(store.query(direct))), runs)
            out[name] = min(as_named, by_hand)
    out["peak_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    out["disk_mib"] = _size(location) / 2**20 if location.exists() else 0.0
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (the best counts)")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.runs)
        return
    from kg import settings
    from kg.extract.rollcalls import read_rollcalls
    from kg.rdf.iris import Minter
    from kg.rollcalls import write_ntriples

    with tempfile.TemporaryDirectory(prefix="bench-rollcalls-") as name:
        folder = Path(name)
        write_ntriples(read_rollcalls([UNVOTES]), Minter(settings.get("base_iri")), folder / "rollcalls.nt")
        results = {}
        for engine in ("plain-memory", "unkg-memory", "plain-disk", "unkg-disk"):
            run = subprocess.run([sys.executable, __file__, "--child", engine, str(folder), "--runs", str(args.runs)],
                                 capture_output=True, text=True, check=True)
            results[engine] = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"the plenary record 1946-2019: {results['plain-memory']['triples']:,} triples "
          f"(unkg's store: {results['unkg-memory']['triples']:,} in graph/unvotes, and the register)")
    for kind in ("memory", "disk"):
        unkg, plain = results[f"unkg-{kind}"], results[f"plain-{kind}"]
        print(f"\nin {kind}{'' if kind == 'memory' else ' (bulk loader)'}:")
        print(f"{'':34} {'unkg':>12} {'plain pyoxigraph':>17} {'ratio':>6}")
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in unkg["phases"].items())
        print(f"{'import / bulk load':34} {unkg['load_s']:10.1f} s {plain['load_s']:15.1f} s "
              f"{unkg['load_s'] / plain['load_s']:6.2f}   (unkg: {phases})")
        print(f"{'peak memory':34} {unkg['peak_gib']:8.2f} GiB {plain['peak_gib']:13.2f} GiB")
        if kind == "disk":
            print(f"{'store size on disk':34} {unkg['disk_mib']:8.0f} MiB {plain['disk_mib']:13.0f} MiB")
        for name in QUERIES:
            (u, rows), (p, plain_rows) = unkg[name], plain[name]
            print(f"{name:34} {u * 1000:9.1f} ms {p * 1000:14.1f} ms {u / p:6.2f}   ({rows} rows; plain {plain_rows})")


if __name__ == "__main__":
    main()
