"""What ``unkg serve`` needs besides its store: :class:`ServeConfig`, whose values come from the settings
table (``kg.settings``, the one place where their defaults and meanings are written)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from kg import settings
from kg.errors import UnkgError

__all__ = ["ServeConfig", "BODY_TIMEOUT", "DISCARD_SECONDS", "KEEP_ALIVE", "MAX_HEADER_BYTES", "MAX_HEADERS"]

BODY_TIMEOUT = 60.0  # seconds a request body may stop arriving before the request is answered with 408
DISCARD_SECONDS = 2.0  # how long the rest of a refused body is read and dropped before the answer
KEEP_ALIVE = 60  # seconds an idle keep-alive connection stays open
MAX_HEADER_BYTES = 64 * 1024  # an address (414) or headers (431) longer than this are refused
MAX_HEADERS = 100  # a request with more headers is refused (431)


@dataclass(frozen=True)
class ServeConfig:
    """The endpoint's limits and address base, each defaulting to its setting (read when the config is made);
    ``update_token`` is None unless updates are enabled (:meth:`from_settings`)."""

    base_iri: str = field(default_factory=partial(settings.get, "base_iri"))
    query_timeout: float = field(default_factory=partial(settings.value, "query_timeout"))  # type: ignore[assignment]
    result_limit: int = field(default_factory=partial(settings.value, "result_limit"))  # type: ignore[assignment]
    query_workers: int = field(default_factory=partial(settings.value, "query_workers"))  # type: ignore[assignment]
    max_request_bytes: int = field(default_factory=partial(settings.value, "max_request_bytes"))  # type: ignore[assignment]
    update_token: str | None = None  # None: updates are refused
    log: bool = True

    @classmethod
    def from_settings(cls, *, updates: bool = False, log: bool = True) -> ServeConfig:
        """The settings as they stand; with ``updates``, the update token, which must then be set."""
        token = settings.get("update_token")
        if updates and not token:
            raise UnkgError("--updates needs a token: set UNKG_UPDATE_TOKEN (setting update_token)")
        return cls(update_token=token if updates else None, log=log)
