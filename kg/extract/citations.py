"""Citations in the text of a draft, resolution or report, typed by what they cite.

Two ways in: numbers after the word "resolution" or "decision" in the prose or in a footnote, and
document symbols in the footnotes that the prose's markers point to. The numbers come in every form
the UN prints:

- General Assembly: "its resolutions 36/103 of 9 December 1981, 43/78 H of 7 December 1988",
  "resolution ES-10/23", "resolutions 194 (III) of 11 December 1948 and 2200 A (XXI)",
  "decision 72/512", a footnote "Resolution 217 A (III)." or "Resolution 2625 (XXV), annex.";
- Security Council: "Security Council resolution 2334 (2016)", "the Council in its resolution 1850 (2008)"
  (a number with a year in brackets is always the Council's);
- Economic and Social Council: "Economic and Social Council resolution 2025/23";
- Human Rights Council: "Human Rights Council resolutions 5/1 and 5/2".

A number after another body's name ("Commission on Narcotic Drugs resolution 62/1", "World Health
Assembly resolution") is not the Assembly's and is left out. Documents are cited by their symbol,
a joint symbol whole: "A/48/486-S/26560" is one document issued to two organs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg import symbols
from kg.errors import InvalidDate, SourceError
from kg.extract.dates import MONTHS, make_date
from kg.extract.layout import Passage
from kg.model.records import Citation, Evidence

__all__ = ["numbered", "through_footnotes", "by_symbol", "in_note", "scan", "Found", "ROMAN"]

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DATE = r"(\d{1,2}) (" + _MONTH + r") (\d{4})"
_NAMED_DATE = r"(?P<day>\d{1,2}) (?P<month>" + _MONTH + r") (?P<year4>\d{4})"
# One cited number, with its date where printed:
#   "ES-10/23", "S-26/2"                         (emergency special and special sessions)
#   "36/103", "43/78 H", "2025/23"               (session or year / number, a lettered part)
#   "194 (III)", "217 A (III)", "3201 (S-VI)"    (the numbering before the thirty-first session)
#   "2334 (2016)"                                (the Security Council: number and year)
# then ", section VI," and " of 9 December 1981" (" on 30 April 2007") where printed.
_NUMBER = re.compile(
    r"\s*(?<![\w/.\-])(?:"
    r"(?P<special>(?:ES|S)-\d{1,2}/\d{1,3})"
    r"|(?P<number>\d{1,4}/\d{1,4})(?: (?P<letter>[A-Z])(?=[\s,;.)]|$))?"
    r"|(?P<old>\d{1,4})(?: (?P<oletter>[A-Z]))? \((?P<roman>(?:E?S-)?[IVXL]+)\)"
    r"|(?P<sc>\d{1,4}) \((?P<year>(?:19|20)\d{2})\)"
    r")(?![\w/])"
    r"(?:,? (?:section|part) [IVXLC\d]+[A-Z]?,)?"
    r"(?: (?:of|on) " + _NAMED_DATE + r")?"
)
# What may stand between the numbers of one list: "resolutions 70/1 of 25 September 2015, entitled “…”,
# "71/222 of 21 December 2016, in which it proclaimed the period ..., and 77/334", "73/327 of 25 July 2019 on
# the International Year for the Elimination of Child Labour, 2021, 79/158 of 17 December 2024", "57/6 of
# 9 October 2024 on countering cyberbullying and 54/5 of 10 October 2023", "79/158 of 17 December 2024 on child,
# early and forced marriage and 78/188",
# 71/313 and 72/279, as well as its decision …", "resolutions 1325 (2000) of 31 October 2000 on women and
# peace and security, 1738 (2006)", "1514 (XV) of 14 December 1960, containing the Declaration on …, 1541 (XV)"
_BETWEEN = re.compile(
    r"\s*(?:,|;|\band\b|\bor\b|\bas well as\b|\balso\b|\bits\b|\bthe\b|\bentitled\b|\bannex(?:es)?(?: [IVX]+)?"
    r"|\b(?:on|containing|concerning|regarding|(?:in|by) which it) (?:the )?[a-z]"
    r"(?:(?:(?!\d{1,4}/|E?S-\d)[^;“”()]){0,150}?(?= and (?:E?S-)?\d)|[^,;“”()]{0,150}?(?=,| and its\b))"
    r"|\b(?:19|20)\d{2}(?=, ?(?:(?:E?S-)?\d|and\b))"
    r"|\b(?:sections?|parts?|paragraphs?|paras?\.) [IVXLC\d]+[A-Za-z]?(?: (?:and|to) [IVXLC\d]+[A-Za-z]?)?"
    r"|“[^”]{0,400}”|\([^()]{0,200}\)|\bof " + _DATE + r")"
)
# "resolution 71/28 entitled “...”, adopted by the General Assembly on 5 December 2016"
_ADOPTED_ON = re.compile(r" entitled “[^”]*”,? adopted by the General Assembly on " + _DATE)
_NAMED = {"Human Rights Council": "hrc", "Security Council": "sc", "Economic and Social Council": "ecosoc"}
# "resolutions S-35/1, 51/29, ... and 60/21 adopted by the Human Rights Council", "... of the Human Rights Council"
_ORGAN_AFTER = re.compile(r",?\s+(?:adopted by|of) the (Human Rights Council|Security Council|Economic and Social Council)\b")
_CITING_WORD = re.compile(r"\b([Rr]esolutions?|[Dd]ecisions?)\b")
# "the Human Rights Council, in its resolution 5/1": what comes between an organ's name and the word
_IN_ITS = re.compile(r"(?:,? (?:in|by) (?:its|their)|,? its)?\s*$")
# The last word of another body's name: "Commission on Narcotic Drugs resolution", "UNEA resolution"
_OTHER_BODY = {"Commission", "Board", "Conference", "Committee", "Organization", "Forum", "Parties", "Women",
               "Drugs", "Rights", "Justice", "Programme", "Union", "Agency", "Congress", "Summit", "Court",
               "Group", "Bank", "Fund", "Organisation", "Meeting", "Session", "Sessions"}
# "A/56/1026-S/2002/932, annex II, resolution 14/221.", "(A/CONF.219/2023/3), chap. I, resolution 2.": a
# resolution printed inside a cited document (of the conference or organization that document reports)
_INSIDE_DOCUMENT = re.compile(r"(?:\bannex(?: [IVX]+)?|\bchap\. [IVXLC]+|\bsect\. [\w.]+|(?:" + symbols.JOINT_RE.pattern
                              + r")\)?),? $")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


@dataclass(frozen=True)
class Found:
    """One cited text found in a text: its span, kind, normal symbol and the date printed after it."""

    start: int
    end: int
    kind: str
    cited: str
    day: tuple[int, int, int] | None  # (year, month, day) as printed


def _roman(text: str) -> int:
    values = [ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _organ(before: str) -> str | None:
    """Whose resolution the word that follows ``before`` names: ga, sc, ecosoc, hrc, council (unsaid), or
    None for another body."""
    head = before[: _IN_ITS.search(before).start()].rstrip() + " "  # type: ignore[union-attr]
    if _INSIDE_DOCUMENT.search(head):
        return None
    for organ, name in (("hrc", "Human Rights Council "), ("sc", "Security Council "),
                        ("ecosoc", "Economic and Social Council "), ("ga", "General Assembly ")):
        if head.endswith(name):
            return organ
    last = re.search(r"(\S+) $", head)
    word = last.group(1) if last else ""
    if word == "Council":
        return "council"
    if word == "Assembly":  # "the Assembly", "in Assembly resolution", but not "World Health Assembly"
        return None if re.search(r"\b(?!General )[A-Z]\w* Assembly $", head) else "ga"
    if word in _OTHER_BODY or re.fullmatch(r"[A-Z]{2,}", word):
        return None
    return "ga"


def _typed(organ: str, is_decision: bool, m: re.Match[str]) -> tuple[str, str] | None:
    """(kind, normal symbol) of one number after an organ's word, or None where the pair makes no sense."""
    if m.group("sc"):  # "2334 (2016)": only the Security Council numbers its resolutions with the year
        if is_decision or organ not in ("sc", "council", "ga"):
            return None
        return "sc-resolution", symbols.sc_resolution(int(m.group("sc")), int(m.group("year")))
    if organ == "ecosoc":
        if is_decision:
            return None
        if m.group("number") and re.fullmatch(r"(?:19|20)\d{2}/\d+", m.group("number")):
            return "ecosoc-resolution", symbols.ecosoc_resolution(m.group("number"))
        if m.group("old"):  # "155 C (VII)"
            return "ecosoc-resolution", symbols.ecosoc_resolution(f"{m.group('old')}({m.group('roman')})",
                                                                  m.group("oletter"))
        return None
    if organ == "hrc":  # "5/1", "S-28/1" (a special session of the Council)
        number = m.group("special") if m.group("special") and m.group("special").startswith("S-") else m.group("number")
        if is_decision or not number or m.group("letter") or not re.fullmatch(r"(?:S-)?\d{1,2}/\d+", number):
            return None
        return "hrc-resolution", symbols.hrc_resolution(number)
    if organ != "ga":
        return None
    if m.group("special"):
        number, letter = m.group("special"), None
    elif m.group("number"):
        if len(m.group("number").split("/")[0]) > 3:  # "2006/46" is no session of the Assembly
            return None
        number, letter = m.group("number"), m.group("letter")
    else:
        roman = m.group("roman")
        if _roman(roman.rsplit("-", 1)[-1]) > 40:  # not a session of the numbering before 1976
            return None
        number, letter = f"{m.group('old')}({roman})", m.group("oletter")
    if is_decision:  # "decision 72/512", "decision 79/573 B"
        return None if m.group("old") else ("ga-decision", symbols.ga_decision(number, letter))
    return "ga-resolution", symbols.ga_resolution(number, letter)


def scan(text: str) -> list[Found]:
    """Every resolution and decision cited by number in ``text``, in order."""
    masked = [(m.start(), m.end()) for m in symbols.JOINT_RE.finditer(text)]
    found: dict[int, Found] = {}
    for word in _CITING_WORD.finditer(text):
        organ = _organ(text[max(0, word.start() - 80): word.start()])
        if organ is None:
            continue
        is_decision = word.group(1).lower().startswith("decision")
        position = word.end()
        listed: list[tuple[int, int, re.Match[str], tuple[int, int, int] | None]] = []
        while True:
            m = _NUMBER.match(text, position)
            start = next((m.start(g) for g in ("special", "number", "old", "sc") if m.group(g)), 0) if m else 0
            if m and any(a <= start < b for a, b in masked):  # "A/RES/73/27" is a symbol, not a number
                break
            if m:
                end, day = m.end(), None
                if m.group("day"):
                    day = (int(m.group("year4")), MONTHS[m.group("month")], int(m.group("day")))
                else:
                    later = _ADOPTED_ON.match(text, m.end())
                    if later:
                        day = (int(later.group(3)), MONTHS[later.group(2)], int(later.group(1)))
                        end = later.end()
                listed.append((start, end, m, day))
                position = end
                continue
            between = _BETWEEN.match(text, position)
            if between is None or between.end() == position:
                break
            position = between.end()
        # "resolutions S-35/1, 51/29, ... and 60/21 adopted by the Human Rights Council": the organ named after the list
        named_after = _ORGAN_AFTER.match(text, position)
        printed = organ
        if named_after:
            organ = printed = _NAMED[named_after.group(1)]
        elif organ == "council":  # "welcomes Council resolutions 52/28": the Council last named before
            organ = _last_council(text[max(0, word.start() - 600): word.start()])
        for start, end, m, day in listed:
            typed = _typed(printed if m.group("sc") else organ, is_decision, m)
            if typed and start not in found:
                found[start] = Found(start, end, typed[0], typed[1], day)
    return [found[k] for k in sorted(found)]


def _last_council(before: str) -> str:
    """Which Council "the Council" is: the last one the text names before it; "council" where none is named.
    (A number with its year, "Council resolution 2375 (2017)", stays the Security Council's whatever was named.)"""
    named = re.findall(r"(Human Rights|Security|Economic and Social) Council\b", before)
    return _NAMED[named[-1] + " Council"] if named else "council"


def _citations(text: str, citing: str, document: str, footnote: int | None,
               evidence: Callable[[Found], Evidence]) -> list[Citation]:
    out = []
    for f in scan(text):
        when = None
        if f.day:
            try:
                when = make_date(*f.day)
            except InvalidDate as exc:
                e = evidence(f)
                raise SourceError(document, f"{f.cited}: {exc}", rule="valid-date", line=e.line_start,
                                  page=e.page) from None
        out.append(Citation(citing, f.cited, f.kind, when, footnote, evidence(f)))
    return out


def numbered(passage: Passage, citing: str, document: str) -> list[Citation]:
    """Resolutions and decisions cited by number; ``document`` is the source the evidence points to."""
    return _citations(passage.text, citing, document, None, lambda f: passage.evidence(document, f.start, f.end))


def by_symbol(passage: Passage, citing: str, document: str) -> list[Citation]:
    """Documents printed by their symbol in the text itself, not in a footnote: "on the basis of informal
    consultations on draft resolution A/C.2/80/L.21", "the report of the Secretary-General (A/78/298)". The
    document's own symbol (its masthead, its running header) is not a citation."""
    out = []
    for m in symbols.JOINT_RE.finditer(passage.text):
        cited = m.group(0)
        if cited == citing or symbols.normalise(cited) == citing:
            continue
        out.append(Citation(citing, cited, symbols.kind(cited), None, None, passage.evidence(document, m.start(), m.end())))
    return out


def in_note(text: str, evidence: Evidence, citing: str) -> list[Citation]:
    """Documents, resolutions and decisions named in a footnote that a star marks ("* A/80/150.", "* On behalf of
    the States that are members of the Group of 77 and China, taking into account also the provisions of General
    Assembly resolution ES-10/23 of 10 May 2024.")."""
    out = [Citation(citing, m.group(0), symbols.kind(m.group(0)), None, None, evidence)
           for m in symbols.JOINT_RE.finditer(text)]
    return out + _citations(text, citing, evidence.document, None, lambda f: evidence)


def through_footnotes(passage: Passage, citing: str, document: str) -> list[Citation]:
    """Documents, resolutions and decisions named in the footnotes that the passage's markers point to."""
    out = []
    for marker in passage.markers:
        note = marker.footnote
        context = passage.text[max(0, marker.offset - 400): marker.offset + 200]
        for m in symbols.JOINT_RE.finditer(note.text):
            cited = m.group(0)
            kind = symbols.kind(cited)
            if kind == "document":
                if "Official Records" in note.text or note.text.startswith("Ibid."):
                    kind = "official-record"
                elif "Group of Governmental Experts" in context:
                    kind = "gge-report"
            out.append(Citation(citing, cited, kind, None, note.number, note.evidence(document)))
        # "Resolution 217 A (III).", "Resolution 2625 (XXV), annex." as a footnote of its own
        out += _citations(note.text, citing, document, note.number, lambda f: note.evidence(document))
    return out
