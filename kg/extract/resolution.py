"""The resolution parser: a General Assembly resolution as published (A/RES/73/6) into a ``Resolution``.

Its first page says the session ("Seventy-third session"), the agenda item(s) ("Agenda item 30"),
the date ("Resolution adopted by the General Assembly on 26 October 2018"), where it came from
("[without reference to a Main Committee (A/73/L.6 and A/73/L.6/Add.1)]" or "[on the report of
the First Committee (A/73/505)]"), its number and title ("73/6. Fiftieth anniversary of ..."); it
ends with the plenary meeting ("26th plenary meeting").
"""

from __future__ import annotations

import re

from kg import symbols
from kg.errors import SourceError
from kg.extract import citations as cite
from kg.extract.dates import DATE_RE, MONTHS, ordinal_words, parse_date
from kg.extract.layout import Layout
from kg.model.records import Resolution

__all__ = ["is_resolution", "parse_resolution", "agenda_items"]

_MONTH = "(?:" + "|".join(MONTHS) + ")"
# "Seventy-third session"
_SESSION = re.compile(r"\b([A-Z][a-z]+(?:-[a-z]+)?) session\b")
# "Agenda item 30", "Agenda items 15 and 116"
_AGENDA = re.compile(r"\bAgenda items? (\d+[a-z]?(?:(?:, | and )\d+[a-z]?)*)")
# "Resolution adopted by the General Assembly on 26 October 2018"
_ADOPTED = re.compile(r"Resolution adopted by the General Assembly on (\d{1,2} " + _MONTH + r" \d{4})")
# "[without reference to a Main Committee (A/73/L.6 and A/73/L.6/Add.1)]", "[on the report of the First Committee (A/73/505)]"
_BASIS = re.compile(r"\[(without reference to a Main Committee|on the report of the (\w+ Committee)) \(([^)]*)\)\]")
# "73/6. Fiftieth anniversary of the first United Nations Conference ... The General Assembly,"
_TITLE = re.compile(r"\b(\d{1,3}/\d{1,4}(?: [A-Z])?)\. (.+?) The General Assembly\b")
# "26th plenary meeting"
_MEETING = re.compile(r"\b(\d+)(?:st|nd|rd|th) plenary meeting\b")


def is_resolution(layout: Layout, symbol: str) -> bool:
    return symbols.kind(symbol) == "ga-resolution" and any(
        "Resolution adopted by the General Assembly" in s.passage.text for s in layout.sections
    )


def agenda_items(text: str) -> tuple[int, ...]:
    m = _AGENDA.search(text)
    return tuple(int(re.match(r"\d+", n).group(0)) for n in re.split(r", | and ", m.group(1))) if m else ()  # type: ignore[union-attr]


def parse_resolution(layout: Layout, symbol: str, content_hash: str, register: object) -> Resolution:
    """The header facts and citations of a resolution; a missing header fact raises ``SourceError``."""
    passage = layout.sections[0].passage
    text = passage.text

    def need(pattern: re.Pattern[str], what: str) -> re.Match[str]:
        m = pattern.search(text)
        if m is None:
            raise SourceError(symbol, f"no {what} in the resolution's heading", rule="resolution-heading",
                              page=1, line=passage.lines[0].number if passage.lines else None)
        return m

    session_words = need(_SESSION, "session ('Seventy-third session')")
    session = ordinal_words(session_words.group(1))
    if session is None or session != (symbols.session(symbol) or session):
        raise SourceError(symbol, f"the {session_words.group(1)} session does not match the symbol",
                          rule="resolution-session")
    adopted = need(_ADOPTED, "date of adoption ('Resolution adopted by the General Assembly on …')")
    day = DATE_RE.search(adopted.group(1))
    title = need(_TITLE, "number and title ('73/6. …')")
    if symbols.ga_resolution(title.group(1)) != symbol:
        raise SourceError(symbol, f"the heading numbers the text {title.group(1)}, not {symbol}",
                          rule="resolution-number")
    basis = _BASIS.search(text)
    drafts = tuple(m.group(0) for m in symbols.SYMBOL_RE.finditer(basis.group(3))) if basis else ()
    committee = basis.group(2) if basis and basis.group(2) else None
    report = drafts[0] if committee and drafts else None
    meetings = list(_MEETING.finditer(text))  # the last one signs the text: "26th plenary meeting"
    citations = cite.numbered(passage, symbol, symbol) + cite.through_footnotes(passage, symbol, symbol)
    assert day is not None
    return Resolution(
        symbol=symbol,
        source=layout.name,
        content_hash=content_hash,
        session=session,
        agenda_items=agenda_items(text),
        title=re.sub(r"\s+", " ", title.group(2)).strip(),
        adopted=parse_date(day.group(1), day.group(2), day.group(3), session),
        drafts=() if committee else drafts,
        committee=committee,
        committee_report=report,
        meeting=int(meetings[-1].group(1)) if meetings else None,
        citations=tuple(citations),
        evidence=passage.evidence(symbol, title.start(), title.end()),
    )
