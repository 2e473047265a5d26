"""Extractors: source readers by file kind, the layout, and parsers per kind of document.

Extractors return plain records (``kg.model.records``) and never import rdflib.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from kg import symbols
from kg.errors import InvalidDate, SourceError
from kg.extract.draft import is_draft, parse_draft
from kg.extract.layout import Layout, Line, assemble
from kg.extract.pdf import read_pdf
from kg.extract.report import is_committee_report, parse_report
from kg.extract.resolution import is_resolution, parse_resolution
from kg.extract.text import read_text
from kg.model.records import Document
from kg.reference.register import Register

__all__ = ["READERS", "KINDS", "read_layout", "identify", "extract"]

# Readers by file suffix: each gives the classified lines of one file.
READERS: dict[str, Callable[[Path], list[Line]]] = {".txt": read_text, ".pdf": read_pdf}

# Kinds of document: how to recognise one (from its layout and symbol) and its parser.
KINDS: dict[str, tuple[Callable[[Layout, str], bool], Callable[[Layout, str, str, Register], Document]]] = {
    "committee report": (lambda layout, symbol: is_committee_report(layout), parse_report),
    "resolution": (is_resolution, parse_resolution),
    "draft": (is_draft, parse_draft),
}

_COVER_SYMBOL = re.compile(r"^\s*(" + symbols.SYMBOL_RE.pattern + r")\s*$")


def read_layout(path: Path) -> Layout:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise SourceError(path.name, f"no reader for {path.suffix or 'files without a suffix'} "
                          f"(known: {', '.join(sorted(READERS))})", rule="known-file-kind")
    return assemble(path.name, reader(path))


def identify(layout: Layout, path: Path, given: str | None) -> str:
    """The document's symbol: as given by the caller, else from its cover page or running header,
    else from its file name in the UN's form (``A_73_505.txt``)."""
    if given:
        return symbols.normalise(given)
    first_page = [line for line in layout.lines if line.page == 1 and line.kind in ("header", "body")]
    for line in sorted(first_page, key=lambda line: line.kind != "header")[:40]:
        m = _COVER_SYMBOL.match(line.text)
        if m:
            return m.group(1)
    from_name = symbols.from_filename(path.name)
    if from_name:
        return from_name
    raise SourceError(path.name, "no symbol: not on a cover page or in a header, not in the file name "
                      "(A_73_505.txt), and none given with --symbol", rule="document-identity")


def extract(path: Path, register: Register, symbol: str | None = None) -> Document:
    """The records of one source file, by the kind of document it is."""
    content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    layout = read_layout(path)
    found = identify(layout, path, symbol)
    for recognise, parse in KINDS.values():
        if recognise(layout, found):
            try:
                return parse(layout, found, content_hash, register)
            except InvalidDate as exc:
                raise SourceError(found, str(exc), rule="valid-date") from None
    raise SourceError(path.name, f"{found} is not a document of a kind unkg reads ({', '.join(KINDS)})",
                      rule="known-document-kind")
