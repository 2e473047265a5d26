"""Citations in the text of a draft, resolution or report, typed by what they cite.

Two ways in: numbers in the prose ("its resolutions 36/103 of 9 December 1981, 43/78 H of
7 December 1988", "decision 72/512", "Human Rights Council resolutions 20/8", "resolutions
2453 A (XXIII) of 20 December 1968") and documents reached through footnote markers ("the
2010, 1 2013 2 and 2015 3 reports" with footnotes A/65/201, A/68/98, A/70/174).
"""

from __future__ import annotations

import re
from kg import symbols
from kg.errors import InvalidDate, SourceError
from kg.extract.dates import MONTHS, make_date
from kg.extract.layout import Passage
from kg.model.records import Citation

__all__ = ["numbered", "through_footnotes", "ROMAN"]

_MONTH = "(?:" + "|".join(MONTHS) + ")"
# "36/103 of 9 December 1981", "43/78 H of 7 December 1988", "2453 A (XXIII) of 20 December 1968"
_NUMBER = re.compile(
    r"(?<![\w/.])(?:(\d{1,3}/\d{1,4})(?: ([A-Z])(?=[\s,;]))?|(\d{2,4})(?: ([A-Z]))? \(([IVXL]+)\))"
    r"(?: of (\d{1,2}) (" + _MONTH + r") (\d{4}))?"
)
_CITING_WORD = re.compile(r"(Human Rights Council |Security Council )?\b(resolutions?|decisions?)\b")
# "resolution 71/28 entitled “...”, adopted by the General Assembly on 5 December 2016"
_ADOPTED_ON = re.compile(r"^ entitled “[^”]*”,? adopted by the General Assembly on (\d{1,2}) (" + _MONTH + r") (\d{4})")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(text: str) -> int:
    values = [ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def numbered(passage: Passage, citing: str, document: str) -> list[Citation]:
    """Resolutions and decisions cited by number; ``document`` is the source the evidence points to."""
    text = passage.text
    masked = [(m.start(), m.end()) for m in symbols.SYMBOL_RE.finditer(text)]
    out = []
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in masked):
            continue
        words = list(_CITING_WORD.finditer(text, max(0, m.start() - 600), m.start()))
        if not words or words[-1].group(1) == "Security Council ":
            continue
        word = words[-1]
        number = m.group(1) or f"{m.group(3)}({m.group(5)})"
        letter = m.group(2) or m.group(4)
        if m.group(5) and _roman(m.group(5)) > 40:  # not a session of the pre-1976 numbering
            continue
        if word.group(1):
            kind, cited = "hrc-resolution", symbols.hrc_resolution(number)
        elif word.group(2).startswith("decision"):
            kind, cited = "ga-decision", symbols.ga_decision(number)
        else:
            kind, cited = "ga-resolution", symbols.ga_resolution(number, letter)
        when, end = None, m.end()
        later = _ADOPTED_ON.match(text, m.end())
        try:
            if m.group(6):
                when = make_date(int(m.group(8)), MONTHS[m.group(7)], int(m.group(6)))
            elif later:
                when = make_date(int(later.group(3)), MONTHS[later.group(2)], int(later.group(1)))
                end = later.end()
        except InvalidDate as exc:
            line, _, page = passage.where(m.start(), end)
            raise SourceError(document, f"{number}: {exc}", rule="valid-date", line=line, page=page) from None
        out.append(Citation(citing, cited, kind, when, None, passage.evidence(document, m.start(), end)))
    return out


def through_footnotes(passage: Passage, citing: str, document: str) -> list[Citation]:
    """Documents named in the footnotes that the passage's markers point to."""
    out = []
    for marker in passage.markers:
        note = marker.footnote
        context = passage.text[max(0, marker.offset - 400): marker.offset + 200]
        for m in symbols.SYMBOL_RE.finditer(note.text):
            cited = m.group(0)
            kind = symbols.kind(cited)
            if kind == "document":
                if "Official Records" in note.text or note.text.startswith("Ibid."):
                    kind = "official-record"
                elif "Group of Governmental Experts" in context:
                    kind = "gge-report"
            out.append(Citation(citing, cited, kind, None, note.number, note.evidence(document)))
        # "Resolution 70/1." as a footnote of its own
        for m in re.finditer(r"\b[Rr]esolutions? (\d{1,3}/\d{1,4})\b", note.text):
            out.append(Citation(citing, symbols.ga_resolution(m.group(1)), "ga-resolution", None, note.number,
                                note.evidence(document)))
    return out
