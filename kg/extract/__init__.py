"""Extractors: source readers by file kind, the layout, and parsers per kind of document.

Extractors return plain records (``kg.model.records``) and never import rdflib.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from kg import symbols
from kg.errors import SourceError
from kg.extract.layout import Layout, Line, assemble
from kg.extract.report import is_committee_report, parse_report
from kg.extract.text import read_text
from kg.model.records import CommitteeReport
from kg.reference.register import Register

__all__ = ["READERS", "read_layout", "identify", "extract"]

# Readers by file suffix: each gives the classified lines of one file.
READERS: dict[str, Callable[[Path], list[Line]]] = {".txt": read_text}

_COVER_SYMBOL = re.compile(r"^\s*(A/\d+/\d+(?:/Rev\.\d+)?)\s*$")


def read_layout(path: Path) -> Layout:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise SourceError(path.name, f"no reader for {path.suffix or 'files without a suffix'} "
                          f"(known: {', '.join(sorted(READERS))})", rule="known-file-kind")
    return assemble(path.name, reader(path))


def identify(layout: Layout, path: Path, given: str | None) -> str:
    """The document's symbol: as given by the caller, else from its cover page, else from its file name."""
    if given:
        return symbols.normalise(given)
    for line in layout.lines[:40]:
        m = _COVER_SYMBOL.match(line.text)
        if m and line.page == 1:
            return m.group(1)
    from_name = symbols.from_filename(path.name)
    if from_name:
        return from_name
    raise SourceError(path.name, "no symbol: not on a cover page, not in the file name (A_73_505.txt), "
                      "and none given with --symbol", rule="document-identity")


def extract(path: Path, register: Register, symbol: str | None = None) -> CommitteeReport:
    """The records of one source file."""
    content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    layout = read_layout(path)
    found = identify(layout, path, symbol)
    if not is_committee_report(layout):
        raise SourceError(path.name, f"{found} is not a document of a kind unkg reads (a committee report)",
                          rule="known-document-kind")
    return parse_report(layout, found, content_hash, register)
