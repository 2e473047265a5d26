"""The resolution parser: a General Assembly resolution as published (A/RES/80/100) into a ``Resolution``.

Its first page says the session and the agenda items with their titles (the heading of
``kg.extract.heading``), then

    Resolution adopted by the General Assembly
    on 5 December 2025
    [on the report of the Special Political and Decolonization Committee
    (Fourth Committee) (A/80/537, para. 15)]
    80/100. Question of Saint Helena

or "[without reference to a Main Committee (A/73/L.6 and A/73/L.6/Add.1)]"; the text ends with the
plenary meeting that adopted it ("55th plenary meeting", "55th (resumed) plenary meeting").
A line of the heading that is not understood leaves its fact out, with a warning: the reader never
states "without reference to a Main Committee" unless the heading says so.
"""

from __future__ import annotations

import re

from kg import symbols
from kg.errors import SourceError
from kg.extract import citations as cite
from kg.extract.dates import DATE_RE, MONTHS, ordinal_words, parse_date
from kg.extract.heading import AGENDA_LINE, SESSION_LINE, agenda_numbers, passage_of, read_items, same_column
from kg.extract.layout import Layout, Line, Passage, normalise_space
from kg.model.records import AgendaItem, ReaderWarning, Resolution

__all__ = ["is_resolution", "parse_resolution", "agenda_items", "basis_of", "COMMITTEES"]

_MONTH = "(?:" + "|".join(MONTHS) + ")"
# "Resolution adopted by the General Assembly on 26 October 2018"
_ADOPTED = re.compile(r"Resolution adopted by the General Assembly on (\d{1,2} " + _MONTH + r" \d{4})")
# "73/6. Fiftieth anniversary of the first United Nations Conference ... The General Assembly,"
_TITLE = re.compile(r"(?:^| )(\d{1,3}/\d{1,4}(?: [A-Z])?)\. (.+?) The General Assembly\b")
# "26th plenary meeting", "55th (resumed) plenary meeting"
_MEETING = re.compile(r"\b(\d+)(?:st|nd|rd|th) (\(resumed\) )?plenary meeting\b")
# "[without reference to a Main Committee (A/73/L.6 and A/73/L.6/Add.1)]"
_WITHOUT = re.compile(r"^\[without reference to a Main Committee \(([^)]*)\)\]$")
# "[on the report of the First Committee (A/73/505)]", "[on the report of the Second Committee (A/80/555, para. 7)]",
# "[on the report of the Special Political and Decolonization Committee (Fourth Committee) (A/79/422, para. 10)]"
_ON_REPORT = re.compile(
    r"^\[on the report of the (?P<committee>(?:First|Second|Third|Fourth|Fifth|Sixth) Committee"
    r"|Special Political and Decolonization Committee \(Fourth Committee\)|Special Political Committee)"
    r" \((?P<report>" + symbols.SYMBOL_RE.pattern + r")(?:, paras?\. (?P<paragraph>\d+)(?:[-–]\d+| and \d+)?)?\)\]$"
)
# The Main Committees by the names a heading prints, as the graph names them
COMMITTEES = {
    "Special Political and Decolonization Committee (Fourth Committee)": "Fourth Committee",
}


def is_resolution(layout: Layout, symbol: str) -> bool:
    return symbols.kind(symbol) == "ga-resolution" and any(
        "Resolution adopted by the General Assembly" in s.passage.text for s in layout.sections
    )


def agenda_items(text: str) -> tuple[int, ...]:
    """The numbers of the agenda items a heading's text names ("Agenda items 15 and 116")."""
    m = re.search(r"\b(?:Agenda items? [\d, and()a-z]+|Items? [\d, and()a-z]+ of the (?:provisional )?agenda)", text)
    return tuple(dict.fromkeys(n for n, _ in agenda_numbers(m.group(0).strip()))) if m else ()


def basis_of(bracket: str) -> tuple[bool, str | None, str | None, int | None, tuple[str, ...]] | None:
    """What a resolution's bracketed line says it was adopted on: (without reference, committee, report,
    paragraph, plenary drafts), or None when the line is not understood.

    >>> basis_of("[on the report of the Special Political and Decolonization Committee (Fourth Committee) "
    ...          "(A/79/422, para. 10)]")
    (False, 'Fourth Committee', 'A/79/422', 10, ())
    >>> basis_of("[without reference to a Main Committee (A/80/L.7 and A/80/L.7/Add.1)]")
    (True, None, None, None, ('A/80/L.7', 'A/80/L.7/Add.1'))
    >>> basis_of("[without reference to a Main Committee (A/80/547, para. 17)]")
    (True, None, 'A/80/547', 17, ())
    """
    text = normalise_space(bracket)
    m = _WITHOUT.match(text)
    if m:
        # "(A/80/L.7 and A/80/L.7/Add.1)": the plenary drafts; "(A/80/547, para. 17)": the report of a committee
        # that is not a Main Committee (the Credentials Committee), and its paragraph
        printed = [symbols.normalise(s.group(0)) for s in symbols.SYMBOL_RE.finditer(m.group(1))]
        drafts = tuple(s for s in printed if symbols.kind(s) == "draft")
        reports = [s for s in printed if symbols.kind(s) != "draft"]
        paragraph = re.search(r"\bparas?\. (\d+)", m.group(1))
        return (True, None, reports[0] if reports else None, int(paragraph.group(1)) if paragraph and reports else None,
                drafts)
    m = _ON_REPORT.match(text)
    if m:
        committee = COMMITTEES.get(m.group("committee"), m.group("committee"))
        paragraph = int(m.group("paragraph")) if m.group("paragraph") else None
        return False, committee, symbols.normalise(m.group("report")), paragraph, ()
    return None


def parse_resolution(layout: Layout, symbol: str, content_hash: str, register: object) -> Resolution:
    """The heading facts and citations of a resolution; a missing heading fact raises ``SourceError``, a heading line
    not understood leaves its fact out with a ``ReaderWarning``."""
    passage = layout.sections[0].passage
    text = passage.text
    warnings: list[ReaderWarning] = []
    body = [line for line in layout.lines if line.kind == "body"]

    def fail(what: str, rule: str, line: Line | None = None) -> SourceError:
        line = line or (passage.lines[0] if passage.lines else None)
        return SourceError(symbol, what, rule=rule, page=line.page if line else 1, line=line.number if line else None)

    def warn(message: str, rule: str, line: Line | None) -> None:
        warnings.append(ReaderWarning(symbol, message, rule, line.page if line else None, line.number if line else None,
                                      normalise_space(line.text) if line else ""))

    at = next((i for i, line in enumerate(body) if SESSION_LINE.match(normalise_space(line.text))), None)
    if at is None:
        raise fail("no session ('Seventy-third session') in the resolution's heading", "resolution-heading")
    session_line = body[at]
    words = SESSION_LINE.match(normalise_space(session_line.text)).group(1)  # type: ignore[union-attr]
    session = ordinal_words(words)
    if session is None or session != (symbols.session(symbol) or session):
        raise fail(f"the {words} session does not match the symbol", "resolution-session", session_line)
    adopted = _ADOPTED.search(text)
    if adopted is None:
        raise fail("no date of adoption ('Resolution adopted by the General Assembly on …') in the heading",
                   "resolution-heading")
    day = DATE_RE.search(adopted.group(1))
    assert day is not None
    title = _TITLE.search(text, adopted.end())
    if title is None:
        raise fail("no number and title ('73/6. …') in the resolution's heading", "resolution-heading")
    if symbols.ga_resolution(title.group(1)) != symbol and symbols.ga_resolution(title.group(1)).split(" ")[0] != symbol:
        raise fail(f"the heading numbers the text {title.group(1)}, not {symbol}", "resolution-number",
                   _line_at(passage, title.start()))

    # the agenda items and their titles: the lines between the session and "Resolution adopted by ..."
    heading = []
    for line in body[at + 1:]:
        if normalise_space(line.text).startswith("Resolution adopted by"):
            break
        heading.append(line)
    agenda_at = next((i for i, line in enumerate(heading) if AGENDA_LINE.match(normalise_space(line.text))), None)
    items: tuple[AgendaItem, ...] = ()
    if agenda_at is not None:
        agenda_line = heading[agenda_at]
        numbers = agenda_numbers(normalise_space(agenda_line.text))
        if not numbers:
            warn("an agenda line whose items are not understood", "agenda-item", agenda_line)
        title_lines = [line for line in heading[agenda_at + 1:] if same_column(line, agenda_line)]
        items, problem = read_items(numbers, title_lines)
        if problem:
            warn(problem, "agenda-item-title", agenda_line)

    # "[on the report of ...]" or "[without reference to a Main Committee (...)]", from "[" to "]"
    start = text.find("[", adopted.end(), title.start())
    without, committee, report, paragraph, drafts = None, None, None, None, ()
    if start < 0:
        warn("no line '[on the report of …]' or '[without reference to a Main Committee …]' after the date of adoption",
             "resolution-basis", _line_at(passage, adopted.end()))
    else:
        end = text.find("]", start, title.start())
        basis = basis_of(text[start: end + 1]) if end > 0 else None
        if basis is None:
            warn("the line after the date of adoption is neither '[on the report of the … Committee (…)]' nor "
                 "'[without reference to a Main Committee (…)]'", "resolution-basis", _line_at(passage, start))
        else:
            without, committee, report, paragraph, drafts = basis

    # the last meeting line signs the text: "26th plenary meeting"
    meetings = [m for line in body if (m := _MEETING.search(normalise_space(line.text)))]
    meeting = meetings[-1] if meetings else None
    if meeting is None:
        warn("no plenary meeting ('26th plenary meeting') at the end of the text", "resolution-meeting", body[-1])
    citations = []
    for section in layout.sections:
        citations += cite.numbered(section.passage, symbol, symbol) + cite.through_footnotes(section.passage, symbol,
                                                                                             symbol)
        # a document printed by its symbol in the text; the heading's report and plenary drafts ("[on the report of
        # the Second Committee (A/80/555, para. 7)]", "[without reference to a Main Committee (A/80/L.11)]") are
        # what the resolution was adopted on, recorded as such, not citations
        citations += [c for c in cite.by_symbol(section.passage, symbol, symbol)
                      if c.cited != report and c.cited not in drafts]
    return Resolution(
        symbol=symbol,
        source=layout.name,
        content_hash=content_hash,
        session=session,
        agenda_items=items,
        title=re.sub(r"\s+", " ", title.group(2)).strip(),
        adopted=parse_date(day.group(1), day.group(2), day.group(3), session),
        drafts=drafts,
        committee=committee,
        committee_report=report,
        meeting=int(meeting.group(1)) if meeting else None,
        citations=tuple(citations),
        evidence=passage.evidence(symbol, title.start(), title.end()),
        warnings=tuple(warnings),
        without_reference=without,
        paragraph=paragraph,
        meeting_resumed=bool(meeting and meeting.group(2)),
    )


def _line_at(passage: Passage, offset: int) -> Line | None:
    if not passage.lines:
        return None
    i = 0
    while i + 1 < len(passage.starts) and passage.starts[i + 1] <= offset:
        i += 1
    return passage.lines[i]
