"""Every tunable of unkg in one table: name, default, help and type.

A setting is read from the environment as ``UNKG_<NAME>`` (upper case), else its default; :func:`value`
gives it as its type (``int``, ``float`` or ``str``) and names the variable when it is not one.

>>> SETTINGS["base_iri"].default, value("query_timeout")
('https://w3id.org/unkg/', 30.0)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from kg.errors import UnkgError

__all__ = ["Setting", "SETTINGS", "get", "value", "override", "default_store_path"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    type: type[str] | type[int] | type[float] = str

    @property
    def env(self) -> str:
        return "UNKG_" + self.name.upper()


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("base_iri", "https://w3id.org/unkg/", "Base IRI under which entities and graphs are minted."),
        Setting(
            "store",
            str(Path(platformdirs.user_data_dir("unkg")) / "store"),
            "Path of the persistent graph store used when --store is not given.",
        ),
        Setting("pdf_engine", "pdfium",
                "The engine that reads PDFs: pdfium (fast, the default) or pdfplumber (the reference; slow)."),
        Setting("pdf_max_pages", "2000", "A PDF with more pages is refused (a PDF bomb or not one document).", int),
        Setting("pdf_max_page_side", "5000",
                "A PDF page wider or taller than this many points (A4 is 595 x 842) is refused.", float),
        Setting("query_timeout", "30",
                "Seconds a query may take at the SPARQL endpoint (unkg serve) before it is answered with 503.", float),
        Setting("result_limit", "100000000",
                "Largest result, in bytes, that the SPARQL endpoint sends; a larger one is answered with 503.", int),
        Setting("query_workers", "4",
                "Queries the SPARQL endpoint evaluates at once, and as many entity pages and Graph Store reads in "
                "a pool of their own; further ones wait, within their time limit.", int),
        Setting("max_request_bytes", "10485760",
                "Largest request body, in bytes, that the SPARQL endpoint reads; a larger one is answered with 413.", int),
        Setting("update_token", "",
                "Bearer token that SPARQL Update requests and Graph Store writes must carry when unkg serve runs "
                "with --updates (empty: no updates)."),
    ]
}


def get(name: str) -> str:
    """The value of setting ``name``: the environment's ``UNKG_NAME`` or the default."""
    setting = SETTINGS[name]
    return os.environ.get(setting.env, setting.default)


def value(name: str) -> str | int | float:
    """The value of setting ``name`` as its type; :class:`UnkgError` naming the variable when it is not one.

    >>> import os; os.environ["UNKG_QUERY_WORKERS"] = "four"
    >>> value("query_workers")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kg.errors.UnkgError: UNKG_QUERY_WORKERS must be an int, not 'four'
    >>> del os.environ["UNKG_QUERY_WORKERS"]
    """
    setting = SETTINGS[name]
    text = get(name)
    try:
        return setting.type(text)
    except ValueError:
        raise UnkgError(f"{setting.env} must be a{'n' if setting.type is int else ''} {setting.type.__name__}, "
                        f"not {text!r}") from None


def override(name: str, value: str) -> None:
    """Set setting ``name`` for this process and the processes it starts (as ``UNKG_NAME``)."""
    os.environ[SETTINGS[name].env] = value


def default_store_path() -> Path:
    return Path(get("store"))
