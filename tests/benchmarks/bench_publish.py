"""Benchmark: publishing a graph the size of the 1946–2019 roll-call history.

Builds an on-disk store of a synthetic roll-call graph (``VOTE_EVENTS`` events of 193 votes, four triples a
vote, one named graph per 500 events), then, each in a fresh process: every export format (time, peak memory
of the process, size), the VoID description, and a push into the Oxigraph server and into Virtuoso (each
started here on loopback, as the tests start them). Run:
``python tests/benchmarks/bench_publish.py [VOTE_EVENTS] [--no-push]`` (default 6500 events, 5.0 M triples).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_store import write_votes

HERE = Path(__file__).resolve().parent

CHILD = """
import json, sys, time
from pathlib import Path
from kg.store import Store
task, folder, arg = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
def status(key):
    return int(next(l.split()[1] for l in open("/proc/self/status") if l.startswith(key + ":"))) / 1024
store = Store.open(folder / "store")
opened = status("VmRSS")
with open("/proc/self/clear_refs", "w") as f:  # the peak (VmHWM) from here on is the task's
    f.write("5")
t = time.perf_counter()
if task == "export":
    from kg.publish.export import export
    with open(folder / ("out." + arg), "wb") as out:
        n = export(store, out, arg)
    size = (folder / ("out." + arg)).stat().st_size
elif task == "void":
    from kg.publish import void
    n, size = len(void.describe(store)), 0
else:
    from kg.publish.push import Target, push
    endpoints = json.loads(arg)
    report = push(store, Target(endpoints["store"], query_url=endpoints.get("query")))
    assert report.verified, [(g.graph, g.local, g.remote) for g in report.graphs]
    n, size = sum(g.local for g in report.graphs), 0
print(json.dumps({"seconds": time.perf_counter() - t, "n": n, "size": size, "peak_mib": status("VmHWM"),
                  "open_mib": opened}))
"""


def child(task: str, folder: Path, arg: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, task, str(folder), arg], check=True, capture_output=True,
                          text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    events = int(args[0]) if args else 6500
    with tempfile.TemporaryDirectory(prefix="unkg-bench-") as tmp:
        folder = Path(tmp)
        import pyoxigraph as ox

        n = write_votes(folder / "data.nq", events, per_graph=500)
        t = time.perf_counter()
        ox.Store(str(folder / "store")).bulk_load(path=str(folder / "data.nq"), format=ox.RdfFormat.N_QUADS)
        print(f"{n:,} quads in {events // 500 + 1} graphs, bulk-loaded in {time.perf_counter() - t:.1f} s")
        (folder / "data.nq").unlink()
        print("| task | time | peak memory of the process (after opening the store) | output |\n|---|---|---|---|")
        for fmt in ("nt", "nq", "ttl", "trig", "jsonld", "rdfxml"):
            r = child("export", folder, fmt)
            print(f"| export {fmt} | {r['seconds']:.1f} s | {r['peak_mib']:.0f} MiB ({r['open_mib']:.0f}) | "
                  f"{r['size'] / 2**20:.0f} MiB |", flush=True)
            (folder / f"out.{fmt}").unlink()
        r = child("void", folder, "")
        print(f"| VoID | {r['seconds']:.1f} s | {r['peak_mib']:.0f} MiB ({r['open_mib']:.0f}) | {r['n']} triples |")
        if "--no-push" in sys.argv:
            return
        sys.path.insert(0, str(HERE.parent / "publish"))
        import publish_support

        for server in (publish_support.oxigraph, publish_support.virtuoso):
            folder_of_server = Path(tempfile.mkdtemp(prefix="server-", dir=tmp))
            with server(folder_of_server) as endpoints:
                r = child("push", folder, json.dumps({"store": endpoints.store, "query": endpoints.query}))
            print(f"| push to {endpoints.name} | {r['seconds']:.1f} s ({r['n'] / r['seconds']:,.0f} triples/s) | "
                  f"{r['peak_mib']:.0f} MiB ({r['open_mib']:.0f}) | verified |", flush=True)

if __name__ == "__main__":
    main()
