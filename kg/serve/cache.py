"""Entity pages kept once rendered, for the next request of the same page, valid for one version of the store.

A State's page on the whole plenary record takes tens of milliseconds of Python work to read and render, and
under load hundreds of requests for the same two hundred States queue for the page workers. So the server
keeps each HTML entity page it renders, compressed (a State's page of 380 KB keeps in 17 KB), least recently
used first out once ``PAGE_CACHE_BYTES`` are held, and answers the next request for it from here, without a
worker. Invalidation is exact: a page is kept with the store's ``version`` (:class:`kg.store.Store`: it goes
up when a write starts and again when it ends), only when that version was even and did not change while the
page was read, and it is served only while the store is still at that version; any write made through the
store (an update or a Graph Store request through the endpoint, or any other) ends every page kept before it.

>>> cache = PageCache(1_000_000)
>>> cache.put("https://w3id.org/unkg/id/state/FRA", 2, b"<html>France</html>", now=2)
>>> cache.get("https://w3id.org/unkg/id/state/FRA", 2), cache.get("https://w3id.org/unkg/id/state/FRA", 4)
(b'<html>France</html>', None)
>>> cache.put("https://w3id.org/unkg/id/state/FRA", 4, b"<html>France</html>", now=5)  # a write began meanwhile
>>> cache.get("https://w3id.org/unkg/id/state/FRA", 4), len(cache)
(None, 0)
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict

__all__ = ["PageCache", "PAGE_CACHE_BYTES"]

PAGE_CACHE_BYTES = 32 * 1024 * 1024  # compressed bytes of pages kept (a State's page: about 17 KB)


class PageCache:
    """Rendered pages by IRI, each with the store version it was read at; thread-safe."""

    def __init__(self, max_bytes: int = PAGE_CACHE_BYTES):
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, tuple[int, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def get(self, iri: str, version: int) -> bytes | None:
        """The page of ``iri`` if one was kept at ``version`` (the store's version now), else None."""
        with self._lock:
            kept = self._pages.get(iri)
            if kept is None:
                return None
            if kept[0] != version:  # read before a write: never valid again
                self._drop(iri)
                return None
            self._pages.move_to_end(iri)
        return zlib.decompress(kept[1])

    def put(self, iri: str, version: int, page: bytes, *, now: int) -> None:
        """Keep ``page``, read at store version ``version``, if no write was under way then (an even version)
        and none began or ended since (``now``, the store's version once the page is made, is the same)."""
        if version % 2 or now != version:
            return
        packed = zlib.compress(page, 1)
        if len(packed) > self.max_bytes:
            return
        with self._lock:
            if iri in self._pages:
                self._drop(iri)
            self._pages[iri] = (version, packed)
            self._bytes += len(packed)
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._pages)))

    def _drop(self, iri: str) -> None:
        _, packed = self._pages.pop(iri)
        self._bytes -= len(packed)
