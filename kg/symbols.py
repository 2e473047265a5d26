"""UN document symbols: find them in text, normalise them, and tell their kind and session.

>>> kind("A/C.1/73/L.27/Rev.1"), session("A/C.1/73/L.27/Rev.1"), revision("A/C.1/73/L.27/Rev.1")
('draft', 73, 1)
>>> kind("A/RES/43/78 H"), kind("A/HRC/RES/20/8"), kind("A/C.1/73/PV.31")
('ga-resolution', 'hrc-resolution', 'meeting-record')
>>> kind("S/RES/2334(2016)"), kind("E/RES/2020/12"), kind("A/48/486-S/26560")
('sc-resolution', 'ecosoc-resolution', 'document')
>>> from_filename("A_RES_73_3-EN.pdf"), from_filename("A_73_505.txt"), from_filename("1971-09-29_A_L.632-EN.pdf")
('A/RES/73/3', 'A/73/505', 'A/L.632')
"""

from __future__ import annotations

import re

__all__ = [
    "SYMBOL_RE",
    "JOINT_RE",
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
    "sc_resolution",
    "ecosoc_resolution",
    "meeting_record",
    "undocs_url",
]

# "A/C.1/73/L.27/Rev.1", "A/73/505", "A/RES/36/103", "A/HRC/RES/20/8", "A/67/53/Corr.1", "A/C.1/73/CRP.2",
# "A/AC.105/1137", "A/L.632", "FCCC/CP/2015/10/Add.1", "A/ES-10/273", "A/RES/ES-10/23", "A/S-12/2": an organ,
# then parts of capitals, numbers, "X.n" or an (emergency) special session "ES-10", "S-12"
SYMBOL_RE = re.compile(
    r"\b(?:A|S|E|ST|FCCC)(?:/(?:[A-Z][A-Za-z]{0,3}\.\d+|E?S-\d+|[A-Z]{1,5}|\d+))+(?<=\d)"
)

# A document issued to two organs at once carries both symbols, joined by a hyphen: "A/48/486-S/26560",
# "A/80/81-E/2025/62". It is one document.
JOINT_RE = re.compile(SYMBOL_RE.pattern + r"(?:-(?=[ASE]/)" + SYMBOL_RE.pattern[2:] + r")*")

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
    """One of ga-resolution, ga-decision, hrc-resolution, sc-resolution, ecosoc-resolution, draft,
    meeting-record, document."""
    if symbol.startswith("A/RES/"):
        return "ga-resolution"
    if symbol.startswith("S/RES/"):
        return "sc-resolution"
    if symbol.startswith("E/RES/"):
        return "ecosoc-resolution"
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


def ga_decision(number: str, letter: str | None = None) -> str:
    """``ga_decision("79/573", "B")`` is ``'A/DEC/79/573 B'``: a lettered part, as printed "decision 79/573 B"."""
    return f"A/DEC/{number}" + (f" {letter}" if letter else "")


def hrc_resolution(number: str) -> str:
    return f"A/HRC/RES/{number}"


def sc_resolution(number: int, year: int) -> str:
    """``sc_resolution(2334, 2016)`` is ``'S/RES/2334(2016)'``, as the Security Council numbers it."""
    return f"S/RES/{number}({year})"


def ecosoc_resolution(number: str, letter: str | None = None) -> str:
    """``ecosoc_resolution("2020/12")`` is ``'E/RES/2020/12'``; ``("155(VII)", "C")`` is ``'E/RES/155(VII) C'``."""
    return f"E/RES/{number}" + (f" {letter}" if letter else "")


def meeting_record(organ: str, session_number: int, meeting: int) -> str:
    """``meeting_record("A/C.1", 73, 31)`` is ``'A/C.1/73/PV.31'``."""
    return f"{organ}/{session_number}/PV.{meeting}"


def undocs_url(symbol: str) -> str:
    """The official address of a document (a lettered resolution part links to its whole text, a joint
    document to its first symbol).

    >>> undocs_url("A/RES/217(III) A"), undocs_url("A/48/486-S/26560"), undocs_url("A/RES/ES-10/23")
    ('https://undocs.org/A/RES/217(III)', 'https://undocs.org/A/48/486', 'https://undocs.org/A/RES/ES-10/23')
    """
    return "https://undocs.org/" + re.sub(r"-(?=[ASE]/).*", "", symbol.split(" ")[0])
