"""Nothing lost: a build killed while it writes leaves each document's graph absent or whole, and
the next run finishes the job; a second process cannot corrupt a store another one writes."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from kg.pipeline.build import sample_path
from kg.store import Store

GRAPH = "https://w3id.org/unkg/graph/A/73/505"
WRITER = """
import sys
from pathlib import Path
from kg.pipeline.build import build, sample_path
from kg.store import Store
store = Store.open(Path(sys.argv[1]))
print("open", flush=True)
while True:
    build([sample_path()], store, force=True, workers=1)
"""


def _unkg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120)


def test_a_build_killed_while_it_writes_leaves_whole_graphs(tmp_path):
    reference = Store.open(None)
    from kg.pipeline.build import build

    build([sample_path()], reference)
    whole = reference.count(GRAPH)
    rng = random.Random(7)
    path = tmp_path / "store"
    for _ in range(5):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "open"
        time.sleep(rng.uniform(0.05, 1.5))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        store = Store.open(path)
        assert store.count(GRAPH) in (0, whole)
        del store
    run = _unkg("build", "--store", str(path), "--force")
    assert run.returncode == 0, run.stderr
    assert Store.open(path).count(GRAPH) == whole


def test_a_second_writer_is_refused_and_a_reader_still_reads(tmp_path):
    path = tmp_path / "store"
    assert _unkg("build", "--store", str(path)).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        second = _unkg("build", "--store", str(path))
        assert second.returncode == 2
        assert f"unkg: the store at {path} is in use by another unkg process that writes to it" in second.stderr
        reader = _unkg("query", "drafts", "--format", "csv", "--store", str(path))
        assert reader.returncode == 0 and "A/C.1/73/L.37" in reader.stdout
    finally:
        holder.kill()
        holder.wait()
    assert Store.open(path).count(GRAPH) > 0


def test_read_only_views_open_while_a_build_writes_without_pause(tmp_path):
    """Opening a read-only view meets, now and then, the writer replacing the database's list of files: each
    of a hundred opens in a row still gives the whole graph."""
    path = tmp_path / "store"
    assert _unkg("build", "--store", str(path)).returncode == 0
    expected = Store.open(path).count(GRAPH)
    holder = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        for _ in range(100):
            assert Store.open(path, write=False).count(GRAPH) in (0, expected)  # a graph is replaced whole
    finally:
        holder.kill()
        holder.wait()
