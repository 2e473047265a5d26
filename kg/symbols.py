"""UN document symbols: find them in text, normalise them, and tell their kind and session.

>>> kind("A/C.1/73/L.27/Rev.1"), session("A/C.1/73/L.27/Rev.1"), revision("A/C.1/73/L.27/Rev.1")
('draft', 73, 1)
>>> kind("A/RES/43/78 H"), kind("A/HRC/RES/20/8"), kind("A/C.1/73/PV.31")
('ga-resolution', 'hrc-resolution', 'meeting-record')
>>> from_filename("A_RES_73_3-EN.pdf"), from_filename("A_73_505.txt"), from_filename("1971-09-29_A_L.632-EN.pdf")
('A/RES/73/3', 'A/73/505', 'A/L.632')
"""

from __future__ import annotations

import re

__all__ = [
    "SYMBOL_RE",
    "find",
    "normalise",
    "kind",
    "session",
    "revision",
    "committee",
    "from_filename",
    "ga_resolution",
    "ga_decision",
    "hrc_resolution",
    "meeting_record",
    "undocs_url",
]

# "A/C.1/73/L.27/Rev.1", "A/73/505", "A/RES/36/103", "A/HRC/RES/20/8", "A/67/53/Corr.1", "A/C.1/73/CRP.2",
# "A/AC.105/1137", "A/L.632", "FCCC/CP/2015/10/Add.1": an organ, then parts of capitals, numbers or "X.n"
SYMBOL_RE = re.compile(
    r"\b(?:A|S|E|ST|FCCC)(?:/(?:[A-Z][A-Za-z]{0,3}\.\d+|[A-Z]{1,5}|\d+))+(?<=\d)"
)

_COMMITTEES = {
    "C.1": "First Committee",
    "C.2": "Second Committee",
    "C.3": "Third Committee",
    "C.4": "Fourth Committee",
    "C.5": "Fifth Committee",
    "C.6": "Sixth Committee",
}


def find(text: str) -> list[re.Match[str]]:
    """Every symbol in ``text``, in order."""
    return list(SYMBOL_RE.finditer(text))


def normalise(symbol: str) -> str:
    """Remove the spaces a PDF puts into a symbol and unify the case of Rev/Add/Corr.

    >>> normalise(" A/C.1/73/L.27/ rev.1 ")
    'A/C.1/73/L.27/Rev.1'
    """
    s = re.sub(r"\s+", "", symbol)
    s = re.sub(r"/(rev|add|corr)\.", lambda m: "/" + m.group(1).capitalize() + ".", s, flags=re.I)
    return s


def kind(symbol: str) -> str:
    """One of ga-resolution, ga-decision, hrc-resolution, draft, meeting-record, document."""
    if symbol.startswith("A/RES/"):
        return "ga-resolution"
    if symbol.startswith("A/DEC/"):
        return "ga-decision"
    if symbol.startswith("A/HRC/RES/"):
        return "hrc-resolution"
    if re.search(r"/L\.\d+", symbol):
        return "draft"
    if re.search(r"/PV\.\d+", symbol):
        return "meeting-record"
    return "document"


def session(symbol: str) -> int | None:
    """The session number an Assembly symbol carries (its first number after the organ and series).

    >>> session("A/C.1/73/L.27"), session("A/AC.105/1137"), session("A/L.632")
    (73, None, None)
    """
    m = re.match(r"A/(?:[A-Z][A-Za-z.\d]*/)*(\d+)/", symbol)
    return int(m.group(1)) if m else None


def revision(symbol: str) -> int | None:
    m = re.search(r"/Rev\.(\d+)", symbol)
    return int(m.group(1)) if m else None


def committee(symbol: str) -> str | None:
    """The Main Committee named by a symbol's organ part: ``A/C.1/…`` is the First Committee."""
    m = re.match(r"A/(C\.\d)/", symbol)
    return _COMMITTEES[m.group(1)] if m else None


def from_filename(name: str) -> str | None:
    """The symbol spelled in a file name in the UN's form (``A_RES_73_3-EN.pdf``), or None."""
    stem = re.sub(r"(-[A-Z]{2})?\.[A-Za-z]+$", "", name.rsplit("/", 1)[-1])
    candidate = stem.replace("_", "/")
    m = SYMBOL_RE.search(candidate)
    return m.group(0) if m and m.end() == len(candidate) else None


def ga_resolution(number: str, letter: str | None = None) -> str:
    """``ga_resolution("43/78", "H")`` is ``'A/RES/43/78 H'``: the lettered part of an omnibus text."""
    return f"A/RES/{number}" + (f" {letter}" if letter else "")


def ga_decision(number: str) -> str:
    return f"A/DEC/{number}"


def hrc_resolution(number: str) -> str:
    return f"A/HRC/RES/{number}"


def meeting_record(organ: str, session_number: int, meeting: int) -> str:
    """``meeting_record("A/C.1", 73, 31)`` is ``'A/C.1/73/PV.31'``."""
    return f"{organ}/{session_number}/PV.{meeting}"


def undocs_url(symbol: str) -> str:
    """The official address of a document (a lettered resolution part links to its whole text)."""
    return "https://undocs.org/" + symbol.split(" ")[0]
