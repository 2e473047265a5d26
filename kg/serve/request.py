"""One request as the routes see it (:class:`Call`): method, headers, the path and parameters decoded strictly
(400 for a bad %-escape or bytes that are not UTF-8, where a lenient decoder would guess), and the body read
under the limits: 413 past ``max_request_bytes`` (told before the body is sent to a client that asks with
``Expect: 100-continue``), 408 when it stops arriving. HTTP itself (request line, headers, Content-Length,
chunked bodies) is parsed by the server, uvicorn."""

from __future__ import annotations

import asyncio
import re
import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote

from starlette.requests import Request

from kg.serve import config
from kg.serve.runner import Answer, Refuse, text

if TYPE_CHECKING:
    from kg.serve.app import App

__all__ = ["Call", "VARY", "unquote_strict", "form"]

VARY = (("Vary", "Accept"),)
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$")
_UNSAFE_TARGET = re.compile(rb"[^\x21-\x7e]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def unquote_strict(encoded: str, what: str) -> str:
    """``encoded`` with its %-escapes decoded; :class:`Refuse` (400) for a bad escape or bytes that are not UTF-8.

    >>> unquote_strict("/id/state/C%C3%B4te", "the path")
    '/id/state/Côte'
    >>> unquote_strict("/id/%ZZ", "the path")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kg.serve.runner.Refuse: 400
    """
    if _BAD_ESCAPE.search(encoded):
        raise Refuse(text(400, f"{what} holds a % that is not followed by two hexadecimal digits"))
    try:
        return unquote(encoded, errors="strict")
    except UnicodeDecodeError:
        raise Refuse(text(400, f"{what} is not UTF-8 once its %-escapes are decoded")) from None


def form(encoded: str, what: str) -> dict[str, list[str]]:
    """The fields of a query string or of a form, decoded as strictly as :func:`unquote_strict`."""
    if _BAD_ESCAPE.search(encoded):
        raise Refuse(text(400, f"{what} holds a % that is not followed by two hexadecimal digits"))
    try:
        return parse_qs(encoded, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise Refuse(text(400, f"{what} is not UTF-8 once its %-escapes are decoded")) from None


class Call:
    """The request being answered, with the server's state (``app``)."""

    def __init__(self, request: Request, app: App):
        self.request, self.app = request, app
        self.method = request.method
        self.headers = request.headers
        raw_path: bytes = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
        query: bytes = request.scope.get("query_string", b"")
        if _UNSAFE_TARGET.search(raw_path) or _UNSAFE_TARGET.search(query):
            raise Refuse(text(400, "the address holds a space, a control character or a byte that is not ASCII: "
                                   "%-encode it"))
        self.path = unquote_strict(raw_path.decode("ascii"), "the path")
        self.params = form(query.decode("ascii"), "the query string")

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name, default)

    def server_url(self) -> str:
        """This server's address as the client named it (``Host``), else as it listens."""
        host = self.header("Host")
        if not _HOST.match(host):
            host = self.app.authority
        return f"http://{host}"

    async def body(self) -> bytes:
        """The request's body (b"" when it has none), read whole: 408 or 413 when it is not as allowed."""
        limit = self.app.config.max_request_bytes
        length = self.header("Content-Length").strip()
        if length.isdigit() and int(length) > limit:  # the parser has checked that it is one number
            await self._discard()
            raise Refuse(self._too_large())
        parts: list[bytes] = []
        size = 0
        while True:
            try:
                message = await asyncio.wait_for(self.request.receive(), config.BODY_TIMEOUT)
            except TimeoutError:
                raise Refuse(text(408, f"the body stopped arriving for {config.BODY_TIMEOUT:g} s")) from None
            if message["type"] == "http.disconnect":
                raise Refuse(text(400, "the connection closed before the body was complete"))
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._discard()
                raise Refuse(self._too_large())
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts)

    def _too_large(self) -> Answer:
        return text(413, f"the request body is larger than {self.app.config.max_request_bytes:,} bytes "
                         "(setting max_request_bytes)", ("Connection", "close"))

    async def _discard(self) -> None:
        """Read and drop the rest of a refused body for at most ``DISCARD_SECONDS``: a client that sends its whole
        body before it reads then gets the answer instead of a connection reset under it. A client that asked
        with ``Expect: 100-continue`` is answered at once (asking for the body would tell it to send)."""
        if self.header("Expect").lower() == "100-continue":
            return
        deadline = time.monotonic() + config.DISCARD_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await asyncio.wait_for(self.request.receive(), left)
            except TimeoutError:
                return
            if message["type"] == "http.disconnect" or not message.get("more_body", False):
                return
