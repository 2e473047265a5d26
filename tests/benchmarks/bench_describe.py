"""Benchmark: what an entity page costs, :func:`kg.html.entity.describe` (reading it from the store) and
:func:`kg.html.entity.render` (the page), for a few entities of every kind on a store of the full plenary record.

For each IRI: describe and render ``--runs`` times (after one run to warm up), the best and the median of each;
the number of facts, incoming facts shown and their total, and evidence. The IRIs default to a State (France), a
resolution of the sample and of the UN's records, a draft, two meetings, a roll call and one vote; give others
with ``--iri``.

Run: ``python tests/benchmarks/bench_describe.py --store PATH [--runs 5] [--iri IRI ...]``, with the store of the
full plenary record (``unkg build`` of the sample, then ``unkg import-rollcalls`` of ``unvotes/*.rda`` and
``ga-votes-unxml/``), as ``bench_load.py`` serves it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from kg.html.entity import describe, render
from kg.serve.pages import DATA_FORMATS, frame
from kg.serve.resources import INCOMING_SHOWN
from kg.store import Store

ID = "https://w3id.org/unkg/id/"
DEFAULT = [ID + "state/FRA", ID + "document/A/RES/73/27", ID + "document/A/RES/78/1", ID + "document/A/C.1/73/L.37",
           ID + "meeting/first-committee/73/4", ID + "meeting/general-assembly/75/33", ID + "rollcall/6073"]


def a_vote(store: Store) -> str:
    row = next(iter(store.query(f"SELECT ?v WHERE {{ ?v <http://www.w3.org/ns/opengov#voteEvent> <{ID}rollcall/6073> }} "
                                "LIMIT 1")))
    return row["v"].value  # type: ignore[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--iri", action="append", help="an entity to describe (repeatable; default: a few of each kind)")
    args = parser.parse_args()
    store = Store.open(args.store)
    iris = args.iri or [*DEFAULT, a_vote(store)]
    formats = [(f"?format={fmt}", label) for fmt, label, _ in DATA_FORMATS]
    print(f"{store.count():,} triples; load average {os.getloadavg()[0]:.1f}; best / median of {args.runs} runs")
    print(f"{'entity':52} {'describe':>17} {'render':>17}  facts, incoming shown / total, evidence")
    for iri in iris:
        describe_s, render_s = [], []
        for run in range(args.runs + 1):
            start = time.perf_counter()
            d = describe(store, iri, limit=INCOMING_SHOWN)
            middle = time.perf_counter()
            render(d, frame("https://w3id.org/unkg/"), formats)
            end = time.perf_counter()
            if run:
                describe_s.append(middle - start)
                render_s.append(end - middle)
        quotes = len(d.evidence) + sum(len(i.evidence) for i in d.incoming)
        print(f"{iri.removeprefix(ID):52} {min(describe_s) * 1000:7.1f} / {statistics.median(describe_s) * 1000:6.1f} ms "
              f"{min(render_s) * 1000:7.1f} / {statistics.median(render_s) * 1000:6.1f} ms  {len(d.facts)}, "
              f"{len(d.incoming)} / {d.incoming_total}, {quotes}")


if __name__ == "__main__":
    main()
