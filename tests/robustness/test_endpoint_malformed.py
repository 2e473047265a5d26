"""Requests that break the rules of HTTP or of the SPARQL protocol get a 4xx answer, never a 500 and never a
dropped connection where HTTP allows an answer, and the server keeps answering: bodies over
``max_request_bytes``, bodies and addresses that are not UTF-8 or not well %-encoded, a ``Content-Length``
that lies, absurd headers, unknown methods, paths with ``..`` and NUL bytes, malformed chunked bodies.
Raw bytes on a socket, so that nothing is tidied up on the way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from endpoint_support import JSON, ask, fetch, raw, running, statuses

import kg.serve.config
from kg.serve.app import Server
from kg.store import Store

LIMIT = 100_000  # max_request_bytes of the server under test
ASK = b"ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[Server]:
    with running(store, max_request_bytes=LIMIT) as s:
        yield s


@pytest.fixture(autouse=True)
def stays_up(server: Server, capsys) -> Iterator[None]:
    """After each test the server still answers, and it logged no error."""
    yield
    assert ask(server.url, "ASK { ?s ?p ?o }").status == 200
    assert "Traceback" not in capsys.readouterr().err


def post(path: bytes, headers: bytes, body: bytes) -> bytes:
    return b"POST " + path + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + b"\r\n" + body


def answer(server: Server, data: bytes, **options: object) -> tuple[int, bytes]:
    """The status of the one answer to ``data`` and the whole answer."""
    received = raw(server.url, data, **options)  # type: ignore[arg-type]
    found = statuses(received)
    assert len(found) == 1, received[:500]
    return found[0], received


SPARQL_QUERY = b"Content-Type: application/sparql-query\r\n"


def test_a_body_over_the_limit_gets_413_which_the_client_reads(server: Server):
    big = b"ASK {} #" + b"x" * (3 * LIMIT)
    # http.client sends the whole body before it reads: it gets the answer, not a reset connection
    response = fetch(server.url, "POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert response.status == 413 and "(setting max_request_bytes)" in response.text
    assert answer(server, post(b"/sparql", SPARQL_QUERY + b"Content-Length: %d\r\n" % len(big), big))[0] == 413
    # a client that asks first is told before it sends
    status, _ = answer(server, post(b"/sparql", SPARQL_QUERY + b"Expect: 100-continue\r\nContent-Length: %d\r\n"
                                    % len(big), b""))
    assert status == 413
    # chunked, with no length announced
    chunks = b"".join(b"%x\r\n%s\r\n" % (10_000, b"x" * 10_000) for _ in range(30)) + b"0\r\n\r\n"
    assert answer(server, post(b"/sparql", SPARQL_QUERY + b"Transfer-Encoding: chunked\r\n", chunks))[0] == 413
    # and a body within the limit is read
    within = b"ASK {} #" + b"x" * (LIMIT - 100)
    assert fetch(server.url, "POST", "/sparql", within, {"Content-Type": "application/sparql-query", **JSON}).status == 200


@pytest.mark.parametrize("content_type, body", [
    (b"application/sparql-query", b"ASK { ?s ?p \"\xff\xfe\" }"),
    (b"application/sparql-update", b"INSERT DATA { <x:s> <x:p> \"\xc3\x28\" }"),
    (b"application/x-www-form-urlencoded", b"query=ASK%20%7B%7D\xff"),
    (b"application/x-www-form-urlencoded", b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D"),
    (b"application/x-www-form-urlencoded", b"query=ASK%2%7B%7D"),
    (b"application/sparql-query; charset=latin-1", b"ASK { ?s ?p \"\xe9\" }"),
])
def test_a_body_that_is_not_utf8_or_not_well_encoded_gets_4xx(server: Server, content_type: bytes, body: bytes):
    status, received = answer(server, post(b"/sparql", b"Content-Type: " + content_type + b"\r\nContent-Length: %d\r\n"
                                           % len(body), body))
    assert status in (400, 415), received


@pytest.mark.parametrize("target", [
    b"/sparql?query=ASK%ZZ%7B%7D", b"/sparql?query=ASK%7B%7D%", b"/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%22%E9%22%7D",
    b"/id/state/%ZZ", b"/id/state/FRA%C3", b"/id/state/\xc3\xa9", b"/id/state/FRA\x00", b"/sparql?query=ASK\x01{}",
])
def test_an_address_not_well_encoded_gets_400(server: Server, target: bytes):
    status, received = answer(server, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status == 400, received


@pytest.mark.parametrize("target", [b"/id/state/FRA%00", b"/static/unkg.css%00.js", b"/sparql?query=ASK%00%7B%7D",
                                    b"/%00"])
def test_a_nul_byte_escaped_in_an_address_gets_4xx(server: Server, target: bytes):
    status, received = answer(server, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status in (400, 404), received


@pytest.mark.parametrize("target", [b"/static/../serve.py", b"/static/..%2F..%2Fkg%2Fserve.py", b"/../../etc/passwd",
                                    b"/static/%2e%2e/%2e%2e/pyproject.toml", b"/id/../../../etc/passwd",
                                    b"//etc/passwd", b"/static//etc/passwd"])
def test_dot_dot_in_a_path_reaches_no_file(server: Server, target: bytes):
    status, received = answer(server, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status == 404, received
    assert b"root:" not in received and b"import" not in received and b"[project]" not in received


def test_a_content_length_that_lies_gets_400_or_408(server: Server, monkeypatch):
    # longer than the body, which ends with the connection's sending side: the request never ends, so it is
    # not answered (the server closes the connection, and goes on serving: see stays_up)
    assert statuses(raw(server.url, post(b"/sparql", SPARQL_QUERY + b"Content-Length: 1000\r\n", ASK),
                        half_close=True)) == []
    # longer than the body, and the client waits: 408 once the body stops arriving
    monkeypatch.setattr(kg.serve.config, "BODY_TIMEOUT", 1)
    status, received = answer(server, post(b"/sparql", SPARQL_QUERY + b"Content-Length: 1000\r\n", ASK), timeout=10)
    assert status == 408
    monkeypatch.undo()
    # not a number, negative, two different ones
    for header in (b"Content-Length: abc\r\n", b"Content-Length: -5\r\n", b"Content-Length: 1_6\r\n",
                   b"Content-Length: 16\r\nContent-Length: 15\r\n"):
        status, received = answer(server, post(b"/sparql", SPARQL_QUERY + header, ASK))
        assert status == 400, (header, received)
    # shorter than the body: the first request gets what its length says ("ASK", a syntax error), and the rest
    # is not a request: the HTTP parser answers it with 400 and closes
    received = raw(server.url, b"POST /sparql HTTP/1.1\r\nHost: x\r\n" + SPARQL_QUERY + b"Content-Length: 3\r\n\r\n"
                   + ASK + b"\r\n\r\n")
    assert statuses(received) == [400, 400] and b"SPARQL syntax error" in received
    assert b"Invalid HTTP request" in received


@pytest.mark.parametrize("chunks", [b"-5\r\nASK {}\r\n0\r\n\r\n", b"zz\r\nASK {}\r\n0\r\n\r\n",
                                    b"6\r\nASK {}XX0\r\n\r\n", b"6 6\r\nASK {}\r\n0\r\n\r\n"])
def test_a_malformed_chunked_body_gets_400(server: Server, chunks: bytes):
    status, _ = answer(server, post(b"/sparql", SPARQL_QUERY + b"Transfer-Encoding: chunked\r\n", chunks),
                       half_close=True)
    assert status == 400


def test_a_chunk_shorter_than_its_size_is_not_taken_for_a_request(server: Server):
    """A chunk that announces 16 bytes and brings 13 before the client stops sending leaves the body unfinished:
    no answer is possible, nothing of it is evaluated, and the connection is closed."""
    received = raw(server.url, post(b"/sparql", SPARQL_QUERY + b"Transfer-Encoding: chunked\r\n",
                                    b"10\r\nASK {}\r\n0\r\n\r\n"), half_close=True)
    assert statuses(received) == []


def test_absurd_headers_get_4xx(server: Server):
    many = b"".join(b"X-H%d: y\r\n" % i for i in range(10_000))
    assert answer(server, b"GET / HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")[0] == 431
    assert answer(server, b"GET / HTTP/1.1\r\nHost: x\r\n" + many * 10 + b"\r\n")[0] in (400, 431)
    long = b"X-Long: " + b"y" * 100_000 + b"\r\n"
    assert answer(server, b"GET / HTTP/1.1\r\nHost: x\r\n" + long + b"\r\n")[0] == 431
    assert answer(server, b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")[0] == 414
    odd = (b"Host: <script>\r\nAccept: a/b;q=nan, */*;q=inf, ;;;, ,\r\nAuthorization: Bearer \xff\xfe\r\n"
           b"Content-Type: application/sparql-query; charset=\"\xff\"\r\nIf-None-Match: \x01\r\nConnection: close\r\n")
    assert answer(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n" + odd + b"\r\n")[0] == 200
    # post() adds a second Host, which RFC 9112 says to answer with 400; with one, the odd charset gets 415
    assert answer(server, post(b"/sparql", odd.replace(b"Connection: close\r\n", b"") + b"Content-Length: 6\r\n",
                               b"ASK {}"))[0] == 400
    assert answer(server, b"POST /sparql HTTP/1.1\r\n" + odd + b"Content-Length: 6\r\n\r\nASK {}")[0] == 415


@pytest.mark.parametrize("method", [b"FROB", b"TRACE", b"CONNECT", b"PROPFIND", b"get"])
def test_an_unknown_method_gets_405(server: Server, method: bytes):
    status, received = answer(server, method + b" /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status == 405 and b"allow: get, head, post, options" in received.lower()


def test_a_method_that_is_not_an_http_token_gets_400(server: Server):
    status, received = answer(server, b"G\x01T /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status == 400 and b"Invalid HTTP request" in received


def test_garbage_gets_400(server: Server):
    """A request line that is not HTTP (a TLS handshake, a bare method, a version with more after it, empty lines
    alone) gets the HTTP parser's 400, and the connection is closed."""
    for data in (b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/1.1 x\r\n\r\n",
                 b"\r\n\r\n\r\n"):
        received = raw(server.url, data)
        assert statuses(received) == [400], received


def test_a_body_with_a_get_is_dropped_not_taken_for_the_next_request(server: Server):
    smuggled = b"GET /id/state/FRA HTTP/1.1\r\nHost: x\r\n\r\n"
    length = b"Content-Length: " + str(len(smuggled)).encode() + b"\r\n\r\n"
    data = (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n" + length + smuggled
            + b"OPTIONS /sparql HTTP/1.1\r\nHost: x\r\n" + length + smuggled
            + b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert statuses(raw(server.url, data)) == [200, 204, 200]
