"""From classified lines to the document's structure: sections of body text, footnotes, markers.

Every reader (text, PDF) hands over ``Line`` records; this module joins the body lines of
each section into one passage, keeps a map from each character back to its line and page,
separates the footnotes, and takes footnote markers out of the prose, remembering which
footnote each one points to.

>>> lines = [Line(1, 1, "body", " I. Introduction "), Line(2, 1, "body", "The voting was as follows: 3 "),
...          Line(3, 1, "rule", "_____"), Line(4, 1, "footnote", " 3  Subsequently the delegation ...")]
>>> doc = assemble("toy.txt", lines)
>>> section = doc.sections[0]
>>> section.heading, section.passage.text, section.passage.markers[0].footnote.number
('I. Introduction', 'The voting was as follows:', 3)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg import symbols
from kg.model.records import Evidence

__all__ = ["Line", "Footnote", "Marker", "Passage", "Section", "Layout", "assemble", "normalise_space", "take_markers", "footnotes_of"]


@dataclass(frozen=True)
class Line:
    """One line as a reader found it: number in the source, page, kind, text, box on the page."""

    number: int
    page: int
    kind: str  # body | footnote | rule | link
    text: str
    bbox: tuple[float, float, float, float] | None = None
    markers: tuple[tuple[int, int], ...] = ()  # (offset in text, footnote number), when the reader saw them


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    page: int
    line_start: int
    line_end: int

    def evidence(self, document: str) -> Evidence:
        return Evidence(document, self.line_start, self.line_end, self.text, self.page)


@dataclass(frozen=True)
class Marker:
    """A footnote marker taken out of the prose at ``offset`` of its passage."""

    offset: int
    footnote: Footnote


@dataclass
class Passage:
    """Body text joined from lines, with a map from character offsets back to lines."""

    text: str = ""
    lines: list[Line] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)

    def where(self, start: int, end: int) -> tuple[int, int, int]:
        """(first line, last line, page of the first line) of the characters ``start:end``."""
        first = self.lines[max(bisect.bisect_right(self.starts, start) - 1, 0)]
        last = self.lines[max(bisect.bisect_right(self.starts, max(end - 1, start)) - 1, 0)]
        return first.number, last.number, first.page

    def evidence(self, document: str, start: int, end: int, fuzzy: bool = False) -> Evidence:
        """Where the characters ``start:end`` were read: lines, page, box, the text as printed."""
        first, last, page = self.where(start, end)
        return Evidence(document, first, last, self.text[start:end], page, self.box(start, end), fuzzy)

    def box(self, start: int, end: int) -> tuple[float, float, float, float] | None:
        """The box around the lines of ``start:end`` on the page of the first of them."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = max(bisect.bisect_right(self.starts, max(end - 1, start)) - 1, 0)
        boxes = [ln.bbox for ln in self.lines[first:last + 1] if ln.bbox and ln.page == self.lines[first].page]
        if not boxes:
            return None
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))

    def markers_between(self, start: int, end: int) -> list[Marker]:
        return [m for m in self.markers if start <= m.offset <= end]


@dataclass
class Section:
    heading: str
    heading_line: Line | None
    passage: Passage


@dataclass
class Layout:
    name: str
    lines: list[Line]
    footnotes: list[Footnote]
    sections: list[Section]


_HEADING = re.compile(
    r"^(?:[IVX]+\.\s+\S.*|[A-Z]\.\s+(?:Draft|Consideration|Amendment|Proposal)\b.*|Draft (?:resolution|decision)(?: [IVX]+)?)$"
)
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
_ABBREVIATIONS = {"para", "paras", "No", "Nos", "chap", "sect", "art", "arts", "p", "pp", "vol", "Rev", "Add", "Corr"}

# "in its 20133 and 20152 reports": a year with a marker glued to it
_YEAR_GLUED = re.compile(r"\b((?:19|20)\d{2})(\d{1,2})\b")
# "the 2010, 1  2013 2  and 2015 3  reports", "by the 2010,1 20132 and 20153 reports"
_YEAR_SPACED = re.compile(r"\b(?:19|20)\d{2},?( *)(\d{1,2})(?= +(?:and\b|(?:19|20)\d{2}|reports?\b)|[,;.]|$)")
# "conference room papers before it,1 on", "The voting was as follows:4", "activities1"
_GLUED = re.compile(r"(?:(?<=[A-Za-z][,.;:)”’])|(?<=[a-z]))(\d{1,2})(?=[\s,.;:]|$)")
# "The voting was as follows: 3", "on 1, 2, 5, 6 and 8 November. 2"
_SPACED = re.compile(r"(?<=[A-Za-z][,.;:)”’])( +)(\d{1,2})(?= |$)")


def normalise_space(text: str) -> str:
    """One space for every run of white space, none at the ends."""
    return re.sub(r"\s+", " ", text).strip()


def assemble(name: str, lines: list[Line]) -> Layout:
    """The structure of a document from its classified lines."""
    footnotes = footnotes_of(lines)
    sections: list[Section] = []
    current = Section("", None, Passage())
    for line in lines:
        if line.kind != "body":
            continue
        text = normalise_space(line.text)
        if _HEADING.match(text):
            sections.append(current)
            current = Section(text, line, Passage())
            continue
        _append(current.passage, line, text, footnotes)
    sections.append(current)
    return Layout(name, lines, footnotes, [s for s in sections if s.heading or s.passage.text])


def footnotes_of(lines: list[Line]) -> list[Footnote]:
    """The footnotes among classified lines, numbered as printed."""
    notes: list[Footnote] = []
    parts: list[str] = []
    start: Line | None = None
    number = 0
    last: Line | None = None

    def close() -> None:
        if start is not None and last is not None:
            notes.append(Footnote(number, normalise_space(" ".join(parts)), start.page, start.number, last.number))

    for line in lines:
        if line.kind != "footnote":
            if line.kind != "link":
                close()
                start = None
            continue
        m = _FOOTNOTE_START.match(line.text)
        if m and (start is None or start.page != line.page or int(m.group(1)) > number):
            close()
            number, start, parts = int(m.group(1)), line, [m.group(2)]
        elif start is not None:
            parts.append(line.text)
        last = line
    close()
    return notes


def _resolve(number: int, page: int, footnotes: list[Footnote]) -> Footnote | None:
    """The footnote a marker on ``page`` points to: that page's note, else the latest earlier one."""
    same = [f for f in footnotes if f.number == number and f.page == page]
    if same:
        return same[0]
    earlier = [f for f in footnotes if f.number == number and f.page < page]
    return earlier[-1] if earlier else None


def _append(passage: Passage, line: Line, text: str, footnotes: list[Footnote]) -> None:
    if line.markers:
        found = [(at, note) for at, n in line.markers if (note := _resolve(n, line.page, footnotes))]
    else:
        text, found = take_markers(text, line.page, footnotes)
    if passage.text:
        # "inter-" / "national": only the passage's last characters decide (searching the whole growing text for
        # a hyphen at its end made reading a passage quadratic in its length)
        joiner = "" if re.search(r"[A-Za-z]-$", passage.text[-3:]) else " "
        passage.text += joiner
    offset = len(passage.text)
    passage.starts.append(offset)
    passage.lines.append(line)
    passage.text += text
    passage.markers.extend(Marker(offset + at, note) for at, note in found)


def take_markers(text: str, page: int, footnotes: list[Footnote]) -> tuple[str, list[tuple[int, Footnote]]]:
    """The line without its footnote markers, and where each marker stood."""
    masked = [(m.start(), m.end()) for m in symbols.SYMBOL_RE.finditer(text)]
    cuts: list[tuple[int, int, Footnote]] = []

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in masked + [(c[0], c[1]) for c in cuts])

    def consider(start: int, end: int, digits: str) -> None:
        note = _resolve(int(digits), page, footnotes)
        if note is not None and free(start, end):
            cuts.append((start, end, note))

    for m in _YEAR_GLUED.finditer(text):
        consider(m.start(2), m.end(2), m.group(2))
    for m in _YEAR_SPACED.finditer(text):
        consider(m.start(1), m.end(2), m.group(2))
    for m in _GLUED.finditer(text):
        consider(m.start(1), m.end(1), m.group(1))
    for m in _SPACED.finditer(text):
        word = re.search(r"(\w+)\W$", text[: m.start()])
        if word and word.group(1) in _ABBREVIATIONS:
            continue
        consider(m.start(1), m.end(2), m.group(2))
    out, found, removed = [], [], 0
    position = 0
    for start, end, note in sorted(cuts, key=lambda c: c[0]):
        out.append(text[position:start])
        found.append((start - removed, note))
        removed += end - start
        position = end
    out.append(text[position:])
    cleaned = "".join(out)
    stripped = cleaned.rstrip()
    return stripped, [(min(at, len(stripped)), note) for at, note in found]
