"""Benchmark: the plenary record 1946-2019 (``unkg import-rollcalls``) against plain pyoxigraph on the same triples.

For the whole history of the corpus's ``unvotes/*.rda`` (6,203 roll calls, 870,109 votes): ``unkg`` imports the
``.rda`` files into a store (on disk and in memory), and plain pyoxigraph bulk-loads the N-Triples that unkg's
mapping writes for the same import (the same triples) into its default graph, and, for reference, into a named
graph as unkg stores them; each load runs in a fresh process, the engines in turn,
twice (the best counts), and gives its time, its peak memory (max RSS) and, on disk, the store's size. Then the
questions: the named queries ``rollcalls`` (session 73), ``plenary-votes`` (by resolution A/RES/73/27 and by roll
call 6073) and ``plenary-agreement`` (the all-pairs agreement of session 73) on unkg's store, and on the plain
store the same questions, with the named query's text as bound and with a hand-written query of constants, the
faster counting. Both stores of a kind are held by one process and each query runs on them in turn, so that a
busy machine slows both alike; stores on disk are opened afresh, as a later ``unkg query`` opens them. Each
latency is the best of several runs after one to warm up; the ratio is unkg / plain.

Then the whole plenary record 1946-2026, both sources together: unkg imports the ``.rda`` files and the UN's records
of ``ga-votes-unxml/`` in one ``unkg import-rollcalls`` (session 74 joined), against plain pyoxigraph bulk-loading
the N-Triples of both graphs (the same triples), once each (``--joined-loads``), in memory and on disk; and, on
unkg's store in memory, the bloc analysis of all sessions 1-80 (the vote table pulled by the named queries, the
agreement matrices, the blocs of every session and their drift), timed.

Run: ``python tests/benchmarks/bench_rollcalls.py [--runs N] [--loads N] [--joined-loads N]`` (about twenty minutes
on two cores); ``--only-joined`` runs the second part alone.
"""

from __future__ import annotations

import argparse
import os
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(os.environ.get("UNKG_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus")
UNVOTES = [CORPUS / "unvotes" / n for n in ("un_roll_calls.rda", "un_votes.rda", "un_roll_call_issues.rda")]
RECORDS = CORPUS / "ga-votes-unxml"
PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <http://schema.org/>
PREFIX unkg: <https://w3id.org/unkg/ontology#>
"""
# name: (named query, its parameters, a hand-written plain query with constants, for the plain store)
QUERIES = {
    "rollcalls (session 73)": ("rollcalls", {"session": "73"}, PREFIXES + """
        SELECT ?rollcall (SAMPLE(?r) AS ?resolution) (SAMPLE(STR(?d)) AS ?date)
               (MAX(IF(?o = opengov:YesCount, ?v, -1)) AS ?yes) (MAX(IF(?o = opengov:NoCount, ?v, -1)) AS ?no)
               (MAX(IF(?o = opengov:AbstainCount, ?v, -1)) AS ?abstain) (SAMPLE(?t) AS ?title) WHERE {
          ?e unkg:session 73 ; unkg:rollCallId ?rollcall ; dcterms:date ?d ; opengov:count ?c .
          ?c a ?o ; rdf:value ?v .
          OPTIONAL { ?e (unkg:adoptedAs|unkg:concernsResolution)/dcterms:identifier ?symbol }
          OPTIONAL { ?e unkg:identifierAsGiven ?given }
          OPTIONAL { ?e dcterms:title ?t }
          BIND(COALESCE(?symbol, ?given) AS ?r) } GROUP BY ?rollcall ORDER BY ?rollcall"""),
    "plenary-votes (A/RES/73/27)": ("plenary-votes", {"resolution": "A/RES/73/27"}, PREFIXES + """
        SELECT ?state ?position WHERE {
          ?m dcterms:identifier "A/RES/73/27" . ?e unkg:adoptedAs ?m .
          ?v opengov:voteEvent ?e ; schema:agent ?s ; schema:option ?position .
          BIND(STRAFTER(STR(?s), "/id/state/") AS ?state) } ORDER BY ?state"""),
    "plenary-votes (roll call 6073)": ("plenary-votes", {"rollcall": "6073"}, PREFIXES + """
        SELECT ?state ?position WHERE {
          ?v opengov:voteEvent <https://w3id.org/unkg/id/rollcall/6073> ; schema:agent ?s ; schema:option ?position .
          BIND(STRAFTER(STR(?s), "/id/state/") AS ?state) } ORDER BY ?state"""),
    "all-pairs agreement (session 73)": ("plenary-agreement", {"session": "73"}, PREFIXES + """
        SELECT ?a ?b (COUNT(*) AS ?votes) (SUM(IF(?x = ?y, 1, 0)) AS ?agreed) WHERE {
          ?e unkg:session 73 .
          ?va opengov:voteEvent ?e ; schema:agent ?a ; schema:option ?x .
          ?vb opengov:voteEvent ?e ; schema:agent ?b ; schema:option ?y .
          FILTER(?x != "non-voting" && ?y != "non-voting" && STR(?a) < STR(?b)) } GROUP BY ?a ?b"""),
}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def load(engine: str, folder: Path) -> None:
    """Load in this fresh process: unkg imports the .rda files, plain pyoxigraph bulk-loads the N-Triples."""
    out: dict[str, object] = {"engine": engine}
    location = folder / engine
    start = time.perf_counter()
    if engine.startswith("unkg"):
        from kg.pipeline.rollcalls import import_rollcalls
        from kg.store import Store

        result = import_rollcalls(UNVOTES, Store.open(location if engine == "unkg-disk" else None))
        out.update(load_s=time.perf_counter() - start, triples=result.triples, phases=result.seconds)
    elif engine.startswith("both-unkg"):  # both sources in one import, then the bloc analysis of every session
        from kg.pipeline.plenary import import_plenary_record
        from kg.store import Store

        store = Store.open(location if engine.endswith("disk") else None)
        result = import_plenary_record([*UNVOTES, RECORDS], store)
        assert result.unvotes is not None
        out.update(load_s=time.perf_counter() - start, triples=result.unvotes.triples + result.triples,
                   phases=result.unvotes.seconds | result.seconds, joined=len(result.joined),
                   differences=len(result.differences))
        if engine.endswith("memory"):
            out["analysis"] = analyse_all(store)
    elif engine.startswith("both-plain"):  # the same triples, both files into the default graph
        import pyoxigraph as ox

        store = ox.Store(str(location)) if engine.endswith("disk") else ox.Store()
        for name in ("rollcalls.nt", "records.nt"):
            store.bulk_load(path=str(folder / name), format=ox.RdfFormat.N_TRIPLES)
        out.update(load_s=time.perf_counter() - start, triples=len(store))
    else:  # plain-*: into the default graph; named-*: into a named graph, as unkg stores it
        import pyoxigraph as ox

        store = ox.Store(str(location)) if engine.endswith("disk") else ox.Store()
        graph = ox.NamedNode("https://w3id.org/unkg/graph/unvotes") if engine.startswith("named") else None
        store.bulk_load(path=str(folder / "rollcalls.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        out.update(load_s=time.perf_counter() - start, triples=len(store))
    out["peak_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    out["disk_mib"] = _size(location) / 2**20 if location.exists() else 0.0
    print(json.dumps(out))


def analyse_all(store: object) -> dict[str, float]:
    """The bloc analysis of all sessions on ``store``: pull, agreement matrices, blocs of every session (drift)."""
    from kg.analysis import Selection, agreement, drift, load_votes

    timings: dict[str, float] = {}
    start = time.perf_counter()
    table = load_votes(store, Selection(stage="plenary"))  # type: ignore[arg-type]
    timings["pull"] = time.perf_counter() - start
    start = time.perf_counter()
    agreement(table)
    timings["agreement"] = time.perf_counter() - start
    start = time.perf_counter()
    history = drift(table, seed=0)
    timings["blocs and drift"] = time.perf_counter() - start
    timings["sessions"] = len(history.sessions)
    timings["first"], timings["last"] = table.sessions()[0], table.sessions()[-1]
    timings["roll calls"] = len(table)
    return timings


def query(kind: str, folder: Path, runs: int) -> None:
    """Both stores of one kind in this process, each query timed on them in turn (so that a busy machine slows
    both alike): unkg's named query, and plain pyoxigraph with the bound text and with the hand-written one."""
    import pyoxigraph as ox

    from kg import queries
    from kg.store import Store

    if kind == "memory":
        from kg.pipeline.rollcalls import import_rollcalls

        unkg = Store.open(None)
        import_rollcalls(UNVOTES, unkg)
        plain = ox.Store()
        plain.bulk_load(path=str(folder / "rollcalls.nt"), format=ox.RdfFormat.N_TRIPLES)
    else:  # the stores the loads left, opened afresh as a later `unkg query` opens them
        unkg, plain = Store.open(folder / "unkg-disk"), ox.Store(str(folder / "plain-disk"))
    out: dict[str, object] = {}
    for name, (named, params, direct) in QUERIES.items():
        contenders = {
            "unkg": lambda: len(queries.run(unkg, named, params)[1]),
            "plain, bound text": lambda: len(list(plain.query(queries.bound(named, params)))),
            "plain, by hand": lambda: len(list(plain.query(direct))),
        }
        rows = {who: run() for who, run in contenders.items()}  # warm up
        if len(set(rows.values())) != 1:
            raise AssertionError(f"{name}: rows differ: {rows}")
        best = dict.fromkeys(contenders, float("inf"))
        for _ in range(runs):
            for who, run in contenders.items():
                start = time.perf_counter()
                run()
                best[who] = min(best[who], time.perf_counter() - start)
        out[name] = {"unkg": best["unkg"], "plain": min(best["plain, bound text"], best["plain, by hand"]),
                     "rows": rows["unkg"]}
    print(json.dumps(out))


def _child(*args: str) -> dict:
    run = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (the best counts)")
    parser.add_argument("--loads", type=int, default=2, help="loads of each engine, in turn (the best counts)")
    parser.add_argument("--joined-loads", type=int, default=1, help="loads of both sources together, each engine")
    parser.add_argument("--only-joined", action="store_true", help="only the import of both sources together")
    parser.add_argument("--load", nargs=2, metavar=("ENGINE", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--query", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        load(args.load[0], Path(args.load[1]))
        return
    if args.query:
        query(args.query[0], Path(args.query[1]), args.runs)
        return
    from kg import settings
    from kg.extract.rollcalls import read_rollcalls
    from kg.rdf.iris import Minter
    from kg.pipeline.rollcalls import write_ntriples

    with tempfile.TemporaryDirectory(prefix="bench-rollcalls-") as name:
        folder = Path(name)
        minter = Minter(settings.get("base_iri"))
        rollcalls = read_rollcalls(UNVOTES)
        write_ntriples(rollcalls, minter, folder / "rollcalls.nt")
        joined(folder, rollcalls, minter, args.joined_loads)
        if args.only_joined:
            return
        loads: dict[str, dict] = {}
        for _ in range(args.loads):
            for engine in ("plain-memory", "named-memory", "unkg-memory", "plain-disk", "named-disk", "unkg-disk"):
                if engine.endswith("disk"):
                    shutil.rmtree(folder / engine, ignore_errors=True)
                result = _child("--load", engine, str(folder))
                if engine not in loads or result["load_s"] < loads[engine]["load_s"]:
                    loads[engine] = result
        timings = {kind: _child("--query", kind, str(folder), "--runs", str(args.runs)) for kind in ("memory", "disk")}
    print(f"the plenary record 1946-2019: {loads['plain-memory']['triples']:,} triples "
          f"(unkg: {loads['unkg-memory']['triples']:,} in graph/unvotes, beside the register's graph)")
    for kind in ("memory", "disk"):
        unkg, plain = loads[f"unkg-{kind}"], loads[f"plain-{kind}"]
        print(f"\nin {kind}{'' if kind == 'memory' else ' (bulk loader)'}:")
        print(f"{'':34} {'unkg':>12} {'plain pyoxigraph':>17} {'ratio':>6}")
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in unkg["phases"].items())
        print(f"{'import / bulk load':34} {unkg['load_s']:10.1f} s {plain['load_s']:15.1f} s "
              f"{unkg['load_s'] / plain['load_s']:6.2f}   (unkg: {phases})")
        named = loads[f"named-{kind}"]
        print(f"{'  plain, into a named graph':34} {'':12} {named['load_s']:15.1f} s "
              f"{unkg['load_s'] / named['load_s']:6.2f}   (as unkg stores the record)")
        print(f"{'peak memory':34} {unkg['peak_gib']:8.2f} GiB {plain['peak_gib']:13.2f} GiB")
        if kind == "disk":
            print(f"{'store size on disk':34} {unkg['disk_mib']:8.0f} MiB {plain['disk_mib']:13.0f} MiB")
        for name, t in timings[kind].items():
            print(f"{name:34} {t['unkg'] * 1000:9.1f} ms {t['plain'] * 1000:14.1f} ms {t['unkg'] / t['plain']:6.2f}"
                  f"   ({t['rows']} rows)")


def joined(folder: Path, rollcalls: object, minter: object, times: int) -> dict[str, dict]:
    """Both sources together, unkg against plain pyoxigraph on the same triples; prints and returns the loads."""
    from kg.extract.unxml import read_records
    from kg.pipeline.plenary import write_records

    records = read_records([RECORDS])
    whole = {rc.symbol: rc.rcid for rc in rollcalls.roll_calls  # type: ignore[attr-defined]
             if rc.symbol and not (rc.amendment or rc.paragraph)}
    links = {r.symbol: whole[r.symbol] for r in records.recorded() if r.symbol in whole}
    write_records(records, minter, folder / "records.nt", links)  # type: ignore[arg-type]
    loads: dict[str, dict] = {}
    for _ in range(times):
        for engine in ("both-plain-memory", "both-unkg-memory", "both-plain-disk", "both-unkg-disk"):
            shutil.rmtree(folder / engine, ignore_errors=True)
            result = _child("--load", engine, str(folder))
            if engine not in loads or result["load_s"] < loads[engine]["load_s"]:
                loads[engine] = result
    print(f"the plenary record 1946-2026, both sources: {loads['both-plain-memory']['triples']:,} triples "
          f"(unkg: {loads['both-unkg-memory']['triples']:,} in graph/unvotes and graph/unxml; "
          f"{loads['both-unkg-memory']['joined']} roll calls joined, {loads['both-unkg-memory']['differences']} "
          "differences)")
    for kind in ("memory", "disk"):
        unkg, plain = loads[f"both-unkg-{kind}"], loads[f"both-plain-{kind}"]
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in unkg["phases"].items())
        print(f"  in {kind}: unkg {unkg['load_s']:.1f} s, plain {plain['load_s']:.1f} s, ratio "
              f"{unkg['load_s'] / plain['load_s']:.2f} (target: at most 2); peak {unkg['peak_gib']:.2f} GiB against "
              f"{plain['peak_gib']:.2f} GiB; unkg: {phases}")
    a = loads["both-unkg-memory"]["analysis"]
    total = a["pull"] + a["agreement"] + a["blocs and drift"]
    print(f"  bloc analysis of all sessions {a['first']:.0f}-{a['last']:.0f} ({a['sessions']:.0f} sessions, "
          f"{a['roll calls']:.0f} roll calls), in memory: pull {a['pull']:.1f} s, agreement {a['agreement']:.2f} s, "
          f"blocs and drift {a['blocs and drift']:.1f} s; whole {total:.1f} s (target: under 30 s)")
    return loads


if __name__ == "__main__":
    main()
