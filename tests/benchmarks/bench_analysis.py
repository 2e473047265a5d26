"""Benchmark: the bloc analysis of the whole plenary history, beside a plain numpy computation.

Prints the time to pull the vote table out of the store (named queries ``vote-events``, ``vote-table``,
``state-names``), to compute the full-history agreement matrices (raw agreement, Cohen's kappa, Scott's
pi) with ``kg.analysis.agreement``, and to find the blocs of every session (``kg.analysis.drift``: an
agreement network, Louvain and the carrying of bloc numbers per session); beside them, the same kappa
matrix computed in plain numpy on the same vote matrix, and the ratio.

Run: ``python tests/benchmarks/bench_analysis.py --unvotes ../shared/corpus/unvotes/un_roll_calls.rda ../shared/corpus/unvotes/un_votes.rda`` (the real
plenary record, 1946-2019, imported by ``kg.pipeline.rollcalls`` into Oxigraph in memory), or without arguments
on a synthetic history of the same size (74 sessions x 84 roll calls = 6,216 roll calls x 193 states, in
unkg's RDF shape, bulk loaded), or ``--store PATH`` to analyse the plenary vote events of a store.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyoxigraph as ox
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.plenary_synthetic import GRAPH, plenary

from kg.analysis import Selection, agreement, drift, load_votes
from kg.analysis.blocs import analyse
from kg.pipeline.build import load_register
from kg.rdf.iris import Minter
from kg.reference.register import Register
from kg.store import Store


def plain_kappa(matrix: np.ndarray) -> np.ndarray:
    """Cohen's kappa of every pair, votes yes/no/abstain only, in a few lines of plain numpy."""
    x = [(matrix == c).astype(np.float32) for c in (1, 2, 3)]
    v = x[0] + x[1] + x[2]
    n = (v.T @ v).astype(np.float64)
    observed = sum((xi.T @ xi).astype(np.float64) for xi in x) / n
    chosen = [(xi.T @ v).astype(np.float64) for xi in x]
    expected = sum(c * c.T for c in chosen) / n ** 2
    return (observed - expected) / (1 - expected)


def synthetic_store(sessions: int, per_session: int, seed: int) -> tuple[Store, int, float]:
    register = Register.load()
    members = sorted(s.iso3 for s in register.states.values() if s.status == "member" and not s.ended)
    truth, lines = plenary(members, list(range(1, sessions + 1)), per_session, blocs=6, noise=0.08, seed=seed)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "plenary.nt"
        with data.open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(line + "\n")
        raw = ox.Store()
        start = time.perf_counter()
        raw.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH))
        load = time.perf_counter() - start
    store = Store(raw, None)
    load_register(store, Minter("https://w3id.org/unkg/"), register)
    return store, truth.votes, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store holding plenary vote events (default: a synthetic history)")
    parser.add_argument("--unvotes", nargs="+", help="unvotes files to import into a store in memory first")
    parser.add_argument("--sessions", type=int, default=74)
    parser.add_argument("--per-session", type=int, default=84)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    if args.store:
        store = Store.open(Path(args.store), write=False)
        print(f"store {args.store}")
    elif args.unvotes:
        from kg.pipeline.rollcalls import import_rollcalls

        store = Store.open(None)
        start = time.perf_counter()
        result = import_rollcalls([Path(p) for p in args.unvotes], store)
        print(f"unvotes imported from {args.unvotes} by kg.pipeline.rollcalls: {result.triples:,} triples in "
              f"{time.perf_counter() - start:.1f} s")
    else:
        store, votes, load = synthetic_store(args.sessions, args.per_session, args.seed)
        print(f"synthetic history: {args.sessions} sessions x {args.per_session} roll calls x 193 states = "
              f"{votes:,} votes; bulk load into Oxigraph in memory {load:.1f} s")

    timings: dict[str, float] = {}
    start = time.perf_counter()
    table = load_votes(store, Selection(stage="plenary"))
    timings["pull the vote table (3 named queries, CSV, numpy)"] = time.perf_counter() - start
    print(f"vote table: {len(table):,} roll calls x {len(table.states)} states, "
          f"{int((table.matrix > 0).sum()):,} recorded votes, sessions {table.sessions()[0]}-{table.sessions()[-1]}")

    kg_time = plain_time = float("inf")
    for _ in range(3):  # best of three: the matrices take tens of milliseconds
        start = time.perf_counter()
        result = agreement(table)
        kg_time = min(kg_time, time.perf_counter() - start)
        start = time.perf_counter()
        with threadpool_limits(limits=1, user_api="blas"), np.errstate(divide="ignore", invalid="ignore"):
            plain = plain_kappa(table.matrix)  # on one BLAS thread, as kg.analysis does
        plain_time = min(plain_time, time.perf_counter() - start)
    timings["full-history agreement, kappa and pi (kg.analysis; best of 3)"] = kg_time
    timings["full-history kappa, plain numpy (best of 3)"] = plain_time
    assert np.allclose(result.kappa, plain, equal_nan=True), "the two kappa matrices differ"

    start = time.perf_counter()
    history = drift(table, seed=0)
    timings[f"blocs of every session ({len(history.sessions)} sessions, kg.analysis.drift)"] = time.perf_counter() - start

    last = table.by_session()[table.sessions()[-1]]
    start = time.perf_counter()
    detail = analyse(last, seeds=10)
    timings["one session in full (3 resolutions x 10 seeds, cohesion, ordering)"] = time.perf_counter() - start

    width = max(len(k) for k in timings)
    for name, seconds in timings.items():
        print(f"{name:<{width}}  {seconds:8.3f} s")
    analysis = sum(v for k, v in timings.items() if not k.startswith("one session") and "plain" not in k)
    print(f"{'ratio kg.analysis / plain numpy (full-history matrices)':<{width}}  {kg_time / plain_time:8.2f}")
    print(f"{'whole analysis of all sessions (pull + matrices + blocs)':<{width}}  {analysis:8.3f} s "
          f"(target: under 30 s)")
    print(f"last session: {len(detail.partition.blocs)} blocs at resolution 1, modularity "
          f"{detail.partition.modularity:.3f}, stability {detail.partition.stability:.3f}; across sessions "
          f"{len(history.moves)} moves, median modularity {history.sessions['modularity'].median():.3f}")


if __name__ == "__main__":
    main()
