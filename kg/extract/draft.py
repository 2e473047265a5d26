"""The draft parser: a draft as a document of its own (A/C.2/80/L.10, A/80/L.7, A/L.632) into a ``DraftText``.

The heading of a draft as the General Assembly issues it:

    A/C.2/80/L.10                                   (symbol; under "Distr.: Limited" the date of issue)
    Eightieth session
    Second Committee                                (absent for a plenary draft, A/80/L.x)
    Agenda item 16 (a)
    Macroeconomic policy questions: international trade
    and development
        Iraq:* draft resolution
        Unilateral economic measures as a means of political and
        economic coercion against developing countries
    ...
    * On behalf of the States that are members of the Group of 77 and China, ...

The sponsors are the states listed before ": draft resolution", ": draft decision" or ": amendment to
draft resolution A/C.3/80/L.2"; an asterisk after a state's name points to a footnote that may say on
whose behalf it acts (a group of ``kg.reference.groups``). A draft may instead be "submitted by the
Chair of the Committee following informal consultations", "by the President of the General Assembly",
or carry no sponsor at all ("Draft resolution"). Older drafts put the title, in capitals, before the
sponsors (A/L.632, 1971, scanned: its OCR text is read with fuzzy matching of ordinals and names, and
every fuzzy match says so in its evidence).

Where a line is not understood the fact is left out and a ``ReaderWarning`` names the line and rule.
"""

from __future__ import annotations

import re
from datetime import date
from difflib import get_close_matches

from kg import symbols
from kg.errors import SourceError, UnresolvedName
from kg.extract import citations as cite
from kg.extract.dates import DATE_RE, ordinal_words, parse_date
from kg.extract.heading import AGENDA_LINE, agenda_numbers, indent, passage_of, read_items, same_column
from kg.extract.layout import Layout, Line, Passage
from kg.model.records import AgendaItem, DraftText, Evidence, GroupRef, GroupSponsorship, ReaderWarning, StateRef
from kg.reference.groups import ON_BEHALF_OF, Group, Groups
from kg.reference.register import Register

__all__ = ["is_draft", "parse_draft", "revision_of"]

# "Twenty-sixth session", OCR "rrwenty-sixth session"
_SESSION = re.compile(r"\b(\S+) session\b")
# "Iraq:* draft resolution", "... and State of Palestine:** draft decision", "Viet Nam: draft resolution",
# "Russian Federation:* amendment to draft resolution A/80/L.18", "... : amendment to revised draft resolution"
# The stars are read in one atomic pass: "(?:\s*\*+\s*,?)*" alone may split a run of stars or of "* * *" in
# exponentially many ways before it fails (a colon before a row of 22 stars took 0.7 s, each more doubling it).
_MARKER = re.compile(
    r":(?P<stars>(?>(?:\s*\*+\s*,?)*))\s*(?P<kind>(?:revised )?draft (?:resolution|decision)s?|amendments? to\b)"
    r"(?P<kind_stars>\**)"
)
# "Draft resolution submitted by the Vice-Chair of the Committee, Weronika Garbacz (Poland), on the basis of
# informal consultations on draft resolution A/C.2/80/L.21", "Draft decision submitted by the Bureau",
# "Draft resolutions submitted by the Chair of the Committee following informal consultations",
# "Draft resolution submitted by the Chair on the recommendation of the Economic and Social Council
# (resolution 2025/15)", "Draft resolution" (no sponsor)
_OFFICER = re.compile(
    r"(?P<kind>Draft (?:resolution|decision))s?(?: submitted by the (?P<by>President of the General Assembly"
    r"|(?:Vice-)?Chair(?:person)?(?: of the Committee)?|Rapporteur(?: of the Committee)?|Bureau(?: of the \w+ Committee)?)"
    r"(?:,\s*[^,()]+?\s*\([^)]*\))?"
    r"(?:,?\s*(?:following|on the basis of) informal consultations(?: on (?:the )?(?:draft resolution|draft decision)s?"
    r" (?P<basis>" + symbols.SYMBOL_RE.pattern + r"(?:(?:,| and) " + symbols.SYMBOL_RE.pattern + r")*))?)?"
    r"(?:,?\s*on the recommendation of the (?:Economic and Social Council|Human Rights Council|Security Council"
    r"|[A-Z][\w-]*(?: [\w-]+){0,8}? (?:Committee|Commission|Council|Conference|Board))(?: \([^)]*\))?)?"
    r"(?::\s*draft (?:resolution|decision))?)?(?P<stars>\**)"
)
# "amendment to draft resolution 4 recommended by the Second Committee in its report contained in document A/80/555"
_RECOMMENDED = re.compile(
    r"\s*(?:the )?(?:revised )?draft (?:resolution|decision) (?P<place>[IVX]+|\d+) recommended by the [\w ()-]+?"
    r" in its report contained in document (?P<report>" + symbols.SYMBOL_RE.pattern + r")"
)
# "amendment to draft resolution A/C.3/80/L.2", "amendments to revised draft resolution A/C.3/80/L.20/Rev.1"
_AMENDED = re.compile(r"\s*(?:the )?(?:revised )?draft (?:resolution|decision) (?P<symbol>" + symbols.SYMBOL_RE.pattern + ")")
# what ends a draft's title: its first paragraph, an amendment's first instruction, the first part ("A")
_TITLE_END = re.compile(
    r"^(?:\d{1,2}\. |The General Assembly\b|The Economic and Social Council\b|We,? the\b|(?:Delete|Replace|Insert|Add|Amend)\b"
    r"|(?:After|Before|In) (?:the )?(?:\w+ )?(?:operative|preambular|paragraph|annex|title)\b|[A-H]$|Annex\b)"
)
_ORDINALS = [f"{tens}-{unit}" for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
             for unit in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")]
_ORDINALS += ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
              "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
              "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth"]
_COMMITTEE_LINE = re.compile(r"^(?:[A-Z][\w ,-]*Committee|\((?:First|Second|Third|Fourth|Fifth|Sixth) Committee\))$")
# a footnote of the heading: "* On behalf of ...", "** Any changes to the list of sponsors ..."
_STAR_NOTE = re.compile(r"^\s*(\*+)\s*(\S.*)$")
_NUMBERED_NOTE = re.compile(r"^\s*\d{1,3}\s+\S")


def is_draft(layout: Layout, symbol: str) -> bool:
    """A draft by its symbol (``…/L.n``) whose heading names a sponsor, an officer or a kind of draft."""
    if symbols.kind(symbol) != "draft":
        return False
    heading = [normalise(line.text) for line in layout.lines if line.kind == "body" and line.page == 1][:45]
    text = " ".join(heading)
    return bool(_MARKER.search(text)) or any(_OFFICER.match(line) and line.startswith("Draft ") for line in heading)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def revision_of(symbol: str) -> str | None:
    """The symbol a revision revises: ``…/L.20/Rev.1`` revises ``…/L.20``, ``…/Rev.2`` revises ``…/Rev.1``."""
    n = symbols.revision(symbol)
    if not n:
        return None
    base = re.sub(r"/Rev\.\d+", "", symbol)
    return base if n == 1 else f"{base}/Rev.{n - 1}"


def _session(word: str) -> tuple[int | None, bool]:
    """The session of an ordinal in words, and whether it was read only approximately (OCR)."""
    exact = ordinal_words(word)
    if exact is not None:
        return exact, False
    close = get_close_matches(word.lower().strip("~'`"), _ORDINALS, n=2, cutoff=0.85)
    if len(close) == 1:
        return ordinal_words(close[0]), True
    return None, False


class _Reader:
    """The state of reading one draft: its symbol, lines, register, and the warnings met."""

    def __init__(self, layout: Layout, symbol: str, register: Register):
        self.layout, self.symbol, self.register = layout, symbol, register
        self.warnings: list[ReaderWarning] = []
        self.fuzzy = False  # whether the sponsors' names are matched approximately (a scan's OCR text)
        self.unresolved = ""  # why the first try at the list of sponsors failed ("unknown state name '(The)'")

    def warn(self, message: str, rule: str, line: Line | None) -> None:
        self.warnings.append(ReaderWarning(self.symbol, message, rule, line.page if line else None,
                                           line.number if line else None, normalise(line.text) if line else ""))

    def fail(self, message: str, rule: str, line: Line | None) -> SourceError:
        return SourceError(self.symbol, message, rule=rule, page=line.page if line else 1,
                           line=line.number if line else None)


def parse_draft(layout: Layout, symbol: str, content_hash: str, register: Register) -> DraftText:
    """The facts of a draft's heading and what its text cites; a heading that cannot be read raises ``SourceError``."""
    r = _Reader(layout, symbol, register)
    lines = [line for line in layout.lines if line.kind == "body"]
    first_page = [line for line in layout.lines if line.page == 1 and line.kind in ("header", "body")]
    at = next((i for i, line in enumerate(lines) if (m := _SESSION.search(line.text)) and _session(m.group(1))[0]), None)
    if at is None:
        raise r.fail("no session ('Eightieth session') in the draft's heading", "draft-heading", lines[0] if lines else None)
    session_line = lines[at]
    session, _ = _session(_SESSION.search(session_line.text).group(1))  # type: ignore[union-attr]
    assert session is not None
    if symbols.session(symbol) not in (None, session):
        raise r.fail(f"the heading's {normalise(session_line.text)!r} does not match the symbol", "draft-session",
                     session_line)
    when = _date_of_issue(first_page, session_line, session)
    rest = lines[at + 1: at + 120]

    # "Second Committee", "Special Political and Decolonization Committee" / "(Fourth Committee)"
    printed_committee = []
    while rest and _COMMITTEE_LINE.match(normalise(rest[0].text)):
        printed_committee.append(normalise(rest.pop(0).text))
    body = symbols.committee(symbol) or ("General Assembly" if re.match(r"A/(?:\d+/)?L\.", symbol) else None)
    if printed_committee and body and body.split()[0] not in " ".join(printed_committee):
        r.warn(f"the heading names the {' '.join(printed_committee)}, the symbol the {body}", "draft-committee",
               rest[0] if rest else None)

    agenda_line = rest.pop(0) if rest and AGENDA_LINE.match(normalise(rest[0].text)) else None
    numbers = agenda_numbers(normalise(agenda_line.text)) if agenda_line else []
    if agenda_line and not numbers:
        r.warn("an agenda line whose items are not understood", "agenda-item", agenda_line)

    passage = passage_of(rest)
    officer = _officer(passage)
    marker = _MARKER.search(passage.text)
    opening = _opening(passage)
    if marker and opening is not None and marker.start() > opening:
        marker = None
    if officer is not None and (marker is None or officer.start() <= marker.start()):
        start_line = _line_index(passage, officer.start())
        item_lines, sponsors, groups = rest[:start_line], (), ()
        kind = officer.group("kind").lower()
        submitted_by = officer.group("by")
        based_on = tuple(m.group(0) for m in symbols.SYMBOL_RE.finditer(officer.group("basis") or ""))
        after, amends, recommended = officer.end(), None, None
        if passage.text.startswith(" submitted by", after):  # an officer or organ not among those known
            line_index = _line_index(passage, after)
            r.warn("the officer or organ that submitted the draft is not understood", "draft-submitted-by",
                   rest[line_index])
            after = passage.starts[line_index + 1] if line_index + 1 < len(passage.starts) else len(passage.text)
        item_caps = ""
    elif marker is not None:
        colon_line = _line_index(passage, marker.start())
        k = _sponsors_start(r, rest, colon_line, passage, marker.start(), when)
        if k is None:
            raise r.fail(f"the states before ': draft resolution' are not all known names: {r.unresolved}",
                         "known-state-name", rest[colon_line])
        item_lines = rest[:k]
        sponsors, groups = _sponsors(r, passage, passage.starts[k], marker, when)
        kind = marker.group("kind").lower().replace("revised ", "").rstrip("s")
        kind = "amendment" if kind.startswith("amendment") else kind
        submitted_by, based_on = None, ()
        after, amends, recommended = marker.end(), None, None
        if kind == "amendment":
            after, amends, recommended = _amended(r, passage, after, rest)
        item_caps = ""
        # older drafts print the agenda item's title in capitals, centred, before the sponsors (A/L.632, 1971):
        #   "Agenda item 93" / "RESTORATION OF THE LAWFUL RIGHTS OF THE PEOPLE'S REPUBLIC" / "OF CHINA IN THE
        #   UNITED NATIONS" / "Australia, ... and Uruguay: draft resolution"; the draft has no title of its own
        if item_lines and all(_capitals(line.text) for line in item_lines[1 if agenda_line is None else 0:]):
            caps = [line for line in item_lines if _capitals(line.text)]
            item_caps, item_lines = passage_of(caps).text, [line for line in item_lines if line not in caps]
            if agenda_line is None:
                r.warn("a line in capitals before the sponsors and no agenda item it could be the title of",
                       "agenda-item-title", caps[0])
    else:
        raise r.fail("no sponsors before ': draft resolution' and no 'Draft resolution submitted by ...'",
                     "draft-sponsors", rest[0] if rest else session_line)

    # the agenda item's title: the lines in its column under "Agenda item 16 (a)"
    if agenda_line is not None:
        column = [line for line in item_lines if same_column(line, agenda_line)]
        cut = next((i for i, line in enumerate(item_lines) if line not in column or "agenda item" in line.text.lower()),
                   len(item_lines))
        if item_caps and len(numbers) == 1:
            items = (AgendaItem(numbers[0][0], numbers[0][1], item_caps),)
        else:
            items, problem = read_items(numbers, item_lines[:cut])
            if problem:
                r.warn(problem, "agenda-item-title", agenda_line)
    else:
        items = ()
    title = _title(passage, after, rest) or None
    # a draft whose text opens right after the sponsors ("... and Uruguay: draft resolution" / "The General
    # Assembly,") prints no title of its own: nothing is left unread; anything else is a line not understood
    if title is None and not _opens_text(passage, after, rest):
        first = rest[min(_line_index(passage, min(after, max(len(passage.text) - 1, 0))), len(rest) - 1)] if rest else None
        r.warn("no title after the sponsors", "draft-title", first)
    citations = []
    for section in layout.sections:
        citations += cite.numbered(section.passage, symbol, symbol) + cite.through_footnotes(section.passage, symbol, symbol)
        citations += cite.by_symbol(section.passage, symbol, symbol)
    # the heading's notes marked by stars: "* A/80/150.", "* On behalf of ... resolution ES-10/23 of 10 May 2024."
    for text, line in _star_notes(layout).values():
        citations += cite.in_note(text, _note_evidence(symbol, line, text), symbol)
    evidence_end = min(after, len(passage.text))
    evidence_start = passage.starts[len(item_lines)] if len(item_lines) < len(passage.starts) else 0
    return DraftText(
        symbol=symbol,
        source=layout.name,
        content_hash=content_hash,
        session=session,
        agenda_items=items,
        title=title,
        kind=kind,
        date=when,
        sponsors=sponsors,
        citations=tuple(citations),
        evidence=passage.evidence(symbol, evidence_start, evidence_end) if passage.text else
        passage_of([session_line]).evidence(symbol, 0, len(normalise(session_line.text))),
        warnings=tuple(r.warnings),
        body=body,
        groups=groups,
        submitted_by=submitted_by,
        based_on=based_on,
        revision_of=revision_of(symbol),
        amends=amends,
        amends_recommended=recommended,
    )


def _date_of_issue(first_page: list[Line], session_line: Line, session: int) -> date | None:
    """The date under "Distr.: Limited" (before the session line); "~9 September 1971", damaged by a scan, is not read."""
    for line in first_page:
        if line is session_line:
            break
        text = normalise(line.text)
        day = next((d for d in DATE_RE.finditer(text) if d.group(3) and (d.start() == 0 or text[d.start() - 1] == " ")),
                   None)
        if day:
            return parse_date(day.group(1), day.group(2), day.group(3), session)
    return None


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _line_index(passage: Passage, offset: int) -> int:
    """The index (in the passage's lines) of the line that holds ``offset``."""
    i = 0
    while i + 1 < len(passage.starts) and passage.starts[i + 1] <= offset:
        i += 1
    return i


def _officer(passage: Passage) -> re.Match[str] | None:
    """ "Draft resolution submitted by ..." at the start of a line of the heading, if any."""
    for start in passage.starts:
        m = _OFFICER.match(passage.text, start)
        if m:
            return m
    return None


def _opening(passage: Passage) -> int | None:
    m = re.search(r"(?:^| )The General Assembly\b", passage.text)
    return m.start() if m else None


def _sponsors_start(r: _Reader, rest: list[Line], colon_line: int, passage: Passage, colon: int,
                    when: date | None) -> int | None:
    """The first line of the list of sponsors: the lines in the column of the line with the colon, if they are all
    known names; else the first line from which everything up to the colon is a list of known names."""
    k = colon_line
    while k > 0 and same_column(rest[k - 1], rest[colon_line]) and not AGENDA_LINE.match(rest[k - 1].text):
        k -= 1
    # where the lines' positions set the list apart (a column of its own), it cannot start inside that column
    candidates = [k] + [i for i in range(0, k if k > 0 else colon_line + 1) if i != k]
    # a list does not start after a line that ends in "," or "and" ("..., New Zealand, Nicar~gua," / "Philippines, ...");
    # a damaged name (OCR) is matched only when no line starts an exact list
    for strict, fuzzy in ((True, False), (True, True), (False, False), (False, True)):
        for k in candidates:
            if strict and k > 0 and re.search(r"(?:,|\band)\s*$", rest[k - 1].text):
                continue
            text = passage.text[passage.starts[k]: colon].replace("*", " ")
            try:
                r.register.split(text, r.symbol, when, fuzzy=fuzzy)
            except UnresolvedName as exc:
                r.unresolved = r.unresolved or exc.message
                continue
            r.fuzzy = fuzzy
            return k
    return None


def _sponsors(r: _Reader, passage: Passage, start: int, marker: re.Match[str],
              when: date | None) -> tuple[tuple[StateRef, ...], tuple[GroupSponsorship, ...]]:
    """The states listed from ``start`` to the colon, and the groups an asterisk after a name says they act for."""
    listed = passage.text[start: marker.start()]
    found = r.register.split(listed.replace("*", " "), r.symbol, when, fuzzy=r.fuzzy)
    sponsors = tuple(StateRef(f.key, f.printed, passage.evidence(r.symbol, start + f.start, start + f.end, f.fuzzy))
                     for f in found)
    notes = _star_notes(r.layout)
    groups: list[GroupSponsorship] = []
    for i, (f, ref) in enumerate(zip(found, sponsors)):
        gap = listed[f.end: found[i + 1].start if i + 1 < len(found) else len(listed)]
        if i + 1 == len(found):
            gap += marker.group("stars")
            if len(found) > 1 and marker.group("stars").strip() and "*" not in listed[f.end:]:
                continue  # "A, B and C:*": the note is about the list, not about C
        for stars in re.findall(r"\*+", gap):
            note = notes.get(stars)
            if note is None:
                r.warn(f"{ref.printed}{stars}: no footnote {stars} on the first page", "sponsor-footnote",
                       passage.lines[_line_index(passage, start + f.start)])
                continue
            text, line = note
            group = Groups.load().find(text)
            if group is not None:
                groups.append(GroupSponsorship(GroupRef(group.key, group.name, _group_printed(text, group),
                                                        _note_evidence(r.symbol, line, text)), ref))
            elif ON_BEHALF_OF.search(text):
                r.warn(f"{ref.printed} acts on behalf of a group not in the list of groups", "known-group", line)
    return sponsors, tuple(groups)


def _group_printed(note: str, group: Group) -> str:
    """The group's name as the note prints it ("Movement of Non-Aligned Countries")."""
    folded = re.sub(r"\s*-\s*", "-", normalise(note))
    for name in group.printed:
        m = re.search(re.escape(name), folded, re.IGNORECASE)
        if m:
            return m.group(0)
    return group.name


def _note_evidence(symbol: str, line: Line, text: str) -> Evidence:
    return Evidence(symbol, line.number, line.number, text, line.page, line.bbox)


def _star_notes(layout: Layout) -> dict[str, tuple[str, Line]]:
    """The heading's footnotes by their asterisks ("*", "**"), each with its text and first line."""
    notes: dict[str, tuple[str, Line]] = {}
    current: str | None = None
    for line in layout.lines:
        if line.page > 2:
            break
        if line.kind not in ("footnote", "body"):
            continue
        m = _STAR_NOTE.match(line.text)
        # without a rule above them a reader may give the notes as body lines: "* Any changes to the list ..."
        if m and (line.kind == "footnote" or re.match(r"^\s*\*+\s", line.text)):
            current = m.group(1)
            if current not in notes:
                notes[current] = (normalise(m.group(2)), line)
            else:
                current = None
            continue
        # a note goes on in the lines under it (on its page) up to the next note
        if current is not None and line.page == notes[current][1].page and not _NUMBERED_NOTE.match(line.text) and (
                line.kind == "footnote" or notes[current][1].kind == "body"):
            text, first = notes[current]
            notes[current] = (text + " " + normalise(line.text), first)
        else:
            current = None
    return notes


def _amended(r: _Reader, passage: Passage, after: int, rest: list[Line]) -> tuple[int, str | None, tuple[str, str] | None]:
    """After "amendment to": the draft amended (by symbol, or by its place in a Committee's report), and where the
    title starts."""
    m = _AMENDED.match(passage.text, after)
    if m:
        return m.end(), symbols.normalise(m.group("symbol")), None
    m = _RECOMMENDED.match(passage.text, after)
    if m:
        return m.end(), None, (m.group("report"), f"draft resolution {m.group('place')}")
    r.warn("the draft that this amendment amends is not understood", "amended-draft",
           rest[_line_index(passage, after)] if rest else None)
    return after, None, None


def _opens_text(passage: Passage, after: int, rest: list[Line]) -> bool:
    """Whether the line after the sponsors (or the officer) opens the text: "The General Assembly,", "1. ..."."""
    if after >= len(passage.text):
        return False
    i = _line_index(passage, after)
    if passage.text[after: passage.starts[i + 1] if i + 1 < len(passage.starts) else len(passage.text)].strip(" *"):
        return False
    following = next((normalise(line.text) for line in rest[i + 1:] if normalise(line.text)), "")
    return bool(_TITLE_END.match(following))


def _title(passage: Passage, after: int, rest: list[Line]) -> str:
    """The draft's own title: the lines after the sponsors (or the officer), up to its first paragraph."""
    if after >= len(passage.text):
        return ""
    i = _line_index(passage, after)
    tail = passage.text[after: passage.starts[i + 1] if i + 1 < len(passage.starts) else len(passage.text)].strip(" *")
    parts: list[str] = [tail] if tail else []
    first: Line | None = None
    for line in rest[i + 1:]:
        text = normalise(line.text)
        if _TITLE_END.match(text) or text.startswith("*"):
            break
        if first is None:
            first = line
        elif not same_column(line, first):
            break
        if parts and parts[-1].endswith((".", ";")):
            break
        parts.append(text)
    title = ""
    for part in parts:
        title += ("" if re.search(r"[A-Za-z]-$", title) else " ") + part if title else part
    return title.strip()
