"""Helpers of the endpoint's robustness tests (``test_endpoint_*.py``): ``unkg serve`` in a process of its own,
a server in a thread of the test process, HTTP requests whole or as raw bytes, and a loopback "other host"
that records every request it gets.

A server that is sent queries built to exhaust it runs in its own process: a query abandoned at its deadline
runs on in Oxigraph, which cannot be interrupted, and only ends with its process (killed when the test ends).
"""

from __future__ import annotations

import http.client
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from serve.serve_support import Response, fetch, running  # noqa: F401 - the tests import them from here

TOKEN = "robust-token"
BASE = "https://w3id.org/unkg/"
JSON = {"Accept": "application/sparql-results+json"}


def ask(url: str, query: str, headers: dict[str, str] | None = None) -> Response:
    return fetch(url, "GET", "/sparql?" + urlencode({"query": query}), headers={**JSON, **(headers or {})})


def raw(url: str, data: bytes, *, half_close: bool = False, timeout: float = 10) -> bytes:
    """Send ``data`` as it is on a new connection (shutting down the sending side after it when ``half_close``)
    and return all that comes back until the server closes the connection or ``timeout`` passes."""
    address = urlsplit(url)
    with socket.create_connection((address.hostname, address.port), timeout=timeout) as connection:
        connection.sendall(data)
        if half_close:
            connection.shutdown(socket.SHUT_WR)
        received = b""
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except (TimeoutError, ConnectionResetError):
            pass
        return received


def statuses(received: bytes) -> list[int]:
    """The status codes of the HTTP/1.x answers in ``received``, in order, each found after the body of the one
    before (by its Content-Length); what follows an answer that is not HTTP/1.x is left out."""
    found = []
    while (status := re.match(rb"HTTP/1\.[01] (\d{3}) [^\r\n]*\r\n", received)) and b"\r\n\r\n" in received:
        head, _, received = received.partition(b"\r\n\r\n")
        found.append(int(status.group(1)))
        length = re.search(rb"\r\nContent-Length: (\d+)", head, re.I)
        received = received[int(length.group(1)) if length else 0:]
    return found


@dataclass
class Served:
    """``unkg serve`` running in a process of its own: its address, the process and its log (stderr)."""

    url: str
    process: subprocess.Popen[str]
    log: Path

    def stop(self, timeout: float = 15) -> int:
        """Ctrl-C, as a person stops it; the exit status."""
        self.process.send_signal(2)
        return self.process.wait(timeout)


@contextmanager
def unkg_serve(store: Path, log: Path, *, updates: bool = False, **settings: object) -> Iterator[Served]:
    """``unkg serve --store STORE`` on a free loopback port, with the settings given (``query_timeout=2`` sets
    ``UNKG_QUERY_TIMEOUT``) and no other ``UNKG_`` variable; killed at the end of the block if still running."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNKG_")}
    env.update({f"UNKG_{name.upper()}": str(value) for name, value in settings.items()})
    command = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", "--quiet"]
    with log.open("w", encoding="utf-8") as errors:
        process = subprocess.Popen(command + (["--updates"] if updates else []), stdout=subprocess.PIPE,
                                   stderr=errors, text=True, env=env)
    try:
        assert process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline())
        assert found, log.read_text(encoding="utf-8")
        yield Served(found.group(0), process, log)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        if process.stdout is not None:
            process.stdout.close()


@dataclass
class OtherHost:
    """A loopback HTTP server standing for another host: it records every request and answers a path ending in
    ``.ttl`` with Turtle (for LOAD) and any other with an empty SPARQL JSON result (for SERVICE)."""

    url: str
    requests: list[str] = field(default_factory=list)


TURTLE = b'<http://example.org/robust/loaded> <http://example.org/robust/p> "loaded from elsewhere" .\n'


@contextmanager
def other_host() -> Iterator[OtherHost]:
    host = OtherHost("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's names
            host.requests.append(f"{self.command} {self.path}")
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body, media_type = ((TURTLE, "text/turtle") if urlsplit(self.path).path.endswith(".ttl") else
                                (b'{"head":{"vars":["s"]},"results":{"bindings":[]}}', "application/sparql-results+json"))
            self.send_response(200)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            """Quiet."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    host.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield host
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
