"""Helpers of the publish tests (and of ``tests/benchmarks/bench_publish.py``): two real triple stores, each
started on a free loopback port and stopped on leaving the ``with`` block: the Oxigraph server (the ``oxigraph``
package from PyPI) and OpenLink Virtuoso (Debian's ``virtuoso-opensource``, in a folder with a ``virtuoso.ini``
of its own); and a SPARQL SELECT client. ``.ci/run`` installs both stores."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

VIRTUOSO_INI = """[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
; one thread per query: on a busy machine, Virtuoso 7.2's parallel evaluation left out rows of the query
; sponsors (three runs in three with every core busy), and none with one thread
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = .
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@dataclass(frozen=True)
class Endpoints:
    """A running triple store: its Graph Store, SPARQL query and SPARQL update endpoints."""

    name: str
    store: str
    query: str
    update: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def select(endpoint: str, query: str) -> tuple[list[str], list[dict[str, str]]]:
    """The columns and rows (values as text) of a SELECT sent to a SPARQL endpoint."""
    request = urllib.request.Request(endpoint, data=urlencode({"query": query}).encode(), method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.load(response)
            state = response.headers.get("X-SQL-State")  # Virtuoso: "S1TAT", the answer cut at its time limit
            if state:
                raise AssertionError(f"{endpoint} answered in part ({state}: {response.headers.get('X-SQL-Message')})"
                                     f"\n{query}")
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"{endpoint} answered {exc.code}: {exc.read(2000).decode(errors='replace')}\n{query}") from exc
    columns = answer["head"]["vars"]
    return columns, [{c: b[c]["value"] for c in columns if c in b} for b in answer["results"]["bindings"]]


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    """Until the server at ``url`` answers, or its process ends (a server that never answers is ended by the
    test's timeout, pytest-timeout's, not by a guess of how long a start may take on a busy machine)."""
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _executable(name: str) -> str:
    found = shutil.which(name) or str(Path(sysconfig.get_path("scripts")) / name)
    assert Path(found).exists(), f"{name} is not installed (.ci/run installs it)"
    return found


@contextmanager
def oxigraph(folder: Path) -> Iterator[Endpoints]:
    """``oxigraph serve`` over a store in ``folder``; its default graph is the union of the graphs."""
    port = free_port()
    log = folder / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([_executable("oxigraph"), "serve", "--location", str(folder / "data"),
                                    "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                   stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{url}/query?query=ASK%7B%7D", process, log)
        yield Endpoints("Oxigraph", f"{url}/store", f"{url}/query", f"{url}/update")
    finally:
        _stop(process)


@contextmanager
def virtuoso(folder: Path) -> Iterator[Endpoints]:
    """Virtuoso with its database in ``folder``, SPARQL Update granted to its anonymous SPARQL user."""
    http_port, sql_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port))
    log = folder / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([_executable("virtuoso-t"), "+foreground", "+configfile", "virtuoso.ini"],
                                   cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        _wait(f"{url}/sparql?query=ASK%7B%7D", process, log)
        subprocess.run([_executable("isql-vt"), f"127.0.0.1:{sql_port}", "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], check=True, capture_output=True, timeout=60)
        yield Endpoints("Virtuoso", f"{url}/sparql-graph-crud", f"{url}/sparql", f"{url}/sparql")
    finally:
        _stop(process)
