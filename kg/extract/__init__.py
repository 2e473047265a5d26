"""Extractors: source readers by file kind, the layout, and parsers per kind of document.

Extractors return plain records (``kg.model.records``) and never import rdflib. A document of a kind
that unkg recognises but does not read (a note by the Secretariat, a programme of work, a statement of
programme budget implications, a letter) raises ``NotRead`` with its kind and the reason, so that a
folder run lists it as skipped; a draft or a resolution (known by its symbol) that cannot be read raises
``SourceError`` naming the page, line and rule.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg import symbols
from kg.errors import InvalidDate, SourceError, UnkgError
from kg.extract.draft import is_draft, parse_draft
from kg.extract.layout import Layout, Line, assemble, normalise_space
from kg.extract.pdf import read_pdf
from kg.extract.report import is_committee_report, parse_report
from kg.extract.resolution import is_resolution, parse_resolution
from kg.extract.text import read_text
from kg.model.records import CommitteeReport, Document, DraftText, Resolution
from kg.reference.register import Register

__all__ = ["READERS", "KINDS", "OTHER_KINDS", "NotRead", "read_layout", "identify", "extract", "other_kind",
           "kind_of", "kind_by_symbol"]

# Readers by file suffix: each gives the classified lines of one file.
READERS: dict[str, Callable[[Path], list[Line]]] = {".txt": read_text, ".pdf": read_pdf}

# Kinds of document: how to recognise one (from its layout and symbol) and its parser.
KINDS: dict[str, tuple[Callable[[Layout, str], bool], Callable[[Layout, str, str, Register], Document]]] = {
    "committee report": (lambda layout, symbol: is_committee_report(layout), parse_report),
    "resolution": (is_resolution, parse_resolution),
    "draft": (is_draft, parse_draft),
}

# Kinds of document that unkg recognises by a line of their heading but does not read, in order:
#   "Organization of work of the Second Committee" / "Note by the Secretariat"  (A/C.2/80/L.1)
#   "Programme budget implications of draft resolution A/C.3/80/L.12" /
#   "Statement submitted by the Secretary-General in accordance with rule 153 of the rules of procedure"
#   "Letter dated 3 October 2025 from the Permanent Representative of ... addressed to the Secretary-General"
OTHER_KINDS: dict[str, re.Pattern[str]] = {
    "programme of work": re.compile(r"^(?:Organization of (?:the )?work|(?:Draft |Tentative )?[Pp]rogramme of work)\b"),
    "statement of programme budget implications": re.compile(
        r"^(?:Programme budget implications of (?:draft|the draft|revised draft)\b"
        r"|Statement submitted by the Secretary-General in accordance with rule 153\b)"),
    "note": re.compile(r"^Note by the (?:Secretariat|Secretary-General|Chair|President|Bureau|Rapporteur)\b"),
    "letter": re.compile(r"^Letter dated \d{1,2} \w+ \d{4} from\b"),
    "report of the Secretary-General": re.compile(r"^Report of the Secretary-General$"),
}
# where a heading ends: "The General Assembly," opens the text of a draft or resolution; a heading is short
_TEXT_OPENS = re.compile(r"^The General Assembly\b")
_HEADING_LINES = 40


@dataclass
class NotRead(UnkgError):
    """A document of a kind unkg does not read: skipped, never half-read, and never a failure of the run."""

    document: str  # the file's name
    kind: str
    reason: str
    symbol: str = ""

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.document}: {self.reason}"


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


def other_kind(layout: Layout) -> tuple[str, str] | None:
    """The kind of a document that unkg recognises but does not read, from the lines of its first page's
    heading (before "The General Assembly,"), and the line that tells it; None for any other document."""
    heading = []
    for line in layout.lines:
        if line.page != 1 or len(heading) >= _HEADING_LINES:
            break
        if line.kind != "body":
            continue
        text = normalise_space(line.text)
        if _TEXT_OPENS.match(text):
            break
        heading.append(text)
    found = [(kind, text) for text in heading for kind, pattern in OTHER_KINDS.items() if pattern.match(text)]
    if not found:
        return None
    kinds = {kind for kind, _ in found}
    # "Organization of work" names a programme of work only in a note, not as the title of a draft
    if "programme of work" in kinds and len(kinds) == 1:
        return None
    kind, text = next((k, t) for k, t in found if k == min(kinds, key=list(OTHER_KINDS).index))
    return kind, text


def kind_by_symbol(symbol: str) -> str | None:
    """The kind a symbol promises among those unkg reads: ``resolution`` (A/RES/…), ``draft`` (…/L.n), else None."""
    return {"ga-resolution": "resolution", "draft": "draft"}.get(symbols.kind(symbol))


def kind_of(record: Document) -> str:
    """The kind of a record as ``unkg build`` counts it."""
    if isinstance(record, CommitteeReport):
        return "committee report"
    if isinstance(record, Resolution):
        return "resolution"
    assert isinstance(record, DraftText)
    return "draft"


def extract(path: Path, register: Register, symbol: str | None = None) -> Document:
    """The records of one source file, by the kind of document it is; ``NotRead`` for a kind unkg does not
    read, ``SourceError`` for a document that breaks a rule of its kind."""
    content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    layout = read_layout(path)
    found = identify(layout, path, symbol)
    other = other_kind(layout)
    if other:
        kind, line = other
        raise NotRead(path.name, kind, f"{found} is a {kind} (“{line}”), not a kind unkg reads", found)
    for recognise, parse in KINDS.values():
        if recognise(layout, found):
            try:
                return parse(layout, found, content_hash, register)
            except InvalidDate as exc:
                raise SourceError(found, str(exc), rule="valid-date") from None
    promised = kind_by_symbol(found)
    if promised:
        first = next((line for line in layout.lines if line.kind == "body"), None)
        raise SourceError(found, f"the symbol names a {promised}, but its heading is not one unkg reads "
                          f"({', '.join(KINDS)})", rule="known-document-kind",
                          page=first.page if first else None, line=first.number if first else None)
    raise NotRead(path.name, "other", f"{found} is not a document of a kind unkg reads ({', '.join(KINDS)})", found)
