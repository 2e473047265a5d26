"""``/`` and ``/static/…``: the query page and the files it loads (YASGUI's bundle, ``query.js``, and the one
stylesheet of ``kg.html``), all served from the package so that nothing is loaded from elsewhere; each file
with an ETag, so that a browser asks again cheaply (304)."""

from __future__ import annotations

import hashlib
from importlib.resources import files

from kg.html import STYLESHEET
from kg.serve.negotiation import HTML
from kg.serve.request import Call
from kg.serve.runner import Answer, text

__all__ = ["files_by_name", "query_page", "asset"]

_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def files_by_name() -> dict[str, tuple[bytes, str, str]]:
    """The query page's assets by name: content, media type, ETag."""
    found = {entry.name: entry.read_bytes() for entry in files("kg.serve").joinpath("static").iterdir()
             if entry.name[entry.name.rfind("."):] in _TYPES}
    found[STYLESHEET.name] = STYLESHEET.read_bytes()
    return {name: (data, _TYPES[name[name.rfind("."):]], '"' + hashlib.sha256(data).hexdigest()[:20] + '"')
            for name, data in found.items()}


async def query_page(call: Call) -> Answer:
    """``/``: the SPARQL query page."""
    await call.body()
    return Answer(200, await call.app.query_page(), HTML.media_type)


async def asset(call: Call) -> Answer:
    """``/static/NAME``: one of the files, by its name only (no path reaches anything else)."""
    await call.body()
    found = call.app.static.get(call.path.removeprefix("/static/"))
    if found is None:
        return text(404, f"no file {call.path.removeprefix('/static/')!r}")
    data, media_type, etag = found
    headers = (("ETag", etag), ("Cache-Control", "public, max-age=3600"))
    if call.header("If-None-Match") == etag:
        return Answer(304, b"", media_type, headers)
    return Answer(200, data, media_type, headers)
